"""Pay fees and bills on the touch screen: renders PayFlow, forwards touches to it.

Thin on purpose: which page shows for which step and what each button asks the flow to
do. The terminal, the outbox and the printer are the flow's business; nothing here
blocks. `PayEntryScreen` is the name the home tile and "pay now" use ("pay"): it sends
the beneficiary through identification to the invoices ("pay_invoices").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from kiosk.api.schema import Invoice
from kiosk.devices.terminal import PurchaseProgress
from kiosk.domain.dates import format_dual_date, format_dual_datetime
from kiosk.domain.money import format_sar
from kiosk.domain.references import EXAMPLE_INVOICE_NUMBER, card
from kiosk.domain.text import isolate_ltr
from kiosk.flows.pay import InvoiceProblem, PaidInvoice, PayFlow, PayStep
from kiosk.flows.printing import PrintFailure, PrintState
from kiosk.flows.progress import PAY_STAGES, Progress, Stage
from kiosk.screens.base import EVIDENCE, FINISHED, FREE, HELD, Navigation, Screen, label
from kiosk.screens.pay_pages import ConfirmPage, DonePage, InvoicesPage, PayingPage, ProblemPage
from kiosk.screens.stages import show_progress
from kiosk.widgets.layout import PageStack
from kiosk.widgets.steps import StepIndicator

translate = QCoreApplication.translate



def paying_heading(step: PurchaseProgress | None, cancelling: bool) -> tuple[str, str]:
    """The paying page's heading and the line under it, following the terminal's state."""
    if cancelling:
        return (translate("Pay", "Cancelling the payment…"),
                translate("Pay", "Wait for the terminal to confirm the cancellation."))
    if step is PurchaseProgress.CARD_READ:
        return (translate("Pay", "Card read"),
                translate("Pay", "Follow the instructions on the terminal."))
    if step is PurchaseProgress.PIN_ENTRY:
        return (translate("Pay", "Enter your PIN on the terminal"),
                translate("Pay", "Cover the keypad with your other hand."))
    if step is PurchaseProgress.AUTHORISING:
        return (translate("Pay", "Checking with your bank"),
                translate("Pay", "Please wait and keep your card nearby."))
    return (translate("Pay", "Tap or insert your card on the terminal"),
            translate("Pay", "The terminal below the screen is waiting for your card."))


# The terminal stage under way for each step it reports (1 card, 2 PIN, 3 bank).
_STAGE = {None: 1, PurchaseProgress.WAITING_FOR_CARD: 1, PurchaseProgress.CARD_READ: 2,
          PurchaseProgress.PIN_ENTRY: 2, PurchaseProgress.AUTHORISING: 3}


class PayEntryScreen(Screen):
    """The "pay" name: hands over to identification, then the invoices, in its place.

    It never shows itself for long: `entered()` calls `enter`, which replaces this screen
    in the back stack, so Back from identification returns Home, not here.
    """

    name = "pay"

    def __init__(self, enter: Callable[[], None]) -> None:
        super().__init__()
        self._enter = enter
        self.message = label("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 64, 96, 64)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def entered(self) -> None:
        self._enter()

    def retranslate(self) -> None:
        self.message.setText(translate("Pay", "Pay fees and bills"))

    def help_text(self) -> str:
        return translate(
            "PayHelp", "To see and pay your bills, first say who you are with your national "
            "ID or Iqama number and the code sent to your mobile.")


class PayScreen(Screen):
    """Invoices -> amount and Pay -> card on the terminal -> result, one page per step."""

    name = "pay_invoices"

    def __init__(self, flow: PayFlow, call_staff: Callable[[], None]) -> None:
        super().__init__()
        self.flow = flow
        self._call_staff = call_staff
        self.staff_called = False
        self._listed: tuple[object, ...] = ()
        self.steps = StepIndicator()
        # The journey's named steps (set by the journey: identification first when this
        # journey needed it).
        self.stages: tuple[Stage, ...] = PAY_STAGES
        self.notice = label("error")
        self.notice.setObjectName("pay-notice")
        self.notice.hide()
        self.invoices_page = InvoicesPage()
        self.confirm_page = ConfirmPage()
        self.paying_page = PayingPage()
        self.problem_page = ProblemPage()
        self.done_page = DonePage()
        self.pages = PageStack()
        for page in (self.invoices_page, self.confirm_page, self.paying_page,
                     self.problem_page, self.done_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 32, 96, 16)
        layout.setSpacing(16)
        layout.addWidget(self.steps)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)

        self.invoices_page.find_button.clicked.connect(
            lambda: flow.lookup(self.invoices_page.number_field.text()))
        self.confirm_page.pay_button.clicked.connect(flow.pay)
        self.confirm_page.other_button.clicked.connect(flow.back)
        self.paying_page.cancel_button.clicked.connect(flow.cancel)
        self.problem_page.primary_button.clicked.connect(self._primary)
        self.problem_page.stop_button.clicked.connect(lambda: self.navigate.emit("home"))
        self.done_page.finish_button.clicked.connect(lambda: self.navigate.emit("home"))
        self.done_page.another_button.clicked.connect(flow.another)
        self.done_page.print_again_button.clicked.connect(flow.printing.again)
        self.done_page.staff_button.clicked.connect(self._staff)
        flow.subscribe(self.refresh)

    # -- the shell's calls ---------------------------------------------------------------

    def entered(self) -> None:
        """Arriving (again) from Home: a fresh, refreshed list, unless a card is on the
        terminal or its outcome is still unknown."""
        flow = self.flow
        if flow.step is PayStep.DONE:
            flow.another()
        elif flow.step in (PayStep.CONFIRM, PayStep.DECLINED, PayStep.NOT_CHARGED):
            flow.back()
            flow.start()
        elif flow.step is PayStep.INVOICES and not flow.busy:
            flow.start()
        self.refresh()

    def handle_back(self) -> bool:
        return self.flow.back()

    def navigation(self) -> Navigation:
        """The card on the terminal holds the session (only the terminal's Cancel); after
        the charge there is no Back into the payment, and an approval the kiosk could not
        store stays on screen, whatever the idle timer says, until someone leaves."""
        flow = self.flow
        if flow.step is PayStep.PAYING:
            return HELD
        if flow.not_stored:
            return EVIDENCE
        if flow.step in (PayStep.FINISHING, PayStep.DONE, PayStep.UNRESOLVED):
            return FINISHED
        return FREE

    def help_text(self) -> str:
        step = self.flow.step
        if step in (PayStep.INVOICES, PayStep.CONFIRM):
            return translate(
                "PayHelp", "Choose the bill to pay, or type its invoice number from the "
                "paper or text message you received, then check the amount before paying.")
        if step is PayStep.PAYING:
            return translate(
                "PayHelp", "Follow the payment terminal: tap or insert your card and enter "
                "your PIN there. To stop, tap Cancel payment.")
        if step in (PayStep.DECLINED, PayStep.NOT_CHARGED):
            return translate(
                "PayHelp", "Your card was not charged. You can try again, use another card, "
                "or pay later; the bill stays as it was.")
        if step is PayStep.UNRESOLVED:
            return translate(
                "PayHelp", "The terminal has not said whether the payment went through. "
                "Do not pay again: call staff, they can check it with you.")
        return translate(
            "PayHelp", "Keep the receipt or photograph its code: it proves your payment.")

    def reset(self) -> None:
        self.staff_called = False
        self.stages = PAY_STAGES
        self.flow.reset()
        self.invoices_page.number_field.clear()
        self.invoices_page.set_number_error(None)
        self.invoices_page.set_invoices([])
        self._listed = ()
        self.done_page.qr.clear()
        self.done_page.qr.hide()
        self.notice.clear()
        self.notice.hide()

    def retranslate(self) -> None:
        self.steps.retranslate()
        self._listed = ()  # invoice buttons carry translated text: rebuild them
        self.refresh()

    # -- rendering -----------------------------------------------------------------------

    def refresh(self) -> None:
        flow = self.flow
        step = flow.step
        page = {
            PayStep.INVOICES: self.invoices_page, PayStep.CONFIRM: self.confirm_page,
            PayStep.PAYING: self.paying_page, PayStep.DECLINED: self.problem_page,
            PayStep.NOT_CHARGED: self.problem_page, PayStep.UNRESOLVED: self.problem_page,
            PayStep.FINISHING: self.done_page, PayStep.DONE: self.done_page,
        }[step]
        self.pages.setCurrentWidget(page)
        stage = (Stage.BILL if step is PayStep.INVOICES else
                 Stage.RECEIPT if step in (PayStep.FINISHING, PayStep.DONE) else Stage.CARD)
        show_progress(self.steps, Progress(self.stages, stage))
        language = self.language_code()
        on_problem_page = page is self.problem_page
        if flow.notice is not None and not on_problem_page and step is not PayStep.DONE:
            self.notice.setText(flow.notice.text(language))
            self.notice.show()
        else:
            self.notice.hide()
        self._render_invoices(language)
        self._render_confirm(language)
        self._render_paying(language)
        self._render_problem(language)
        self._render_done(language)
        self.navigation_changed.emit()

    def _describe(self, invoice: Invoice, language: str) -> str:
        return invoice.description_ar if language == "ar" else invoice.description_en

    def _amount(self, halalas: int, language: str) -> str:
        return format_sar(halalas, arabic=language == "ar")

    def _render_invoices(self, language: str) -> None:
        page, flow = self.invoices_page, self.flow
        page.title.setText(translate("Pay", "Pay fees and bills"))
        page.hint.setText(translate(
            "Pay", "Choose the invoice to pay, or enter its number. You pay by card on the "
                   "terminal: mada, Visa or Mastercard."))
        page.number_label.setText(
            translate("Pay", "Invoice number: type its 10 digits (like %1)")
            .replace("%1", isolate_ltr(EXAMPLE_INVOICE_NUMBER)))
        page.find_button.setText(translate("Pay", "Find invoice")
                                 if not flow.busy else translate("Pay", "Searching…"))
        page.find_button.setEnabled(not flow.busy)
        identified = flow.loaded and flow.has_token
        page.empty.setVisible(identified and not flow.invoices)
        page.empty.setText(translate("Pay", "You have no unpaid invoices."))
        key = (language, tuple(i.number for i in flow.invoices))
        if key != self._listed:
            self._listed = key
            rows = [(i.number, self._invoice_line(i, language)) for i in flow.invoices]
            for number, made in zip([n for n, _ in rows],
                                    page.set_invoices(rows), strict=True):
                made.clicked.connect(lambda _=False, n=number: self.flow.choose(n))
        for choice in page.invoice_buttons.values():
            choice.setEnabled(not flow.busy)
        problem = flow.invoice_problem
        page.set_number_error(
            None if problem is None else
            translate("Pay", "Enter the invoice number.") if problem is InvoiceProblem.EMPTY
            else translate("Pay", "An invoice number has 10 digits, like %1.")
            .replace("%1", isolate_ltr(EXAMPLE_INVOICE_NUMBER)))

    def _invoice_line(self, invoice: Invoice, language: str) -> str:
        return (translate("Pay", "%1 — %2\nInvoice %3\nDue %4")
                .replace("%1", self._describe(invoice, language))
                .replace("%2", self._amount(invoice.amount_halalas, language))
                .replace("%3", isolate_ltr(invoice.number))
                .replace("%4", format_dual_date(invoice.due_on, language)))

    def _render_confirm(self, language: str) -> None:
        page, invoice = self.confirm_page, self.flow.invoice
        page.title.setText(translate("Pay", "Check the amount"))
        page.hint.setText(translate(
            "Pay", "Press Pay by card, then tap or insert your card on the card terminal "
                   "below the screen. The kiosk never sees your card number or PIN."))
        page.pay_button.setText(translate("Pay", "Pay by card"))
        page.pay_button.setEnabled(not self.flow.busy)
        page.other_button.setText(translate("Pay", "Choose another invoice"))
        if invoice is None:
            return
        page.description.setText(self._describe(invoice, language))
        page.amount.setText(self._amount(invoice.amount_halalas, language))
        page.details.setText(translate("Pay", "Invoice %1 · due %2")
                             .replace("%1", isolate_ltr(invoice.number))
                             .replace("%2", format_dual_date(invoice.due_on, language)))

    def _render_paying(self, language: str) -> None:
        page, flow = self.paying_page, self.flow
        heading, line = paying_heading(flow.progress, flow.cancelling)
        page.title.setText(heading)
        page.progress.setText(line)
        page.stages.show_stage([translate("Pay", "Card"), translate("Pay", "PIN"),
                                translate("Pay", "Bank approval")], _STAGE[flow.progress])
        if flow.invoice is not None:
            page.amount.setText(self._amount(flow.invoice.amount_halalas, language))
        page.hint.setText(translate(
            "Pay", "Follow the instructions on the terminal. If no card is presented, the "
                   "terminal stops by itself after a while and nothing is charged."))
        page.cancel_button.setText(translate("Pay", "Cancel payment"))
        page.cancel_button.setEnabled(flow.step is PayStep.PAYING and not flow.cancelling)

    def _render_problem(self, language: str) -> None:
        page, flow = self.problem_page, self.flow
        notice = flow.notice.text(language) if flow.notice else ""
        page.reason.setText(notice)
        page.stop_button.setText(translate("Pay", "Stop for now")
                                 if flow.step is PayStep.UNRESOLVED
                                 else translate("Pay", "Stop and pay later"))
        page.primary_button.setEnabled(not flow.busy)
        if flow.step is PayStep.DECLINED:
            page.title.setText(translate("Pay", "Your card was declined"))
            page.hint.setText(translate(
                "Pay", "You have not been charged. You can try again with the same card or "
                       "another one, or stop and pay later."))
            page.primary_button.setText(translate("Pay", "Try again"))
        elif flow.step is PayStep.UNRESOLVED:
            page.title.setText(translate("Pay", "We are confirming your payment"))
            page.hint.setText(translate(
                "Pay", "Do not pay this invoice again. The kiosk is asking the terminal for "
                       "the result."))
            page.primary_button.setText(translate("Pay", "Check again")
                                        if not flow.busy else translate("Pay", "Checking…"))
        else:
            page.title.setText(translate("Pay", "The payment did not go through"))
            page.hint.setText(translate("Pay", "You can try again, or stop and pay later."))
            page.primary_button.setText(translate("Pay", "Try again"))

    def _primary(self) -> None:
        if self.flow.step is PayStep.UNRESOLVED:
            self.flow.check_again()
        else:
            self.flow.pay()

    def _render_done(self, language: str) -> None:
        page, flow = self.done_page, self.flow
        page.another_button.setText(translate("Pay", "Pay another invoice"))
        page.finish_button.setText(translate("Pay", "Finish"))
        page.print_again_button.setText(translate("Pay", "Try printing again"))
        page.staff_button.setText(translate("Pay", "Staff have been called")
                                  if self.staff_called else translate("Pay", "Call staff"))
        page.staff_button.setEnabled(not self.staff_called)
        not_stored = flow.not_stored
        page.staff_button.setVisible(not_stored)
        page.finish_button.setVisible(not not_stored)
        page.another_button.setVisible(not not_stored)
        if not_stored:
            self._render_not_stored(language)
            return
        paid = flow.paid
        page.print_again_button.setVisible(False)
        if paid is None:
            page.qr.hide()
            return
        page.summary.setText(self._summary(paid, language))
        page.finish_button.setEnabled(flow.step is PayStep.DONE)
        page.another_button.setEnabled(flow.step is PayStep.DONE)
        if paid.provisional:
            page.title.setText(translate("Pay", "Payment approved and saved"))
        else:
            page.title.setText(translate("Pay", "Payment complete"))
        printing = flow.printing
        if flow.step is PayStep.FINISHING or printing.state is PrintState.PRINTING:
            page.receipt_status.setText(translate("Pay", "Printing your receipt…"))
            page.next_steps.clear()
            page.qr.hide()
            return
        page.receipt_status.setText(self._receipt_text())
        page.next_steps.setText(
            translate("Pay", "The municipality has not confirmed it yet. Your payment is "
                             "saved on this kiosk and will be sent automatically; an SMS will "
                             "confirm it with the final receipt number.")
            if paid.provisional else
            translate("Pay", "The municipality has recorded your payment. An SMS with the "
                             "receipt details has been sent to your mobile."))
        fallback = printing.fallback_url
        # Once the municipality has answered, its signed URL (a provisional receipt's own
        # QR code would only say "not yet received").
        url = (paid.verification_url or fallback) if fallback else None
        page.print_again_button.setVisible(url is not None)
        page.print_again_button.setEnabled(not printing.busy)
        if url:
            page.qr.set_data(url, module_px=7)
            page.qr.show()
        else:
            page.qr.clear()
            page.qr.hide()

    def _render_not_stored(self, language: str) -> None:
        """Charged, not stored: every detail staff need, as text and as a QR code."""
        page, flow, outcome = self.done_page, self.flow, self.flow.outcome
        assert outcome is not None
        page.print_again_button.setVisible(False)
        page.title.setText(translate("Pay", "Your card was charged: please ask the staff "
                                            "for help"))
        invoice = flow.invoice.number if flow.invoice else "-"
        lines = [
            flow.notice.text(language) if flow.notice else "",
            translate("Pay", "Amount charged: %1").replace(
                "%1", self._amount(outcome.amount_halalas, language)),
            translate("Pay", "Invoice: %1").replace("%1", isolate_ltr(invoice)),
            translate("Pay", "Approval code: %1").replace(
                "%1", isolate_ltr(outcome.approval_code or "-")),
            translate("Pay", "Terminal reference: %1").replace(
                "%1", isolate_ltr(outcome.terminal_reference or "-")),
        ]
        if flow.charged_at is not None:
            lines.append(translate("Pay", "Time: %1").replace(
                "%1", format_dual_datetime(flow.charged_at, language)))
        page.summary.setText("\n".join(lines))
        page.receipt_status.setText(translate(
            "Pay", "Scan this code with your phone, or photograph this screen: it holds "
                   "these details."))
        page.next_steps.setText(translate(
            "Pay", "Do not pay this invoice again. Staff will record the payment by hand. "
                   "This screen stays until you or the staff end the session."))
        record = flow.charge_record()
        if record:
            page.qr.set_data(record, module_px=5)
            page.qr.show()

    def _staff(self) -> None:
        if not self.staff_called:
            self.staff_called = True
            self._call_staff()
            self.refresh()

    def _summary(self, paid: PaidInvoice, language: str) -> str:
        outcome = paid.outcome
        lines = [
            translate("Pay", "Amount paid: %1").replace(
                "%1", self._amount(outcome.amount_halalas, language)),
            translate("Pay", "Invoice: %1").replace("%1", isolate_ltr(paid.invoice.number)),
            translate("Pay", "Approval code: %1").replace(
                "%1", isolate_ltr(outcome.approval_code or "-")),
            translate("Pay", "Card: %1").replace(
                "%1", isolate_ltr(card(outcome.scheme, outcome.masked_pan))),
            translate("Pay", "Date: %1").replace(
                "%1", format_dual_datetime(paid.paid_at, language)),
        ]
        if paid.receipt_number:
            lines.insert(0, translate("Pay", "Receipt number: %1").replace(
                "%1", isolate_ltr(paid.receipt_number)))
        else:
            lines.insert(0, translate("Pay", "Provisional reference: %1").replace(
                "%1", isolate_ltr(paid.entry.local_reference)))
        return "\n".join(lines)

    def _receipt_text(self) -> str:
        printing = self.flow.printing
        if printing.state is PrintState.PRINTED:
            return translate("Pay", "Take your receipt from the printer.")
        if printing.failure is PrintFailure.PAPER_OUT:
            return translate("Pay", "The printer is out of paper, so no receipt was printed. "
                                    "Scan this code to keep your receipt; the SMS has your "
                                    "receipt details.")
        return translate("Pay", "The receipt could not be printed. Scan this code to keep "
                                "your receipt; the SMS has your receipt details.")
