"""AHS-ECR link layer: ACK/NAK, retransmissions and bounded waits on top of the framing.

Sending: a frame is written and must be ACKed within the ACK timeout; on NAK or silence
it is sent again, at most 3 more times. Receiving: every good frame is ACKed, every bad
one (checksum, length, truncated) is NAKed so the terminal retransmits; 4 bad frames in a
row is a `ProtocolError`. Frames that arrive while we wait for an ACK are ACKed and kept
in order. Nothing here blocks longer than the deadline it was given.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Protocol

from kiosk.devices.terminal.errors import ProtocolError, TerminalUnavailable
from kiosk.devices.terminal.framing import (
    ACK,
    INTER_BYTE_TIMEOUT_S,
    NAK,
    Ack,
    BadFrame,
    Frame,
    FrameDecoder,
    LinkEvent,
    Nak,
    Noise,
    encode_frame,
)

log = logging.getLogger(__name__)

MAX_RETRANSMISSIONS = 3


class BytePort(Protocol):
    def write(self, data: bytes) -> None: ...
    def read_some(self) -> bytes: ...


class EcrLink:
    """Reliable frame exchange over one open port (one thread at a time)."""

    def __init__(self, port: BytePort, ack_timeout_s: float) -> None:
        self._port = port
        self._ack_timeout_s = ack_timeout_s
        self._decoder = FrameDecoder()
        self._inbox: deque[bytes] = deque()
        self._acks: deque[bool] = deque()  # True = ACK, False = NAK
        self._bad_in_a_row = 0
        self.noise_bytes = 0
        self._last_byte_at = time.monotonic()

    def send(self, payload: bytes) -> None:
        """Delivers one frame or raises TerminalUnavailable/ProtocolError."""
        frame = encode_frame(payload)
        heard_anything = False
        self._acks.clear()
        for attempt in range(1 + MAX_RETRANSMISSIONS):
            if attempt:
                log.info("retransmitting a frame to the terminal", extra={"attempt": attempt})
            self._port.write(frame)
            deadline = time.monotonic() + self._ack_timeout_s
            noise_before = self.noise_bytes
            while not self._acks and time.monotonic() < deadline:
                self._pump()
            heard_anything |= bool(self._acks) or self.noise_bytes > noise_before
            if self._acks and self._acks.popleft():
                return
        if not heard_anything:
            raise TerminalUnavailable(
                f"the terminal did not acknowledge after {1 + MAX_RETRANSMISSIONS} attempts"
            )
        raise ProtocolError(
            f"the terminal did not accept our frame after {1 + MAX_RETRANSMISSIONS} attempts"
        )

    def receive(self, deadline: float) -> bytes | None:
        """The next good frame's payload, or None once `deadline` (monotonic) passes."""
        while not self._inbox:
            if time.monotonic() >= deadline:
                return None
            self._pump()
        return self._inbox.popleft()

    def _pump(self) -> None:
        data = self._port.read_some()
        now = time.monotonic()
        if data:
            self._last_byte_at = now
            self._handle(self._decoder.feed(data))
        elif (self._decoder.holds_partial_frame
              and now - self._last_byte_at >= INTER_BYTE_TIMEOUT_S):
            dropped = self._decoder.drop_partial()
            if dropped is not None:
                self._handle([dropped])

    def _handle(self, events: list[LinkEvent]) -> None:
        for event in events:
            match event:
                case Frame(payload):
                    self._bad_in_a_row = 0
                    self._port.write(bytes([ACK]))
                    self._inbox.append(payload)
                case Ack():
                    self._acks.append(True)
                case Nak():
                    self._acks.append(False)
                case BadFrame(reason):
                    self._bad_in_a_row += 1
                    log.warning("bad frame from the terminal", extra={"reason": reason})
                    if self._bad_in_a_row > MAX_RETRANSMISSIONS:
                        self._bad_in_a_row = 0
                        raise ProtocolError(
                            f"the terminal sent {1 + MAX_RETRANSMISSIONS} bad frames in a row "
                            f"(last: {reason})"
                        )
                    self._port.write(bytes([NAK]))
                case Noise(count):
                    self.noise_bytes += count


__all__ = ["MAX_RETRANSMISSIONS", "BytePort", "EcrLink", "ProtocolError", "TerminalUnavailable"]
