"""The error summary at the top of a page that checks what was typed (GOV.UK pattern).

Every page that validates shows its problems here, each naming its question, under a
heading that counts them in the language on show ("There are 3 problems", "توجد 3
مشكلات"). A service problem that is nobody's typing (the server did not answer) uses the
same box with its own heading, so a page never shows a bare red line. Tapping the box
puts the cursor back in the field it is about.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.i18n.plural import counted

translate = QCoreApplication.translate


def problems_heading(count: int) -> str:
    """"There is a problem" / "There are 3 problems", with Arabic's six plural forms."""
    if count == 1:
        return translate("ErrorSummary", "There is a problem")
    return counted("ErrorSummary", "There are %n problems", count)


class ErrorSummary(QFrame):
    """A red-bordered box listing problems; hidden when there are none."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ErrorSummary")
        self.heading = QLabel(wordWrap=True)
        self.heading.setObjectName("ErrorSummaryHeading")
        self.heading.setProperty("role", "error")
        self.items = QLabel(wordWrap=True)
        self.items.setTextFormat(Qt.TextFormat.PlainText)
        self._target: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.items)
        self.hide()

    def show_problems(self, heading: str | None, problems: Sequence[str],
                      target: QWidget | None = None) -> None:
        """Lists `problems` under `heading` (None: the counted "There is a problem");
        `target` is the field a tap on the box goes back to."""
        if not problems:
            self.clear()
            return
        self.heading.setText(heading if heading is not None else problems_heading(len(problems)))
        if len(problems) == 1:
            self.items.setText(problems[0])
        else:
            self.items.setText("\n".join(f"• {problem}" for problem in problems))
        self._target = target
        self.show()

    def show_message(self, heading: str, text: str) -> None:
        """A problem that is not about a field: what happened, and what to do."""
        self.heading.setText(heading)
        self.items.setText(text)
        self._target = None
        self.show()

    def clear(self) -> None:
        self.heading.clear()
        self.items.clear()
        self._target = None
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        target = self._target
        if target is not None and shiboken6.isValid(target) and target.isVisible():
            target.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)
