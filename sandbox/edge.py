"""The sandbox's edge: what a hostile client can send is refused here, before any route runs.

A pure ASGI middleware between the security headers and the fault switches. It exists
because the framework's own body handling leaves holes a hostile client found:

- JSON allows `"\\ud800"`, a lone surrogate that is not a character and cannot be written
  as UTF-8; Python parses it, and it then crashed the server wherever the text was
  encoded again (an error message, the idempotency fingerprint, the database).
- A body nested 5,000 deep exhausted the parser's recursion and came back as a
  misleading "path or method not supported".
- Nothing bounded the size of a body.

So every request body is read here first (at most `MAX_BODY_BYTES`, or
`HEARTBEAT_MAX_BODY_BYTES` for a kiosk's heartbeat, which may carry a screenshot; else 413
`request_too_large`), and a JSON body must be I-JSON (RFC 7493): UTF-8, valid JSON
without NaN or Infinity, no lone surrogates, no repeated member names, finite numbers,
and at most `MAX_DEPTH` nested arrays/objects. Anything else is the contract's 422
`invalid_request` with one problem naming the cause. The body is then handed on
unchanged, so the routes parse exactly what was checked.

It is also the last resort: an exception escaping the application never reaches
uvicorn, which would otherwise close the kept-alive connection, after an answer already
sent or instead of one. Before an answer starts, the client gets the documented 500
`internal_error`; after a complete answer the exception is logged and the connection
serves the next request. Only an answer cut halfway (the `drop_next` fault switch does
that on purpose) still ends the connection, as nothing else can be sent.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.api.schema import Problem
from sandbox.core import ApiProblem, internal_error, invalid_request

MAX_BODY_BYTES = 64 * 1024
# A heartbeat carries at most a 512 KiB screenshot (base64: a third more) and a snapshot.
HEARTBEAT_MAX_BODY_BYTES = 1024 * 1024
_HEARTBEAT_PATH = re.compile(r"/v1/kiosks/[^/]+/heartbeat")
MAX_DEPTH = 32

log = logging.getLogger(__name__)

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class _Cause:
    """Why a JSON body is refused: a stable problem code and a sentence in each language."""

    code: str
    message_ar: str
    message_en: str


NOT_UTF8 = _Cause("json_not_utf8", "نص الطلب ليس بترميز UTF-8.", "The body is not UTF-8 text.")
INVALID = _Cause("json_invalid", "نص الطلب ليس JSON صالحًا.", "The body is not valid JSON.")
DUPLICATE = _Cause("json_duplicate_key", "اسم حقل مكرر في الطلب.",
                   "A member name appears twice in the same object.")
TOO_DEEP = _Cause("json_too_deep", "بنية الطلب متداخلة أكثر من المسموح.",
                  f"The body is nested deeper than {MAX_DEPTH} levels.")
SURROGATE = _Cause("json_unpaired_surrogate", "نص يحوي رمزًا غير صالح (نصف زوج بديل).",
                   "A string holds an unpaired surrogate escape, which is not a character.")
NOT_FINITE = _Cause("json_number_out_of_range", "رقم خارج النطاق المسموح.",
                    "A number is too large to be represented.")


class _ClientGone(Exception):  # noqa: N818 (an event, not a failure)
    """The client disconnected before its body arrived: there is no one to answer."""


class _Refused(Exception):  # noqa: N818 (a verdict on the body, not a failure)
    """The body breaks a rule: which (`cause`) and where (`field`, a dotted path)."""

    def __init__(self, cause: _Cause, field: str | None = None) -> None:
        super().__init__(cause.code)
        self.cause = cause
        self.field = field


def _is_json(content_type: str) -> bool:
    """Whether the routes will parse a body with this Content-Type as JSON (FastAPI does
    for none at all, `application/json` and `application/*+json`)."""
    media = content_type.partition(";")[0].strip().lower()
    return media in ("", "application/json") or (
        media.startswith("application/") and media.endswith("+json"))


def _check_json(body: bytes) -> None:
    """Raises `_Refused` unless `body` is I-JSON no deeper than `MAX_DEPTH`."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(NOT_UTF8) from None
    try:
        document = json.loads(text, object_pairs_hook=_unique, parse_constant=_no_constant)
    except RecursionError:
        raise _Refused(TOO_DEEP) from None
    except ValueError:  # syntax, NaN/Infinity, an integer of more than 4,300 digits
        raise _Refused(INVALID) from None
    _walk(document)


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _Refused(DUPLICATE)
    return members


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _walk(document: object) -> None:
    """Depth, surrogates and overflowed numbers, without recursion. A problem's field is
    the dotted path to it (the enclosing object for a bad member name), never the bad
    text itself."""
    pending: list[tuple[object, int, str]] = [(document, 0, "")]
    while pending:
        value, depth, path = pending.pop()
        field = path or None
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise _Refused(SURROGATE, field)
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise _Refused(NOT_FINITE, field)
        elif isinstance(value, dict | list):
            if depth + 1 > MAX_DEPTH:
                raise _Refused(TOO_DEEP, field)
            if isinstance(value, dict):
                for name, member in value.items():
                    if _SURROGATE.search(name):
                        raise _Refused(SURROGATE, field)
                    pending.append((member, depth + 1, f"{path}.{name}" if path else name))
            else:
                pending.extend((item, depth + 1, f"{path}.{index}" if path else str(index))
                               for index, item in enumerate(value))


def body_limit(path: str) -> int:
    """The largest body a request to `path` may have."""
    return HEARTBEAT_MAX_BODY_BYTES if _HEARTBEAT_PATH.fullmatch(path) else MAX_BODY_BYTES


def too_large(limit: int = MAX_BODY_BYTES) -> ApiProblem:
    return ApiProblem(413, "request_too_large",
                      f"الطلب أكبر من المسموح ({limit // 1024} كيلوبايت).",
                      f"The request body is larger than {limit // 1024} KiB.")


def _refusal(refused: _Refused) -> ApiProblem:
    cause = refused.cause
    return invalid_request([Problem(field=refused.field, code=cause.code,
                                    message_ar=cause.message_ar,
                                    message_en=cause.message_en)])


class EdgeMiddleware:
    """Bounds and checks every request body, and answers for anything that escapes the
    application (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        answer = _Answer(send)
        limit = body_limit(scope["path"])
        try:
            body = await _read_body(scope, receive, limit)
        except _ClientGone:
            return
        if body is None:
            await too_large(limit).response()(scope, receive, answer.send)
            return
        if body and _is_json(_header(scope, b"content-type")):
            try:
                _check_json(body)
            except _Refused as refused:
                await _refusal(refused).response()(scope, receive, answer.send)
                return
        await self._last_resort(scope, _replay(body, receive), answer)

    async def _last_resort(self, scope: Scope, receive: Receive, answer: _Answer) -> None:
        try:
            await self.app(scope, receive, answer.send)
        except Exception:
            if not answer.started:
                log.exception("unhandled error in %s %s; answered 500",
                              scope["method"], scope["path"])
                await internal_error().response()(scope, receive, answer.send)
            elif answer.complete:
                log.exception("error after the answer to %s %s was sent",
                              scope["method"], scope["path"])
            else:
                raise  # halfway through an answer: only closing the connection is left


class _Answer:
    """Passes the answer on, remembering how far it got."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False
        self.complete = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        elif message["type"] == "http.response.body" and not message.get("more_body", False):
            self.complete = True
        await self._send(message)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key.lower() == name:
            text: str = value.decode("latin-1")
            return text
    return ""


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None once it is over `limit` bytes (what is left unread is
    discarded by the server, and the connection stays usable)."""
    declared = _header(scope, b"content-length")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise _ClientGone
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands over the body already read, then the server's own (which
    reports the client's disconnect)."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
