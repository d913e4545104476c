"""AHS-ECR messages: the payloads carried inside frames, encoded and strictly decoded.

A payload is a 3-letter type followed by fields separated by FS (0x1C), UTF-8 text.
Both directions live here because the emulator speaks the terminal's side of the same
protocol. Decoding raises only `ProtocolError`: a malformed payload is the terminal's
fault, never a reason for the kiosk to crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kiosk.devices.terminal.errors import ProtocolError
from kiosk.devices.terminal.model import PurchaseProgress

FS = "\x1c"
AMOUNT_DIGITS = 12
MAX_AMOUNT = 10**AMOUNT_DIGITS - 1
REFERENCE = re.compile(r"[A-Za-z0-9-]{1,32}")

PROGRESS_CODES: dict[str, PurchaseProgress] = {
    "WCARD": PurchaseProgress.WAITING_FOR_CARD,
    "CREAD": PurchaseProgress.CARD_READ,
    "PIN": PurchaseProgress.PIN_ENTRY,
    "AUTH": PurchaseProgress.AUTHORISING,
}
_PROGRESS_NAMES = {step: code for code, step in PROGRESS_CODES.items()}

ResultCode = Literal["A", "D", "C", "T", "E"]
RESULT_CODES: tuple[ResultCode, ...] = ("A", "D", "C", "T", "E")


def check_reference(reference: str) -> str:
    if not REFERENCE.fullmatch(reference):
        raise ValueError("a reference is 1-32 letters, digits or '-'")
    return reference


def check_amount(amount_halalas: int) -> int:
    if not 0 < amount_halalas <= MAX_AMOUNT:
        raise ValueError(f"an amount is 1..{MAX_AMOUNT} halalas")
    return amount_halalas


# Requests (kiosk -> terminal)
@dataclass(frozen=True, slots=True)
class PurchaseRequest:
    """PUR: charge this amount under our reference."""

    amount_halalas: int
    reference: str


@dataclass(frozen=True, slots=True)
class AbortRequest:
    """ABT: abandon the running transaction."""

    pass


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """STA: are you there, and idle?"""

    pass


@dataclass(frozen=True, slots=True)
class LastTransactionRequest:
    """LTX: what became of the transaction with this reference?"""

    reference: str


Request = PurchaseRequest | AbortRequest | StatusRequest | LastTransactionRequest


# Responses (terminal -> kiosk)
@dataclass(frozen=True, slots=True)
class ProgressMessage:
    """EVT: a step of the running purchase."""

    step: PurchaseProgress


@dataclass(frozen=True, slots=True)
class ResultMessage:
    """RES: the final result of a purchase (also inside LTR)."""

    result: ResultCode
    reference: str
    amount_halalas: int
    approval_code: str = ""
    masked_pan: str = ""
    scheme: str = ""
    rrn: str = ""
    reason_code: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class StatusReply:
    """STS: the terminal's state and identity."""

    state: Literal["IDLE", "BUSY"]
    terminal_id: str
    model: str


@dataclass(frozen=True, slots=True)
class LastTransactionReply:
    """`found`: Y (the result follows), N (no transaction with that reference), P (running)."""

    found: Literal["Y", "N", "P"]
    reference: str
    result: ResultMessage | None = None


Response = ProgressMessage | ResultMessage | StatusReply | LastTransactionReply


def _join(*fields: str) -> bytes:
    for field in fields:
        if FS in field or any(ord(ch) < 0x20 for ch in field):
            raise ValueError("a field cannot contain control characters")
    return FS.join(fields).encode("utf-8")


def _result_fields(msg: ResultMessage) -> tuple[str, ...]:
    return (msg.result, msg.reference, f"{msg.amount_halalas:0{AMOUNT_DIGITS}d}",
            msg.approval_code, msg.masked_pan, msg.scheme, msg.rrn, msg.reason_code, msg.text)


def encode(message: Request | Response) -> bytes:
    match message:
        case PurchaseRequest(amount, reference):
            return _join("PUR", f"{check_amount(amount):0{AMOUNT_DIGITS}d}",
                         check_reference(reference))
        case AbortRequest():
            return _join("ABT")
        case StatusRequest():
            return _join("STA")
        case LastTransactionRequest(reference):
            return _join("LTX", check_reference(reference))
        case ProgressMessage(step):
            return _join("EVT", _PROGRESS_NAMES[step])
        case ResultMessage():
            return _join("RES", *_result_fields(message))
        case StatusReply(state, terminal_id, model):
            return _join("STS", state, terminal_id, model)
        case LastTransactionReply(found, reference, result):
            if result is None:
                return _join("LTR", found, reference)
            return _join("LTR", found, *_result_fields(result))
    raise TypeError(f"not a protocol message: {message!r}")


def _fields(payload: bytes) -> list[str]:
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError("message is not valid UTF-8") from None
    return text.split(FS)


def _amount(text: str) -> int:
    if len(text) != AMOUNT_DIGITS or not text.isascii() or not text.isdigit():
        raise ProtocolError(f"bad amount field {text[:20]!r}")
    return int(text)


def _reference(text: str) -> str:
    if not REFERENCE.fullmatch(text):
        raise ProtocolError(f"bad reference field {text[:40]!r}")
    return text


def _result(fields: list[str]) -> ResultMessage:
    if len(fields) != 9:
        raise ProtocolError(f"a result has 9 fields, got {len(fields)}")
    code, reference, amount, approval, pan, scheme, rrn, reason, text = fields
    if code not in RESULT_CODES:
        raise ProtocolError(f"unknown result code {code[:10]!r}")
    result: ResultCode = code
    return ResultMessage(result, _reference(reference), _amount(amount), approval, pan,
                         scheme, rrn, reason, text)


def decode_response(payload: bytes) -> Response:
    """A terminal's message; raises ProtocolError for anything not in the protocol."""
    fields = _fields(payload)
    kind, rest = fields[0], fields[1:]
    if kind == "EVT" and len(rest) == 1 and rest[0] in PROGRESS_CODES:
        return ProgressMessage(PROGRESS_CODES[rest[0]])
    if kind == "RES":
        return _result(rest)
    if kind == "STS" and len(rest) == 3 and rest[0] in ("IDLE", "BUSY"):
        state: Literal["IDLE", "BUSY"] = "IDLE" if rest[0] == "IDLE" else "BUSY"
        return StatusReply(state, rest[1], rest[2])
    if kind == "LTR" and rest:
        if rest[0] in ("N", "P") and len(rest) == 2:
            found: Literal["N", "P"] = "N" if rest[0] == "N" else "P"
            return LastTransactionReply(found, _reference(rest[1]))
        if rest[0] == "Y":
            result = _result(rest[1:])
            return LastTransactionReply("Y", result.reference, result)
    raise ProtocolError(f"unexpected message {kind[:8]!r} with {len(rest)} field(s)")


def decode_request(payload: bytes) -> Request:
    """A kiosk's message (the emulator's side); raises ProtocolError."""
    fields = _fields(payload)
    match fields:
        case ["PUR", amount, reference]:
            return PurchaseRequest(_amount(amount), _reference(reference))
        case ["ABT"]:
            return AbortRequest()
        case ["STA"]:
            return StatusRequest()
        case ["LTX", reference]:
            return LastTransactionRequest(_reference(reference))
    raise ProtocolError(f"unexpected request {fields[0][:8]!r}")
