"""A QR code as a crisp Qt pixmap (receipt fallback on screen, verification links)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QLabel


def qr_image(data: str, module_px: int = 8, border: int = 4) -> QImage:
    """Black modules on white, each module exactly `module_px` pixels (no blur)."""
    code = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    image = QImage(modules, modules, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    # Nearest-neighbour scaling keeps module edges sharp for scanners.
    return image.scaled(modules * module_px, modules * module_px,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)


class QrLabel(QLabel):
    """Shows `data` as a QR code; empty when cleared."""

    def set_data(self, data: str, module_px: int = 8) -> None:
        self.setPixmap(QPixmap.fromImage(qr_image(data, module_px)))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setProperty("qr_data", data)

    def clear(self) -> None:
        super().clear()
        self.setProperty("qr_data", None)
