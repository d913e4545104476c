"""Fault switches: the failures a kiosk meets in the field, produced on demand.

A pure ASGI middleware in front of `/v1` that can add latency, fail the next N requests
with 5xx *before* they run, drop the connection *after* the request ran and committed
(the case that makes idempotency keys necessary), or garble the next answer's JSON
(after the request ran). All switches are off by default; the admin endpoint flips them.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.api.schema import Faults

FAULTY_PREFIX = "/v1/"
# The kiosk's own reports (heartbeat, journey events): faulty only when `Faults.reports`.
REPORTS_PREFIX = "/v1/kiosks/"


class FaultSwitches:
    """Thread-safe switches; each `*_next` counter is consumed one request at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults = Faults()

    def get(self) -> Faults:
        with self._lock:
            return self._faults

    def set(self, faults: Faults) -> None:
        with self._lock:
            self._faults = faults

    def reset(self) -> None:
        self.set(Faults())

    def take(self, path: str = FAULTY_PREFIX) -> tuple[int, str | None, int]:
        """(latency_ms, which fault applies to the request for `path` or None, fail
        status). A report (`REPORTS_PREFIX`) meets none unless `Faults.reports` is on."""
        with self._lock:
            f = self._faults
            if path.startswith(REPORTS_PREFIX) and not f.reports:
                return 0, None, f.fail_status
            chosen: str | None = None
            if f.fail_next:
                chosen, f = "fail", f.model_copy(update={"fail_next": f.fail_next - 1})
            elif f.drop_next:
                chosen, f = "drop", f.model_copy(update={"drop_next": f.drop_next - 1})
            elif f.malformed_next:
                chosen, f = "malformed", f.model_copy(
                    update={"malformed_next": f.malformed_next - 1})
            self._faults = f
            return f.latency_ms, chosen, f.fail_status


class FaultMiddleware:
    """Applies the switches to API requests (never to the admin endpoints)."""

    def __init__(self, app: ASGIApp, switches: FaultSwitches) -> None:
        self.app = app
        self.switches = switches

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(FAULTY_PREFIX):
            await self.app(scope, receive, send)
            return
        latency_ms, fault, status = self.switches.take(scope["path"])
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        if fault == "fail":
            await _send_failure(send, status)
        elif fault == "drop":
            await self._drop_after_commit(scope, receive, send)
        elif fault == "malformed":
            await self._malformed(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _drop_after_commit(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        # The request ran and committed. Announce a body and hang up before sending it:
        # uvicorn then closes the socket, and the client sees a broken connection, not
        # an answer, exactly like a network cut after the server did the work.
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", b"4096")]})
        await send({"type": "http.response.body", "body": b'{"transaction', "more_body": True})
        raise ConnectionAbortedError("fault switch: connection dropped after commit")

    async def _malformed(self, scope: Scope, receive: Receive, send: Send) -> None:
        started: dict[str, Any] = {}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)

        await self.app(scope, receive, capture)
        body = b'{"transaction_number": "1447-00'
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": started.get("status", 200),
                    "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _send_failure(send: Send, status: int) -> None:
    body = json.dumps({
        "code": "injected_failure",
        "message_ar": "خلل مؤقت في الخادم (مفتاح أعطال تجريبي).",
        "message_en": "Temporary server failure (sandbox fault switch).",
        "problems": [],
    }, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
