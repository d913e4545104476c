"""What a tool of the technician screen is (`ToolPanel`), and the base most tools'
panels share (`FlowPanel`).

The technician screen (`frame.py`) lists its tools on one side and shows the chosen one
on the other. Each tool is a panel, built by the journey over its own Qt-free logic, so
tools are added without touching the frame: the frame reads `title()`, calls `refresh()`
when the panel comes up (the tool asks its part off the UI thread) and `retranslate()`
after a language switch (a LanguageChange does it too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.dates import format_time
from kiosk.domain.text import isolate_ltr
from kiosk.flows.base import Flow, Notice, Runner
from kiosk.i18n.plural import counted
from kiosk.screens.base import button, label
from kiosk.widgets.layout import ButtonRow

translate = QCoreApplication.translate

# Room around a panel and between its parts (the screens' own spacing).
MARGIN = 32
SPACING = 24


class ToolPanel(Protocol):
    """A `QWidget` subclass the technician screen shows as one tool.

    Its logic receives `audit: Callable[[str, str], None]` (`AuditLog.record`: action,
    outcome) to write down what the technician did; never a PIN or a beneficiary's data.
    """

    def title(self) -> str:
        """The tool's name in the tool list, in the language on screen."""

    def retranslate(self) -> None:
        """Sets every visible string again (the language changed)."""

    def refresh(self) -> None:
        """Called each time the panel is shown: reads its state again. Must not block:
        I/O goes through the runner (the shell's BackgroundRunner) it was given."""

T = TypeVar("T")


class ReadPanel(QWidget, Generic[T]):
    """Base of the panels that show what one blocking read returns (Status, Audit log): the
    read runs off the UI thread each time the panel is shown or "Check again" is tapped,
    and `show_value()` shows its answer, or that it failed (`failed`)."""

    def __init__(self, read: Callable[[], T], runner: Runner) -> None:
        super().__init__()
        self._read = read
        self._runner = runner
        self.value: T | None = None
        self.failed = False
        self.again_button = button()
        self.again_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        self.failed = False
        self.again_button.setEnabled(False)
        self.reading()
        self._runner.submit(self._read, self._shown, self._failed)

    def reading(self) -> None:
        """Says the read is under way (nothing by default)."""

    def show_value(self) -> None:
        """Shows `value`, or that the read failed (each panel says it its own way)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _shown(self, value: T) -> None:
        self.value = value
        self.again_button.setEnabled(True)
        self.show_value()

    def _failed(self, _error: BaseException) -> None:
        self.failed = True
        self.again_button.setEnabled(True)
        self.show_value()


class FlowPanel(QWidget):
    """Base of the panels over one tool `Flow` (each a `ToolPanel`): the tool's notice,
    and `show_state()` on each change.

    No heading of its own and no margin: the technician screen marks the chosen tool in
    its list and lays every panel out from the same edge."""

    def __init__(self, tool: Flow) -> None:
        super().__init__()
        self.setObjectName(type(self).__name__)
        self.notice = label("error")
        self.notice.hide()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(SPACING)
        self.body.addWidget(self.notice)
        self._tool = tool
        tool.subscribe(self._tool_changed)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Called each time the panel is shown: the tool asks its part again."""
        raise NotImplementedError

    def show_state(self) -> None:
        """Shows the tool's state in the language on show (on each change of the tool)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.show_state()

    def language_code(self) -> str:
        return "ar" if QLocale().language() == QLocale.Language.Arabic else "en"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_notice(self, notice: Notice | None) -> None:
        """A failure of the tool's last action, as its known error words it."""
        self.notice.setText("" if notice is None else notice.text(self.language_code()))
        self.notice.setVisible(notice is not None)

    def _tool_changed(self) -> None:
        # The tool may outlive its panel (technician mode left while a job ran).
        if shiboken6.isValid(self.notice):
            self.show_state()


def row(*widgets: QWidget) -> ButtonRow:
    """Buttons (or a field and its button) side by side from the start of the line, one
    above the other when they do not fit across (a portrait screen, Arabic words)."""
    line = ButtonRow(SPACING)
    for widget in widgets:
        line.add(widget)
    return line


def section(layout: QVBoxLayout) -> QLabel:
    """A section heading added to `layout`."""
    heading = label("subtitle")
    heading.setStyleSheet("font-weight: 700;")
    layout.addWidget(heading)
    return heading


def action(name: str, role: str | None = None) -> QPushButton:
    """A panel's button (the theme's touch-target size), named for tests and the tour."""
    widget = button(role)
    widget.setObjectName(name)
    return widget


def number(value: int | str) -> str:
    """A number kept in order inside Arabic text."""
    return isolate_ltr(str(value))


def at(moment: datetime) -> str:
    """A clock time (Riyadh), kept in order inside Arabic text."""
    return format_time(moment, "ar" if QLocale().language() == QLocale.Language.Arabic
                       else "en")


def age(seconds: float) -> str:
    """How long ago, in the largest whole unit: "3 minutes", "2 hours", "4 days"."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return translate("TechnicianPanel", "under a minute")
    if minutes < 60:
        return counted("TechnicianPanel", "%n minute(s)", minutes)
    hours = minutes // 60
    if hours < 48:
        return counted("TechnicianPanel", "%n hour(s)", hours)
    return counted("TechnicianPanel", "%n day(s)", hours // 24)


def busy_text() -> str:
    return translate("TechnicianPanel", "Working…")


def centred(widget: QLabel) -> QLabel:
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget

