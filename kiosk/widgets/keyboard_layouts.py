"""The keys of the on-screen keyboard, as plain data.

Kept apart from the widget so the rows can be read (and reviewed by an Arabic speaker)
without wading through Qt code. Widths are in half-key units so rows can be offset by half
a key, the way physical keyboards stagger their rows. No Qt here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Layout(enum.StrEnum):
    """Which set of keys the keyboard shows."""

    ARABIC = "arabic"
    ENGLISH = "english"
    NUMERIC = "numeric"


class KeyAction(enum.StrEnum):
    """What pressing a key does; CHAR keys insert their text."""

    CHAR = "char"
    BACKSPACE = "backspace"
    #: Empties the field at once: a correction should not cost a backspace per digit.
    CLEAR = "clear"
    SPACE = "space"
    ENTER = "enter"
    SHIFT = "shift"
    SWITCH = "switch"


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One key: its action, the text it inserts (CHAR only), and its width in half-keys.

    `secondary` is a small second caption (the Arabic-Indic digit on the numeric pad).
    """

    action: KeyAction
    text: str = ""
    span: int = 2
    secondary: str = ""


# The switch key names the language it switches TO, in that language's own script, so it
# reads the same whatever the UI language is (like the globe key on phones).
SWITCH_TO_ENGLISH = "EN"
SWITCH_TO_ARABIC = "ع"

# The standard Arabic (101) keyboard rows, in the physical left-to-right key order of a
# PC keyboard (ض sits on Q). لا is one key that inserts two letters, as on the hardware.
ARABIC_ROWS: tuple[tuple[str, ...], ...] = (
    ("ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د"),
    ("ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", "ذ"),
    ("ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ"),
)
# Hamza-carrying alefs live on Shift on hardware; a kiosk user should not have to know
# that, so they get their own keys on the bottom row.
ARABIC_ALEFS: tuple[str, ...] = ("أ", "إ", "آ")
ARABIC_WIDTH = 24

ENGLISH_ROWS: tuple[tuple[str, ...], ...] = (
    ("q", "w", "e", "r", "t", "y", "u", "i", "o", "p"),
    ("a", "s", "d", "f", "g", "h", "j", "k", "l"),
    ("z", "x", "c", "v", "b", "n", "m"),
)
ENGLISH_WIDTH = 20

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def _chars(row: tuple[str, ...]) -> tuple[KeySpec, ...]:
    return tuple(KeySpec(KeyAction.CHAR, char) for char in row)


def _bottom_row(
    width: int, allow_switch: bool, before: tuple[str, ...], after: tuple[str, ...]
) -> tuple[KeySpec, ...]:
    """Clear, switch, punctuation, a space bar that takes what is left, Enter."""
    fixed = 3 + 3 + 2 * (len(before) + len(after)) + (3 if allow_switch else 0)
    row: list[KeySpec] = [KeySpec(KeyAction.CLEAR, span=3)]
    if allow_switch:
        row.append(KeySpec(KeyAction.SWITCH, span=3))
    row.extend(_chars(before))
    row.append(KeySpec(KeyAction.SPACE, " ", span=width - fixed))
    row.extend(_chars(after))
    row.append(KeySpec(KeyAction.ENTER, span=3))
    return tuple(row)


def text_rows(layout: Layout, *, allow_switch: bool) -> tuple[tuple[KeySpec, ...], ...]:
    """The rows of the Arabic or English text keyboard."""
    if layout is Layout.ARABIC:
        first, second, third = ARABIC_ROWS
        return (
            _chars(first),
            _chars(second),
            (*_chars(third), KeySpec(KeyAction.BACKSPACE, span=4)),
            _bottom_row(ARABIC_WIDTH, allow_switch, ARABIC_ALEFS, ("،", ".")),
        )
    if layout is Layout.ENGLISH:
        first, second, third = ENGLISH_ROWS
        return (
            _chars(first),
            _chars(second),
            (
                KeySpec(KeyAction.SHIFT, span=3),
                *_chars(third),
                KeySpec(KeyAction.BACKSPACE, span=3),
            ),
            _bottom_row(ENGLISH_WIDTH, allow_switch, ("-",), ("'", ".")),
        )
    raise ValueError(f"{layout} is not a text layout")


def row_width(layout: Layout) -> int:
    """Half-key units across a text layout; shorter rows are centred."""
    return ARABIC_WIDTH if layout is Layout.ARABIC else ENGLISH_WIDTH


def digit_key(digit: int) -> KeySpec:
    """A numeric-pad key: the ASCII digit it types, its Arabic-Indic form as a hint."""
    return KeySpec(KeyAction.CHAR, str(digit), secondary=ARABIC_INDIC[digit])
