"""Offline queue figures: durable enqueue latency beside a raw fsync'd write, and replay
throughput of 1,000 queued requests into the sandbox over HTTPS on loopback.

Targets (issue 6): enqueue p99 <= 3x the raw fsync'd write's p99 on the same disk in the
same run; replay >= 200 requests/s. Prints figures, never fails on time.

    .venv/bin/python bench/queue.py [--dir DIR] [--samples N] [--rounds R] [--replay N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.api.client import MunicipalityClient
from kiosk.api.proof import make_proof
from kiosk.api.schema import ApplicationDraft, LicenceKind, SubmitApplication, json_payload
from kiosk.config import ApiSettings
from kiosk.offline_queue import Connectivity, DeliveryWorker, Outbox
from kiosk.offline_queue.deliverer import ClientDeliverer
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN

# What a kiosk stores for one licence application (the shape of api.schema.SubmitApplication).
PAYLOAD = {
    "application": {
        "licence_type": "professional",
        "answers": {
            "national_id": "1000000008", "mobile": "0551234567", "cr_number": "2050012345",
            "shop_name": "بقالة الواحة", "activity": "grocery", "district": "al_naathel",
            "area_m2": 48, "lease_contract": "20231234567",
        },
    },
    # A proof bound to one request (kiosk.api.proof), never the token itself.
    "beneficiary_proof": {"token_id": "0" * 64, "mac": "A" * 43},
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(action: Callable[[], object], samples: int) -> list[float]:
    out: list[float] = []
    for _ in range(samples):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def bench_enqueue(folder: Path, samples: int, rounds: int) -> None:
    record = json.dumps(PAYLOAD, ensure_ascii=False, sort_keys=True).encode()
    raw_path = folder / "raw-fsync.bin"
    fd = os.open(raw_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def raw_write() -> None:
        os.write(fd, record)
        os.fsync(fd)

    raw: list[float] = []
    enq: list[float] = []
    with Outbox.open(folder / "outbox.sqlite3") as outbox:
        timed(raw_write, 20)  # warm both paths up before measuring
        timed(lambda: outbox.enqueue("submit_application", PAYLOAD), 20)
        for _ in range(rounds):  # alternate, so both see the same disk weather
            raw.extend(timed(raw_write, samples))
            enq.extend(timed(lambda: outbox.enqueue("submit_application", PAYLOAD), samples))
    os.close(fd)

    def ms(value: float) -> str:
        return f"{value * 1000:.3f} ms"

    raw_p50, raw_p99 = statistics.median(raw), percentile(raw, 0.99)
    enq_p50, enq_p99 = statistics.median(enq), percentile(enq, 0.99)
    print(f"disk: {folder} ({len(record)} byte record, {len(enq)} samples each,"
          f" {rounds} alternating rounds)")
    print(f"raw fsync'd write   median {ms(raw_p50)}  p99 {ms(raw_p99)}")
    print(f"durable enqueue     median {ms(enq_p50)}  p99 {ms(enq_p99)}")
    print(f"enqueue p99 / raw fsync p99 = {enq_p99 / raw_p99:.2f}x (target <= 3x);"
          f" median ratio {enq_p50 / raw_p50:.2f}x")


def _application(token: str, n: int, key: str) -> dict[str, Any]:
    """A queued application for idempotency key `key`, proved the way the issue flow does."""
    draft = ApplicationDraft(licence_type=LicenceKind.PROFESSIONAL, answers={
        "shop_name": f"Bench {n}", "cr_number": "2250000011", "lease_number": "10000000011",
        "district": "hofuf-kut", "activity": "tailor", "area_m2": 40,
        "contact_mobile": CLEAN.mobile,
    })
    return json_payload(SubmitApplication(application=draft,
                                          beneficiary_proof=make_proof(token, key, draft)))


def _enqueue(outbox: Outbox, token: str, n: int) -> None:
    key = str(uuid.uuid4())
    outbox.enqueue("submit_application", _application(token, n, key), idempotency_key=key)


class _Instant:
    """A deliverer that answers at once: the queue's own ceiling, without any server."""

    def deliver(self, entry: object) -> dict[str, str]:
        return {"transaction_number": "1448-000001", "status": "received"}


def _token(client: MunicipalityClient, sandbox: SandboxProcess) -> str:
    challenge = client.request_otp(CLEAN.national_id, CLEAN.mobile)
    return client.verify_otp(challenge.challenge_id, sandbox.admin.latest_otp(CLEAN.mobile)).token


def _settings(sandbox: SandboxProcess) -> ApiSettings:
    return ApiSettings(base_url=sandbox.base_url, ca_bundle=sandbox.ca_path,
                       api_key=sandbox.api_key)


def _replay(outbox: Outbox, deliverer: Any) -> float:
    worker = DeliveryWorker(outbox, deliverer, Connectivity(), idle_poll_s=0.05)
    start = time.perf_counter()
    worker.start()
    drained = worker.drain(600)
    elapsed = time.perf_counter() - start
    worker.stop()
    if not drained:
        raise SystemExit("bench: the queue did not drain")
    return elapsed


def _queue_alone(folder: Path, count: int) -> float:
    with Outbox.open(folder / f"queue-only-{uuid.uuid4().hex[:6]}.sqlite3") as outbox:
        for n in range(count):
            _enqueue(outbox, "tok_" + "x" * 40, n)
        return count / _replay(outbox, _Instant())


def _through_outbox(folder: Path, count: int) -> float:
    tag = uuid.uuid4().hex[:6]
    with SandboxProcess(folder / f"sandbox-{tag}") as sandbox, \
            MunicipalityClient(_settings(sandbox)) as client:
        token = _token(client, sandbox)
        with Outbox.open(folder / f"replay-{tag}.sqlite3") as outbox:
            for n in range(count):
                _enqueue(outbox, token, n)
            return count / _replay(outbox, ClientDeliverer(client))


def _direct(folder: Path, count: int) -> float:
    with SandboxProcess(folder / f"sandbox-{uuid.uuid4().hex[:6]}") as sandbox, \
            MunicipalityClient(_settings(sandbox)) as client:
        token = _token(client, sandbox)
        start = time.perf_counter()
        for n in range(count):
            key = str(uuid.uuid4())
            client.send("submit_application", _application(token, n, key), key)
        return count / (time.perf_counter() - start)


def bench_replay(folder: Path, count: int, rounds: int) -> None:
    # Every round gets fresh sandboxes: the sandbox's rules slow down as one
    # beneficiary's records pile up, so replay and baseline start from the same seed.
    # Rounds alternate so both see the same machine load.
    replay: list[float] = []
    direct: list[float] = []
    alone: list[float] = []
    for _ in range(rounds):
        replay.append(_through_outbox(folder, count))
        direct.append(_direct(folder, count))
        alone.append(_queue_alone(folder, count))

    def runs(values: list[float]) -> str:
        return ", ".join(f"{v:.0f}" for v in values)

    print(f"replay of {count} queued requests into the sandbox (HTTPS, loopback):"
          f" median {statistics.median(replay):.0f} requests/s over {rounds} runs"
          f" ({runs(replay)}; target >= 200/s)")
    print(f"baseline, the same {count} requests sent by the client directly, no outbox:"
          f" median {statistics.median(direct):.0f} requests/s ({runs(direct)})")
    print(f"the queue alone (claim + record, fsync'd, instant deliverer):"
          f" median {statistics.median(alone):.0f} requests/s ({runs(alone)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("var"),
                        help="a folder on the disk to measure (default: ./var)")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--replay", type=int, default=1000,
                        help="queued requests to replay into the sandbox (0 = skip)")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-queue-") as folder:
        bench_enqueue(Path(folder), args.samples, args.rounds)
        if args.replay:
            bench_replay(Path(folder), args.replay, args.rounds)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
