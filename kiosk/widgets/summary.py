"""The error summary at the top of a form: every problem, each naming its field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout


class ErrorSummary(QFrame):
    """A red-bordered box listing problems (GOV.UK pattern); hidden when there are none."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ErrorSummary")
        self.heading = QLabel(wordWrap=True)
        self.heading.setProperty("role", "error")
        self.items = QLabel(wordWrap=True)
        self.items.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.items)
        self.hide()

    def show_problems(self, heading: str, problems: list[str]) -> None:
        if not problems:
            self.clear()
            return
        self.heading.setText(heading)
        self.items.setText("\n".join(f"• {problem}" for problem in problems))
        self.show()

    def clear(self) -> None:
        self.heading.clear()
        self.items.clear()
        self.hide()
