"""1,000 scripted sessions back to back: does the kiosk's memory grow?

A live kiosk (offscreen) over the sandbox and both emulators. Each session is what a
beneficiary does most: track a transaction by number (a real HTTPS call), start
identifying (typing an ID and a mobile on the real fields, a typo caught at the kiosk),
then the session ends (Cancel, or the idle wipe every tenth session). RSS is read from
/proc after start-up (the baseline), at session 100 and at session 1,000; the figure is
the growth between 100 and 1,000 (target <= 10 MB).

    python bench/soak.py [--sessions 1000]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _live import Live, live_kiosk, pump, settle
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.journeys.identify import identify_screen
from kiosk.journeys.track import track_screen
from kiosk.screens.home import HomeScreen
from kiosk.tour.track import TOUR_ISSUED
from sandbox.seed import CLEAN

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def session(live: Live, number: int) -> None:
    kiosk = live.kiosk
    click = Qt.MouseButton.LeftButton
    home = kiosk.router.screen("home")
    assert isinstance(home, HomeScreen)
    QTest.mouseClick(home.tiles["track"], click)
    track = track_screen(kiosk)
    QTest.keyClicks(track.number_page.field, TOUR_ISSUED)
    QTest.mouseClick(track.number_page.continue_button, click)
    pump(kiosk, lambda: track.pages.currentWidget() is track.result_page)
    settle(kiosk)
    QTest.mouseClick(kiosk.window.home_button, click)
    QTest.mouseClick(home.tiles["licences"], click)
    ident = identify_screen(kiosk)
    QTest.keyClicks(ident.id_page.field, CLEAN.national_id)
    QTest.mouseClick(ident.id_page.continue_button, click)
    QTest.keyClicks(ident.mobile_page.field, "0451234567")  # caught at the kiosk
    QTest.mouseClick(ident.mobile_page.continue_button, click)
    if number % 10 == 0:
        kiosk.end_session("idle timeout")
    else:
        QTest.mouseClick(kiosk.window.end_button, click)
    settle(kiosk)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    marks: dict[int, float] = {}
    started = time.perf_counter()
    with live_kiosk() as live:
        session(live, 1)  # build every screen once
        gc.collect()
        baseline = rss_mb()
        for number in range(1, args.sessions + 1):
            session(live, number)
            if number in (100, args.sessions):
                gc.collect()
                marks[number] = rss_mb()
    elapsed = time.perf_counter() - started
    first, last = marks[100], marks[args.sessions]
    print(f"soak: RSS after start-up (baseline) {baseline:6.1f} MB")
    print(f"soak: RSS at session 100            {first:6.1f} MB")
    print(f"soak: RSS at session {args.sessions:<5}          {last:6.1f} MB")
    print(f"soak: growth 100 -> {args.sessions}: {last - first:+.1f} MB (target <= 10 MB); "
          f"{args.sessions} sessions in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
