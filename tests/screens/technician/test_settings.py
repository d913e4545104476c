"""The settings panel: values typed on the on-screen keyboard, checked by the
configuration's own rules, written to the data folder's site.toml, and still valid
when the kiosk reads its configuration again at the next start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ConfigError, KioskConfig, Language, load_config
from kiosk.config_source import SITE_OVERLAY
from kiosk.screens.technician.settings import SettingsPanel
from kiosk.shell.background import KioskWork
from kiosk.shell.language import LanguageManager
from kiosk.technician.settings_tool import SettingsTool
from kiosk.tour.fit import unisolated
from kiosk.widgets.fields import KioskLineEdit
from kiosk.widgets.keyboard import OnScreenKeyboard
from kiosk.widgets.keyboard_layouts import KeyAction
from tests.fixtures.kiosk import seen
from tests.screens.technician.conftest import AuditLog, Host, shoot

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Only this file and its data folder: no configuration from the environment.
    for name in list(os.environ):
        if name.upper() == "KIOSK_CONFIG" or (name.upper().startswith("KIOSK_")
                                              and "__" in name):
            monkeypatch.delenv(name)
    path = tmp_path / "kiosk.toml"
    path.write_text('[ui]\nlanguage = "ar"\nidle_timeout_s = 60\n\n'
                    '[printer]\nconnection = "tcp://127.0.0.1:9100"\n\n'
                    f'[storage]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    return path


@pytest.fixture
def running(config_file: Path) -> KioskConfig:
    return load_config(config_file)


@pytest.fixture
def panel(running: KioskConfig, runner: KioskWork, audit: AuditLog) -> SettingsPanel:
    return SettingsPanel(SettingsTool(running, runner, audit))


def type_on_screen(qtbot: QtBot, window: QWidget, field: KioskLineEdit, text: str) -> None:
    """Clears `field` and types `text` with the on-screen keyboard's keys."""
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    keyboard = window.findChild(OnScreenKeyboard)
    assert keyboard is not None
    qtbot.waitUntil(keyboard.isVisible)
    qtbot.mouseClick(keyboard.action_key(KeyAction.CLEAR), Qt.MouseButton.LeftButton)
    for char in text:
        qtbot.mouseClick(keyboard.key_for(char), Qt.MouseButton.LeftButton)
    assert field.text() == text


def loaded(panel: SettingsPanel, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: panel.tool.saved is not None and not panel.tool.busy,
                    timeout=5000)


def test_a_setting_changed_is_still_valid_after_restart(
        qtbot: QtBot, host: Host, panel: SettingsPanel, config_file: Path,
        audit: AuditLog) -> None:
    window = host(panel)
    loaded(panel, qtbot)
    assert panel.timeout_field.text() == "60"
    type_on_screen(qtbot, window, panel.timeout_field, "120")
    qtbot.mouseClick(panel.timeout_save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.saved.isVisible, timeout=5000)
    assert "after the kiosk restarts" in panel.saved.text()
    qtbot.mouseClick(panel.english_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.tool.busy and panel.english_button.isChecked(),
                    timeout=5000)

    restarted = load_config(config_file)  # the next start reads the same data folder
    assert restarted.ui.idle_timeout_s == 120
    assert restarted.ui.language is Language.ENGLISH
    assert restarted.ui.idle_warning_s == 30, "what was not changed stays as it was"
    assert (config_file.parent / "data" / SITE_OVERLAY).stat().st_mode & 0o777 == 0o600
    assert audit.records == [("settings.ui.idle_timeout_s", "set to 120"),
                             ("settings.ui.language", "set to en")]


def test_a_refused_value_shows_the_file_checks_message_and_writes_nothing(
        qtbot: QtBot, host: Host, panel: SettingsPanel, config_file: Path,
        tmp_path: Path, audit: AuditLog) -> None:
    window = host(panel)
    loaded(panel, qtbot)
    type_on_screen(qtbot, window, panel.timeout_field, "5")
    qtbot.mouseClick(panel.timeout_save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.problem.isVisible, timeout=5000)
    assert not (config_file.parent / "data" / SITE_OVERLAY).exists()

    # The same value in the configuration file: the same words.
    bad = tmp_path / "bad.toml"
    bad.write_text("[ui]\nidle_timeout_s = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(bad)
    why = str(refused.value).removeprefix(f"{bad}: ")
    assert why == "ui.idle_timeout_s: input should be greater than or equal to 15 (got 5)"
    assert why in seen(panel.problem.text())
    assert not panel.saved.isVisible()
    assert audit.records == [("settings.ui.idle_timeout_s", "failed: ConfigError")]


def test_a_network_printer_typed_on_the_pad(
        qtbot: QtBot, host: Host, panel: SettingsPanel, config_file: Path) -> None:
    window = host(panel)
    loaded(panel, qtbot)
    assert (panel.address_field.text(), panel.port_field.text()) == ("127.0.0.1", "9100")
    type_on_screen(qtbot, window, panel.address_field, "300.1.1.1")
    qtbot.mouseClick(panel.printer_save, Qt.MouseButton.LeftButton)
    assert "four numbers from 0 to 255" in seen(panel.problem.text())
    assert panel.address_field.is_invalid()
    assert not (config_file.parent / "data" / SITE_OVERLAY).exists()

    type_on_screen(qtbot, window, panel.address_field, "192.168.1.50")
    qtbot.mouseClick(panel.printer_save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.saved.isVisible, timeout=5000)
    assert not panel.address_field.is_invalid()
    assert load_config(config_file).printer.connection == "tcp://192.168.1.50:9100"
    qtbot.mouseClick(panel.no_printer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.tool.busy and "no printer" in panel.printer_now.text(),
                    timeout=5000)
    assert load_config(config_file).printer.connection == "none"


def test_panel_in_both_languages(qtbot: QtBot, host: Host, panel: SettingsPanel,
                                 language: LanguageManager, tmp_path: Path) -> None:
    out = Path(os.environ.get("KIOSK_TECHNICIAN_SHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    window = host(panel)
    loaded(panel, qtbot)
    panel.tool.set_idle_timeout("5")
    qtbot.waitUntil(panel.problem.isVisible, timeout=5000)
    language.set_language(Language.ARABIC)
    QApplication.processEvents()
    assert unisolated(window) == []
    shoot(window, language, out, "technician-settings")
