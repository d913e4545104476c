"""Shown when the kiosk cannot safely accept requests (storage failed, taken out of service).

It says why when the hold gives a public reason (an operator's or a technician's words,
in both languages), and always that nothing already accepted is lost.
"""

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
        self.reason = label("subtitle")
        self.reason.setWordWrap(True)
        self.reason.hide()
        self.body = label("subtitle")
        self.hint = label("hint")
        self._reason_en = ""
        self._reason_ar = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 96, 96, 96)
        layout.setSpacing(32)
        layout.addStretch(1)
        for widget in (self.title, self.reason, self.body, self.hint):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(2)

    def show_reason(self, reason_en: str, reason_ar: str) -> None:
        """The public reason of the hold, in the screen's language (empty: none shown)."""
        self._reason_en, self._reason_ar = reason_en, reason_ar
        self.retranslate()

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        if self.language_code() == "ar":
            reason = self._reason_ar or self._reason_en
        else:
            reason = self._reason_en or self._reason_ar
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
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
