"""Disk full, a damaged file, a lock held too long, a newer schema: typed errors, safe states.

Each case is produced for real on a real SQLite file; nothing here is mocked.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kiosk.health.model import Status
from kiosk.offline_queue.entry import EntryState
from kiosk.offline_queue.errors import (
    OutboxCorruptedError,
    OutboxFullError,
    OutboxLockedError,
    OutboxUnavailableError,
    OutboxVersionError,
)
from kiosk.offline_queue.schema import SCHEMA_VERSION
from kiosk.offline_queue.store import Outbox, quarantined_files


def test_disk_full_refuses_new_requests_and_keeps_every_accepted_one(tmp_path: Path) -> None:
    # A real SQLITE_FULL: the outbox's size cap is SQLite's own `max_page_count`, so the
    # database engine hits "database or disk is full" exactly as on a full disk, without
    # needing root to mount a tiny filesystem (CI runners cannot).
    path = tmp_path / "outbox.sqlite3"
    with Outbox.open(path, max_size_bytes=64 * 1024) as box:
        accepted = []
        refused: OutboxFullError | None = None
        warned = False
        for n in range(1000):
            warned = warned or box.health().status is Status.WARNING
            try:
                accepted.append(box.enqueue("submit_application", {"n": n, "pad": "x" * 2000}))
            except OutboxFullError as exc:
                refused = exc
                break
        assert refused is not None
        assert "no space left" in str(refused)
        assert warned  # operators heard "nearly full" before the first refusal
        assert 0 < len(accepted) < 1000
        health = box.health()
        assert health.status is Status.ERROR
        assert health.details["problem"] == "full"
        assert "cannot store new requests" in health.summary
        # Everything acknowledged is still there, intact, and can still be delivered.
        assert [e.payload for e in box.entries()] == [e.payload for e in accepted]
        head = box.claim_next(0, horizon_s=60)
        assert head is not None
        # Recording the delivery erases its payload, which frees room: the kiosk can take
        # requests again.
        box.mark_delivered(head.id, {"transaction_number": "TX-1"}, "TX-1")
        box.enqueue("submit_application", {"n": "after", "pad": "x" * 100})
        assert box.problem is None
        assert box.health().status is Status.WARNING  # accepting again, still nearly full
    with Outbox.open(path) as again:
        assert again.counts()[EntryState.PENDING] == len(accepted)


def test_a_file_of_garbage_is_kept_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with pytest.raises(OutboxCorruptedError) as caught:
        Outbox.open(path)
    kept = caught.value.quarantined
    assert kept is not None
    assert kept.read_bytes() == garbage  # renamed, never deleted or rewritten
    assert str(kept) in str(caught.value)
    assert not path.exists()
    # The next start gets a fresh outbox; health keeps telling operators about the file.
    with Outbox.open(path) as fresh:
        fresh.enqueue("submit_application", {"n": 1})
        health = fresh.health()
    assert health.status is Status.WARNING
    assert health.details["quarantined_files"] == 1
    assert quarantined_files(path) == [kept]


def test_damaged_pages_inside_a_real_outbox_are_detected_at_open(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    with Outbox.open(path) as box:
        for n in range(200):
            box.enqueue("submit_application", {"n": n, "pad": "y" * 500})
        box.checkpoint(truncate=True)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 10 * page
    for offset in range(2 * page, 6 * page, 7):  # scribble over b-tree pages, keep header
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(OutboxCorruptedError) as caught:
        Outbox.open(path)
    assert caught.value.quarantined is not None
    assert caught.value.quarantined.read_bytes() == bytes(data)


def test_a_lock_held_too_long_ends_in_a_typed_error_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    with Outbox.open(path, busy_timeout_s=0.2) as box:
        box.enqueue("submit_application", {"n": 1})
        intruder = sqlite3.connect(path, isolation_level=None)
        try:
            intruder.execute("BEGIN EXCLUSIVE")
            with pytest.raises(OutboxLockedError, match="locked"):
                box.enqueue("submit_application", {"n": 2})
            assert box.health().details["problem"] == "locked"
        finally:
            intruder.execute("ROLLBACK")
            intruder.close()
        box.enqueue("submit_application", {"n": 3})  # the lock is gone: all is well again
        assert box.counts()[EntryState.PENDING] == 2
        assert box.problem is None


def test_an_outbox_from_a_newer_release_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    with Outbox.open(path) as box:
        box.enqueue("submit_application", {"n": 1})
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(OutboxVersionError, match="newer"):
        Outbox.open(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    finally:
        conn.close()


def test_an_unwritable_folder_is_a_clear_unavailable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(OutboxUnavailableError, match="cannot be created"):
        Outbox.open(blocker / "outbox.sqlite3")


def test_a_folder_where_the_file_should_be_is_a_clear_unavailable_error(
        tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    path.mkdir()
    with pytest.raises(OutboxUnavailableError, match="storage error"):
        Outbox.open(path)
    assert path.is_dir()  # nothing renamed or removed: it is not a damaged outbox
