"""AHS-ECR v1, our documented terminal protocol, as a `TerminalAdapter`.

It is the protocol the emulator speaks and the one a vendor integration is measured
against (docs/terminal-protocol.md). Messages that belong to no pending request — a
late result of an aborted purchase, a duplicate after a lost ACK — are logged and skipped.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from kiosk.devices.terminal.adapter import DeviceInfo, LastTransaction, TerminalAdapter
from kiosk.devices.terminal.errors import ProtocolError, TerminalUnavailable
from kiosk.devices.terminal.link import BytePort, EcrLink
from kiosk.devices.terminal.messages import (
    AbortRequest,
    LastTransactionReply,
    LastTransactionRequest,
    ProgressMessage,
    PurchaseRequest,
    Request,
    Response,
    ResultMessage,
    StatusReply,
    StatusRequest,
    decode_response,
    encode,
)
from kiosk.devices.terminal.model import (
    DeclineReason,
    PurchaseOutcome,
    PurchaseProgress,
    PurchaseResult,
    mask_pan,
)
from kiosk.domain.payment import CardScheme

log = logging.getLogger(__name__)


class AhsEcrAdapter(TerminalAdapter):
    """Frames, ACK/NAK and the PUR/ABT/STA/LTX messages of AHS-ECR v1."""

    protocol = "ahs-ecr-1"

    def __init__(self, port: BytePort, ack_timeout_s: float) -> None:
        super().__init__(port, ack_timeout_s)
        self._link = EcrLink(port, ack_timeout_s)

    def start_purchase(self, amount_halalas: int, reference: str) -> None:
        self._send(PurchaseRequest(amount_halalas, reference))

    def abort(self) -> None:
        self._send(AbortRequest())

    def next_event(
        self, reference: str, amount_halalas: int, deadline: float
    ) -> PurchaseProgress | PurchaseOutcome | None:
        while True:
            message = self._receive(deadline)
            match message:
                case None:
                    return None
                case ProgressMessage(step):
                    return step
                case ResultMessage() if message.reference == reference:
                    return to_outcome(message, amount_halalas)
                case _:
                    _skip(message)

    def device_info(self, deadline: float) -> DeviceInfo:
        noise_before = self._link.noise_bytes
        self._send(StatusRequest())
        while True:
            message = self._receive(deadline)
            if isinstance(message, StatusReply):
                return DeviceInfo(message.state == "BUSY", message.terminal_id, message.model)
            if message is None:
                raise self._silence("status", noise_before)
            _skip(message)

    def last_transaction(self, reference: str, deadline: float) -> LastTransaction:
        noise_before = self._link.noise_bytes
        self._send(LastTransactionRequest(reference))
        while True:
            message = self._receive(deadline)
            if isinstance(message, LastTransactionReply) and message.reference == reference:
                if message.found == "P":
                    return LastTransaction(in_progress=True, outcome=None)
                if message.result is None:
                    return LastTransaction(in_progress=False, outcome=None)
                return LastTransaction(False, to_outcome(message.result, None, recovered=True))
            if message is None:
                raise self._silence("last transaction", noise_before)
            _skip(message)

    def _send(self, message: Request) -> None:
        self._link.send(encode(message))

    def _receive(self, deadline: float) -> Response | None:
        payload = self._link.receive(deadline)
        return None if payload is None else decode_response(payload)

    def _silence(self, what: str, noise_before: int) -> Exception:
        if self._link.noise_bytes > noise_before:
            return ProtocolError(f"the terminal answered the {what} request with unreadable bytes")
        return TerminalUnavailable(f"the terminal did not answer the {what} request in time")


def _skip(message: Response | None) -> None:
    log.info("skipping a terminal message that answers nothing pending",
             extra={"kind": type(message).__name__})


def to_outcome(
    msg: ResultMessage, expected_amount: int | None, *, recovered: bool = False
) -> PurchaseOutcome:
    """Our outcome type from a RES/LTR result; checks what the terminal must not get wrong."""
    if expected_amount is not None and msg.amount_halalas != expected_amount:
        raise ProtocolError(
            f"the terminal reports {msg.amount_halalas} halalas for {msg.reference}, "
            f"we asked for {expected_amount}"
        )
    base = PurchaseOutcome(PurchaseResult.ERROR, msg.reference, msg.amount_halalas,
                           recovered=recovered)
    match msg.result:
        case "A":
            if not msg.approval_code:
                raise ProtocolError(f"approval of {msg.reference} carries no approval code")
            return replace(base, result=PurchaseResult.APPROVED, approval_code=msg.approval_code,
                           masked_pan=mask_pan(msg.masked_pan),
                           scheme=CardScheme.parse(msg.scheme),
                           terminal_reference=msg.rrn or None)
        case "D":
            reason = DeclineReason.from_code(msg.reason_code or "05", msg.text)
            return replace(base, result=PurchaseResult.DECLINED, decline=reason,
                           message=reason.text_en)
        case "C":
            return replace(base, result=PurchaseResult.CANCELLED,
                           message="cancelled on the terminal")
        case "T":
            return replace(base, result=PurchaseResult.TIMED_OUT,
                           message="the terminal gave up waiting for the card")
        case _:
            text = msg.text.strip()[:120] or f"terminal error {msg.reason_code or '?'}"
            return replace(base, message=text)

