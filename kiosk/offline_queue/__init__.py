"""The durable outbox: every state-changing request is kept, then delivered exactly once.

Public API for the app and the journeys (see docs/offline-queue.md):
`Outbox.open(path)` -> `outbox.enqueue(kind, payload)` (durable when it returns) ->
`DeliveryWorker(outbox, deliverer, connectivity).start()` delivers it, online or not,
and calls back with the server's answer. No Qt here: the app bridges callbacks to signals.
"""

from kiosk.offline_queue.backoff import BackoffPolicy, SchedulingClock
from kiosk.offline_queue.connectivity import Connectivity, ConnectivityMonitor
from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.offline_queue.errors import (
    EntryNotFoundError,
    InvalidEntryError,
    OutboxCorruptedError,
    OutboxError,
    OutboxFullError,
    OutboxLockedError,
    OutboxUnavailableError,
    OutboxVersionError,
    UndeliverableError,
)
from kiosk.offline_queue.store import Outbox, default_path
from kiosk.offline_queue.worker import Deliverer, DeliveryWorker

__all__ = [
    "BackoffPolicy",
    "Connectivity",
    "ConnectivityMonitor",
    "Deliverer",
    "DeliveryWorker",
    "EntryNotFoundError",
    "EntryState",
    "InvalidEntryError",
    "Outbox",
    "OutboxCorruptedError",
    "OutboxEntry",
    "OutboxError",
    "OutboxFullError",
    "OutboxLockedError",
    "OutboxUnavailableError",
    "OutboxVersionError",
    "SchedulingClock",
    "UndeliverableError",
    "default_path",
]
