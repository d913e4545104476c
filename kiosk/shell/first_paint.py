"""Runs start-up work once Home's first frame is on screen, so the kiosk shows itself first.

Whatever starts with the window (typed configuration, storage, devices) competes with
painting for the one Python interpreter; started after the first frame, it no longer
delays what the person in front of the kiosk sees. A window that is never exposed (a
screen switched off at boot) must not keep the kiosk from delivering its outbox, so the
work also starts after a deadline if no frame came first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# Long enough for any first frame on a working display, short enough not to matter when
# no display ever shows one.
FIRST_PAINT_DEADLINE_MS = 3000


class _FirstPaint(QObject):
    """Watches one widget's paint events and calls `then` once, after the first frame."""

    def __init__(self, widget: QWidget, then: Callable[[], None], deadline_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        self._done = False
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._fire)
        self._deadline.start(deadline_ms)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            # Called once the frame this paint belongs to is finished.
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        self._deadline.stop()
        self._widget.removeEventFilter(self)
        self._then()
        self.deleteLater()


def after_first_paint(widget: QWidget, then: Callable[[], None], *,
                      deadline_ms: int = FIRST_PAINT_DEADLINE_MS) -> None:
    """Calls `then` on the UI thread once after `widget` first paints, or at the deadline."""
    _FirstPaint(widget, then, deadline_ms)
