"""Technician mode through the real screens, over the sandbox and both emulators: the
hidden door opens the PIN pad on Home only, five wrong PINs lock it (across a restart),
the development PIN must be changed first, leaving or idling returns to kiosk mode; the
tools fix what goes wrong on site (paper out and back through the assistant, a purchase
left unresolved settled from the terminal tool, a setting that holds after a restart),
each written to the audit with no PIN and nothing of a beneficiary; and the audit log's
chain holds until a line is edited or removed, the last one included."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import EXIT_RESTART, Kiosk, build_kiosk
from kiosk.config import KioskConfig, Language, load_config
from kiosk.config_source import SITE_OVERLAY, write_overlay
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import PurchaseUnresolved
from kiosk.domain.pin import hash_pin
from kiosk.flows.pay import new_reference
from kiosk.health.service import CREDENTIALS, SITE, TECHNICIAN
from kiosk.journeys.technician import PIN_PAD, SCREEN, TechnicianMode, technician_mode
from kiosk.screens.home import HomeScreen
from kiosk.screens.out_of_service import OutOfServiceScreen
from kiosk.screens.technician.change_pin import ChangePinPanel
from kiosk.screens.technician.printer import PrinterPanel
from kiosk.screens.technician.service import ServicePanel
from kiosk.screens.technician.settings import SettingsPanel
from kiosk.screens.technician.status import StatusPanel
from kiosk.screens.technician.terminal import TerminalPanel
from kiosk.shell.router import HOME
from kiosk.technician.audit import AUDIT_FILE
from kiosk.technician.lock import MAX_WRONG
from kiosk.technician.printer_tool import PaperStep
from kiosk.technician.site_hold import PRESET_REASONS
from kiosk.technician.terminal_tool import Settlement
from sandbox.runner import SandboxProcess
from sandbox.seed import RESIDENT
from tests.fixtures.kiosk import seen, tap, wait_idle
from tests.flows.test_pay import payments_for, seed_invoice

PIN = "482915"
P = TypeVar("P", bound=QWidget)


class Kiosks:
    """Starts kiosks over one configuration file and data folder, one after the other,
    as a restart would."""

    def __init__(self, qtbot: QtBot, path: Path) -> None:
        self.qtbot = qtbot
        self.path = path
        self.running: Kiosk | None = None

    def start(self) -> Kiosk:
        from kiosk.services import build_services

        self.stop()
        config = load_config(self.path)  # read again: overlays written since count
        kiosk = build_kiosk(config, kiosk_mode=False)
        self.qtbot.addWidget(kiosk.window)
        services = build_services(config)
        services.start()
        kiosk.attach_services(services)
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        self.running = kiosk
        # The site hold is restored off the UI thread at start-up.
        mode = technician_mode(kiosk)
        self.qtbot.waitUntil(lambda: not mode.site.path.exists()
                             or mode.site.current is not None, timeout=5000)
        self.qtbot.wait(50)
        return kiosk

    def stop(self) -> None:
        if self.running is not None:
            self.running.shutdown()
            self.running = None


@pytest.fixture
def kiosks(qtbot: QtBot, kiosk_config: KioskConfig, tmp_path: Path) -> Iterator[Kiosks]:
    running = Kiosks(qtbot, tmp_path / "kiosk.toml")
    yield running
    running.stop()


def _with_pin(kiosk_config: KioskConfig) -> None:
    kiosk_config.storage.data_dir.mkdir(parents=True, exist_ok=True)
    write_overlay(kiosk_config.storage.data_dir, SITE_OVERLAY,
                  {"technician": {"pin_hash": hash_pin(PIN, iterations=1000)}})


def _corner_taps(kiosk: Kiosk, qtbot: QtBot, count: int = 5,
                 at: QPoint | None = None) -> None:
    screen = kiosk.router.screen(kiosk.router.current)
    for _ in range(count):
        qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=at or QPoint(12, 12))


def _enter_pin(kiosk: Kiosk, qtbot: QtBot, pin: str) -> None:
    pad = technician_mode(kiosk).pad()
    assert kiosk.router.current == PIN_PAD
    pad.field.setText(pin)
    tap(kiosk, qtbot, pad.open_button)


def _open_and_enter(kiosk: Kiosk, qtbot: QtBot, pin: str = PIN) -> TechnicianMode:
    _corner_taps(kiosk, qtbot)
    _enter_pin(kiosk, qtbot, pin)
    assert kiosk.router.current == SCREEN
    return technician_mode(kiosk)


def _panel(mode: TechnicianMode, kind: type[QWidget]) -> QWidget:
    return next(p for p in mode.frame().panels if isinstance(p, kind))  # type: ignore[misc]


def _open_tool(kiosk: Kiosk, qtbot: QtBot, mode: TechnicianMode, kind: type[P]) -> P:
    """Taps the tool's button in the list, as a technician would, and waits for it to read
    its part."""
    kiosk.language.set_language(Language.ENGLISH)  # the words the test reads
    frame = mode.frame()
    panel = next(p for p in frame.panels if isinstance(p, kind))
    tap(kiosk, qtbot, frame.tool_buttons[frame.panels.index(panel)])
    assert frame.current is panel
    return panel


def _audit_records(kiosk_config: KioskConfig) -> list[tuple[str, str]]:
    path = kiosk_config.storage.data_dir / AUDIT_FILE
    return [(r["action"], r["outcome"]) for r in
            (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())]


def _reason_on_screen(kiosk: Kiosk) -> str:
    screen = kiosk.router.screen("out_of_service")
    assert isinstance(screen, OutOfServiceScreen)
    return seen(screen.reason.text())


def test_the_door_opens_the_pad_on_home_at_rest_and_nowhere_else(
        live_kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk = live_kiosk
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    # A beneficiary's stray taps: four in the corner, one elsewhere, one in the corner.
    _corner_taps(kiosk, qtbot, 4)
    qtbot.mouseClick(home, Qt.MouseButton.LeftButton, pos=QPoint(home.width() // 2, 20))
    _corner_taps(kiosk, qtbot, 1)
    assert kiosk.router.current == HOME

    _corner_taps(kiosk, qtbot)
    assert kiosk.router.current == PIN_PAD
    pad = technician_mode(kiosk).pad()
    assert pad.field.echoMode() == pad.field.EchoMode.Password
    tap(kiosk, qtbot, pad.cancel_button)
    assert kiosk.router.current == HOME

    # Mid-session: on a journey's screen, and on Home with a choice made for the visit.
    tap(kiosk, qtbot, home.tiles["track"])
    _corner_taps(kiosk, qtbot)
    assert kiosk.router.current == "track"
    kiosk.router.go(HOME)
    tap(kiosk, qtbot, home.accessibility["larger_text"])
    assert kiosk.in_session
    _corner_taps(kiosk, qtbot)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert kiosk.router.current == HOME

    # At rest again, a technician's keyboard opens it too.
    kiosk.end_session("test")
    qtbot.keyClick(kiosk.window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert kiosk.router.current == PIN_PAD


def test_five_wrong_pins_lock_the_door_and_a_restart_keeps_it_locked(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot) -> None:
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    _corner_taps(kiosk, qtbot)
    pad = technician_mode(kiosk).pad()
    kiosk.language.set_language(Language.ENGLISH)
    for left in range(MAX_WRONG - 1, 0, -1):
        _enter_pin(kiosk, qtbot, "000000")
        assert f"{left} more wrong PIN" in seen(pad.page.error.text())
    _enter_pin(kiosk, qtbot, "000000")
    assert pad.locked
    assert not pad.open_button.isEnabled()
    assert kiosk.service.in_service  # nobody got in
    health = {c.component: c for c in (r.health() for r in kiosks.running.services.reporters)}  # type: ignore[union-attr]
    assert "locked" in health["technician"].summary

    kiosk = kiosks.start()  # a restart over the same data folder
    _corner_taps(kiosk, qtbot)
    assert kiosk.router.current == PIN_PAD
    pad = technician_mode(kiosk).pad()
    qtbot.waitUntil(lambda: pad.locked, timeout=5000)
    pad.field.setText(PIN)
    pad.open_button.click()
    wait_idle(kiosk, qtbot)
    assert kiosk.router.current == PIN_PAD
    assert kiosk.service.in_service


def test_the_development_pin_opens_only_the_change_page_and_the_new_pin_lasts(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot) -> None:
    kiosk_config.storage.data_dir.mkdir(parents=True, exist_ok=True)
    write_overlay(kiosk_config.storage.data_dir, SITE_OVERLAY,
                  {"technician": {"pin_hash": hash_pin("1234", iterations=1000)}})
    kiosk = kiosks.start()
    # The development PIN keeps the public out (issue 12's credentials hold) ...
    qtbot.waitUntil(lambda: kiosk.service.holding(CREDENTIALS) is not None, timeout=5000)
    assert kiosk.router.current == "out_of_service"
    mode = _open_and_enter(kiosk, qtbot, "1234")
    frame = mode.frame()
    change = _panel(mode, ChangePinPanel)
    assert isinstance(change, ChangePinPanel)
    assert frame.restricted
    assert not frame.tools.isVisible()
    assert frame.current is change
    assert change.required_notice.isVisible()
    assert kiosk.service.holding(TECHNICIAN) is not None

    for new, repeat in (("123456", "123456"), (PIN, "482916")):
        change.new_field.setText(new)
        change.repeat_field.setText(repeat)
        tap(kiosk, qtbot, change.save_button)
        assert change.message.property("role") == "error"
        assert frame.restricted
    change.new_field.setText(PIN)
    change.repeat_field.setText(PIN)
    tap(kiosk, qtbot, change.save_button)
    assert not frame.restricted
    assert frame.tools.isVisible()
    # ... until it is changed: then the kiosk serves again.
    assert kiosk.service.holding(CREDENTIALS) is None
    tap(kiosk, qtbot, frame.leave_button)
    assert kiosk.router.current == HOME
    assert kiosk.service.in_service

    kiosk = kiosks.start()
    _corner_taps(kiosk, qtbot)
    _enter_pin(kiosk, qtbot, "1234")
    assert kiosk.router.current == PIN_PAD  # the old PIN is a wrong one now
    _enter_pin(kiosk, qtbot, PIN)
    assert kiosk.router.current == SCREEN
    assert not technician_mode(kiosk).frame().restricted


def test_leaving_or_idling_always_returns_to_kiosk_mode(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot) -> None:
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    mode = _open_and_enter(kiosk, qtbot)
    frame = mode.frame()
    status = _panel(mode, StatusPanel)
    assert isinstance(status, StatusPanel)
    wait_idle(kiosk, qtbot)
    assert status.report is not None
    shown = {c.component for c in status.report.snapshot.components}
    assert {"api", "outbox", "offline_queue", "printer", "payment_terminal", "service",
            "technician", "disk"} <= shown

    service = _panel(mode, ServicePanel)
    assert isinstance(service, ServicePanel)
    tap(kiosk, qtbot, frame.tool_buttons[frame.panels.index(service)])
    tap(kiosk, qtbot, service.reason_buttons[0])
    tap(kiosk, qtbot, service.take_out_button)
    assert kiosk.service.holding(SITE) is not None
    tap(kiosk, qtbot, frame.leave_button)
    # The technician is gone; their out-of-service decision stays, with its reason.
    assert kiosk.service.holding(TECHNICIAN) is None
    assert kiosk.router.current == "out_of_service"
    assert _reason_on_screen(kiosk) == PRESET_REASONS[0].ar

    kiosk = kiosks.start()  # ... and across a restart
    qtbot.waitUntil(lambda: kiosk.router.current == "out_of_service", timeout=5000)
    mode = _open_and_enter(kiosk, qtbot)  # the door works on the out-of-service screen
    service = _panel(mode, ServicePanel)
    assert isinstance(service, ServicePanel)
    mode.frame().show_panel(service)
    tap(kiosk, qtbot, service.put_back_button)
    assert kiosk.service.holding(SITE) is None
    assert kiosk.router.current == SCREEN  # still in, until they leave

    mode.idle.configure(50, 1, tick_ms=20)
    mode.idle.poke()
    qtbot.waitUntil(lambda: kiosk.router.current == HOME, timeout=5000)
    assert kiosk.service.in_service
    assert not mode.inside


def test_restart_ends_the_app_with_the_status_systemd_restarts_on(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot) -> None:
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    mode = _open_and_enter(kiosk, qtbot)
    service = _panel(mode, ServicePanel)
    assert isinstance(service, ServicePanel)
    mode.frame().show_panel(service)
    tap(kiosk, qtbot, service.restart_button)  # a first tap only asks to confirm
    assert kiosk.router.current == SCREEN
    QTimer.singleShot(0, service.restart_button.click)
    bound = QTimer(singleShot=True, interval=20000)  # should it never exit
    bound.timeout.connect(lambda: kiosk.app.exit(-1))
    bound.start()
    status = kiosk.app.exec()
    bound.stop()
    assert status == EXIT_RESTART
    assert mode.audit_log.last(1)[0].action == "restart"


def _verify(config_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "--config", str(config_path),
                           "audit", "verify"], capture_output=True, text=True, timeout=60,
                          check=False)


def test_the_audit_chain_verifies_and_breaks_when_a_line_is_edited_or_removed(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    _corner_taps(kiosk, qtbot)
    _enter_pin(kiosk, qtbot, "000000")
    _enter_pin(kiosk, qtbot, PIN)
    tap(kiosk, qtbot, technician_mode(kiosk).frame().leave_button)
    path = kiosk_config.storage.data_dir / AUDIT_FILE
    qtbot.waitUntil(lambda: path.exists() and len(path.read_text().splitlines()) == 3,
                    timeout=5000)
    kiosks.stop()
    lines = path.read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["action"] for r in records] == ["enter", "enter", "leave"]
    written = " ".join(f"{r['action']} {r['outcome']}" for r in records) + caplog.text
    assert PIN not in written
    assert "000000" not in written

    config_path = kiosks.path
    done = _verify(config_path)
    assert done.returncode == 0, done.stderr
    assert "3 records" in done.stdout

    path.write_text("\n".join([lines[0], lines[1].replace("accepted", "refused"), lines[2]]) + "\n")
    done = _verify(config_path)
    assert done.returncode == 1
    assert "line 2" in done.stderr
    assert "changed" in done.stderr

    path.write_text("\n".join([lines[0], lines[2]]) + "\n")
    done = _verify(config_path)
    assert done.returncode == 1
    assert "line 2" in done.stderr
    assert "removed" in done.stderr

    path.write_text("\n".join(lines[:2]) + "\n")  # the last line deleted
    done = _verify(config_path)
    assert done.returncode == 1
    assert "line 3" in done.stderr
    assert "removed from the end" in done.stderr


def test_paper_out_then_back_through_the_printer_assistant(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot,
        printer_emulator: PrinterEmulator) -> None:
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    mode = _open_and_enter(kiosk, qtbot)
    printer = _open_tool(kiosk, qtbot, mode, PrinterPanel)
    qtbot.waitUntil(lambda: "Ready to print" in printer.state.text(), timeout=5000)

    printer_emulator.set_state(paper_out=True)  # the roll runs out
    tap(kiosk, qtbot, printer.paper_button)
    qtbot.waitUntil(lambda: printer.tool.paper is PaperStep.LOAD, timeout=5000)
    assert "Out of paper" in printer.assistant_state.text()
    assert "Put in the new roll" in printer.assistant_step.text()
    assert not printer.test_button.isVisible()

    printer_emulator.set_state(paper_out=False)  # a new roll, the cover closed
    qtbot.waitUntil(lambda: printer.tool.paper is PaperStep.DONE, timeout=5000)
    assert "has paper again" in printer.assistant_step.text()
    tap(kiosk, qtbot, printer.assistant_button)
    assert not printer.assistant.isVisible()
    tap(kiosk, qtbot, mode.frame().leave_button)
    qtbot.waitUntil(lambda: ("leave", "left by the technician")
                    in _audit_records(kiosk_config), timeout=5000)
    records = _audit_records(kiosk_config)
    assert ("printer.paper_change", "started") in records
    assert ("printer.paper_change", "paper back") in records


def test_an_unresolved_purchase_is_settled_from_the_terminal_tool(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot, sandbox: SandboxProcess,
        terminal_emulator: TerminalEmulator) -> None:
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    assert kiosk.services is not None
    # A beneficiary's card was approved, then the cable came out before the kiosk heard:
    # the purchase is open, and card payments stay closed until it is settled.
    number = seed_invoice(sandbox, 23_898)  # ...98: the terminal approves, then the line drops
    reference = new_reference(number)
    terminal_emulator.link_down_s = None
    with pytest.raises(PurchaseUnresolved):
        kiosk.services.terminal.purchase(23_898, reference)

    mode = _open_and_enter(kiosk, qtbot)
    terminal = _open_tool(kiosk, qtbot, mode, TerminalPanel)
    qtbot.waitUntil(lambda: terminal.tool.link is not None and not terminal.tool.busy,
                    timeout=10000)
    assert terminal.open_purchase.isVisible()
    assert "Not answering" in terminal.link.text()

    terminal_emulator.plug_in()  # the technician plugs the cable back in
    tap(kiosk, qtbot, terminal.resolve_button)
    qtbot.waitUntil(lambda: terminal.tool.resolution is not None, timeout=15000)
    assert terminal.tool.resolution is not None
    assert terminal.tool.resolution.settlement in (Settlement.APPROVED_KEPT,
                                                   Settlement.APPROVED_SENT)
    [charge] = terminal_emulator.purchases
    shown = seen(terminal.result.text())
    assert "238.98 SAR" in shown
    assert charge.approval_code in shown
    assert not terminal.open_purchase.isVisible()
    assert "Connected" in terminal.link.text()
    # The money that moved reaches the municipality, once.
    qtbot.waitUntil(lambda: len(payments_for(sandbox, number)) == 1, timeout=15000)

    tap(kiosk, qtbot, mode.frame().leave_button)
    qtbot.waitUntil(lambda: ("leave", "left by the technician")
                    in _audit_records(kiosk_config), timeout=5000)
    records = _audit_records(kiosk_config)
    assert any(action == "terminal.resolve" and outcome.startswith("approved_")
               for action, outcome in records)
    written = (kiosk_config.storage.data_dir / AUDIT_FILE).read_text(encoding="utf-8")
    for private in (number, reference, RESIDENT.national_id, RESIDENT.mobile, PIN):
        assert private not in written


def test_a_setting_changed_on_site_holds_after_a_restart(
        kiosks: Kiosks, kiosk_config: KioskConfig, qtbot: QtBot) -> None:
    _with_pin(kiosk_config)
    kiosk = kiosks.start()
    assert kiosk.config.ui.idle_timeout_s != 240
    mode = _open_and_enter(kiosk, qtbot)
    settings = _open_tool(kiosk, qtbot, mode, SettingsPanel)
    qtbot.waitUntil(lambda: settings.tool.saved is not None, timeout=5000)

    settings.timeout_field.setText("5")  # below the file's own minimum: refused
    tap(kiosk, qtbot, settings.timeout_save)
    qtbot.waitUntil(settings.problem.isVisible, timeout=5000)
    assert "ui.idle_timeout_s" in seen(settings.problem.text())
    settings.timeout_field.setText("240")
    tap(kiosk, qtbot, settings.timeout_save)
    qtbot.waitUntil(settings.saved.isVisible, timeout=5000)
    assert not settings.problem.isVisible()
    assert "after the kiosk restarts" in settings.saved.text()
    tap(kiosk, qtbot, mode.frame().leave_button)

    kiosk = kiosks.start()  # a restart: a new kiosk over the same data folder
    assert kiosk.config.ui.idle_timeout_s == 240
    mode = _open_and_enter(kiosk, qtbot)
    settings = _open_tool(kiosk, qtbot, mode, SettingsPanel)
    qtbot.waitUntil(lambda: settings.tool.saved is not None, timeout=5000)
    assert settings.timeout_field.text() == "240"
    assert not settings.tool.restart_needed
    tap(kiosk, qtbot, mode.frame().leave_button)
    qtbot.waitUntil(lambda: len([r for r in _audit_records(kiosk_config)
                                 if r[0] == "leave"]) == 2, timeout=5000)
    records = _audit_records(kiosk_config)
    assert ("settings.ui.idle_timeout_s", "failed: ConfigError") in records
    assert ("settings.ui.idle_timeout_s", "set to 240") in records
    assert PIN not in (kiosk_config.storage.data_dir / AUDIT_FILE).read_text()
