"""The direction check the tour runs on every Arabic screen (tests/tour/test_fit.py)
finds a number no isolate holds, and passes what the kiosk lays out safely."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.domain.text import isolate_ltr
from kiosk.tour.fit import unisolated


def _arabic_page(qtbot: QtBot, *widgets: QWidget) -> QWidget:
    page = QWidget()
    page.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_bare_number_in_arabic_text_is_found(qtbot: QtBot) -> None:
    page = _arabic_page(qtbot, QLabel("رقم المعاملة 1447-000101"))
    [problem] = unisolated(page)
    assert "1447-000101" in problem


def test_isolated_numbers_typed_values_and_left_to_right_widgets_pass(qtbot: QtBot) -> None:
    field = QLineEdit()
    field.setText("1447000101")  # typed: laid out by the field itself
    pad = QLabel("1 2 3")
    pad.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a pad laid out LTR by design
    page = _arabic_page(qtbot, QLabel(f"رقم المعاملة {isolate_ltr('1447-000101')}"),
                        field, pad)
    assert unisolated(page) == []
