"""The remote screenshot's encoding: scaled to travel in a heartbeat, never over its cap."""

from __future__ import annotations

import os

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.shell.screenshot import MAX_SIDE, encode_png


def _noise(width: int, height: int) -> QImage:
    """Random pixels: the worst case for PNG, a kiosk screen compresses far better."""
    image = QImage(os.urandom(width * height * 4), width, height, width * 4,
                   QImage.Format.Format_RGB32)
    return image.copy()  # own the bytes


def test_a_screen_is_scaled_to_fit_and_kept_under_the_cap(qtbot: QtBot) -> None:
    screen = _noise(1080, 1920)
    fits = QImage.fromData(encode_png(screen, 8 * 1024 * 1024) or b"", "PNG")
    assert (fits.width(), fits.height()) == (540, MAX_SIDE)
    small = encode_png(screen, 64 * 1024)
    assert small is not None
    assert len(small) <= 64 * 1024
    halved = QImage.fromData(small, "PNG")
    assert halved.height() < MAX_SIDE  # halved until it fits


def test_a_small_window_is_not_enlarged_and_an_empty_one_gives_nothing(qtbot: QtBot) -> None:
    image = QImage.fromData(encode_png(_noise(300, 200), 1024 * 1024) or b"", "PNG")
    assert (image.width(), image.height()) == (300, 200)
    assert encode_png(QImage(), 1024) is None
