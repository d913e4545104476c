"""Technician panels built directly over their tools and the real parts (printer
emulator on TCP, terminal emulator on a pty, a real SQLite outbox), each shown in a
plain window with the theme and the on-screen keyboard, as technician mode shows it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Language
from kiosk.screens.technician.panel import ToolPanel
from kiosk.shell.background import BackgroundRunner, KioskWork
from kiosk.shell.language import LanguageManager
from kiosk.shell.theme import apply_theme
from kiosk.widgets.keyboard import KEYBOARD_QSS, KeyboardController


@dataclass
class AuditLog:
    """What the tools audited, in order: (action, outcome)."""

    records: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, action: str, outcome: str) -> None:
        self.records.append((action, outcome))


@pytest.fixture
def audit() -> AuditLog:
    return AuditLog()


@pytest.fixture
def background(qapp: QApplication) -> Iterator[BackgroundRunner]:
    runner = BackgroundRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def runner(background: BackgroundRunner) -> KioskWork:
    return background.for_kiosk()


@pytest.fixture
def language(qapp: QApplication) -> Iterator[LanguageManager]:
    """The kiosk's language switch (English to start); English again afterwards."""
    apply_theme(qapp, extra_qss=KEYBOARD_QSS)
    manager = LanguageManager(qapp, Language.ENGLISH)
    yield manager
    manager.set_language(Language.ENGLISH)
    manager.detach()
    qapp.setStyleSheet("")


Host = Callable[[ToolPanel], QWidget]


@pytest.fixture
def host(qtbot: QtBot, language: LanguageManager) -> Host:
    """Shows a panel in a 1280x1000 window with the on-screen keyboard below it."""
    windows: list[QWidget] = []  # alive until the test ends, whether it keeps one or not

    def show(panel: ToolPanel) -> QWidget:
        window = QWidget()
        windows.append(window)
        window.setProperty("screen", True)
        qtbot.addWidget(window)
        box = QVBoxLayout(window)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(panel, 1)
        KeyboardController.attach(box)
        window.resize(1280, 1000)
        window.show()
        qtbot.waitExposed(window)
        panel.refresh()
        return window

    return show


def shoot(window: QWidget, language: LanguageManager, out: Path, name: str) -> list[Path]:
    """Screenshots of `window` in Arabic and English as `<name>-<ar|en>.png` in `out`."""
    paths = []
    for each in (Language.ARABIC, Language.ENGLISH):
        language.set_language(each)
        # The LanguageChange, then the rebuilt rows showing and the layout settling.
        for _ in range(3):
            QApplication.processEvents()
            QTest.qWait(20)
        path = out / f"{name}-{each.value}.png"
        window.grab().save(str(path))
        paths.append(path)
    return paths
