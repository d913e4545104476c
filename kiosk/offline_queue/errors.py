"""The outbox's typed failures, split the way the kiosk must react to them.

`OutboxUnavailableError` and its children mean "this kiosk cannot keep a new request right now":
the app takes the kiosk out of service with a message on screen instead of accepting a
request it could lose. `InvalidEntryError` is a bug in the caller (a payload that is not JSON, an
unknown kind). `UndeliverableError` is what a deliverer raises for a request that can never
succeed; the worker moves such an entry to `dead` instead of retrying it forever.

Each is a `kiosk.errors.KnownError`: `str()` is one plain-English line for logs and the
CLI, `message_en`/`message_ar` what the beneficiary reads.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.errors import KnownError


class OutboxError(KnownError):
    """Base of every outbox failure."""

    default_en = ("This kiosk cannot keep requests right now; nothing was sent. Please use "
                  "another kiosk.")
    default_ar = "لا يستطيع هذا الجهاز حفظ الطلبات حاليًا، ولم يُرسل شيء. يُرجى استخدام جهاز آخر."


class OutboxUnavailableError(OutboxError):
    """The outbox cannot store or update requests; the kiosk must stop accepting them."""

    reason = "unavailable"


class OutboxFullError(OutboxUnavailableError):
    """The disk (or the outbox's size cap) is full: SQLite answered SQLITE_FULL."""

    reason = "full"


class OutboxLockedError(OutboxUnavailableError):
    """Another process held the database lock longer than the busy timeout."""

    reason = "locked"
    default_retryable = True  # the other process lets go


class OutboxCorruptedError(OutboxUnavailableError):
    """The database file is damaged. At open it is renamed aside (never deleted)."""

    reason = "corrupted"

    def __init__(self, message: str, quarantined: Path | None = None) -> None:
        super().__init__(message)
        self.quarantined = quarantined


class OutboxVersionError(OutboxError):
    """The file was written by a newer kiosk release; this one must not touch it."""


class InvalidEntryError(OutboxError, ValueError):
    """A request the caller tried to enqueue is malformed (kind, payload, key reuse)."""


class EntryNotFoundError(OutboxError, LookupError):
    """No outbox entry has the given id."""


class UndeliverableError(KnownError):
    """Raised by a deliverer: this entry can never be delivered (the entry goes dead)."""

    default_en = "This request can no longer be sent to the municipality."
    default_ar = "لم يعد بالإمكان إرسال هذا الطلب إلى الأمانة."
