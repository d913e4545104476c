"""`kiosk doctor` tells a technician, in plain words, which part is up and which is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.doctor import check, format_report
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
