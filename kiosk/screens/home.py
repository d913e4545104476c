"""The services menu a beneficiary sees when walking up to the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout

from kiosk.screens.base import Screen, button, label

SERVICES = ("issue", "track", "pay", "licences")


class HomeScreen(Screen):
    """Four large tiles, one per service the municipality offers at the kiosk. They fill
    the screen under the welcome: two by two on a landscape screen, one above the other
    on a portrait one (where half the width would clip the longer names)."""

    name = "home"
    show_navigation = False

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.subtitle = label("subtitle")
        self.tiles = {service: button("tile") for service in SERVICES}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(24)
        for widget in (self.title, self.subtitle):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        self.grid = QGridLayout()
        self.grid.setSpacing(32)
        for service in SERVICES:
            tile = self.tiles[service]
            tile.setObjectName(f"tile-{service}")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.clicked.connect(lambda _=False, s=service: self.navigate.emit(s))
        self._columns = 0
        self._place_tiles(2)
        layout.addSpacing(8)
        layout.addLayout(self.grid, 1)

    def _place_tiles(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for index, service in enumerate(SERVICES):
            tile = self.tiles[service]
            self.grid.removeWidget(tile)
            self.grid.addWidget(tile, index // columns, index % columns)
        for row in range(len(SERVICES)):
            self.grid.setRowStretch(row, 1 if row < len(SERVICES) // columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        self._place_tiles(2 if size.width() > size.height() else 1)

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.title.setText(
            translate("HomeScreen", "Welcome to Al-Ahsa Municipality self-service")
        )
        self.subtitle.setText(translate("HomeScreen", "Choose a service"))
        self.tiles["issue"].setText(translate("HomeScreen", "Issue a licence"))
        self.tiles["track"].setText(
            translate("HomeScreen", "Inquire about and track a transaction")
        )
        self.tiles["pay"].setText(translate("HomeScreen", "Pay fees and bills"))
        self.tiles["licences"].setText(translate("HomeScreen", "My licences"))
