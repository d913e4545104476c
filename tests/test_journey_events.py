"""The journey event recorder: what one session reports, and what no event can carry.

The recorder is fed facts by hand here (the end-to-end tests feed it from the real
screens: tests/e2e/test_journey_events.py); the batches it hands over are checked against
the contract's own model, and kept in a real outbox.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from kiosk.api.errors import (
    AuthError,
    MalformedResponseError,
    NotFoundError,
    OfflineError,
    RejectedError,
    ServerError,
    TlsError,
)
from kiosk.api.schema import JourneyEvent, JourneyEvents, RecordJourneyEvents
from kiosk.devices.printer.errors import PaperOut
from kiosk.devices.terminal.errors import PurchaseUnresolved, TerminalUnavailable
from kiosk.domain.pilot import (
    MAX_SESSION_EVENTS,
    AbandonReason,
    EventKind,
    FailureKind,
    Journey,
    JourneyStep,
)
from kiosk.domain.requests import RequestKind
from kiosk.journey_events import JourneyRecorder, enqueue_events, failure_of
from kiosk.offline_queue import Outbox

DAY = date(2025, 3, 1)
K = EventKind


def recorder() -> tuple[JourneyRecorder, list[JourneyEvents]]:
    batches: list[JourneyEvents] = []
    events = JourneyRecorder(today=lambda: DAY)
    events.attach(batches.append)
    return events, batches


def said(batch: JourneyEvents) -> list[tuple[str, ...]]:
    """Each event as the tuple of what it says (its set fields' values)."""
    return [tuple(str(v) for v in event.model_dump(exclude_none=True).values())
            for event in batch.events]


def test_a_completed_application_reports_each_step_once_in_order() -> None:
    events, batches = recorder()
    events.session_started()
    events.journey_chosen(Journey.ISSUE)
    for step in (JourneyStep.INTRO, JourneyStep.LICENCE_TYPE, JourneyStep.IDENTITY,
                 JourneyStep.DETAILS, JourneyStep.CHECK, JourneyStep.DETAILS,
                 JourneyStep.CHECK, JourneyStep.FEE):
        events.step_reached(Journey.ISSUE, step)
    events.completed(Journey.ISSUE)
    events.completed(Journey.ISSUE)  # the receipt printing afterwards says "done" again
    events.session_ended(AbandonReason.CANCEL)
    [batch] = batches
    assert batch.day == DAY
    assert said(batch) == [
        ("session_started",), ("journey_chosen", "issue"),
        ("step_reached", "issue", "intro"), ("step_reached", "issue", "licence_type"),
        ("step_reached", "issue", "identity"), ("step_reached", "issue", "details"),
        ("step_reached", "issue", "check"), ("step_reached", "issue", "fee"),
        ("completed", "issue"),
    ]


def test_an_unfinished_journey_is_abandoned_at_the_step_on_show_with_the_reason() -> None:
    events, batches = recorder()
    events.journey_chosen(Journey.PAY)  # choosing a service starts the session
    events.step_reached(Journey.PAY, JourneyStep.IDENTITY)
    events.step_reached(Journey.PAY, JourneyStep.INVOICES)
    events.step_reached(Journey.PAY, JourneyStep.CONFIRM)
    events.step_reached(Journey.PAY, JourneyStep.CARD)
    events.failed(FailureKind.DECLINED)
    events.step_reached(Journey.PAY, JourneyStep.INVOICES)  # Back, to another invoice
    events.session_ended(AbandonReason.TIMEOUT)
    assert said(batches[0])[-3:] == [
        ("step_reached", "pay", "card"), ("failed", "pay", "card", "declined"),
        ("abandoned", "pay", "invoices", "timeout"),
    ]
    assert said(batches[0])[0] == ("session_started",)


def test_going_on_to_another_service_leaves_the_first_as_switched() -> None:
    events, batches = recorder()
    events.journey_chosen(Journey.TRACK)
    events.step_reached(Journey.TRACK, JourneyStep.NUMBER)
    events.journey_chosen(Journey.LICENCES)
    events.step_reached(Journey.TRACK, JourneyStep.RESULT)  # a late word from the old one
    events.step_reached(Journey.LICENCES, JourneyStep.IDENTITY)
    events.session_ended(AbandonReason.HOME)
    assert said(batches[0])[1:] == [
        ("journey_chosen", "track"), ("step_reached", "track", "number"),
        ("abandoned", "track", "number", "switched"),
        ("journey_chosen", "licences"), ("step_reached", "licences", "identity"),
        ("abandoned", "licences", "identity", "home"),
    ]


def test_a_journey_done_and_begun_again_counts_twice() -> None:
    events, batches = recorder()
    events.journey_chosen(Journey.TRACK)
    events.step_reached(Journey.TRACK, JourneyStep.NUMBER)
    events.step_reached(Journey.TRACK, JourneyStep.RESULT)
    events.completed(Journey.TRACK)
    events.step_reached(Journey.TRACK, JourneyStep.RESULT)  # still on the result
    events.step_reached(Journey.TRACK, JourneyStep.NUMBER)  # another number
    events.session_ended(AbandonReason.CANCEL)
    kinds = [e.kind for e in batches[0].events]
    assert kinds.count(K.JOURNEY_CHOSEN) == 2
    assert kinds.count(K.COMPLETED) == 1
    assert said(batches[0])[-1] == ("abandoned", "track", "number", "cancel")


def test_nothing_is_reported_outside_a_session() -> None:
    events, batches = recorder()
    events.step_reached(Journey.ISSUE, JourneyStep.FEE)
    events.completed(Journey.ISSUE)
    events.failed(FailureKind.OFFLINE)
    events.session_ended(AbandonReason.SERVICE)
    assert batches == []
    events.session_started()
    events.session_started()
    events.session_ended(AbandonReason.TIMEOUT)
    assert said(batches[0]) == [("session_started",)]


def test_a_flood_of_failures_is_capped_and_the_end_still_said() -> None:
    events, batches = recorder()
    events.journey_chosen(Journey.ISSUE)
    events.step_reached(Journey.ISSUE, JourneyStep.INTRO)
    for _ in range(MAX_SESSION_EVENTS * 2):
        events.failed(FailureKind.PRINTER)
    events.session_ended(AbandonReason.CANCEL)
    [batch] = batches
    assert len(batch.events) == MAX_SESSION_EVENTS
    assert said(batch)[-1] == ("abandoned", "issue", "intro", "cancel")


@pytest.mark.parametrize(("error", "kind"), [
    (OfflineError(), FailureKind.OFFLINE),
    (TlsError("certificate refused"), FailureKind.OFFLINE),
    (ServerError(status=503), FailureKind.SERVER),
    (MalformedResponseError("garbled"), FailureKind.SERVER),
    (PaperOut(), FailureKind.PRINTER),
    (TerminalUnavailable(), FailureKind.TERMINAL),
    (PurchaseUnresolved("INV-1446-000101-0a1b2c3d", 100, TerminalUnavailable()),
     FailureKind.TERMINAL),
    (RejectedError("refused"), None),       # the beneficiary's answers: not a failure
    (NotFoundError("no such number"), None),
    (AuthError("token expired"), None),
    (ValueError("a bug"), None),
])
def test_failures_are_sorted_by_what_failed(error: BaseException,
                                            kind: FailureKind | None) -> None:
    assert failure_of(error) is kind


def _types(annotation: object) -> set[object]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return {t for arg in typing.get_args(annotation) for t in _types(arg)}
    return {annotation}


def test_an_event_has_no_field_that_could_carry_personal_data() -> None:
    for name, field in JourneyEvent.model_fields.items():
        kinds = _types(field.annotation) - {type(None)}
        assert all(isinstance(t, type) and issubclass(t, enum.Enum) for t in kinds), name
    assert set(JourneyEvents.model_fields) == {"day", "events"}
    for smuggled in ({"kind": "session_started", "national_id": "1000000008"},
                     {"kind": "failed", "failure": "declined", "amount_halalas": 23400},
                     {"kind": "journey_chosen", "journey": "0551234567"},
                     {"kind": "abandoned", "journey": "pay", "reason": "cancelled by Ahmed"},
                     {"kind": "step_reached", "journey": "track", "step": "fee"}):
        with pytest.raises(ValidationError):
            JourneyEvent.model_validate(smuggled)
    for day in ("2025-03-01T10:15:00Z", 1740823200, "2023-12-31"):
        with pytest.raises(ValidationError):
            JourneyEvents.model_validate({"day": day, "events": [{"kind": "session_started"}]})


def test_a_session_is_kept_in_the_outbox_as_one_entry(tmp_path: Path) -> None:
    events, batches = recorder()
    events.journey_chosen(Journey.LICENCES)
    events.session_ended(AbandonReason.HOME)
    outbox = Outbox.open(tmp_path / "outbox.sqlite3", reference_prefix="AHS-DEV-01")
    try:
        entry = enqueue_events(outbox, "AHS-DEV-01", batches[0])
        kept = outbox.get(entry.id)
    finally:
        outbox.close()
    assert kept.kind == RequestKind.JOURNEY_EVENTS
    assert kept.payload is not None
    stored = RecordJourneyEvents.model_validate(kept.payload)
    assert stored.kiosk_id == "AHS-DEV-01"
    assert stored.batch == batches[0]
