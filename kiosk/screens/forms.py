"""Building blocks for form screens: a page with a title, hint, field and buttons."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.screens.base import button, label
from kiosk.widgets.fields import FieldKind, KioskLineEdit
from kiosk.widgets.keyboard import reveal
from kiosk.widgets.layout import ButtonRow


class FieldPage(QWidget):
    """One question: a title, a hint, one field, an inline error and a Continue button."""

    def __init__(self, kind: FieldKind) -> None:
        super().__init__()
        self.title = label("title")
        self.hint = label("hint")
        self.field_label = QLabel()
        self.field = KioskLineEdit(kind)
        self.field.setMinimumWidth(560)
        self.field.setMaximumWidth(720)
        self.error = label("error")
        self.error.hide()
        self.continue_button: QPushButton = button("primary")
        self.extra_button: QPushButton = button()
        self.extra_button.hide()
        buttons = ButtonRow()
        buttons.add(self.continue_button)
        buttons.add(self.extra_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.field_label)
        # AlignLeft mirrors to the right in Arabic (it is not AlignAbsolute).
        layout.addWidget(self.field, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        layout.addStretch(1)
        self.field.submitted.connect(self.continue_button.click)

    def set_error(self, text: str | None) -> None:
        self.field.mark_invalid(bool(text))
        if text:
            self.error.setText(text)
            self.error.show()
            if self.field.hasFocus():
                # The error appears under the field being typed in: keep both in sight
                # above the keyboard (once the page has made room for it).
                QTimer.singleShot(0, self.field, partial(reveal, self.field))
        else:
            self.error.clear()
            self.error.hide()

    def clear(self) -> None:
        self.field.clear()
        self.set_error(None)


def centered(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widget, alignment=Qt.AlignmentFlag.AlignCenter)
    return row
