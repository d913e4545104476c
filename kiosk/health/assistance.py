"""A beneficiary's call for staff, as a flag in the health snapshot.

Several screens tell a beneficiary to "ask the staff"; the Help panel lets them do so. The
call raises this flag, which the kiosk shows on screen until the session ends or staff
clear it, and which every health snapshot carries (as a warning, so it stands out to an
operator reading `HealthSnapshot.status`). Nothing about who called is kept: only that a
call is open. No Qt here; the shell calls it from the UI thread, a snapshot may be taken
from any thread.
"""

from __future__ import annotations

import logging
import threading

from kiosk.health.model import ComponentHealth, Status

log = logging.getLogger(__name__)

COMPONENT = "assistance"


class StaffCall:
    """Whether a beneficiary at this kiosk is waiting for staff."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = False
        self._screen = ""

    @property
    def open(self) -> bool:
        with self._lock:
            return self._open

    def call(self, screen: str) -> None:
        """A beneficiary asked for staff from `screen` (the screen's name, which says
        where they are stuck and nothing about them); a second tap changes nothing."""
        with self._lock:
            if self._open:
                return
            self._open = True
            self._screen = screen
        log.warning("staff called to the kiosk", extra={"screen": screen})

    def clear(self, reason: str) -> None:
        """The call is over: staff cleared it, or the session that made it ended."""
        with self._lock:
            if not self._open:
                return
            self._open = False
        log.info("staff call cleared", extra={"reason": reason})

    def health(self) -> ComponentHealth:
        with self._lock:
            called, screen = self._open, self._screen
        if called:
            return ComponentHealth(COMPONENT, Status.WARNING, "a beneficiary has called for staff",
                                   {"staff_called": True, "screen": screen})
        return ComponentHealth(COMPONENT, Status.OK, "no call for staff",
                               {"staff_called": False})
