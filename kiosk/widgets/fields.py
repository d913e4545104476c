"""Touch input fields that know what they hold.

Every field on a kiosk form declares its kind (national ID, mobile, amount, Arabic text...)
so the right on-screen keyboard appears, the theme can style it, and whatever a
beneficiary or technician types, pastes or taps arrives in the one form the rest of the
kiosk expects: numeric fields hold ASCII digits even when typed as ٠-٩ or ۰-۹.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.domain.pin import MAX_DIGITS as PIN_MAX_DIGITS
from kiosk.widgets.keyboard_layouts import Layout

# Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) digits to ASCII.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Separators people type or paste inside numbers ("050 123 4567", "1-234"), plus the
# invisible direction marks that copying from RTL text drags along.
_NUMBER_SEPARATORS = " \u00a0-\u200e\u200f\u061c\u202a\u202b\u202c"
_AMOUNT_SEPARATORS = " \u00a0,\u066c\u200e\u200f\u061c\u202a\u202b\u202c"
_AMOUNT_DECIMALS = 2
_TEXT_MAX = 100
# Generous enough that a pasted number with separators survives QLineEdit's own
# truncation, which runs before the validator strips them; the validator enforces the
# real limit of each kind.
_NUMERIC_RAW_MAX = 64


class FieldKind(enum.StrEnum):
    """What a field holds; decides its keyboard, its characters and its length."""

    NATIONAL_ID = "national_id"
    MOBILE = "mobile"
    NUMBER = "number"
    AMOUNT = "amount"
    CR_NUMBER = "cr_number"
    OTP = "otp"
    #: A technician's PIN (shown masked by the screen that asks for it).
    PIN = "pin"
    TEXT_AR = "text_ar"
    TEXT_EN = "text_en"
    TEXT = "text"
    DATE = "date"
    #: A network device's IPv4 address (a receipt printer's, typed by a technician).
    IP_ADDRESS = "ip_address"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """The fixed facts about one kind of field."""

    max_chars: int
    layout: Layout
    numeric: bool
    # Text kinds that accept both languages get the ع/EN switch key.
    allow_switch: bool = False
    # The one extra key on the numeric pad ("." for amounts, "-" for dates), or "".
    pad_extra: str = ""
    hints: Qt.InputMethodHint = Qt.InputMethodHint.ImhNone


_NO_PREDICTION = Qt.InputMethodHint.ImhNoPredictiveText | Qt.InputMethodHint.ImhNoAutoUppercase
_PRIVATE_DIGITS = (
    Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData | _NO_PREDICTION
)

FIELD_SPECS: dict[FieldKind, FieldSpec] = {
    FieldKind.NATIONAL_ID: FieldSpec(10, Layout.NUMERIC, True, hints=_PRIVATE_DIGITS),
    # 05XXXXXXXX, or up to 14 with an international prefix (009665XXXXXXXX); the exact
    # limit depends on the prefix typed, see _mobile_limit.
    FieldKind.MOBILE: FieldSpec(
        14,
        Layout.NUMERIC,
        True,
        hints=Qt.InputMethodHint.ImhDialableCharactersOnly
        | Qt.InputMethodHint.ImhSensitiveData
        | _NO_PREDICTION,
    ),
    # Transaction, licence and invoice numbers; shop area in m².
    FieldKind.NUMBER: FieldSpec(
        20, Layout.NUMERIC, True, hints=Qt.InputMethodHint.ImhDigitsOnly | _NO_PREDICTION
    ),
    FieldKind.AMOUNT: FieldSpec(
        12,
        Layout.NUMERIC,
        True,
        pad_extra=".",
        hints=Qt.InputMethodHint.ImhFormattedNumbersOnly | _NO_PREDICTION,
    ),
    FieldKind.CR_NUMBER: FieldSpec(
        10, Layout.NUMERIC, True, hints=Qt.InputMethodHint.ImhDigitsOnly | _NO_PREDICTION
    ),
    FieldKind.OTP: FieldSpec(6, Layout.NUMERIC, True, hints=_PRIVATE_DIGITS),
    FieldKind.PIN: FieldSpec(PIN_MAX_DIGITS, Layout.NUMERIC, True, hints=_PRIVATE_DIGITS),
    FieldKind.DATE: FieldSpec(
        10,
        Layout.NUMERIC,
        True,
        pad_extra="-",
        hints=Qt.InputMethodHint.ImhDate | _NO_PREDICTION,
    ),
    FieldKind.IP_ADDRESS: FieldSpec(
        15,
        Layout.NUMERIC,
        True,
        pad_extra=".",
        hints=Qt.InputMethodHint.ImhFormattedNumbersOnly | _NO_PREDICTION,
    ),
    FieldKind.TEXT_AR: FieldSpec(_TEXT_MAX, Layout.ARABIC, False, hints=_NO_PREDICTION),
    FieldKind.TEXT_EN: FieldSpec(
        _TEXT_MAX,
        Layout.ENGLISH,
        False,
        hints=Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText,
    ),
    FieldKind.TEXT: FieldSpec(
        _TEXT_MAX,
        Layout.ARABIC,
        False,
        allow_switch=True,
        hints=Qt.InputMethodHint.ImhNoPredictiveText,
    ),
}


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits become ASCII; everything else is left alone."""
    return text.translate(_DIGITS)


def _digits_only(text: str) -> bool:
    # str.isdigit() alone would let "²" or Bengali digits through.
    return text.isascii() and text.isdigit()


def _mobile_limit(text: str) -> int:
    for prefix, limit in (("+966", 13), ("00966", 14), ("966", 12)):
        if text.startswith(prefix) or prefix.startswith(text):
            # While only part of a prefix is typed ("+", "00", "9") allow the long form.
            return limit
    return 10


def _strip(text: str, pos: int, drop: str) -> tuple[str, int]:
    """Remove every character of `drop`, moving the cursor left past removed ones."""
    kept = [char for char in text if char not in drop]
    removed_before = sum(1 for char in text[:pos] if char in drop)
    return "".join(kept), pos - removed_before


def normalize(kind: FieldKind, text: str, pos: int) -> tuple[str, int] | None:
    """The text a field of `kind` should hold after an edit, or None to refuse the edit.

    Pure function (no Qt objects) so every rule is testable on its own; the validator
    below only adapts it to QValidator's protocol.
    """
    spec = FIELD_SPECS[kind]
    if not spec.numeric:
        # Pasted text may carry line breaks or tabs; a one-line field shows them as boxes.
        cleaned = "".join(" " if not char.isprintable() else char for char in text)
        return (cleaned, pos) if len(cleaned) <= spec.max_chars else None
    text = ascii_digits(text)
    if kind is FieldKind.AMOUNT:
        text, pos = _strip(text.replace("\u066b", "."), pos, _AMOUNT_SEPARATORS)
        whole, dot, cents = text.partition(".")
        if whole and not _digits_only(whole):
            return None
        if dot and ((cents and not _digits_only(cents)) or len(cents) > _AMOUNT_DECIMALS):
            return None
    elif kind is FieldKind.DATE:
        text, pos = _strip(text.replace("/", "-"), pos, " \u00a0\u200e\u200f\u061c")
        digits = text.replace("-", "")
        if text.count("-") > 2 or (digits and not _digits_only(digits)):
            return None
    elif kind is FieldKind.IP_ADDRESS:
        text, pos = _strip(text.replace("\u066b", "."), pos, _NUMBER_SEPARATORS.replace("-", ""))
        digits = text.replace(".", "")
        if text.count(".") > 3 or (digits and not _digits_only(digits)):
            return None
    elif kind is FieldKind.MOBILE:
        text, pos = _strip(text, pos, _NUMBER_SEPARATORS)
        body = text[1:] if text.startswith("+") else text
        if body and not _digits_only(body):
            return None
        if len(text) > _mobile_limit(text):
            return None
    else:
        text, pos = _strip(text, pos, _NUMBER_SEPARATORS)
        if text and not _digits_only(text):
            return None
    if len(text) > spec.max_chars:
        return None
    return text, max(0, min(pos, len(text)))


class _KindValidator(QValidator):
    """Applies `normalize` to every edit: typing, on-screen keys, paste, insert()."""

    def __init__(self, kind: FieldKind, parent: QWidget) -> None:
        super().__init__(parent)
        self._kind = kind

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        result = normalize(self._kind, text, pos)
        if result is None:
            return QValidator.State.Invalid, text, pos
        # Always Acceptable: completeness (ten digits, a valid check digit) is checked
        # when the beneficiary presses Continue, and an Intermediate state would make
        # QLineEdit swallow the Enter key.
        return QValidator.State.Acceptable, result[0], result[1]


class KioskLineEdit(QLineEdit):
    """A one-line input field that declares its kind.

    The kind picks the on-screen keyboard (KeyboardController reads it), the allowed
    characters and length, and the Qt property `kind` the theme styles by
    (`KioskLineEdit[kind="national_id"]`). A physical keyboard works as usual.

    `submitted` fires when Enter is pressed (on-screen or physical) in the last field of
    the form; otherwise Enter moves focus to the next KioskLineEdit in the focus chain.
    """

    submitted = Signal()

    def __init__(self, kind: FieldKind = FieldKind.TEXT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self.setProperty("invalid", False)
        # The context menu is a small mouse popup, useless on a touch screen, and its
        # Copy would put one beneficiary's data on the clipboard for the next.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.set_kind(kind)
        self.returnPressed.connect(self.advance)

    @property
    def kind(self) -> FieldKind:
        return self._kind

    @property
    def spec(self) -> FieldSpec:
        return FIELD_SPECS[self._kind]

    def set_kind(self, kind: FieldKind) -> None:
        """Reconfigure for another kind; existing text that does not fit is cleared."""
        self._kind = kind
        spec = FIELD_SPECS[kind]
        self.setValidator(_KindValidator(kind, self))
        self.setMaxLength(_NUMERIC_RAW_MAX if spec.numeric else spec.max_chars)
        self.setInputMethodHints(spec.hints)
        # The box follows the page, whatever it holds: a layout places a widget by the
        # widget's own direction, so a number field set left to right sat at the far left
        # of an Arabic page, away from its label. The text inside takes its own direction
        # from what it holds (QLineEdit lays out digits, "+966" or "2026-10-17" left to
        # right and Arabic right to left), and starts at that text's leading edge.
        self.unsetLayoutDirection()
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if self.text() and normalize(kind, self.text(), 0) is None:
            self.clear()
        self.setProperty("kind", kind.value)
        self._repolish()

    def clear(self) -> None:
        """Empty the field *and* its undo history and error mark.

        QLineEdit.clear() is itself undoable: Ctrl+Z on a physical keyboard would bring
        back the previous beneficiary's ID. setText() resets the undo stack.
        """
        self.setText("")
        self.mark_invalid(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Sensitive fields (ID, mobile, OTP) never hand their text to the clipboard.
        if self.spec.hints & Qt.InputMethodHint.ImhSensitiveData and (
            event.matches(QKeySequence.StandardKey.Copy)
            or event.matches(QKeySequence.StandardKey.Cut)
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def mark_invalid(self, invalid: bool = True) -> None:
        """Show (or remove) the error state; the theme styles `[invalid="true"]`."""
        self.setProperty("invalid", invalid)
        self._repolish()

    def is_invalid(self) -> bool:
        return bool(self.property("invalid"))

    def next_field(self) -> KioskLineEdit | None:
        """The next visible, editable KioskLineEdit after this one in the focus chain.

        The chain of a window starts at the window itself, so reaching it means this
        is the last field of the form; fields on hidden screens are skipped.
        """
        top = self.window()
        widget: QWidget | None = self.nextInFocusChain()
        while widget is not None and widget is not self and widget is not top:
            if (
                isinstance(widget, KioskLineEdit)
                and widget.isVisible()
                and widget.isEnabled()
                and not widget.isReadOnly()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                return widget
            widget = widget.nextInFocusChain()
        return None

    def advance(self) -> None:
        """What Enter does: focus the next field, or emit `submitted` on the last."""
        following = self.next_field()
        if following is None:
            self.submitted.emit()
        else:
            following.setFocus(Qt.FocusReason.TabFocusReason)

    def _repolish(self) -> None:
        style = self.style()
        style.unpolish(self)
        style.polish(self)
        self.update()
