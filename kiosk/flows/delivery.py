"""One way a journey waits, a bounded time, for the municipality to receive what it stored.

Issue (an application) and pay (a payment) write their request to the durable outbox and
let the delivery worker send it. The beneficiary is then still at the kiosk, and a receipt
that carries the municipality's own number (transaction number, receipt number) is worth
a few seconds; a provisional receipt with the outbox's local reference is the answer when
it takes longer. `DeliveryWait` is that wait: it polls the outbox until the entry is
settled (delivered, or refused for good) or the bound runs out. While the kiosk knows it
is offline the worker is pausing, so waiting the full bound would only keep the
beneficiary looking at "Sending…": it takes one short look instead.

It blocks, so a flow runs it through its runner; the clock and the sleep are injected so
tests and the tour can drive it without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Protocol

from kiosk.offline_queue.entry import OutboxEntry

OFFLINE_LOOK_S = 0.5  # how long to look while offline: the worker may be mid-attempt
POLL_S = 0.05


class OutboxPort(Protocol):
    """The outbox as journeys use it: store a request once under its key, look it up."""

    def enqueue(self, kind: str, payload: Mapping[str, object], *,
                idempotency_key: str | None = None) -> OutboxEntry: ...
    def get(self, entry_id: int) -> OutboxEntry: ...
    def get_by_key(self, idempotency_key: str) -> OutboxEntry | None: ...


class DeliveryWait:
    """Waits until an outbox entry is settled, the bound runs out, or (offline) one short
    look has shown nothing; returns the entry as it then stands."""

    def __init__(
        self,
        outbox: OutboxPort,
        *,
        online: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        poll_s: float = POLL_S,
    ) -> None:
        self._outbox = outbox
        self._online = online
        self._clock = clock
        self._sleep = sleep
        self._poll_s = poll_s

    def wait(self, entry_id: int, bound_s: float) -> OutboxEntry:
        """Blocks up to `bound_s` (less while offline); never raises for a slow worker."""
        start = self._clock()
        deadline = start + bound_s
        while True:
            entry = self._outbox.get(entry_id)
            if entry.settled:
                return entry
            if not self._online():
                deadline = min(deadline, start + OFFLINE_LOOK_S)
            if self._clock() >= deadline:
                return entry
            self._sleep(self._poll_s)
