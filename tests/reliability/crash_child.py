"""The kiosk's delivery process as the crash-safety harness runs it (and SIGKILLs it).

    python -m tests.reliability.crash_child --outbox F --template T --base-url U --ca C
        --api-key K --run R --count N [--drain]        (from the repository's root)

It wires the real parts exactly as the app does (Outbox, MunicipalityClient over HTTPS,
ClientDeliverer, DeliveryWorker), prints `READY`, then enqueues `--count` applications
made from the JSON template with a unique shop name `CT <run>-<n>`, and prints
`ACK <idempotency key> <marker>` only after `enqueue` returned: that line is the
"received" a beneficiary would have seen. With `--drain` it delivers everything pending,
prints `DRAINED ...` and exits; otherwise it keeps delivering until killed.

`--zygote` makes this a fork server: it imports everything once, then for each JSON line
`{"argv": [...], "out": PATH}` on stdin forks a child that runs the above with its output
in PATH, answers `PID <pid>`, and `EXIT <pid> <status>` once the child is gone. Only the
imports are shared; each child opens the outbox, the TLS connection and the worker itself,
so killing it is killing a freshly started kiosk process, hundreds of times a minute
instead of one per second of interpreter start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import traceback
from pathlib import Path

from kiosk.api.client import MunicipalityClient
from kiosk.config import ApiSettings
from kiosk.offline_queue import BackoffPolicy, Connectivity, DeliveryWorker, Outbox
from kiosk.offline_queue.deliverer import ClientDeliverer
from tests.reliability.payloads import enqueue


def run(argv: list[str]) -> int:
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
                            link_backoff=fast, idle_poll_s=0.05)
    worker.start()
    print("READY", flush=True)
    pace = threading.Event()
    for n in range(args.count):
        marker = f"{args.run}-{n}"
        entry = enqueue(outbox, template, marker)
        print(f"ACK {entry.idempotency_key} {marker}", flush=True)
        pace.wait(random.uniform(0, 0.004))
    if args.drain:
        drained = worker.drain(300)
        pending = outbox.counts()
        print(f"DRAINED {drained} {json.dumps({str(k): v for k, v in pending.items()})}",
              flush=True)
        worker.stop()
        outbox.close()
        client.close()
        return 0 if drained else 1
    threading.Event().wait()  # keep delivering until the harness kills this process
    return 0


def zygote() -> int:
    """The fork server: one command per stdin line, until stdin closes."""
    for line in sys.stdin:
        command = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: fresh randomness, its own output, no command pipe
            random.seed()
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            out = os.open(command["out"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(out, 1)
            code = 1
            try:
                code = run(command["argv"])
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                os._exit(code)
        print(f"PID {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"EXIT {pid} {status}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--zygote"]:
        return zygote()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
