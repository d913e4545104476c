"""AHS-ECR framing: STX, 4-digit length, payload, ETX, LRC — and an incremental decoder.

The decoder is the only place that interprets raw bytes from the serial line. It never
raises: whatever arrives (noise, half frames, wrong checksums) becomes one of the
`LinkEvent` values below, and the link layer decides whether to NAK, retry or give up.
Byte layout and examples: docs/terminal-protocol.md.
"""

from __future__ import annotations

from dataclasses import dataclass

STX = 0x02
ETX = 0x03
ACK = 0x06
NAK = 0x15
LENGTH_DIGITS = 4
MAX_PAYLOAD = 1024
# A frame is written in one burst; a gap this long inside one means it was cut short.
INTER_BYTE_TIMEOUT_S = 0.1


def lrc(data: bytes) -> int:
    """XOR of every byte: over LEN, payload and ETX in a frame."""
    value = 0
    for byte in data:
        value ^= byte
    return value


def encode_frame(payload: bytes) -> bytes:
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"payload of {len(payload)} bytes exceeds {MAX_PAYLOAD}")
    body = f"{len(payload):04d}".encode("ascii") + payload + bytes([ETX])
    return bytes([STX]) + body + bytes([lrc(body)])


@dataclass(frozen=True, slots=True)
class Frame:
    """A frame whose length, ETX and LRC all check out."""

    payload: bytes


@dataclass(frozen=True, slots=True)
class Ack:
    """The other side accepted our last frame."""

    pass


@dataclass(frozen=True, slots=True)
class Nak:
    """The other side rejected our last frame; send it again."""

    pass


@dataclass(frozen=True, slots=True)
class BadFrame:
    """A frame started but cannot be trusted; `reason` is plain English for logs."""

    reason: str


@dataclass(frozen=True, slots=True)
class Noise:
    """Bytes outside any frame that are neither ACK, NAK nor STX."""

    count: int


LinkEvent = Frame | Ack | Nak | BadFrame | Noise


class FrameDecoder:
    """Turns a stream of bytes, fed in arbitrary pieces, into link events (never raises)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    @property
    def holds_partial_frame(self) -> bool:
        return bool(self._buffer)

    def drop_partial(self) -> BadFrame | None:
        """Called when the line went quiet mid-frame (INTER_BYTE_TIMEOUT_S): truncated."""
        if not self._buffer:
            return None
        self._buffer.clear()
        return BadFrame("truncated frame (the line went quiet mid-frame)")

    def feed(self, data: bytes) -> list[LinkEvent]:
        events: list[LinkEvent] = []
        noise = 0
        self._buffer += data
        buf = self._buffer
        while buf:
            if buf[0] != STX:
                byte = buf.pop(0)
                if byte in (ACK, NAK):
                    if noise:
                        events.append(Noise(noise))
                        noise = 0
                    events.append(Ack() if byte == ACK else Nak())
                else:
                    noise += 1
                continue
            if len(buf) < 1 + LENGTH_DIGITS:
                break
            digits = bytes(buf[1 : 1 + LENGTH_DIGITS])
            if not digits.isdigit() or int(digits) > MAX_PAYLOAD:
                events.append(BadFrame("bad length field"))
                del buf[0]  # resynchronise on the next STX
                continue
            size = int(digits)
            end = 1 + LENGTH_DIGITS + size  # index of ETX
            if len(buf) < end + 2:
                break
            if buf[end] != ETX:
                events.append(BadFrame("no ETX where the length field says"))
                del buf[0]
                continue
            body = bytes(buf[1 : end + 1])
            checksum = buf[end + 1]
            del buf[: end + 2]
            if noise:
                events.append(Noise(noise))
                noise = 0
            if lrc(body) != checksum:
                events.append(BadFrame("bad checksum (LRC)"))
            else:
                events.append(Frame(body[LENGTH_DIGITS:-1]))
        if noise:
            events.append(Noise(noise))
        return events
