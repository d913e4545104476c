"""A beneficiary's call for staff, raised from a screen and seen in the health snapshot.

Some situations only a person can settle (a card charged while the kiosk could not store
the payment). The screen offers "Call staff"; the call stands in the health snapshot that
`kiosk doctor`, the heartbeat and the metrics read, so staff nearby and operators see it,
for `STANDS_FOR_S` seconds (long enough for someone to walk over, short enough that an old
call does not hide a new one's absence). The reason is plain English and never personal.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from kiosk.health.model import ComponentHealth, Status

STANDS_FOR_S = 30 * 60


class StaffCall:
    """The latest call for staff at this kiosk (thread-safe; the clock is injectable)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 stands_for_s: float = STANDS_FOR_S) -> None:
        self._clock = clock
        self._stands_for_s = stands_for_s
        self._lock = threading.Lock()
        self._reason: str | None = None
        self._at = 0.0
        self._count = 0

    def call(self, reason: str) -> None:
        """Raises the call (again): `reason` says why, in plain English, nothing personal."""
        with self._lock:
            self._reason, self._at = reason, self._clock()
            self._count += 1

    @property
    def standing(self) -> str | None:
        """The reason of a call that still stands, or None."""
        with self._lock:
            if self._reason is not None and self._clock() - self._at < self._stands_for_s:
                return self._reason
            return None

    def health(self) -> ComponentHealth:
        reason = self.standing
        with self._lock:
            details = {"calls": self._count}
        if reason is None:
            return ComponentHealth("staff_call", Status.OK, "no call for staff", details)
        return ComponentHealth("staff_call", Status.WARNING,
                               f"a beneficiary asked for staff: {reason}",
                               {**details, "reason": reason})
