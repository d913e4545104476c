"""AHS-ECR framing and messages: the documented bytes, and no crash on any input."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.devices.terminal import ProtocolError
from kiosk.devices.terminal.framing import (
    ACK,
    NAK,
    STX,
    Ack,
    BadFrame,
    Frame,
    FrameDecoder,
    LinkEvent,
    Nak,
    Noise,
    encode_frame,
)
from kiosk.devices.terminal.messages import (
    FS,
    ResultMessage,
    decode_request,
    decode_response,
    encode,
)
from kiosk.devices.terminal.model import DeclineReason, mask_pan

DOC = Path(__file__).resolve().parents[3] / "docs" / "terminal-protocol.md"
EXAMPLE = re.compile(r"^payload: (?P<payload>.+)\nframe:   (?P<frame>[0-9a-f ]+)$", re.M)


def documented_examples() -> list[tuple[bytes, bytes]]:
    pairs = [(m["payload"].replace("<FS>", FS).encode(), bytes.fromhex(m["frame"]))
             for m in EXAMPLE.finditer(DOC.read_text(encoding="utf-8"))]
    assert len(pairs) >= 10, "the protocol document lost its examples"
    return pairs


@pytest.mark.parametrize(("payload", "frame"), documented_examples())
def test_documented_examples_are_byte_exact(payload: bytes, frame: bytes) -> None:
    assert encode_frame(payload) == frame
    assert FrameDecoder().feed(frame) == [Frame(payload)]
    try:
        message = decode_response(payload)
    except ProtocolError:
        message = decode_request(payload)  # type: ignore[assignment]
    assert encode(message) == payload


def events(data: bytes, pieces: int = 1) -> list[LinkEvent]:
    decoder = FrameDecoder()
    size = max(1, len(data) // pieces)
    out: list[LinkEvent] = []
    for start in range(0, len(data), size):
        out += decoder.feed(data[start:start + size])
    return out


def test_frames_split_across_reads_are_reassembled() -> None:
    frame = encode_frame(b"EVT\x1cPIN")
    assert events(frame, pieces=len(frame)) == [Frame(b"EVT\x1cPIN")]


def test_ack_nak_and_noise_between_frames() -> None:
    data = bytes([ACK]) + b"zz" + encode_frame(b"STA") + bytes([NAK])
    assert events(data) == [Ack(), Noise(2), Frame(b"STA"), Nak()]


def test_bad_checksum_is_reported_and_the_next_frame_still_read() -> None:
    bad = bytearray(encode_frame(b"STA"))
    bad[-1] ^= 0xFF
    assert events(bytes(bad) + encode_frame(b"ABT")) == [
        BadFrame("bad checksum (LRC)"), Frame(b"ABT")]


def test_bad_length_resynchronises_on_the_next_stx() -> None:
    data = bytes([STX]) + b"00x3" + encode_frame(b"ABT")
    result = events(data)
    assert result[0] == BadFrame("bad length field")
    assert result[-1] == Frame(b"ABT")


def test_truncated_frame_is_dropped_on_request() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(encode_frame(b"STA")[:5]) == []
    assert decoder.holds_partial_frame
    assert isinstance(decoder.drop_partial(), BadFrame)
    assert decoder.feed(encode_frame(b"STA")) == [Frame(b"STA")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=8))
def test_random_bytes_never_raise_from_the_decoder(chunks: list[bytes]) -> None:
    decoder = FrameDecoder()
    for chunk in chunks:
        for event in decoder.feed(chunk):
            assert isinstance(event, Frame | Ack | Nak | BadFrame | Noise)
    decoder.drop_partial()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_payloads_raise_only_protocol_errors(payload: bytes) -> None:
    for decode in (decode_response, decode_request):
        with contextlib.suppress(ProtocolError):
            decode(payload)


fields = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20)
results = st.builds(
    ResultMessage,
    result=st.sampled_from(["A", "D", "C", "T", "E"]),
    reference=st.from_regex(r"[A-Za-z0-9-]{1,32}", fullmatch=True),
    amount_halalas=st.integers(1, 10**12 - 1),
    approval_code=fields, masked_pan=fields, scheme=fields, rrn=fields,
    reason_code=fields, text=fields,
)


@settings(max_examples=200, deadline=None)
@given(results)
def test_results_round_trip(message: ResultMessage) -> None:
    assert decode_response(encode(message)) == message


@settings(max_examples=300, deadline=None)
@given(results, st.data())
def test_single_bit_errors_in_a_frame_are_never_accepted(
    message: ResultMessage, data: st.DataObject
) -> None:
    frame = bytearray(encode_frame(encode(message)))
    # Any byte after the length field: payload, ETX or LRC.
    index = data.draw(st.integers(5, len(frame) - 1))
    frame[index] ^= 1 << data.draw(st.integers(0, 7))
    decoded = [e for e in events(bytes(frame)) if isinstance(e, Frame)]
    assert decoded == []


@settings(max_examples=300, deadline=None)
@given(results, st.data())
def test_mutated_frames_yield_only_typed_outcomes(
    message: ResultMessage, data: st.DataObject
) -> None:
    frame = bytearray(encode_frame(encode(message)))
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["flip", "drop", "insert", "cut"]))
        at = data.draw(st.integers(0, max(0, len(frame) - 1)))
        if action == "flip" and frame:
            frame[at] ^= data.draw(st.integers(1, 255))
        elif action == "drop" and frame:
            del frame[at]
        elif action == "insert":
            frame.insert(at, data.draw(st.integers(0, 255)))
        else:
            del frame[at:]
    for event in events(bytes(frame), pieces=data.draw(st.integers(1, 5))):
        if isinstance(event, Frame):
            with contextlib.suppress(ProtocolError):
                decode_response(event.payload)


def test_protocol_errors_name_the_problem() -> None:
    with pytest.raises(ProtocolError, match="amount"):
        decode_response(b"RES\x1cA\x1cPAY-1\x1c12\x1c1\x1c\x1c\x1c\x1c\x1c")
    with pytest.raises(ProtocolError, match="UTF-8"):
        decode_response(b"\xff\xfe")
    with pytest.raises(ProtocolError, match="unexpected message"):
        decode_response(b"HELLO")


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("************1234", "************1234"),
        ("432109******1234", "432109******1234"),
        ("432109XXXXXX1234", "432109******1234"),
        ("4321 **** **** 1234", "************1234"),
        ("4321098765431234", "************1234"),  # a full PAN never gets through
        ("4321 0987 6543 1234", "************1234"),
        ("1234****", "****"),
        ("<script>", "****"),
    ],
)
def test_masked_pan_guard(sent: str, kept: str) -> None:
    assert mask_pan(sent) == kept


@given(st.text(max_size=30))
def test_masked_pan_never_shows_more_than_ten_digits(text: str) -> None:
    masked = mask_pan(text)
    assert sum(ch.isdigit() for ch in masked) <= 10
    assert re.fullmatch(r"(?:\d{6}\*{2,9}|\*{2,15})\d{4}|\*{4}", masked)


def test_unknown_decline_code_keeps_the_terminals_words() -> None:
    reason = DeclineReason.from_code("N7", "CVV2 FAILURE")
    assert reason.text_en == "CVV2 FAILURE (code N7)"
    assert reason.text_ar
