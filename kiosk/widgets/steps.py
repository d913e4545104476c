"""The step indicator over multi-step journeys ("Step 2 of 5") with a bar per step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.text import isolate_ltr

translate = QCoreApplication.translate


class StepIndicator(QWidget):
    """Shows where the beneficiary is in a journey; bars mirror with the layout."""

    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total
        self.current = 1
        self.caption = QLabel()
        self.caption.setProperty("role", "hint")
        self.bars: list[QFrame] = []
        bar_row = QHBoxLayout()
        bar_row.setSpacing(8)
        for _ in range(total):
            bar = QFrame()
            bar.setFixedHeight(10)
            bar_row.addWidget(bar)
            self.bars.append(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(bar_row)
        self.set_step(1)

    def set_step(self, current: int) -> None:
        self.current = max(1, min(current, self.total))
        for index, bar in enumerate(self.bars, start=1):
            colour = "#0B5D3B" if index <= self.current else "#C9D3CD"
            bar.setStyleSheet(f"background: {colour}; border-radius: 5px;")
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(
            translate("StepIndicator", "Step %1 of %2")
            .replace("%1", isolate_ltr(str(self.current)))
            .replace("%2", isolate_ltr(str(self.total)))
        )
