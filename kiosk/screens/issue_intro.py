"""Before the licence application: what the beneficiary will need, and how long it takes.

GOV.UK's "start page" pattern: nobody should discover half way through that the lease
contract number is at home. The page is shown before the licence-type page; its Start
button opens the application.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.screens.base import Screen, button, label

translate = QCoreApplication.translate


class IssueIntroScreen(Screen):
    """"What you will need, and how long it takes", then Start."""

    name = "issue_intro"

    def __init__(self, start: Callable[[], None]) -> None:
        super().__init__()
        self.title = label("title")
        self.need_heading = label("subtitle")
        self.needs = label()
        self.needs.setObjectName("issue-intro-needs")
        self.time_heading = label("subtitle")
        self.time = label()
        self.fee = label("hint")
        self.start_button = button("primary")
        self.start_button.setObjectName("issue-intro-start")
        self.start_button.clicked.connect(start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 32, 96, 32)
        layout.setSpacing(20)
        for widget in (self.title, self.need_heading, self.needs, self.time_heading, self.time,
                       self.fee):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.start_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(translate("IssueIntro", "Before you start"))
        self.need_heading.setText(translate("IssueIntro", "What you will need"))
        items = (
            translate("IssueIntro", "Your national ID or Iqama number"),
            translate("IssueIntro", "The mobile phone registered to it in Absher, to receive "
                                    "a code by text message"),
            translate("IssueIntro", "The commercial registration number of the business"),
            translate("IssueIntro", "The shop's lease contract number (from Ejar) and its "
                                    "area in square metres"),
            translate("IssueIntro", "A bank card (mada, Visa or Mastercard) if you want to "
                                    "pay the fee today"),
        )
        self.needs.setText("\n".join(f"•  {item}" for item in items))
        self.time_heading.setText(translate("IssueIntro", "How long it takes"))
        self.time.setText(translate(
            "IssueIntro", "About 10 minutes at the kiosk. The municipality then reviews "
            "your application; you can follow it with the transaction number you receive."))
        self.fee.setText(translate(
            "IssueIntro", "The fee is shown before you send anything. You can pay it here "
            "at the end, or later."))
        self.start_button.setText(translate("IssueIntro", "Start"))

    def help_text(self) -> str:
        return translate(
            "IssueIntro", "Check you have everything on this list, then tap Start. If a "
            "number is missing, you can come back later: nothing is kept once you leave.")
