"""Applies the kiosk's single theme (assets/theme.qss) and its bundled font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.fonts import load_fonts

ASSETS = Path(__file__).resolve().parents[2] / "assets"
THEME_FILE = ASSETS / "theme.qss"
BODY_PX = 26


def apply_theme(app: QApplication, *, extra_qss: str = "") -> None:
    """Loads the bundled font as the application font and installs the stylesheet."""
    family = load_fonts()
    font = QFont(family)
    font.setPixelSize(BODY_PX)
    app.setFont(font)
    app.setStyleSheet(THEME_FILE.read_text(encoding="utf-8") + "\n" + extra_qss)
