"""`kiosk terminal-test` and the emulator's command line, run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.config import TerminalSettings
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import probe_terminal
from kiosk.devices.terminal.messages import PurchaseRequest
from kiosk.health.model import Status


def kiosk(
    args: list[str], port: str, data: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KIOSK_TERMINAL__PORT=port, KIOSK_TERMINAL__ACK_TIMEOUT_S="0.2",
               KIOSK_TERMINAL__RESPONSE_TIMEOUT_S="5", KIOSK_STORAGE__DATA_DIR=str(data))
    env.pop("KIOSK_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_status_check_never_purchases(emulator: TerminalEmulator, tmp_path: Path) -> None:
    run = kiosk(["terminal-test"], emulator.device_path, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "terminal AHS-T-0001 (AHS-EMU-1) answers and is idle" in run.stdout
    assert "No purchase made" in run.stdout
    assert not [r for r in emulator.requests if isinstance(r, PurchaseRequest)]


def test_purchase_needs_a_typed_yes(emulator: TerminalEmulator, tmp_path: Path) -> None:
    run = kiosk(["terminal-test", "--purchase-halalas", "100"], emulator.device_path,
                tmp_path, stdin="no\n")
    assert run.returncode == 1
    assert "This charges 1.00 SAR to a real card" in run.stdout
    assert not [r for r in emulator.requests if isinstance(r, PurchaseRequest)]


def test_confirmed_purchase_is_charged_once(emulator: TerminalEmulator, tmp_path: Path) -> None:
    run = kiosk(["terminal-test", "--purchase-halalas", "100"], emulator.device_path,
                tmp_path, stdin="yes\n")
    assert run.returncode == 0, run.stdout + run.stderr
    [charge] = emulator.purchases
    assert charge.amount_halalas == 100
    assert f"APPROVED: {charge.reference}, 1.00 SAR, approval code {charge.approval_code}" in (
        run.stdout)
    assert "Waiting for a card" in run.stdout


def test_declined_test_purchase_says_why(emulator: TerminalEmulator, tmp_path: Path) -> None:
    run = kiosk(["terminal-test", "--purchase-halalas", "151", "--yes"],
                emulator.device_path, tmp_path)
    assert run.returncode == 1
    assert "DECLINED" in run.stdout
    assert "Insufficient funds (code 51)" in run.stdout


def test_missing_terminal_is_explained(tmp_path: Path) -> None:
    run = kiosk(["terminal-test"], str(tmp_path / "ttyUSB7"), tmp_path)
    assert run.returncode == 1
    assert "Terminal problem: cannot open the terminal port" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_emulator_command_prints_its_device_path_first(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.devices.emulators.terminal", "--scenario", "approve",
         "--link-dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert proc.stdout is not None
        device = proc.stdout.readline().strip()
        assert device == str(tmp_path / "ttyAHS-ECR")
        health = probe_terminal(TerminalSettings(port=device, ack_timeout_s=0.5))
        assert health.status is Status.OK, health.summary
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == 0
    assert not (tmp_path / "ttyAHS-ECR").exists(), "the link is removed on exit"


def test_a_purchase_the_app_left_open_is_settled_by_the_technician_check(
        emulator: TerminalEmulator, tmp_path: Path) -> None:
    from kiosk.devices.terminal.open_purchase import OpenPurchase, OpenPurchaseStore, state_dir

    # Where the running app keeps it (kiosk/services.py): the check must look there too.
    store = OpenPurchaseStore(state_dir(tmp_path))
    store.save(OpenPurchase.new("INV-1447-000202-5F0C9A1E", 100))
    run = kiosk(["terminal-test"], emulator.device_path, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "A purchase left open earlier was settled" in run.stdout
    assert store.load() is None
