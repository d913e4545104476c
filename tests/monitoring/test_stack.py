"""The operators' real stack end to end: Debian's prometheus scrapes the sandbox (HTTPS, its
CA, the scrape credential), three kiosks heartbeat through the real heartbeat code, and
Debian's alertmanager notifies a webhook. One kiosk falls silent: exactly one KioskDown;
it calls in again: exactly one resolved. Its printer (really out of paper, on the printer
emulator) stays quiet while it is down. Times are the shipped rules' scaled down."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.config import PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import ReceiptPrinter
from kiosk.health.assistance import StaffCall
from kiosk.health.model import HealthReporter
from kiosk.health.service import ServiceState
from kiosk.heartbeat import HeartbeatSender, OperatorCommands
from sandbox.monitoring import (
    ALERTMANAGER,
    PROMETHEUS,
    MonitoringStack,
    Timing,
    WebhookReceiver,
    find,
)
from sandbox.runner import SandboxProcess
from sandbox.seed import KIOSKS
from tests.fixtures.sandbox import settings_for

pytestmark = [
    pytest.mark.skipif(
        find(PROMETHEUS) is None or find(ALERTMANAGER) is None,
        reason="prometheus or alertmanager not installed (Debian packages prometheus and "
               "prometheus-alertmanager; scripts/ensure_test_tools.sh)"),
    pytest.mark.timeout(150),
]

FLEET = ("AHS-HOF-01", "AHS-HOF-02", "AHS-MUB-01")
SILENT = "AHS-MUB-01"
TIMING = Timing(scrape_s=1.0, down_after_s=4.0, keep_firing_s=2.0, for_s=1.0,
                group_wait_s=1.0, group_interval_s=2.0)


def until(condition: Callable[[], object], what: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.2)


@pytest.fixture
def senders(sandbox: SandboxProcess, tmp_path: Path) -> Iterator[dict[str, HeartbeatSender]]:
    keys = {k.id: k.key for k in KIOSKS}
    with PrinterEmulator(tmp_path / "receipts") as emulator:
        emulator.set_state(paper_out=True)
        clients = {kiosk_id: MunicipalityClient(settings_for(sandbox, api_key=keys[kiosk_id]))
                   for kiosk_id in FLEET}
        started: dict[str, HeartbeatSender] = {}
        for kiosk_id, client in clients.items():
            service = ServiceState()
            reporters: list[HealthReporter] = [service, StaffCall()]
            if kiosk_id == SILENT:
                reporters.append(ReceiptPrinter(PrinterSettings(
                    connection=f"tcp://127.0.0.1:{emulator.port}", timeout_s=1.0)))
            started[kiosk_id] = HeartbeatSender(client, kiosk_id, reporters,
                                                OperatorCommands(service), interval_s=0.5)
            started[kiosk_id].start()
        yield started
        for sender in started.values():
            sender.stop()
        for client in clients.values():
            client.close()


def test_one_down_and_one_back_per_outage(sandbox: SandboxProcess, tmp_path: Path,
                                          senders: dict[str, HeartbeatSender]) -> None:
    webhook = WebhookReceiver()
    try:
        with MonitoringStack(tmp_path / "stack", target=f"127.0.0.1:{sandbox.port}",
                             ca_file=sandbox.ca_path, token_file=sandbox.scrape_token_path,
                             webhook=webhook.url, timing=TIMING) as stack:
            until(lambda: len(stack.query("kiosk_last_heartbeat_timestamp_seconds")) == 3,
                  "Prometheus scrapes the three kiosks")
            until(lambda: ("firing", SILENT) in webhook.of("PrinterOutOfPaper"),
                  "the printer's paper-out is notified")

            senders[SILENT].stop()
            until(lambda: webhook.of("KioskDown"), "KioskDown is notified")
            assert webhook.of("KioskDown") == [("firing", SILENT)]

            def paper_alert_held_back() -> bool:
                return any(a["labels"]["alertname"] == "PrinterOutOfPaper"
                           and a["labels"]["kiosk_id"] == SILENT
                           and a["status"]["state"] == "suppressed"
                           and a["status"]["inhibitedBy"] for a in stack.alerts())

            until(paper_alert_held_back, "the printer alert is inhibited while down")

            senders[SILENT].start()
            until(lambda: len(webhook.of("KioskDown")) > 1, "KioskDown is resolved")
            # Alertmanager has forgotten the outage: nothing more can be sent about it.
            until(lambda: not any(a["labels"]["alertname"] == "KioskDown"
                                  for a in stack.alerts()), "the alert is gone")
            assert webhook.of("KioskDown") == [("firing", SILENT), ("resolved", SILENT)]
            assert webhook.of("PrinterOutOfPaper") == [("firing", SILENT)]
    finally:
        webhook.close()
