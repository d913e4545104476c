"""systemd's watchdog against the real `kiosk run`: READY=1 once Home is painted, WATCHDOG=1
from the event loop, and no ping while the UI thread is stuck.

The test plays systemd: a real AF_UNIX datagram socket is the child's NOTIFY_SOCKET. The
child is the real command in a fresh interpreter (offscreen, told it has a display as in
tests/test_app.py). Two probes in the child speak on the same socket, so their messages
sit in order among the kiosk's: one when Home first paints, and one when a slot the test
releases through a file starts blocking the UI thread.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.notify import next_message, notify_socket

CHILD = r"""
import os, socket, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
import kiosk.commands
from kiosk.screens.home import HomeScreen
kiosk.commands.has_display = lambda: True  # offscreen stands in for the kiosk's screen

address = os.environ["NOTIFY_SOCKET"]
control = Path(sys.argv[2])
def say(text):
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.sendto(text.encode(), address)

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            say("PROBE=home painted")
        return False
probe = FirstPaint()
built = HomeScreen.__init__
def watched_home(self, *args, **kwargs):
    built(self, *args, **kwargs)
    self.installEventFilter(probe)
HomeScreen.__init__ = watched_home

def maybe_block():
    if (control / "block").exists() and not (control / "blocked").exists():
        (control / "blocked").touch()
        say("PROBE=blocking")
        while not (control / "release").exists():  # the event loop is stuck here
            time.sleep(0.02)
        say("PROBE=released")
poll = QTimer()
poll.timeout.connect(maybe_block)
poll.start(20)

from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1]]))
"""

# systemd's timeout for the test: pings every 200 ms.
WATCHDOG_USEC = 400_000


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[socket.socket]:
    sock = notify_socket(tmp_path / "notify", 60)
    yield sock
    sock.close()


def test_ready_after_home_pings_from_the_event_loop_and_none_while_it_is_stuck(
        tmp_path: Path, systemd: socket.socket) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[storage]\ndata_dir = "data"\n[printer]\nconnection = "none"\n',
                      encoding="utf-8")
    control = tmp_path / "control"
    control.mkdir()
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("KIOSK_")} | {
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": str(tmp_path / "notify"),
        "WATCHDOG_USEC": str(WATCHDOG_USEC),
    }
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(config), str(control)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    try:
        before_ready = next_message(systemd, "READY=1")
        assert "PROBE=home painted" in before_ready
        assert before_ready[-1] == "READY=1\nSTATUS=Home on screen"

        for _ in range(3):  # the pings go on, one after another
            next_message(systemd, "WATCHDOG=1")

        (control / "block").touch()
        next_message(systemd, "PROBE=blocking")
        # Ten ping periods with the UI thread stuck: systemd hears nothing at all.
        systemd.settimeout(WATCHDOG_USEC / 1e6 * 5)
        with pytest.raises(TimeoutError):
            systemd.recv(4096)
        systemd.settimeout(60)

        (control / "release").touch()
        next_message(systemd, "PROBE=released")
        next_message(systemd, "WATCHDOG=1")  # the loop runs again, so do the pings

        child.send_signal(signal.SIGTERM)
        assert next_message(systemd, "STOPPING=1")[-1] == "STOPPING=1\nSTATUS=stopping"
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        assert child.stderr is not None
        child.stderr.close()
