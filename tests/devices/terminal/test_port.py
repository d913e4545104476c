"""A pulled cable is one error, whatever call meets it: the serial line's write (which
drains the line) and its input reset report a dead pty as `termios.error`, which is not an
OSError, and once escaped as an "unexpected failure" that turned a recoverable approval
into "not charged"."""

from __future__ import annotations

import os
import pty
from collections.abc import Iterator

import pytest

from kiosk.devices.terminal.errors import TerminalUnavailable
from kiosk.devices.terminal.port import SerialPort


@pytest.fixture
def pulled() -> Iterator[SerialPort]:
    """A port open on a pty whose other end (the terminal) is gone."""
    terminal_end, kiosk_end = pty.openpty()
    port = SerialPort(os.ttyname(kiosk_end), 115200, write_timeout_s=0.5)
    os.close(terminal_end)
    try:
        yield port
    finally:
        port.close()
        os.close(kiosk_end)


def test_discarding_input_on_a_pulled_cable_says_the_line_is_gone(pulled: SerialPort) -> None:
    with pytest.raises(TerminalUnavailable, match="dropped"):
        pulled.discard_input()


def test_sending_on_a_pulled_cable_says_the_line_is_gone(pulled: SerialPort) -> None:
    with pytest.raises(TerminalUnavailable, match="dropped while sending"):
        pulled.write(b"\x06")
