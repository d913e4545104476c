"""The kiosk's heartbeat without a window, over the real sandbox: the snapshot arrives, the
operators' commands are carried out once and acknowledged in the next heartbeat, a
screenshot travels with it, and an outage is logged once, without a traceback."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.config import ApiSettings
from kiosk.health.assistance import StaffCall
from kiosk.health.service import OPERATOR, ServiceState
from kiosk.heartbeat import Deliver, HeartbeatSender, OperatorCommands
from sandbox.runner import SandboxProcess
from sandbox.seed import DEV_KIOSK_ID
from tests.sandbox.test_fleet import png


class Camera:
    """Stands in for the shell's window grab (tests/e2e/test_operator_commands.py has the
    real one): this file is about the Qt-free part."""

    def __init__(self) -> None:
        self.asked: list[Deliver] = []

    def take_screenshot(self, deliver: Deliver) -> None:
        self.asked.append(deliver)


@pytest.fixture
def service() -> ServiceState:
    return ServiceState()


@pytest.fixture
def camera() -> Camera:
    return Camera()


@pytest.fixture
def sender(api_client: MunicipalityClient, service: ServiceState,
           camera: Camera) -> Iterator[HeartbeatSender]:
    sender = HeartbeatSender(api_client, DEV_KIOSK_ID, [service, StaffCall()],
                             OperatorCommands(service, camera), interval_s=60)
    yield sender
    sender.stop()


def _dev(sandbox: SandboxProcess):  # type: ignore[no-untyped-def]
    return {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[DEV_KIOSK_ID]


def test_the_snapshot_reaches_the_municipality(sandbox: SandboxProcess,
                                               sender: HeartbeatSender) -> None:
    assert sender.beat_once() is not None
    kiosk = _dev(sandbox)
    assert kiosk.in_service is True
    assert kiosk.version == "0.1.0"
    assert {c.component for c in kiosk.components} == {"service", "assistance"}


def test_commands_are_carried_out_once_and_acknowledged_next(
        sandbox: SandboxProcess, sender: HeartbeatSender, service: ServiceState) -> None:
    changes: list[bool] = []
    service.subscribe(lambda state: changes.append(state.in_service))
    out = sandbox.admin.command(DEV_KIOSK_ID, "out_of_service",
                                reason_en="Closed for maintenance", reason_ar="مغلق للصيانة")
    reply = sender.beat_once()
    assert reply is not None
    assert [c.id for c in reply.commands] == [out.id]
    hold = service.holding(OPERATOR)
    assert hold is not None
    assert hold.reason_ar == "مغلق للصيانة"
    assert _dev(sandbox).commands[0].acknowledged_at is None  # acknowledged next time

    again = sender.beat_once()
    assert again is not None
    assert again.commands == []
    kiosk = _dev(sandbox)
    assert kiosk.commands[0].acknowledged_at is not None
    assert kiosk.in_service is False
    assert changes == [False]  # carried out once, though answered twice

    sandbox.admin.command(DEV_KIOSK_ID, "in_service")
    sender.beat_once()
    assert service.in_service
    sender.beat_once()
    assert _dev(sandbox).in_service is True


def test_a_restarted_kiosk_takes_the_operators_hold_again(
        sandbox: SandboxProcess, sender: HeartbeatSender, api_client: MunicipalityClient) -> None:
    sandbox.admin.command(DEV_KIOSK_ID, "out_of_service", reason_en="Closed for maintenance",
                          reason_ar="مغلق للصيانة")
    sender.beat_once()
    sender.beat_once()  # acknowledged: the command is never sent again
    assert _dev(sandbox).commands[0].acknowledged_at is not None
    sender.stop()

    # The process restarts: a new ServiceState with no hold in memory.
    restarted = ServiceState()
    again = HeartbeatSender(api_client, DEV_KIOSK_ID, [restarted],
                            OperatorCommands(restarted), interval_s=60)
    reply = again.beat_once()
    assert reply is not None
    assert reply.commands == []
    hold = restarted.holding(OPERATOR)
    assert hold is not None
    assert (hold.reason_en, hold.reason_ar) == ("Closed for maintenance", "مغلق للصيانة")
    # Followed, not re-placed, on the heartbeats after.
    changes: list[bool] = []
    restarted.subscribe(lambda state: changes.append(state.in_service))
    again.beat_once()
    assert changes == []
    # A hold placed here by the operators' command alone is lifted when they say so.
    sandbox.admin.command(DEV_KIOSK_ID, "in_service")
    again.beat_once()
    assert restarted.in_service


def test_a_screenshot_goes_with_the_heartbeat_after_it_is_taken(
        sandbox: SandboxProcess, sender: HeartbeatSender, camera: Camera) -> None:
    shot = sandbox.admin.command(DEV_KIOSK_ID, "screenshot")
    sender.beat_once()
    assert len(camera.asked) == 1
    sender.beat_once()  # not taken yet (a session runs): neither sent nor acknowledged
    assert _dev(sandbox).commands[0].acknowledged_at is None
    picture = png(6, 4)
    camera.asked[0](picture)
    sender.beat_once()
    assert sandbox.admin.screenshot(DEV_KIOSK_ID) == picture
    kiosk = _dev(sandbox)
    assert kiosk.commands[0].id == shot.id
    assert kiosk.commands[0].acknowledged_at is not None
    assert len(camera.asked) == 1


def test_an_outage_is_logged_once_and_the_newest_snapshot_follows(
        sandbox: SandboxProcess, sender: HeartbeatSender, service: ServiceState,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.heartbeat")
    sandbox.admin.set_faults(fail_next=3, fail_status=503, reports=True)
    for _ in range(3):
        assert sender.beat_once() is None
    assert sender.failures == 3
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        "heartbeat not delivered; trying again every interval"]
    assert warnings[0].exc_info is None
    assert _dev(sandbox).last_heartbeat_at is None  # nothing was queued for later

    service.hold(OPERATOR, "Closed", "مغلق")
    assert sender.beat_once() is not None
    assert sender.failures == 0
    assert "heartbeat delivered again" in caplog.messages
    assert _dev(sandbox).in_service is False  # the newest state, not the one that failed


def test_an_unreachable_municipality_is_one_warning_without_a_traceback(
        api_settings: ApiSettings, service: ServiceState,
        caplog: pytest.LogCaptureFixture) -> None:
    # A port where nothing listens.
    dead = api_settings.model_copy(update={"base_url": "https://127.0.0.1:9/v1",
                                           "connect_timeout_s": 0.5})
    caplog.set_level(logging.INFO, logger="kiosk.heartbeat")
    with MunicipalityClient(dead, retry_delay_s=0.01) as offline:
        sender = HeartbeatSender(offline, DEV_KIOSK_ID, [service], OperatorCommands(service))
        for _ in range(2):
            assert sender.beat_once() is None
    assert len(caplog.records) == 1
    assert caplog.records[0].exc_info is None
    assert caplog.records[0].error == "OfflineError"  # type: ignore[attr-defined]


def test_the_thread_beats_at_once_and_stops(sandbox: SandboxProcess,
                                            sender: HeartbeatSender) -> None:
    sender.start()
    assert sender.running
    deadline = time.monotonic() + 10
    while _dev(sandbox).last_heartbeat_at is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _dev(sandbox).last_heartbeat_at is not None
    sender.stop()
    assert not sender.running
