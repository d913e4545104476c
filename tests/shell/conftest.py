"""A real kiosk shell, offscreen, with the bundled font and Arabic translations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import KioskConfig


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[Kiosk]:
    built = build_kiosk(KioskConfig(), kiosk_mode=False)
    qtbot.addWidget(built.window)
    built.window.resize(1920, 1080)
    built.window.show()
    yield built
    built.shutdown()
