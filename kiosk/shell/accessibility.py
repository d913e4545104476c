"""The beneficiary's accessibility choice for one visit: larger text, high contrast and
the lowered layout.

Chosen on Home, applied to the whole kiosk at once (the theme and the window), kept while
the session lasts and reset when it ends, so the next person finds the standard kiosk.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.shell.theme import apply_theme
from kiosk.shell.window import KioskWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccessibilityChoice:
    """What the beneficiary asked for (all off: the standard kiosk)."""

    larger_text: bool = False
    high_contrast: bool = False
    lowered: bool = False

    @property
    def standard(self) -> bool:
        return self == AccessibilityChoice()


class Accessibility(QObject):
    """Applies a choice to the application's theme and the window's layout."""

    changed = Signal()

    def __init__(self, app: QApplication, window: KioskWindow, *, extra_qss: str) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._extra_qss = extra_qss
        self.current = AccessibilityChoice()

    def choose(self, choice: AccessibilityChoice) -> None:
        if choice == self.current:
            return
        theme_changed = (choice.larger_text, choice.high_contrast) != (
            self.current.larger_text, self.current.high_contrast)
        self.current = choice
        if theme_changed:
            apply_theme(self._app, extra_qss=self._extra_qss, larger_text=choice.larger_text,
                        high_contrast=choice.high_contrast)
        self._window.set_lowered(choice.lowered)
        log.info("accessibility chosen", extra=asdict(choice))
        self.changed.emit()

    def reset(self) -> None:
        self.choose(AccessibilityChoice())
