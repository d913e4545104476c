"""Shared by the journey benchmarks: a live kiosk over the sandbox and both emulators."""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import load_config
from kiosk.demo import render_config
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.domain.pin import hash_pin
from kiosk.services import build_services
from sandbox.runner import SandboxProcess
from sandbox.seed import DEMO_KIOSK


@dataclass
class Live:
    kiosk: Kiosk
    sandbox: SandboxProcess


@contextmanager
def live_kiosk(logs_quiet: bool = True) -> Iterator[Live]:
    import logging

    if logs_quiet:
        logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp, ExitStack() as stack:
        root = Path(tmp)
        sandbox = stack.enter_context(SandboxProcess(data_dir=root / "sandbox"))
        printer = stack.enter_context(PrinterEmulator(root / "receipts"))
        terminal = stack.enter_context(TerminalEmulator(step_delay_s=0.01))
        path = root / "kiosk.toml"
        # The seeded, already enrolled demo kiosk with a PIN of its own: in service.
        path.write_text(render_config(
            base_url=sandbox.base_url, ca_path=Path(sandbox.ca_path), api_key=DEMO_KIOSK.key,
            pin_hash=hash_pin(secrets.token_hex(4)), printer_port=printer.port,
            terminal_port=terminal.device_path, data_dir=root / "data"), encoding="utf-8")
        config = load_config(path)
        kiosk = build_kiosk(config, kiosk_mode=False)
        services = build_services(config)
        services.start()
        kiosk.attach_services(services)
        kiosk.window.setFixedSize(1920, 1080)
        kiosk.window.show()
        try:
            yield Live(kiosk, sandbox)
        finally:
            kiosk.shutdown()


class PaintClock(QObject):
    """Notes the time of every paint event in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.last_paint = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last_paint = time.perf_counter()
        return False


def pump(kiosk: Kiosk, until: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk did not get there in time")
        kiosk.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def tap(kiosk: Kiosk, clock: PaintClock, widget: QAbstractButton) -> float:
    """Taps `widget`; returns seconds until the window next painted."""
    started = time.perf_counter()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    pump(kiosk, lambda: clock.last_paint > started)
    return clock.last_paint - started


def type_into(field: QLineEdit, text: str) -> None:
    field.setFocus()
    QTest.keyClicks(field, text)


def settle(kiosk: Kiosk) -> None:
    pump(kiosk, lambda: kiosk.background.pending == 0)
    for _ in range(3):
        kiosk.app.processEvents()
    # The kiosk runs app.exec(), whose loop deletes widgets released with deleteLater();
    # this script drives Qt with processEvents(), which does not, so do it here.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


