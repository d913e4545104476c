"""An honest placeholder for a service whose journey is not at this kiosk yet.

It says plainly that the service cannot be done here today and where it can be done,
rather than pretending with a flow that goes nowhere.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.screens.base import Screen, button, label


class ComingScreen(Screen):
    """Tells the beneficiary this service is coming to the kiosk, and what to do now."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.name = service
        self.service = service
        self.title = label("title")
        self.body = label()
        self.hint = label("hint")
        self.home_button = button("primary")
        self.home_button.clicked.connect(lambda: self.navigate.emit("home"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 64, 96, 64)
        layout.setSpacing(32)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addWidget(self.home_button, alignment=Qt.AlignmentFlag.AlignHCenter)

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        titles = {
            "issue": translate("ComingScreen", "Issue a licence"),
            "track": translate("ComingScreen", "Inquire about and track a transaction"),
            "pay": translate("ComingScreen", "Pay fees and bills"),
            "licences": translate("ComingScreen", "My licences"),
        }
        self.title.setText(titles.get(self.service, self.service))
        self.body.setText(translate(
            "ComingScreen",
            "This service is coming to the self-service kiosk soon. It cannot be completed "
            "here yet.",
        ))
        self.hint.setText(translate(
            "ComingScreen",
            "Meanwhile you can use the municipality's electronic services, or visit an "
            "e-government service office.",
        ))
        self.home_button.setText(translate("ComingScreen", "Back to the services"))

    def help_text(self) -> str:
        return QCoreApplication.translate(
            "ComingScreen", "This service cannot be completed at the kiosk yet. Tap Back to "
            "the services to choose another, or call staff for where to go.")
