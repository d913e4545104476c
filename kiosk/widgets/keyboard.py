"""The on-screen keyboard: Arabic, English and a numeric pad for a touch-only kiosk.

Beneficiaries have a touch screen and no typing skills assumed, so every field gets a
keyboard made for what it holds (a number pad for IDs and mobiles, Arabic letters for
names), with keys far larger than a finger. Keys never take focus: the field keeps the
cursor, and a technician's physical keyboard keeps working alongside.

Wiring: `KeyboardController.attach(slot)` puts an `OnScreenKeyboard` at the end of a
layout (or a container widget's layout) and shows the right layout whenever a
`KioskLineEdit` gets focus, hiding it when anything else does. Append `KEYBOARD_QSS` to
the application style sheet.
"""

from __future__ import annotations

import functools

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPointF,
    QRect,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QShowEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.widgets.fields import KioskLineEdit
from kiosk.widgets.keyboard_layouts import (
    SWITCH_TO_ARABIC,
    SWITCH_TO_ENGLISH,
    KeyAction,
    KeySpec,
    Layout,
    digit_key,
    row_width,
    text_rows,
)
from kiosk.widgets.style import restyle

# Heights are floors enforced in code (not only in QSS) so the >= 64 px touch-target
# rule holds whatever theme is applied. The pad has fewer keys, so they can be bigger.
KEY_HEIGHT = 68
PAD_KEY_HEIGHT = 88
# A number pad stretched across a 1920 px screen would make the beneficiary's hand
# travel for nothing; it is centred at a comfortable width instead.
PAD_MAX_WIDTH = 720
_SPACING = 8
# Room kept between a revealed field and the keyboard's edge.
# Room kept above and below a revealed field: clear of the "More below" cue too.
_SCROLL_MARGIN = 96
_MARGIN = 12

# High-contrast colours (WCAG 2.2 AA: text >= 4.5:1 on its key, key borders >= 3:1
# against the keyboard background). tests/widgets checks the ratios.
KEYBOARD_COLOURS: dict[str, str] = {
    "board": "#DDE3EA",
    "key": "#FFFFFF",
    "key_text": "#0B1F33",
    "key_border": "#4A5B6C",
    "action": "#C5D0DB",
    "enter": "#006C35",
    "enter_text": "#FFFFFF",
    "pressed": "#0B4F8A",
    "pressed_text": "#FFFFFF",
    "active": "#FFD23F",
}

KEYBOARD_QSS = """
QWidget#OnScreenKeyboard {{
    background: {board};
    border-top: 2px solid {key_border};
}}
QWidget#KeyboardPage {{
    background: transparent;
}}
QPushButton#KeyboardKey {{
    background: {key};
    color: {key_text};
    border: 2px solid {key_border};
    border-radius: 10px;
    font-size: 30px;
    padding: 4px;
    /* The app theme's 120 px button minimum would make 13 Arabic keys overlap on a
       1080 px portrait screen; keys share the row's width instead. */
    min-width: 40px;
}}
QPushButton#KeyboardKey[role="backspace"],
QPushButton#KeyboardKey[role="clear"],
QPushButton#KeyboardKey[role="shift"],
QPushButton#KeyboardKey[role="switch"],
QPushButton#KeyboardKey[role="space"] {{
    background: {action};
}}
QPushButton#KeyboardKey[role="enter"] {{
    background: {enter};
    color: {enter_text};
    font-weight: 600;
}}
QPushButton#KeyboardKey[pad="true"] {{
    font-size: 40px;
}}
QPushButton#KeyboardKey[active="true"] {{
    background: {active};
    border: 4px solid {key_text};
}}
QPushButton#KeyboardKey:pressed {{
    background: {pressed};
    color: {pressed_text};
    border-color: {key_text};
}}
""".format(**KEYBOARD_COLOURS)


class KeyButton(QPushButton):
    """One key. Never takes focus, so the field keeps its cursor while it is tapped."""

    def __init__(self, spec: KeySpec, *, pad: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("KeyboardKey")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("role", spec.action.value)
        self.setProperty("pad", pad)
        self.setProperty("active", False)
        self.setMinimumHeight(PAD_KEY_HEIGHT if pad else KEY_HEIGHT)
        # Ignored width: the grid's equal column stretch alone decides widths, so every
        # letter key is the same size whatever its caption.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        if spec.action is KeyAction.BACKSPACE:
            self.setAutoRepeat(True)
            self.setAutoRepeatDelay(500)
            self.setAutoRepeatInterval(90)
        if spec.action is KeyAction.CHAR:
            self.setText(spec.text)
            self.setAccessibleName(spec.text)
        # Qt turns only the first finger on the screen into mouse events; a second finger
        # landing on another key before the first lifts would be lost. Taking touch
        # events directly lets every finger press its own key.
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)

    def event(self, event: QEvent) -> bool:
        if not isinstance(event, QTouchEvent):
            return super().event(event)
        kind = event.type()
        points = event.points()
        inside = bool(points) and self.rect().contains(points[0].position().toPoint())
        if kind == QEvent.Type.TouchBegin:
            # setDown also starts Backspace's auto-repeat, as a mouse press would.
            self.setDown(True)
        elif kind == QEvent.Type.TouchUpdate:
            self.setDown(inside)
        elif kind == QEvent.Type.TouchEnd:
            was_down = self.isDown()
            self.setDown(False)
            if was_down and inside:
                self.click()
        else:  # TouchCancel: the compositor took the touch back
            self.setDown(False)
        event.accept()
        return True

    def set_active(self, active: bool) -> None:
        """The visibly latched state (Shift waiting for its letter)."""
        restyle(self, "active", active)
        self.update()

    def is_active(self) -> bool:
        return bool(self.property("active"))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        action = self.spec.action
        if not self.spec.secondary and action not in (KeyAction.BACKSPACE, KeyAction.SHIFT):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # QSS :pressed colours reach the style's own drawing but not the palette, so
        # what we paint ourselves picks the pressed text colour explicitly.
        colour = (
            QColor(KEYBOARD_COLOURS["pressed_text"])
            if self.isDown()
            else self.palette().buttonText().color()
        )
        if action is KeyAction.BACKSPACE:
            _draw_backspace(painter, self.rect(), colour)
        elif action is KeyAction.SHIFT:
            _draw_shift(painter, self.rect(), colour, filled=self.is_active())
        else:
            self._draw_secondary(painter, colour)
        painter.end()

    def _draw_secondary(self, painter: QPainter, colour: QColor) -> None:
        # The Arabic-Indic form of the digit, small in the corner, for beneficiaries
        # who read ٣ more readily than 3; the key still types the ASCII digit.
        font = self.font()
        if font.pixelSize() > 0:
            font.setPixelSize(max(12, font.pixelSize() * 6 // 10))
        else:
            font.setPointSizeF(max(9.0, font.pointSizeF() * 0.6))
        painter.setFont(font)
        painter.setPen(colour)
        inner = self.rect().adjusted(10, 6, -10, -6)
        painter.drawText(
            QRect(inner),
            # Absolute: an Arabic-Indic digit would otherwise flip the alignment.
            int(
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignBottom
                | Qt.AlignmentFlag.AlignAbsolute
            ),
            self.spec.secondary,
        )


# Backspace and Shift are drawn as vector shapes rather than the ⌫ and ⇧ characters:
# IBM Plex Sans Arabic has neither glyph, and a kiosk with no system fonts would show
# empty boxes on its two most-used function keys.


def _icon_size(rect: QRect) -> float:
    # Capped so the tall two-row keys of the pad do not get a giant icon.
    return min(min(rect.width(), rect.height()) * 0.42, 36.0)


def _pen(colour: QColor, size: float) -> QPen:
    pen = QPen(colour, max(2.0, size * 0.09))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _draw_backspace(painter: QPainter, rect: QRect, colour: QColor) -> None:
    """A box with a point to the left and an X inside, the usual delete-back sign."""
    size = _icon_size(rect)
    centre = QPointF(rect.center())
    left, right = centre.x() - size * 0.55, centre.x() + size * 0.75
    top, bottom = centre.y() - size * 0.45, centre.y() + size * 0.45
    outline = QPolygonF(
        [
            QPointF(left, top),
            QPointF(right, top),
            QPointF(right, bottom),
            QPointF(left, bottom),
            QPointF(left - size * 0.4, centre.y()),
        ]
    )
    painter.setPen(_pen(colour, size))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolygon(outline)
    cross_x, arm = (left + right) / 2, size * 0.2
    painter.drawLine(
        QPointF(cross_x - arm, centre.y() - arm), QPointF(cross_x + arm, centre.y() + arm)
    )
    painter.drawLine(
        QPointF(cross_x - arm, centre.y() + arm), QPointF(cross_x + arm, centre.y() - arm)
    )


def _draw_shift(painter: QPainter, rect: QRect, colour: QColor, *, filled: bool) -> None:
    """An upward block arrow; filled while Shift is latched."""
    size = _icon_size(rect)
    x, y = rect.center().x(), rect.center().y()
    arrow = QPolygonF(
        [
            QPointF(x, y - size * 0.6),
            QPointF(x + size * 0.6, y),
            QPointF(x + size * 0.25, y),
            QPointF(x + size * 0.25, y + size * 0.55),
            QPointF(x - size * 0.25, y + size * 0.55),
            QPointF(x - size * 0.25, y),
            QPointF(x - size * 0.6, y),
        ]
    )
    painter.setPen(_pen(colour, size))
    painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
    painter.drawPolygon(arrow)


class _Page(QWidget):
    """One layout's keys. Always laid out left to right: a keyboard is a physical
    object, and a mirrored RTL UI must not reverse QWERTY, the Arabic rows or the pad."""

    def __init__(self, layout: Layout, parent: QWidget) -> None:
        super().__init__(parent)
        self.layout_kind = layout
        self.keys: list[KeyButton] = []
        self.setObjectName("KeyboardPage")
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def add_key(self, spec: KeySpec, *, pad: bool) -> KeyButton:
        key = KeyButton(spec, pad=pad, parent=self)
        self.keys.append(key)
        return key


class OnScreenKeyboard(QWidget):
    """The touch keyboard: Arabic, English (with one-shot Shift) and a numeric pad.

    Keys act on the focused KioskLineEdit (insert at the cursor, through the field's own
    rules, so maxLength and digit conversion apply exactly as for a physical keyboard).
    Enter moves to the next field, or on the last field emits the field's `submitted`
    and this keyboard's `submitted(field)`.

    Usually driven by a KeyboardController; `show_for(field)` can also be called directly.
    """

    submitted = Signal(object)
    layout_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OnScreenKeyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._pages: dict[tuple[Layout, bool, str], _Page] = {}
        self._page: _Page | None = None
        self._allow_switch = False
        self._pad_extra = ""
        self._shift = False
        self._enter_done = False
        # Pages are built on first use, keeping the keyboard off the start-up path.

    def showEvent(self, event: QShowEvent) -> None:
        self._current_page()
        super().showEvent(event)

    # --- what the controller and screens use -------------------------------------------

    def show_for(self, field: KioskLineEdit) -> None:
        """Show the layout that `field`'s kind calls for."""
        spec = field.spec
        self._allow_switch = spec.allow_switch
        self._pad_extra = spec.pad_extra
        self._enter_done = field.next_field() is None
        self._set_page(spec.layout)
        self.show()

    def current_layout(self) -> Layout:
        return self._current_page().layout_kind

    def current_keys(self) -> list[KeyButton]:
        """The keys of the layout on show."""
        return list(self._current_page().keys)

    def key_for(self, text: str) -> KeyButton:
        """The key on show that types `text` (as captioned in lower case)."""
        for key in self.current_keys():
            if key.spec.action is KeyAction.CHAR and key.spec.text == text:
                return key
        raise KeyError(f"no key {text!r} on the {self.current_layout()} layout")

    def action_key(self, action: KeyAction) -> KeyButton:
        """The key on show for an action (Enter, Backspace, Shift, Space, Switch)."""
        for key in self.current_keys():
            if key.spec.action is action:
                return key
        raise KeyError(f"no {action} key on the {self.current_layout()} layout")

    def shift_active(self) -> bool:
        return self._shift

    def target(self) -> KioskLineEdit | None:
        """The field keys type into: the focused, editable KioskLineEdit, if any."""
        widget = QApplication.focusWidget()
        if isinstance(widget, KioskLineEdit) and not widget.isReadOnly():
            return widget
        return None

    # --- behaviour ----------------------------------------------------------------------

    def _press(self, spec: KeySpec) -> None:
        if spec.action is KeyAction.SHIFT:
            self._set_shift(not self._shift)
            return
        if spec.action is KeyAction.SWITCH:
            self._set_page(
                Layout.ENGLISH if self.current_layout() is Layout.ARABIC else Layout.ARABIC
            )
            return
        field = self.target()
        if field is None:
            return
        if spec.action is KeyAction.CHAR:
            text = spec.text
            if self._shift:
                text = text.upper()
                self._set_shift(False)
            field.insert(text)
        elif spec.action is KeyAction.SPACE:
            field.insert(" ")
        elif spec.action is KeyAction.BACKSPACE:
            field.backspace()
        elif spec.action is KeyAction.CLEAR:
            # Through the field's own editing (undoable, like a selection deleted),
            # keeping any error mark until the beneficiary presses Continue again.
            field.selectAll()
            field.del_()
        elif spec.action is KeyAction.ENTER:
            last = field.next_field() is None
            field.advance()
            if last:
                self.submitted.emit(field)

    def _current_page(self) -> _Page:
        if self._page is None:
            self._set_page(Layout.ARABIC)
        assert self._page is not None
        return self._page

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        if self._page is None:
            return
        for key in self._page.keys:
            if key.spec.action is KeyAction.SHIFT:
                key.set_active(on)
            elif key.spec.action is KeyAction.CHAR and self._page.layout_kind is Layout.ENGLISH:
                key.setText(key.spec.text.upper() if on else key.spec.text)

    def _set_page(self, layout: Layout) -> None:
        extra = self._pad_extra if layout is Layout.NUMERIC else ""
        switch = self._allow_switch and layout is not Layout.NUMERIC
        page_key = (layout, switch, extra)
        page = self._pages.get(page_key)
        if page is None:
            page = self._build_page(layout, allow_switch=switch, extra=extra)
            self._pages[page_key] = page
            self._box.addWidget(page)
        changed = page is not self._page
        if self._page is not None and changed:
            self._page.hide()
        self._page = page
        self._set_shift(False)
        self._retranslate()
        page.show()
        if changed:
            self.layout_changed.emit(layout.value)

    # --- construction -------------------------------------------------------------------

    def _build_page(self, layout: Layout, *, allow_switch: bool, extra: str) -> _Page:
        page = _Page(layout, self)
        if layout is Layout.NUMERIC:
            self._build_pad(page, extra)
        else:
            self._build_text(page, layout, allow_switch=allow_switch)
        for key in page.keys:
            key.clicked.connect(functools.partial(self._press, key.spec))
        return page

    def _build_text(self, page: _Page, layout: Layout, *, allow_switch: bool) -> None:
        grid = QGridLayout(page)
        grid.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        grid.setSpacing(_SPACING)
        width = row_width(layout)
        for column in range(width):
            grid.setColumnStretch(column, 1)
        for row, specs in enumerate(text_rows(layout, allow_switch=allow_switch)):
            column = (width - sum(spec.span for spec in specs)) // 2
            for spec in specs:
                grid.addWidget(page.add_key(spec, pad=False), row, column, 1, spec.span)
                column += spec.span

    def _build_pad(self, page: _Page, extra: str) -> None:
        outer = QHBoxLayout(page)
        outer.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        pad = QWidget(page)
        pad.setObjectName("KeyboardPage")
        pad.setMaximumWidth(PAD_MAX_WIDTH)
        pad.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        outer.addStretch(1)
        outer.addWidget(pad, 4)
        outer.addStretch(1)
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(_SPACING)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        for digit in range(1, 10):
            row, column = divmod(digit - 1, 3)
            grid.addWidget(page.add_key(digit_key(digit), pad=True), row, column)
        # Bottom row: Clear, 0 and the extra key ("." or "-") if there is one.
        grid.addWidget(page.add_key(KeySpec(KeyAction.CLEAR), pad=True), 3, 0)
        if extra:
            grid.addWidget(page.add_key(digit_key(0), pad=True), 3, 1)
            grid.addWidget(page.add_key(KeySpec(KeyAction.CHAR, extra), pad=True), 3, 2)
        else:
            grid.addWidget(page.add_key(digit_key(0), pad=True), 3, 1, 1, 2)
        backspace = page.add_key(KeySpec(KeyAction.BACKSPACE), pad=True)
        enter = page.add_key(KeySpec(KeyAction.ENTER), pad=True)
        for key in (backspace, enter):
            # Tall keys spanning two rows: a fixed height would leave a gap.
            key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        grid.addWidget(backspace, 0, 3, 2, 1)
        grid.addWidget(enter, 2, 3, 2, 1)

    # --- translation --------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        # Literal translate() calls, one per string, so pyside6-lupdate can collect them.
        self.setAccessibleName(QCoreApplication.translate("OnScreenKeyboard", "On-screen keyboard"))
        space = QCoreApplication.translate("OnScreenKeyboard", "Space")
        if self._enter_done:
            enter = QCoreApplication.translate("OnScreenKeyboard", "Done")
        else:
            enter = QCoreApplication.translate("OnScreenKeyboard", "Next")
        delete = QCoreApplication.translate("OnScreenKeyboard", "Delete")
        clear = QCoreApplication.translate("OnScreenKeyboard", "Clear")
        clear_all = QCoreApplication.translate("OnScreenKeyboard", "Clear the field")
        shift = QCoreApplication.translate("OnScreenKeyboard", "Shift")
        to_english = QCoreApplication.translate("OnScreenKeyboard", "Switch to English keyboard")
        to_arabic = QCoreApplication.translate("OnScreenKeyboard", "Switch to Arabic keyboard")
        for page in self._pages.values():
            for key in page.keys:
                action = key.spec.action
                if action is KeyAction.SPACE:
                    key.setText(space)
                    key.setAccessibleName(space)
                elif action is KeyAction.ENTER:
                    key.setText(enter)
                    key.setAccessibleName(enter)
                elif action is KeyAction.BACKSPACE:
                    key.setText("")
                    key.setAccessibleName(delete)
                elif action is KeyAction.CLEAR:
                    key.setText(clear)
                    key.setAccessibleName(clear_all)
                elif action is KeyAction.SHIFT:
                    key.setText("")
                    key.setAccessibleName(shift)
                elif action is KeyAction.SWITCH:
                    arabic_page = page.layout_kind is Layout.ARABIC
                    key.setText(SWITCH_TO_ENGLISH if arabic_page else SWITCH_TO_ARABIC)
                    key.setAccessibleName(to_english if arabic_page else to_arabic)


class KeyboardController(QObject):
    """Makes the keyboard follow focus across the whole application.

    Listens to QApplication.focusChanged: a KioskLineEdit gaining focus shows the layout
    its kind calls for; any other widget (or none) gaining focus hides the keyboard. It
    holds no reference to fields, so nothing typed outlives a session through it.

    When the keyboard takes space from the screen, a field inside a QScrollArea is
    scrolled into view so the beneficiary still sees what they type.
    """

    def __init__(self, keyboard: OnScreenKeyboard, parent: QObject | None = None) -> None:
        # Parented to the keyboard by default: both go away together, and Qt drops the
        # focusChanged connection when this object is destroyed.
        super().__init__(parent if parent is not None else keyboard)
        self._keyboard = keyboard
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            raise RuntimeError("KeyboardController needs a QApplication")
        app.focusChanged.connect(self._on_focus_changed)
        keyboard.installEventFilter(self)
        self._follow(QApplication.focusWidget())

    @classmethod
    def attach(cls, target: QWidget | QLayout) -> KeyboardController:
        """Add a keyboard at the end (bottom) of `target` and return its controller.

        `target` is a layout (e.g. the main window's keyboard slot) or a container widget
        (its layout is used; a QVBoxLayout is created if it has none). The keyboard is
        reachable as `.keyboard`.
        """
        if isinstance(target, QLayout):
            layout = target
        else:
            existing = target.layout()
            if existing is None:
                existing = QVBoxLayout(target)
                existing.setContentsMargins(0, 0, 0, 0)
            layout = existing
        keyboard = OnScreenKeyboard()
        layout.addWidget(keyboard)
        return cls(keyboard)

    @property
    def keyboard(self) -> OnScreenKeyboard:
        return self._keyboard

    def dismiss(self) -> None:
        """Takes the focus from any field and puts the keyboard away (a session's end)."""
        focused = QApplication.focusWidget()
        if isinstance(focused, KioskLineEdit):
            focused.clearFocus()
        if shiboken6.isValid(self._keyboard):
            self._keyboard.hide()

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._follow(new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Another language or orientation lays the page out anew (other words wrap to
        # other heights), which can leave the field being typed in under the keyboard:
        # it is brought back in sight once the page has settled.
        if (watched is self._keyboard and self._keyboard.isVisible()
                and event.type() in (QEvent.Type.LanguageChange, QEvent.Type.Resize)):
            QTimer.singleShot(0, self, self._reveal_focused)
        return False

    def _follow(self, focused: QWidget | None) -> None:
        if not shiboken6.isValid(self._keyboard):
            return
        if isinstance(focused, KioskLineEdit) and not focused.isReadOnly():
            self._keyboard.show_for(focused)
            # After the keyboard's own layout change has shrunk the screen above it.
            QTimer.singleShot(0, self, self._reveal_focused)
        else:
            self._keyboard.hide()

    def _reveal_focused(self) -> None:
        field = QApplication.focusWidget()
        if isinstance(field, KioskLineEdit):
            reveal(field)


def reveal(field: KioskLineEdit) -> None:
    """Scrolls every scroll area around `field` so that the whole field (frame and all,
    not only its text cursor as ensureWidgetVisible would) and the error shown under it
    are in sight above the keyboard: what is wrong must stay in sight as well. Called
    when a field takes the focus, and by a form when it shows a field's error."""
    # Settle the geometry now so the scroll area measures its shrunken viewport.
    top_layout = field.window().layout()
    if top_layout is not None:
        top_layout.activate()
    shown = [field, *field_errors(field)]
    ancestor = field.parentWidget()
    while ancestor is not None:
        content = ancestor.widget() if isinstance(ancestor, QScrollArea) else None
        if isinstance(ancestor, QScrollArea) and content is not None:
            top = min(w.mapTo(content, w.rect().topLeft()).y() for w in shown)
            bottom = max(w.mapTo(content, w.rect().bottomLeft()).y() for w in shown)
            centre = field.mapTo(content, field.rect().center())
            # The bottom first, then the top: when both cannot show, the field wins.
            ancestor.ensureVisible(centre.x(), bottom, 0, _SCROLL_MARGIN)
            ancestor.ensureVisible(centre.x(), top, 0, _SCROLL_MARGIN)
        ancestor = ancestor.parentWidget()


def field_errors(field: KioskLineEdit) -> list[QLabel]:
    """The error texts shown beside `field`: the visible labels of role "error" that
    share its parent (a form's question block or one-question page)."""
    parent = field.parentWidget()
    if parent is None:
        return []
    return [each for each in parent.findChildren(QLabel)
            if each.parentWidget() is parent and each.property("role") == "error"
            and each.isVisibleTo(parent) and each.text()]
