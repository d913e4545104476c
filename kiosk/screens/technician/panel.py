"""What a tool of the technician screen is: `ToolPanel`.

The technician screen (`frame.py`) lists its tools on one side and shows the chosen one
on the other. Each tool is a panel, built by the journey over its own Qt-free logic, so
tools are added without touching the frame.
"""

from __future__ import annotations

from typing import Protocol


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
