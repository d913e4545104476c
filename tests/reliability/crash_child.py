"""The kiosk's delivery process as the crash-safety harness runs it (and SIGKILLs it).

    python -m tests.reliability.crash_child --outbox F --template T --base-url U --ca C
        --api-key K --run R --count N [--drain]        (from the repository's root)

It wires the real parts exactly as the app does (Outbox, MunicipalityClient over HTTPS,
ClientDeliverer, DeliveryWorker), prints `READY`, then enqueues `--count` applications
made from the JSON template with a unique shop name `CT <run>-<n>`, and prints
`ACK <idempotency key> <marker>` only after `enqueue` returned: that line is the
"received" a beneficiary would have seen. With `--drain` it delivers everything pending,
prints `DRAINED <count>` and exits; otherwise it keeps delivering until killed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
from pathlib import Path

from kiosk.api.client import MunicipalityClient
from kiosk.config import ApiSettings
from kiosk.offline_queue import BackoffPolicy, Connectivity, DeliveryWorker, Outbox
from kiosk.offline_queue.deliverer import ClientDeliverer
from tests.reliability.payloads import application


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--outbox", type=Path, required=True)
    parser.add_argument("--template", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--ca", type=Path, required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--drain", action="store_true")
    args = parser.parse_args(argv)

    template = json.loads(args.template.read_text(encoding="utf-8"))
    settings = ApiSettings(base_url=args.base_url, ca_bundle=args.ca, api_key=args.api_key,
                           connect_timeout_s=2.0, read_timeout_s=10.0)
    fast = BackoffPolicy(base_s=0.02, cap_s=0.2)
    client = MunicipalityClient(settings)
    outbox = Outbox.open(args.outbox, reference_prefix="CRASH")
    worker = DeliveryWorker(outbox, ClientDeliverer(client), Connectivity(), backoff=fast,
                            link_backoff=fast, idle_poll_s=0.05, purge_after_s=None)
    worker.start()
    print("READY", flush=True)
    pace = threading.Event()
    for n in range(args.count):
        marker = f"{args.run}-{n}"
        entry = outbox.enqueue("submit_application", application(template, marker))
        print(f"ACK {entry.idempotency_key} {marker}", flush=True)
        pace.wait(random.uniform(0, 0.004))
    if args.drain:
        drained = worker.drain(120)
        pending = outbox.counts()
        print(f"DRAINED {drained} {json.dumps({str(k): v for k, v in pending.items()})}",
              flush=True)
        worker.stop()
        outbox.close()
        client.close()
        return 0 if drained else 1
    threading.Event().wait()  # keep delivering until the harness kills this process
    return 0


if __name__ == "__main__":
    sys.exit(main())
