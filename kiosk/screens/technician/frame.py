"""The technician screen: the list of tools on one side, the chosen tool on the other,
and Leave, always in sight.

While a technician is in, this is what the display shows (the public is told the kiosk is
out of service once they leave, if a hold remains). The screen has its own idle timeout
(the journey runs it): a countdown appears here before the kiosk leaves technician mode
by itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n.plural import counted
from kiosk.screens.base import Navigation, Screen, button, label
from kiosk.screens.technician.panel import ToolPanel
from kiosk.widgets.layout import scroll_to_top

translate = QCoreApplication.translate

# Nothing of the beneficiary's header; the beneficiary's idle timeout does not run
# (technician mode has its own, longer one).
TECHNICIAN = Navigation(back=False, leave=False, idle_timeout=False)
# The tool list's width: room for the longest tool name in either language.
TOOLS_WIDTH = 340


def _widget(panel: ToolPanel) -> QWidget:
    if not isinstance(panel, QWidget):
        raise TypeError(f"a tool panel must be a QWidget, got {type(panel).__name__}")
    return panel


class TechnicianScreen(Screen):
    """Technician mode's one screen; the journey gives it its panels."""

    name = "technician"
    show_navigation = False
    # Leave was tapped.
    leave_requested = Signal()

    def __init__(self, panels: Sequence[ToolPanel]) -> None:
        super().__init__()
        self.panels = list(panels)
        self.heading = label("title")
        self.countdown = label("error")
        self.countdown.hide()
        self.leave_button = button("danger")
        self.leave_button.setObjectName("LeaveTechnicianMode")
        self.leave_button.clicked.connect(self.leave_requested)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.heading, 1)
        top.addWidget(self.leave_button, alignment=Qt.AlignmentFlag.AlignTop)

        self.tools = QWidget()
        self.tools.setFixedWidth(TOOLS_WIDTH)
        tool_column = QVBoxLayout(self.tools)
        tool_column.setContentsMargins(0, 0, 0, 0)
        tool_column.setSpacing(8)
        self.tool_buttons: list[QPushButton] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        # The tools one above the other, only the chosen one shown: a hidden widget takes
        # no room in a box layout (a stacked one is as tall as its tallest page).
        self.stack = QWidget()
        stack = QVBoxLayout(self.stack)
        stack.setContentsMargins(0, 0, 0, 0)
        for index, panel in enumerate(self.panels):
            widget = _widget(panel)
            widget.hide()
            stack.addWidget(widget)
            # The compact touch buttons of a tab row: eight tools fit a landscape screen.
            tool = button("nav")
            tool.setCheckable(True)
            tool.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tool.setObjectName(f"tool-{index}")
            tool.clicked.connect(lambda _=False, p=panel: self.show_panel(p))
            self._group.addButton(tool)
            self.tool_buttons.append(tool)
            tool_column.addWidget(tool)
        tool_column.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(self.tools, alignment=Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.stack, 1, alignment=Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.countdown)
        layout.addLayout(body, 1)
        self._restricted: ToolPanel | None = None
        self._current: ToolPanel | None = None
        if self.panels:
            self._select(self.panels[0])

    @property
    def current(self) -> ToolPanel | None:
        return self._current

    def show_panel(self, panel: ToolPanel) -> None:
        """Shows `panel` and has it read its state again."""
        self._select(panel)
        panel.refresh()

    def _select(self, panel: ToolPanel) -> None:
        self.tool_buttons[self.panels.index(panel)].setChecked(True)
        for each in self.panels:
            _widget(each).setVisible(each is panel)
        self._current = panel
        scroll_to_top(self)

    def restrict_to(self, panel: ToolPanel | None) -> None:
        """Shows only `panel`, without the tool list (None: every tool again)."""
        self._restricted = panel
        self.tools.setVisible(panel is None)
        if panel is not None:
            self.show_panel(panel)

    @property
    def restricted(self) -> bool:
        return self._restricted is not None

    def show_countdown(self, seconds: int) -> None:
        self.countdown.setText(counted(
            "TechnicianScreen", "No touch for a while: leaving technician mode in %n "
            "second(s). Touch the screen to stay.", seconds))
        self.countdown.show()

    def hide_countdown(self) -> None:
        self.countdown.hide()

    def retranslate(self) -> None:
        self.heading.setText(translate("TechnicianScreen", "Technician mode"))
        self.leave_button.setText(translate("TechnicianScreen", "Leave technician mode"))
        for tool, panel in zip(self.tool_buttons, self.panels, strict=True):
            panel.retranslate()
            tool.setText(panel.title())

    def help_text(self) -> str:
        return translate(
            "TechnicianScreen", "Choose a tool from the list. Leave technician mode returns "
            "the kiosk to the public; it also leaves by itself after 5 minutes without a "
            "touch. Every action here is written to the audit log.")

    def navigation(self) -> Navigation:
        return TECHNICIAN

    def entered(self) -> None:
        current = self.current
        if current is not None:
            current.refresh()

    def reset(self) -> None:
        self.hide_countdown()
        self._restricted = None
        self.tools.show()
        if self.panels:
            self._select(self.panels[0])
