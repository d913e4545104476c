"""The services menu a beneficiary sees when walking up to the kiosk, and the choice of
how the kiosk should look for them (larger text, high contrast, lowered layout)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from kiosk.screens.base import Screen, button, label
from kiosk.widgets.layout import ButtonRow
from kiosk.widgets.tile import Tile

SERVICES = ("issue", "track", "pay", "licences")
# The accessibility choices on Home, by the name the shell's choice gives each.
ACCESSIBILITY = ("larger_text", "high_contrast", "lowered")
ICON_DIR = Path(__file__).resolve().parents[2] / "assets" / "icons"


class HomeScreen(Screen):
    """Four large tiles, one per service the municipality offers at the kiosk, and three
    switches for the visit's accessibility (the shell applies them; a session's end
    switches them off). The tiles fill the screen under the welcome: two by two on a
    landscape screen, one above the other on a portrait one (where half the width would
    clip the longer names)."""

    name = "home"
    show_navigation = False
    # One of the accessibility switches was tapped (read them from `accessibility`).
    accessibility_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.subtitle = label("subtitle")
        self.tiles: dict[str, QPushButton] = {}
        # Where each tile leads; a journey may put a page before its first screen.
        self.entries = {service: service for service in SERVICES}
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(24)
        for widget in (self.title, self.subtitle):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        self.grid = QGridLayout()
        self.grid.setSpacing(32)
        for service in SERVICES:
            tile = Tile(ICON_DIR / f"{service}.svg")
            tile.setProperty("role", "tile")
            tile.setObjectName(f"tile-{service}")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.clicked.connect(lambda _=False, s=service: self.navigate.emit(self.entries[s]))
            self.tiles[service] = tile
        self._columns = 0
        self._place_tiles(2)
        self.accessibility_title = label("hint")
        self.accessibility_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accessibility: dict[str, QPushButton] = {}
        # A row, or a column when the words do not fit side by side (portrait, larger text).
        self._choices = choices = ButtonRow(fill=True)
        for name in ACCESSIBILITY:
            switch = button()
            switch.setObjectName(f"accessibility-{name}")
            switch.setCheckable(True)
            switch.toggled.connect(lambda _on: self.accessibility_changed.emit())
            self.accessibility[name] = switch
            choices.add(switch)
        layout.addSpacing(8)
        layout.addLayout(self.grid, 1)
        layout.addSpacing(16)
        layout.addWidget(self.accessibility_title)
        layout.addWidget(choices)

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
        size = event.size()
        self._place_tiles(2 if size.width() > size.height() else 1)
        super().resizeEvent(event)

    def chosen(self) -> dict[str, bool]:
        """Which accessibility switches are on, by name."""
        return {name: switch.isChecked() for name, switch in self.accessibility.items()}

    def reset(self) -> None:
        # The next beneficiary starts from the standard look (the shell resets it too).
        for switch in self.accessibility.values():
            switch.blockSignals(True)
            switch.setChecked(False)
            switch.blockSignals(False)

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
        self.accessibility_title.setText(
            translate("HomeScreen", "Make the kiosk easier to use during your visit:"))
        self.accessibility["larger_text"].setText(translate("HomeScreen", "Larger text"))
        self.accessibility["high_contrast"].setText(translate("HomeScreen", "High contrast"))
        self.accessibility["lowered"].setText(
            translate("HomeScreen", "Lowered layout (seated)"))

    def help_text(self) -> str:
        return QCoreApplication.translate(
            "HomeScreen",
            "Tap the service you need. To issue a licence, track a transaction, pay or see "
            "your licences you will need your national ID or Iqama number and the mobile "
            "phone registered to it. The buttons under the services make the text larger, "
            "raise the contrast or bring every button lower, for this visit only.")
