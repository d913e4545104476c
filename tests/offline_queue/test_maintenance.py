"""What `kiosk queue` and the technician's Outbox tool share: summaries without personal
data, retries that do not stop at the first refusal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.offline_queue import EntryState, InvalidEntryError, Outbox, maintenance


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    with Outbox.open(tmp_path / "outbox.sqlite3") as box:
        yield box


@pytest.mark.parametrize(("last_error", "kind"), [
    ("rejected (invalid_activity): activity is not licensable [activity: code]",
     "rejected (invalid_activity)"),
    ("ServerError 503 (unavailable): The service is down", "ServerError 503 (unavailable)"),
    ("OfflineError: no route to host", "OfflineError"),
    (None, None),
    ("", None),
])
def test_error_class(last_error: str | None, kind: str | None) -> None:
    assert maintenance.error_class(last_error) == kind


def test_summaries_and_retries(outbox: Outbox) -> None:
    ids = [outbox.enqueue("submit_application", {"national_id": "1000000008"}).id
           for _ in range(3)]
    for _ in ids[:2]:
        assert outbox.claim_next(0, horizon_s=60) is not None
    outbox.mark_delivered(ids[0], {}, "TX-1")
    outbox.mark_dead(ids[1], "rejected (bad): 1000000008 refused")
    later = datetime.now(UTC) + timedelta(minutes=5)
    waiting, dead = maintenance.waiting_and_dead(outbox, later)
    assert [(s.id, s.state) for s in waiting] == [(ids[2], EntryState.PENDING)]
    [refused] = dead
    assert (refused.id, refused.attempts, refused.error_class) == (ids[1], 1, "rejected (bad)")
    assert refused.age_s >= 300
    assert "1000000008" not in repr(waiting + dead)

    assert maintenance.dead_ids(outbox) == [ids[1]]
    results = maintenance.retry(outbox, [ids[0], ids[1], 999])
    assert [r.entry_id for r in results] == [ids[0], ids[1], 999]
    assert isinstance(results[0].error, InvalidEntryError), "a delivered entry stays delivered"
    assert results[1].entry is not None
    assert results[1].entry.state is EntryState.PENDING
    assert results[2].error is not None
