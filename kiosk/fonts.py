"""Loads the bundled IBM Plex Sans Arabic into Qt, for screens and receipts alike.

Kiosks may have no system fonts at all; every piece of text (screen or paper) must come
from this one family so Arabic is shaped the same way everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QFontDatabase

FONT_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
FAMILY = "IBM Plex Sans Arabic"


class FontMissingError(RuntimeError):
    """The bundled font files are missing or unreadable (a broken install)."""


@cache
def load_fonts() -> str:
    """Registers the bundled weights once (needs a QGuiApplication); returns the family."""
    families: set[str] = set()
    for path in sorted(FONT_DIR.glob("IBMPlexSansArabic-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY not in families:
        raise FontMissingError(f"bundled font not found in {FONT_DIR}")
    return FAMILY
