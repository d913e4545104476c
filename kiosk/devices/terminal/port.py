"""The serial line to the terminal: pyserial behind three calls that fail in one way.

A device path, a `/dev/serial/by-id/...` link or a pyserial URL (`socket://`, `rfc2217://`)
all open through `serial_for_url`. Every pyserial or OS failure — port missing, cable
pulled (a pty or USB adapter then reports EIO), permission denied — becomes
`TerminalUnavailable`, so callers deal with one error type for "the line is gone".
That includes `termios.error`: pyserial's flush and input reset call `tcdrain` and
`tcflush`, whose EIO after a pulled cable is not an OSError.
"""

from __future__ import annotations

import logging

import serial

try:
    import termios

    _LINE_ERRORS: tuple[type[BaseException], ...] = (
        serial.SerialException, OSError, termios.error)
except ImportError:  # not POSIX: pyserial raises only its own errors and OSError there
    _LINE_ERRORS = (serial.SerialException, OSError)

from kiosk.devices.terminal.errors import TerminalUnavailable

_OPEN_ERRORS: tuple[type[BaseException], ...] = (*_LINE_ERRORS, ValueError)

log = logging.getLogger(__name__)

READ_SLICE_S = 0.02  # longest a single read blocks; loops above it own the deadlines


class SerialPort:
    """One open connection to the terminal's serial line."""

    def __init__(self, url: str, baudrate: int, write_timeout_s: float) -> None:
        self.url = url
        is_url = "://" in url
        try:
            if is_url:
                self._serial = serial.serial_for_url(
                    url, baudrate=baudrate, timeout=READ_SLICE_S, write_timeout=write_timeout_s
                )
            else:
                # exclusive: a second program on the same terminal would interleave frames.
                self._serial = serial.Serial(
                    url, baudrate=baudrate, timeout=READ_SLICE_S, write_timeout=write_timeout_s,
                    exclusive=True,
                )
        except _OPEN_ERRORS as exc:
            raise TerminalUnavailable(f"cannot open the terminal port {url}: {_why(exc)}") from exc
        log.info("terminal port opened", extra={"port": url})

    def write(self, data: bytes) -> None:
        try:
            self._serial.write(data)
            self._serial.flush()
        except _LINE_ERRORS as exc:
            raise TerminalUnavailable(
                f"the terminal link dropped while sending: {_why(exc)}"
            ) from exc

    def read_some(self) -> bytes:
        """What has arrived, waiting at most READ_SLICE_S for the first byte."""
        try:
            waiting = self._serial.in_waiting
            data: bytes = self._serial.read(max(1, waiting))
        except _LINE_ERRORS as exc:
            raise TerminalUnavailable(
                f"the terminal link dropped while receiving: {_why(exc)}"
            ) from exc
        return data

    def discard_input(self) -> None:
        try:
            self._serial.reset_input_buffer()
        except _LINE_ERRORS as exc:
            raise TerminalUnavailable(f"the terminal link dropped: {_why(exc)}") from exc

    def close(self) -> None:
        try:
            self._serial.close()
        except _LINE_ERRORS:
            log.debug("closing a dead terminal port failed", exc_info=True)


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]
