"""Queued payloads for the end-to-end tests (no sandbox imports: the crash child loads it
and must start fast).

A template is `{"application": {...}, "token": <beneficiary token>}`: the token stays in
the test (as it stays in the kiosk's session); what is queued carries only the proof made
from it for one idempotency key (`kiosk.api.proof`), as the issue flow does.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from kiosk.api.proof import make_proof
from kiosk.api.schema import ApplicationDraft
from kiosk.offline_queue.entry import OutboxEntry
from kiosk.offline_queue.store import Outbox


def answers(template: dict[str, Any], marker: str, **changes: Any) -> dict[str, Any]:
    """The application's answers with the unique shop name `CT <marker>` (and `changes`)."""
    found: dict[str, Any] = copy.deepcopy(template["application"]["answers"])
    found["shop_name"] = f"CT {marker}"
    found.update(changes)
    return found


def application(template: dict[str, Any], marker: str, key: str,
                **changes: Any) -> dict[str, Any]:
    """The stored `SubmitApplication` JSON for idempotency key `key`."""
    draft = ApplicationDraft(licence_type=template["application"]["licence_type"],
                             answers=answers(template, marker, **changes))
    return {"application": draft.model_dump(mode="json"),
            "beneficiary_proof": make_proof(template["token"], key, draft).model_dump()}


def enqueue(outbox: Outbox, template: dict[str, Any], marker: str,
            **changes: Any) -> OutboxEntry:
    """Queues one application the way the issue flow does: key first, then the proof."""
    key = str(uuid.uuid4())
    return outbox.enqueue("submit_application", application(template, marker, key, **changes),
                          idempotency_key=key)


def new_run() -> str:
    """A prefix that separates one test's requests from every other's on the server."""
    return uuid.uuid4().hex[:8]
