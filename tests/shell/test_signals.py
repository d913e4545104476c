"""Ctrl+C and SIGTERM end a running Qt event loop as a clean stop: status 0, and the log
names the signal."""

from __future__ import annotations

import logging
import os
import signal
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.shell.signals import QuitOnSignals

GIVE_UP = -1  # what exec() returns if the signal never ended the loop


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_ends_the_loop_as_a_clean_stop(
        qapp: QApplication, number: signal.Signals, caplog: pytest.LogCaptureFixture) -> None:
    before = signal.getsignal(number)
    # Sent from another thread, so it arrives while the main thread waits inside Qt (from
    # a Qt slot, Python would run the handler on its own as the slot returns).
    sender = threading.Timer(0.2, os.kill, (os.getpid(), number))
    give_up = QTimer(singleShot=True, interval=5_000)
    give_up.timeout.connect(lambda: qapp.exit(GIVE_UP))
    with QuitOnSignals(qapp) as quitting, caplog.at_level(logging.INFO, "kiosk.shell.signals"):
        give_up.start()
        sender.start()
        status = qapp.exec()
    give_up.stop()  # left running, it would end a later test's event loop
    sender.join()
    # systemd's stop is SIGTERM: a clean stop, not a failure of the unit.
    assert status == 0
    assert quitting.received is number
    assert f"stopping on {number.name}" in caplog.messages
    assert signal.getsignal(number) is before  # the previous handler is back
