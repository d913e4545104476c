"""A technician's mistake in kiosk.toml ends in one clear line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, Language, load_config

EXAMPLE = Path(__file__).resolve().parents[1] / "config" / "kiosk.example.toml"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_example_file_loads_and_documents_every_key() -> None:
    config = load_config(EXAMPLE)
    text = EXAMPLE.read_text(encoding="utf-8")
    for section, model in KioskConfig.model_fields.items():
        assert f"[{section}]" in text
        assert model.annotation is not None
        for key in model.annotation.model_fields:  # type: ignore[union-attr]
            assert f"\n{key} =" in text or f"\n# {key} =" in text, f"{section}.{key} undocumented"
    assert config.ui.language is Language.ARABIC


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[ui]\nidle_timeout_s = 3\n",
         "ui.idle_timeout_s: input should be greater than or equal to 15 (got 3)"),
        ("[ui]\nidle_timout_s = 60\n", "ui.idle_timout_s: unknown key"),
        ("[nonsense]\nx = 1\n", "nonsense: unknown key"),
        ("[ui\n", "not valid TOML"),
        ('[ui]\nidle_timeout_s = "soon"\n', "ui.idle_timeout_s: input should be a valid integer"),
        ("ui = 5\n", "ui: expected a [section] table (got 5)"),
        ("[printer]\ndot_width = 577\n", "printer.dot_width: input should be a multiple of 8"),
        ('[api]\nbase_url = "http://api.example.sa"\n', "api.base_url: expected an https:// URL"),
        ('[ui]\nlanguage = "fr"\n', "ui.language: input should be 'ar' or 'en'"),
        ('[ui]\nidle_warning_s = 10\n',
         "ui.idle_warning_s: input should be greater than or equal to 20"),
    ],
)
def test_bad_values_name_file_key_and_expectation(tmp_path: Path, body: str, expected: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: file not found"):
        load_config(tmp_path / "nope.toml")


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "[ui]\nidle_timeout_s = 30\n")
    monkeypatch.setenv("KIOSK_UI__IDLE_TIMEOUT_S", "90")
    assert load_config(path).ui.idle_timeout_s == 90


def test_config_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, '[kiosk]\nid = "AHS-MALL-03"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(path))
    assert load_config().kiosk.id == "AHS-MALL-03"


def test_relative_paths_are_taken_from_the_file_folder(tmp_path: Path) -> None:
    path = write(tmp_path, '[storage]\ndata_dir = "data"\n[api]\nca_bundle = "ca.pem"\n')
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    config = load_config(path)
    assert config.storage.data_dir == tmp_path / "data"
    assert config.api.ca_bundle == tmp_path / "ca.pem"


def test_cli_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, "[ui]\nidle_timeout_s = -1\n")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(path), "tour", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "ui.idle_timeout_s" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.png"))


def test_a_ca_bundle_that_does_not_exist_is_a_configuration_error(tmp_path: Path) -> None:
    path = write(tmp_path, '[api]\nca_bundle = "missing-ca.pem"\n')
    with pytest.raises(ConfigError, match=r"api\.ca_bundle: no such file .*missing-ca\.pem"):
        load_config(path)


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_is_accepted_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    path = write(tmp_path, "[ui]\nidle_timeout_s = -1\n")
    option = ["--config", str(path)]
    argv = [*option, "doctor"] if where == "before" else ["doctor", *option]
    result = subprocess.run([sys.executable, "-m", "kiosk", *argv], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2  # the file was read, wherever --config stood
    assert "ui.idle_timeout_s" in result.stderr
