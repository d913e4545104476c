"""What technicians did at this kiosk, in a log that shows it was tampered with.

Every technician action (entering, a wrong PIN, the lock, a PIN change, a test print,
taking the kiosk out of service, leaving...) is appended as one JSON line: its time, the
action, its outcome, the hash of the line before and its own hash (SHA-256 over the other
four). Editing a line changes its hash; removing or reordering lines breaks the chain;
`verify()` names the first line that does not hold. Cutting lines off the end would
leave a shorter chain that still holds, so the chain's head (how many records, the last
hash) is kept beside the log in a small file written atomically after each append, and
`verify()` checks the chain reaches it. (Someone who rewrites both files by hand is
caught only by a copy kept elsewhere, such as the heartbeat's.)

A record never carries a PIN's digits or anything of a beneficiary: callers pass an
action and an outcome in plain words. Each record is also logged. Appending writes to
disk: call it off the UI thread (the technician screens do, through the BackgroundRunner).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.technician.files import write_json

log = logging.getLogger(__name__)

AUDIT_FILE = "technician-audit.jsonl"
#: Beside the log: `{"records": N, "hash": "<the last record's hash>"}`.
HEAD_SUFFIX = ".head.json"
#: The "previous hash" of the first record.
GENESIS = "0" * 64
_FIELDS = ("time", "action", "outcome", "prev_hash", "hash")

#: What the tools are given to write down an action: `audit(action, outcome)`.
Audit = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One technician action as written."""

    time: str  # ISO 8601, UTC, to the second
    action: str
    outcome: str
    prev_hash: str
    hash: str

    @property
    def at(self) -> datetime:
        return datetime.fromisoformat(self.time)


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The outcome of `AuditLog.verify`: how many lines held, and the first that did not."""

    records: int
    bad_line: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.bad_line is None


def record_hash(time: str, action: str, outcome: str, prev_hash: str) -> str:
    """The SHA-256 a record carries, over its other fields in one fixed form."""
    body = json.dumps({"time": time, "action": action, "outcome": outcome,
                       "prev_hash": prev_hash}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _parse(line: str) -> AuditRecord | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        return None
    if not all(isinstance(data[name], str) for name in _FIELDS):
        return None
    return AuditRecord(**{name: data[name] for name in _FIELDS})


class AuditLog:
    """The append-only, hash-chained technician log in the data folder."""

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = path
        self._clock = clock or (lambda: datetime.now(UTC))
        self.head_path = path.with_name(path.stem + HEAD_SUFFIX)
        self._lock = threading.Lock()
        # The chain's end (record count, last hash), once read or written.
        self._head: tuple[int, str] | None = None

    @classmethod
    def in_folder(cls, data_dir: Path) -> AuditLog:
        return cls(data_dir / AUDIT_FILE)

    def record(self, action: str, outcome: str) -> AuditRecord:
        """Appends one action (fsynced before returning), then the chain's head beside
        it, and logs it."""
        with self._lock:
            count, prev = self._head if self._head is not None else self._chain_end()
            time = self._clock().astimezone(UTC).isoformat(timespec="seconds")
            entry = AuditRecord(time, action, outcome, prev,
                                record_hash(time, action, outcome, prev))
            line = json.dumps({name: getattr(entry, name) for name in _FIELDS},
                              ensure_ascii=False) + "\n"
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            self._head = (count + 1, entry.hash)
            # A crash between the two writes leaves the head one record behind: `verify`
            # accepts a chain that runs past its head, never one that stops short of it.
            write_json(self.head_path, {"records": count + 1, "hash": entry.hash})
        log.info("technician action", extra={"action": action, "outcome": outcome})
        return entry

    def _chain_end(self) -> tuple[int, str]:
        lines = self._lines()
        last = self.last(1)
        return len(lines), last[0].hash if last else GENESIS

    def read_head(self) -> tuple[int, str] | None:
        """The head file's (records, last hash); None when there is none.

        Raises ValueError when it is there but unreadable as a head."""
        try:
            text = self.head_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        data: Any = json.loads(text)
        if (not isinstance(data, dict) or not isinstance(data.get("records"), int)
                or not isinstance(data.get("hash"), str) or data["records"] < 0):
            raise ValueError("not an audit head")
        return data["records"], data["hash"]

    def _lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def last(self, count: int) -> list[AuditRecord]:
        """The last `count` records, newest first (lines that are not records skipped)."""
        newest: deque[AuditRecord] = deque(maxlen=count)
        for line in self._lines():
            parsed = _parse(line)
            if parsed is not None:
                newest.append(parsed)
        return list(reversed(newest))

    def verify(self) -> AuditCheck:
        """Checks every line's hash and its link to the line before, then that the
        chain reaches the head written with the last record (no line cut off the end)."""
        prev = GENESIS
        lines = self._lines()
        hashes: list[str] = []
        for number, line in enumerate(lines, start=1):
            parsed = _parse(line)
            if parsed is None:
                return AuditCheck(number - 1, number, "it is not an audit record")
            if parsed.prev_hash != prev:
                return AuditCheck(number - 1, number, "it does not follow the line before "
                                  "(a line was removed, added or reordered)")
            if record_hash(parsed.time, parsed.action, parsed.outcome,
                           parsed.prev_hash) != parsed.hash:
                return AuditCheck(number - 1, number, "it was changed after it was written")
            prev = parsed.hash
            hashes.append(parsed.hash)
        return self._reaches_head(hashes)

    def _reaches_head(self, hashes: list[str]) -> AuditCheck:
        count = len(hashes)
        try:
            head = self.read_head()
        except (ValueError, UnicodeDecodeError):
            return AuditCheck(count, count + 1, f"its head file {self.head_path.name} was "
                              "changed: whether lines were removed from the end cannot be "
                              "told")
        if head is None:
            if count == 0:
                return AuditCheck(0)
            return AuditCheck(count, count + 1, f"its head file {self.head_path.name} is "
                              "missing: whether lines were removed from the end cannot be "
                              "told")
        records, last = head
        if records > count:
            return AuditCheck(count, count + 1, f"it is missing: {records - count} line(s) "
                              f"were removed from the end (the head file counts {records})")
        if records > 0 and hashes[records - 1] != last:
            return AuditCheck(records - 1, records, "it is not the record last written "
                              "(the head file holds another hash)")
        return AuditCheck(count)
