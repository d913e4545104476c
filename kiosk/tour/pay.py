""""Pay fees and bills" in the tour: the demo debtor's invoices, the confirmation, each
step a card purchase passes through, and each way it ends.

The states after the confirmation are what a real purchase passes through (the e2e tests
reach each one with the terminal emulator). The tour shows them without charging the
demo's invoice over and over, so it sets the flow's state as the terminal would leave it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.api.schema import VerificationKind
from kiosk.config import Language
from kiosk.devices.printer.errors import PaperOut
from kiosk.devices.terminal import (
    DeclineReason,
    PurchaseOutcome,
    PurchaseProgress,
    PurchaseResult,
)
from kiosk.domain.payment import CardScheme
from kiosk.domain.references import provisional_reference
from kiosk.domain.requests import RequestKind
from kiosk.flows.base import Notice
from kiosk.flows.pay import (
    CANCELLED,
    NOT_RECORDED,
    TERMINAL_UNAVAILABLE,
    UNRESOLVED_EARLIER,
    UNRESOLVED_OURS,
    PaidInvoice,
    PayStep,
    payment_receipt,
)
from kiosk.journeys.pay import ENTRY, pay_screen
from kiosk.offline_queue import EntryState, OutboxEntry
from kiosk.screens.pay import PayScreen
from kiosk.tour.steps import TourContext, TourStep
from sandbox.seed import DEBTOR  # the demo's sandbox person with unpaid invoices

TOUR_INVOICE = "INV-1447-000202"  # the demo debtor's professional licence renewal fee


def _listed(tour: TourContext) -> PayScreen:
    tour.identify(DEBTOR)
    tour.kiosk.router.go(ENTRY)
    tour.settle()
    return pay_screen(tour.kiosk)


def _show_list(tour: TourContext) -> None:
    _listed(tour)


def _number_error(tour: TourContext) -> None:
    screen = _listed(tour)
    screen.invoices_page.number_field.setText("1447")
    screen.invoices_page.find_button.click()


def _confirm(tour: TourContext) -> PayScreen:
    screen = _listed(tour)
    screen.flow.choose(TOUR_INVOICE)
    return screen


def _show_confirm(tour: TourContext) -> None:
    _confirm(tour)


def _approval(amount_halalas: int) -> PurchaseOutcome:
    """An approval as the terminal emulator reports one (a test card, never a real one)."""
    return PurchaseOutcome(PurchaseResult.APPROVED, f"{TOUR_INVOICE}-5F0C9A1E", amount_halalas,
                           approval_code="107919", masked_pan="************1234",
                           scheme=CardScheme.MADA, terminal_reference="461010879964")


def _paying(progress: PurchaseProgress,
            cancelling: bool = False) -> Callable[[TourContext], None]:
    def setup(tour: TourContext) -> None:
        screen = _confirm(tour)
        flow = screen.flow
        flow.step, flow.progress, flow.cancelling = PayStep.PAYING, progress, cancelling
        screen.refresh()
    return setup


def _problem(step: PayStep, notice: Notice) -> Callable[[TourContext], None]:
    def setup(tour: TourContext) -> None:
        screen = _confirm(tour)
        screen.flow.step, screen.flow.notice = step, notice
        screen.refresh()
    return setup


def _done(*, provisional: bool = False, printed: bool = True,
          finishing: bool = False) -> Callable[[TourContext], None]:
    def setup(tour: TourContext) -> None:
        screen = _confirm(tour)
        flow = screen.flow
        assert flow.invoice is not None
        now = datetime.now(UTC)
        reference = provisional_reference(tour.kiosk.config.kiosk.id, 42)
        entry = OutboxEntry(42, reference, "00000000-0000-0000-0000-000000000000",
                            RequestKind.RECORD_PAYMENT, None, EntryState.PENDING, now, 1, 0.0,
                            None, None, None, None, False)
        receipt_number = None if provisional else "RC-1448-001001"
        url = tour.services.client.verification_url(
            VerificationKind.PAYMENT, receipt_number or entry.local_reference)
        flow.paid = PaidInvoice(flow.invoice, _approval(flow.invoice.amount_halalas), entry,
                                now, receipt_number=receipt_number, verification_url=url)
        flow.step = PayStep.FINISHING if finishing else PayStep.DONE
        if not finishing:
            receipt = payment_receipt(
                flow.paid, Language(tour.kiosk.language.current.value),
                tour.services.config.kiosk, tour.services.client.verification_url)
            if printed:  # on the demo's printer emulator, as the journey would
                flow.printing.start(receipt)
                tour.settle()
            else:
                flow.printing.fail(PaperOut("paper out"), receipt)
        screen.refresh()
    return setup


def _not_stored(tour: TourContext) -> None:
    screen = _confirm(tour)
    flow = screen.flow
    assert flow.invoice is not None
    flow.outcome = _approval(flow.invoice.amount_halalas)
    flow.charged_at = datetime.now(UTC)
    flow.step, flow.notice = PayStep.DONE, NOT_RECORDED
    screen.refresh()


def steps() -> list[TourStep]:
    declined = DeclineReason.from_code("51")
    return [
        TourStep("pay-invoices", _show_list),
        TourStep("pay-number-error", _number_error),
        TourStep("pay-confirm", _show_confirm),
        TourStep("pay-waiting-for-card", _paying(PurchaseProgress.WAITING_FOR_CARD)),
        TourStep("pay-pin-entry", _paying(PurchaseProgress.PIN_ENTRY)),
        TourStep("pay-authorising", _paying(PurchaseProgress.AUTHORISING)),
        TourStep("pay-cancelling", _paying(PurchaseProgress.CARD_READ, cancelling=True)),
        TourStep("pay-declined", _problem(PayStep.DECLINED, Notice(
            "declined", declined.text_en, declined.text_ar, retry=True))),
        TourStep("pay-cancelled", _problem(PayStep.NOT_CHARGED, CANCELLED)),
        TourStep("pay-terminal-unavailable",
                 _problem(PayStep.NOT_CHARGED, TERMINAL_UNAVAILABLE)),
        TourStep("pay-blocked-by-earlier", _problem(PayStep.NOT_CHARGED, UNRESOLVED_EARLIER)),
        TourStep("pay-unresolved", _problem(PayStep.UNRESOLVED, UNRESOLVED_OURS)),
        TourStep("pay-printing", _done(finishing=True)),
        TourStep("pay-done", _done()),
        TourStep("pay-provisional", _done(provisional=True)),
        TourStep("pay-out-of-paper", _done(printed=False)),
        TourStep("pay-approved-not-stored", _not_stored),
    ]
