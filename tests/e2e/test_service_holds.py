"""Taking the kiosk out of service never cuts a beneficiary off: a hold placed during a
session (an operator's, a technician's, from another thread) waits until the session ends,
then the public sees the out-of-service screen with the reason; an urgent hold (no
storage) applies at once; releasing the last hold brings Home back."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.health.service import OPERATOR, STORAGE, TECHNICIAN
from kiosk.screens.home import HomeScreen
from kiosk.screens.out_of_service import OutOfServiceScreen
from kiosk.shell.router import HOME
from tests.fixtures.kiosk import seen, tap


def _from_another_thread(action: object) -> None:
    assert callable(action)
    worker = threading.Thread(target=action)
    worker.start()
    worker.join()


def _reason(kiosk: Kiosk) -> str:
    screen = kiosk.router.screen("out_of_service")
    assert isinstance(screen, OutOfServiceScreen)
    return seen(screen.reason.text()) if screen.reason.isVisible() else ""


def test_a_hold_waits_for_the_session_to_end_then_shows_its_reason(
    live_kiosk: Kiosk, qtbot: QtBot
) -> None:
    kiosk = live_kiosk
    # The operators' hold follows the municipality's word in every heartbeat answer (which
    # here says "in service"); this test places it by hand, as the heartbeat thread does.
    assert kiosk.services is not None
    assert kiosk.services.heartbeat is not None
    kiosk.services.heartbeat.stop()
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    tap(kiosk, qtbot, home.tiles["track"])
    assert kiosk.router.current == "track"

    _from_another_thread(lambda: kiosk.service.hold(
        OPERATOR, "Closed for maintenance until 14:00", "مغلق للصيانة حتى 14:00"))
    qtbot.wait(200)
    # Mid-session: the beneficiary keeps their screen.
    assert kiosk.router.current == "track"
    assert kiosk.window.home_button.isVisible()

    kiosk.end_session("cancelled by beneficiary")
    assert kiosk.router.current == "out_of_service"
    assert _reason(kiosk) == "مغلق للصيانة حتى 14:00"
    assert not kiosk.window.nav_bar.isVisible()
    kiosk.language.toggle()
    qtbot.waitUntil(lambda: _reason(kiosk) == "Closed for maintenance until 14:00",
                    timeout=2000)
    kiosk.language.toggle()

    # A technician's hold and release do not undo the operator's.
    kiosk.service.hold(TECHNICIAN, "Servicing", "صيانة")
    kiosk.service.release(TECHNICIAN)
    qtbot.wait(100)
    assert kiosk.router.current == "out_of_service"

    _from_another_thread(lambda: kiosk.service.release(OPERATOR))
    qtbot.waitUntil(lambda: kiosk.router.current == HOME, timeout=5000)
    assert kiosk.service.health().summary == "in service"


def test_an_urgent_hold_ends_the_session_at_once(live_kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk = live_kiosk
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    tap(kiosk, qtbot, home.tiles["track"])
    _from_another_thread(lambda: kiosk.service.hold(STORAGE, immediate=True))
    qtbot.waitUntil(lambda: kiosk.router.current == "out_of_service", timeout=5000)
    assert _reason(kiosk) == ""
    snapshot = {c.component: c for c in (r.health() for r in kiosk.services.reporters)} \
        if kiosk.services else {}
    assert snapshot["service"].summary == "out of service (storage)"
