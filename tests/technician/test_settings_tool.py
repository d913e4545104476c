"""The settings tool without a screen: typed text read as the key's kind, the file
check's words for a refused value, and the printer typed as address and port."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, StorageSettings, load_config
from kiosk.config_source import SITE_OVERLAY
from kiosk.flows.base import InlineRunner
from kiosk.technician.settings_tool import (
    AddressProblem,
    SettingsTool,
    network_parts,
    network_printer,
)


@pytest.mark.parametrize(("address", "port", "expected"), [
    ("192.168.1.50", "9100", "tcp://192.168.1.50:9100"),
    (" 10.0.0.7 ", "9101", "tcp://10.0.0.7:9101"),
    ("300.1.1.1", "9100", AddressProblem.ADDRESS),
    ("192.168.1", "9100", AddressProblem.ADDRESS),
    ("", "9100", AddressProblem.ADDRESS),
    ("192.168.1.50", "0", AddressProblem.PORT),
    ("192.168.1.50", "65536", AddressProblem.PORT),
    ("192.168.1.50", "", AddressProblem.PORT),
    ("192.168.1.50", "٩١٠٠", AddressProblem.PORT),  # the field turns these into ASCII
])
def test_network_printer(address: str, port: str, expected: str) -> None:
    assert network_printer(address, port) == expected


def test_network_parts() -> None:
    assert network_parts("tcp://192.168.1.50:9100") == ("192.168.1.50", "9100")
    assert network_parts("tcp://192.168.1.50") == ("192.168.1.50", "9100")
    assert network_parts("usb://04b8:0202") is None
    assert network_parts("none") is None


@pytest.fixture
def tool(tmp_path: Path) -> SettingsTool:
    running = KioskConfig(storage=StorageSettings(data_dir=tmp_path))
    return SettingsTool(running, InlineRunner(), lambda _a, _o: None)


def test_a_typed_number_is_saved_as_a_number(tool: SettingsTool, tmp_path: Path) -> None:
    assert tool.refresh()
    assert not tool.restart_needed
    tool.set_idle_warning("45")
    assert tool.problem is None
    assert tool.saved is not None
    assert tool.saved.idle_warning_s == 45
    assert tool.restart_needed
    assert "idle_warning_s = 45\n" in (tmp_path / SITE_OVERLAY).read_text(encoding="utf-8")


@pytest.mark.parametrize(("typed", "problem"), [
    ("abc", "ui.idle_warning_s: input should be a valid integer (got 'abc')"),
    ("200", "ui.idle_warning_s: input should be less than or equal to 120 (got 200)"),
    ("", "ui.idle_warning_s: input should be a valid integer (got '')"),
])
def test_a_refused_value_writes_nothing(tool: SettingsTool, tmp_path: Path, typed: str,
                                        problem: str) -> None:
    tool.set_idle_warning(typed)
    assert tool.problem == problem
    assert tool.problem_key == "ui.idle_warning_s"
    assert not (tmp_path / SITE_OVERLAY).exists()


def test_a_damaged_site_file_is_reported_not_overwritten(tool: SettingsTool,
                                                         tmp_path: Path) -> None:
    (tmp_path / SITE_OVERLAY).write_text("[ui]\nidle_timeout_s = 3\n", encoding="utf-8")
    tool.refresh()
    assert tool.problem == "ui.idle_timeout_s: input should be greater than or equal to 15 " \
                          "(got 3)"
    with pytest.raises(ConfigError, match="idle_timeout_s"):
        load_config_over(tmp_path)


def load_config_over(data_dir: Path) -> KioskConfig:
    path = data_dir / "kiosk.toml"
    path.write_text(f'[storage]\ndata_dir = "{data_dir}"\n', encoding="utf-8")
    return load_config(path)
