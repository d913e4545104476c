"""Starting the services: never lost, never on a configuration the kiosk does not understand.

A kiosk that cannot keep requests takes itself out of service instead of taking them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import build_kiosk, run, start_services_in_background
from kiosk.config import (
    ApiSettings,
    KioskConfig,
    PrinterSettings,
    StorageSettings,
    TechnicianSettings,
)
from kiosk.config_source import CheckedConfig, ConfigError, ConfigSource, Language, UiValues
from kiosk.offline_queue import default_path
from kiosk.shell.router import HOME
from tests.fixtures.kiosk import technician_pin_hash


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


def test_a_session_ended_while_the_services_start_does_not_lose_them(
    tmp_path: Path, qtbot: QtBot
) -> None:
    # An enrolled kiosk's own key and PIN: development ones would hold it out of service.
    config = KioskConfig(storage=StorageSettings(data_dir=tmp_path / "data"),
                         printer=PrinterSettings(connection="none"),
                         api=ApiSettings(api_key="k" * 32),
                         technician=TechnicianSettings(pin_hash=technician_pin_hash()))
    kiosk = build_kiosk(config, kiosk_mode=False)
    qtbot.addWidget(kiosk.window)
    try:
        kiosk.window.show()
        start_services_in_background(kiosk)
        # Someone taps Home (or the language) at once: that session's work is dropped,
        # the kiosk's own is not.
        kiosk.end_session("home from home")
        qtbot.waitUntil(lambda: kiosk.services is not None, timeout=10000)
        assert kiosk.router.current == HOME
    finally:
        kiosk.shutdown()


def test_models_refusing_what_the_precheck_passed_stop_the_kiosk_with_its_one_line(
    tmp_path: Path, qtbot: QtBot
) -> None:
    # A precheck that let a bad value through (a bug) is stood in for by a checked
    # configuration built by hand: after Home, the typed models still refuse it.
    data = {"ui": {"idle_timeout_s": 3}, "storage": {"data_dir": "data"}}
    source = ConfigSource(str(tmp_path / "kiosk.toml"), tmp_path, data)
    checked = CheckedConfig(source, UiValues(Language.ENGLISH, 60, 30, windowed=True,
                                             hotline="940"))
    with pytest.raises(ConfigError) as refused:
        run(checked, windowed=True)
    assert str(refused.value) == (f"{tmp_path / 'kiosk.toml'}: ui.idle_timeout_s: input "
                                  "should be greater than or equal to 15 (got 3)")
    assert not (tmp_path / "data").exists()  # no storage opened for it
