"""`kiosk <command>` loads only what the command needs, and a bad file stops `kiosk run` first."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import COMMAND_MODULES, COMMANDS, build_parser, command_in

# Run in a fresh interpreter: what `kiosk run` imported, and whether Qt was ever loaded.
CHILD = """
import json, sys
from kiosk.cli import main
status = main(sys.argv[1:])
heavy = ("PySide6.QtWidgets", "pydantic", "httpx", "escpos", "sqlite_utils",
         "kiosk.offline_queue", "kiosk.devices.printer", "kiosk.devices.terminal")
print(json.dumps({"status": status, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def run_cli(*argv: str) -> tuple[dict[str, object], str]:
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True,
                          text=True, timeout=60, check=False)
    return json.loads(done.stdout), done.stderr


def test_every_command_is_found_in_the_module_the_map_names() -> None:
    registered: dict[str, str] = {}
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers()
        importlib.import_module(module).register(subparsers)
        registered.update(dict.fromkeys(subparsers.choices, module))
    assert registered == COMMANDS


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["run"], "run"),
        (["--config", "k.toml", "run", "--windowed"], "run"),
        (["--config=k.toml", "--log-level", "DEBUG", "queue", "list"], "queue"),
        (["queue", "--config", "k.toml", "retry", "7"], "queue"),
        (["-h"], None),
        ([], None),
        (["no-such-command"], None),
        (["--log-level", "LOUD", "run"], None),
    ],
)
def test_the_command_is_found_wherever_the_options_stand(
        argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command


def test_the_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser(command_in(["--help"])).parse_args(["--help"])
    shown = capsys.readouterr().out
    for command in COMMANDS:
        assert command in shown


def test_a_bad_file_stops_kiosk_run_before_qt_or_pydantic_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[ui]\nidle_timeout_s = 3\n[printer]\ndot_width = 577\n", encoding="utf-8")
    result, stderr = run_cli("run", "--config", str(path))
    assert result == {"status": 2, "loaded": []}
    assert stderr == (f"kiosk: configuration error: {path}: ui.idle_timeout_s: input should "
                      "be greater than or equal to 15 (got 3) (and 1 more problem)\n")


def test_kiosk_run_loads_no_other_command_s_tools(tmp_path: Path) -> None:
    # No display here, so `run` stops after reading the file: nothing else was needed.
    path = tmp_path / "kiosk.toml"
    path.write_text('[ui]\nlanguage = "en"\n', encoding="utf-8")
    result, stderr = run_cli("run", "--config", str(path))
    assert result == {"status": 1, "loaded": []}
    assert "no display" in stderr
