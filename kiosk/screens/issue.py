"""Issue a licence on the touch screen: renders IssueFlow's step, forwards touches to it.

Thin on purpose: which page shows for which step, what each button asks the flow to do,
and the few hops out of the journey (identification, paying, finishing) that the
composition root hands in as callbacks. No HTTP, SQL or printer calls here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_ltr
from kiosk.flows.issue import IssueFlow, IssueStep
from kiosk.flows.printing import PrintState
from kiosk.screens.base import FINISHED, FREE, Navigation, Screen, button
from kiosk.screens.issue_pages import (
    CheckPage,
    DonePage,
    FeePage,
    FormPage,
    ProblemsPage,
    TypePage,
    align_reading,
    pick,
)
from kiosk.screens.stages import show_progress
from kiosk.widgets.layout import PageStack, discard
from kiosk.widgets.steps import StepIndicator
from kiosk.widgets.summary import ErrorSummary

translate = QCoreApplication.translate


class IssueScreen(Screen):
    """The whole licence application, one page per flow step."""

    name = "issue"

    def __init__(
        self,
        flow: IssueFlow,
        *,
        is_identified: Callable[[], bool],
        identify: Callable[[], None],
        identify_again: Callable[[], None],
        pay: Callable[[], None],
        pay_invoice: Callable[[str], None],
        finish: Callable[[], None],
    ) -> None:
        """`pay` opens every unpaid bill (overdue ones block an application); `pay_invoice`
        opens one, the fee of the application just submitted."""
        super().__init__()
        self.flow = flow
        self._is_identified = is_identified
        self._identify = identify
        self._pay = pay
        self._pay_invoice = pay_invoice
        self._finish = finish
        self.steps = StepIndicator()
        # A service problem (the server did not answer, no licence types): the same
        # summary box as a typing mistake, never a bare red line.
        self.notice = ErrorSummary()
        self.identify_again_button = button("primary")
        self.identify_again_button.setObjectName("identify-again")
        self.identify_again_button.hide()
        self.identify_again_button.clicked.connect(identify_again)
        self.type_page = TypePage(self._choose, flow.retry_catalogue)
        self.problems_page = ProblemsPage()
        self.check_page = CheckPage(flow.confirm_answers)
        self.fee_page = FeePage(flow.submit)
        self.done_page = DonePage()
        self.done_page.pay_button.clicked.connect(self._pay_fee)
        self.done_page.finish_button.clicked.connect(self._finish)
        self.done_page.print_again_button.clicked.connect(flow.printing.again)
        self.form_pages: list[FormPage] = []
        self._form_for: str | None = None
        self.pages = PageStack()
        for page in (self.type_page, self.problems_page, self.check_page, self.fee_page,
                     self.done_page):
            self._add(page)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(96, 32, 96, 16)
        self._layout.setSpacing(16)
        self._layout.addWidget(self.steps)
        self._layout.addWidget(self.notice)
        self._layout.addWidget(self.identify_again_button,
                               alignment=Qt.AlignmentFlag.AlignLeading)
        self._layout.addWidget(self.pages, 1)
        flow.subscribe(self.refresh)

    # -- plumbing ------------------------------------------------------------------------

    def _add(self, page: QWidget) -> None:
        # A long page scrolls with the whole screen (the router's one scroll area).
        self.pages.addWidget(page)

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)

    def _pay_fee(self) -> None:
        submission = self.flow.submission
        invoice = submission.invoice if submission else None
        if invoice is not None:
            self._pay_invoice(invoice.number)
        else:
            self._pay()

    def _choose(self, kind: str) -> None:
        self.flow.choose_type(kind)
        if self.flow.step is IssueStep.FORM and not self._is_identified():
            self._identify()

    def _build_form(self) -> None:
        """Builds the question pages for the chosen licence type (once per type)."""
        licence = self.flow.licence
        key = licence.kind.value if licence else None
        if key == self._form_for:
            return
        self._drop_form()
        self._form_for = key
        for spec in self.flow.pages:
            page = FormPage(spec, self._continue)
            self.form_pages.append(page)
            self._add(page)

    def _drop_form(self) -> None:
        for page in self.form_pages:
            self.pages.removeWidget(page)
            discard(page)
        self.form_pages = []
        self._form_for = None

    def _continue(self) -> None:
        if 0 <= self.flow.page < len(self.form_pages):
            self.flow.continue_page(self.form_pages[self.flow.page].value())

    # -- rendering -----------------------------------------------------------------------

    def refresh(self) -> None:
        flow = self.flow
        language = self.language_code()
        step = flow.step
        if flow.licence is not None:
            self._build_form()
        elif self.form_pages:
            self._drop_form()
        show_progress(self.steps, flow.progress)
        if flow.notice is not None:
            text = flow.notice.text(language)
            if step is IssueStep.FORM:
                text += " " + translate(
                    "Issue", "Your answers are kept and nothing has been submitted.")
            self.notice.show_message(self._notice_heading(), text)
        else:
            self.notice.clear()
        self.identify_again_button.setVisible(
            flow.notice is not None and flow.notice.code == "identify_again")
        if step in (IssueStep.LOADING, IssueStep.CHOOSE_TYPE):
            self._render_types(language)
        elif step is IssueStep.FORM:
            self._render_form(language)
        elif step is IssueStep.PROBLEMS:
            labels = {spec.name: pick(language, spec.label_ar, spec.label_en)
                      for spec in flow.pages}
            self.problems_page.show_problems(flow.problems, labels, language, flow.fix,
                                             self._pay)
            self._show_page(self.problems_page)
        elif step is IssueStep.CHECK:
            rows = [(row.spec.name, pick(language, row.spec.label_ar, row.spec.label_en),
                     row.value, row.page) for row in flow.answer_rows(language)]
            self.check_page.show_rows(rows, flow.change, language)
            self._show_page(self.check_page)
        elif step is IssueStep.FEE:
            self.fee_page.show_fee(flow.fee_halalas, language, flow.busy)
            self._show_page(self.fee_page)
        else:
            self._render_done(language)
        self._enable(not (flow.busy or flow.printing.busy))
        self.navigation_changed.emit()

    def _notice_heading(self) -> str:
        code = self.flow.notice.code if self.flow.notice else ""
        if code == "identify_again":
            return translate("Issue", "Please confirm who you are again")
        if self.flow.step in (IssueStep.LOADING, IssueStep.CHOOSE_TYPE):
            return translate("Issue", "The licence types cannot be shown")
        return translate("Issue", "Your application could not be checked")

    def _render_types(self, language: str) -> None:
        flow = self.flow
        if set(self.type_page.choose_buttons) != {t.kind.value for t in flow.types}:
            self.type_page.show_types(flow.types, language)
        failed = flow.step is IssueStep.LOADING and not flow.busy and flow.notice is not None
        self.type_page.retry_button.setVisible(failed)
        self.type_page.loading.setVisible(flow.step is IssueStep.LOADING and flow.busy)
        self._show_page(self.type_page)

    def _render_form(self, language: str) -> None:
        flow = self.flow
        if not 0 <= flow.page < len(self.form_pages):
            return
        page = self.form_pages[flow.page]
        caption = pick(language, flow.licence.name_ar, flow.licence.name_en) if flow.licence else ""
        page.retranslate(caption, language, flow.returning)
        page.show_state(flow.answer_for(page.spec), flow.field_problems.get(page.spec.name),
                        language)
        arrived = self.pages.currentWidget() is not page
        self._show_page(page)
        first = page.first_input()
        if first is None or flow.busy:
            return
        if arrived:
            # As the keyboard's Next does: arriving at a field with an answer (Back,
            # Change, a problem to fix) selects it, so a correction is typed over it
            # instead of deleted digit by digit.
            first.setFocus(Qt.FocusReason.TabFocusReason)
        elif not first.hasFocus():
            # The same page again (its answer was refused): the cursor goes back to the
            # end of what was typed, which stays as it was.
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _render_done(self, language: str) -> None:
        flow, page = self.flow, self.done_page
        step = flow.step
        arabic = language == "ar"
        page.pay_button.setVisible(step is IssueStep.CONFIRMED)
        align_reading(page.reference, language)
        page.reference_label.setVisible(step is not IssueStep.FAILED)
        page.reference.setVisible(step is not IssueStep.FAILED)
        if step is IssueStep.CONFIRMED:
            submission = flow.submission
            page.title.setText(translate("Issue", "Your application has been submitted"))
            page.reference_label.setText(translate("Issue", "Transaction number"))
            page.reference.setText(isolate_ltr(submission.transaction_number)
                                   if submission else "")
            body = translate("Issue", "We sent an SMS with this number to your mobile.")
            invoice = submission.invoice if submission else None
            if invoice is not None:
                body += "\n" + translate("Issue", "Fee due: %1 (bill %2).").replace(
                    "%1", format_sar(invoice.amount_halalas, arabic=arabic)).replace(
                    "%2", isolate_ltr(invoice.number))
            page.body.setText(body)
            page.next_steps.setText(translate(
                "Issue", "What happens next: the municipality's departments review your "
                "application, usually within one working day. The licence is issued once "
                "the fee is paid. Follow it at any kiosk with the transaction number."))
            page.pay_button.setText(translate("Issue", "Pay the fee now"))
            page.finish_button.setText(translate("Issue", "Pay later and finish"))
        elif step is IssueStep.PROVISIONAL:
            page.title.setText(translate("Issue", "Your application is saved"))
            page.reference_label.setText(translate("Issue", "Provisional reference"))
            page.reference.setText(isolate_ltr(flow.entry.local_reference)
                                   if flow.entry else "")
            page.body.setText(translate(
                "Issue", "The kiosk cannot reach the municipality right now. Your "
                "application is saved and will be sent automatically; you will get an SMS "
                "with the transaction number."))
            page.next_steps.setText(translate(
                "Issue", "You do not need to apply again. Keep the provisional receipt "
                "until the SMS arrives; you can pay the fee later."))
            page.finish_button.setText(translate("Issue", "Finish"))
        else:
            page.title.setText(translate(
                "Issue", "The municipality could not accept your application"))
            reasons = [pick(language, p.message_ar, p.message_en)
                       for p in flow.failure_problems]
            if reasons:
                page.body.setText(translate(
                    "Issue", "Nothing was charged. The municipality gave this reason:") + "\n"
                    + "\n".join(f"• {reason}" for reason in reasons))
            else:
                page.body.setText(translate(
                    "Issue", "Nothing was charged. The municipality did not accept the "
                    "application as it stands."))
            page.next_steps.setText(translate(
                "Issue", "Please check your details and apply again, or ask at an "
                "e-government service office."))
            page.finish_button.setText(translate("Issue", "Back to the services"))
        self._render_printing()
        self._show_page(page)

    def _render_printing(self) -> None:
        printing, page = self.flow.printing, self.done_page
        state = printing.state
        url = printing.fallback_url
        page.printing.setVisible(state is not PrintState.IDLE)
        page.print_again_button.setVisible(url is not None)
        page.print_again_button.setText(translate("Issue", "Try printing again"))
        if url is not None:
            page.qr.set_data(url)
            page.qr.show()
            page.printing.setText(translate(
                "Issue", "The receipt printer is not available. Scan this code to keep "
                "your receipt; the SMS has the details."))
        else:
            page.qr.clear()
            page.qr.hide()
            page.printing.setText(
                translate("Issue", "Printing your receipt…") if state is PrintState.PRINTING
                else translate("Issue", "Please take your receipt from the printer."))

    def _enable(self, enabled: bool) -> None:
        for page in self.form_pages:
            page.continue_button.setEnabled(enabled)
        for each in self.type_page.choose_buttons.values():
            each.setEnabled(enabled)
        for each in self.problems_page.fix_buttons.values():
            each.setEnabled(enabled)
        for each in self.check_page.change_buttons.values():
            each.setEnabled(enabled)
        self.check_page.continue_button.setEnabled(enabled)
        self.fee_page.submit_button.setEnabled(enabled)
        self.done_page.pay_button.setEnabled(enabled)
        self.done_page.print_again_button.setEnabled(enabled)

    # -- Screen --------------------------------------------------------------------------

    def retranslate(self) -> None:
        if self.flow.step is IssueStep.FORM and 0 <= self.flow.page < len(self.form_pages):
            self.flow.keep_typed(self.form_pages[self.flow.page].value())
        self.steps.retranslate()
        self.type_page.retranslate()
        self.problems_page.retranslate()
        self.check_page.retranslate()
        self.fee_page.retranslate()
        self.identify_again_button.setText(translate("Issue", "Confirm with a new code"))
        language = self.language_code()
        if self.flow.types:
            self.type_page.show_types(self.flow.types, language)
        self.refresh()

    def entered(self) -> None:
        flow = self.flow
        if self._is_identified():
            flow.identified_again()
        elif flow.step is IssueStep.FORM and flow.notice is None and flow.page == 0:
            # Came back from identification without finishing it: choose again.
            flow.back()
        if flow.step is IssueStep.LOADING and not flow.busy:
            flow.start()
        self.refresh()

    def navigation(self) -> Navigation:
        """Once the application has gone (or was refused), there is no Back into it."""
        if self.flow.step in (IssueStep.CONFIRMED, IssueStep.PROVISIONAL, IssueStep.FAILED):
            return FINISHED
        return FREE

    def handle_back(self) -> bool:
        if self.flow.back():
            return True
        if self.flow.step in (IssueStep.CHOOSE_TYPE, IssueStep.CONFIRMED,
                              IssueStep.PROVISIONAL, IssueStep.FAILED):
            # The first page: Back leaves the journey for the services menu (the step
            # before may be identification, which would only send the beneficiary here).
            # After the application went, there is nothing to step back into.
            self.navigate.emit("home")
            return True
        return False

    def help_text(self) -> str:
        step = self.flow.step
        if step in (IssueStep.LOADING, IssueStep.CHOOSE_TYPE):
            return translate(
                "IssueHelp", "Choose the licence you need. Each one shows what it costs and "
                "what it asks for; you can still go back before sending anything.")
        if step is IssueStep.FORM:
            return translate(
                "IssueHelp", "Answer the question on this page and tap Continue. A number "
                "you do not have with you, such as the commercial registration or the lease "
                "contract number, can be found on its paper or in the Balady and Ejar apps.")
        if step is IssueStep.PROBLEMS:
            return translate(
                "IssueHelp", "The municipality checked your answers and found what is listed. "
                "Correct what you can here; for the rest, staff can tell you what to do.")
        if step in (IssueStep.CHECK, IssueStep.FEE):
            return translate(
                "IssueHelp", "Read your answers. Tap Change next to any of them to correct "
                "it, then go on. Nothing is sent until you confirm.")
        return translate(
            "IssueHelp", "Keep the receipt or photograph its code: its number lets you "
            "track your application here, in the Balady app or at the municipality.")

    def reset(self) -> None:
        self.flow.reset()
        self._drop_form()
        self.type_page.show_types([], "ar")
        self.problems_page.show_problems([], {}, "ar", lambda _f: None, lambda: None)
        self.check_page.show_rows([], lambda _p: None)
        self.done_page.qr.clear()
        self.done_page.reference.clear()
        self.done_page.body.clear()
        self.notice.clear()
