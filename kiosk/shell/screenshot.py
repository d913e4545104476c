"""The remote screenshot an operator asks for: Qt's own grab of the kiosk's window.

Taken only between sessions (the app decides when: `Kiosk.take_screenshot`), so it shows
Home or the out-of-service screen, never a beneficiary's data. The grab must happen on
the UI thread; scaling and PNG encoding work on a `QImage`, which is safe off it, so the
app hands `encode_png` to the `BackgroundRunner`.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

#: Long enough a side to read a kiosk's large type, small enough to travel in a heartbeat.
MAX_SIDE = 960


def grab_image(window: QWidget) -> QImage:
    """The window as it is drawn now (UI thread only)."""
    return window.grab().toImage()


def encode_png(image: QImage, max_bytes: int, max_side: int = MAX_SIDE) -> bytes | None:
    """`image` scaled to fit `max_side` (never enlarged) as PNG bytes, halved again while
    over `max_bytes`; None for an empty image."""
    if image.isNull():
        return None
    side = max_side
    while side >= 60:
        scaled = image if max(image.width(), image.height()) <= side else image.scaled(
            side, side, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 wants the format as str at run time; its stubs say bytes.
        scaled.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        png = bytes(data.data())
        if len(png) <= max_bytes:
            return png
        side //= 2
    return None
