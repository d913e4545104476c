"""Delivers an outbox entry through the municipality API client.

The outbox stores plain JSON by kind (`kiosk.domain.requests.RequestKind`:
`api.schema.SubmitApplication` for `submit_application`, `RecordPayment` for
`record_payment`); the client knows how each kind maps to an HTTP request. This adapter
only adds the outbox's rules: an entry whose payload was purged or whose kind this kiosk
no longer knows can never be delivered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from kiosk.domain.requests import RequestKind
from kiosk.offline_queue.entry import OutboxEntry
from kiosk.offline_queue.errors import UndeliverableError

# Stored kinds are plain strings; a StrEnum member hashes and compares as its value.
_KNOWN_KINDS = frozenset(RequestKind)


class SendsStoredRequests(Protocol):
    """The part of `kiosk.api.client.MunicipalityClient` the queue needs."""

    def send(self, kind: str, payload: dict[str, Any],
             idempotency_key: str) -> Mapping[str, Any]: ...


class ClientDeliverer:
    """`Deliverer` over the API client: every attempt carries the entry's one key."""

    def __init__(self, client: SendsStoredRequests) -> None:
        self._client = client

    def deliver(self, entry: OutboxEntry) -> Mapping[str, Any]:
        if entry.kind not in _KNOWN_KINDS:
            raise UndeliverableError(f"this kiosk does not know how to send {entry.kind!r}")
        if entry.payload is None:
            raise UndeliverableError("the request's data was erased before delivery")
        return self._client.send(entry.kind, dict(entry.payload), entry.idempotency_key)
