"""The two things every screen does with its layouts: scroll by finger, and let go of
widgets without leaving a beneficiary's data behind.

One helper per idea, one behaviour, so screens cannot drift apart:

- `touch_scroll_area` is the only way a scroll area is made (the router's screen frames,
  the issue forms, the lists of licences, transactions and invoices): vertical only, no
  frame, and it follows a finger (kinetic scrolling through QScroller).
- `wipe` empties every text a widget tree shows or holds (labels, buttons, fields) at
  once; `discard` wipes, hides and schedules deletion; `clear_layout` discards everything
  a layout holds, nested layouts included. Deletion waits for the event loop
  (`deleteLater`), and a beneficiary's answers, licences or invoices must not outlive the
  session even that long.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QScroller,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

#: A whole page that scrolls when the keyboard takes part of the screen (theme.qss: white).
SCREEN_FRAME = "ScreenFrame"
#: A list inside a page (cards, rows, invoices): scrolls over the page's own background.
LIST_SCROLL = "ListScroll"
#: The content widget `scroll_column` makes (the theme keeps it transparent).
SCROLL_BODY = "ScrollBody"


def touch_scroll_area(content: QWidget, name: str) -> QScrollArea:
    """A vertical scroll area named `name` around `content` that follows a finger."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    # Touch only: a mouse-button gesture would hold back every press for the scroller and
    # swallow quick taps on the buttons inside (and the kiosk's screen sends touches).
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


def scroll_column(name: str, spacing: int = 16) -> tuple[QScrollArea, QVBoxLayout]:
    """A touch scroll area over an empty column, and that column (for lists of cards)."""
    body = QWidget()
    body.setObjectName(SCROLL_BODY)
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 8, 0)
    column.setSpacing(spacing)
    return touch_scroll_area(body, name), column


def wipe(widget: QWidget) -> None:
    """Empties, now, every text in `widget` and its children: what labels and buttons
    show and what fields hold."""
    for each in [widget, *widget.findChildren(QWidget)]:
        if isinstance(each, QLabel | QLineEdit | QTextEdit | QPlainTextEdit):
            each.clear()
        elif isinstance(each, QAbstractButton):
            each.setText("")


def discard(widget: QWidget) -> None:
    """Wipes `widget`, hides it and has Qt delete it (the caller drops its references)."""
    wipe(widget)
    widget.hide()
    widget.deleteLater()


def clear_layout(layout: QLayout) -> None:
    """Discards every widget in `layout` and in the layouts nested in it (spacers and
    stretches go too), leaving it empty for the next render."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            discard(widget)
        elif inner is not None:
            clear_layout(inner)
            inner.deleteLater()
