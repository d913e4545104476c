"""Wires journey 4, pay fees and bills: PayFlow over the services, and its screens.

Screen names:
- "pay": what the home tile and the issue journey's "pay now" open. A small entry screen
  that *replaces itself* with identification (skipped when the session is identified)
  and then "pay_invoices", so Back from identification goes Home, never in a loop.
- "pay_invoices": PayScreen.

Two hooks that must exist before any purchase, so they are made here and not in a screen:
- the terminal's `on_recovered` records an approval found through *last transaction*
  (after a lost answer or a crash) into the outbox before the driver forgets it;
- at install, a purchase left open by a crash is settled as the kiosk's own background
  work (not the beneficiary's: a session's end does not drop it).
Terminal progress and outbox deliveries arrive on threads the kiosk's runner does not
own; `BackgroundRunner.post` brings them to the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.devices.terminal import PurchaseOutcome, PurchaseUnresolved
from kiosk.domain.pilot import FailureKind, Journey, JourneyStep
from kiosk.domain.requests import RequestKind
from kiosk.flows.pay import TERMINAL_FAILED, PayFlow, PaymentRecorder, PayStep
from kiosk.flows.progress import PAY_STAGES, with_identity
from kiosk.journeys.figures import report_progress
from kiosk.journeys.identify import identify_in_place, require_identity
from kiosk.offline_queue import OutboxEntry
from kiosk.screens.pay import PayEntryScreen, PayScreen

if TYPE_CHECKING:
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services

log = logging.getLogger(__name__)

ENTRY = "pay"
INVOICES = "pay_invoices"

# The pilot's names for where a payment is: everything from the card on is "card".
PAY_STEPS = {
    PayStep.INVOICES: JourneyStep.INVOICES, PayStep.CONFIRM: JourneyStep.CONFIRM,
    PayStep.PAYING: JourneyStep.CARD, PayStep.DECLINED: JourneyStep.CARD,
    PayStep.NOT_CHARGED: JourneyStep.CARD, PayStep.UNRESOLVED: JourneyStep.CARD,
    PayStep.FINISHING: JourneyStep.CARD, PayStep.DONE: JourneyStep.CARD,
}


def install(kiosk: KioskPort, services: Services) -> None:
    recorder = PaymentRecorder(services.outbox)
    # Approvals the terminal settles later (lost answer, crash) are recorded here.
    services.terminal.set_recovery_handler(recorder.recovered)

    def make_screen() -> PayScreen:
        flow = PayFlow(
            api=services.client, terminal=services.terminal, recorder=recorder,
            outbox=services.outbox, printer=services.printer, identity=services.config.kiosk,
            runner=kiosk.background, session=kiosk.session, post=kiosk.background.post,
            language=lambda: kiosk.language.current.value,
            online=lambda: services.connectivity.online,
        )

        def delivered(entry: OutboxEntry, answer: Mapping[str, Any]) -> None:
            if entry.kind == RequestKind.RECORD_PAYMENT:
                copy = dict(answer)
                kiosk.background.post(lambda: flow.delivered(entry, copy))

        services.worker.subscribe_delivered(delivered)

        def keep_awake() -> None:
            # While the card is on the terminal the screen holds the session (no idle
            # timeout at all: `PayScreen.navigation`); the receipt that follows counts
            # as activity too, so the session does not time out under the printer.
            if flow.step is PayStep.FINISHING:
                kiosk.idle.poke()

        flow.subscribe(keep_awake)
        report_progress(kiosk, services.events, Journey.PAY, INVOICES,
                        flows=(flow, flow.printing),
                        step=lambda: PAY_STEPS[flow.step], done=lambda: paid(flow))
        arrived = {"at": flow.step}

        def outcome_failures() -> None:
            # A decline, or a terminal that answered with an error, is an outcome, not an
            # exception: counted each time the flow arrives at it.
            step, before = flow.step, arrived["at"]
            arrived["at"] = step
            if step is before:
                return
            if step is PayStep.DECLINED:
                services.events.failed(FailureKind.DECLINED, Journey.PAY)
            elif step is PayStep.NOT_CHARGED and flow.notice is TERMINAL_FAILED:
                services.events.failed(FailureKind.TERMINAL, Journey.PAY)

        flow.subscribe(outcome_failures)
        return PayScreen(flow, kiosk.call_staff)

    def enter() -> None:
        needed = not kiosk.session.identified
        pay_screen(kiosk).stages = with_identity(PAY_STAGES, needed)
        if needed:
            identify_in_place(kiosk, INVOICES, pay_screen(kiosk).stages)
        else:
            kiosk.router.replace(INVOICES)

    kiosk.router.register(ENTRY, lambda: PayEntryScreen(enter))
    kiosk.router.register(INVOICES, make_screen)
    kiosk.background.submit(services.terminal.recover, _settled_at_start,
                            _unsettled_at_start, session=False)


def _settled_at_start(outcome: PurchaseOutcome | None) -> None:
    """A purchase a crash left open was settled (an approval found is recorded by the
    recovery hook before this runs)."""
    if outcome is not None:
        log.warning("a purchase left open by a previous run was settled",
                    extra={"reference": outcome.reference, "result": outcome.result.value})


def _unsettled_at_start(error: BaseException) -> None:
    if isinstance(error, PurchaseUnresolved):
        log.error("a purchase left open by a previous run is still unresolved; card "
                  "payments wait for the terminal", extra={"reference": error.reference})
    else:
        log.warning("card terminal not checked at start-up", extra={"error": str(error)})


def paid(flow: PayFlow) -> bool:
    """Whether the card payment was approved (the journey's end), stored or not."""
    outcome = flow.outcome
    return flow.step in (PayStep.FINISHING, PayStep.DONE) and outcome is not None \
        and outcome.approved


def pay_invoice(kiosk: KioskPort, number: str) -> None:
    """Opens the pay journey on one invoice (through identification if needed)."""
    pay_screen(kiosk).flow.want(number)
    require_identity(kiosk, ENTRY)


def pay_screen(kiosk: KioskPort) -> PayScreen:
    screen = kiosk.router.screen(INVOICES)
    assert isinstance(screen, PayScreen)
    return screen

