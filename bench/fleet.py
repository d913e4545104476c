"""A fleet of 1,000 kiosks heartbeating, and the scrape of /metrics over them.

Starts the sandbox (real HTTPS on 127.0.0.1) with 1,000 enrolled kiosks, and runs 1,000
simulated kiosks: each the real heartbeat code (`HeartbeatSender.beat_once` over its own
`MunicipalityClient` and API key) with Qt-free reporters whose snapshot has the shape of a
real kiosk's (service, staff call, connectivity, and a real outbox's health).

A round is one heartbeat interval in which every kiosk beats once, at evenly spread
moments: 30 s by default, the real fleet's rate (33 heartbeats a second), which is what
the targets are for. `--compress 3` runs the same at three times that rate (10 s rounds,
100 a second) as a stress. Either gap outlasts the server's 5 s keep-alive, so each
heartbeat opens a fresh TLS connection, as a kiosk's does every 30 s. Rounds of
heartbeats alternate with rounds of a bare endpoint (GET /v1/health through the same
clients, same schedule), so drift hits both.

Then /metrics is fetched over one kept-alive connection with the 1,000 kiosks in the
store, beside the same connection's GET /v1/health. Prints median and p99 of each.
Targets: heartbeat p99 <= 20 ms, /metrics <= 100 ms.

    python bench/fleet.py [--kiosks 1000] [--rounds 2] [--compress 1]
"""

from __future__ import annotations

import argparse
import gc
import logging
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import Heartbeat, HeartbeatReply
from kiosk.config import ApiSettings
from kiosk.health.assistance import StaffCall
from kiosk.health.model import HealthReporter
from kiosk.health.service import ServiceState
from kiosk.heartbeat import HeartbeatSender, OperatorCommands
from kiosk.offline_queue import Connectivity, Outbox, default_path
from sandbox.db import Database
from sandbox.runner import SandboxProcess
from sandbox.seed import key_sha256, seed

REAL_INTERVAL_S = 30.0


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def line(label: str, samples: list[float]) -> str:
    return (f"{label}: median {statistics.median(samples):6.2f} ms, "
            f"p99 {p99(samples):6.2f} ms (n={len(samples)})")


class Timed:
    """The heartbeat client with its round trip timed (the snapshot is not counted)."""

    def __init__(self, client: MunicipalityClient, samples: list[float]) -> None:
        self._client = client
        self._samples = samples

    def heartbeat(self, heartbeat: Heartbeat) -> HeartbeatReply:
        started = time.perf_counter()
        try:
            return self._client.heartbeat(heartbeat)
        finally:
            self._samples.append((time.perf_counter() - started) * 1000)


def enrol(data_dir: Path, count: int) -> list[tuple[str, str]]:
    """Seeds the sandbox's database with `count` more kiosks; (id, key) of each."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(data_dir / "sandbox.sqlite3")
    seed(db)
    kiosks = [(f"AHS-BEN-{n:04d}", f"bench-kiosk-key-{n:04d}-0000") for n in range(count)]
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO kiosks (id, key_sha256, branch, location_ar, active) "
            "VALUES (?, ?, 'hofuf', 'جهاز قياس', 1)",
            [(kiosk_id, key_sha256(key)) for kiosk_id, key in kiosks])
    db.close()
    return kiosks


def run_round(calls: list[Callable[[], object]], interval_s: float,
              pool: ThreadPoolExecutor) -> int:
    """Starts each call at its evenly spread moment of the interval; waits for all.
    Returns how many started more than 50 ms late (the client side was saturated)."""
    start = time.perf_counter()
    late = 0
    futures = []
    for index, call in enumerate(calls):
        due = start + interval_s * index / len(calls)
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        elif wait < -0.05:
            late += 1
        futures.append(pool.submit(call))
    for future in futures:
        future.result()
    return late


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each kind")
    parser.add_argument("--compress", type=float, default=1.0,
                        help="how many times faster than a 30 s interval")
    parser.add_argument("--scrapes", type=int, default=30)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    interval_s = REAL_INTERVAL_S / args.compress
    beat_ms: list[float] = []
    bare_ms: list[float] = []
    late = 0
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-fleet-") as tmp:
        root = Path(tmp)
        kiosks = enrol(root / "sandbox", args.kiosks)
        with SandboxProcess(root / "sandbox") as sandbox:
            outbox = Outbox.open(default_path(root / "kiosk"), reference_prefix="AHS-BEN")
            clients: list[MunicipalityClient] = []
            senders: list[HeartbeatSender] = []
            for kiosk_id, key in kiosks:
                client = MunicipalityClient(ApiSettings(
                    base_url=sandbox.base_url, ca_bundle=sandbox.ca_path, api_key=key))
                clients.append(client)
                service = ServiceState()
                reporters: list[HealthReporter] = [outbox, Connectivity(), StaffCall(), service]
                senders.append(HeartbeatSender(Timed(client, beat_ms), kiosk_id, reporters,
                                               OperatorCommands(service)))

            def probe(client: MunicipalityClient) -> Callable[[], object]:
                def call() -> object:
                    started = time.perf_counter()
                    client.probe()
                    bare_ms.append((time.perf_counter() - started) * 1000)
                    return None
                return call

            # The 1,000 simulated kiosks share this one process (each real kiosk is its
            # own machine): their clients and TLS contexts stay out of the collector's
            # full passes, whose pauses would otherwise be timed as the server's.
            gc.freeze()
            with ThreadPoolExecutor(max_workers=16) as pool:
                # One round of each to warm up (imports, first connections), not counted.
                run_round([s.beat_once for s in senders], interval_s, pool)
                run_round([probe(c) for c in clients], interval_s, pool)
                beat_ms.clear()
                bare_ms.clear()
                for _ in range(args.rounds):
                    late += run_round([s.beat_once for s in senders], interval_s, pool)
                    late += run_round([probe(c) for c in clients], interval_s, pool)
            failed = sum(1 for s in senders if s.failures)
            for client in clients:
                client.close()
            outbox.close()

            metrics_ms: list[float] = []
            health_ms: list[float] = []
            with httpx.Client(verify=sandbox.ssl_context(), timeout=30.0) as http:
                auth = {"Authorization": f"Bearer {sandbox.scrape_token}"}
                body = http.get(sandbox.metrics_url, headers=auth).text
                series = sum(1 for text in body.splitlines() if not text.startswith("#"))
                for _ in range(args.scrapes):
                    started = time.perf_counter()
                    http.get(sandbox.metrics_url, headers=auth).raise_for_status()
                    metrics_ms.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    http.get(f"{sandbox.base_url}/health").raise_for_status()
                    health_ms.append((time.perf_counter() - started) * 1000)
    threads = threading.active_count()
    print(f"fleet: {args.kiosks} kiosks, a {REAL_INTERVAL_S:g} s interval compressed "
          f"{args.compress:g}x ({interval_s:g} s rounds, "
          f"{args.kiosks / interval_s:.0f} requests/s), {args.rounds} rounds of each; "
          f"{failed} kiosk(s) failing at the end, {late} late start(s), {threads} threads")
    print(line("heartbeat (POST, fresh TLS)       ", beat_ms) + "  (target p99 <= 20 ms)")
    print(line("bare GET /v1/health (fresh TLS)   ", bare_ms))
    print(line(f"/metrics ({series} series)     ", metrics_ms)
          + "  (target <= 100 ms)")
    print(line("bare GET /v1/health (kept alive)  ", health_ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
