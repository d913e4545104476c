"""Cold start to the first painted Home screen, and peak RSS, against a bare PySide6 window.

Each run is a fresh `python` process (offscreen Qt). The parent notes the wall-clock time
before spawning; the child reports the wall-clock time of the first paint of the Home
screen and its peak RSS, then quits. The baseline child shows a bare QWidget with one
QLabel the same way, so the ratio says what the kiosk adds over Qt itself.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CHILD_KIOSK = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from kiosk.app import build_kiosk
from kiosk.config import KioskConfig
kiosk = build_kiosk(KioskConfig(), kiosk_mode=False)
home = kiosk.router.screen("home")
target, app = home, kiosk.app
"""

CHILD_BARE = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
app = QApplication(["bare"])
target = QWidget()
QVBoxLayout(target).addWidget(QLabel("Al-Ahsa"))
"""

CHILD_TAIL = r"""
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            painted = time.time()
            def report():
                rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(f"{painted!r} {rss_kb}", flush=True)
                app.quit()
            QTimer.singleShot(0, report)
        return False
probe = FirstPaint()
target.installEventFilter(probe)
window = target.window()
window.resize(1920, 1080)
window.show()
app.exec()
"""


def one_run(child: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    out = subprocess.run([sys.executable, "-c", child + CHILD_TAIL], env=env, check=True,
                         capture_output=True, text=True, timeout=60).stdout.split()
    painted, rss_kb = float(out[0]), int(out[1])
    return painted - started, rss_kb / 1024


def measure(child: str, runs: int) -> tuple[float, float]:
    one_run(child)  # warm the disk cache so every measured run starts alike
    samples = [one_run(child) for _ in range(runs)]
    return (statistics.median(s[0] for s in samples), max(s[1] for s in samples))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    bare_s, bare_mb = measure(CHILD_BARE, args.runs)
    kiosk_s, kiosk_mb = measure(CHILD_KIOSK, args.runs)
    if args.json:
        print(json.dumps({"kiosk_s": kiosk_s, "bare_s": bare_s, "kiosk_rss_mb": kiosk_mb,
                          "bare_rss_mb": bare_mb}))
        return 0
    runs = f"({args.runs} runs)"
    print(f"startup: bare PySide6 window  median {bare_s * 1000:6.0f} ms"
          f"  peak RSS {bare_mb:6.1f} MB  {runs}")
    print(f"startup: kiosk Home painted   median {kiosk_s * 1000:6.0f} ms"
          f"  peak RSS {kiosk_mb:6.1f} MB  {runs}")
    print(f"startup: ratio kiosk/bare     time x{kiosk_s / bare_s:.2f}"
          f"  RSS x{kiosk_mb / bare_mb:.2f}  (targets: <= 500 ms, <= x2.00, <= 110 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
