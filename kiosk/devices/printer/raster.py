"""1-bit thresholding and the `GS v 0` raster encoding of a receipt image.

Thermal paper has no grey: dithered or anti-aliased grey turns into a smudge. So the image
is thresholded (not dithered) to pure black and white, then sent as `GS v 0` raster bands,
the one image command every ESC/POS printer we might meet understands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

GS_V0 = b"\x1dv0"
# Rows per `GS v 0` command: printers cap the height of one command (some at 1662 or
# 2303 dots) and small bands keep a lost byte from shifting the whole receipt.
BAND_ROWS = 256
_BLACK = 0xFF000000
_WHITE = 0xFFFFFFFF


def to_mono(image: QImage) -> QImage:
    """Threshold at mid-grey to a Format_Mono image whose bit 1 means black (as on paper)."""
    if image.isNull():
        raise ValueError("cannot rasterise an empty image")
    source = image
    if image.format() in (QImage.Format.Format_Mono, QImage.Format.Format_MonoLSB):
        source = image.convertToFormat(QImage.Format.Format_RGB32)
    mono = source.convertToFormat(
        QImage.Format.Format_Mono,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.MonoOnly,
    )
    table = mono.colorTable()
    if len(table) == 2 and table[1] & 0xFFFFFF == 0xFFFFFF and table[0] & 0xFFFFFF == 0:
        mono.invertPixels()
    mono.setColorTable([_WHITE, _BLACK])
    return mono


def mono_rows(mono: QImage) -> list[bytes]:
    """Each row of a Format_Mono image as `ceil(width / 8)` bytes, MSB = leftmost dot."""
    row_bytes = (mono.width() + 7) // 8
    stride = mono.bytesPerLine()
    bits = bytes(mono.constBits())
    return [bits[y * stride: y * stride + row_bytes] for y in range(mono.height())]


def encode_raster(rows: list[bytes], row_bytes: int) -> bytes:
    """`GS v 0` commands (normal density) for 1-bit rows, in bands of BAND_ROWS."""
    if not 1 <= row_bytes <= 0xFFFF:
        raise ValueError("raster width out of range")
    out = bytearray()
    for start in range(0, len(rows), BAND_ROWS):
        band = rows[start:start + BAND_ROWS]
        out += GS_V0 + bytes((0, row_bytes & 0xFF, row_bytes >> 8,
                              len(band) & 0xFF, len(band) >> 8))
        for row in band:
            if len(row) != row_bytes:
                raise ValueError("raster rows must all be row_bytes long")
            out += row
    return bytes(out)


def to_raster(image: QImage) -> bytes:
    """The image thresholded to 1 bit and encoded as `GS v 0` bands, ready to send."""
    mono = to_mono(image)
    return encode_raster(mono_rows(mono), (mono.width() + 7) // 8)
