"""The operators' monitoring stack over the sandbox: Debian's prometheus and alertmanager.

What `make fleet-demo` shows a person and what tests/monitoring/test_stack.py proves: the
real binaries, on loopback ports with data folders of their own, running the shipped
configuration (`config/monitoring/`) with two changes only: where things are (the
sandbox's port, its CA, the scrape credential's file, a webhook instead of mail) and, when
asked, shorter times (a test cannot wait three minutes for a kiosk to be down).

`WebhookReceiver` is Alertmanager's webhook receiver: it keeps every notification (and
prints it, for the demo). Nothing here is needed by the sandbox itself.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx
import yaml

MONITORING_DIR = Path(__file__).resolve().parents[1] / "config" / "monitoring"
RULES_FILE = "kiosk-alerts.yml"
START_TIMEOUT_S = 30.0
# The one threshold the shipped rules state in seconds (KioskDown's three minutes).
KIOSK_DOWN = "time() - kiosk_last_heartbeat_timestamp_seconds > 180"


class MonitoringError(RuntimeError):
    """A binary is missing or did not start; the message quotes its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _load(name: str) -> Any:
    return yaml.safe_load((MONITORING_DIR / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Timing:
    """How fast the stack runs: the shipped values, or short ones for a test or a demo."""

    scrape_s: float = 15.0
    down_after_s: float | None = None  # None: the shipped three minutes
    keep_firing_s: float | None = None  # None: the shipped keep_firing_for
    for_s: float | None = None  # None: each rule's own `for`
    group_wait_s: float | None = None
    group_interval_s: float | None = None


def _seconds(value: float) -> str:
    return f"{round(value * 1000)}ms"


def rules(timing: Timing) -> dict[str, Any]:
    """The shipped alert rules with `timing`'s durations."""
    document = _load(RULES_FILE)
    for group in document["groups"]:
        for rule in group["rules"]:
            if rule.get("alert") == "KioskDown" and timing.down_after_s is not None:
                if rule["expr"] != KIOSK_DOWN:
                    raise MonitoringError(f"KioskDown's expression changed: {rule['expr']!r}")
                rule["expr"] = KIOSK_DOWN.replace("180", f"{timing.down_after_s:g}")
            if "keep_firing_for" in rule and timing.keep_firing_s is not None:
                rule["keep_firing_for"] = _seconds(timing.keep_firing_s)
            if "for" in rule and timing.for_s is not None:
                rule["for"] = _seconds(timing.for_s)
    return dict(document)


def prometheus_config(*, target: str, ca_file: Path, token_file: Path, alertmanager: str,
                      rules_file: Path, timing: Timing) -> dict[str, Any]:
    """The shipped scrape configuration pointed at `target` (host:port) and `alertmanager`."""
    document = _load("prometheus.yml")
    interval = _seconds(timing.scrape_s)
    document["global"].update(scrape_interval=interval, evaluation_interval=interval)
    document["rule_files"] = [str(rules_file)]
    document["alerting"]["alertmanagers"][0]["static_configs"] = [{"targets": [alertmanager]}]
    (job,) = document["scrape_configs"]
    job["authorization"]["credentials_file"] = str(token_file)
    job["tls_config"]["ca_file"] = str(ca_file)
    job["static_configs"] = [{"targets": [target]}]
    return dict(document)


def alertmanager_config(*, webhook: str, timing: Timing) -> dict[str, Any]:
    """The shipped example with every receiver posting to `webhook` (same names, so the
    routes are the shipped ones) and, when asked, shorter grouping times."""
    document = _load("alertmanager.yml")
    document["receivers"] = [{"name": r["name"], "webhook_configs": [
        {"url": webhook, "send_resolved": True}]} for r in document["receivers"]]
    routes = [document["route"], *document["route"].get("routes", [])]
    for route in routes:
        if timing.group_wait_s is not None and "group_wait" in route:
            route["group_wait"] = _seconds(timing.group_wait_s)
        if timing.group_interval_s is not None and "group_interval" in route:
            route["group_interval"] = _seconds(timing.group_interval_s)
    return dict(document)


#: The binaries by their Debian names (upstream calls the second `alertmanager`), with
#: the package each comes in.
PROMETHEUS = (("prometheus",), "prometheus")
ALERTMANAGER = (("prometheus-alertmanager", "alertmanager"), "prometheus-alertmanager")


def find(binary: tuple[tuple[str, ...], str]) -> str | None:
    """The path of `PROMETHEUS` or `ALERTMANAGER`, or None when not installed."""
    names, _package = binary
    return next((path for path in map(shutil.which, names) if path is not None), None)


class _Binary:
    """One of the two binaries as a child process on a loopback port."""

    def __init__(self, binary: tuple[tuple[str, ...], str], args: list[str], port: int,
                 log: Path) -> None:
        names, package = binary
        path = find(binary)
        if path is None:
            raise MonitoringError(f"{names[0]} is not installed (Debian package {package})")
        name = names[-1]
        self.name = name
        self.url = f"http://127.0.0.1:{port}"
        self._log_path = log
        self._log: IO[bytes] = log.open("wb")
        self._proc = subprocess.Popen([path, *args], stdin=subprocess.DEVNULL,
                                      stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        with httpx.Client(timeout=1.0) as http:
            while time.monotonic() < deadline:
                if self._proc.poll() is not None:
                    raise MonitoringError(f"{self.name} exited during start:\n{self.log_tail()}")
                try:
                    if http.get(f"{self.url}/-/ready").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        raise MonitoringError(f"{self.name} was not ready in {START_TIMEOUT_S} s:\n"
                              f"{self.log_tail()}")

    def log_tail(self) -> str:
        return self._log_path.read_text(encoding="utf-8", errors="replace")[-3000:]

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
        self._log.close()


class WebhookReceiver:
    """Alertmanager's webhook receiver on a loopback port: keeps every notification
    (Alertmanager's JSON) in order; `on_notification` is also told (the demo prints)."""

    def __init__(self, on_notification: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.notifications: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        received = self._received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                received(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: the notifications are the output

        self._on_notification = on_notification
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/alerts"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                         name="webhook-receiver", daemon=True)
        self._thread.start()

    def _received(self, notification: dict[str, Any]) -> None:
        with self._lock:
            self.notifications.append(notification)
        if self._on_notification is not None:
            self._on_notification(notification)

    def of(self, alertname: str) -> list[tuple[str, str]]:
        """(status, kiosk_id) of each notification about `alertname`, in arrival order."""
        with self._lock:
            return [(n["status"], n["groupLabels"].get("kiosk_id", ""))
                    for n in self.notifications
                    if n.get("groupLabels", {}).get("alertname") == alertname]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class MonitoringStack:
    """Alertmanager, then Prometheus scraping the sandbox at `target`, in `work_dir`."""

    def __init__(self, work_dir: Path, *, target: str, ca_file: Path, token_file: Path,
                 webhook: str, timing: Timing) -> None:
        self.work_dir = work_dir
        self._args = (target, ca_file, token_file, webhook, timing)
        self.alertmanager: _Binary | None = None
        self.prometheus: _Binary | None = None

    def __enter__(self) -> MonitoringStack:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        target, ca_file, token_file, webhook, timing = self._args
        folder = self.work_dir
        for name in ("alertmanager-data", "prometheus-data"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        _write(folder / "alertmanager.yml", alertmanager_config(webhook=webhook, timing=timing))
        _write(folder / RULES_FILE, rules(timing))
        am_port, prom_port = free_port(), free_port()
        try:
            self.alertmanager = _Binary(ALERTMANAGER, [
                f"--config.file={folder / 'alertmanager.yml'}",
                f"--storage.path={folder / 'alertmanager-data'}",
                f"--web.listen-address=127.0.0.1:{am_port}",
                "--cluster.listen-address=",  # one instance: no gossip port
            ], am_port, folder / "alertmanager.log")
            _write(folder / "prometheus.yml", prometheus_config(
                target=target, ca_file=ca_file, token_file=token_file,
                alertmanager=f"127.0.0.1:{am_port}", rules_file=folder / RULES_FILE,
                timing=timing))
            self.prometheus = _Binary(PROMETHEUS, [
                f"--config.file={folder / 'prometheus.yml'}",
                f"--storage.tsdb.path={folder / 'prometheus-data'}",
                f"--web.listen-address=127.0.0.1:{prom_port}",
                # Firing alerts go to Alertmanager again this often (1 min by default).
                f"--rules.alert.resend-delay={_seconds(min(timing.scrape_s, 60.0))}",
            ], prom_port, folder / "prometheus.log")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for binary in (self.prometheus, self.alertmanager):
            if binary is not None:
                binary.stop()
        self.prometheus = self.alertmanager = None

    @property
    def prometheus_url(self) -> str:
        assert self.prometheus is not None
        return self.prometheus.url

    @property
    def alertmanager_url(self) -> str:
        assert self.alertmanager is not None
        return self.alertmanager.url

    def query(self, expression: str) -> list[dict[str, Any]]:
        """An instant PromQL query's result vector."""
        response = httpx.get(f"{self.prometheus_url}/api/v1/query",
                             params={"query": expression}, timeout=5.0)
        response.raise_for_status()
        result: list[dict[str, Any]] = response.json()["data"]["result"]
        return result

    def alerts(self) -> list[dict[str, Any]]:
        """Alertmanager's alerts (with their `status`: active, suppressed and why)."""
        response = httpx.get(f"{self.alertmanager_url}/api/v2/alerts", timeout=5.0)
        response.raise_for_status()
        alerts: list[dict[str, Any]] = response.json()
        return alerts


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
