"""Keeps systemd's watchdog fed from the Qt event loop, so a frozen screen gets restarted.

The pings come from a QTimer on the UI thread, not from a thread of their own: a thread
would go on pinging while the event loop is stuck and the screen no longer answers a
touch, which is exactly what the watchdog is there to catch. `READY=1` goes out once Home
is on screen (`kiosk.app.run` calls `ready` after Home's first frame), `STOPPING=1` on the
way out. Without systemd (`$NOTIFY_SOCKET` unset) nothing is sent and no timer runs.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk.health.systemd_notify import Notifier

log = logging.getLogger(__name__)


class Watchdog(QObject):
    """systemd's view of the kiosk: ready, alive (a ping per half watchdog period), stopping."""

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self._timer = QTimer(self)
        self._timer.timeout.connect(notifier.watchdog)
        interval = notifier.watchdog_interval_ms
        if interval is not None:
            self._timer.setInterval(interval)

    def start(self) -> None:
        """Starts the pings (call before the event loop runs); a first one goes out now."""
        if self.notifier.watchdog_interval_ms is None:
            return
        self.notifier.watchdog()
        self._timer.start()
        log.info("systemd watchdog pings started", extra={
            "interval_ms": self.notifier.watchdog_interval_ms})

    def ready(self, status: str) -> None:
        if self.notifier.ready(status):
            log.info("told systemd the kiosk is ready")

    def stopping(self, status: str) -> None:
        self._timer.stop()
        self.notifier.stopping(status)
