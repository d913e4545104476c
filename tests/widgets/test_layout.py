"""The one privacy wipe and the one touch scroll area that every screen uses: a page
scrolls as a whole, by finger, with a "More below" cue and no desktop scroll bar."""

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

from kiosk.widgets.layout import (
    PageStack,
    clear_layout,
    list_column,
    more_below,
    touch_scroll_area,
)


def finger_drag_up(qtbot: QtBot, surface: QWidget, distance: int = 240) -> None:
    """A finger pressed low on `surface` (above the "More below" cue), slid up and
    lifted: how a beneficiary scrolls a touch screen (touch events, not a mouse: a plain
    scroll area ignores them)."""
    device = QTest.createTouchDevice()
    x, y = surface.width() // 2, surface.height() - 120
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


def _list_page_area() -> QScrollArea:
    """A page whose list of cards is a plain column: the page scrolls, not the list."""
    page = QWidget()
    lines = QVBoxLayout(page)
    lines.addWidget(QLabel("My licences"))
    body, column = list_column()
    for index in range(60):
        column.addWidget(QLabel(f"Licence {index}"))
    lines.addWidget(body)
    return touch_scroll_area(page, "ScreenFrame")


def shown_area(qtbot: QtBot, area: QScrollArea) -> QScrollArea:
    qtbot.addWidget(area)
    area.resize(480, 400)
    area.show()
    qtbot.waitExposed(area)
    return area


@pytest.mark.parametrize("make", [_page_area, _list_page_area], ids=["page", "list"])
def test_a_finger_sliding_up_scrolls_the_area(
        qtbot: QtBot, make: Callable[[], QScrollArea]) -> None:
    area = shown_area(qtbot, make())

    finger_drag_up(qtbot, area.viewport())

    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0, timeout=3000)


def test_a_long_page_shows_no_scroll_bar_but_says_more_lies_below(qtbot: QtBot) -> None:
    area = shown_area(qtbot, _list_page_area())
    bar = area.verticalScrollBar()
    cue = more_below(area)
    assert not bar.isVisible()  # no desktop bar with arrows, nothing shifts sideways
    assert area.viewport().width() == area.width()
    assert cue.isVisible()
    assert cue.text()
    assert area.rect().contains(cue.geometry())
    # The cue lies under the page, never over a line of it.
    assert cue.geometry().top() > area.viewport().geometry().bottom()

    cue.click()  # a tap on the cue scrolls down, keeping part of what was seen
    assert 0 < bar.value() < area.viewport().height()

    bar.setValue(bar.maximum())
    assert not cue.isVisible()  # at the bottom: nothing more below


def test_a_page_that_fits_has_no_cue(qtbot: QtBot) -> None:
    page = QWidget()
    QVBoxLayout(page).addWidget(QLabel("Pay fees and bills"))
    area = shown_area(qtbot, touch_scroll_area(page, "ScreenFrame"))
    assert not more_below(area).isVisible()


def test_a_step_is_as_tall_as_itself_and_opens_at_the_top(qtbot: QtBot) -> None:
    short = QWidget()
    QVBoxLayout(short).addWidget(QLabel("Your mobile number"))
    stack = PageStack()
    stack.addWidget(_long_page())
    stack.addWidget(short)
    area = shown_area(qtbot, touch_scroll_area(stack, "ScreenFrame"))
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)

    stack.setCurrentWidget(short)
    qtbot.waitUntil(lambda: bar.maximum() == 0)  # the long step's height went with it

    stack.setCurrentIndex(0)
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0



def test_a_short_step_of_wrapping_text_does_not_scroll_through_a_longer_step(
        qtbot: QtBot) -> None:
    # Word-wrapped text is as tall as its width makes it (height for width): the step
    # shown decides, not the tallest step (a list of licence types in larger text under
    # a one-field step left empty height to scroll, with "More below" over nothing).
    def wrapped(lines: int) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        for index in range(lines):
            words = QLabel(f"Licence type {index}: " + "a name that wraps " * 6)
            words.setWordWrap(True)
            column.addWidget(words)
        return page

    short = wrapped(1)
    stack = PageStack()
    stack.addWidget(wrapped(40))
    stack.addWidget(short)
    stack.setCurrentWidget(short)
    screen = QWidget()  # as on a screen: the steps under the screen's own heading
    column = QVBoxLayout(screen)
    column.addWidget(QLabel("Step 2 of 4"))
    column.addWidget(stack)
    area = shown_area(qtbot, touch_scroll_area(screen, "ScreenFrame"))
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
    assert not more_below(area).isVisible()
