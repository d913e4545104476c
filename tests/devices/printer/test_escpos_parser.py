"""The ESC/POS parser and the emulator's paper: known commands decode, garbage never
raises anything but is reported, and a stream split anywhere parses the same."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from escpos.printer import Dummy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from kiosk.devices.emulators.printer import Paper, PrinterEmulator
from kiosk.devices.printer.escpos_parser import (
    Command,
    Control,
    Cut,
    EscPosParser,
    Malformed,
    QrFunction,
    Raster,
    StatusRequest,
    Text,
    Unknown,
    parse_all,
)
from kiosk.devices.printer.raster import encode_raster
from kiosk.devices.printer.status import DLE_EOT

COMMAND_TYPES = (Text, Control, Raster, Cut, StatusRequest, QrFunction, Unknown, Malformed)


def sample_stream() -> bytes:
    """What python-escpos itself sends for text, a native QR code and a cut."""
    dummy = Dummy(profile="TM-T20II")
    dummy.set(align="center", bold=True)
    dummy.text("HELLO KIOSK\n")
    dummy.qr("https://example.sa/v/1", native=True, size=4)
    dummy.cut()
    out = bytes(dummy.output)
    dummy.close()
    raster = encode_raster([b"\xf0\x0f"] * 3, 2)
    return b"\x1b@" + DLE_EOT + b"\x04" + raster + out


def test_known_commands_decode() -> None:
    commands = parse_all(b"\x1b@\x1ba\x01AB\n" + DLE_EOT + b"\x02" + b"\x1dVB\x03"
                         + encode_raster([b"\x80", b"\x01"], 1))
    assert commands == [
        Control("init"), Control("align", b"\x01"), Text(b"AB"), Control("line_feed"),
        StatusRequest(2), Cut(partial=True, feed=3), Raster(1, 2, b"\x80\x01"),
    ]


def test_escpos_library_output_has_no_unknown_commands() -> None:
    commands = parse_all(sample_stream())
    assert not [c for c in commands if isinstance(c, Unknown | Malformed)]
    assert any(isinstance(c, QrFunction) and c.fn == 81 for c in commands)


def test_absurd_raster_header_is_malformed_at_once() -> None:
    parser = EscPosParser()
    commands = parser.feed(b"\x1dv0\x00\xff\xff\xff\xff")  # would declare ~4 GB
    assert isinstance(commands[0], Malformed)
    assert parser.pending == 0


def test_truncated_command_at_end_of_stream_is_reported() -> None:
    commands = parse_all(b"\x1dv0\x00\x02\x00\x05\x00\x01\x02")
    assert commands == [Malformed("truncated command at end of stream",
                                  b"\x1dv0\x00\x02\x00\x05\x00\x01\x02")]


@given(st.binary(max_size=2048))
@settings(max_examples=300, deadline=None)
def test_random_bytes_never_raise(data: bytes) -> None:
    commands = parse_all(data)
    assert all(isinstance(c, COMMAND_TYPES) for c in commands)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(sample_stream())
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif action == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[pos:pos + draw(st.integers(1, 8))]
    return bytes(data)


@given(mutated())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_streams_never_break_the_parser_or_the_paper(data: bytes) -> None:
    paper = Paper(576)
    for command in parse_all(data):
        assert isinstance(command, COMMAND_TYPES)
        paper.apply(command)
    paper.tear_off()


@given(st.lists(st.integers(1, 64), max_size=20))
@settings(max_examples=100, deadline=None)
def test_a_stream_split_anywhere_parses_the_same(splits: list[int]) -> None:
    data = sample_stream()
    parser = EscPosParser()
    pieces: list[Command] = []
    pos = 0
    for size in splits:
        pieces += parser.feed(data[pos:pos + size])
        pos += size
    pieces += parser.feed(data[pos:]) + parser.close()
    merged: list[Command] = []
    for command in pieces:  # text may arrive in several runs
        if isinstance(command, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].data + command.data)
        else:
            merged.append(command)
    assert merged == parse_all(data)


def test_emulator_prints_escpos_text_and_native_qr(emulator: PrinterEmulator) -> None:
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as conn:
        conn.sendall(sample_stream())
        assert conn.recv(1)  # the DLE EOT 4 answer: processed up to there
    _wait_for_receipts(emulator, 1)
    with Image.open(emulator.receipts[0]) as image:
        assert image.width == 576
        assert [r.text for r in zxingcpp.read_barcodes(image)] == ["https://example.sa/v/1"]


def test_emulator_survives_garbage_and_keeps_printing(emulator: PrinterEmulator) -> None:
    garbage = bytes(range(256)) * 4 + b"\x1dv0\x07\xff\xff\xff\xff" + b"\x1b\xfe\x1c\xfe"
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as conn:
        conn.sendall(garbage)
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as conn:
        conn.sendall(sample_stream())
        assert conn.recv(1)
    _wait_for_receipts(emulator, 1)
    assert emulator.stats.unknown_commands + emulator.stats.malformed_commands > 0
    assert emulator.stats.internal_errors == 0


@given(st.binary(min_size=1, max_size=4096))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_emulator_over_tcp_never_fails_on_random_bytes(emulator: PrinterEmulator,
                                                       data: bytes) -> None:
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as conn:
        conn.sendall(data + DLE_EOT + b"\x01")
        conn.shutdown(socket.SHUT_WR)
        while conn.recv(4096):  # until the emulator has read everything and hung up
            pass
    assert emulator.stats.internal_errors == 0


def _wait_for_receipts(emulator: PrinterEmulator, count: int) -> None:
    # The cut is handled by the emulator's thread just after the bytes arrive.
    for _ in range(200):
        if len(emulator.receipts) >= count and emulator.receipts[-1].exists():
            return
        emulator._stopping.wait(0.02)
    raise AssertionError(f"emulator printed {len(emulator.receipts)} receipts, not {count}")


def test_emulator_command_line_announces_its_port(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.devices.emulators.printer", "--port", "0",
         "--out", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("listening on 127.0.0.1:")
        port = int(first.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(DLE_EOT + b"\x01")
            assert conn.recv(1) == b"\x12"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == 0


def test_emulator_command_line_on_a_busy_port_says_so(emulator: PrinterEmulator,
                                                       tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.devices.emulators.printer", "--port",
         str(emulator.port), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 1
    assert f"cannot listen on port {emulator.port}" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_ready_emulator_answers_each_status_request(emulator: PrinterEmulator, n: int) -> None:
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as conn:
        conn.sendall(DLE_EOT + bytes((n,)))
        assert conn.recv(1) == b"\x12"
