"""`kiosk run` paints Home first; the typed configuration, the services and the input watch
follow its first frame, so the kiosk is whole a moment later."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fixtures.kiosk import technician_pin_hash

# The real command in a fresh interpreter, watched from outside: what was loaded when Home
# first painted, and whether the kiosk then became whole (typed config, services, and a
# touch withdrawing the idle warning).
CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
import kiosk.commands
from kiosk.app import Kiosk
from kiosk.screens.home import HomeScreen
kiosk.commands.has_display = lambda: True  # offscreen stands in for the kiosk's screen

HEAVY = ("pydantic", "httpx", "sqlite_utils", "escpos", "kiosk.config", "kiosk.services")
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "at_first_paint" not in seen:
            seen["at_first_paint"] = [m for m in HEAVY if m in sys.modules]
        return False
probe = FirstPaint()
build_home = HomeScreen.__init__
def watched_home(self, *args, **kwargs):
    build_home(self, *args, **kwargs)
    self.installEventFilter(probe)
HomeScreen.__init__ = watched_home

attach = Kiosk.attach_services
def attached(self, services):
    attach(self, services)
    seen["config"] = type(self.config).__name__
    seen["services"] = self.services is services
    self.idle.configure(idle_ms=10, warning_s=20)
    self.idle.set_active(True)
    def touch():
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(self.window, key)
        seen["a_key_withdrew_the_idle_warning"] = not self.idle.warning_shown
        print(json.dumps(seen), flush=True)
        app.exit(0)
    self.idle.warning.connect(lambda _left: QTimer.singleShot(0, touch))
Kiosk.attach_services = attached

from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1]]))
"""


def test_kiosk_run_paints_home_before_the_heavy_parts_then_becomes_whole(
        tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    # An enrolled kiosk's own key and PIN: with the development ones it would stay out of
    # service (tests/test_credentials.py), and no idle warning would come.
    path.write_text('[storage]\ndata_dir = "data"\n[printer]\nconnection = "none"\n'
                    f'[api]\napi_key = "{"k" * 32}"\n'
                    f'[technician]\npin_hash = "{technician_pin_hash()}"\n', encoding="utf-8")
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("KIOSK_")} | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=90, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "at_first_paint": [],
        "config": "KioskConfig",
        "services": True,
        "a_key_withdrew_the_idle_warning": True,
    }
    assert (tmp_path / "data").is_dir()  # the services opened storage where the file said
