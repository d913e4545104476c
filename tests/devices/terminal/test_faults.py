"""A terminal that is missing, silent, garbled or unplugged: typed errors, bounded, safe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import TerminalSettings
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import (
    PaymentTerminal,
    ProtocolError,
    PurchaseResult,
    PurchaseUnresolved,
    TerminalError,
    TerminalState,
    TerminalUnavailable,
    probe_terminal,
)
from kiosk.devices.terminal.messages import PurchaseRequest, StatusRequest
from kiosk.devices.terminal.open_purchase import FILENAME, OpenPurchase, OpenPurchaseStore
from kiosk.health.model import Status


def test_missing_port_is_unavailable_and_records_nothing(tmp_path: Path) -> None:
    settings = TerminalSettings(port=str(tmp_path / "ttyUSB9"), ack_timeout_s=0.2,
                                response_timeout_s=2.0)
    terminal = PaymentTerminal(settings, tmp_path / "data")
    with pytest.raises(TerminalUnavailable, match="cannot open the terminal port"):
        terminal.status()
    with pytest.raises(TerminalUnavailable):
        terminal.purchase(1_000, "PAY-NOPORT")
    assert not (tmp_path / "data" / FILENAME).exists(), "nothing was sent, nothing is open"
    health = terminal.health()
    assert health.status is Status.ERROR
    assert "not answering" in health.summary
    assert probe_terminal(settings).status is Status.ERROR
    terminal.close()


@pytest.fixture
def quick(emulator: TerminalEmulator, state_dir: Path) -> Iterator[PaymentTerminal]:
    """Shorter ACK timeout: these terminals never ACK, so every wait runs to its end."""
    settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.1,
                                response_timeout_s=0.5)
    terminal = PaymentTerminal(settings, state_dir)
    yield terminal
    terminal.close()


def test_silent_terminal_gives_typed_errors_and_sends_no_purchase(
    quick: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    terminal = quick
    emulator.set_scenario("silent")
    with pytest.raises(TerminalUnavailable, match="did not acknowledge"):
        terminal.status()
    # Each try is one sending plus 3 retransmissions; the port is reopened once.
    assert emulator.requests == [StatusRequest()] * 8
    with pytest.raises(TerminalUnavailable):
        terminal.purchase(1_000, "PAY-SILENT")
    assert not (state_dir / FILENAME).exists(), "the status check failed: nothing was sent"
    health = terminal.health()
    assert health.status is Status.ERROR
    assert "not answering" in health.summary
    emulator.set_scenario("approve")
    assert terminal.purchase(1_000, "PAY-AWAKE").approved
    assert [c.reference for c in emulator.purchases] == ["PAY-AWAKE"]


def test_garbage_answers_are_protocol_errors(
    quick: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    terminal = quick
    emulator.set_scenario("garbage")
    with pytest.raises(ProtocolError):
        terminal.status()
    with pytest.raises(ProtocolError):
        terminal.purchase(1_000, "PAY-NOISE")
    assert not (state_dir / FILENAME).exists()
    assert terminal.health().status is Status.ERROR
    emulator.set_scenario("approve")
    assert terminal.status().state is TerminalState.IDLE


def test_silent_terminal_keeps_an_open_purchase_unresolved(
    quick: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    # A previous run crashed between writing the record and hearing the terminal.
    OpenPurchaseStore(state_dir).save(OpenPurchase.new("PAY-EARLIER", 1_500))
    emulator.set_scenario("silent")
    with pytest.raises(PurchaseUnresolved) as caught:
        quick.purchase(2_000, "PAY-NEXT")
    assert caught.value.reference == "PAY-EARLIER"
    assert isinstance(caught.value.cause, TerminalUnavailable)
    assert (state_dir / FILENAME).exists()
    emulator.set_scenario("approve")
    settled = quick.recover()
    assert settled is not None
    assert settled.result is PurchaseResult.TIMED_OUT
    assert settled.reference == "PAY-EARLIER"
    assert "no record" in settled.message
    assert not (state_dir / FILENAME).exists()
    assert emulator.purchases == []
    assert [r for r in emulator.requests if isinstance(r, PurchaseRequest)] == []


def test_reconnects_after_the_cable_is_pulled_and_plugged_back(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    assert terminal.status().state is TerminalState.IDLE
    emulator.unplug()
    with pytest.raises(TerminalUnavailable):
        terminal.status()
    with pytest.raises(TerminalUnavailable):
        terminal.purchase(1_000, "PAY-UNPLUGGED")
    emulator.plug_in()
    assert terminal.status().state is TerminalState.IDLE
    assert terminal.purchase(1_000, "PAY-REPLUGGED").approved


def test_a_pull_between_operations_is_invisible_to_the_caller(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    assert terminal.status().state is TerminalState.IDLE
    emulator.unplug()
    emulator.plug_in()  # the driver still holds the dead line; it must reopen by itself
    assert terminal.status().state is TerminalState.IDLE
    assert terminal.purchase(1_000, "PAY-SWAP").approved


def test_data_folder_that_is_a_file_refuses_before_sending(
    settings: TerminalSettings, emulator: TerminalEmulator, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be")
    terminal = PaymentTerminal(settings, not_a_folder)
    with pytest.raises(TerminalError, match="Not a directory"):
        terminal.purchase(1_000, "PAY-NODIR")
    terminal.close()
    assert [r for r in emulator.requests if isinstance(r, PurchaseRequest)] == []


def test_failed_durable_write_refuses_before_sending(
    settings: TerminalSettings, emulator: TerminalEmulator, state_dir: Path
) -> None:
    # Running as root defeats permission tricks; a folder squatting on the temporary
    # file's name makes the real write fail the same way a full disk would.
    (state_dir / FILENAME).with_suffix(".tmp").mkdir(parents=True)
    terminal = PaymentTerminal(settings, state_dir)
    with pytest.raises(TerminalError, match="cannot record the purchase durably"):
        terminal.purchase(1_000, "PAY-NODISK")
    terminal.close()
    assert [r for r in emulator.requests if isinstance(r, PurchaseRequest)] == []
    assert emulator.purchases == []
    assert not (state_dir / FILENAME).exists()


def test_unreadable_open_purchase_record_blocks_payments_and_shows_in_health(
    terminal: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    state_dir.mkdir()
    (state_dir / FILENAME).write_bytes(b'{"reference": "PAY-')
    with pytest.raises(TerminalError, match="unreadable"):
        terminal.purchase(1_000, "PAY-BLOCKED")
    assert terminal.health().status is Status.ERROR
    assert emulator.purchases == []


def test_health_warns_while_a_purchase_awaits_confirmation(
    terminal: PaymentTerminal, state_dir: Path
) -> None:
    assert terminal.health().status is Status.OK
    OpenPurchaseStore(state_dir).save(OpenPurchase.new("PAY-PENDING", 900))
    health = terminal.health()
    assert health.status is Status.WARNING
    assert "PAY-PENDING" in health.summary
    assert health.details["open_purchase"] == "PAY-PENDING"


def test_probe_reports_a_healthy_terminal(settings: TerminalSettings) -> None:
    health = probe_terminal(settings)
    assert health.status is Status.OK
    assert "AHS-T-0001" in health.summary
    assert health.details["busy"] is False


def test_bad_arguments_are_refused_before_anything_is_sent(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    with pytest.raises(ValueError, match="halalas"):
        terminal.purchase(0, "PAY-ZERO")
    with pytest.raises(ValueError, match="reference"):
        terminal.purchase(100, "bad reference with spaces")
    assert emulator.requests == []


def test_the_emulator_survives_garbage_from_the_kiosk_side(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    # A raw port on the same line, writing what a confused program might.
    import serial

    with serial.Serial(emulator.device_path, 115200, timeout=0.1) as raw:
        raw.write(bytes(range(256)) * 4 + b"\x020005HELLO\x03\x00" + b"\x020099")
        raw.flush()
        raw.read(64)
    assert terminal.status().state is TerminalState.IDLE


def test_probe_explains_unreadable_answers(
    settings: TerminalSettings, emulator: TerminalEmulator
) -> None:
    emulator.set_scenario("garbage")
    health = probe_terminal(settings)
    assert health.status is Status.ERROR
    assert "unreadable" in health.summary


def test_a_second_program_cannot_share_the_terminal_line(
    terminal: PaymentTerminal, settings: TerminalSettings, tmp_path: Path
) -> None:
    # Two writers on one serial line would interleave frames: the port is locked.
    assert terminal.status().state is TerminalState.IDLE  # holds the port open
    other = PaymentTerminal(settings, tmp_path / "other")
    with pytest.raises(TerminalUnavailable, match="cannot open the terminal port"):
        other.status()
    other.close()
    terminal.close()
    assert probe_terminal(settings).status is Status.OK
