"""The outbox file itself: durability, order, claiming, purging, permissions, migrations."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.health.model import Status
from kiosk.offline_queue.entry import EntryState
from kiosk.offline_queue.errors import EntryNotFoundError, InvalidEntryError, OutboxUnavailableError
from kiosk.offline_queue.schema import SCHEMA_VERSION
from kiosk.offline_queue.store import Outbox

APPLICATION = {"licence_type": "professional", "national_id": "1000000008",
               "mobile": "0500000001", "activity": "بقالة", "area_m2": 40}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "outbox.sqlite3"


@pytest.fixture
def outbox(path: Path) -> Iterator[Outbox]:
    with Outbox.open(path, reference_prefix="AHS-01") as box:
        yield box


def test_an_acknowledged_request_is_in_the_file_for_a_new_process(outbox: Outbox,
                                                                   path: Path) -> None:
    entry = outbox.enqueue("submit_application", APPLICATION)
    # A second, independent connection sees the committed row with everything needed.
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT kind, payload, idempotency_key, state FROM entries"
                           " WHERE id = ?", [entry.id]).fetchone()
    conn.close()
    assert row[0] == "submit_application"
    assert json.loads(row[1]) == APPLICATION
    assert row[2] == entry.idempotency_key
    assert row[3] == "pending"
    assert entry.local_reference == f"AHS-01-{entry.id:06d}"


def test_file_and_sidecars_are_readable_by_the_kiosk_user_only(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch(mode=0o644)
    os.chmod(path, 0o644)  # as left by a careless copy: must be tightened at open
    with Outbox.open(path) as box:
        box.enqueue("submit_application", APPLICATION)
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    assert modes == {f.name: 0o600 for f in files}


def test_pragmas_make_each_commit_durable(outbox: Outbox, path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    # synchronous is per connection: read the outbox's own. Claims skip their fsync (a
    # lost claim is harmless) but must leave every other commit fully synchronous.
    outbox.enqueue("submit_application", APPLICATION)
    assert outbox.claim_next(0, horizon_s=60) is not None
    assert outbox._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_idempotency_key_is_made_once_and_survives_every_state(outbox: Outbox,
                                                               path: Path) -> None:
    first = outbox.enqueue("submit_application", APPLICATION)
    second = outbox.enqueue("submit_application", APPLICATION)
    assert first.idempotency_key != second.idempotency_key
    claimed = outbox.claim_next(0, horizon_s=60)
    assert claimed is not None
    outbox.release(claimed.id, error="OfflineError: no route")
    outbox.close()
    with Outbox.open(path) as again:
        assert again.get(first.id).idempotency_key == first.idempotency_key


def test_double_tap_with_the_callers_key_stores_one_request(outbox: Outbox) -> None:
    key = "7d1c5f0e-2b1a-4a55-9e0f-000000000001"
    one = outbox.enqueue("submit_application", APPLICATION, idempotency_key=key)
    two = outbox.enqueue("submit_application", APPLICATION, idempotency_key=key)
    assert one.id == two.id
    assert outbox.counts()[EntryState.PENDING] == 1
    with pytest.raises(InvalidEntryError, match="different request"):
        outbox.enqueue("submit_application", {**APPLICATION, "area_m2": 41},
                       idempotency_key=key)
    with pytest.raises(InvalidEntryError, match="UUID"):
        outbox.enqueue("submit_application", APPLICATION, idempotency_key="not-a-uuid-at-all")


@pytest.mark.parametrize(("kind", "payload", "problem"), [
    ("Submit Application", APPLICATION, "kind"),
    ("submit_application", ["not", "an", "object"], "JSON object"),
    ("submit_application", {"amount": float("nan")}, "JSON"),
    ("submit_application", {"when": object()}, "JSON"),
    ("submit_application", {"blob": "x" * 300_000}, "larger"),
])
def test_malformed_requests_are_refused_and_nothing_is_stored(
        outbox: Outbox, kind: str, payload: object, problem: str) -> None:
    with pytest.raises(InvalidEntryError, match=problem):
        outbox.enqueue(kind, payload)  # type: ignore[arg-type]
    assert sum(outbox.counts().values()) == 0


def test_claims_take_the_oldest_due_entry_and_count_the_attempt(outbox: Outbox) -> None:
    ids = [outbox.enqueue("submit_application", {"n": n}).id for n in range(3)]
    first = outbox.claim_next(100.0, horizon_s=60)
    assert first is not None
    assert (first.id, first.state, first.attempts) == (ids[0], EntryState.IN_FLIGHT, 1)
    outbox.release(first.id, error="ServerError: 503", retry_at=130.0)
    second = outbox.claim_next(100.0, horizon_s=60)
    assert second is not None
    assert second.id == ids[1]  # the waiting head does not block the others
    third = outbox.claim_next(100.0, horizon_s=60)
    assert third is not None
    assert third.id == ids[2]
    assert outbox.claim_next(100.0, horizon_s=60) is None
    again = outbox.claim_next(130.0, horizon_s=60)
    assert again is not None
    assert (again.id, again.attempts, again.last_error) == (ids[0], 2, "ServerError: 503")


def test_a_retry_time_beyond_the_horizon_is_due(outbox: Outbox) -> None:
    """Written before the wall clock was set back a day: must not wait a day."""
    entry = outbox.enqueue("record_payment", {"invoice": "INV-1"})
    claimed = outbox.claim_next(1_000_000.0, horizon_s=360)
    assert claimed is not None
    outbox.release(entry.id, error="ServerError", retry_at=1_000_030.0)
    clock_set_back = 1_000_000.0 - 86_400
    again = outbox.claim_next(clock_set_back, horizon_s=360)
    assert again is not None
    assert again.id == entry.id


def test_two_connections_claiming_at_once_never_share_an_entry(outbox: Outbox,
                                                              path: Path) -> None:
    for n in range(120):
        outbox.enqueue("submit_application", {"n": n})
    other = Outbox.open(path)
    claimed: list[int] = []
    lock = threading.Lock()

    def claim_all(box: Outbox) -> None:
        while (entry := box.claim_next(0, horizon_s=60)) is not None:
            with lock:
                claimed.append(entry.id)

    threads = [threading.Thread(target=claim_all, args=(box,))
               for box in (outbox, other, outbox, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert sorted(claimed) == sorted(set(claimed))
    assert len(claimed) == 120


def test_entries_left_in_flight_by_a_crash_go_back_to_pending(path: Path) -> None:
    box = Outbox.open(path)
    entry = box.enqueue("record_payment", {"invoice": "INV-2"})
    assert box.claim_next(0, horizon_s=60) is not None
    box.close()  # the process "dies" with the entry in flight
    with Outbox.open(path) as again:
        assert again.get(entry.id).state is EntryState.IN_FLIGHT
        assert again.requeue_in_flight() == 1
        back = again.get(entry.id)
        assert (back.state, back.attempts) == (EntryState.PENDING, 1)
        assert again.claim_next(0, horizon_s=60) is not None


def test_delivered_and_dead_entries_are_never_claimed_again(outbox: Outbox) -> None:
    good = outbox.enqueue("submit_application", {"n": 1})
    bad = outbox.enqueue("submit_application", {"n": 2})
    for expected in (good, bad):
        claimed = outbox.claim_next(0, horizon_s=60)
        assert claimed is not None
        assert claimed.id == expected.id
    delivered = outbox.mark_delivered(good.id, {"transaction_number": "TX-1"}, "TX-1")
    dead = outbox.mark_dead(bad.id, "rejected (invalid_activity): activity unknown")
    assert (delivered.state, delivered.server_reference) == (EntryState.DELIVERED, "TX-1")
    assert delivered.answer == {"transaction_number": "TX-1"}
    assert dead.state is EntryState.DEAD
    assert dead.last_error == "rejected (invalid_activity): activity unknown"
    assert outbox.requeue_in_flight() == 0
    assert outbox.claim_next(0, horizon_s=60) is None


def test_operator_retry_revives_a_dead_entry_only(outbox: Outbox) -> None:
    entry = outbox.enqueue("submit_application", {"n": 1})
    outbox.claim_next(0, horizon_s=60)
    outbox.mark_dead(entry.id, "rejected")
    revived = outbox.retry(entry.id)
    assert revived.state is EntryState.PENDING
    claimed = outbox.claim_next(0, horizon_s=60)
    assert claimed is not None
    outbox.mark_delivered(entry.id, {"transaction_number": "TX-9"}, "TX-9")
    with pytest.raises(InvalidEntryError, match="delivered"):
        outbox.retry(entry.id)
    with pytest.raises(EntryNotFoundError):
        outbox.retry(9999)
    with pytest.raises(EntryNotFoundError):
        outbox.get(9999)


def _raw(folder: Path) -> bytes:
    """Every byte of every file in the outbox's folder (db, -wal, -shm)."""
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


def test_delivery_erases_the_payload_at_once_and_truncation_clears_the_files(
        outbox: Outbox, path: Path) -> None:
    marker = "PURGE-ME-0123456789abcdef"
    kept = "KEEP-ME-fedcba9876543210"
    # Big enough to spill onto overflow pages: those must be zeroed too.
    delivered = outbox.enqueue("submit_application",
                               {**APPLICATION, "note": marker, "pad": marker * 400})
    waiting = outbox.enqueue("submit_application", {**APPLICATION, "note": kept})
    claimed = outbox.claim_next(0, horizon_s=60)
    assert claimed is not None
    assert claimed.id == delivered.id
    outbox.checkpoint()  # the payload reaches the database file itself, not just the WAL
    done = outbox.mark_delivered(delivered.id, {"transaction_number": "TX-77"}, "TX-77")
    # Same transaction: there is no moment where "delivered" still holds the payload.
    assert (done.state, done.payload, done.purged) == (EntryState.DELIVERED, None, True)
    assert (done.server_reference, done.answer) == ("TX-77", {"transaction_number": "TX-77"})
    assert done.idempotency_key == delivered.idempotency_key
    assert outbox.checkpoint(truncate=True)
    assert path.with_name(path.name + "-wal").stat().st_size == 0
    raw = _raw(path.parent)
    assert marker.encode() not in raw
    assert kept.encode() in raw  # a request still owed is kept, of course
    assert outbox.get(waiting.id).payload is not None


def test_secure_delete_is_on(outbox: Outbox) -> None:
    # Verified, not assumed: erased values are overwritten with zeros in the pages.
    assert outbox._conn.execute("PRAGMA secure_delete").fetchone() == (1,)


def test_dead_entries_keep_their_payload_for_a_technician(outbox: Outbox) -> None:
    entry = outbox.enqueue("submit_application", APPLICATION)
    outbox.claim_next(0, horizon_s=60)
    outbox.mark_dead(entry.id, "rejected")
    assert outbox.purge_delivered() == 0
    assert outbox.get(entry.id).payload == APPLICATION


def test_opening_sweeps_payloads_an_older_release_left_and_truncates_the_wal(
        path: Path) -> None:
    marker = "OLD-RELEASE-0123456789"
    with Outbox.open(path) as box:
        entry = box.enqueue("submit_application", {**APPLICATION, "note": marker})
    # What the previous release left: delivered, payload kept for its retention hour.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE entries SET state = 'delivered', server_reference = 'TX-5',"
                     " delivered_at = 1, answer = '{}' WHERE id = ?", [entry.id])
    conn.close()
    assert marker.encode() in _raw(path.parent)
    with Outbox.open(path) as box:
        swept = box.get(entry.id)
        assert (swept.payload, swept.purged, swept.server_reference) == (None, True, "TX-5")
        assert marker.encode() not in _raw(path.parent)
        assert box.purge_delivered() == 0  # the CLI's sweep finds nothing more


def test_opening_a_missing_outbox_without_create_is_a_clear_error(path: Path) -> None:
    with pytest.raises(OutboxUnavailableError, match="no outbox at"):
        Outbox.open(path, create=False)
    assert not path.exists()


def test_health_counts_waiting_and_dead_requests(path: Path) -> None:
    now = [1_700_000_000.0]
    with Outbox.open(path, clock=lambda: now[0]) as box:
        assert box.health().status is Status.OK
        box.enqueue("submit_application", {"n": 1})
        dead = box.enqueue("submit_application", {"n": 2})
        now[0] += 90
        health = box.health()
        assert health.status is Status.OK
        assert health.details["pending"] == 2
        assert health.details["oldest_pending_age_s"] == 90.0
        box.claim_next(0, horizon_s=60)
        box.release(1, error="OfflineError: connection refused")
        box.claim_next(0, horizon_s=60)
        box.claim_next(0, horizon_s=60)
        box.mark_dead(dead.id, "rejected (missing_lease): lease contract number required")
        health = box.health()
        assert health.status is Status.WARNING
        assert "1 request(s) refused" in health.summary
        assert health.details["dead"] == 1
        assert "missing_lease" in str(health.details["last_error"])
        now[0] += 7 * 3600
        box.retry(dead.id)
        stale = box.health()
        assert stale.status is Status.WARNING
        assert "waiting" in stale.summary


def test_errors_stored_for_operators_carry_no_personal_data(outbox: Outbox) -> None:
    entry = outbox.enqueue("submit_application", APPLICATION)
    outbox.claim_next(0, horizon_s=60)
    outbox.mark_dead(entry.id, "rejected: national_id 1000000008 / mobile 0500000001 unknown")
    text = str(outbox.get(entry.id).last_error)
    assert "1000000008" not in text
    assert "0500000001" not in text
    assert "[redacted]" in text
