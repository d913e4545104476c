"""Status inquiry latency through `MunicipalityClient` vs a bare httpx GET, same run.

Starts the sandbox (real HTTPS on 127.0.0.1), then times `client.transaction(number)`
(typed parsing, error mapping, logging) and a bare `httpx.Client.get` of the same URL with
the same TLS context and headers. Rounds alternate between the two so drift hits both.
Prints median and p99 of each and the ratio; the issue's target is <= 1.5x the bare call.

    python bench/api.py [--requests 300] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from kiosk.api.client import MunicipalityClient
from kiosk.config import ApiSettings
from sandbox.runner import SandboxProcess

NUMBER = "1447-000103"


def timed(call: Callable[[], object], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, SandboxProcess(Path(tmp)) as sandbox:
        settings = ApiSettings(base_url=sandbox.base_url, ca_bundle=sandbox.ca_path,
                               api_key=sandbox.api_key)
        url = f"{sandbox.base_url}/transactions/{NUMBER}"
        with MunicipalityClient(settings) as client, httpx.Client(
                verify=sandbox.ssl_context(),
                headers={"Authorization": f"Bearer {sandbox.api_key}"}) as bare:
            def ours() -> object:
                return client.transaction(NUMBER)

            def baseline() -> object:
                response = bare.get(url)
                response.raise_for_status()
                return response.content

            timed(ours, 50)
            timed(baseline, 50)
            client_ms: list[float] = []
            bare_ms: list[float] = []
            for _ in range(args.rounds):
                client_ms += timed(ours, args.requests)
                bare_ms += timed(baseline, args.requests)
    n = len(client_ms)
    c_med, b_med = statistics.median(client_ms), statistics.median(bare_ms)
    print(f"api status inquiry, MunicipalityClient: median {c_med:.2f} ms, "
          f"p99 {p99(client_ms):.2f} ms (n={n})")
    print(f"api status inquiry, bare httpx GET:     median {b_med:.2f} ms, "
          f"p99 {p99(bare_ms):.2f} ms (n={n})")
    print(f"api client overhead: {c_med / b_med:.2f}x median, "
          f"{p99(client_ms) / p99(bare_ms):.2f}x p99 (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
