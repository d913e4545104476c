"""What a technician may see and do to the outbox: one implementation for `kiosk queue`
(over SSH) and the technician's Outbox tool on the touch screen.

The rules themselves are the store's (`Outbox.retry`: only dead or waiting entries;
`Outbox.purge_delivered`: erase what delivered entries still hold, truncate the WAL);
this module adds what both front ends share around them: which entries are "waiting",
retrying several entries where one refusal does not stop the others, and a summary of
an entry that carries nothing personal (no payload, no reference, no error text beyond
its class), fit for a screen a passer-by can see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.offline_queue.errors import OutboxError
from kiosk.offline_queue.store import Outbox

#: Entries the delivery worker still has to send.
WAITING = (EntryState.PENDING, EntryState.IN_FLIGHT)
# The class of a last error as `policy.describe` writes it: "rejected (invalid_activity)",
# "ServerError 503 (unavailable)", "OfflineError": everything before the first colon.
_ERROR_CLASS = re.compile(r"^[^:]{1,80}")


@dataclass(frozen=True, slots=True)
class EntrySummary:
    """One outbox entry without personal data: what, how old, how often tried, and the
    kind of its last failure."""

    id: int
    kind: str
    state: EntryState
    age_s: float
    attempts: int
    error_class: str | None


@dataclass(frozen=True, slots=True)
class RetryResult:
    """One entry asked to be retried: the entry now pending, or why it was refused."""

    entry_id: int
    entry: OutboxEntry | None = None
    error: OutboxError | None = None


def error_class(last_error: str | None) -> str | None:
    """The kind of a last error without its details ("rejected (invalid_activity)")."""
    if not last_error:
        return None
    found = _ERROR_CLASS.match(last_error.strip())
    return found.group(0).strip() if found else None


def summarize(entry: OutboxEntry, now: datetime) -> EntrySummary:
    """`entry` as a technician's screen may show it; its age measured at `now`."""
    age = max(0.0, (now - entry.created_at).total_seconds())
    return EntrySummary(entry.id, entry.kind, entry.state, age, entry.attempts,
                        error_class(entry.last_error))


def waiting_and_dead(outbox: Outbox, now: datetime, *, limit: int = 50
                     ) -> tuple[list[EntrySummary], list[EntrySummary]]:
    """The entries still to deliver (oldest first) and the refused ones (newest first)."""
    waiting = [summarize(e, now) for e in outbox.entries(WAITING, limit=limit)]
    dead = [summarize(e, now)
            for e in outbox.entries([EntryState.DEAD], limit=limit, newest_first=True)]
    return waiting, dead


def dead_ids(outbox: Outbox) -> list[int]:
    """Every dead entry, for "retry them all"."""
    return [e.id for e in outbox.entries([EntryState.DEAD])]


def retry(outbox: Outbox, ids: Iterable[int]) -> list[RetryResult]:
    """Makes each entry pending and due now; an entry that cannot be retried (delivered,
    in flight, unknown) is reported and does not stop the others."""
    results: list[RetryResult] = []
    for entry_id in ids:
        try:
            results.append(RetryResult(entry_id, entry=outbox.retry(entry_id)))
        except OutboxError as exc:
            results.append(RetryResult(entry_id, error=exc))
    return results


def purge_delivered(outbox: Outbox) -> int:
    """Erases personal data delivered entries still hold and truncates the WAL; returns
    how many entries it erased (delivery erases it already: this is a sweep)."""
    return outbox.purge_delivered()
