"""Lays a receipt out with Qt, at the printer's dot width, ready to rasterise.

Qt is the one text engine of the kiosk: it shapes Arabic and orders mixed Arabic/Latin
text right to left, which printer code pages (CP864/CP720) cannot. So a receipt is drawn
with QPainter on a QImage exactly `dot_width` pixels wide, then thresholded to 1 bit
(`raster.py`). The same image becomes the PNG shown on screen, in the tour and sent as the
SMS fallback, so what the beneficiary sees is what the paper says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import qrcode
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

from kiosk.devices.printer.errors import ReceiptTooLong
from kiosk.devices.printer.raster import to_mono
from kiosk.devices.printer.receipt import PROVISIONAL_NOTICE, Receipt, ReceiptKind, printed
from kiosk.domain.dates import format_dual_date, format_time
from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_runs
from kiosk.fonts import load_fonts
from kiosk.i18n.translations import QT_TRANSLATE_NOOP

# About 1.5 m of paper at 203 dpi: far beyond any real receipt, short of a wasted roll.
MAX_RECEIPT_DOTS = 12_000

_MUNICIPALITY = QT_TRANSLATE_NOOP("Receipt", "Al-Ahsa Municipality")
_WORDS: dict[str, str] = {
    "amount": QT_TRANSLATE_NOOP("Receipt", "Amount"),
    "date": QT_TRANSLATE_NOOP("Receipt", "Date"),
    "time": QT_TRANSLATE_NOOP("Receipt", "Time"),
    "kiosk": QT_TRANSLATE_NOOP("Receipt", "Kiosk"),
    "location": QT_TRANSLATE_NOOP("Receipt", "Location"),
    "verify": QT_TRANSLATE_NOOP("Receipt", "Scan to verify this receipt"),
}
_Draw = Callable[[QPainter, float], None]


@dataclass
class _Column:
    """Accumulates drawing steps top to bottom, so the image is made at its exact height."""

    width: int
    arabic: bool
    family: str
    margin: float
    y: float = 0.0
    steps: list[tuple[float, _Draw]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def words(self, text: str) -> str:
        """`text` as it is printed: on an Arabic receipt every number, reference and Latin
        word in it is a direction isolate (`kiosk.domain.text.isolate_runs`)."""
        printed = isolate_runs(text) if self.arabic else text
        self.texts.append(printed)
        return printed

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    def font(self, px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(max(15, round(px)))  # thermal dots blur below ~15 px
        font.setWeight(weight)
        # Hinting off keeps glyph shapes identical at any size; no kerning surprises.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def space(self, px: float) -> None:
        self.y += px

    def add(self, height: float, draw: _Draw) -> None:
        self.steps.append((self.y, draw))
        self.y += height

    def align(self) -> Qt.AlignmentFlag:
        # Absolute: under a right-to-left layout Qt would otherwise mirror Right to Left.
        side = Qt.AlignmentFlag.AlignRight if self.arabic else Qt.AlignmentFlag.AlignLeft
        return side | Qt.AlignmentFlag.AlignAbsolute

    def text(self, text: str, font: QFont, *, center: bool = False,
             invert: bool = False, frame: float = 0.0, pad: float = 0.0) -> None:
        text = self.words(text)
        flags = (Qt.AlignmentFlag.AlignHCenter if center else self.align()) | (
            Qt.TextFlag.TextWordWrap
        )
        width = self.inner - 2 * pad
        metrics = QFontMetricsF(font)
        bound = metrics.boundingRect(QRectF(0, 0, width, 10_000), int(flags), text)
        height = bound.height() + 2 * pad
        margin = self.margin
        direction = (Qt.LayoutDirection.RightToLeft if self.arabic
                     else Qt.LayoutDirection.LeftToRight)

        def draw(painter: QPainter, y: float) -> None:
            painter.setLayoutDirection(direction)
            if invert:
                painter.fillRect(QRectF(margin, y, self.inner, height), QColor("black"))
                painter.setPen(QColor("white"))
            else:
                if frame:
                    painter.setPen(QPen(QColor("black"), frame))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(QRectF(margin + frame / 2, y + frame / 2,
                                            self.inner - frame, height - frame))
                painter.setPen(QColor("black"))
            painter.setFont(font)
            painter.drawText(QRectF(margin + pad, y + pad, width, height - 2 * pad),
                             int(flags), text)

        self.add(height, draw)

    def pair(self, label: str, value: str, label_font: QFont, value_font: QFont) -> None:
        """Label on the reading side, value on the other; value wraps under itself."""
        label, value = self.words(label), self.words(value)
        label_w = self.inner * 0.40
        value_w = self.inner - label_w - 8
        wrap = Qt.TextFlag.TextWordWrap
        lab_flags = self.align() | wrap
        # Absolute: the value sits at the far edge whatever the layout direction.
        val_flags = (Qt.AlignmentFlag.AlignLeft if self.arabic
                     else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignAbsolute | wrap
        lab_h = QFontMetricsF(label_font).boundingRect(
            QRectF(0, 0, label_w, 10_000), int(lab_flags), label).height()
        val_h = QFontMetricsF(value_font).boundingRect(
            QRectF(0, 0, value_w, 10_000), int(val_flags), value).height()
        height = max(lab_h, val_h) + 4
        margin, inner, arabic = self.margin, self.inner, self.arabic

        def draw(painter: QPainter, y: float) -> None:
            painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if arabic
                                       else Qt.LayoutDirection.LeftToRight)
            painter.setPen(QColor("black"))
            label_x = margin + inner - label_w if arabic else margin
            value_x = margin if arabic else margin + inner - value_w
            painter.setFont(label_font)
            painter.drawText(QRectF(label_x, y, label_w, height), int(lab_flags), label)
            painter.setFont(value_font)
            painter.drawText(QRectF(value_x, y, value_w, height), int(val_flags), value)

        self.add(height, draw)

    def rule(self, thickness: float = 2.0, dashed: bool = False) -> None:
        margin, inner = self.margin, self.inner

        def draw(painter: QPainter, y: float) -> None:
            pen = QPen(QColor("black"), thickness)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(margin, y + thickness), QPointF(margin + inner, y + thickness))

        self.add(thickness * 2 + 2, draw)


def _draw_logo(painter: QPainter, cx: float, top: float, size: float) -> None:
    """The municipality's mark: a date palm (Al-Ahsa is the largest palm oasis) in a ring."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    r = size / 2
    cy = top + r
    painter.setPen(QPen(QColor("black"), max(2.0, size * 0.05)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QPointF(cx, cy), r * 0.94, r * 0.94)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("black")))
    trunk = QPainterPath()
    trunk.moveTo(cx - r * 0.07, cy + r * 0.72)
    trunk.cubicTo(cx - r * 0.02, cy + r * 0.2, cx - r * 0.05, cy - r * 0.05,
                  cx - r * 0.02, cy - r * 0.28)
    trunk.lineTo(cx + r * 0.04, cy - r * 0.28)
    trunk.cubicTo(cx + r * 0.03, cy - r * 0.02, cx + r * 0.07, cy + r * 0.3,
                  cx + r * 0.09, cy + r * 0.72)
    trunk.closeSubpath()
    painter.drawPath(trunk)
    crown = QPointF(cx + r * 0.01, cy - r * 0.3)
    for dx, dy, bend in ((-0.62, -0.05, -0.22), (-0.55, -0.42, -0.2), (-0.2, -0.66, -0.12),
                         (0.62, -0.05, 0.22), (0.55, -0.42, 0.2), (0.22, -0.66, 0.12)):
        tip = QPointF(cx + r * dx, cy + r * dy)
        ctrl = QPointF((crown.x() + tip.x()) / 2 + r * bend * 0.3,
                       min(crown.y(), tip.y()) - r * 0.22)
        frond = QPainterPath()
        frond.moveTo(crown)
        frond.quadTo(ctrl, tip)
        frond.quadTo(QPointF(ctrl.x(), ctrl.y() + r * 0.16), crown)
        painter.drawPath(frond)
    # Date clusters under the crown.
    for dx in (-0.13, 0.15):
        painter.drawEllipse(QPointF(cx + r * dx, cy - r * 0.16), r * 0.07, r * 0.09)
    # Ground line.
    painter.drawRect(QRectF(cx - r * 0.5, cy + r * 0.70, r * 1.0, r * 0.06))
    painter.restore()


def _qr_matrix(url: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def _qr(col: _Column, url: str) -> None:
    matrix = _qr_matrix(url)
    count = len(matrix)
    # Whole-dot modules keep every edge sharp after thresholding; 4-module quiet zone.
    module = max(3, int(col.width * 0.5) // (count + 8))
    side = module * (count + 8)
    left = (col.width - side) // 2

    def draw(painter: QPainter, y: float) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("black")))
        origin_x, origin_y = left + 4 * module, int(y) + 4 * module
        for row, cells in enumerate(matrix):
            for column, dark in enumerate(cells):
                if dark:
                    painter.drawRect(origin_x + column * module, origin_y + row * module,
                                     module, module)
        painter.restore()

    col.add(side, draw)


def _lay_out(receipt: Receipt, dot_width: int) -> _Column:
    """Every drawing step of the receipt, top to bottom, and its height."""
    if dot_width < 256 or dot_width % 8:
        raise ValueError("dot_width must be a multiple of 8, at least 256")
    family = load_fonts()
    lang = receipt.language
    col = _Column(width=dot_width, arabic=receipt.arabic, family=family,
                  margin=max(8.0, dot_width * 0.03))
    unit = dot_width / 576  # sizes below are designed for 80 mm paper, scaled to fit
    bold, semibold = QFont.Weight.Bold, QFont.Weight.DemiBold
    body = col.font(22 * unit)
    body_bold = col.font(22 * unit, semibold)
    small = col.font(18 * unit)

    col.space(8 * unit)
    logo_size = 120 * unit
    col.add(logo_size, lambda p, y: _draw_logo(p, dot_width / 2, y, logo_size))
    col.space(6 * unit)
    col.text(printed(_MUNICIPALITY, lang), col.font(32 * unit, bold), center=True)
    col.text(receipt.title, col.font(24 * unit, semibold), center=True)
    col.space(10 * unit)
    col.text(receipt.kind_label, col.font(30 * unit, bold), center=True, invert=True,
             pad=8 * unit)
    if receipt.kind is ReceiptKind.PROVISIONAL:
        col.space(8 * unit)
        # Framed, so a provisional receipt is never mistaken for a final one.
        col.text(printed(PROVISIONAL_NOTICE, lang), body_bold, center=True, frame=4 * unit,
                 pad=12 * unit)
    col.space(10 * unit)
    for label, value in receipt.lines:
        col.pair(label, value, body, body_bold)
    refs = receipt.references.labelled(lang)
    if refs:
        col.rule(1.5, dashed=True)
        for label, value in refs:
            col.pair(label, value, body, body_bold)
    if receipt.amount_halalas is not None:
        col.rule(2 * unit)
        col.pair(printed(_WORDS["amount"], lang),
                 format_sar(receipt.amount_halalas, arabic=receipt.arabic),
                 col.font(28 * unit, bold), col.font(30 * unit, bold))
        col.rule(2 * unit)
    col.space(6 * unit)
    col.pair(printed(_WORDS["date"], lang), format_dual_date(receipt.issued_at, lang), small, small)
    col.pair(printed(_WORDS["time"], lang), format_time(receipt.issued_at, lang), small, small)
    col.pair(printed(_WORDS["kiosk"], lang), receipt.kiosk_id, small, small)
    col.pair(printed(_WORDS["location"], lang), receipt.location, small, small)
    col.space(14 * unit)
    _qr(col, receipt.verification_url)
    col.space(4 * unit)
    col.text(printed(_WORDS["verify"], lang), small, center=True)
    if receipt.footer_note:
        col.space(6 * unit)
        col.rule(1.5, dashed=True)
        col.text(receipt.footer_note, small, center=True)
    col.space(24 * unit)
    return col


def printed_texts(receipt: Receipt, dot_width: int) -> list[str]:
    """Each text the receipt prints, exactly as drawn (isolates included), top to bottom."""
    return list(_lay_out(receipt, dot_width).texts)


def render_receipt(receipt: Receipt, dot_width: int) -> QImage:
    """The receipt drawn black on white, exactly `dot_width` pixels wide (needs a
    QGuiApplication; safe in any thread since it paints only on a QImage)."""
    col = _lay_out(receipt, dot_width)
    if col.y > MAX_RECEIPT_DOTS:
        raise ReceiptTooLong(f"receipt would be {int(col.y)} dots long "
                             f"(limit {MAX_RECEIPT_DOTS}); shorten its lines")
    image = QImage(dot_width, int(col.y + 1), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        for top, draw in col.steps:
            draw(painter, top)
    finally:
        painter.end()
    return image


def receipt_png(receipt: Receipt, dot_width: int, path: Path) -> Path:
    """Writes the receipt as the 1-bit image the paper shows; returns `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # PySide6 6.12 wants the format as str at run time; its stubs say bytes.
    if not to_mono(render_receipt(receipt, dot_width)).save(
            str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write receipt image {path}")
    return path
