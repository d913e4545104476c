"""The delivery worker: a thread of its own that empties the outbox into the municipality.

Order: oldest first. While the link is down the whole queue waits (with capped, jittered
backoff) and the head entry is retried first when it returns, so a long outage is
replayed in enqueue order. An entry that fails on its own (5xx, a broken answer) waits on
its own backoff and the entries behind it carry on; one the server rejects goes dead and
is reported, never blocking the rest. See `policy.py` for the table of verdicts.

Privacy: recording a delivery erases the request's payload in the same transaction
(`Outbox.mark_delivered`); when a batch is done (nothing more due) the worker truncates
the WAL, whose older page copies would otherwise keep the erased values on disk.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from kiosk.errors import KnownError
from kiosk.health.model import ComponentHealth, Detail, Status
from kiosk.logs import redact
from kiosk.offline_queue.backoff import BackoffPolicy, SchedulingClock
from kiosk.offline_queue.connectivity import Connectivity
from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.offline_queue.errors import OutboxUnavailableError
from kiosk.offline_queue.policy import Verdict, classify, describe
from kiosk.offline_queue.store import Outbox

log = logging.getLogger(__name__)

DeliveredCallback = Callable[[OutboxEntry, Mapping[str, Any]], None]
DeadCallback = Callable[[OutboxEntry, str], None]

# Keys under which the municipality's answer carries its own reference, most specific first.
REFERENCE_KEYS = ("transaction_number", "payment_reference", "receipt_number", "reference",
                  "id")
# Answer fields about a person or their card, kept in memory for the listeners but never
# stored: a PaymentReceipt echoes the card's masked number. (A SubmissionReceipt carries
# the transaction number, status, times and the fee invoice: nothing personal.)
PERSONAL_ANSWER_KEYS = frozenset({"masked_pan"})


class Deliverer(Protocol):
    """Sends one stored request; returns the server's answer or raises the ApiError family
    (or `UndeliverableError`). It must send `entry.idempotency_key` with the request."""

    def deliver(self, entry: OutboxEntry) -> Mapping[str, Any]: ...


def stored_answer(answer: Mapping[str, Any]) -> dict[str, Any]:
    """What the outbox keeps of an answer once delivered: everything but personal fields."""
    return {k: v for k, v in answer.items() if k not in PERSONAL_ANSWER_KEYS}


def server_reference(answer: Mapping[str, Any]) -> str | None:
    """The municipality's reference in an answer, kept after the payload is purged."""
    for key in REFERENCE_KEYS:
        value = answer.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            return str(value)
    return None


class DeliveryWorker:
    """Delivers outbox entries off the UI thread; tells listeners when one is settled.

    `subscribe_delivered(cb)` gets `(entry, answer)` once the municipality has the request
    (the journey shows "sent"); `subscribe_dead(cb)` gets `(entry, reason)` when it was
    refused. Callbacks run on the worker's thread: bridge them to the UI, keep them short.
    """

    def __init__(
        self,
        outbox: Outbox,
        deliverer: Deliverer,
        connectivity: Connectivity,
        *,
        backoff: BackoffPolicy | None = None,
        link_backoff: BackoffPolicy | None = None,
        idle_poll_s: float = 5.0,
        clock: SchedulingClock | None = None,
    ) -> None:
        self._outbox = outbox
        self._deliverer = deliverer
        self._connectivity = connectivity
        self._backoff = backoff or BackoffPolicy(base_s=2.0, cap_s=300.0)
        self._link_backoff = link_backoff or BackoffPolicy(base_s=1.0, cap_s=60.0)
        self._idle_poll = idle_poll_s
        self._clock = clock or SchedulingClock()
        self._delivered_listeners: list[DeliveredCallback] = []
        self._dead_listeners: list[DeadCallback] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._settled = threading.Condition()
        self._thread: threading.Thread | None = None
        self._paused_until = 0.0
        self._link_failures = 0
        self._blocked: str | None = None
        self._last_error: str | None = None
        self._needs_requeue = True
        self._busy = False  # inside a step: drain() waits for its listeners too
        self._dirty = False  # something written since the last checkpoint
        self._erased = False  # a payload erased since the last WAL truncation
        self._unsubscribe = connectivity.subscribe(self._on_connectivity)
        outbox.subscribe_enqueued(lambda _entry: self.wake())

    # ------------------------------------------------------------------ control
    def subscribe_delivered(self, callback: DeliveredCallback) -> None:
        self._delivered_listeners.append(callback)

    def subscribe_dead(self, callback: DeadCallback) -> None:
        self._dead_listeners.append(callback)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("delivery worker already started")
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="outbox-delivery", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> bool:
        """Stops between entries: no entry is claimed after this call, and the delivery in
        progress, if any, is waited for up to `timeout_s` so its answer is recorded.

        True when the worker has stopped. False when that delivery outlasted `timeout_s`
        (a server that hangs): its entry stays in flight, the outbox may be closed under
        it, and the next start sends it again with the same idempotency key, which the
        municipality answers with its first answer."""
        self._stop.set()
        self._wake.set()
        stopped = True
        if self._thread is not None:
            self._thread.join(timeout_s)
            stopped = not self._thread.is_alive()
            if not stopped:
                log.warning("a delivery is still in progress at the stop; its entry is sent "
                            "again at the next start")
            self._thread = None
        self._unsubscribe()
        return stopped

    def wake(self) -> None:
        """New work may be waiting (an enqueue): look now, but respect a link pause."""
        self._wake.set()

    def retry_now(self) -> None:
        """Forget the link pause and try at once (the link is back, or an operator asked)."""
        self._paused_until = 0.0
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def drain(self, timeout_s: float) -> bool:
        """Blocks until nothing is pending or in flight and the listeners of the last
        delivery have run; False if `timeout_s` ran out. For tests, the crash harness and
        an orderly shutdown; never on the UI thread."""
        deadline = self._clock.monotonic() + timeout_s
        with self._settled:
            while True:
                counts = self._outbox.counts()
                waiting = counts[EntryState.PENDING] + counts[EntryState.IN_FLIGHT]
                if waiting == 0 and not self._busy:
                    return True
                left = deadline - self._clock.monotonic()
                if left <= 0:
                    return False
                self._settled.wait(min(left, 0.2))

    # ------------------------------------------------------------------ the loop
    def _on_connectivity(self, online: bool) -> None:
        if online:
            self.retry_now()

    def _run(self) -> None:
        log.info("delivery worker started")
        while not self._stop.is_set():
            if self._outbox.closed:  # the app shut the outbox before stopping us
                log.error("outbox closed under the delivery worker; stopping")
                break
            self._wake.clear()
            with self._settled:
                self._busy = True
            try:
                delay = self._step()
            except OutboxUnavailableError as exc:
                if self._stop.is_set():  # closed by the stop while a delivery ran
                    log.info("delivery interrupted by the stop; the entry is sent again at "
                             "the next start")
                    break
                self._last_error = redact(str(exc))
                self._needs_requeue = True
                log.error("outbox unavailable; delivery paused", extra={"error": str(exc)})
                delay = self._link_backoff.cap_s
            except Exception as exc:  # a bug must not end delivery for good
                self._last_error = redact(f"{type(exc).__name__}: {exc}")
                log.exception("delivery worker step failed")
                delay = self._idle_poll
            with self._settled:
                self._busy = False
                self._settled.notify_all()
            if delay > 0:
                self._wake.wait(delay)
        log.info("delivery worker stopped")

    def _step(self) -> float:
        """Does one unit of work; returns how long to sleep before the next (0 = none)."""
        if self._needs_requeue:
            self._outbox.requeue_in_flight()
            self._needs_requeue = False
        pause = self._paused_until - self._clock.monotonic()
        if pause > 0:
            return pause
        if self._stop.is_set():  # asked to stop: claim nothing more
            return 0.0
        entry = self._outbox.claim_next(self._clock.now(),
                                        horizon_s=self._backoff.cap_s + 60.0)
        if entry is None:
            return self._idle()
        self._dirty = True
        try:
            answer = self._deliverer.deliver(entry)
        except Exception as exc:
            return self._failed(entry, exc)
        delivered = self._outbox.mark_delivered(entry.id, stored_answer(answer),
                                                server_reference(answer))
        self._erased = True
        self._link_failures = 0
        self._blocked = None
        self._connectivity.report_reachable()
        log.info("outbox entry delivered",
                 extra={"entry_id": entry.id, "kind": entry.kind,
                        "attempts": delivered.attempts,
                        "server_reference": delivered.server_reference})
        self._notify(self._delivered_listeners, delivered, answer)
        return 0.0

    def _failed(self, entry: OutboxEntry, exc: Exception) -> float:
        verdict = classify(exc)
        reason = redact(describe(exc))  # it reaches health snapshots and log lines
        self._last_error = reason
        extra = {"entry_id": entry.id, "kind": entry.kind, "attempts": entry.attempts,
                 "verdict": verdict.value, "error": reason}
        if verdict in (Verdict.LINK_DOWN, Verdict.BLOCKED):
            self._outbox.release(entry.id, error=reason)
            self._link_failures += 1
            if verdict is Verdict.LINK_DOWN:
                self._connectivity.report_unreachable(reason)
            else:
                self._blocked = reason
                self._connectivity.report_reachable()
            pause = self._link_backoff.delay(self._link_failures)
            self._paused_until = self._clock.monotonic() + pause
            log.warning("delivery paused", extra={**extra, "pause_s": round(pause, 2)})
            return pause
        self._connectivity.report_reachable()
        if verdict is Verdict.DEAD:
            dead = self._outbox.mark_dead(entry.id, reason)
            log.error("outbox entry refused; parked as dead for a technician", extra=extra)
            self._notify(self._dead_listeners, dead, reason)
            return 0.0
        delay = self._backoff.delay(entry.attempts)
        self._outbox.release(entry.id, error=reason, retry_at=self._clock.now() + delay)
        level = logging.WARNING if isinstance(exc, KnownError) else logging.ERROR
        log.log(level, "outbox entry will be retried",
                extra={**extra, "retry_in_s": round(delay, 2)}, exc_info=level == logging.ERROR)
        return 0.0

    def _idle(self) -> float:
        """Nothing due: housekeeping, then sleep until the next entry is due. After
        deliveries the WAL is truncated (one checkpoint per batch, not per entry); a
        truncation another process's reader held off is tried again at the next idle."""
        if self._erased:
            self._dirty = False
            self._erased = not self._outbox.checkpoint(truncate=True)
        elif self._dirty:
            self._dirty = False
            self._outbox.checkpoint()
        due = self._outbox.next_due_at()
        if due is None:
            return self._idle_poll
        return min(self._idle_poll, max(0.01, due - self._clock.now()))

    def _notify(self, listeners: list[Any], entry: OutboxEntry, arg: object) -> None:
        for listener in list(listeners):
            try:
                listener(entry, arg)
            except Exception:
                log.exception("delivery listener failed", extra={"entry_id": entry.id})

    # ------------------------------------------------------------------ health
    def health(self) -> ComponentHealth:
        """The outbox's health plus the worker's: running, paused, refused credentials."""
        base = self._outbox.health()
        details: dict[str, Detail] = dict(base.details)
        details.update({"worker_running": self.running, "online": self._connectivity.online,
                        "worker_last_error": self._last_error})
        status, summary = base.status, base.summary
        if self._blocked is not None:
            status = Status.ERROR
            summary = f"the municipality refuses this kiosk's credentials: {self._blocked}"
        elif self._thread is not None and not self.running:
            status = Status.ERROR
            summary = "the delivery worker has stopped unexpectedly"
            if base.status is Status.ERROR:
                summary = f"{summary}: {base.summary}"
        elif not self._connectivity.online and status is Status.OK:
            summary = f"{summary}; working offline"
        return ComponentHealth("offline_queue", status, summary, details)
