"""Ends a forgotten session: a warning with a countdown, then everything is wiped.

Any touch, click or key press restarts the idle clock. After `idle_timeout_s` without one,
`warning` is emitted with the seconds left (WCAG 2.2.1: at least 20 s to extend with one
tap); if nobody answers, `expired` is emitted and the shell wipes the session.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Watches the whole application's input for inactivity."""

    warning = Signal(int)   # seconds left, emitted once when the warning starts
    tick = Signal(int)      # seconds left, every second while warning
    expired = Signal()
    resumed = Signal()

    def __init__(self, idle_ms: int, warning_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.warning_s = warning_s
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._idle.timeout.connect(self._start_warning)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._count)
        self._left = 0
        self.active = False  # only a session in progress is watched

    def configure(self, idle_ms: int, warning_s: int, tick_ms: int = 1000) -> None:
        """Changes the timings (tests shorten them; a "second" of countdown is `tick_ms`)."""
        self._idle.setInterval(idle_ms)
        self.warning_s = warning_s
        self._countdown.setInterval(tick_ms)

    @property
    def warning_shown(self) -> bool:
        return self._countdown.isActive()

    def set_active(self, active: bool) -> None:
        """Starts (or stops) watching; the home screen at rest needs no timeout."""
        self.active = active
        if active:
            if not self.warning_shown:
                self._idle.start()
        else:
            self._idle.stop()
            if self.warning_shown:
                self._countdown.stop()
                self.resumed.emit()  # the warning goes with the clock it counted

    def poke(self) -> None:
        """Activity: restart the idle clock and withdraw any warning."""
        if self.warning_shown:
            self._countdown.stop()
            self.resumed.emit()
        if self.active:
            self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.poke()
        return False

    def _start_warning(self) -> None:
        self._left = self.warning_s
        self._countdown.start()
        self.warning.emit(self._left)

    def _count(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._countdown.stop()
            self.active = False
            self.expired.emit()
        else:
            self.tick.emit(self._left)
