"""Shown when the kiosk cannot safely accept requests (storage failed, taken out of service)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.screens.base import Screen, label


class OutOfServiceScreen(Screen):
    """Apologises, says nothing was lost, and points to another kiosk or office."""

    name = "out_of_service"
    show_navigation = False

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.body = label("subtitle")
        self.hint = label("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 96, 96, 96)
        layout.setSpacing(32)
        layout.addStretch(1)
        for widget in (self.title, self.body, self.hint):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(2)

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.title.setText(
            translate("OutOfServiceScreen", "This kiosk is temporarily out of service")
        )
        self.body.setText(translate(
            "OutOfServiceScreen",
            "Requests already accepted here are kept safely and will be sent to the "
            "municipality.",
        ))
        self.hint.setText(translate(
            "OutOfServiceScreen",
            "Please use another kiosk or visit the nearest municipality branch. "
            "A technician has been notified.",
        ))

    def help_text(self) -> str:
        return QCoreApplication.translate(
            "OutOfServiceScreen", "This kiosk cannot take requests now. Nothing you sent "
            "before is lost. Staff can direct you to another kiosk or to the counter.")
