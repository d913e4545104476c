"""Structured log lines on stderr (journald picks them up), never with personal data.

The demo sends them to a file instead (`setup_logging(file=...)`), keeping its terminal
for the few lines a person reads.

Each line is one JSON object: time, level, logger, message and any `extra` fields.
Callers log identifiers of *things* (transaction numbers, outbox ids, device states),
never a beneficiary's ID number, mobile, name or token; `redact()` is the guard for the
few places where a value of unknown origin is logged.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}
# National/resident IDs, Saudi mobiles, card-like digit runs.
_PERSONAL = re.compile(r"(?<!\d)(?:[12]\d{9}|(?:\+?966|0)5\d{8}|\d{12,19})(?!\d)")


def redact(text: str) -> str:
    """Masks anything that looks like an ID number, a mobile or a card number."""
    return _PERSONAL.sub("[redacted]", text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with personal-looking digit runs masked."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(level: str = "INFO", *, file: Path | None = None) -> None:
    """JSON lines at `level` and above on stderr, or appended to `file` when given."""
    handler: logging.Handler
    if file is None:
        handler = logging.StreamHandler(sys.stderr)
    else:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(file, encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for previous in root.handlers:
        previous.close()  # a file handler lets go of its file; stderr stays open
    root.handlers[:] = [handler]
    root.setLevel(level)
