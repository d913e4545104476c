"""Ctrl+C (SIGINT) and SIGTERM end the Qt event loop the way quitting the app does.

Python runs a signal handler only when the interpreter gets control, and while
`QApplication.exec()` waits inside Qt it never does: without help Ctrl+C in a terminal
does nothing (until the next mouse move, if ever), and the kiosk keeps running. The usual
cure: `signal.set_wakeup_fd` makes the C-level handler write a byte to a socket, a
`QSocketNotifier` on the other end wakes the loop, the interpreter runs our handler, and it
asks the loop to exit.

The loop exits with status 0: SIGTERM is how systemd stops the kiosk, and a stop that
wipes the session, stops the delivery worker between entries and closes the outbox is a
clean one, not a failure (systemd counts any other status, 128 + 15 included, against
the unit unless told otherwise). Everything after `exec()` then runs as on a normal quit:
the session is wiped, services stop, and the demo stops its sandbox and emulators. Which
signal it was stays in `received` and in the log ("stopping on SIGTERM").
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from types import FrameType, TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier

log = logging.getLogger(__name__)

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignals:
    """While entered, SIGINT and SIGTERM make `app.exec()` return 0 (a clean stop).

    Enter it in the main thread (the only one Python delivers signals to), around
    `exec()`; leaving it puts the previous handlers and wakeup descriptor back.
    """

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._reader: socket.socket | None = None
        self._writer: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._previous: dict[signal.Signals, Any] = {}
        self._previous_fd = -1
        self.received: signal.Signals | None = None

    def __enter__(self) -> QuitOnSignals:
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(),
                                                 warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        for number in QUIT_SIGNALS:
            self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for end in (self._reader, self._writer):
            if end is not None:
                end.close()
        self._reader = self._writer = None

    def _drain(self) -> None:
        # Reading the bytes is all: returning to Python is what runs the handler.
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while self._reader is not None and self._reader.recv(64):
                pass

    def _handle(self, number: int, frame: FrameType | None) -> None:
        self.received = signal.Signals(number)
        log.info(f"stopping on {self.received.name}", extra={"signal": self.received.name})
        self._app.exit(0)
