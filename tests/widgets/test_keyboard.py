"""The on-screen keyboard, driven the way a beneficiary drives it: taps on real keys."""

from __future__ import annotations

from typing import ClassVar

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.widgets.fields import FieldKind
from kiosk.widgets.keyboard import (
    KEYBOARD_COLOURS,
    KEYBOARD_QSS,
    KeyButton,
    OnScreenKeyboard,
)
from kiosk.widgets.keyboard_layouts import KeyAction, Layout
from tests.widgets.conftest import Form, build_form


def tap(form: Form, key: KeyButton) -> None:
    form.qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def type_physical(widget: QWidget, text: str) -> None:
    """Key events as a physical keyboard with an Arabic layout delivers them: the key code
    is not a Latin key, the text carries the character. (QTest.keyClicks only handles
    Latin-1, so non-Latin characters are sent this way.)"""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def x_of(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).x()


def test_tapping_keys_types_into_the_field_and_focus_stays_there(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_EN])
    field = form.fields[0]
    assert form.keyboard.isVisible()
    form.tap("k", "i", "o", "s", "k")
    tap(form, form.keyboard.action_key(KeyAction.SPACE))
    form.tap("o", "k")
    assert field.text() == "kiosk ok"
    assert QApplication.focusWidget() is field
    assert all(key.focusPolicy() == Qt.FocusPolicy.NoFocus for key in form.keyboard.current_keys())


def test_arabic_keys_insert_at_the_cursor(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_AR])
    field = form.fields[0]
    assert form.keyboard.current_layout() is Layout.ARABIC
    form.tap("ح", "س", "ا")
    assert field.text() == "حسا"
    field.setCursorPosition(1)
    form.tap("ل")
    assert field.text() == "حلسا"
    field.end(False)
    form.tap("لا", "أ", "إ", "آ", "ذ")
    assert field.text() == "حلسالاأإآذ"


def test_numeric_field_gets_the_pad_which_types_ascii_digits(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.NATIONAL_ID])
    keyboard = form.keyboard
    assert keyboard.current_layout() is Layout.NUMERIC
    form.tap("1", "0", "2", "3", "4", "5", "6", "7", "8", "9")
    assert form.fields[0].text() == "1023456789"
    # Each digit key also shows its Arabic-Indic form for those who read ٣ before 3.
    assert keyboard.key_for("3").spec.secondary == "٣"
    with pytest.raises(KeyError):
        keyboard.key_for("a")


def test_arabic_indic_digits_become_ascii_from_physical_keys_and_paste(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.MOBILE, FieldKind.NUMBER])
    mobile, number = form.fields
    type_physical(mobile, "٠٥٠١٢٣٤٥٦٧")
    assert mobile.text() == "0501234567"
    form.focus(number)
    type_physical(number, "۱۲۳")  # Persian (Extended Arabic-Indic) digits
    assert number.text() == "123"
    number.clear()
    QApplication.clipboard().setText("\u200f٩٨٧ ٦٥٤")
    qtbot.keyClick(number, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert number.text() == "987654"


def test_shift_capitalises_one_letter_then_releases(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_EN])
    keyboard, field = form.keyboard, form.fields[0]
    shift = keyboard.action_key(KeyAction.SHIFT)
    before = shift.grab().toImage().pixelColor(shift.width() // 2, 8)
    tap(form, shift)
    assert keyboard.shift_active()
    assert shift.is_active()
    assert keyboard.key_for("a").text() == "A"
    # Visibly latched: the key is painted in another colour while Shift waits.
    latched = shift.grab().toImage().pixelColor(shift.width() // 2, 8)
    assert latched != before
    form.tap("a", "l")
    assert field.text() == "Al"
    assert not keyboard.shift_active()
    assert keyboard.key_for("a").text() == "a"
    tap(form, shift)
    tap(form, shift)  # a second tap cancels it
    form.tap("h")
    assert field.text() == "Alh"


def test_backspace_deletes_before_the_cursor_on_every_layout(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT, FieldKind.OTP])
    text, otp = form.fields
    form.tap("ب", "ا", "ب")
    tap(form, form.keyboard.action_key(KeyAction.BACKSPACE))
    assert text.text() == "با"
    form.focus(otp)
    form.tap("4", "2")
    tap(form, form.keyboard.action_key(KeyAction.BACKSPACE))
    tap(form, form.keyboard.action_key(KeyAction.BACKSPACE))
    tap(form, form.keyboard.action_key(KeyAction.BACKSPACE))  # on empty: nothing breaks
    assert otp.text() == ""


def test_clear_empties_the_field_in_one_tap_on_every_layout(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT, FieldKind.CR_NUMBER, FieldKind.DATE,
                              FieldKind.TEXT_EN])
    text, cr_number, date, english = form.fields
    form.tap("ب", "ا", "ب")
    tap(form, form.keyboard.action_key(KeyAction.CLEAR))
    assert text.text() == ""
    form.focus(cr_number)
    form.tap(*"2250000011")
    tap(form, form.keyboard.action_key(KeyAction.CLEAR))  # not ten backspaces
    assert cr_number.text() == ""
    form.tap("7")
    assert cr_number.text() == "7"
    form.focus(date)
    form.tap("1", "-")
    tap(form, form.keyboard.action_key(KeyAction.CLEAR))
    assert date.text() == ""
    form.focus(english)
    form.tap("o", "k")
    tap(form, form.keyboard.action_key(KeyAction.CLEAR))
    assert english.text() == ""
    assert QApplication.focusWidget() is english


def test_enter_moves_to_the_next_field_then_submits_on_the_last(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.NATIONAL_ID, FieldKind.MOBILE, FieldKind.TEXT])
    keyboard = form.keyboard
    first, second, last = form.fields
    enter = keyboard.action_key(KeyAction.ENTER)
    assert enter.text() == "Next"
    tap(form, enter)
    assert QApplication.focusWidget() is second
    tap(form, keyboard.action_key(KeyAction.ENTER))
    assert QApplication.focusWidget() is last
    enter = keyboard.action_key(KeyAction.ENTER)
    assert enter.text() == "Done"
    with (
        qtbot.waitSignal(last.submitted, timeout=1000),
        qtbot.waitSignal(keyboard.submitted, timeout=1000) as blocker,
    ):
        tap(form, enter)
    assert blocker.args == [last]
    assert QApplication.focusWidget() is last
    assert first.text() == second.text() == ""


def test_enter_skips_hidden_disabled_and_read_only_fields(qtbot: QtBot) -> None:
    kinds = [FieldKind.NUMBER] * 5
    form = build_form(qtbot, [*kinds, FieldKind.DATE])
    first, hidden, disabled, read_only, unfocusable, last = form.fields
    hidden.hide()
    unfocusable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    disabled.setEnabled(False)
    read_only.setReadOnly(True)
    tap(form, form.keyboard.action_key(KeyAction.ENTER))
    assert QApplication.focusWidget() is last
    assert first.next_field() is last
    assert last.next_field() is None


def test_physical_enter_behaves_like_the_on_screen_one(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_EN, FieldKind.TEXT_EN])
    first, last = form.fields
    qtbot.keyClicks(first, "Technician")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is last
    with qtbot.waitSignal(last.submitted, timeout=1000):
        qtbot.keyClick(last, Qt.Key.Key_Enter)
    assert first.text() == "Technician"


def test_physical_keyboard_still_types_in_every_kind(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_EN, FieldKind.TEXT_AR, FieldKind.AMOUNT])
    english, arabic, amount = form.fields
    qtbot.keyClicks(english, "Hello, O'Neil")
    form.focus(arabic)
    type_physical(arabic, "مرحبا")
    form.focus(amount)
    qtbot.keyClicks(amount, "150.50")
    qtbot.keyClick(amount, Qt.Key.Key_Backspace)
    assert (english.text(), arabic.text(), amount.text()) == ("Hello, O'Neil", "مرحبا", "150.5")


def test_layout_follows_focus_and_hides_for_other_widgets(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.AMOUNT, FieldKind.TEXT, FieldKind.TEXT_EN])
    keyboard = form.keyboard
    amount, text, english = form.fields
    assert keyboard.current_layout() is Layout.NUMERIC
    assert keyboard.key_for(".").isVisible()
    form.focus(text)
    assert keyboard.current_layout() is Layout.ARABIC
    form.focus(english)
    assert keyboard.current_layout() is Layout.ENGLISH
    form.focus(form.button)
    assert not keyboard.isVisible()
    form.focus(amount)
    assert keyboard.isVisible()
    assert keyboard.current_layout() is Layout.NUMERIC
    text.setReadOnly(True)
    form.focus(text)
    assert not keyboard.isVisible()


def test_date_pad_has_a_dash_and_plain_numbers_have_no_extra_key(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.DATE, FieldKind.CR_NUMBER])
    date, cr_number = form.fields
    form.tap("1", "4", "4", "6", "-", "0", "9")
    assert date.text() == "1446-09"
    form.focus(cr_number)
    with pytest.raises(KeyError):
        form.keyboard.key_for("-")
    with pytest.raises(KeyError):
        form.keyboard.key_for(".")


def test_switch_key_only_where_both_languages_are_allowed(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT, FieldKind.TEXT_AR, FieldKind.TEXT_EN])
    keyboard = form.keyboard
    free, arabic, english = form.fields
    switch = keyboard.action_key(KeyAction.SWITCH)
    assert switch.text() == "EN"
    tap(form, switch)
    assert keyboard.current_layout() is Layout.ENGLISH
    form.tap("a")
    switch = keyboard.action_key(KeyAction.SWITCH)
    assert switch.text() == "ع"
    tap(form, switch)
    assert keyboard.current_layout() is Layout.ARABIC
    form.tap("ب")
    assert free.text() == "aب"
    assert QApplication.focusWidget() is free
    for field in (arabic, english):
        form.focus(field)
        with pytest.raises(KeyError):
            keyboard.action_key(KeyAction.SWITCH)


def test_length_limits_hold_for_taps(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.NATIONAL_ID, FieldKind.MOBILE, FieldKind.OTP])
    national_id, mobile, otp = form.fields
    form.tap(*"123456789012")
    assert national_id.text() == "1234567890"
    form.focus(mobile)
    form.tap(*"0501234567899")
    assert mobile.text() == "0501234567"
    form.focus(otp)
    form.tap(*"98765432")
    assert otp.text() == "987654"


def test_text_length_limit_holds_for_taps_and_typing(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_EN])
    field = form.fields[0]
    qtbot.keyClicks(field, "x" * 99)
    form.tap("a", "b", "c")
    assert field.text() == "x" * 99 + "a"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize(
    "kind", [FieldKind.TEXT, FieldKind.TEXT_EN, FieldKind.NATIONAL_ID, FieldKind.AMOUNT]
)
def test_keys_are_large_and_inside_the_window(
    qtbot: QtBot, size: tuple[int, int], kind: FieldKind
) -> None:
    form = build_form(qtbot, [kind], size=size)
    keyboard = form.keyboard
    window_rect = form.window.rect()
    numeric = keyboard.current_layout() is Layout.NUMERIC
    for key in keyboard.current_keys():
        assert key.isVisible()
        assert key.height() >= (80 if numeric else 64), key.text()
        assert key.width() >= 64, key.text()
        top_left = key.mapTo(form.window, QPoint(0, 0))
        assert window_rect.contains(top_left)
        assert window_rect.contains(top_left + QPoint(key.width() - 1, key.height() - 1))
    # The keyboard sits at the bottom and leaves most of the screen to the form.
    assert keyboard.height() < size[1] // 2


def test_rtl_app_does_not_mirror_any_layout(qtbot: QtBot, rtl_app: QApplication) -> None:
    form = build_form(qtbot, [FieldKind.TEXT_EN, FieldKind.TEXT_AR, FieldKind.NUMBER])
    _english, arabic, number = form.fields
    assert form.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    keyboard = form.keyboard
    q, w, p = (keyboard.key_for(char) for char in "qwp")
    assert x_of(q) < x_of(w) < x_of(p)
    assert x_of(keyboard.action_key(KeyAction.SHIFT)) < x_of(keyboard.key_for("z"))
    form.focus(arabic)
    dad, sad, dal = (keyboard.key_for(char) for char in "ضصد")
    assert x_of(dad) < x_of(sad) < x_of(dal)
    form.focus(number)
    one, two, three = (keyboard.key_for(char) for char in "123")
    assert x_of(one) < x_of(two) < x_of(three)
    assert x_of(keyboard.action_key(KeyAction.ENTER)) > x_of(three)


def test_press_feedback_is_visible(qtbot: QtBot) -> None:
    form = build_form(qtbot, [FieldKind.NUMBER])
    # A theme that paints every plain widget must not cover the keyboard's background.
    form.window.setStyleSheet("QWidget { background: #FF00FF; }" + KEYBOARD_QSS)
    one = form.keyboard.key_for("1")
    gap = one.mapTo(form.keyboard, QPoint(one.width() + 3, one.height() // 2))  # between 1 and 2
    margin = QPoint(3, form.keyboard.height() // 2)
    image = form.keyboard.grab().toImage()
    for point in (gap, margin):
        assert image.pixelColor(point) == QColor(KEYBOARD_COLOURS["board"])
    key = form.keyboard.key_for("5")
    point = (8, key.height() // 2)
    idle = key.grab().toImage().pixelColor(*point)
    key.setDown(True)
    pressed = key.grab().toImage().pixelColor(*point)
    key.setDown(False)
    assert idle == QColor(KEYBOARD_COLOURS["key"])
    assert pressed == QColor(KEYBOARD_COLOURS["pressed"])


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    rgb = QColor(colour)
    return (
        0.2126 * channel(rgb.red()) + 0.7152 * channel(rgb.green()) + 0.0722 * channel(rgb.blue())
    )


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background", "minimum"),
    [
        ("key_text", "key", 4.5),
        ("key_text", "action", 4.5),
        ("key_text", "active", 4.5),
        ("enter_text", "enter", 4.5),
        ("pressed_text", "pressed", 4.5),
        ("key_border", "board", 3.0),
        ("key_border", "key", 3.0),
        ("pressed", "key", 3.0),
    ],
)
def test_colours_meet_wcag_aa(foreground: str, background: str, minimum: float) -> None:
    ratio = _contrast(KEYBOARD_COLOURS[foreground], KEYBOARD_COLOURS[background])
    assert ratio >= minimum, f"{foreground} on {background}: {ratio:.2f}"


class _ArabicCaptions:
    """A real QTranslator answering for the keyboard's context, as a .qm file would."""

    WORDS: ClassVar[dict[str, str]] = {
        "Space": "مسافة",
        "Next": "التالي",
        "Done": "تم",
        "Delete": "حذف",
    }


def test_captions_follow_a_language_change(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtCore import QTranslator

    class Translator(QTranslator):
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            if context == "OnScreenKeyboard":
                return _ArabicCaptions.WORDS.get(source, "")
            return ""

        def isEmpty(self) -> bool:
            return False

    form = build_form(qtbot, [FieldKind.TEXT, FieldKind.TEXT])
    keyboard = form.keyboard
    translator = Translator()
    assert QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: keyboard.action_key(KeyAction.SPACE).text() == "مسافة")
        assert keyboard.action_key(KeyAction.ENTER).text() == "التالي"
        assert keyboard.action_key(KeyAction.BACKSPACE).accessibleName() == "حذف"
        form.focus(form.fields[1])
        assert keyboard.action_key(KeyAction.ENTER).text() == "تم"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: keyboard.action_key(KeyAction.SPACE).text() == "Space")


def test_keys_with_no_focused_field_do_nothing(qtbot: QtBot) -> None:
    form = build_form(qtbot, [])
    keyboard = form.keyboard
    assert not keyboard.isVisible()
    standalone = OnScreenKeyboard()
    qtbot.addWidget(standalone)
    standalone.show()
    qtbot.waitExposed(standalone)
    for key in standalone.current_keys():
        key.click()
    assert standalone.current_layout() in (Layout.ARABIC, Layout.ENGLISH)


def test_attach_adds_the_keyboard_to_a_container_without_layout(qtbot: QtBot) -> None:
    from kiosk.widgets.keyboard import KeyboardController

    container = QWidget()
    qtbot.addWidget(container)
    controller = KeyboardController.attach(container)
    layout = container.layout()
    assert layout is not None
    assert layout.indexOf(controller.keyboard) == 0
    assert controller.keyboard.parentWidget() is container
    assert not controller.keyboard.isVisibleTo(container)


def test_attach_to_a_layout_slot_below_the_screens(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QVBoxLayout

    from kiosk.widgets.fields import KioskLineEdit
    from kiosk.widgets.keyboard import KeyboardController

    window = QWidget()
    qtbot.addWidget(window)
    outer = QVBoxLayout(window)
    field = KioskLineEdit(FieldKind.OTP)
    outer.addWidget(field, 1)
    slot = QVBoxLayout()
    outer.addLayout(slot)
    controller = KeyboardController.attach(slot)
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    field.setFocus()
    qtbot.waitUntil(controller.keyboard.isVisible)
    assert controller.keyboard.parentWidget() is window
    keyboard_top = controller.keyboard.mapTo(window, QPoint(0, 0)).y()
    assert keyboard_top >= field.mapTo(window, QPoint(0, field.height())).y()
    assert keyboard_top + controller.keyboard.height() <= window.height()


def test_backspace_and_shift_are_drawn_not_taken_from_the_font(qtbot: QtBot) -> None:
    # IBM Plex Sans Arabic has no ⌫ or ⇧ glyph; on a kiosk without system fonts those
    # characters would show as empty boxes, so the keys paint their own icons.
    form = build_form(qtbot, [FieldKind.TEXT_EN])
    for action in (KeyAction.BACKSPACE, KeyAction.SHIFT):
        key = form.keyboard.action_key(action)
        assert key.text() == ""
        assert key.accessibleName()
        image = key.grab().toImage()
        centre = image.rect().center()
        ink = sum(
            1
            for x in range(centre.x() - 20, centre.x() + 20)
            for y in range(centre.y() - 15, centre.y() + 15)
            if image.pixelColor(x, y).lightness() < 100
        )
        assert ink > 40, action


def test_a_field_in_a_scroll_area_stays_visible_above_the_keyboard(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout

    from kiosk.widgets.fields import KioskLineEdit
    from kiosk.widgets.keyboard import KeyboardController

    window = QWidget()
    qtbot.addWidget(window)
    box = QVBoxLayout(window)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    body = QWidget()
    column = QVBoxLayout(body)
    fields = [KioskLineEdit(FieldKind.TEXT) for _ in range(14)]
    for field in fields:
        field.setMinimumHeight(64)
        column.addWidget(field)
    scroll.setWidget(body)
    box.addWidget(scroll)
    controller = KeyboardController.attach(window)
    window.resize(1080, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    last = fields[-1]
    last.setFocus()
    qtbot.waitUntil(controller.keyboard.isVisible)

    def last_field_visible() -> bool:
        top = last.mapTo(scroll.viewport(), QPoint(0, 0)).y()
        return top >= 0 and top + last.height() <= scroll.viewport().height()

    qtbot.waitUntil(last_field_visible)
    keyboard_top = controller.keyboard.mapTo(window, QPoint(0, 0)).y()
    assert last.mapTo(window, QPoint(0, last.height())).y() <= keyboard_top


def _touch_at(form: Form, key: KeyButton) -> QPoint:
    return key.mapTo(form.window, key.rect().center())


def test_two_fingers_on_two_keys_both_type(qtbot: QtBot) -> None:
    # Qt makes mouse events from the first finger only; a second finger landing before
    # the first lifts (fast two-thumb typing) must still press its key.
    from PySide6.QtTest import QTest

    form = build_form(qtbot, [FieldKind.TEXT_EN])
    device = QTest.createTouchDevice()
    a, b = form.keyboard.key_for("a"), form.keyboard.key_for("b")
    at_a, at_b = _touch_at(form, a), _touch_at(form, b)
    QTest.touchEvent(form.window, device).press(0, at_a, form.window).commit()
    assert a.isDown()  # the pressed look shows while the finger is on the key
    QTest.touchEvent(form.window, device).stationary(0).press(1, at_b, form.window).commit()
    QTest.touchEvent(form.window, device).release(0, at_a, form.window).stationary(1).commit()
    QTest.touchEvent(form.window, device).release(1, at_b, form.window).commit()
    assert form.fields[0].text() == "ab"
    assert not a.isDown()
    assert not b.isDown()
    assert QApplication.focusWidget() is form.fields[0]


def test_a_finger_sliding_off_a_key_types_nothing(qtbot: QtBot) -> None:
    from PySide6.QtTest import QTest

    form = build_form(qtbot, [FieldKind.NUMBER])
    device = QTest.createTouchDevice()
    five = form.keyboard.key_for("5")
    start = _touch_at(form, five)
    away = five.mapTo(form.window, QPoint(five.width() // 2, -40))
    QTest.touchEvent(form.window, device).press(0, start, form.window).commit()
    QTest.touchEvent(form.window, device).move(0, away, form.window).commit()
    assert not five.isDown()
    QTest.touchEvent(form.window, device).release(0, away, form.window).commit()
    assert form.fields[0].text() == ""
    QTest.touchEvent(form.window, device).press(0, start, form.window).commit()
    QTest.touchEvent(form.window, device).release(0, start, form.window).commit()
    assert form.fields[0].text() == "5"
