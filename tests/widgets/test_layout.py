"""The one privacy wipe and the one touch scroll area that every screen uses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.widgets.layout import clear_layout, scroll_column, touch_scroll_area


def finger_drag_up(qtbot: QtBot, surface: QWidget, distance: int = 240) -> None:
    """A finger pressed low on `surface`, slid up and lifted: how a beneficiary scrolls a
    touch screen (touch events, not a mouse: a plain scroll area ignores them)."""
    device = QTest.createTouchDevice()
    x, y = surface.width() // 2, surface.height() - 40
    QTest.touchEvent(surface, device).press(0, QPoint(x, y)).commit()
    for _ in range(12):
        y -= distance // 12
        qtbot.wait(16)
        QTest.touchEvent(surface, device).move(0, QPoint(x, y)).commit()
    QTest.touchEvent(surface, device).release(0, QPoint(x, y)).commit()


def test_clearing_a_layout_empties_every_text_before_qt_deletes_the_widgets(
        qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    card = QWidget()
    inner = QVBoxLayout(card)
    name, answer, change = QLabel("Khayat Al-Kut"), QLineEdit("2250000011"), QPushButton("Edit")
    for widget in (name, answer, change):
        inner.addWidget(widget)
    column.addWidget(card)
    row = QHBoxLayout()  # a nested layout: its widgets go too
    nested = QLineEdit("0551234567")
    row.addWidget(nested)
    column.addLayout(row)
    grid = QGridLayout()
    cell = QLabel("1447-000101")
    grid.addWidget(cell, 0, 0)
    column.addLayout(grid)

    clear_layout(column)

    # Deletion waits for the event loop; the beneficiary's words must not wait with it.
    assert [name.text(), answer.text(), change.text(), nested.text(), cell.text()] == [""] * 5
    assert column.count() == 0
    assert not card.isVisible()


def _long_page() -> QWidget:
    page = QWidget()
    lines = QVBoxLayout(page)
    for index in range(60):
        lines.addWidget(QLabel(f"Question {index}"))
    return page


def _page_area() -> QScrollArea:
    return touch_scroll_area(_long_page(), "ScreenFrame")


def _list_area() -> QScrollArea:
    area, column = scroll_column("ListScroll")
    for index in range(60):
        column.addWidget(QLabel(f"Licence {index}"))
    return area


@pytest.mark.parametrize("make", [_page_area, _list_area], ids=["page", "list"])
def test_a_finger_sliding_up_scrolls_the_area(
        qtbot: QtBot, make: Callable[[], QScrollArea]) -> None:
    area = make()
    qtbot.addWidget(area)
    area.resize(480, 400)
    area.show()
    qtbot.waitExposed(area)

    finger_drag_up(qtbot, area.viewport())

    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0, timeout=3000)
