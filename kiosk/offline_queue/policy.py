"""What a failed delivery means for the queue: wait for the link, retry later, or give up.

Kept apart from the worker so the rules read as one table:

| raised by the deliverer            | verdict   | what the worker does                     |
| ---------------------------------- | --------- | ---------------------------------------- |
| OfflineError, TlsError             | LINK_DOWN | entry back to pending, whole queue waits |
| AuthError (kiosk key refused)      | BLOCKED   | same, but the link is up; operators told |
| RejectedError, NotFoundError,      | DEAD      | entry parked as dead with its reason;    |
| UndeliverableError                      |           | the entries behind it carry on           |
| ServerError, MalformedResponse,    | RETRY     | this entry waits (exponential backoff);  |
| any other exception (a bug)        |           | the entries behind it carry on           |

Nothing retryable ever goes dead on its own: an approved card payment must reach the
municipality, however long it takes. A technician sees stuck entries in health/CLI.
"""

from __future__ import annotations

import enum

from kiosk.api.errors import (
    ApiError,
    AuthError,
    NotFoundError,
    OfflineError,
    RejectedError,
    TlsError,
)
from kiosk.offline_queue.errors import UndeliverableError


class Verdict(enum.Enum):
    LINK_DOWN = "link_down"
    BLOCKED = "blocked"
    RETRY = "retry"
    DEAD = "dead"


def classify(exc: BaseException) -> Verdict:
    """The verdict for an exception raised while delivering one entry."""
    if isinstance(exc, OfflineError | TlsError):
        return Verdict.LINK_DOWN
    if isinstance(exc, AuthError):
        return Verdict.BLOCKED
    if isinstance(exc, RejectedError) and exc.status == 429:
        return Verdict.RETRY  # "not now", not "never"
    if isinstance(exc, RejectedError | NotFoundError | UndeliverableError):
        return Verdict.DEAD
    return Verdict.RETRY


def is_link_error(exc: BaseException) -> bool:
    """For the connectivity probe: True when the server was not reached at all."""
    return classify(exc) is Verdict.LINK_DOWN


def describe(exc: BaseException) -> str:
    """One plain-English line for the entry's last error (no personal data)."""
    if isinstance(exc, RejectedError):
        problems = ", ".join(f"{p.field or 'request'}: {p.code}" for p in exc.problems)
        detail = f" [{problems}]" if problems else ""
        return f"rejected ({exc.code}): {exc.message_en}{detail}"
    if isinstance(exc, ApiError):
        status = f" {exc.status}" if exc.status else ""
        return f"{type(exc).__name__}{status} ({exc.code}): {exc.message_en}"
    return f"{type(exc).__name__}: {exc}"
