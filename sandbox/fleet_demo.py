"""`python -m sandbox.fleet_demo` (`make fleet-demo`): the operators' stack to look at.

Starts the sandbox, three kiosks heartbeating through the real heartbeat code (no windows:
the Qt-free part, with a real printer on the emulator), Debian's prometheus and
alertmanager over them with the shipped configuration, and a webhook receiver that prints
each notification. It prints the URLs to open, then takes commands on standard input:
a kiosk's id stops its heartbeats or starts them again (KioskDown after `--down-after`
seconds, then "resolved" once it calls in again); `paper` runs the printer out of paper
or fills it; `quit` (or Ctrl+C) stops everything.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from kiosk.api.client import MunicipalityClient
from kiosk.config import ApiSettings, PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import ReceiptPrinter
from kiosk.health.assistance import StaffCall
from kiosk.health.model import HealthReporter
from kiosk.health.service import ServiceState
from kiosk.heartbeat import HeartbeatSender, OperatorCommands
from sandbox.monitoring import MonitoringError, MonitoringStack, Timing, WebhookReceiver
from sandbox.runner import SandboxProcess
from sandbox.seed import KIOSKS

FLEET = ("AHS-HOF-01", "AHS-HOF-02", "AHS-MUB-01")


def _print_notification(notification: dict[str, Any]) -> None:
    for alert in notification.get("alerts", []):
        labels = alert.get("labels", {})
        print(f"  alert {notification.get('status', '?'):8} {labels.get('alertname', '?')} "
              f"{labels.get('kiosk_id', '')}: {alert.get('annotations', {}).get('summary', '')}",
              flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.fleet_demo",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=5.0,
                        help="seconds between each kiosk's heartbeats (default 5)")
    parser.add_argument("--down-after", type=float, default=30.0,
                        help="seconds of silence before KioskDown (the shipped rule says "
                             "180; default 30 so a person need not wait)")
    args = parser.parse_args(argv)
    keys = {k.id: k.key for k in KIOSKS}
    with tempfile.TemporaryDirectory(prefix="fleet-demo-") as tmp, ExitStack() as stack:
        root = Path(tmp)
        sandbox = stack.enter_context(SandboxProcess(root / "sandbox"))
        printer = stack.enter_context(PrinterEmulator(root / "receipts"))
        senders: dict[str, HeartbeatSender] = {}
        for kiosk_id in FLEET:
            client = MunicipalityClient(ApiSettings(
                base_url=sandbox.base_url, ca_bundle=sandbox.ca_path, api_key=keys[kiosk_id]))
            stack.callback(client.close)
            service = ServiceState()
            reporters: list[HealthReporter] = [service, StaffCall(), ReceiptPrinter(
                PrinterSettings(connection=f"tcp://127.0.0.1:{printer.port}", timeout_s=1.0))]
            senders[kiosk_id] = HeartbeatSender(client, kiosk_id, reporters,
                                                OperatorCommands(service),
                                                interval_s=args.interval)
            senders[kiosk_id].start()
            stack.callback(senders[kiosk_id].stop)
        webhook = WebhookReceiver(_print_notification)
        stack.callback(webhook.close)
        timing = Timing(scrape_s=min(args.interval, 15.0), down_after_s=args.down_after,
                        keep_firing_s=args.down_after, group_wait_s=2.0,
                        group_interval_s=10.0)
        try:
            monitoring = stack.enter_context(MonitoringStack(
                root / "stack", target=f"127.0.0.1:{sandbox.port}", ca_file=sandbox.ca_path,
                token_file=sandbox.scrape_token_path, webhook=webhook.url, timing=timing))
        except MonitoringError as exc:
            print(f"fleet-demo: {exc}", file=sys.stderr)
            return 1
        print(f"Prometheus:    {monitoring.prometheus_url}/alerts  (and /graph)\n"
              f"Alertmanager:  {monitoring.alertmanager_url}\n"
              f"Metrics:       {sandbox.metrics_url}  "
              f"(bearer token in {sandbox.scrape_token_path})\n"
              f"Fleet (admin): {sandbox.origin}/admin/fleet  "
              f"(X-Admin-Token from {sandbox.admin_token_path})\n"
              f"Kiosks: {', '.join(FLEET)}. Type a kiosk's id to stop or restart its "
              "heartbeats, 'paper' to empty or fill the printers, 'quit' to stop.",
              flush=True)
        paper_out = False
        try:
            for line in sys.stdin:
                word = line.strip().upper()
                if word == "QUIT":
                    break
                if word == "PAPER":
                    paper_out = not paper_out
                    printer.set_state(paper_out=paper_out)
                    print(f"printers {'out of paper' if paper_out else 'refilled'}", flush=True)
                elif word in senders:
                    sender = senders[word]
                    if sender.running:
                        sender.stop()
                        print(f"{word}: heartbeats stopped", flush=True)
                    else:
                        sender.start()
                        print(f"{word}: heartbeats again", flush=True)
                elif word:
                    print(f"unknown: {word} (a kiosk id, paper or quit)", flush=True)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
