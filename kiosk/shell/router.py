"""A stack of screens with Home, Back and Cancel, and the one place sessions are wiped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget

from kiosk.screens.base import Screen
from kiosk.widgets.layout import SCREEN_FRAME, touch_scroll_area

HOME = "home"


class Router(QObject):
    """Shows screens by name, keeps the back stack, builds each screen on first use."""

    changed = Signal(str)
    #: The screen on show says its header buttons or idle timeout changed (`navigation()`).
    navigation_changed = Signal()

    def __init__(self, stack: QStackedWidget, factories: dict[str, Callable[[], Screen]]) -> None:
        super().__init__(stack)
        self._stack = stack
        self._factories = factories
        self._screens: dict[str, Screen] = {}
        self._frames: dict[str, QScrollArea] = {}
        self.history: list[str] = []

    def register(self, name: str, factory: Callable[[], Screen]) -> None:
        self._factories[name] = factory

    @property
    def current(self) -> str:
        return self.history[-1] if self.history else HOME

    def screen(self, name: str) -> Screen:
        if name not in self._screens:
            if name not in self._factories:
                raise KeyError(f"no screen named {name!r}")
            screen = self._factories[name]()
            screen.retranslate()
            screen.navigate.connect(self.go)
            screen.replace_with.connect(self.replace)
            screen.navigation_changed.connect(
                lambda name=name: self._navigation_changed(name))
            self._screens[name] = screen
            # A screen scrolls as a whole, by finger, in this one scroll area: when the
            # keyboard takes half a portrait screen, or a list is long.
            frame = touch_scroll_area(screen, SCREEN_FRAME)
            self._frames[name] = frame
            self._stack.addWidget(frame)
        return self._screens[name]

    def _navigation_changed(self, name: str) -> None:
        if name == self.current:
            self.navigation_changed.emit()

    def built(self) -> list[Screen]:
        return list(self._screens.values())

    def go(self, name: str) -> None:
        """Pushes `name` (going Home clears the stack)."""
        if name == HOME:
            self.history = [HOME]
        elif self.current != name:
            self.history.append(name)
        self._show()

    def replace(self, name: str) -> None:
        """Shows `name` in place of the current screen (no Back to it)."""
        if name == HOME:
            self.go(HOME)
            return
        if self.history:
            self.history.pop()
        self.history.append(name)
        self._show()

    def back(self) -> None:
        """Back, unless the screen on show has no Back now (`Screen.navigation()`)."""
        if not self.screen(self.current).navigation().back:
            return
        if self.screen(self.current).handle_back():
            return
        if len(self.history) > 1:
            self.history.pop()
        self._show()

    def reset_all(self) -> None:
        """Wipes every screen built so far and returns Home."""
        for screen in self._screens.values():
            screen.reset()
        self.go(HOME)

    def _show(self) -> None:
        screen = self.screen(self.current)
        frame = self._frames[self.current]
        self._stack.setCurrentWidget(frame)
        frame.verticalScrollBar().setValue(0)  # every screen opens at its top
        screen.entered()
        self.changed.emit(self.current)
