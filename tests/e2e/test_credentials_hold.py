"""A kiosk still holding the development API key or technician PIN does not serve the
public: the whole app, over the real sandbox and emulators, shows the out-of-service
screen from the start and names the credentials hold in its health; with its own key and
PIN (the fixtures' enrolled kiosk) it shows Home."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import KioskConfig
from kiosk.config_source import DEV_API_KEY, DEV_PIN
from kiosk.domain.pin import hash_pin
from kiosk.screens.out_of_service import OutOfServiceScreen
from kiosk.services import build_services
from kiosk.shell.router import HOME
from tests.fixtures.kiosk import seen


@contextmanager
def _started(qtbot: QtBot, config: KioskConfig) -> Iterator[Kiosk]:
    kiosk = build_kiosk(config, kiosk_mode=False)
    qtbot.addWidget(kiosk.window)
    services = build_services(config)
    services.start()
    kiosk.attach_services(services)
    kiosk.window.show()
    try:
        yield kiosk
    finally:
        kiosk.shutdown()


@pytest.mark.parametrize("default", ["api_key", "pin"])
def test_development_credentials_keep_the_kiosk_out_of_service(
        qtbot: QtBot, kiosk_config: KioskConfig, default: str) -> None:
    if default == "api_key":
        config = kiosk_config.model_copy(update={"api": kiosk_config.api.model_copy(
            update={"api_key": DEV_API_KEY})})
    else:
        technician = kiosk_config.technician.model_copy(update={"pin_hash": hash_pin(DEV_PIN)})
        config = kiosk_config.model_copy(update={"technician": technician})
    with _started(qtbot, config) as kiosk:
        qtbot.waitUntil(lambda: kiosk.router.current == "out_of_service", timeout=5000)
        screen = kiosk.router.screen("out_of_service")
        assert isinstance(screen, OutOfServiceScreen)
        assert seen(screen.reason.text()) == "هذا الجهاز قيد التجهيز."
        assert kiosk.services is not None
        health = {c.component: c for c in kiosk.services.health().components}
        assert health["service"].summary == "out of service (credentials)"


def test_an_enrolled_kiosk_with_its_own_pin_serves(qtbot: QtBot,
                                                  kiosk_config: KioskConfig) -> None:
    with _started(qtbot, kiosk_config) as kiosk:
        assert kiosk.service.in_service  # a hold is placed as the services attach
        qtbot.wait(300)
        assert kiosk.router.current == HOME
