"""Does a screen fit? The checks a reviewer of the tour's screenshots would make by eye.

`misfits(window)` lists, in plain English, what a beneficiary would see cut or hidden on
the screen shown now: a text wider or taller than its label or button (clipped or
elided), a widget that sticks out of its parent or the window, a page that runs off the
side of its scroll area, a scroll box inside a scroll box or a desktop scroll bar, and a
focused field (or its error) hidden under the on-screen keyboard. The tour runs it on
every state it renders (`run_tour(..., inspect=...)`), in both languages and both
orientations, so a layout that stops fitting fails the tests instead of waiting for a
review of the screenshots.

`unisolated(window)` reads an Arabic screen the way the bidirectional algorithm would: a
run of digits or Latin letters in a visible label, button or field hint that no
left-to-right isolate (LRI ... PDI) holds would be reordered ("1447-000101" read as
"000101-1447"). A widget laid out left to right by design (the numeric pad, a
digits-only field) keeps its order without isolates and is not read; what was typed into
a field is laid out by the field itself, so only its placeholder is read.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from kiosk.domain.text import unisolated_runs
from kiosk.widgets.fields import KioskLineEdit
from kiosk.widgets.keyboard import OnScreenKeyboard, field_errors

# A pixel of rounding between a size hint and a geometry is not a clipped letter.
_SLACK = 1


def misfits(window: QWidget) -> list[str]:
    """Every problem on the screen `window` shows now; empty when everything fits."""
    problems: list[str] = []
    widgets = [each for each in window.findChildren(QWidget) if _shown(each)]
    for widget in widgets:
        problems += _clipped_text(widget)
        problems += _outside_parent(widget)
    problems += _scrolling(widgets)
    problems += _under_keyboard(window)
    return problems


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    what = f"{type(widget).__name__}#{widget.objectName()}" if widget.objectName() else (
        type(widget).__name__)
    return f"{what} {text[:40]!r}" if text else what


def _clipped_text(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + _SLACK:
                return [f"{_name(widget)} needs {needed} px of height, has {widget.height()}"]
        elif widget.sizeHint().width() > widget.width() + _SLACK:
            return [f"{_name(widget)} needs {widget.sizeHint().width()} px of width, "
                    f"has {widget.width()}"]
    elif isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + _SLACK or hint.height() > widget.height() + _SLACK:
            return [f"{_name(widget)} needs {hint.width()}x{hint.height()} px, "
                    f"has {widget.width()}x{widget.height()}"]
    return []


def _outside_parent(widget: QWidget) -> list[str]:
    """A widget must lie inside its parent; inside a scroll area only across (the page
    scrolls down, never sideways)."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return []
    area = parent.parentWidget()
    if isinstance(area, QScrollArea) and area.viewport() is parent:
        box, mine = parent.rect(), widget.geometry()
        if mine.left() < box.left() - _SLACK or mine.right() > box.right() + _SLACK:
            return [f"{_name(widget)} is {mine.width()} px wide in a {box.width()} px "
                    "scroll area: it runs off the side"]
        return []
    if not parent.rect().adjusted(-_SLACK, -_SLACK, _SLACK, _SLACK).contains(widget.geometry()):
        return [f"{_name(widget)} at {_rect(widget.geometry())} sticks out of "
                f"{_name(parent)} ({_rect(parent.rect())})"]
    return []


def _scrolling(widgets: list[QWidget]) -> list[str]:
    problems = []
    for widget in widgets:
        if isinstance(widget, QScrollBar):
            holder = widget.parentWidget() or widget
            problems.append(f"a desktop scroll bar shows ({_name(holder)})")
        elif isinstance(widget, QScrollArea):
            outer = _scroll_ancestor(widget)
            if outer is not None:
                problems.append(f"{_name(widget)} is a scroll box inside {_name(outer)}")
    return problems


def _scroll_ancestor(widget: QWidget) -> QScrollArea | None:
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QScrollArea):
            return ancestor
        ancestor = ancestor.parentWidget()
    return None


def _under_keyboard(window: QWidget) -> list[str]:
    """The focused field and its error must be in sight above the keyboard."""
    field = QApplication.focusWidget()
    keyboards = [k for k in window.findChildren(OnScreenKeyboard) if k.isVisible()]
    if not isinstance(field, KioskLineEdit) or not keyboards or field.window() is not window:
        return []
    problems = []
    for widget in (field, *field_errors(field)):
        seen = _visible_rect(widget, window)
        whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if seen != whole or any(whole.intersects(_window_rect(k, window)) for k in keyboards):
            problems.append(f"{_name(widget)} is under the keyboard or out of sight")
    return problems


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` that its ancestors (scroll areas included) let show."""
    seen = _window_rect(widget, window)
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not window:
        seen = seen.intersected(_window_rect(ancestor, window))
        ancestor = ancestor.parentWidget()
    return seen


def _window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"


_TAG = re.compile(r"<[^>]+>")


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        text = widget.text()
        return [_TAG.sub(" ", text) if widget.textFormat() != Qt.TextFormat.PlainText
                and "<" in text else text]
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    return []


def unisolated(window: QWidget) -> list[str]:
    """`widget class: text` for each visible right-to-left text with a run no isolate
    holds; empty when every number and Latin word keeps its order."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if widget.layoutDirection() == Qt.LayoutDirection.LeftToRight:
            continue
        for text in _texts(widget):
            runs = unisolated_runs(text)
            if runs:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: "
                             f"{text!r} (unisolated {runs})")
    return found
