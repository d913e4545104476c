"""A closed connection is freed at once, not left for the cyclic collector.

The server runs in this process (uvicorn over real TLS on 127.0.0.1, the sandbox's own
application), because only here can the test ask Python's collector what it would have
had to free: with 1,000 kiosks, that garbage made the full collections whose pauses were
the heartbeat's p99 (sandbox/http_protocol.py).
"""

from __future__ import annotations

import gc
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from sandbox.app import create_app
from sandbox.http_protocol import ClosingH11Protocol
from sandbox.tls import ensure_tls

KEEP_ALIVE_S = 0.5


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, ssl.SSLContext, uvicorn.Server]]:
    tls = ensure_tls(tmp_path)
    app, sandbox = create_app(tmp_path, "admin-token-for-this-test")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, ssl_certfile=str(tls.server_chain),
                            ssl_keyfile=str(tls.server_key), http=ClosingH11Protocol,
                            lifespan="off", log_level="warning",
                            timeout_keep_alive=KEEP_ALIVE_S)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    port = sock.getsockname()[1]
    try:
        yield (f"https://127.0.0.1:{port}/v1",
               ssl.create_default_context(cafile=str(tls.ca_cert)), server)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        sandbox.db.close()


def _protocols_left_for_the_collector() -> int:
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return sum(1 for o in gc.garbage if isinstance(o, H11Protocol))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def _wait_until_closed(server: uvicorn.Server) -> None:
    deadline = time.monotonic() + 10
    while server.server_state.connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not server.server_state.connections


def _reset_after_one_request(base_url: str, context: ssl.SSLContext) -> None:
    """One request over TLS, then the connection dies with a TCP reset while the server's
    keep-alive timer still runs: what a kiosk's client, a NAT box or a pulled cable does."""
    url = httpx.URL(base_url)
    host = url.host
    raw = socket.create_connection((host, url.port or 443))
    with context.wrap_socket(raw, server_hostname=host) as tls:
        tls.sendall(b"GET /v1/health HTTP/1.1\r\nHost: kiosk\r\n\r\n")
        assert tls.recv(4096).startswith(b"HTTP/1.1 200")
        tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_closed_connections_leave_nothing_for_the_collector(
    served: tuple[str, ssl.SSLContext, uvicorn.Server],
) -> None:
    base_url, context, server = served
    gc.collect()
    gc.disable()  # whatever forms a cycle stays for the count below
    try:
        _close_in_every_way(base_url, context, server)
        assert _protocols_left_for_the_collector() == 0
    finally:
        gc.enable()


def _close_in_every_way(base_url: str, context: ssl.SSLContext,
                        server: uvicorn.Server) -> None:
    with httpx.Client(verify=context) as client:
        for _ in range(5):
            # A kiosk's heartbeats: one request, then the connection idles until the
            # server's keep-alive ends it; the next finds it closed and opens a new one.
            assert client.get(f"{base_url}/health").status_code == 200
            time.sleep(KEEP_ALIVE_S * 2)
    for _ in range(5):
        with httpx.Client(verify=context) as client:  # the client hangs up first
            assert client.get(f"{base_url}/health").status_code == 200
    for _ in range(5):
        _reset_after_one_request(base_url, context)
    _wait_until_closed(server)
