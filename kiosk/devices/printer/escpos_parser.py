"""A streaming ESC/POS parser: bytes in, commands out, never an exception.

Used by the printer emulator (and by tests to read back what the driver sends). It knows
the commands we send (init, `GS v 0` raster, feed, cut, status) and the ones other
software commonly sends (text modes, alignment, QR `GS ( k`, barcodes, drawer pulse...).
Anything else is reported as `Unknown`, anything inconsistent as `Malformed`, and parsing
carries on after it, as a real printer does. Declared lengths are capped so a garbage
header cannot make the parser wait for gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_RASTER_ROW_BYTES = 256  # 2048 dots: wider than any receipt printer
MAX_RASTER_ROWS = 4096
MAX_BLOCK = 4 * 1024 * 1024
_CONTROL = re.compile(rb"[\x00-\x1f]")

LF, CR, HT, FF, CAN, DLE, ESC, FS, GS = 0x0A, 0x0D, 0x09, 0x0C, 0x18, 0x10, 0x1B, 0x1C, 0x1D


@dataclass(frozen=True, slots=True)
class Text:
    data: bytes


@dataclass(frozen=True, slots=True)
class Control:
    """A known command that is not text: `name` plus its argument bytes."""

    name: str
    args: bytes = b""


@dataclass(frozen=True, slots=True)
class Raster:
    """`GS v 0`: `rows` rows of `row_bytes` bytes, bit 1 = black, MSB = leftmost dot."""

    row_bytes: int
    rows: int
    data: bytes
    mode: int = 0


@dataclass(frozen=True, slots=True)
class Cut:
    partial: bool
    feed: int = 0


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """`DLE EOT n`: answer one status byte at once, whatever the printer is doing."""

    n: int


@dataclass(frozen=True, slots=True)
class QrFunction:
    """`GS ( k` with cn = 49 (QR): fn 65 model, 67 size, 69 error level, 80 store, 81 print."""

    fn: int
    args: bytes


@dataclass(frozen=True, slots=True)
class Unknown:
    raw: bytes


@dataclass(frozen=True, slots=True)
class Malformed:
    reason: str
    raw: bytes


Command = Text | Control | Raster | Cut | StatusRequest | QrFunction | Unknown | Malformed

# Fixed-length commands: second byte -> (name, number of argument bytes).
_ESC: dict[int, tuple[str, int]] = {
    ord(k): v for k, v in {
        "@": ("init", 0), "a": ("align", 1), "E": ("bold", 1), "G": ("double_strike", 1),
        "!": ("print_mode", 1), "-": ("underline", 1), "d": ("feed_lines", 1),
        "J": ("feed_dots", 1), "e": ("reverse_feed_lines", 1), "K": ("reverse_feed_dots", 1),
        "2": ("default_line_spacing", 0), "3": ("line_spacing", 1), "t": ("codepage", 1),
        "M": ("font", 1), "R": ("charset", 1), "V": ("rotate", 1), "{": ("upside_down", 1),
        " ": ("char_spacing", 1), "$": ("abs_position", 2), "\\": ("rel_position", 2),
        "=": ("peripheral", 1), "L": ("page_mode", 0), "S": ("standard_mode", 0),
        "T": ("page_direction", 1), "W": ("page_area", 8), "r": ("color", 1),
        "p": ("drawer_pulse", 3), "i": ("cut_full_legacy", 0), "m": ("cut_partial_legacy", 0),
        "U": ("unidirectional", 1), "%": ("user_chars", 1), "?": ("cancel_user_char", 1),
        "\x0c": ("print_page", 0),
    }.items()
}
_GS: dict[int, tuple[str, int]] = {
    ord(k): v for k, v in {
        "!": ("char_size", 1), "B": ("reverse", 1), "L": ("left_margin", 2),
        "W": ("print_width", 2), "H": ("hri_position", 1), "h": ("barcode_height", 1),
        "w": ("barcode_width", 1), "f": ("hri_font", 1), "r": ("transmit_status", 1),
        "a": ("auto_status_back", 1), "I": ("printer_id", 1), "P": ("motion_units", 2),
        "$": ("abs_vertical", 2), "\\": ("rel_vertical", 2), "b": ("smoothing", 1),
        "/": ("print_downloaded_image", 1), ":": ("macro", 0), "^": ("run_macro", 3),
        "T": ("print_start", 1), "E": ("head_control", 1), "c": ("counter", 0),
    }.items()
}
_FS: dict[int, tuple[str, int]] = {
    ord(k): v for k, v in {
        "p": ("print_nv_image", 2), ".": ("kanji_off", 0), "&": ("kanji_on", 0),
        "C": ("kanji_code", 1), "!": ("kanji_mode", 1), "-": ("kanji_underline", 1),
        "S": ("kanji_spacing", 2), "W": ("kanji_quad", 1),
    }.items()
}
_RASTER_MODES = {0, 1, 2, 3, 48, 49, 50, 51}

# What one parse step answers: a command and the bytes it used, or None = need more bytes.
_Step = tuple[Command, int] | None


class EscPosParser:
    """Feed it bytes as they arrive; it returns the complete commands so far."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        """Bytes held back as the start of an incomplete command."""
        return len(self._buf)

    def feed(self, data: bytes) -> list[Command]:
        self._buf += data
        out: list[Command] = []
        pos = 0
        buf = self._buf
        while pos < len(buf):
            step = self._step(buf, pos)
            if step is None:
                break
            command, used = step
            out.append(command)
            pos += used
        del buf[:pos]
        return out

    def close(self) -> list[Command]:
        """End of stream: whatever is left is a truncated command."""
        if not self._buf:
            return []
        rest = bytes(self._buf)
        self._buf.clear()
        return [Malformed("truncated command at end of stream", rest[:32])]

    def _step(self, buf: bytearray, pos: int) -> _Step:
        byte = buf[pos]
        if byte >= 0x20:
            match = _CONTROL.search(buf, pos)
            end = match.start() if match else len(buf)
            return Text(bytes(buf[pos:end])), end - pos
        if byte == LF:
            return Control("line_feed"), 1
        if byte == CR:
            return Control("carriage_return"), 1
        if byte == HT:
            return Text(b"    "), 1
        if byte == FF:
            return Control("form_feed"), 1
        if byte == CAN:
            return Control("cancel"), 1
        if byte not in (DLE, ESC, FS, GS):
            return Unknown(bytes((byte,))), 1
        if pos + 1 >= len(buf):
            return None
        second = buf[pos + 1]
        if byte == DLE:
            return self._dle(buf, pos, second)
        if byte == ESC:
            return self._esc(buf, pos, second)
        if byte == FS:
            if second == ord("("):
                return self._block(buf, pos, "fs(")
            return self._fixed(buf, pos, _FS.get(second))
        return self._gs(buf, pos, second)

    @staticmethod
    def _fixed(buf: bytearray, pos: int, spec: tuple[str, int] | None) -> _Step:
        if spec is None:
            return Unknown(bytes(buf[pos:pos + 2])), 2
        name, nargs = spec
        if pos + 2 + nargs > len(buf):
            return None
        return Control(name, bytes(buf[pos + 2:pos + 2 + nargs])), 2 + nargs

    def _dle(self, buf: bytearray, pos: int, second: int) -> _Step:
        if second == 0x04:
            if pos + 2 >= len(buf):
                return None
            n = buf[pos + 2]
            if n in (1, 2, 3, 4):
                return StatusRequest(n), 3
            return Malformed(f"DLE EOT with n={n}", bytes(buf[pos:pos + 3])), 3
        if second == 0x05:
            return self._fixed(buf, pos, ("realtime_request", 1))
        if second == 0x14:
            return self._fixed(buf, pos, ("realtime_command", 3))
        return Unknown(bytes(buf[pos:pos + 2])), 2

    def _esc(self, buf: bytearray, pos: int, second: int) -> _Step:
        if second == ord("*"):
            if pos + 5 > len(buf):
                return None
            m, count = buf[pos + 2], buf[pos + 3] | buf[pos + 4] << 8
            if m not in (0, 1, 32, 33):
                return Malformed(f"ESC * with mode {m}", bytes(buf[pos:pos + 5])), 5
            size = 5 + count * (3 if m >= 32 else 1)
            if pos + size > len(buf):
                return None
            return Control("bit_image", bytes(buf[pos + 2:pos + size])), size
        if second == ord("c"):
            if pos + 4 > len(buf):
                return None
            return Control("panel_and_sensors", bytes(buf[pos + 2:pos + 4])), 4
        if second == ord("D"):
            end = buf.find(b"\x00", pos + 2, pos + 2 + 33)
            if end < 0:
                if len(buf) - pos < 2 + 33:
                    return None
                return Malformed("ESC D without terminating NUL", bytes(buf[pos:pos + 2])), 2
            return Control("tab_positions", bytes(buf[pos + 2:end])), end + 1 - pos
        return self._fixed(buf, pos, _ESC.get(second))

    def _gs(self, buf: bytearray, pos: int, second: int) -> _Step:
        if second == ord("v"):
            return self._raster(buf, pos)
        if second == ord("V"):
            return self._cut(buf, pos)
        if second == ord("("):
            return self._block(buf, pos, "gs(")
        if second == ord("k"):
            return self._barcode(buf, pos)
        if second == ord("8"):
            if pos + 7 > len(buf):
                return None
            if buf[pos + 2] != ord("L"):
                return Unknown(bytes(buf[pos:pos + 3])), 3
            size = int.from_bytes(buf[pos + 3:pos + 7], "little")
            if size > MAX_BLOCK:
                return Malformed(f"GS 8 L block of {size} bytes", bytes(buf[pos:pos + 7])), 7
            if pos + 7 + size > len(buf):
                return None
            return Control("graphics_large", bytes(buf[pos + 7:pos + 7 + size])), 7 + size
        if second == ord("*"):
            if pos + 4 > len(buf):
                return None
            size = buf[pos + 2] * buf[pos + 3] * 8
            if pos + 4 + size > len(buf):
                return None
            return Control("define_downloaded_image", bytes(buf[pos + 2:pos + 4 + size])), (
                4 + size)
        return self._fixed(buf, pos, _GS.get(second))

    @staticmethod
    def _raster(buf: bytearray, pos: int) -> _Step:
        if pos + 8 > len(buf):
            return None
        header = bytes(buf[pos:pos + 8])
        if buf[pos + 2] != ord("0"):
            return Unknown(header[:3]), 3
        mode = buf[pos + 3]
        row_bytes = buf[pos + 4] | buf[pos + 5] << 8
        rows = buf[pos + 6] | buf[pos + 7] << 8
        if mode not in _RASTER_MODES:
            return Malformed(f"GS v 0 with mode {mode}", header), 8
        if not (1 <= row_bytes <= MAX_RASTER_ROW_BYTES and 1 <= rows <= MAX_RASTER_ROWS):
            return Malformed(f"GS v 0 of {row_bytes} bytes x {rows} rows", header), 8
        size = row_bytes * rows
        if pos + 8 + size > len(buf):
            return None
        return Raster(row_bytes, rows, bytes(buf[pos + 8:pos + 8 + size]), mode), 8 + size

    @staticmethod
    def _cut(buf: bytearray, pos: int) -> _Step:
        if pos + 3 > len(buf):
            return None
        m = buf[pos + 2]
        if m in (0, 48):
            return Cut(partial=False), 3
        if m in (1, 49):
            return Cut(partial=True), 3
        if m in (65, 66, 97, 98, 103, 104):
            if pos + 4 > len(buf):
                return None
            return Cut(partial=m in (66, 98, 104), feed=buf[pos + 3]), 4
        return Malformed(f"GS V with mode {m}", bytes(buf[pos:pos + 3])), 3

    @staticmethod
    def _block(buf: bytearray, pos: int, prefix: str) -> _Step:
        # `GS ( fn pL pH payload` and `FS ( fn pL pH payload`: length-prefixed.
        if pos + 5 > len(buf):
            return None
        fn = buf[pos + 2]
        size = buf[pos + 3] | buf[pos + 4] << 8
        if pos + 5 + size > len(buf):
            return None
        payload = bytes(buf[pos + 5:pos + 5 + size])
        if prefix == "gs(" and fn == ord("k") and size >= 2 and payload[0] == 49:
            return QrFunction(payload[1], payload[2:]), 5 + size
        return Control(f"{prefix}{chr(fn) if 32 < fn < 127 else fn}", payload), 5 + size

    @staticmethod
    def _barcode(buf: bytearray, pos: int) -> _Step:
        if pos + 3 > len(buf):
            return None
        m = buf[pos + 2]
        if m <= 6:
            end = buf.find(b"\x00", pos + 3, pos + 3 + 256)
            if end < 0:
                if len(buf) - pos < 3 + 256:
                    return None
                return Malformed("GS k without terminating NUL", bytes(buf[pos:pos + 3])), 3
            return Control("barcode", bytes(buf[pos + 3:end])), end + 1 - pos
        if 65 <= m <= 79:
            if pos + 4 > len(buf):
                return None
            size = buf[pos + 3]
            if pos + 4 + size > len(buf):
                return None
            return Control("barcode", bytes(buf[pos + 4:pos + 4 + size])), 4 + size
        return Malformed(f"GS k with type {m}", bytes(buf[pos:pos + 3])), 3


def parse_all(data: bytes) -> list[Command]:
    """Parses a complete stream (tests, files); a truncated tail becomes Malformed."""
    parser = EscPosParser()
    return parser.feed(data) + parser.close()
