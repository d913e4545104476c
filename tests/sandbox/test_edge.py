"""The edge's last resort, on a real uvicorn server and a real kept-alive connection.

The sandbox's routes no longer crash on any input we know of, so these tests add a route
that does (to the sandbox's own FastAPI application, with its own error handlers) and
check what a client meets: the documented 500 body, and the same connection serving the
next request. Without the edge, uvicorn hangs up after the 500, and a client that keeps
connections alive finds the socket dead on its next request.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from kiosk.api.schema import ErrorBody
from sandbox.app import build_fastapi
from sandbox.edge import EdgeMiddleware


@contextmanager
def served(app: ASGIApp) -> Iterator[http.client.HTTPConnection]:
    """`app` behind uvicorn on a free local port, and one connection to it."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    server = uvicorn.Server(uvicorn.Config(app, http="h11", lifespan="off",
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.01)
    connection = http.client.HTTPConnection("127.0.0.1", listener.getsockname()[1], timeout=5)
    try:
        yield connection
    finally:
        connection.close()
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


def exchange(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def crashing_sandbox() -> ASGIApp:
    app = build_fastapi()

    def crash() -> None:
        raise RuntimeError("a bug in a route")

    def fine() -> dict[str, bool]:
        return {"ok": True}

    app.add_api_route("/crash", crash)
    app.add_api_route("/fine", fine)
    return EdgeMiddleware(app)


async def crash_before_answering(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["path"] == "/crash":
        raise RuntimeError("a bug below the framework")
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


@pytest.mark.parametrize("app", [crashing_sandbox(), EdgeMiddleware(crash_before_answering)],
                         ids=["after-the-framework-answered", "before-any-answer"])
def test_a_crash_answers_the_documented_500_and_keeps_the_connection(
        app: ASGIApp, caplog: pytest.LogCaptureFixture) -> None:
    with served(app) as connection:
        status, body = exchange(connection, "/crash")
        first_socket = connection.sock
        assert status == 500
        assert ErrorBody.model_validate_json(body).code == "internal_error"
        assert exchange(connection, "/fine")[0] == 200
        assert connection.sock is first_socket
    assert any("/crash" in r.getMessage() for r in caplog.records)
