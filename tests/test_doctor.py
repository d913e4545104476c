"""`kiosk doctor` tells a technician, in plain words, which part is up and which is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.config_source import DEV_PIN
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.doctor import check, format_report
from kiosk.domain.pin import hash_pin
from kiosk.health.model import Status


def test_everything_up(kiosk_config: KioskConfig) -> None:
    snapshot = check(kiosk_config)
    assert snapshot.status is Status.OK, format_report(snapshot)
    names = {c.component for c in snapshot.components}
    assert {"api", "outbox", "printer", "payment_terminal"} <= names


def test_printer_out_of_paper_is_reported(
    kiosk_config: KioskConfig, printer_emulator: PrinterEmulator
) -> None:
    printer_emulator.set_state(paper_out=True)
    report = format_report(check(kiosk_config, network=False))
    assert "[FAIL] printer" in report
    assert "paper" in report.lower()


def test_nothing_reachable_exits_1_without_traceback(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[api]\nbase_url = "https://127.0.0.1:9/v1"\nconnect_timeout_s = 0.5\n'
        '[printer]\nconnection = "tcp://127.0.0.1:9"\ntimeout_s = 0.5\n'
        f'[terminal]\nport = "{tmp_path / "no-such-tty"}"\n'
        f'[storage]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--log-level", "ERROR", "--config", str(config),
         "doctor"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "[FAIL] api" in result.stdout
    assert "[FAIL] printer" in result.stdout
    assert "[FAIL] payment_terminal" in result.stdout


def test_development_credentials_are_named_with_what_to_run(tmp_path: Path) -> None:
    # A fresh install: the development API key, and the PIN 1234 (hashed anew: the PIN
    # is what counts, not its hash).
    config = KioskConfig.model_validate({
        "storage": {"data_dir": str(tmp_path / "data")},
        "technician": {"pin_hash": hash_pin(DEV_PIN)},
    })
    report = format_report(check(config, devices=False, network=False))
    line = next(line for line in report.splitlines() if "credentials" in line)
    assert line.startswith("  [FAIL] credentials")
    assert "the development API key is still in use (api.api_key)" in line
    assert "kiosk enrol --server URL --code CODE --ca-sha256 HEX" in line
    assert "the default technician PIN is still in use (technician.pin_hash)" in line
    assert "kiosk hash-pin" in line


def test_own_credentials_pass(kiosk_config: KioskConfig) -> None:
    snapshot = check(kiosk_config, devices=False, network=False)
    credentials = next(c for c in snapshot.components if c.component == "credentials")
    assert credentials.status is Status.OK
