"""A receipt printer that speaks ESC/POS over TCP on 127.0.0.1, for the demo and tests.

The kiosk's real driver connects to it exactly as to a network printer on port 9100. It
parses the byte stream (`kiosk.devices.printer.escpos_parser`), draws what a thermal head
would print, writes each cut receipt as a PNG (numbered on from the folder's last one, so
a second run never overwrites the first), and answers `DLE EOT` status. Faults are
switched on at run time: paper near end, paper out, cover open, slow, and a dropped
connection in the middle of a job. Garbage is logged and skipped; the emulator never dies
of it. Drawing uses Pillow, not Qt, so the emulator runs in any thread or process.

    python -m kiosk.devices.emulators.printer --port 9100 --out var/printer
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import pty
import re
import select
import signal
import socket
import struct
import sys
import threading
import tty
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import BinaryIO

import qrcode
from PIL import Image, ImageDraw, ImageFont

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
)
from kiosk.devices.printer.status import encode_status

log = logging.getLogger(__name__)

LINE_HEIGHT = 30  # ESC 2 default line spacing on 203 dpi printers (1/6 inch ~ 30 dots)
_FONT_PX = 24
# Bytes of a job after which `disconnect_mid_job` drops the line: past the few status
# requests the driver sends first, inside the raster.
DISCONNECT_AFTER = 4096
# Receipts are numbered on from the highest number already in the folder.
RECEIPT_NAME = re.compile(r"receipt-(\d+)\.png")


class Paper:
    """What the thermal head has printed since the last cut, as 1-bit strips."""

    def __init__(self, dot_width: int) -> None:
        self.dot_width = dot_width
        self.strips: list[Image.Image] = []
        self.inked = False
        self._line = bytearray()
        self._align = 0
        self._bold = False
        self._scale = (1, 1)
        self._line_height = LINE_HEIGHT
        self._qr_data = b""
        self._qr_module = 3

    def reset_modes(self) -> None:
        self._line.clear()
        self._align, self._bold, self._scale = 0, False, (1, 1)
        self._line_height, self._qr_module = LINE_HEIGHT, 3

    def _place(self, image: Image.Image) -> None:
        if image.width > self.dot_width:
            log.warning("image wider than the paper; clipped",
                        extra={"width": image.width, "dot_width": self.dot_width})
            image = image.crop((0, 0, self.dot_width, image.height))
        strip = Image.new("1", (self.dot_width, image.height), 1)
        x = {0: 0, 1: (self.dot_width - image.width) // 2}.get(
            self._align, self.dot_width - image.width)
        strip.paste(image, (x, 0))
        self.strips.append(strip)
        self.inked = True

    def blank(self, dots: int) -> None:
        if dots > 0:
            self.strips.append(Image.new("1", (self.dot_width, dots), 1))

    def flush_line(self, *, feed: bool) -> None:
        if not self._line:
            if feed:
                self.blank(self._line_height * self._scale[1])
            return
        text = self._line.decode("cp437", errors="replace")
        self._line.clear()
        size = _FONT_PX * self._scale[1]
        font = ImageFont.load_default(size=size)
        left, _, right, _ = font.getbbox(text)
        width = min(self.dot_width, max(1, int(right - left) * self._scale[0]))
        height = max(self._line_height, size + 6) * 1
        image = Image.new("1", (int(right - left) + 2, height), 1)
        draw = ImageDraw.Draw(image)
        draw.text((-left, 2), text, font=font, fill=0,
                  stroke_width=1 if self._bold else 0, stroke_fill=0)
        if self._scale[0] > 1:
            image = image.resize((width, height))
        self._place(image)

    def apply(self, command: Command) -> None:
        """Updates the paper for one command (status and cut are the server's business)."""
        if isinstance(command, Text):
            self._line += command.data
        elif isinstance(command, Raster):
            self.flush_line(feed=False)
            dots = command.row_bytes * 8
            self._place(Image.frombytes("1", (dots, command.rows), command.data, "raw", "1;I"))
        elif isinstance(command, QrFunction):
            self._qr(command)
        elif isinstance(command, Control):
            self._control(command)

    def _control(self, command: Control) -> None:
        name, args = command.name, command.args
        arg = args[0] if args else 0
        if name == "line_feed":
            self.flush_line(feed=True)
        elif name == "init":
            self.flush_line(feed=False)
            self.reset_modes()
        elif name == "align":
            self._align = {48: 0, 49: 1, 50: 2}.get(arg, arg if arg <= 2 else 0)
        elif name == "bold":
            self._bold = bool(arg & 1)
        elif name == "char_size":
            self._scale = ((arg >> 4 & 7) + 1, (arg & 7) + 1)
        elif name == "print_mode":
            self._bold = bool(arg & 0x08)
            self._scale = (2 if arg & 0x20 else 1, 2 if arg & 0x10 else 1)
        elif name == "feed_lines":
            self.flush_line(feed=False)
            self.blank(arg * self._line_height)
        elif name == "feed_dots":
            self.flush_line(feed=False)
            self.blank(arg)
        elif name == "line_spacing":
            self._line_height = max(arg, 1)
        elif name == "default_line_spacing":
            self._line_height = LINE_HEIGHT
        elif name == "barcode":
            self._line += b"[barcode " + args + b"]"
            self.flush_line(feed=True)
        elif name in ("bit_image", "graphics_large", "gs(L", "define_downloaded_image"):
            log.info("image command not drawn by the emulator", extra={"command": name})

    def _qr(self, command: QrFunction) -> None:
        if command.fn == 67 and command.args:
            self._qr_module = min(max(command.args[0], 1), 16)
        elif command.fn == 80:
            self._qr_data = command.args[1:]  # m = 48, then the data
        elif command.fn == 81:
            if not self._qr_data:
                log.warning("QR print with no stored data")
                return
            code = qrcode.QRCode(border=4, box_size=self._qr_module)
            code.add_data(self._qr_data)
            try:
                code.make(fit=True)
            except (ValueError, qrcode.exceptions.DataOverflowError) as exc:
                log.warning("QR data not printable", extra={"reason": str(exc)})
                return
            self.flush_line(feed=False)
            image = code.make_image().get_image().convert("1")
            self._place(image)

    def tear_off(self) -> Image.Image | None:
        """The printed receipt (None if nothing was inked) and a fresh start."""
        self.flush_line(feed=False)
        strips, inked = self.strips, self.inked
        self.strips, self.inked = [], False
        if not inked:
            return None
        height = sum(s.height for s in strips)
        sheet = Image.new("1", (self.dot_width, height), 1)
        y = 0
        for strip in strips:
            sheet.paste(strip, (0, y))
            y += strip.height
        return sheet


@dataclass
class EmulatorState:
    """The switches a test or the demo flips; read by every connection."""

    near_end: bool = False
    paper_out: bool = False
    cover_open: bool = False
    fault: bool = False
    slow_s: float = 0.0
    disconnect_mid_job: bool = False


@dataclass
class EmulatorStats:
    connections: int = 0
    status_requests: int = 0
    unknown_commands: int = 0
    malformed_commands: int = 0
    dropped_jobs: int = 0
    interrupted_jobs: int = 0
    internal_errors: int = 0


class _Channel(ABC):
    """One byte stream from a driver: a TCP connection or the master side of a pty."""

    @abstractmethod
    def recv(self) -> bytes | None:
        """Bytes that arrived within 0.1 s; None if none yet, b"" once closed."""

    @abstractmethod
    def send(self, data: bytes) -> None: ...

    @abstractmethod
    def drop(self) -> None:
        """Ends the stream abruptly, like a pulled cable."""

    @abstractmethod
    def close(self) -> None: ...


class _SocketChannel(_Channel):
    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        conn.settimeout(0.1)

    def recv(self) -> bytes | None:
        try:
            return self.conn.recv(65536)
        except TimeoutError:
            return None
        except OSError:
            return b""

    def send(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            self.conn.sendall(data)

    def drop(self) -> None:
        # Linger 0: close() sends RST, as when a printer loses power mid-job.
        with contextlib.suppress(OSError):
            self.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def close(self) -> None:
        self.conn.close()


class _PtyChannel(_Channel):
    """A serial printer: the driver opens the pty's slave path as its serial port.

    The emulator keeps its own slave descriptor open (and raw: no echo, no CR/LF
    translation), so the line survives the driver closing the port between jobs."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)

    def recv(self) -> bytes | None:
        readable, _, _ = select.select([self.master], [], [], 0.1)
        if not readable:
            return None
        try:
            return os.read(self.master, 65536)
        except OSError as exc:
            if exc.errno == errno.EIO:  # no one on the other side right now
                return None
            return b""

    def send(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, data)

    def drop(self) -> None:
        log.info("a serial line cannot be dropped; ignoring disconnect_mid_job")

    def close(self) -> None:
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)


class PrinterEmulator:
    """The emulated printer: `start()` serves in background threads, `stop()` ends them."""

    def __init__(self, out_dir: Path, *, port: int = 0, host: str = "127.0.0.1",
                 dot_width: int = 576) -> None:
        self.out_dir = Path(out_dir)
        self.host = host
        self.dot_width = dot_width
        self.receipts: list[Path] = []
        self.state = EmulatorState()
        self.stats = EmulatorStats()
        self._requested_port = port
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._channels: set[_Channel] = set()

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("emulator not started")
        port: int = self._listener.getsockname()[1]
        return port

    @property
    def connection(self) -> str:
        """The `printer.connection` setting that reaches this emulator."""
        return f"tcp://{self.host}:{self.port}"

    def set_state(self, *, near_end: bool | None = None, paper_out: bool | None = None,
                  cover_open: bool | None = None, fault: bool | None = None,
                  slow_s: float | None = None,
                  disconnect_mid_job: bool | None = None) -> None:
        """Flips fault switches; the ones not given stay as they are."""
        with self._lock:
            for name, value in (("near_end", near_end), ("paper_out", paper_out),
                                ("cover_open", cover_open), ("fault", fault),
                                ("slow_s", slow_s), ("disconnect_mid_job", disconnect_mid_job)):
                if value is not None:
                    setattr(self.state, name, value)
            log.info("printer emulator state", extra=vars(self.state).copy())

    def start(self) -> PrinterEmulator:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self._requested_port))
            listener.listen(8)
        except OSError:
            listener.close()
            raise
        listener.settimeout(0.1)
        self._listener = listener
        thread = threading.Thread(target=self._accept_loop, name="printer-emulator",
                                  daemon=True)
        self._threads.append(thread)
        thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        for thread in list(self._threads):
            thread.join(timeout=5)
        if self._listener is not None:
            self._listener.close()

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._attach(_SocketChannel(conn))

    def open_pty(self) -> str:
        """Also serves a pseudo-terminal; returns its path for `serial://` or `file://`."""
        channel = _PtyChannel()
        self._attach(channel)
        return channel.path

    def _attach(self, channel: _Channel) -> None:
        with self._lock:
            self._channels.add(channel)
            self.stats.connections += 1
        thread = threading.Thread(target=self._serve, args=(channel,),
                                  name="printer-emulator-conn", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _pause(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    def _serve(self, channel: _Channel) -> None:
        parser = EscPosParser()
        paper = Paper(self.dot_width)
        received = 0
        try:
            while not self._stopping.is_set():
                data = channel.recv()
                if data is None:
                    continue
                if not data:
                    break
                with self._lock:
                    slow, drop = self.state.slow_s, self.state.disconnect_mid_job
                if slow:
                    self._pause(slow)
                received += len(data)
                if drop and received > DISCONNECT_AFTER:
                    with self._lock:
                        self.stats.interrupted_jobs += 1
                    log.warning("printer emulator dropping the connection mid-job")
                    channel.drop()
                    paper.tear_off()
                    return
                for command in parser.feed(data):
                    self._handle(channel, command, paper)
            for command in parser.close():
                self._handle(channel, command, paper)
            if paper.tear_off() is not None:
                with self._lock:
                    self.stats.interrupted_jobs += 1
                log.warning("connection closed before the cut; partial receipt discarded")
        except Exception:  # the emulator must outlive any bug in one connection
            log.exception("printer emulator connection failed")
            with self._lock:
                self.stats.internal_errors += 1
        finally:
            with self._lock:
                self._channels.discard(channel)
            channel.close()

    def _handle(self, channel: _Channel, command: Command, paper: Paper) -> None:
        with self._lock:
            state = EmulatorState(**vars(self.state))
        if isinstance(command, StatusRequest):
            with self._lock:
                self.stats.status_requests += 1
            answer = encode_status(cover_open=state.cover_open, paper_out=state.paper_out,
                                   paper_near_end=state.near_end, error=state.fault)
            channel.send(bytes((answer[command.n],)))
            return
        if isinstance(command, Unknown | Malformed):
            with self._lock:
                if isinstance(command, Unknown):
                    self.stats.unknown_commands += 1
                else:
                    self.stats.malformed_commands += 1
            log.warning("ESC/POS command skipped", extra={
                "kind": type(command).__name__,
                "reason": getattr(command, "reason", "unknown command"),
                "bytes": command.raw[:16].hex(" ")})
            return
        if state.paper_out or state.cover_open or state.fault:
            # A real printer holds the data and prints it later; we drop it and say so.
            with self._lock:
                self.stats.dropped_jobs += 1
            return
        if isinstance(command, Cut):
            self._cut(paper)
            return
        paper.apply(command)

    def _cut(self, paper: Paper) -> None:
        sheet = paper.tear_off()
        if sheet is None:
            log.info("cut with nothing printed")
            return
        with self._lock:
            path, file = self._new_receipt_file()
        with file:
            sheet.save(file, format="PNG")
        with self._lock:
            self.receipts.append(path)  # listed once complete
        log.info("receipt cut", extra={"path": str(path), "height": sheet.height})

    def _new_receipt_file(self) -> tuple[Path, BinaryIO]:
        """The next free `receipt-NNNN.png`, created empty; a receipt from an earlier run
        (or another emulator on the same folder) is never overwritten."""
        taken = [int(m.group(1)) for p in self.out_dir.glob("receipt-*.png")
                 if (m := RECEIPT_NAME.fullmatch(p.name))]
        number = max(taken, default=0) + 1
        while True:
            path = self.out_dir / f"receipt-{number:04d}.png"
            try:
                return path, path.open("xb")  # "x": fails if the name is taken meanwhile
            except FileExistsError:
                number += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.devices.emulators.printer",
        description="ESC/POS receipt printer emulator on TCP (127.0.0.1)")
    parser.add_argument("--port", type=int, default=9100, help="TCP port; 0 picks a free one")
    parser.add_argument("--out", type=Path, default=Path("var/printer"),
                        help="folder for the receipt PNGs")
    parser.add_argument("--dot-width", type=int, default=576, choices=[384, 512, 576, 832])
    parser.add_argument("--near-end", action="store_true", help="start with paper near end")
    parser.add_argument("--paper-out", action="store_true", help="start out of paper")
    parser.add_argument("--cover-open", action="store_true", help="start with the cover open")
    parser.add_argument("--slow", type=float, default=0.0, metavar="S",
                        help="wait S seconds before handling each chunk of bytes")
    args = parser.parse_args(argv)
    from kiosk.logs import setup_logging

    setup_logging("INFO")
    emulator = PrinterEmulator(args.out, port=args.port, dot_width=args.dot_width)
    try:
        emulator.start()
    except OSError as exc:
        print(f"printer emulator: cannot listen on port {args.port}: {exc.strerror}",
              file=sys.stderr)
        return 1
    emulator.set_state(near_end=args.near_end, paper_out=args.paper_out,
                       cover_open=args.cover_open, slow_s=args.slow)
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    # Handlers first: whoever reads the port line may stop us at once.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print(f"listening on 127.0.0.1:{emulator.port}", flush=True)
    while not done.wait(0.5):
        pass
    emulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
