"""Applies the kiosk's theme (assets/theme.qss) and its bundled font, with the
beneficiary's accessibility choice on top: larger text and a high-contrast palette.

Larger text scales every font size of the theme (and the application font) by
`TEXT_SCALE`. High contrast lays `high_contrast_qss()` over the theme: black on white
with thick borders, every text colour at least 7:1 against what it stands on (WCAG 2.2
AAA, 1.4.6), which `HIGH_CONTRAST_PAIRS` lists and the tests measure with
`contrast_ratio`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.fonts import load_fonts

ASSETS = Path(__file__).resolve().parents[2] / "assets"
THEME_FILE = ASSETS / "theme.qss"
BODY_PX = 26
#: "Larger text" makes every font of the theme this many times larger.
TEXT_SCALE = 1.5
#: WCAG 2.2 AAA (1.4.6 Contrast, Enhanced): normal text against its background.
AAA_CONTRAST = 7.0

# The high-contrast palette ("high contrast white", as operating systems call it): the
# municipality's green darkened until it reads like black, pure white grounds.
HIGH_CONTRAST: dict[str, str] = {
    "text": "#000000",
    "ground": "#FFFFFF",
    "accent": "#00331C",
    "on_accent": "#FFFFFF",
    "bar": "#000000",
    "on_bar": "#FFFFFF",
    "error": "#7A0000",
    "error_ground": "#FFFFFF",
    "notice_ground": "#FFE45C",
    "on_notice": "#000000",
    "pressed_ground": "#FFE45C",
    "disabled_text": "#333333",
    "focus_ground": "#FFF6B0",
}

#: Each text colour of the palette and the ground it is drawn on (where, text, ground).
HIGH_CONTRAST_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("body text", "text", "ground"),
    ("titles, tiles and buttons", "accent", "ground"),
    ("primary buttons", "on_accent", "accent"),
    ("brand bar and language button", "on_bar", "bar"),
    ("errors and the error summary", "error", "error_ground"),
    ("offline banner and staff notice", "on_notice", "notice_ground"),
    ("a pressed button", "accent", "pressed_ground"),
    ("a disabled button", "disabled_text", "ground"),
    ("a field being typed in", "text", "focus_ground"),
)

_HIGH_CONTRAST_QSS = """
QScrollArea#ScreenFrame, QWidget#KioskWindow, QWidget#ScreenStack, QWidget[screen="true"],
QWidget#Central {{ background: {ground}; color: {text}; }}
QLabel, QLabel[role="subtitle"], QLabel[role="hint"] {{ color: {text}; }}
QLabel[role="title"] {{ color: {accent}; }}
QLabel[role="error"] {{ color: {error}; }}
QFrame#TopBar {{ background: {bar}; }}
QFrame#TopBar QLabel, QLabel#Brand, QLabel#BrandSub {{ color: {on_bar}; }}
QFrame#LoweredTop {{ background: {ground}; border-bottom: 3px solid {text}; }}
QFrame#LoweredTop QLabel {{ color: {text}; }}
QFrame#NavBar {{ background: {ground}; border-bottom: 3px solid {text}; }}
QPushButton {{ background: {ground}; color: {accent}; border: 3px solid {text}; }}
QPushButton:pressed, QPushButton:checked {{ background: {pressed_ground}; color: {accent}; }}
QPushButton:disabled {{ color: {disabled_text}; border: 3px dashed {disabled_text};
    background: {ground}; }}
QPushButton[role="primary"] {{ background: {accent}; color: {on_accent};
    border-color: {text}; }}
QPushButton[role="primary"]:pressed {{ background: {pressed_ground}; color: {accent}; }}
QPushButton[role="danger"] {{ color: {error}; border-color: {error}; }}
QPushButton#LanguageButton, QPushButton#HelpButton {{ background: {ground}; color: {accent};
    border: 3px solid {on_bar}; }}
QPushButton[role="tile"] {{ background: {ground}; color: {accent}; border: 4px solid {text}; }}
QPushButton[role="tile"]:pressed {{ background: {pressed_ground}; color: {accent}; }}
QLineEdit {{ background: {ground}; color: {text}; border: 3px solid {text}; }}
QLineEdit:focus {{ background: {focus_ground}; border: 4px solid {text}; }}
QLineEdit[invalid="true"] {{ background: {error_ground}; border: 4px solid {error}; }}
QFrame#Banner[kind="offline"], QFrame#Banner[kind="info"], QFrame#StaffNotice {{
    background: {notice_ground}; border-bottom: 3px solid {text}; }}
QFrame#Banner QLabel, QFrame#StaffNotice QLabel {{ color: {on_notice}; }}
QFrame#ErrorSummary {{ background: {error_ground}; border: 4px solid {error}; }}
QFrame#ErrorSummary QLabel {{ color: {error}; }}
QFrame#OverlayCard {{ background: {ground}; border: 4px solid {text}; }}
QLabel#Countdown {{ color: {accent}; }}
QFrame#Card {{ background: {ground}; border: 3px solid {text}; }}
QScrollBar:vertical {{ background: {ground}; }}
QScrollBar::handle:vertical {{ background: {text}; }}
QLabel[badge], QLabel[badge="good"], QLabel[badge="warn"], QLabel[badge="bad"],
QLabel[badge="neutral"] {{ background: {ground}; color: {text}; border: 3px solid {text}; }}
QLabel[badge="bad"] {{ color: {error}; border-color: {error}; }}
QFrame#StepCard, QFrame#InfoCard, QFrame#PrintPanel {{ background: {ground};
    border: 3px solid {text}; }}
QFrame#StepCard[state="rejected"] {{ background: {ground}; border: 4px solid {error}; }}
QFrame#StepCard[state="in_progress"] {{ border: 4px solid {accent}; }}
QLabel[role="heading"], QLabel[role="department"] {{ color: {text}; }}
QPushButton[choice="true"]:checked {{ background: {accent}; color: {on_accent}; }}
QFrame[stepbar="done"] {{ background: {text}; }}
QFrame[stepbar="to_come"] {{ background: {ground}; border: 2px solid {text}; }}
QLabel[stage="done"] {{ border-bottom: 6px solid {text}; }}
QLabel[stage="to_come"] {{ border-bottom: 6px dotted {text}; }}
QWidget#OnScreenKeyboard {{ background: {ground}; border-top: 4px solid {text}; }}
QPushButton#KeyboardKey {{ background: {ground}; color: {text}; border: 3px solid {text}; }}
QPushButton#KeyboardKey[role="backspace"], QPushButton#KeyboardKey[role="clear"],
QPushButton#KeyboardKey[role="shift"], QPushButton#KeyboardKey[role="switch"],
QPushButton#KeyboardKey[role="space"] {{ background: {focus_ground}; color: {text}; }}
QPushButton#KeyboardKey[role="enter"] {{ background: {accent}; color: {on_accent}; }}
QPushButton#KeyboardKey[active="true"] {{ background: {pressed_ground}; color: {text};
    border: 4px solid {text}; }}
QPushButton#KeyboardKey:pressed {{ background: {pressed_ground}; color: {text}; }}
QPushButton#MoreBelow {{ background: {accent}; color: {on_accent}; border: 3px solid {ground}; }}
"""

_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+)px")


def high_contrast_qss() -> str:
    """The stylesheet laid over the theme for the high-contrast choice."""
    return _HIGH_CONTRAST_QSS.format(**HIGH_CONTRAST)


def scale_fonts(qss: str, scale: float) -> str:
    """`qss` with every `font-size: Npx` multiplied by `scale` (rounded to a pixel)."""
    return _FONT_SIZE.sub(lambda m: f"{m.group(1)}{round(int(m.group(2)) * scale)}px", qss)


def apply_theme(app: QApplication, *, extra_qss: str = "", larger_text: bool = False,
                high_contrast: bool = False) -> None:
    """Loads the bundled font as the application font and installs the stylesheet.

    `extra_qss` (the on-screen keyboard's) is left as it is: its keys keep their size.
    """
    scale = TEXT_SCALE if larger_text else 1.0
    family = load_fonts()
    font = QFont(family)
    font.setPixelSize(round(BODY_PX * scale))
    app.setFont(font)
    theme = scale_fonts(THEME_FILE.read_text(encoding="utf-8"), scale) + "\n" + extra_qss
    if high_contrast:
        # Last, so it recolours the keyboard's own sheet too.
        theme += "\n" + high_contrast_qss()
    app.setStyleSheet(theme)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a `#RRGGBB` colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio between two `#RRGGBB` colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
