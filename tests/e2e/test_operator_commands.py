"""A remote operator's commands reach the running kiosk through its heartbeat and wait for
the beneficiary's session to end: out of service (with the public reason), back in
service, and a screenshot, which is never taken while someone is using the kiosk."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.api.schema import FleetKiosk
from kiosk.app import Kiosk
from kiosk.config import KioskConfig
from kiosk.health.service import OPERATOR
from kiosk.screens.home import HomeScreen
from kiosk.screens.out_of_service import OutOfServiceScreen
from kiosk.shell.router import HOME
from sandbox.runner import SandboxProcess
from tests.fixtures.kiosk import seen, start_heartbeating, tap


def _fleet(sandbox: SandboxProcess, kiosk: Kiosk) -> FleetKiosk:
    return {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[kiosk.config.kiosk.id]


def _heartbeats_pass(sandbox: SandboxProcess, kiosk: Kiosk, qtbot: QtBot, count: int) -> None:
    """Waits until the municipality has heard from the kiosk `count` more times."""
    seen_at = [_fleet(sandbox, kiosk).last_heartbeat_at]

    def heard() -> bool:
        latest = _fleet(sandbox, kiosk).last_heartbeat_at
        if latest != seen_at[-1]:
            seen_at.append(latest)
        return len(seen_at) > count

    qtbot.waitUntil(heard, timeout=15000)


def _start_session(kiosk: Kiosk, qtbot: QtBot) -> None:
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    tap(kiosk, qtbot, home.tiles["track"])
    assert kiosk.in_session


def test_out_of_service_waits_for_the_session_then_shows_the_operators_reason(
        heartbeating_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = heartbeating_kiosk
    _start_session(kiosk, qtbot)
    command = sandbox.admin.command(kiosk.config.kiosk.id, "out_of_service",
                                    reason_en="Closed for maintenance until 14:00",
                                    reason_ar="مغلق للصيانة حتى 14:00")
    # Taken and acknowledged while the beneficiary carries on with their screen.
    qtbot.waitUntil(lambda: _fleet(sandbox, kiosk).commands[0].acknowledged_at is not None,
                    timeout=15000)
    assert _fleet(sandbox, kiosk).commands[0].id == command.id
    assert kiosk.router.current == "track"
    assert kiosk.window.home_button.isVisible()

    kiosk.end_session("cancelled by beneficiary")
    assert kiosk.router.current == "out_of_service"
    screen = kiosk.router.screen("out_of_service")
    assert isinstance(screen, OutOfServiceScreen)
    assert seen(screen.reason.text()) == "مغلق للصيانة حتى 14:00"
    qtbot.waitUntil(lambda: _fleet(sandbox, kiosk).in_service is False, timeout=15000)

    sandbox.admin.command(kiosk.config.kiosk.id, "in_service")
    qtbot.waitUntil(lambda: kiosk.router.current == HOME, timeout=15000)
    qtbot.waitUntil(lambda: _fleet(sandbox, kiosk).in_service is True, timeout=15000)


def test_a_screenshot_is_never_taken_during_a_session(
        heartbeating_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = heartbeating_kiosk
    _start_session(kiosk, qtbot)
    sandbox.admin.command(kiosk.config.kiosk.id, "screenshot")
    _heartbeats_pass(sandbox, kiosk, qtbot, 3)
    kiosk_state = _fleet(sandbox, kiosk)
    assert kiosk_state.screenshot_at is None
    assert kiosk_state.commands[0].acknowledged_at is None
    assert kiosk.router.current == "track"

    kiosk.end_session("finished")
    qtbot.waitUntil(lambda: _fleet(sandbox, kiosk).screenshot_at is not None, timeout=15000)
    image = QImage.fromData(sandbox.admin.screenshot(kiosk.config.kiosk.id), "PNG")
    assert not image.isNull()
    # The whole portrait window, scaled to travel (960 px on its long side).
    assert (image.width(), image.height()) == (540, 960)
    qtbot.waitUntil(lambda: _fleet(sandbox, kiosk).commands[0].acknowledged_at is not None,
                    timeout=15000)


def test_the_operators_hold_survives_a_restart_of_the_kiosk(
        kiosk_config: KioskConfig, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = start_heartbeating(qtbot, kiosk_config)
    kiosk_id = kiosk.config.kiosk.id
    try:
        sandbox.admin.command(kiosk_id, "out_of_service",
                              reason_en="Closed until the new printer arrives",
                              reason_ar="مغلق حتى وصول الطابعة الجديدة")
        qtbot.waitUntil(lambda: _fleet(sandbox, kiosk).commands[0].acknowledged_at is not None,
                        timeout=15000)
        assert kiosk.router.current == "out_of_service"
    finally:
        kiosk.shutdown()

    # A new kiosk over the same configuration: nothing of the hold is left in memory, and
    # the acknowledged command is never sent again; the municipality's word brings it back.
    restarted = start_heartbeating(qtbot, kiosk_config)
    try:
        qtbot.waitUntil(lambda: restarted.router.current == "out_of_service", timeout=15000)
        screen = restarted.router.screen("out_of_service")
        assert isinstance(screen, OutOfServiceScreen)
        assert seen(screen.reason.text()) == "مغلق حتى وصول الطابعة الجديدة"
        hold = restarted.service.holding(OPERATOR)
        assert hold is not None
        assert hold.reason_en == "Closed until the new printer arrives"
        assert all(c.acknowledged_at is not None for c in _fleet(sandbox, restarted).commands)
        qtbot.waitUntil(lambda: _fleet(sandbox, restarted).in_service is False, timeout=15000)
    finally:
        restarted.shutdown()
