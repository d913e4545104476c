"""Start-up work waits for Home's first frame, and never waits forever for one."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.shell.first_paint import after_first_paint


def test_the_work_runs_once_after_the_first_frame(qtbot: QtBot) -> None:
    home = QLabel("Home")
    qtbot.addWidget(home)
    calls: list[bool] = []
    after_first_paint(home, lambda: calls.append(home.isVisible()), deadline_ms=60_000)
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: nothing started yet
    home.show()
    qtbot.waitUntil(lambda: calls == [True])
    home.repaint()
    home.update()
    qtbot.wait(100)
    assert calls == [True]


def test_a_window_never_painted_still_starts_the_work_at_the_deadline(qtbot: QtBot) -> None:
    hidden = QLabel("never shown (a screen switched off at boot)")
    qtbot.addWidget(hidden)
    calls: list[str] = []
    after_first_paint(hidden, lambda: calls.append("started"), deadline_ms=200)
    qtbot.waitUntil(lambda: calls == ["started"], timeout=5000)
    hidden.show()
    qtbot.wait(100)
    assert calls == ["started"]
