"""Fixtures for the printer tests: the real emulator on a real TCP port, settings for it,
and small real servers for the faults an emulator of a working printer cannot show."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.config import PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer.driver import ReceiptPrinter

Behaviour = Callable[[socket.socket, threading.Event], None]


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "paper") as emu:
        yield emu


def settings_for(connection: str, **changes: object) -> PrinterSettings:
    values: dict[str, object] = {"connection": connection, "timeout_s": 1.0}
    values.update(changes)
    return PrinterSettings.model_validate(values)


@pytest.fixture
def printer(emulator: PrinterEmulator) -> ReceiptPrinter:
    return ReceiptPrinter(settings_for(emulator.connection))


class RawServer:
    """A TCP server on 127.0.0.1 whose every connection is handled by `behaviour`."""

    def __init__(self, behaviour: Behaviour) -> None:
        self._behaviour = behaviour
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(4)
        self._sock.settimeout(0.1)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def connection(self) -> str:
        return f"tcp://127.0.0.1:{self._sock.getsockname()[1]}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(0.1)
            self._behaviour(conn, self._stop)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for thread in self._threads:
            thread.join()
        self._sock.close()


@pytest.fixture
def raw_server() -> Iterator[Callable[[Behaviour], RawServer]]:
    servers: list[RawServer] = []

    def start(behaviour: Behaviour) -> RawServer:
        server = RawServer(behaviour)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()
