"""Byte links to the printer (TCP, serial, USB, device node), each with short timeouts.

python-escpos opens the connections (it knows the transports and the printer profiles),
but every read and write goes through a `Link` here so that each one has an explicit
deadline: escpos' network default waits 60 s, its USB default waits forever, and its
`_read()` gives no control over how long a status answer may take.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from escpos.exceptions import Error as EscposError
from escpos.printer import Dummy, Serial, Usb

from kiosk.devices.printer.errors import PrinterConfigError, PrinterUnreachable

_CHUNK = 4096


class Link(Protocol):
    """An open byte stream to one printer."""

    def write(self, data: bytes, deadline: float) -> None:
        """Sends all of `data` before `deadline` (time.monotonic) or raises PrinterUnreachable."""

    def read(self, timeout: float) -> bytes:
        """Whatever arrived within `timeout` (b"" if nothing); PrinterUnreachable if closed."""

    def discard_input(self) -> None:
        """Drops stale bytes (late status answers) before a new request."""

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A parsed `connection` setting."""

    scheme: str
    target: str
    options: dict[str, str]

    @property
    def bytes_per_second(self) -> float:
        """The slowest rate a healthy printer takes data at, for the job deadline."""
        if self.scheme == "serial":
            # 10 bits per byte on the wire, and allow for the printer pausing to print.
            return int(self.options.get("baudrate", "38400")) / 10 * 0.5
        return 20_000.0


def parse_connection(connection: str) -> Endpoint | None:
    """`tcp://host:port`, `serial:///dev/x?baudrate=N`, `usb://VVVV:PPPP`, `file:///dev/x`,
    or `none` (None). Raises PrinterConfigError naming what is wrong."""
    if connection == "none":
        return None
    parts = urlsplit(connection)
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme == "tcp":
        try:
            port = parts.port or 9100
        except ValueError:
            raise PrinterConfigError(f"bad port in {connection!r}") from None
        if not parts.hostname:
            raise PrinterConfigError(f"no host in {connection!r}")
        return Endpoint("tcp", f"{parts.hostname}:{port}", options)
    if parts.scheme in ("serial", "file"):
        if parts.netloc or not parts.path.startswith("/"):
            raise PrinterConfigError(
                f"expected an absolute device path ({parts.scheme}:///dev/...) in {connection!r}")
        if "baudrate" in options and not options["baudrate"].isdigit():
            raise PrinterConfigError(f"baudrate must be a number in {connection!r}")
        return Endpoint(parts.scheme, parts.path, options)
    if parts.scheme == "usb":
        vendor, _, product = parts.netloc.partition(":")
        try:
            int(vendor, 16)
            int(product, 16)
        except ValueError:
            raise PrinterConfigError(
                f"expected usb://VENDOR:PRODUCT in hex, got {connection!r}") from None
        return Endpoint("usb", f"{vendor}:{product}", options)
    raise PrinterConfigError(f"unsupported printer connection {connection!r}")


def feed_and_cut(profile: str) -> bytes:
    """The profile's own feed-and-cut bytes (partial cut where the printer has one)."""
    dummy = Dummy(profile=profile)
    try:
        dummy.cut(mode="PART")
        return bytes(dummy.output)
    finally:
        dummy.close()


class _EscposLink(ABC):
    """Shared write/deadline logic over an open connection (a python-escpos printer
    object, or for TCP the socket itself)."""

    def __init__(self, printer: Any, timeout: float) -> None:
        self._printer = printer
        self._timeout = timeout

    @abstractmethod
    def _send(self, chunk: bytes, budget: float) -> None:
        """Sends one chunk within `budget` seconds (each transport its own way)."""

    def write(self, data: bytes, deadline: float) -> None:
        for start in range(0, len(data), _CHUNK):
            budget = min(self._timeout, deadline - time.monotonic())
            if budget <= 0:
                raise PrinterUnreachable("printer stopped taking data (job deadline passed)")
            try:
                self._send(data[start:start + _CHUNK], budget)
            except PrinterUnreachable:
                raise
            except (OSError, EscposError, ValueError) as exc:
                raise PrinterUnreachable(f"connection lost while sending: {exc}") from exc

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a dead link must not mask the cause
            self._printer.close()


class TcpLink(_EscposLink):
    """A network printer (raw TCP, port 9100).

    The socket is opened here, not by python-escpos' `Network.open()`: that one leaks the
    socket when the connection is refused (a ResourceWarning each time a status probe
    finds the printer off) and keeps no handle we could close."""

    def __init__(self, endpoint: Endpoint, profile: str, timeout: float) -> None:
        host, _, port = endpoint.target.rpartition(":")
        try:
            sock = socket.create_connection((host, int(port)), timeout=timeout)
        except OSError as exc:
            raise PrinterUnreachable(f"cannot connect to {endpoint.target}") from exc
        super().__init__(sock, timeout)
        self._sock = sock

    def _send(self, chunk: bytes, budget: float) -> None:
        self._sock.settimeout(budget)
        try:
            self._sock.sendall(chunk)
        except TimeoutError as exc:
            raise PrinterUnreachable("printer stopped taking data") from exc

    def read(self, timeout: float) -> bytes:
        self._sock.settimeout(max(timeout, 0.001))
        try:
            data = self._sock.recv(16)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise PrinterUnreachable(f"connection lost: {exc}") from exc
        if not data:
            raise PrinterUnreachable("printer closed the connection")
        return data

    def close(self) -> None:
        self._sock.close()

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(256):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        except OSError as exc:
            raise PrinterUnreachable(f"connection lost: {exc}") from exc
        finally:
            self._sock.settimeout(self._timeout)


class SerialLink(_EscposLink):
    """An RS-232 or USB-serial printer (pyserial through python-escpos)."""

    def __init__(self, endpoint: Endpoint, profile: str, timeout: float) -> None:
        baudrate = int(endpoint.options.get("baudrate", "38400"))
        printer = Serial(devfile=endpoint.target, baudrate=baudrate, timeout=timeout,
                         dsrdtr=False, profile=profile)
        try:
            printer.open()
        except EscposError as exc:
            raise PrinterUnreachable(f"cannot open {endpoint.target}") from exc
        super().__init__(printer, timeout)
        self._port: Any = printer.device
        # escpos leaves pyserial's write timeout at None: a stalled printer would block.
        self._port.write_timeout = timeout

    def _send(self, chunk: bytes, budget: float) -> None:
        self._port.write_timeout = budget
        try:
            self._port.write(chunk)
        except Exception as exc:  # pyserial raises SerialTimeoutException/SerialException
            raise PrinterUnreachable(f"serial write failed: {exc}") from exc

    def read(self, timeout: float) -> bytes:
        self._port.timeout = max(timeout, 0.001)
        try:
            # read(16) would wait for all 16 bytes; one byte returns as soon as it arrives.
            first = bytes(self._port.read(1))
            waiting = self._port.in_waiting if first else 0
            return first + (bytes(self._port.read(min(waiting, 15))) if waiting else b"")
        except Exception as exc:  # pyserial's SerialException: the cable was pulled
            raise PrinterUnreachable(f"serial read failed: {exc}") from exc

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except Exception as exc:
            raise PrinterUnreachable(f"serial port failed: {exc}") from exc


class UsbLink(_EscposLink):
    """A USB printer class device claimed through pyusb (python-escpos `Usb`)."""

    def __init__(self, endpoint: Endpoint, profile: str, timeout: float) -> None:
        vendor, _, product = endpoint.target.partition(":")
        self._ms = max(1, int(timeout * 1000))
        printer = Usb(idVendor=int(vendor, 16), idProduct=int(product, 16),
                      timeout=self._ms, profile=profile)
        try:
            printer.open()
        except (EscposError, OSError) as exc:
            raise PrinterUnreachable(f"USB printer {endpoint.target} not found") from exc
        super().__init__(printer, timeout)
        self._dev: Any = printer.device
        self._in_ep, self._out_ep = printer.in_ep, printer.out_ep

    def _send(self, chunk: bytes, budget: float) -> None:
        self._dev.write(self._out_ep, chunk, max(1, int(budget * 1000)))

    def read(self, timeout: float) -> bytes:
        import usb.core  # type: ignore[import-untyped]  # pyusb ships no type hints

        try:
            return bytes(self._dev.read(self._in_ep, 16, max(1, int(timeout * 1000))))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise PrinterUnreachable(f"USB read failed: {exc}") from exc

    def discard_input(self) -> None:
        while self.read(0.005):
            pass


class FileLink:
    """A printer device node such as /dev/usb/lp0.

    Not python-escpos' `File`: it opens the node write-only, so status answers could
    never be read back. Opened read-write and non-blocking, with select() deadlines."""

    def __init__(self, endpoint: Endpoint, timeout: float) -> None:
        try:
            self._fd = os.open(endpoint.target, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
        except OSError as exc:
            raise PrinterUnreachable(f"cannot open {endpoint.target}: {exc.strerror}") from exc
        self._timeout = timeout

    def write(self, data: bytes, deadline: float) -> None:
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PrinterUnreachable("printer stopped taking data (job deadline passed)")
            _, writable, _ = select.select([], [self._fd], [], min(remaining, self._timeout))
            if not writable:
                raise PrinterUnreachable("printer stopped taking data")
            try:
                sent = os.write(self._fd, view[:_CHUNK])
            except BlockingIOError:
                continue
            except OSError as exc:
                raise PrinterUnreachable(f"write failed: {exc.strerror}") from exc
            view = view[sent:]

    def read(self, timeout: float) -> bytes:
        readable, _, _ = select.select([self._fd], [], [], max(timeout, 0.0))
        if not readable:
            return b""
        try:
            data = os.read(self._fd, 16)
        except BlockingIOError:
            return b""
        except OSError as exc:
            raise PrinterUnreachable(f"read failed: {exc.strerror}") from exc
        if not data:
            # A plain file (or a node without a back channel) never answers status.
            time.sleep(max(timeout, 0.0))
        return data

    def discard_input(self) -> None:
        while True:
            readable, _, _ = select.select([self._fd], [], [], 0)
            if not readable:
                return
            try:
                if not os.read(self._fd, 256):
                    return
            except BlockingIOError:
                return
            except OSError as exc:
                raise PrinterUnreachable(f"read failed: {exc.strerror}") from exc

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def open_link(endpoint: Endpoint, profile: str, timeout: float) -> Link:
    """Connects within `timeout`; raises PrinterUnreachable."""
    if endpoint.scheme == "tcp":
        return TcpLink(endpoint, profile, timeout)
    if endpoint.scheme == "serial":
        return SerialLink(endpoint, profile, timeout)
    if endpoint.scheme == "usb":
        return UsbLink(endpoint, profile, timeout)
    return FileLink(endpoint, timeout)
