"""The technician audit log: each record chained to the one before, so an edited,
removed or reordered line is found; and the chain's head kept beside it, so lines cut
off the end are found too."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.technician.audit import GENESIS, AuditLog, record_hash


def _log(path: Path) -> AuditLog:
    return AuditLog(path, clock=lambda: datetime(2026, 3, 1, 9, 30, tzinfo=UTC))


def _write_three(path: Path) -> AuditLog:
    audit = _log(path)
    audit.record("enter", "PIN accepted")
    audit.record("print test", "printed")
    audit.record("leave", "left by the technician")
    return audit


def test_records_chain_and_verify(tmp_path: Path) -> None:
    audit = _write_three(tmp_path / "audit.jsonl")
    check = audit.verify()
    assert check.ok
    assert check.records == 3
    newest = audit.last(2)
    assert [r.action for r in newest] == ["leave", "print test"]
    first = json.loads((tmp_path / "audit.jsonl").read_text().splitlines()[0])
    assert first["prev_hash"] == GENESIS
    assert set(first) == {"time", "action", "outcome", "prev_hash", "hash"}


def test_a_reopened_log_continues_the_chain(tmp_path: Path) -> None:
    _write_three(tmp_path / "audit.jsonl")
    again = _log(tmp_path / "audit.jsonl")
    again.record("enter", "PIN accepted")
    assert again.verify().ok
    assert again.verify().records == 4


def test_an_edited_line_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    _write_three(path)
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace("printed", "not printed")
    path.write_text("\n".join(lines) + "\n")
    check = _log(path).verify()
    assert not check.ok
    assert check.bad_line == 2
    assert "changed" in check.problem


def test_a_removed_line_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    _write_three(path)
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[2]]) + "\n")
    check = _log(path).verify()
    assert check.bad_line == 2
    assert "removed" in check.problem
    path.write_text("\n".join(lines[1:]) + "\n")
    assert _log(path).verify().bad_line == 1


def test_a_line_that_is_not_a_record_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    _write_three(path)
    with path.open("a") as file:
        file.write("{half a line\n")
    check = _log(path).verify()
    assert check.bad_line == 4
    assert check.records == 3


def test_a_missing_log_is_an_empty_one(tmp_path: Path) -> None:
    audit = _log(tmp_path / "none.jsonl")
    assert audit.verify().ok
    assert audit.last(5) == []


def test_deleting_the_last_line_is_found_through_the_head(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    _write_three(path)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2]) + "\n")
    check = _log(path).verify()
    assert not check.ok
    assert check.records == 2
    assert check.bad_line == 3
    assert "removed from the end" in check.problem
    path.write_text("")  # every line gone, the file kept
    assert _log(path).verify().bad_line == 1
    path.unlink()  # the log itself gone
    assert "removed from the end" in _log(path).verify().problem


def test_a_last_line_replaced_by_a_well_chained_one_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    _write_three(path)
    lines = path.read_text().splitlines()
    last = json.loads(lines[2])
    # A hand-made last line whose hash is computed right, the head file left alone.
    outcome = "nothing happened"
    forged = dict(last, outcome=outcome,
                  hash=record_hash(last["time"], last["action"], outcome, last["prev_hash"]))
    path.write_text("\n".join([*lines[:2], json.dumps(forged)]) + "\n")
    check = _log(path).verify()
    assert check.bad_line == 3
    assert "head file holds another hash" in check.problem


def test_a_missing_or_garbled_head_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    _write_three(path)
    head = tmp_path / "audit.head.json"
    assert json.loads(head.read_text())["records"] == 3
    head.write_text("{not json")
    assert "head file" in _log(path).verify().problem
    head.unlink()
    check = _log(path).verify()
    assert not check.ok
    assert "missing" in check.problem


def test_a_head_one_record_behind_is_a_crash_between_the_writes_not_tampering(
        tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    audit = _write_three(path)
    head = tmp_path / "audit.head.json"
    before = head.read_text()
    audit.record("enter", "PIN accepted")
    head.write_text(before)  # as if the power went between the append and the head
    check = _log(path).verify()
    assert check.ok
    assert check.records == 4
