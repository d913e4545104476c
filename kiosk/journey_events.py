"""The kiosk's one recorder of anonymous journey events, for the pilot's figures.

The facts are already in the kiosk: the router knows which service a beneficiary chose,
each journey's flow knows its step and whether it is done, the flows' blocking work
reports what failed, and the app knows why a session ended. The composition (the app
and `kiosk.journeys`) tells this recorder; it keeps one session's events in memory, in
the order they happened, and when the session ends hands them over as one batch
(`kiosk.api.schema.JourneyEvents`, on the Riyadh day the session began) to be kept in
the outbox (`enqueue_events`: durable, delivered exactly once by its idempotency key).

What may be said is fixed by the contract's types: enums only (`kiosk.domain.pilot`).
The recorder's methods take nothing else, so no ID, mobile, name, token, reference,
amount or free text can reach an event. Each step counts once per journey; a journey
chosen again after it was completed (a second invoice paid, another number tracked)
counts again; a journey left unfinished is abandoned at the last step on show, with the
reason the session ended, or `switched` when the beneficiary went on to another service.

No Qt: called on the UI thread by the composition, tested without a screen. A lock
keeps it whole should a caller ever report from another thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from kiosk.api.errors import MalformedResponseError, OfflineError, ServerError, TlsError
from kiosk.api.schema import JourneyEvent, JourneyEvents, RecordJourneyEvents, json_payload
from kiosk.devices.printer.errors import PrinterError
from kiosk.devices.terminal.errors import TerminalError
from kiosk.domain.dates import local_day
from kiosk.domain.pilot import (
    MAX_SESSION_EVENTS,
    AbandonReason,
    EventKind,
    FailureKind,
    Journey,
    JourneyStep,
)
from kiosk.domain.requests import RequestKind
from kiosk.offline_queue import Outbox, OutboxEntry

log = logging.getLogger(__name__)


def failure_of(error: BaseException) -> FailureKind | None:
    """The kind of failure an exception from a flow's work is, or None when it is not the
    kiosk's or the service's failure (a refused answer, an unknown number, an expired
    identification, a bug: the bug is logged where it happens)."""
    if isinstance(error, OfflineError | TlsError):
        return FailureKind.OFFLINE
    if isinstance(error, ServerError | MalformedResponseError):
        return FailureKind.SERVER
    if isinstance(error, PrinterError):
        return FailureKind.PRINTER
    if isinstance(error, TerminalError):
        return FailureKind.TERMINAL
    return None


def riyadh_today() -> date:
    return local_day(datetime.now(UTC))


class JourneyRecorder:
    """One session's journey events, handed over as a batch when the session ends."""

    def __init__(self, today: Callable[[], date] = riyadh_today) -> None:
        self._today = today
        self._lock = threading.Lock()
        self._keep: Callable[[JourneyEvents], None] | None = None
        self._day: date | None = None
        self._events: list[JourneyEvent] = []
        self._journey: Journey | None = None
        self._step: JourneyStep | None = None
        self._reached: set[JourneyStep] = set()
        self._completed = False

    def attach(self, keep: Callable[[JourneyEvents], None]) -> None:
        """Where each finished session's batch goes (until then batches are dropped: a
        kiosk without its services has no journeys to report)."""
        self._keep = keep

    @property
    def journey(self) -> Journey | None:
        """The journey in progress in this session, if any."""
        return self._journey

    # --- facts ---------------------------------------------------------------------------

    def session_started(self) -> None:
        """A beneficiary has begun using the kiosk (repeats in one session do nothing)."""
        with self._lock:
            self._start()

    def journey_chosen(self, journey: Journey) -> None:
        """The beneficiary opened `journey` (again: nothing; another: the one in progress,
        unless completed, is abandoned as `switched`)."""
        with self._lock:
            self._start()
            if journey is self._journey:
                return
            self._abandon(AbandonReason.SWITCHED)
            self._choose(journey)

    def step_reached(self, journey: Journey, step: JourneyStep) -> None:
        """`journey` shows `step`. Ignored for a journey not in progress; after the journey
        was completed, a different step means it was chosen again."""
        with self._lock:
            if self._day is None or journey is not self._journey:
                return
            if self._completed:
                if step is self._step:
                    return
                self._choose(journey)
            self._step = step
            if step not in self._reached:
                self._reached.add(step)
                self._add(JourneyEvent(kind=EventKind.STEP_REACHED, journey=journey,
                                       step=step))

    def completed(self, journey: Journey) -> None:
        """`journey` reached its end: an application sent, a status or list shown, a card
        payment approved (once per time it was chosen)."""
        with self._lock:
            if self._day is None or journey is not self._journey or self._completed:
                return
            self._completed = True
            self._add(JourneyEvent(kind=EventKind.COMPLETED, journey=journey))

    def failed(self, failure: FailureKind, journey: Journey | None = None) -> None:
        """Something failed in `journey` (by default the one in progress), at its current
        step. Outside a session nothing is recorded: no beneficiary met it."""
        with self._lock:
            if self._day is None:
                return
            journey = journey or self._journey
            step = self._step if journey is self._journey else None
            self._add(JourneyEvent(kind=EventKind.FAILED, journey=journey, step=step,
                                   failure=failure))

    def failed_with(self, error: BaseException, journey: Journey | None = None) -> None:
        """`failed` for an exception a flow's work raised, if it is a failure at all."""
        failure = failure_of(error)
        if failure is not None:
            self.failed(failure, journey)

    def session_ended(self, reason: AbandonReason) -> None:
        """The session is over: a journey in progress is abandoned for `reason`, and the
        session's events are handed over as one batch."""
        with self._lock:
            if self._day is None:
                return
            self._abandon(reason)
            batch = JourneyEvents(day=self._day, events=self._events)
            self._day, self._events = None, []
            self._journey, self._step, self._reached = None, None, set()
            self._completed = False
            keep = self._keep
        if keep is not None:
            keep(batch)

    # --- inside the lock -----------------------------------------------------------------

    def _start(self) -> None:
        if self._day is None:
            self._day = self._today()
            self._add(JourneyEvent(kind=EventKind.SESSION_STARTED))

    def _choose(self, journey: Journey) -> None:
        self._journey, self._step, self._reached = journey, None, set()
        self._completed = False
        self._add(JourneyEvent(kind=EventKind.JOURNEY_CHOSEN, journey=journey))

    def _abandon(self, reason: AbandonReason) -> None:
        if self._journey is not None and not self._completed:
            self._add(JourneyEvent(kind=EventKind.ABANDONED, journey=self._journey,
                                   step=self._step, reason=reason), closing=True)
        self._journey = None

    def _add(self, event: JourneyEvent, *, closing: bool = False) -> None:
        # The last place is kept for the event that closes the journey, so a session
        # that hit the cap still says how it ended.
        room = MAX_SESSION_EVENTS if closing else MAX_SESSION_EVENTS - 1
        if len(self._events) < room:
            self._events.append(event)


def enqueue_events(outbox: Outbox, kiosk_id: str, batch: JourneyEvents) -> OutboxEntry:
    """Keeps one session's batch in the outbox (blocking: fsync), to be delivered exactly
    once under the key the outbox makes for it."""
    payload = json_payload(RecordJourneyEvents(kiosk_id=kiosk_id, batch=batch))
    return outbox.enqueue(RequestKind.JOURNEY_EVENTS, payload)
