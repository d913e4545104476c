"""The services menu a beneficiary sees when walking up to the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.screens.base import Screen, button, label

SERVICES = ("issue", "track", "pay", "licences")


class HomeScreen(Screen):
    """Four large tiles, one per service the municipality offers at the kiosk."""

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
        grid = QGridLayout()
        grid.setSpacing(32)
        for index, service in enumerate(SERVICES):
            tile = self.tiles[service]
            tile.setObjectName(f"tile-{service}")
            tile.clicked.connect(lambda _=False, s=service: self.navigate.emit(s))
            grid.addWidget(tile, index // 2, index % 2)
        layout.addStretch(1)
        layout.addLayout(grid)
        layout.addStretch(2)

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
