"""Wires journey 4, pay fees and bills: PayFlow over the services, its screens, the tour.

Screen names:
- "pay": what the home tile and the issue journey's "pay now" open. A small entry screen
  that *replaces itself* with identification (skipped when the session is identified)
  and then "pay_invoices", so Back from identification goes Home, never in a loop.
- "pay_invoices": PayScreen.

Two hooks that must exist before any purchase, so they are made here and not in a screen:
- the terminal's `on_recovered` records an approval found through *last transaction*
  (after a lost answer or a crash) into the outbox before the driver forgets it;
- at install, a purchase left open by a crash is settled on a thread of its own.
Progress events and outbox deliveries arrive on other threads: `UiPost` brings them to
the UI thread through a queued Qt signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.devices.terminal import PaymentTerminal, PurchaseOutcome, PurchaseUnresolved
from kiosk.flows.pay import RECORD_KIND, PayFlow, PaymentRecorder, PayStep
from kiosk.journeys.identify import identify_screen
from kiosk.offline_queue import OutboxEntry
from kiosk.screens.pay import PayEntryScreen, PayScreen

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services import Services
    from kiosk.tour import TourStep

log = logging.getLogger(__name__)

ENTRY = "pay"
INVOICES = "pay_invoices"


class UiPost(QObject):
    """`post(action)` from any thread runs `action` on the thread that owns this object."""

    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call.connect(self._run)

    def post(self, action: Callable[[], None]) -> None:
        self._call.emit(action)

    @Slot(object)
    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:
            log.exception("a posted pay-journey update failed")


def install(kiosk: Kiosk, services: Services) -> None:
    recorder = PaymentRecorder(services.outbox)
    # Approvals the terminal settles later (lost answer, crash) are recorded here.
    services.terminal.set_recovery_handler(recorder.recovered)
    poster = UiPost(kiosk.window)

    def make_screen() -> PayScreen:
        flow = PayFlow(
            api=services.client, terminal=services.terminal, recorder=recorder,
            outbox=services.outbox, printer=services.printer, identity=services.config.kiosk,
            runner=kiosk.background, session=kiosk.session, post=poster.post,
            language=lambda: kiosk.language.current.value,
            online=lambda: services.connectivity.online,
        )

        def delivered(entry: OutboxEntry, answer: Mapping[str, Any]) -> None:
            if entry.kind == RECORD_KIND:
                copy = dict(answer)
                poster.post(lambda: flow.delivered(entry, copy))

        services.worker.subscribe_delivered(delivered)

        def keep_awake() -> None:
            # The beneficiary is busy with the terminal, not the screen: each step the
            # terminal reports counts as activity, so the session does not time out
            # under a card that is being read.
            if flow.step in (PayStep.PAYING, PayStep.FINISHING):
                kiosk.idle.poke()

        flow.subscribe(keep_awake)
        return PayScreen(flow)

    def enter() -> None:
        if kiosk.session.identified:
            kiosk.router.replace(INVOICES)
            return
        step = identify_screen(kiosk)
        if step.flow.done:  # an earlier verification the session no longer holds
            step.reset()
        step.next_screen = INVOICES
        kiosk.router.replace("identify")

    kiosk.router.register(ENTRY, lambda: PayEntryScreen(enter))
    kiosk.router.register(INVOICES, make_screen)
    # Not on the shell's runner: nobody waits for this, and it must not count as the
    # beneficiary's pending work. Its only output is the hook above and the log.
    threading.Thread(target=_settle_at_start, args=(services.terminal,),
                     name="terminal-recover", daemon=True).start()



def _settle_at_start(terminal: PaymentTerminal) -> None:
    """Settles a purchase a crash left open (an approval found is recorded by the hook)."""
    try:
        outcome = terminal.recover()
    except PurchaseUnresolved as exc:
        log.error("a purchase left open by a previous run is still unresolved; card "
                  "payments wait for the terminal", extra={"reference": exc.reference})
    except Exception as exc:
        log.warning("card terminal not checked at start-up", extra={"error": str(exc)})
    else:
        if outcome is not None:
            log.warning("a purchase left open by a previous run was settled",
                        extra={"reference": outcome.reference,
                               "result": outcome.result.value})


def pay_screen(kiosk: Kiosk) -> PayScreen:
    screen = kiosk.router.screen(INVOICES)
    assert isinstance(screen, PayScreen)
    return screen


# --- the tour ------------------------------------------------------------------------------

TOUR_INVOICE = "INV-1447-000202"  # the demo debtor's professional licence renewal fee


def tour_steps() -> list[TourStep]:
    from kiosk.config import Language
    from kiosk.devices.printer.errors import PaperOut
    from kiosk.devices.terminal import DeclineReason, PurchaseProgress, PurchaseResult
    from kiosk.devices.terminal.model import CardScheme
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
    from kiosk.offline_queue import EntryState
    from kiosk.tour import TourStep, current_context, settle

    def listed(kiosk: Kiosk) -> PayScreen:
        from sandbox.seed import DEBTOR  # the demo's sandbox person with unpaid invoices

        current_context().identify(kiosk, DEBTOR.national_id, DEBTOR.mobile)
        kiosk.router.go(ENTRY)
        settle(kiosk)
        return pay_screen(kiosk)

    def number_error(kiosk: Kiosk) -> None:
        screen = listed(kiosk)
        screen.invoices_page.number_field.setText("1447")
        screen.invoices_page.find_button.click()

    def confirm(kiosk: Kiosk) -> PayScreen:
        screen = listed(kiosk)
        screen.flow.choose(TOUR_INVOICE)
        return screen

    # The states below are what a real purchase passes through (the e2e tests reach each
    # one with the terminal emulator). The tour shows them without charging the demo's
    # invoice four times over, so it sets the flow's state as the terminal would leave it.
    def paying(progress: PurchaseProgress, cancelling: bool = False) -> Callable[[Kiosk], None]:
        def setup(kiosk: Kiosk) -> None:
            screen = confirm(kiosk)
            flow = screen.flow
            flow.step, flow.progress, flow.cancelling = PayStep.PAYING, progress, cancelling
            screen.refresh()
        return setup

    def problem(step: PayStep, notice: Notice) -> Callable[[Kiosk], None]:
        def setup(kiosk: Kiosk) -> None:
            screen = confirm(kiosk)
            screen.flow.step, screen.flow.notice = step, notice
            screen.refresh()
        return setup

    def done(*, provisional: bool = False, printed: bool = True,
             finishing: bool = False) -> Callable[[Kiosk], None]:
        def setup(kiosk: Kiosk) -> None:
            screen = confirm(kiosk)
            flow = screen.flow
            assert flow.invoice is not None
            amount = flow.invoice.amount_halalas
            outcome = PurchaseOutcome(PurchaseResult.APPROVED, f"{TOUR_INVOICE}-5F0C9A1E",
                                      amount, approval_code="107919",
                                      masked_pan="************1234", scheme=CardScheme.MADA,
                                      terminal_reference="461010879964")
            now = datetime.now(UTC)
            entry = OutboxEntry(42, "LOCAL-000042", "00000000-0000-0000-0000-000000000000",
                                RECORD_KIND, None, EntryState.PENDING, now, 1, 0.0, None, None,
                                None, None, False)
            receipt_number = None if provisional else "RC-1448-001001"
            services = kiosk.services
            assert services is not None
            url = services.client.verification_url(
                "payment", receipt_number or entry.local_reference)
            flow.paid = PaidInvoice(flow.invoice, outcome, entry, now,
                                    receipt_number=receipt_number, verification_url=url)
            flow.step = PayStep.FINISHING if finishing else PayStep.DONE
            if not finishing:
                receipt = payment_receipt(
                    flow.paid, Language(kiosk.language.current.value), services.config.kiosk,
                    services.client.verification_url)
                if printed:  # on the demo's printer emulator, as the journey would
                    flow.printing.start(receipt)
                    settle(kiosk)
                else:
                    flow.printing.fail(PaperOut("paper out"), receipt)
            screen.refresh()
        return setup

    def not_stored(kiosk: Kiosk) -> None:
        screen = confirm(kiosk)
        flow = screen.flow
        assert flow.invoice is not None
        flow.outcome = PurchaseOutcome(
            PurchaseResult.APPROVED, f"{TOUR_INVOICE}-5F0C9A1E", flow.invoice.amount_halalas,
            approval_code="107919", masked_pan="************1234", scheme=CardScheme.MADA,
            terminal_reference="461010879964")
        flow.step, flow.notice = PayStep.DONE, NOT_RECORDED
        screen.refresh()

    def show_list(kiosk: Kiosk) -> None:
        listed(kiosk)

    def show_confirm(kiosk: Kiosk) -> None:
        confirm(kiosk)

    declined = DeclineReason.from_code("51")
    return [
        TourStep("pay-invoices", show_list),
        TourStep("pay-number-error", number_error),
        TourStep("pay-confirm", show_confirm),
        TourStep("pay-waiting-for-card", paying(PurchaseProgress.WAITING_FOR_CARD)),
        TourStep("pay-pin-entry", paying(PurchaseProgress.PIN_ENTRY)),
        TourStep("pay-authorising", paying(PurchaseProgress.AUTHORISING)),
        TourStep("pay-cancelling", paying(PurchaseProgress.CARD_READ, cancelling=True)),
        TourStep("pay-declined", problem(PayStep.DECLINED, Notice(
            "declined", declined.text_en, declined.text_ar, retry=True))),
        TourStep("pay-cancelled", problem(PayStep.NOT_CHARGED, CANCELLED)),
        TourStep("pay-terminal-unavailable", problem(PayStep.NOT_CHARGED, TERMINAL_UNAVAILABLE)),
        TourStep("pay-blocked-by-earlier", problem(PayStep.NOT_CHARGED, UNRESOLVED_EARLIER)),
        TourStep("pay-unresolved", problem(PayStep.UNRESOLVED, UNRESOLVED_OURS)),
        TourStep("pay-printing", done(finishing=True)),
        TourStep("pay-done", done()),
        TourStep("pay-provisional", done(provisional=True)),
        TourStep("pay-out-of-paper", done(printed=False)),
        TourStep("pay-approved-not-stored", not_stored),
    ]
