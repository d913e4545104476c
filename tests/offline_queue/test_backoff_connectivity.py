"""Backoff grows, is capped and jittered; connectivity follows a real socket's fate."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator

import pytest

from kiosk.health.model import Status
from kiosk.offline_queue.backoff import BackoffPolicy, SchedulingClock
from kiosk.offline_queue.connectivity import Connectivity, ConnectivityMonitor


def test_backoff_doubles_until_the_cap_and_jitter_spreads_kiosks_apart() -> None:
    policy = BackoffPolicy(base_s=1.0, factor=2.0, cap_s=60.0, jitter=0.5,
                           rng=random.Random(7))
    assert [policy.ceiling(n) for n in range(0, 9)] == [0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert policy.ceiling(10_000) == 60.0  # no overflow after a week offline
    delays = [policy.delay(5) for _ in range(200)]
    assert all(8.0 <= d <= 16.0 for d in delays)
    assert len({round(d, 3) for d in delays}) > 100  # five kiosks won't retry in step


@pytest.mark.parametrize("kwargs", [
    {"base_s": 0.0}, {"factor": 0.5}, {"cap_s": 0.1, "base_s": 1.0}, {"jitter": 1.5},
])
def test_nonsense_backoff_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="backoff"):
        BackoffPolicy(**kwargs)  # type: ignore[arg-type]


def test_scheduling_clock_ignores_wall_clock_jumps_within_a_run() -> None:
    wall = [1_700_000_000.0]
    mono = [500.0]
    clock = SchedulingClock(wall=lambda: wall[0], monotonic=lambda: mono[0])
    wall[0] -= 86_400  # a technician sets the date back a day
    mono[0] += 10
    assert clock.now() == 1_700_000_010.0
    wall[0] += 10 * 86_400
    mono[0] += 5
    assert clock.now() == 1_700_000_015.0


def test_one_failure_does_not_flash_the_banner_two_do_and_one_success_clears() -> None:
    link = Connectivity(failures_to_offline=2)
    seen: list[bool] = []
    unsubscribe = link.subscribe(seen.append)
    link.report_unreachable("OfflineError: connection reset")
    assert link.online
    link.report_unreachable("OfflineError: connection refused")
    assert not link.online
    assert link.health().status is Status.WARNING
    link.report_unreachable("still down")
    link.report_reachable()
    link.report_reachable()
    assert seen == [False, True]
    unsubscribe()
    link.report_unreachable("a")
    link.report_unreachable("b")
    assert seen == [False, True]


def test_a_failing_listener_does_not_silence_the_others() -> None:
    link = Connectivity(failures_to_offline=1)
    seen: list[bool] = []

    def broken(_online: bool) -> None:
        raise RuntimeError("listener bug")

    link.subscribe(broken)
    link.subscribe(seen.append)
    link.report_unreachable("down")
    assert seen == [False]


class Listener:
    """A real TCP listener on 127.0.0.1 that can go away and come back on the same port."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.port = 0
        self.up()

    def up(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(16)
        self.port = sock.getsockname()[1]
        self.sock = sock

    def down(self) -> None:
        assert self.sock is not None
        self.sock.close()
        self.sock = None

    def probe(self) -> None:
        socket.create_connection(("127.0.0.1", self.port), timeout=1.0).close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    if server.sock is not None:
        server.down()


def test_the_probe_notices_the_link_going_and_coming_back(listener: Listener) -> None:
    link = Connectivity(failures_to_offline=1)
    changes: list[bool] = []
    changed = threading.Event()

    def record(online: bool) -> None:
        changes.append(online)
        changed.set()

    link.subscribe(record)
    monitor = ConnectivityMonitor(link, listener.probe,
                                  is_link_error=lambda e: isinstance(e, OSError),
                                  interval_s=0.05, offline_interval_s=0.05)
    monitor.start()
    try:
        assert monitor.probe_once()
        listener.down()
        assert changed.wait(10)
        assert not link.online
        changed.clear()
        listener.up()
        assert changed.wait(10)
        assert link.online
    finally:
        monitor.stop()
    assert changes == [False, True]


def test_a_server_error_on_the_probe_still_means_the_link_is_up() -> None:
    link = Connectivity(failures_to_offline=1, online=False)

    def answered_with_an_error() -> None:
        raise ValueError("HTTP 503 from the server")

    monitor = ConnectivityMonitor(link, answered_with_an_error,
                                  is_link_error=lambda e: isinstance(e, OSError))
    assert monitor.probe_once()
    assert link.online
