"""The sd_notify protocol against real AF_UNIX datagram sockets, as systemd listens."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.health.systemd_notify import Notifier
from tests.fixtures.notify import notify_socket


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[socket.socket]:
    sock = notify_socket(tmp_path / "notify", 5)
    yield sock
    sock.close()


def test_messages_reach_the_socket_systemd_names_and_leave_no_trace_for_children(
        listener: socket.socket) -> None:
    env = {"NOTIFY_SOCKET": listener.getsockname(), "WATCHDOG_USEC": "20000000",
           "PATH": "/usr/bin"}
    notifier = Notifier.from_environment(env, pid=4242)

    assert notifier.ready("Home on screen\nsecond line")
    assert listener.recv(4096) == b"READY=1\nSTATUS=Home on screen second line"
    assert notifier.watchdog()
    assert listener.recv(4096) == b"WATCHDOG=1"
    assert notifier.stopping("stopping")
    assert listener.recv(4096) == b"STOPPING=1\nSTATUS=stopping"
    # Half of systemd's timeout, and nothing left for a process the kiosk starts.
    assert notifier.watchdog_interval_ms == 10_000
    assert env == {"PATH": "/usr/bin"}


def test_an_abstract_socket_name_starts_with_at() -> None:
    name = f"kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(5)
        notifier = Notifier.from_environment({"NOTIFY_SOCKET": f"@{name}"})
        assert notifier.status("in service")
        assert sock.recv(4096) == b"STATUS=in service"


def test_the_watchdog_pid_names_the_one_process_that_pings(listener: socket.socket) -> None:
    address = listener.getsockname()
    other = Notifier.from_environment(
        {"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "400000", "WATCHDOG_PID": "1"}, pid=4242)
    this = Notifier.from_environment(
        {"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "400000", "WATCHDOG_PID": "4242"},
        pid=4242)
    assert other.enabled
    assert other.watchdog_interval_ms is None
    assert this.watchdog_interval_ms == 200


def test_without_systemd_nothing_is_sent_and_nothing_fails(tmp_path: Path) -> None:
    assert not Notifier.from_environment({}).enabled
    assert not Notifier.from_environment({}).ready("Home on screen")
    assert Notifier.from_environment({"WATCHDOG_USEC": "400000"}).watchdog_interval_ms is None
    # systemd gone (its socket removed): the kiosk carries on without a traceback.
    gone = Notifier.from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert gone.enabled
    assert not gone.watchdog()


def test_a_bad_watchdog_period_turns_the_pings_off(listener: socket.socket) -> None:
    for bad in ("0", "-5", "soon"):
        notifier = Notifier.from_environment(
            {"NOTIFY_SOCKET": listener.getsockname(), "WATCHDOG_USEC": bad})
        assert notifier.enabled
        assert notifier.watchdog_interval_ms is None
