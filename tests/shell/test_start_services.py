"""A kiosk that cannot keep requests takes itself out of service instead of taking them."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk, start_services_in_background
from kiosk.config import KioskConfig, StorageSettings
from kiosk.offline_queue import default_path
from kiosk.screens.track import TrackScreen


def test_corrupt_outbox_at_start_puts_the_kiosk_out_of_service(
    tmp_path: Path, qtbot: QtBot
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    outbox = default_path(data_dir)
    outbox.write_bytes(b"this is not an SQLite database" * 100)
    config = KioskConfig(storage=StorageSettings(data_dir=data_dir))
    kiosk = build_kiosk(config, kiosk_mode=False)
    qtbot.addWidget(kiosk.window)
    try:
        kiosk.window.show()
        start_services_in_background(kiosk)
        qtbot.waitUntil(lambda: kiosk.router.current == "out_of_service", timeout=10000)
        assert not kiosk.window.nav_bar.isVisible()
        assert kiosk.services is None
        # The bad file is kept aside for a technician, never deleted.
        assert any(".corrupt-" in p.name for p in data_dir.iterdir())
    finally:
        kiosk.shutdown()


def test_services_attach_even_when_a_session_ends_while_they_open(
    kiosk_config: KioskConfig, qtbot: QtBot
) -> None:
    # A passer-by taps a tile and Home (or Stop) while storage and devices are opening:
    # the kiosk's start-up is not the beneficiary's work, and must not be dropped with it.
    kiosk = build_kiosk(kiosk_config, kiosk_mode=False)
    qtbot.addWidget(kiosk.window)
    try:
        kiosk.window.show()
        start_services_in_background(kiosk)
        kiosk.end_session("cancelled by beneficiary")
        qtbot.waitUntil(lambda: kiosk.services is not None, timeout=10000)
        kiosk.router.go("track")
        assert isinstance(kiosk.router.screen("track"), TrackScreen)
    finally:
        kiosk.shutdown()
