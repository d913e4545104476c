"""The printer panel over the printer emulator on a real TCP socket."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import KioskIdentity, Language, PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer.driver import ReceiptPrinter
from kiosk.devices.printer.errors import PrinterError
from kiosk.devices.printer.samples import print_test
from kiosk.screens.technician.printer import PrinterPanel
from kiosk.shell.background import KioskWork
from kiosk.shell.language import LanguageManager
from kiosk.technician.printer_tool import PaperStep, PrinterTool
from kiosk.tour.fit import unisolated
from tests.fixtures.kiosk import seen
from tests.screens.technician.conftest import AuditLog, Host, shoot

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def printer(printer_emulator: PrinterEmulator) -> ReceiptPrinter:
    return ReceiptPrinter(PrinterSettings(connection=printer_emulator.connection,
                                          timeout_s=1.0))


@pytest.fixture
def panel(printer: ReceiptPrinter, runner: KioskWork, audit: AuditLog) -> PrinterPanel:
    identity = KioskIdentity()
    tool = PrinterTool(printer, lambda: print_test(printer, identity), runner, audit)
    return PrinterPanel(tool)


def test_paper_out_then_back_through_the_assistant(
        qtbot: QtBot, host: Host, panel: PrinterPanel,
        printer_emulator: PrinterEmulator, audit: AuditLog) -> None:
    host(panel)
    qtbot.waitUntil(lambda: "Ready to print" in panel.state.text(), timeout=5000)
    printer_emulator.set_state(paper_out=True)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert panel.assistant.isVisible()
    qtbot.waitUntil(lambda: panel.tool.paper is PaperStep.LOAD, timeout=5000)
    assert "Out of paper" in panel.assistant_state.text()
    assert "Put in the new roll" in panel.assistant_step.text()
    assert not panel.test_button.isVisible(), "no test print while the roll is out"

    printer_emulator.set_state(paper_out=False)
    qtbot.waitUntil(lambda: panel.tool.paper is PaperStep.DONE, timeout=5000)
    assert "has paper again" in panel.assistant_step.text()
    assert panel.test_button.isVisible()
    qtbot.waitUntil(lambda: ("printer.paper_change", "paper back") in audit.records)
    assert audit.records[0] == ("printer.paper_change", "started")

    qtbot.mouseClick(panel.assistant_button, Qt.MouseButton.LeftButton)
    assert not panel.assistant.isVisible()


def test_a_test_receipt_comes_out_of_the_printer(
        qtbot: QtBot, host: Host, panel: PrinterPanel,
        printer_emulator: PrinterEmulator, audit: AuditLog) -> None:
    host(panel)
    qtbot.waitUntil(panel.test_button.isEnabled, timeout=5000)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Test receipt printed" in panel.test_result.text(), timeout=15000)
    assert len(printer_emulator.receipts) == 1
    assert audit.records == [("printer.test_print", "printed")]


def test_a_refused_test_print_and_the_last_error_are_shown(
        qtbot: QtBot, host: Host, panel: PrinterPanel, printer: ReceiptPrinter,
        printer_emulator: PrinterEmulator, audit: AuditLog) -> None:
    printer_emulator.set_state(cover_open=True)
    host(panel)
    assert "No failed print" in panel.last_error.text()
    qtbot.waitUntil(panel.test_button.isEnabled, timeout=5000)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not printed" in panel.test_result.text(), timeout=5000)
    assert "cover is open" in panel.test_result.text()
    assert printer_emulator.receipts == []
    assert audit.records == [("printer.test_print", "not printed: cover open")]

    # A beneficiary's receipt failed meanwhile (the cover opened mid-job): the panel says so.
    printer_emulator.set_state(cover_open=False, disconnect_mid_job=True)
    with pytest.raises(PrinterError):
        printer.print_raster(b"\x1d\x76\x30\x00" + bytes(8000))
    panel.refresh()
    qtbot.waitUntil(lambda: "Last failed print at" in panel.last_error.text(), timeout=5000)


def test_panel_in_both_languages(qtbot: QtBot, host: Host, panel: PrinterPanel,
                                 printer_emulator: PrinterEmulator, language: LanguageManager,
                                 tmp_path: Path) -> None:
    out = Path(os.environ.get("KIOSK_TECHNICIAN_SHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    printer_emulator.set_state(paper_out=True)
    window = host(panel)
    qtbot.waitUntil(panel.paper_button.isEnabled, timeout=5000)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tool.paper is PaperStep.LOAD, timeout=5000)
    language.set_language(Language.ARABIC)
    QApplication.processEvents()  # the LanguageChange reaches the panel
    assert seen(panel.assistant_heading.text()) == "تغيير الورق"
    assert unisolated(window) == []
    for path in shoot(window, language, out, "technician-printer"):
        assert path.stat().st_size > 0
