"""The one way back to the UI thread: the beneficiary's work, the kiosk's own work, and
updates posted from threads the runner does not own."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk


def test_an_update_posted_from_another_thread_runs_on_the_ui_thread(
        kiosk: Kiosk, qtbot: QtBot) -> None:
    ran_on: list[threading.Thread] = []
    poster = threading.Thread(
        target=lambda: kiosk.background.post(lambda: ran_on.append(threading.current_thread())))
    poster.start()
    poster.join()
    qtbot.waitUntil(lambda: ran_on != [], timeout=5000)
    assert ran_on == [threading.main_thread()]


def test_the_kiosks_own_work_is_reported_after_the_session_ends(
        kiosk: Kiosk, qtbot: QtBot) -> None:
    release = threading.Event()
    reported: list[str] = []
    kiosk.background.submit(lambda: release.wait(5) and "settled", reported.append,
                            lambda error: None, session=False)
    # Not the beneficiary's: screens and the tour do not wait for it.
    assert kiosk.background.pending == 0
    kiosk.end_session("test")
    release.set()
    qtbot.waitUntil(lambda: reported != [], timeout=5000)
    assert reported == ["settled"]


def test_a_failing_posted_update_does_not_stop_the_next(kiosk: Kiosk, qtbot: QtBot) -> None:
    done: list[str] = []

    def broken() -> None:
        raise ValueError("a bug in one update")

    kiosk.background.post(broken)
    kiosk.background.post(lambda: done.append("next"))
    qtbot.waitUntil(lambda: done == ["next"], timeout=5000)


def test_nothing_posted_runs_after_shutdown(kiosk: Kiosk, qtbot: QtBot) -> None:
    ran: list[str] = []
    kiosk.background.shutdown()
    kiosk.background.post(lambda: ran.append("late"))
    qtbot.wait(50)
    assert ran == []
