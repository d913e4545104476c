"""Cold start of `kiosk run` to its first painted Home, and peak RSS, beside a bare Qt window.

Each run is a fresh `python` process on Qt's offscreen platform with one 1920x1080 screen.
The parent notes the wall-clock time before spawning; the child reports the wall-clock time
of the first paint and its peak RSS, then quits. The kiosk child runs the real command,
`kiosk run --config FILE` (fullscreen kiosk mode; config/kiosk.example.toml with a scratch
data folder; bytecode compiled, as in an installed kiosk): argument parsing, the
configuration check, the shell and Home. The offscreen platform has no display, so the
child tells `kiosk run` that it has one (`kiosk.commands.has_display`); nothing else is
replaced but for a probe on Home's paint events. The baseline child shows a bare
fullscreen QWidget with one QLabel, its probe on that widget. Bare and kiosk runs
alternate, so load on the machine falls on both alike, and the ratio says what the kiosk
adds over Qt itself.

A third kind of run measures what systemd waits for: the time from the process's start to
`READY=1` (Home on screen, `kiosk.shell.watchdog`), received on a real AF_UNIX datagram
socket given to the child as `$NOTIFY_SOCKET`, as systemd does. That child is the same
`kiosk run` without the paint probe; it runs until READY=1 and is then stopped with
SIGTERM, as systemd stops it. The three kinds take turns.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE_CONFIG = Path(__file__).resolve().parents[1] / "config" / "kiosk.example.toml"

CHILD_HEAD = r"""
import os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            painted = time.time()
            def report():
                rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(f"{painted!r} {rss_kb}", flush=True)
                os._exit(0)  # what starts after Home (services) is not measured here
            QTimer.singleShot(0, report)
        return False
probe = FirstPaint()
"""

# The probe watches Home itself (as it watches the bare window's widget): a filter on the
# whole application would make Qt hand every widget's events to Python.
CHILD_KIOSK = r"""
import kiosk.commands
from kiosk.screens.home import HomeScreen
kiosk.commands.has_display = lambda: True
built = HomeScreen.__init__
def watched_home(self, *args, **kwargs):
    built(self, *args, **kwargs)
    self.installEventFilter(probe)
HomeScreen.__init__ = watched_home
from kiosk.cli import main
main(["run", "--config", sys.argv[1]])
raise SystemExit("kiosk run ended without painting Home")
"""

# What systemd starts: `kiosk run` to the end, READY=1 sent by the app itself.
CHILD_READY = r"""
import kiosk.commands
kiosk.commands.has_display = lambda: True
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1]]))
"""

CHILD_BARE = r"""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
target = QWidget()
target.installEventFilter(probe)
QVBoxLayout(target).addWidget(QLabel("Al-Ahsa"))
target.showFullScreen()
app.exec()
"""

SCREEN = {"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": 1920, "height": 1080,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def one_run(child: str, argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    started = time.time()
    done = subprocess.run([sys.executable, "-c", CHILD_HEAD + child, *argv], env=env,
                          check=False, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"startup bench child failed ({done.returncode}):\n{done.stderr}")
    painted, rss_kb = done.stdout.split()
    return float(painted) - started, int(rss_kb) / 1024


def ready_run(argv: list[str], env: dict[str, str], notify: Path) -> float:
    """Seconds from spawning `kiosk run` to READY=1 on the `notify` socket, as systemd
    hears it; the child is then stopped with SIGTERM."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as systemd:
        notify.unlink(missing_ok=True)
        systemd.bind(str(notify))
        systemd.settimeout(120)
        started = time.time()
        child = subprocess.Popen([sys.executable, "-c", CHILD_HEAD + CHILD_READY, *argv],
                                 env=env | {"NOTIFY_SOCKET": str(notify)},
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            while True:
                try:
                    message = systemd.recv(4096).decode()
                except TimeoutError:
                    raise SystemExit("startup bench: no READY=1 from kiosk run") from None
                if "READY=1" in message.split("\n"):
                    ready = time.time()
                    break
            child.send_signal(signal.SIGTERM)
            _, errors = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"startup bench: kiosk run ended with {child.returncode}:\n{errors}")
    return ready - started


def write_config(folder: Path) -> Path:
    """The example configuration, its data folder moved into `folder`."""
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^data_dir = ".*"$', f'data_dir = "{folder / "data"}"', text)
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-startup-") as scratch:
        folder = Path(scratch)
        screen = folder / "screen.json"
        screen.write_text(json.dumps(SCREEN), encoding="utf-8")
        env = {name: value for name, value in os.environ.items()
               if not name.startswith("KIOSK_") and name != "PYTHONDONTWRITEBYTECODE"}
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
        # An installed kiosk starts from compiled bytecode; the warm-up runs write it here
        # (the source tree stays clean) rather than every run compiling from source.
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        config = [str(write_config(folder))]
        notify = folder / "notify"
        # One of each first, unmeasured, so every measured run finds the disk cache and
        # the bytecode warm.
        one_run(CHILD_BARE, [], env)
        one_run(CHILD_KIOSK, config, env)
        ready_run(config, env, notify)
        bare, kiosk, ready = [], [], []
        for _ in range(args.runs):
            bare.append(one_run(CHILD_BARE, [], env))
            kiosk.append(one_run(CHILD_KIOSK, config, env))
            ready.append(ready_run(config, env, notify))
    bare_s = statistics.median(s[0] for s in bare)
    kiosk_s = statistics.median(s[0] for s in kiosk)
    ready_s = statistics.median(ready)
    bare_mb, kiosk_mb = max(s[1] for s in bare), max(s[1] for s in kiosk)
    if args.json:
        print(json.dumps({"kiosk_s": kiosk_s, "bare_s": bare_s, "kiosk_rss_mb": kiosk_mb,
                          "bare_rss_mb": bare_mb, "ready_s": ready_s}))
        return 0
    runs = f"({args.runs} runs)"
    print(f"startup: bare PySide6 window  median {bare_s * 1000:6.0f} ms"
          f"  peak RSS {bare_mb:6.1f} MB  {runs}")
    print(f"startup: kiosk run, Home      median {kiosk_s * 1000:6.0f} ms"
          f"  peak RSS {kiosk_mb:6.1f} MB  {runs}")
    print(f"startup: kiosk run, READY=1   median {ready_s * 1000:6.0f} ms"
          f"  x{ready_s / bare_s:.2f} of bare    {runs}")
    print(f"startup: ratio kiosk/bare     time x{kiosk_s / bare_s:.2f}"
          f"  RSS x{kiosk_mb / bare_mb:.2f}  (targets: <= 500 ms, <= x2.00, <= 110 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
