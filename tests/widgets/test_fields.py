"""KioskLineEdit: what each kind of field accepts, how it reads, and how it shows errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.widgets.fields import (
    FIELD_SPECS,
    FieldKind,
    KioskLineEdit,
    ascii_digits,
    normalize,
)
from kiosk.widgets.keyboard_layouts import Layout

NUMERIC_KINDS = [kind for kind, spec in FIELD_SPECS.items() if spec.numeric]
TEXT_KINDS = [kind for kind, spec in FIELD_SPECS.items() if not spec.numeric]


def shown(qtbot: QtBot, *fields: KioskLineEdit) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    box = QVBoxLayout(window)
    for field in fields:
        box.addWidget(field)
    window.resize(600, 300)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_kind_has_a_spec_and_numeric_kinds_use_the_pad() -> None:
    assert set(FIELD_SPECS) == set(FieldKind)
    for kind in NUMERIC_KINDS:
        assert FIELD_SPECS[kind].layout is Layout.NUMERIC
    assert FIELD_SPECS[FieldKind.TEXT].allow_switch
    assert not FIELD_SPECS[FieldKind.TEXT_AR].allow_switch
    assert FIELD_SPECS[FieldKind.TEXT_EN].layout is Layout.ENGLISH


@pytest.mark.parametrize(
    ("kind", "typed", "held"),
    [
        (FieldKind.NATIONAL_ID, "١٠٢٣٤٥٦٧٨٩", "1023456789"),
        (FieldKind.NATIONAL_ID, "۱۰۲۳ ۴۵۶-۷۸۹", "1023456789"),
        (FieldKind.MOBILE, "\u200f+٩٦٦٥٠١٢٣٤٥٦٧", "+966501234567"),
        (FieldKind.MOBILE, "00966501234567", "00966501234567"),
        (FieldKind.MOBILE, "966501234567", "966501234567"),
        (FieldKind.MOBILE, "050 123 4567", "0501234567"),
        (FieldKind.CR_NUMBER, "٢٢٥٠٠١٢٣٤٥", "2250012345"),
        (FieldKind.OTP, "٤٢٤٢", "4242"),
        (FieldKind.NUMBER, "٧٧-٨٨", "7788"),
        (FieldKind.AMOUNT, "١٬٢٣٤٫٥٠", "1234.50"),
        (FieldKind.AMOUNT, "1,234.5", "1234.5"),
        (FieldKind.AMOUNT, ".5", ".5"),
        (FieldKind.DATE, "١٤٤٦/٠٩/٠١", "1446-09-01"),
        (FieldKind.TEXT, "شارع\tالملك\nفهد", "شارع الملك فهد"),
        (FieldKind.IP_ADDRESS, "١٩٢٫١٦٨٫١٫٥٠", "192.168.1.50"),
        (FieldKind.IP_ADDRESS, " 10.0.0.7 ", "10.0.0.7"),
    ],
)
def test_pasted_text_is_normalised(
    qtbot: QtBot, qapp: QApplication, kind: FieldKind, typed: str, held: str
) -> None:
    field = KioskLineEdit(kind)
    _window = shown(qtbot, field)
    qapp.clipboard().setText(typed)
    field.paste()
    assert field.text() == held


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        (FieldKind.NATIONAL_ID, "12345678901"),
        (FieldKind.NATIONAL_ID, "1234a"),
        (FieldKind.NATIONAL_ID, "\x00\xff\x1b[2J"),
        (FieldKind.NATIONAL_ID, "12²"),
        (FieldKind.NUMBER, "১২৩"),  # Bengali digits: not what a Saudi ID is written in
        (FieldKind.MOBILE, "05012345678"),
        (FieldKind.MOBILE, "+9665012345678"),
        (FieldKind.MOBILE, "05+01"),
        (FieldKind.NUMBER, "INV-12"),
        (FieldKind.AMOUNT, "1.2.3"),
        (FieldKind.AMOUNT, "10.505"),
        (FieldKind.AMOUNT, "-5"),
        (FieldKind.AMOUNT, "1e5"),
        (FieldKind.DATE, "1446-09-01-2"),
        (FieldKind.DATE, "tomorrow"),
        (FieldKind.OTP, "1234567"),
        (FieldKind.IP_ADDRESS, "1.2.3.4.5"),
        (FieldKind.IP_ADDRESS, "printer.local"),
        (FieldKind.IP_ADDRESS, "192.168.100.100.1"),
    ],
)
def test_bad_input_is_refused_and_the_field_keeps_its_text(
    qtbot: QtBot, qapp: QApplication, kind: FieldKind, typed: str
) -> None:
    field = KioskLineEdit(kind)
    _window = shown(qtbot, field)
    field.setText("")
    qapp.clipboard().setText(typed)
    field.paste()
    field.insert(typed)
    assert field.text() == ""
    assert normalize(kind, typed, len(typed)) is None


def test_overlong_text_is_cut_at_the_limit(qtbot: QtBot, qapp: QApplication) -> None:
    field = KioskLineEdit(FieldKind.TEXT_EN)
    _window = shown(qtbot, field)
    qapp.clipboard().setText("x" * 150)
    field.paste()
    assert field.text() == "x" * 100
    assert normalize(FieldKind.TEXT_EN, "x" * 101, 0) is None


def test_typed_garbage_between_digits_is_dropped_one_key_at_a_time(qtbot: QtBot) -> None:
    field = KioskLineEdit(FieldKind.NATIONAL_ID)
    _window = shown(qtbot, field)
    field.setFocus()
    qtbot.keyClicks(field, "1a2!3 4")
    assert field.text() == "1234"


def test_mobile_limit_depends_on_the_prefix(qtbot: QtBot) -> None:
    field = KioskLineEdit(FieldKind.MOBILE)
    _window = shown(qtbot, field)
    field.setFocus()
    qtbot.keyClicks(field, "+9665012345678")
    assert field.text() == "+966501234567"
    field.clear()
    qtbot.keyClicks(field, "5012345678")
    assert field.text() == "5012345678"


def test_cursor_stays_after_the_inserted_digit(qtbot: QtBot) -> None:
    field = KioskLineEdit(FieldKind.NUMBER)
    _window = shown(qtbot, field)
    field.setText("1289")
    field.setCursorPosition(2)
    field.insert("٣ ٤")
    assert field.text() == "123489"
    assert field.cursorPosition() == 4


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(list(FieldKind)), text=st.text(max_size=40))
def test_normalised_text_is_always_within_the_kinds_rules(kind: FieldKind, text: str) -> None:
    result = normalize(kind, text, len(text))
    if result is None:
        return
    held, pos = result
    spec = FIELD_SPECS[kind]
    assert len(held) <= spec.max_chars
    assert 0 <= pos <= len(held)
    if spec.numeric:
        extra = {FieldKind.MOBILE: "+", FieldKind.AMOUNT: ".", FieldKind.DATE: "-",
                 FieldKind.IP_ADDRESS: "."}
        assert set(held) <= set("0123456789" + extra.get(kind, ""))
    else:
        assert held.isprintable()
    # Normalising twice changes nothing: what the field holds is stable.
    assert normalize(kind, held, pos) == (held, pos)


def test_ascii_digits_leaves_other_characters_alone() -> None:
    assert ascii_digits("رقم ٤٥ و ۶۷") == "رقم 45 و 67"


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.RightToLeft,
                                       Qt.LayoutDirection.LeftToRight], ids=["ar", "en"])
def test_every_box_starts_where_the_page_reads_from_under_its_label(
        qtbot: QtBot, qapp: QApplication, direction: Qt.LayoutDirection) -> None:
    """In Arabic every box sits on the right, under its right-aligned label (a number
    field too: its digits run left to right inside it, the box follows the page); in
    English on the left. Forms placed fields at the leading edge and numbers still
    landed on the far left of an Arabic page, ~900 px from their label."""
    before = qapp.layoutDirection()
    qapp.setLayoutDirection(direction)
    try:
        page = QWidget()
        qtbot.addWidget(page)
        column = QVBoxLayout(page)
        fields = {kind: KioskLineEdit(kind) for kind in FieldKind}
        for field in fields.values():
            field.setFixedWidth(300)
            column.addWidget(field, alignment=Qt.AlignmentFlag.AlignLeading)
        page.resize(1200, 900)
        page.show()
        qtbot.waitExposed(page)
        margin = column.contentsMargins()
        for kind, field in fields.items():
            if direction == Qt.LayoutDirection.RightToLeft:
                assert field.geometry().right() == page.width() - margin.right() - 1, kind
            else:
                assert field.geometry().left() == margin.left(), kind
    finally:
        qapp.setLayoutDirection(before)


def test_numbers_render_at_the_left_even_in_an_rtl_ui(qtbot: QtBot, rtl_app: QApplication) -> None:
    number = KioskLineEdit(FieldKind.NUMBER)
    arabic = KioskLineEdit(FieldKind.TEXT_AR)
    for field in (number, arabic):
        field.setStyleSheet("color: #000000; background: #FFFFFF; font-size: 30px;")
        field.setFixedWidth(500)
    _window = shown(qtbot, number, arabic)
    number.setText("1111111")
    arabic.setText("ببببببب")

    def ink_columns(field: KioskLineEdit) -> list[int]:
        image = field.grab().toImage()
        y_range = range(4, image.height() - 4)
        return [
            x
            for x in range(4, image.width() - 4)
            if any(image.pixelColor(x, y).lightness() < 100 for y in y_range)
        ]

    number_ink, arabic_ink = ink_columns(number), ink_columns(arabic)
    assert number_ink
    assert arabic_ink
    assert max(number_ink) < 250  # digits hug the left edge
    assert min(arabic_ink) > 250  # Arabic hugs the right edge


def background(field: KioskLineEdit) -> QColor:
    """A pixel inside the frame at the end the text does not reach."""
    image = field.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() // 2)


def test_kind_is_a_qt_property_the_theme_can_style(qtbot: QtBot) -> None:
    field = KioskLineEdit(FieldKind.NATIONAL_ID)
    other = KioskLineEdit(FieldKind.TEXT)
    window = shown(qtbot, field, other)
    window.setStyleSheet('KioskLineEdit[kind="national_id"] { background: #123456; }')
    assert field.property("kind") == "national_id"
    assert field.kind is FieldKind.NATIONAL_ID
    assert background(field) == QColor("#123456")
    assert background(other) != QColor("#123456")


def test_mark_invalid_restyles_and_unmark_restores(qtbot: QtBot) -> None:
    field = KioskLineEdit(FieldKind.MOBILE)
    window = shown(qtbot, field)
    window.setStyleSheet(
        "KioskLineEdit { background: #FFFFFF; }"
        'KioskLineEdit[invalid="true"] { background: #B00020; }'
    )
    field.setText("0512")
    assert not field.is_invalid()
    field.mark_invalid()
    assert field.is_invalid()
    assert background(field) == QColor("#B00020")
    assert field.text() == "0512"  # the typed value is kept (GOV.UK error pattern)
    field.mark_invalid(False)
    assert background(field) == QColor("#FFFFFF")


def test_set_kind_reconfigures_and_drops_text_that_no_longer_fits(qtbot: QtBot) -> None:
    field = KioskLineEdit(FieldKind.TEXT_EN)
    _window = shown(qtbot, field)
    field.setText("abc")
    field.set_kind(FieldKind.NUMBER)
    assert field.text() == ""
    assert field.property("kind") == "number"
    field.setText("123")
    field.set_kind(FieldKind.OTP)
    assert field.text() == "123"


def test_input_method_hints_describe_the_kind(qapp: QApplication) -> None:
    hints = Qt.InputMethodHint
    assert KioskLineEdit(FieldKind.NATIONAL_ID).inputMethodHints() & hints.ImhDigitsOnly
    assert KioskLineEdit(FieldKind.NATIONAL_ID).inputMethodHints() & hints.ImhSensitiveData
    assert KioskLineEdit(FieldKind.OTP).inputMethodHints() & hints.ImhSensitiveData
    assert KioskLineEdit(FieldKind.DATE).inputMethodHints() & hints.ImhDate
    assert KioskLineEdit(FieldKind.TEXT_EN).inputMethodHints() & hints.ImhLatinOnly
    assert not KioskLineEdit(FieldKind.TEXT).inputMethodHints() & hints.ImhDigitsOnly


def test_clear_leaves_nothing_to_undo(qtbot: QtBot) -> None:
    # The idle wipe calls clear(); a technician's Ctrl+Z must not bring the ID back.
    field = KioskLineEdit(FieldKind.NATIONAL_ID)
    _window = shown(qtbot, field)
    field.setFocus()
    qtbot.keyClicks(field, "1023456789")
    field.mark_invalid()
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == ""
    assert not field.isUndoAvailable()
    assert not field.is_invalid()


def test_sensitive_fields_never_reach_the_clipboard(qtbot: QtBot, qapp: QApplication) -> None:
    national_id = KioskLineEdit(FieldKind.NATIONAL_ID)
    name = KioskLineEdit(FieldKind.TEXT_EN)
    _window = shown(qtbot, national_id, name)
    assert national_id.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    qapp.clipboard().setText("before")
    national_id.setText("1023456789")
    national_id.setFocus()
    national_id.selectAll()
    qtbot.keyClick(national_id, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(national_id, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert qapp.clipboard().text() == "before"
    assert national_id.text() == "1023456789"
    # Ordinary text fields copy as usual, for technicians.
    name.setText("Kiosk")
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert qapp.clipboard().text() == "Kiosk"
