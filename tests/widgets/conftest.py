"""A small real form (fields, a button, the keyboard at the bottom) shown offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.widgets.fields import FieldKind, KioskLineEdit
from kiosk.widgets.keyboard import KEYBOARD_QSS, KeyboardController, OnScreenKeyboard


@dataclass
class Form:
    window: QWidget
    fields: list[KioskLineEdit]
    button: QPushButton
    keyboard: OnScreenKeyboard
    qtbot: QtBot

    def focus(self, field: QWidget) -> None:
        field.setFocus(Qt.FocusReason.MouseFocusReason)
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is field)

    def tap(self, *texts: str) -> None:
        for text in texts:
            self.qtbot.mouseClick(self.keyboard.key_for(text), Qt.MouseButton.LeftButton)


def build_form(qtbot: QtBot, kinds: list[FieldKind], size: tuple[int, int] = (1280, 900)) -> Form:
    window = QWidget()
    qtbot.addWidget(window)
    # The theme the lead appends to the app style sheet; applied here the same way.
    window.setStyleSheet(KEYBOARD_QSS)
    box = QVBoxLayout(window)
    fields = [KioskLineEdit(kind) for kind in kinds]
    for field in fields:
        box.addWidget(field)
    button = QPushButton("Continue")
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    box.addWidget(button)
    box.addStretch(1)
    controller = KeyboardController.attach(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form = Form(window, fields, button, controller.keyboard, qtbot)
    if fields:
        form.focus(fields[0])
    return form


@pytest.fixture
def rtl_app(qapp: QApplication) -> Iterator[QApplication]:
    """The app mirrored right to left, as it runs in Arabic; restored afterwards."""
    before = qapp.layoutDirection()
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        yield qapp
    finally:
        qapp.setLayoutDirection(before)


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp: QApplication) -> Iterator[None]:
    """Paste tests fill the shared clipboard; nothing of theirs leaks into other tests."""
    yield
    qapp.clipboard().clear()
