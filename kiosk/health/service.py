"""Whether this kiosk may serve the public, and every reason it may not.

Several parts can take a kiosk out of service, for different reasons and on different
threads: storage that cannot be opened (at start-up), credentials still at their
development defaults (enrolment), a technician on site, a technician's decision to keep
it out until put back, a remote operator. Each holds the
kiosk out under its own name and releases only its own hold, so a technician putting the
kiosk back cannot undo an operator's hold or a broken disk. The kiosk serves the public
only while no hold is left.

A hold is `immediate` when serving on would be unsafe (no storage: a request could be
lost); otherwise the shell applies it at the next moment no beneficiary's session is
running, so nobody is cut off mid-payment. The public reason is shown on the
out-of-service screen, in both languages; it must never carry personal data.

No Qt here: holds may be placed from worker threads (the heartbeat, the start-up), and
listeners are called on the placing thread (the shell posts to the UI thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.health.model import ComponentHealth, Status

log = logging.getLogger(__name__)

COMPONENT = "service"

#: Who may hold a kiosk out of service (also the order in which the public reason is
#: chosen when several hold it: the first present wins).
STORAGE = "storage"
CREDENTIALS = "credentials"
TECHNICIAN = "technician"
#: A technician took the kiosk out of service on site (kept across leaving and restarts,
#: until a technician puts it back: `kiosk.technician.site_hold`).
SITE = "site"
OPERATOR = "operator"
SOURCES = (STORAGE, CREDENTIALS, TECHNICIAN, SITE, OPERATOR)


@dataclass(frozen=True, slots=True)
class Hold:
    """One part's reason for keeping the kiosk out of service."""

    source: str
    #: Shown to the public under the out-of-service heading; may be empty.
    reason_en: str = ""
    reason_ar: str = ""
    #: True: apply at once, even mid-session (serving on would be unsafe).
    immediate: bool = False
    since: datetime | None = None


Listener = Callable[["ServiceState"], None]


class ServiceState:
    """The holds on this kiosk; in service while there are none."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self._lock = threading.Lock()
        self._holds: dict[str, Hold] = {}
        self._listeners: list[Listener] = []
        self._clock = clock or (lambda: datetime.now(UTC))

    def hold(self, source: str, reason_en: str = "", reason_ar: str = "", *,
             immediate: bool = False) -> None:
        """Takes the kiosk out of service under `source` (replacing that source's hold)."""
        if source not in SOURCES:
            raise ValueError(f"unknown out-of-service source {source!r}; one of {SOURCES}")
        with self._lock:
            before = self._holds.get(source)
            since = before.since if before is not None else self._clock()
            self._holds[source] = Hold(source, reason_en, reason_ar, immediate, since)
        log.warning("out of service", extra={"source": source, "reason": reason_en})
        self._notify()

    def release(self, source: str) -> bool:
        """Lifts `source`'s hold; True if it held the kiosk. Other holds stay."""
        with self._lock:
            released = self._holds.pop(source, None) is not None
        if released:
            log.info("hold released", extra={"source": source,
                                             "in_service": self.in_service})
            self._notify()
        return released

    @property
    def in_service(self) -> bool:
        with self._lock:
            return not self._holds

    @property
    def holds(self) -> tuple[Hold, ...]:
        """The holds in SOURCES order (the first is the one the public is told about)."""
        with self._lock:
            return tuple(self._holds[s] for s in SOURCES if s in self._holds)

    def holding(self, source: str) -> Hold | None:
        with self._lock:
            return self._holds.get(source)

    @property
    def public(self) -> Hold | None:
        """The hold whose reason the out-of-service screen shows, if any."""
        holds = self.holds
        return holds[0] if holds else None

    @property
    def urgent(self) -> bool:
        """Whether a hold must apply at once, even mid-session."""
        return any(h.immediate for h in self.holds)

    def subscribe(self, listener: Listener) -> None:
        """Calls `listener(self)` after every change, on the changing thread."""
        with self._lock:
            self._listeners.append(listener)

    def _notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(self)

    def health(self) -> ComponentHealth:
        holds = self.holds
        if not holds:
            return ComponentHealth(COMPONENT, Status.OK, "in service", {"in_service": True})
        details: dict[str, str | bool | None] = {"in_service": False}
        for hold in holds:
            details[f"held_by_{hold.source}"] = hold.reason_en or "(no reason given)"
            details[f"held_by_{hold.source}_since"] = (
                hold.since.isoformat() if hold.since is not None else None)
        sources = ", ".join(h.source for h in holds)
        return ComponentHealth(COMPONENT, Status.ERROR, f"out of service ({sources})", details)
