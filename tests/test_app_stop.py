"""`kiosk run` stops cleanly on SIGTERM (systemd's stop) and SIGINT: the real command on a
virtual X display, over the sandbox and both emulators, ends within 5 s with status 0;
the session is wiped, the delivery worker stops between entries (a delivery in progress
is finished and recorded, never cut), the outbox is closed and consistent, and the log
says so. (`kiosk.app.run`, `kiosk.shell.signals`, `kiosk.services.Services.stop`.)"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.schema import Payment, RecordPayment, json_payload
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.domain.payment import CardScheme
from kiosk.domain.requests import RequestKind
from kiosk.offline_queue import Outbox, default_path
from sandbox.runner import SandboxProcess
from tests.fixtures.display import environment_for
from tests.fixtures.kiosk import enrolled_config_text

STOP_BOUND_S = 5.0  # what systemd's stop is given (the bound), as a timeout
START_S = 60.0  # Qt and the services on a loaded two-core machine

pytestmark = pytest.mark.timeout(120)


@dataclass
class RunningKiosk:
    process: subprocess.Popen[bytes]
    log_path: Path
    data_dir: Path

    def log(self) -> list[dict[str, Any]]:
        lines = self.log_path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]

    def messages(self) -> list[str]:
        return [str(entry.get("message")) for entry in self.log()]

    def wait_for(self, what: str, found: Callable[[], bool]) -> None:
        deadline = time.monotonic() + START_S
        while not found():
            if self.process.poll() is not None:
                pytest.fail(f"kiosk run exited ({self.process.returncode}) before {what}:\n"
                            f"{self.log_path.read_text(encoding='utf-8')}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {START_S:g} s:\n"
                            f"{self.log_path.read_text(encoding='utf-8')}")
            time.sleep(0.05)


@pytest.fixture
def start_kiosk(tmp_path: Path, display: str, sandbox: SandboxProcess,
                printer_emulator: PrinterEmulator,
                terminal_emulator: TerminalEmulator) -> Iterator[Callable[[], RunningKiosk]]:
    data_dir = tmp_path / "kiosk-data"
    config = tmp_path / "kiosk.toml"
    config.write_text(enrolled_config_text(
        sandbox, printer_port=printer_emulator.port,
        terminal_port=terminal_emulator.device_path, data_dir=data_dir), encoding="utf-8")
    started: list[RunningKiosk] = []

    def start() -> RunningKiosk:
        log_path = tmp_path / "kiosk.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "--config", str(config), "run"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                env=environment_for(display))
        running = RunningKiosk(process, log_path, data_dir)
        started.append(running)
        return running

    yield start
    for running in started:  # a failed test must not leave the kiosk running
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait(timeout=10)


def outbox_rows(data_dir: Path) -> list[sqlite3.Row]:
    """The outbox's entries as another process reads them (read-only)."""
    path = default_path(data_dir)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM entries ORDER BY id").fetchall()


def assert_outbox_consistent(data_dir: Path) -> None:
    """Closed as the stop promises: whole (integrity), nothing left in flight, the WAL
    truncated (its old pages could hold erased payloads)."""
    path = default_path(data_dir)
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "in_flight" not in {row["state"] for row in outbox_rows(data_dir)}


def assert_logged_clean_stop(kiosk: RunningKiosk, name: str) -> None:
    log = kiosk.log()
    messages = [str(entry.get("message")) for entry in log]
    assert f"stopping on {name}" in messages
    assert {"message": "session ended", "reason": "shutdown"} in [
        {key: entry.get(key) for key in ("message", "reason")} for entry in log]
    for expected in ("delivery worker stopped", "outbox closed", "stopped cleanly"):
        assert expected in messages, expected
    # In the order a clean stop takes.
    order = [messages.index(m) for m in (f"stopping on {name}", "delivery worker stopped",
                                         "outbox closed", "stopped cleanly")]
    assert order == sorted(order)
    assert not [e for e in log if e.get("level") in ("error", "critical")], log


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_an_idle_kiosk_cleanly(start_kiosk: Callable[[], RunningKiosk],
                                              stop: signal.Signals) -> None:
    kiosk = start_kiosk()
    kiosk.wait_for("services started", lambda: "services started" in kiosk.messages())
    kiosk.process.send_signal(stop)
    assert kiosk.process.wait(timeout=STOP_BOUND_S) == 0
    assert_logged_clean_stop(kiosk, stop.name)
    assert_outbox_consistent(kiosk.data_dir)


def test_sigterm_during_a_delivery_lets_it_finish_then_stops(
        start_kiosk: Callable[[], RunningKiosk], sandbox: SandboxProcess,
        tmp_path: Path) -> None:
    # An approved card payment waits in the outbox, as if the link had been down.
    data_dir = tmp_path / "kiosk-data"
    data_dir.mkdir(mode=0o700)
    payment = RecordPayment(invoice_number="INV-1447-000501", payment=Payment(
        amount_halalas=20_000, approval_code="A1B2C3", masked_pan="************4417",
        scheme=CardScheme.MADA, terminal_reference="T-STOP-1", paid_at=datetime.now(UTC)))
    with Outbox.open(default_path(data_dir), reference_prefix="AHS-DEMO-01") as outbox:
        outbox.enqueue(RequestKind.RECORD_PAYMENT.value, json_payload(payment))
    # Every API answer now takes a while: the stop comes while the delivery is on the wire.
    sandbox.admin.set_faults(latency_ms=1500)

    kiosk = start_kiosk()
    kiosk.wait_for("the delivery to start",
                   lambda: default_path(data_dir).exists()
                   and [r["state"] for r in outbox_rows(data_dir)] == ["in_flight"])
    kiosk.process.send_signal(signal.SIGTERM)
    assert kiosk.process.wait(timeout=STOP_BOUND_S) == 0

    # Finished and recorded, not cut: delivered once, with the municipality's receipt.
    [entry] = outbox_rows(data_dir)
    assert entry["state"] == "delivered"
    assert entry["server_reference"].startswith("RC-")
    assert entry["payload"] is None
    recorded = [p for p in sandbox.admin.records("payments")
                if p["invoice_number"] == "INV-1447-000501"]
    assert len(recorded) == 1
    messages = kiosk.messages()
    assert messages.index("outbox entry delivered") < messages.index("delivery worker stopped")
    assert_logged_clean_stop(kiosk, "SIGTERM")
    assert_outbox_consistent(data_dir)
