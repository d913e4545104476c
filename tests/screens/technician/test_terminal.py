"""The card-terminal panel over the terminal emulator on a real pty, approvals kept in a
real SQLite outbox through the pay journey's own recorder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Language, TerminalSettings
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import PaymentTerminal, PurchaseUnresolved
from kiosk.domain.requests import RequestKind
from kiosk.flows.pay import PaymentRecorder, new_reference, outbox_key
from kiosk.offline_queue import EntryState, Outbox
from kiosk.screens.technician.terminal import TerminalPanel
from kiosk.shell.background import KioskWork
from kiosk.shell.language import LanguageManager
from kiosk.technician.terminal_tool import Settlement, TerminalTool
from kiosk.tour.fit import unisolated
from tests.fixtures.kiosk import seen
from tests.screens.technician.conftest import AuditLog, Host, shoot

pytestmark = pytest.mark.timeout(60)
INVOICE = "INV-1447-000202"


@pytest.fixture
def emulator() -> Iterator[TerminalEmulator]:
    # The line stays down after approving until the test plugs it back in.
    with TerminalEmulator("link_drop_after_approval", step_delay_s=0.01,
                          link_down_s=None) as emu:
        yield emu


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    with Outbox.open(tmp_path / "outbox.sqlite3", reference_prefix="AHS-DEV-01") as box:
        yield box


@pytest.fixture
def recorder(outbox: Outbox) -> PaymentRecorder:
    return PaymentRecorder(outbox)


@pytest.fixture
def terminal(emulator: TerminalEmulator, recorder: PaymentRecorder,
             tmp_path: Path) -> Iterator[PaymentTerminal]:
    settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                                response_timeout_s=2.0)
    # As the pay journey installs it: approvals found later are recorded by the hook.
    driver = PaymentTerminal(settings, tmp_path / "terminal", on_recovered=recorder.recovered)
    yield driver
    driver.close()


@pytest.fixture
def panel(terminal: PaymentTerminal, recorder: PaymentRecorder, runner: KioskWork,
          audit: AuditLog) -> TerminalPanel:
    return TerminalPanel(TerminalTool(terminal, recorder, runner, audit))


def texts(window: QWidget) -> str:
    return "\n".join(seen(each.text()) for each in window.findChildren(QLabel))


def test_an_unresolved_purchase_is_settled_from_the_panel(
        qtbot: QtBot, host: Host, panel: TerminalPanel, terminal: PaymentTerminal,
        emulator: TerminalEmulator, outbox: Outbox, audit: AuditLog) -> None:
    reference = new_reference(INVOICE)
    with pytest.raises(PurchaseUnresolved):
        terminal.purchase(12345, reference)
    window = host(panel)
    qtbot.waitUntil(lambda: panel.tool.link is not None and not panel.tool.busy, timeout=10000)
    assert "Not answering" in panel.link.text()
    assert panel.open_purchase.isVisible()

    emulator.plug_in()
    emulator.set_scenario("approve")
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tool.resolution is not None, timeout=15000)
    assert panel.tool.resolution is not None
    assert panel.tool.resolution.settlement is Settlement.APPROVED_KEPT
    [charge] = emulator.purchases
    shown = seen(panel.result.text())
    assert "kept in the outbox" in shown
    assert "123.45 SAR" in shown
    assert charge.approval_code in shown
    assert reference not in texts(window), "the purchase reference names an invoice"
    assert "Connected" in panel.link.text()
    assert not panel.open_purchase.isVisible()

    entry = outbox.get_by_key(outbox_key(reference))
    assert entry is not None
    assert (entry.kind, entry.state) == (RequestKind.RECORD_PAYMENT, EntryState.PENDING)
    assert len(outbox.entries()) == 1, "kept once, by the hook and the tool alike"
    assert audit.records == [("terminal.resolve", "approved_kept")]


def test_nothing_to_settle_and_a_reconnect(
        qtbot: QtBot, host: Host, panel: TerminalPanel, emulator: TerminalEmulator,
        audit: AuditLog) -> None:
    host(panel)
    qtbot.waitUntil(lambda: "Connected" in panel.link.text(), timeout=10000)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No purchase was waiting" in panel.result.text(), timeout=10000)

    emulator.unplug()
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not answering" in panel.link.text(), timeout=10000)
    assert panel.detail.isVisible()
    emulator.plug_in()
    qtbot.mouseClick(panel.reconnect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in panel.link.text(), timeout=10000)
    assert audit.records == [("terminal.resolve", "nothing_open"),
                             ("terminal.reconnect", "link up")]


def test_panel_in_both_languages(qtbot: QtBot, host: Host, panel: TerminalPanel,
                                 terminal: PaymentTerminal, emulator: TerminalEmulator,
                                 language: LanguageManager, tmp_path: Path) -> None:
    out = Path(os.environ.get("KIOSK_TECHNICIAN_SHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    with pytest.raises(PurchaseUnresolved):
        terminal.purchase(12345, new_reference(INVOICE))
    emulator.plug_in()
    emulator.set_scenario("approve")
    window = host(panel)
    qtbot.waitUntil(lambda: panel.tool.link is not None and not panel.tool.busy, timeout=10000)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.tool.resolution is not None, timeout=15000)
    language.set_language(Language.ARABIC)
    QApplication.processEvents()  # the LanguageChange reaches the panel
    assert "ر.س" in panel.result.text()
    assert unisolated(window) == []
    shoot(window, language, out, "technician-terminal")
