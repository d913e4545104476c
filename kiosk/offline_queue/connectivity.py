"""Is the municipality reachable? One observable answer for the banner and the worker.

Derived from two sources: the outcome of real deliveries (a transport error says "no",
any answer from the server says "yes") and a light periodic probe, which is how an idle
kiosk notices the network came back. Plain Python: the app bridges `subscribe` to a Qt
signal. Callbacks run on whichever thread reported the change; keep them short.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.health.model import ComponentHealth, Status
from kiosk.logs import redact

log = logging.getLogger(__name__)

Listener = Callable[[bool], None]


class Connectivity:
    """The kiosk's belief about the link; `online` flips to False only after
    `failures_to_offline` consecutive failures, so one dropped connection does not flash
    the offline banner, and back to True on the first success."""

    def __init__(self, *, failures_to_offline: int = 2, online: bool = True) -> None:
        if failures_to_offline < 1:
            raise ValueError("failures_to_offline must be at least 1")
        self._threshold = failures_to_offline
        self._online = online
        self._failures = 0
        self._last_error: str | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @property
    def online(self) -> bool:
        return self._online

    @property
    def last_error(self) -> str | None:
        return self._last_error

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """`callback(online)` on every change; returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def report_reachable(self) -> None:
        with self._lock:
            self._failures = 0
            changed = not self._online
            self._online = True
        if changed:
            log.info("municipality reachable again")
            self._notify(True)

    def report_unreachable(self, reason: str) -> None:
        with self._lock:
            self._failures += 1
            self._last_error = redact(reason)[:300]
            changed = self._online and self._failures >= self._threshold
            if changed:
                self._online = False
        if changed:
            log.warning("municipality unreachable; working offline",
                        extra={"reason": self._last_error})
            self._notify(False)

    def _notify(self, online: bool) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(online)
            except Exception:
                log.exception("connectivity listener failed")

    def health(self) -> ComponentHealth:
        if self._online:
            return ComponentHealth("connectivity", Status.OK, "municipality reachable",
                                   {"online": True})
        return ComponentHealth(
            "connectivity", Status.WARNING,
            f"working offline: {self._last_error or 'municipality unreachable'}",
            {"online": False, "last_error": self._last_error})


class ConnectivityMonitor:
    """A thread that calls `probe()` every `interval_s` (every `offline_interval_s` while
    offline, to notice recovery quickly) and reports the outcome. `probe` returns on
    success and raises on failure; `is_link_error` says which exceptions mean "not
    reached" (others mean the server answered, so the link is up)."""

    def __init__(self, connectivity: Connectivity, probe: Callable[[], object], *,
                 is_link_error: Callable[[BaseException], bool],
                 interval_s: float = 15.0, offline_interval_s: float = 5.0) -> None:
        self._connectivity = connectivity
        self._probe = probe
        self._is_link_error = is_link_error
        self._interval = interval_s
        self._offline_interval = min(offline_interval_s, interval_s)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("connectivity monitor already started")
        self._thread = threading.Thread(target=self._run, name="connectivity-probe",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def probe_once(self) -> bool:
        """Runs one probe now and reports it; returns whether the server was reached."""
        try:
            self._probe()
        except Exception as exc:
            if self._is_link_error(exc):
                self._connectivity.report_unreachable(str(exc) or type(exc).__name__)
                return False
        self._connectivity.report_reachable()
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            self.probe_once()
            wait = self._interval if self._connectivity.online else self._offline_interval
            self._stop.wait(wait)
