"""The step indicator over multi-step journeys: a bar per step, and where the beneficiary is.

Two ways to use it. Counted steps (`set_step`): "Step 2 of 3". Named steps
(`show_steps`): one bar per named step of the whole journey with its name under it, and
"Step 2 of 5: Your identity (2 of 3)" when a step has several pages, so the count runs
across every screen of the journey instead of restarting on each.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.text import isolate_ltr
from kiosk.widgets.layout import clear_layout
from kiosk.widgets.style import restyle

translate = QCoreApplication.translate



class StepIndicator(QWidget):
    """Shows where the beneficiary is in a journey; bars mirror with the layout."""

    def __init__(self, total: int = 1) -> None:
        super().__init__()
        self.setObjectName("StepIndicator")
        self.total = total
        self.current = 1
        self.names: list[str] = []
        self.page = 1
        self.pages = 1
        self.caption = QLabel()
        self.caption.setObjectName("StepCaption")
        self.caption.setProperty("role", "hint")
        self.caption.setWordWrap(True)
        self.bars: list[QFrame] = []
        self.name_labels: list[QLabel] = []
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.caption)
        layout.addLayout(self._grid)
        self._build(total, named=False)
        self.set_step(1)

    def _build(self, count: int, *, named: bool) -> None:
        if len(self.bars) == count and bool(self.name_labels) == named:
            return
        clear_layout(self._grid)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        self.bars, self.name_labels = [], []
        for index in range(count):
            bar = QFrame()
            bar.setFixedHeight(10)
            self._grid.addWidget(bar, 0, index)
            self._grid.setColumnStretch(index, 1)
            self.bars.append(bar)
            if named:
                name = QLabel()
                name.setProperty("role", "hint")
                name.setWordWrap(True)
                name.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
                self._grid.addWidget(name, 1, index)
                self.name_labels.append(name)

    def set_step(self, current: int) -> None:
        """Counted steps: step `current` of the `total` given at construction."""
        self.names = []
        self.page = self.pages = 1
        self._build(self.total, named=False)
        self.current = max(1, min(current, self.total))
        self._paint()
        self.retranslate()

    def show_steps(self, names: Sequence[str], current: int, page: int = 1,
                   pages: int = 1) -> None:
        """Named steps: `names` in the language on show, the current one (from 1), and
        the page of it on show. A journey of one named step shows its pages as bars."""
        if not names:
            raise ValueError("a journey has at least one step")
        self.names = list(names)
        self.page, self.pages = max(1, min(page, pages)), max(1, pages)
        if len(self.names) == 1:
            self.total, self.current = self.pages, self.page
            self._build(self.total, named=False)
        else:
            self.total, self.current = len(self.names), max(1, min(current, len(self.names)))
            self._build(self.total, named=True)
            for index, (label, name) in enumerate(zip(self.name_labels, self.names,
                                                      strict=True), start=1):
                label.setText(name)
                weight = 700 if index == self.current else 400
                label.setStyleSheet(f"font-weight: {weight};")
        self._paint()
        self.retranslate()

    def _paint(self) -> None:
        for index, bar in enumerate(self.bars, start=1):
            restyle(bar, "stepbar", "done" if index <= self.current else "to_come")

    def retranslate(self) -> None:
        if not self.names:
            self.caption.setText(
                translate("StepIndicator", "Step %1 of %2")
                .replace("%1", isolate_ltr(str(self.current)))
                .replace("%2", isolate_ltr(str(self.total))))
            return
        if len(self.names) == 1:
            text = self.names[0]
        else:
            text = (translate("StepIndicator", "Step %1 of %2: %3")
                    .replace("%1", isolate_ltr(str(self.current)))
                    .replace("%2", isolate_ltr(str(self.total)))
                    .replace("%3", self.names[self.current - 1]))
        if self.pages > 1:
            text = (translate("StepIndicator", "%1 (%2 of %3)").replace("%1", text)
                    .replace("%2", isolate_ltr(str(self.page)))
                    .replace("%3", isolate_ltr(str(self.pages))))
        self.caption.setText(text)
