"""Who are you: three one-question pages (ID, mobile, SMS code) over IdentifyFlow.

Identification is a step of the journey that asked for it: the journey hands over its
named steps (`stages`), so the indicator goes on counting ("Step 2 of 5: Your identity
(1 of 3)") instead of starting a count of its own. A mistake shows in the error summary at
the top and under the field; a service problem in the same summary box.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QVBoxLayout

from kiosk.domain.identifiers import IdProblem
from kiosk.domain.text import isolate_ltr
from kiosk.flows.identify import IdentifyFlow, IdentifyStep
from kiosk.flows.progress import Progress, Stage
from kiosk.i18n.plural import counted
from kiosk.screens.base import Screen
from kiosk.screens.forms import FieldPage
from kiosk.screens.stages import show_progress
from kiosk.widgets.fields import FieldKind
from kiosk.widgets.layout import PageStack
from kiosk.widgets.steps import StepIndicator
from kiosk.widgets.summary import ErrorSummary

translate = QCoreApplication.translate


def id_problem_text(problem: IdProblem) -> str:
    texts = {
        IdProblem.EMPTY: translate("Identify", "Enter your national ID or iqama number."),
        IdProblem.NOT_DIGITS: translate("Identify", "Use digits only."),
        IdProblem.WRONG_LENGTH: translate("Identify", "The number must be exactly 10 digits."),
        IdProblem.WRONG_PREFIX: translate(
            "Identify", "A national ID starts with 1 and an iqama number with 2."),
        IdProblem.BAD_CHECK_DIGIT: translate(
            "Identify", "This number is not valid. Check each digit against your card."),
    }
    return texts[problem]


def mobile_problem_text(problem: IdProblem) -> str:
    texts = {
        IdProblem.EMPTY: translate("Identify", "Enter your mobile number."),
        IdProblem.NOT_DIGITS: translate("Identify", "Use digits only."),
        IdProblem.WRONG_LENGTH: translate(
            "Identify", "A Saudi mobile number has 10 digits and starts with 05."),
        IdProblem.WRONG_PREFIX: translate("Identify", "A Saudi mobile number starts with 05."),
        IdProblem.BAD_CHECK_DIGIT: translate("Identify", "This number is not valid."),
    }
    return texts[problem]


class IdentifyScreen(Screen):
    """Renders IdentifyFlow; when it is done, goes on to `next_screen`."""

    name = "identify"

    def __init__(self, flow: IdentifyFlow) -> None:
        super().__init__()
        self.flow = flow
        self.next_screen = "home"
        # The named steps of the journey that asked for identification ((): none).
        self.stages: tuple[Stage, ...] = ()
        self.steps = StepIndicator()
        self.summary = ErrorSummary()
        self.id_page = FieldPage(FieldKind.NATIONAL_ID)
        self.mobile_page = FieldPage(FieldKind.MOBILE)
        self.otp_page = FieldPage(FieldKind.OTP)
        self.pages = PageStack()
        for page in (self.id_page, self.mobile_page, self.otp_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 16, 96, 16)
        layout.setSpacing(8)
        layout.addWidget(self.steps)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)

        self.id_page.continue_button.clicked.connect(
            lambda: flow.submit_id(self.id_page.field.text()))
        self.mobile_page.continue_button.clicked.connect(
            lambda: flow.submit_mobile(self.mobile_page.field.text()))
        self.otp_page.continue_button.clicked.connect(
            lambda: flow.submit_otp(self.otp_page.field.text()))
        self.otp_page.extra_button.show()
        self.otp_page.extra_button.clicked.connect(flow.resend)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._render_resend)
        flow.subscribe(self.refresh)

    def refresh(self) -> None:
        flow = self.flow
        if flow.done:
            self._countdown.stop()
            # A finished identification steps out of the history: Back from the next
            # screen must not land here and bounce straight forward again.
            self.replace_with.emit(self.next_screen)
            return
        page = {IdentifyStep.NATIONAL_ID: self.id_page, IdentifyStep.MOBILE: self.mobile_page,
                IdentifyStep.OTP: self.otp_page}[flow.step]
        self.pages.setCurrentWidget(page)
        self._render_progress()
        for each in (self.id_page, self.mobile_page, self.otp_page):
            each.continue_button.setEnabled(not flow.busy)
        if flow.step is IdentifyStep.OTP:
            self._countdown.start()
        else:
            self._countdown.stop()
        self.retranslate()
        page.field.setFocus()

    def _render_progress(self) -> None:
        stages = self.stages if Stage.IDENTITY in self.stages else (Stage.IDENTITY,)
        show_progress(self.steps, Progress(stages, Stage.IDENTITY,
                                           self.pages.currentIndex() + 1, self.pages.count()))

    def _render_messages(self) -> None:
        """Problems and notices, in the language on screen now (re-run on a switch)."""
        flow = self.flow
        language = self.language_code()
        problems = {
            self.id_page: id_problem_text(flow.id_problem) if flow.id_problem else None,
            self.mobile_page: (mobile_problem_text(flow.mobile_problem)
                               if flow.mobile_problem else None),
            self.otp_page: flow.otp_notice.text(language) if flow.otp_notice else None,
        }
        for page, text in problems.items():
            page.set_error(text)
        current = self.pages.currentWidget()
        shown = problems.get(current) if isinstance(current, FieldPage) else None
        if flow.notice:
            self.summary.show_message(
                translate("Identify", "The code could not be sent or checked"),
                flow.notice.text(language))
        elif shown and isinstance(current, FieldPage):
            self.summary.show_problems(None, [shown], current.field)
        else:
            self.summary.clear()

    def _render_resend(self) -> None:
        left = self.flow.resend_in()
        self.otp_page.extra_button.setEnabled(left == 0 and not self.flow.busy)
        if left:
            self.otp_page.extra_button.setText(
                counted("Identify", "Send a new code in %n second(s)", left))
        else:
            self.otp_page.extra_button.setText(translate("Identify", "Send a new code"))
            self._countdown.stop()

    def retranslate(self) -> None:
        self._render_progress()
        self.id_page.title.setText(translate("Identify", "Your national ID or iqama number"))
        self.id_page.hint.setText(translate(
            "Identify", "10 digits, as printed on your card. We use it to find your licences "
            "and transactions."))
        self.id_page.field_label.setText(translate("Identify", "National ID or iqama number"))
        self.mobile_page.title.setText(translate("Identify", "Your mobile number"))
        self.mobile_page.hint.setText(translate(
            "Identify", "The mobile registered with the municipality. We will send a "
            "verification code to it by SMS."))
        self.mobile_page.field_label.setText(translate("Identify", "Mobile number (05XXXXXXXX)"))
        self.otp_page.title.setText(translate("Identify", "Enter the verification code"))
        masked = self.flow.challenge.mobile_masked if self.flow.challenge else ""
        self.otp_page.hint.setText(
            translate("Identify", "We sent a 6-digit code by SMS to %1.")
            .replace("%1", isolate_ltr(masked)))
        self.otp_page.field_label.setText(translate("Identify", "Verification code"))
        for page in (self.id_page, self.mobile_page):
            page.continue_button.setText(translate("Identify", "Continue"))
        self.otp_page.continue_button.setText(translate("Identify", "Verify"))
        self._render_resend()
        self._render_messages()

    def handle_back(self) -> bool:
        return self.flow.back()

    def entered(self) -> None:
        self.refresh()

    def help_text(self) -> str:
        step = self.flow.step
        if step is IdentifyStep.MOBILE:
            return translate(
                "IdentifyHelp", "Type the mobile number registered to your ID in Absher, "
                "starting with 05. A code will be sent to it by text message.")
        if step is IdentifyStep.OTP:
            return translate(
                "IdentifyHelp", "Type the code from the text message just sent to your "
                "mobile. If it has not arrived, wait a moment, then ask for a new one.")
        return translate(
            "IdentifyHelp", "Type your national ID or Iqama number: ten digits, starting "
            "with 1 for citizens or 2 for residents. It is on the front of your card.")

    def reset(self) -> None:
        self._countdown.stop()
        self.flow.reset()
        for page in (self.id_page, self.mobile_page, self.otp_page):
            page.clear()
        self.summary.clear()
