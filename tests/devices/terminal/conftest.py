"""Fixtures: a running terminal emulator on a real pty and a driver pointed at it.

Timeouts are short (configured, not patched) so fault scenarios finish quickly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import TerminalSettings
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import PaymentTerminal

ACK_TIMEOUT_S = 0.2
RESPONSE_TIMEOUT_S = 2.0


@pytest.fixture
def emulator() -> Iterator[TerminalEmulator]:
    emu = TerminalEmulator(step_delay_s=0.01, slow_card_delay_s=0.4, link_down_s=0.3)
    with emu:
        yield emu


@pytest.fixture
def settings(emulator: TerminalEmulator) -> TerminalSettings:
    return TerminalSettings(port=emulator.device_path, ack_timeout_s=ACK_TIMEOUT_S,
                            response_timeout_s=RESPONSE_TIMEOUT_S)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def terminal(settings: TerminalSettings, state_dir: Path) -> Iterator[PaymentTerminal]:
    driver = PaymentTerminal(settings, state_dir)
    yield driver
    driver.close()
