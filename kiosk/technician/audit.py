"""What technicians did at this kiosk, in a log that shows it was tampered with.

Every technician action (entering, a wrong PIN, the lock, a PIN change, a test print,
taking the kiosk out of service, leaving...) is appended as one JSON line: its time, the
action, its outcome, the hash of the line before and its own hash (SHA-256 over the other
four). Editing a line changes its hash; removing or reordering lines breaks the chain;
`verify()` names the first line that does not hold. (Cutting lines off the end leaves a
shorter chain that still holds: a check against a copy kept elsewhere, such as the
heartbeat, is what catches that.)

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

log = logging.getLogger(__name__)

AUDIT_FILE = "technician-audit.jsonl"
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
        self._lock = threading.Lock()
        self._head: str | None = None  # the last record's hash, once read or written

    @classmethod
    def in_folder(cls, data_dir: Path) -> AuditLog:
        return cls(data_dir / AUDIT_FILE)

    def record(self, action: str, outcome: str) -> AuditRecord:
        """Appends one action (fsynced before returning) and logs it."""
        with self._lock:
            prev = self._head if self._head is not None else self._last_hash()
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
            self._head = entry.hash
        log.info("technician action", extra={"action": action, "outcome": outcome})
        return entry

    def _last_hash(self) -> str:
        last = self.last(1)
        return last[0].hash if last else GENESIS

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
        """Checks every line's hash and its link to the line before."""
        prev = GENESIS
        lines = self._lines()
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
        return AuditCheck(len(lines))
