"""One request kept in the outbox, as the rest of the kiosk sees it (no SQL here)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class EntryState(enum.StrEnum):
    """Life of an entry: pending -> in_flight -> delivered | dead (| back to pending)."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DELIVERED = "delivered"
    DEAD = "dead"


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """A state-changing request the kiosk has promised to deliver exactly once.

    `local_reference` is what a provisional receipt shows before the municipality has
    answered; `idempotency_key` is made once at enqueue and sent with every attempt, so
    the server can answer a repeat with its first answer. `payload` becomes None in the
    same transaction that records the delivery (`purged` is then True); the answer (minus
    personal fields) and `server_reference` stay. A dead entry keeps its payload.
    """

    id: int
    local_reference: str
    idempotency_key: str
    kind: str
    payload: Mapping[str, Any] | None
    state: EntryState
    created_at: datetime
    attempts: int
    next_attempt_at: float
    last_error: str | None
    answer: Mapping[str, Any] | None
    server_reference: str | None
    delivered_at: datetime | None
    purged: bool

    @property
    def settled(self) -> bool:
        """Delivered or dead: the worker will not touch it again on its own."""
        return self.state in (EntryState.DELIVERED, EntryState.DEAD)
