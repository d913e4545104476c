"""The two things every screen does with its layouts: scroll by finger, and let go of
widgets without leaving a beneficiary's data behind.

One helper per idea, one behaviour, so screens cannot drift apart:

- A page scrolls as a whole, once: the router puts each screen in a `touch_scroll_area`
  (the only way a scroll area is made), vertical only, with no frame and no desktop
  scroll bar (no arrow buttons, no sideways jump when one would appear). It follows a
  finger (kinetic scrolling through QScroller), and while more of the page lies below
  the fold a "More below" cue sits in a strip under it (a tap on it scrolls down), never
  over a line of the page.
- Inside a page, lists of cards are plain columns (`list_column`) and a screen's steps
  are a `PageStack`: both grow with what they hold, so the page's one scroll area
  scrolls them; there is never a scroll box inside a scroll box. A new step opens at
  the top of the page (`scroll_to_top`).
- `wipe` empties every text a widget tree shows or holds (labels, buttons, fields) at
  once; `discard` wipes, hides and schedules deletion; `clear_layout` discards everything
  a layout holds, nested layouts included. Deletion waits for the event loop
  (`deleteLater`), and a beneficiary's answers, licences or invoices must not outlive the
  session even that long.
- A row of buttons is a `ButtonRow`: side by side while their words fit the width, one
  above the other when they do not (portrait, larger text, a longer translation), so no
  button is ever narrower than its words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedLayout,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

# A whole page that scrolls (the keyboard or a long list can make it taller than the
# screen); theme.qss paints it white.
SCREEN_FRAME = "ScreenFrame"
# The content widget `list_column` makes (the theme keeps it transparent).
SCROLL_BODY = "ScrollBody"
# The "More below" cue of a touch scroll area (styled in theme.qss).
MORE_BELOW = "MoreBelow"
# How far up from the bottom edge the cue floats, and how much of a screenful a tap on
# it scrolls (the rest stays in sight, so the reader keeps their place).
_CUE_GAP = 12
_CUE_PAGE = 0.75


class _MoreBelow(QPushButton):
    """The cue at the bottom of a scroll area while more of the page lies below; a tap
    scrolls down by most of a screenful. It never takes focus from a field."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.setObjectName(MORE_BELOW)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clicked.connect(self._scroll_down)
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self.follow)
        bar.valueChanged.connect(self.follow)
        area.installEventFilter(self)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        #: The cue at the bottom of a page that scrolls: more of the page lies below.
        self.setText(QCoreApplication.translate("Layout", "More below ⌄"))
        self.follow()

    def _area(self) -> QScrollArea | None:
        # Through the parent, not a Python reference: a reference from the child's
        # wrapper would keep a discarded scroll area (and its gliding scroller) alive.
        # While Qt destroys the area, its parent is no longer a QScrollArea.
        area = self.parentWidget()
        return area if isinstance(area, QScrollArea) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.follow()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def follow(self) -> None:
        """Shows the cue while there is more, in a strip kept free under the page.

        The strip is taken from the viewport (its bottom margin), so the cue never lies
        over a line of the page: what is at the fold stays readable, and the last line
        scrolls into view above it. At the end of the page the strip is given back.
        """
        area = self._area()
        if area is None:
            return
        bar = area.verticalScrollBar()
        # Whether the page fits is asked of the page itself, not of the scroll range:
        # the range moves with the strip, and deciding on it would take the strip away
        # and give it back for ever.
        more = _page_height(area) > area.height() and bar.value() < bar.maximum()
        strip = self.sizeHint().height() + 2 * _CUE_GAP if more else 0
        if area.viewportMargins().bottom() != strip:
            area.setViewportMargins(0, 0, 0, strip)
        if more:
            viewport = area.viewport().geometry()
            size = self.sizeHint()
            place = QRect(viewport.center().x() - size.width() // 2,
                          viewport.bottom() + 1 + _CUE_GAP, size.width(), size.height())
            if place != self.geometry():
                self.setGeometry(place)
        if more != self.isVisibleTo(area):
            self.setVisible(more)

    def _scroll_down(self) -> None:
        area = self._area()
        if area is not None:
            bar = area.verticalScrollBar()
            bar.setValue(bar.value() + int(area.viewport().height() * _CUE_PAGE))


def _page_height(area: QScrollArea) -> int:
    """The height the page inside `area` asks for at the area's width."""
    page = area.widget()
    if page is None:
        return 0
    width = area.width()
    hint = page.heightForWidth(width) if page.hasHeightForWidth() else -1
    return max(hint, page.minimumSizeHint().height(), page.sizeHint().height()
               if hint < 0 else 0)


def touch_scroll_area(content: QWidget, name: str) -> QScrollArea:
    """A vertical scroll area named `name` around `content` that follows a finger, shows
    no scroll bar and says "More below" while there is more."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # A finger (or a technician's mouse wheel) scrolls; a desktop bar with arrow buttons
    # would only take width, and appearing would shift the whole page sideways.
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    # Touch only: a mouse-button gesture would hold back every press for the scroller and
    # swallow quick taps on the buttons inside (and the kiosk's screen sends touches).
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    _MoreBelow(area)
    return area


def more_below(area: QScrollArea) -> QPushButton:
    """The "More below" cue of a scroll area made by `touch_scroll_area`."""
    cue = area.findChild(QPushButton, MORE_BELOW, Qt.FindChildOption.FindDirectChildrenOnly)
    if cue is None:
        raise ValueError(f"{area.objectName()!r} was not made by touch_scroll_area")
    return cue


def scroll_to_top(widget: QWidget) -> None:
    """Brings the page holding `widget` back to its top (a new step opens there)."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QScrollArea):
            ancestor.verticalScrollBar().setValue(0)
        ancestor = ancestor.parentWidget()


def list_column(spacing: int = 16) -> tuple[QWidget, QVBoxLayout]:
    """An empty column for a list of cards, and its layout. It grows with its cards; the
    page around it is what scrolls."""
    body = QWidget()
    body.setObjectName(SCROLL_BODY)
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    return body, column


class _ShownPageLayout(QStackedLayout):
    """A stacked layout as big as the page it shows. Qt's is as big as its biggest page,
    and a screen's layout asks the layout itself (not its widget) for the height a
    width gives, so this is where the shown page must decide."""

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSize(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSize()

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        return page.hasHeightForWidth() if page is not None else False

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None else -1


class PageStack(QWidget):
    """A screen's steps, one shown at a time, as tall as the step shown (a plain
    QStackedWidget is as tall as its tallest page, so a short step would scroll through
    the empty height of another, with "More below" over nothing). Showing another step
    opens the page at its top. The part of QStackedWidget's interface the screens use."""

    currentChanged = Signal(int)  # noqa: N815 (QStackedWidget's name, which screens connect to)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages = _ShownPageLayout(self)
        self._pages.currentChanged.connect(self._opened)

    def addWidget(self, page: QWidget) -> int:
        return self._pages.addWidget(page)

    def removeWidget(self, page: QWidget) -> None:
        self._pages.removeWidget(page)

    def setCurrentWidget(self, page: QWidget) -> None:
        self._pages.setCurrentWidget(page)

    def setCurrentIndex(self, index: int) -> None:
        self._pages.setCurrentIndex(index)

    def currentWidget(self) -> QWidget | None:
        return self._pages.currentWidget()

    def currentIndex(self) -> int:
        return self._pages.currentIndex()

    def count(self) -> int:
        return self._pages.count()

    def widget(self, index: int) -> QWidget | None:
        return self._pages.widget(index)

    def indexOf(self, page: QWidget) -> int:
        return self._pages.indexOf(page)

    def _opened(self, index: int) -> None:
        self.updateGeometry()
        scroll_to_top(self)
        self.currentChanged.emit(index)


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


class ButtonRow(QWidget):
    """Buttons side by side when they fit across, one above the other when they do not.

    The choice is made again whenever the width, the font (larger text) or a button's
    words (a language switch) change. Buttons keep their natural width and start at the
    reading side (the right in Arabic); with `fill`, they share the whole width instead.
    """

    def __init__(self, spacing: int = 24, *, fill: bool = False) -> None:
        super().__init__()
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(spacing)
        self._buttons: list[QWidget] = []
        self._stretch_added = False
        self._fill = fill

    def add(self, widget: QWidget) -> None:
        self._buttons.append(widget)
        if self._fill:
            self._row.addWidget(widget)
        elif self._stretch_added:
            self._row.insertWidget(self._row.count() - 1, widget,
                                   alignment=Qt.AlignmentFlag.AlignLeft)
        else:
            self._row.addWidget(widget, alignment=Qt.AlignmentFlag.AlignLeft)
            self._row.addStretch(1)
            self._stretch_added = True
        widget.installEventFilter(self)

    @property
    def stacked(self) -> bool:
        return self._row.direction() is QBoxLayout.Direction.TopToBottom

    def needed_width(self) -> int:
        shown = [b for b in self._buttons if not b.isHidden()]
        return (sum(b.sizeHint().width() for b in shown)
                + self._row.spacing() * max(0, len(shown) - 1))

    def arrange(self) -> None:
        direction = (QBoxLayout.Direction.LeftToRight if self.needed_width() <= self.width()
                     else QBoxLayout.Direction.TopToBottom)
        if self._row.direction() is not direction:
            self._row.setDirection(direction)

    def event(self, event: QEvent) -> bool:
        # A button's words changed (it asks its parent, this row, for a new layout), the
        # row was resized, or its font or style changed (larger text).
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self.arrange()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A button was shown or hidden, or its own font changed.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.Show, QEvent.Type.Hide):
            self.arrange()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LanguageChange):
            self.arrange()
        super().changeEvent(event)
