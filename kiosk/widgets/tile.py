"""A Home tile: a large button with an icon above its words, which wrap instead of being
cut off.

A plain QPushButton puts its icon beside one line of text, so a long service name
("Inquire about and track a transaction") is elided on a portrait screen or with larger
text. The tile draws its frame with the style (the theme's borders, grounds and pressed
state), then the icon, recoloured to the text colour so it follows the high-contrast
theme, and the text word-wrapped under it; its height follows its width.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton

ICON_PX = 88
_MARGIN = 24
_GAP = 12


def tinted_icon(renderer: QSvgRenderer, size: int, colour: QColor) -> QImage:
    """The SVG drawn at `size` px square in one colour (its shapes' alpha kept)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), colour)
    painter.end()
    return image


class Tile(QPushButton):
    """A service's button on Home: icon on top, the service's name wrapped beneath."""

    def __init__(self, icon_file: Path) -> None:
        super().__init__()
        self._renderer = QSvgRenderer(str(icon_file))
        if not self._renderer.isValid():
            raise ValueError(f"not a usable SVG icon: {icon_file}")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _text_rect(self, width: int) -> QRect:
        return self.fontMetrics().boundingRect(
            QRect(0, 0, max(1, width - 2 * _MARGIN), 10_000),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), self.text())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        needed = 2 * _MARGIN + ICON_PX + _GAP + self._text_rect(width).height()
        return max(needed, self.minimumHeight())

    def sizeHint(self) -> QSize:
        width = max(self.width(), 360)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # Narrow is fine: the words wrap. The theme's min-height still applies.
        return QSize(ICON_PX + 2 * _MARGIN, self.heightForWidth(ICON_PX + 2 * _MARGIN))

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text, option.text = option.text, ""
        painter = QPainter(self)
        self.style().drawControl(QStyle.ControlElement.CE_PushButton, option, painter, self)
        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        body = self._text_rect(self.width())
        top = max(_MARGIN, (self.height() - (ICON_PX + _GAP + body.height())) // 2)
        icon = tinted_icon(self._renderer, ICON_PX, colour)
        painter.drawImage((self.width() - ICON_PX) // 2, top, icon)
        painter.setPen(colour)
        painter.setFont(self.font())
        painter.drawText(
            QRect(_MARGIN, top + ICON_PX + _GAP, self.width() - 2 * _MARGIN, body.height()),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), text)
        painter.end()
