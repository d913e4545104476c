"""scripts/ensure_qt_libs.sh checks what the Qt platform that will be used needs.

A fake PySide6 tree holds plugins compiled here (gcc) against libraries that then do not
exist: the xcb plugin needs `libxcb-cursor.so.9`, the wayland one `libwayland-cursor.so.9`
and a library no package is known for. The script runs with a PATH without apt-get, so
it reports instead of installing, as it does for anyone who is not root on Debian.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
SCRIPT = SCRIPTS / "ensure_qt_libs.sh"
TOOLS = ("ldd", "awk", "sort", "sed", "id")  # what the script runs, apt-get left out


@pytest.fixture(scope="module")
def fake_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("gcc") is None:
        pytest.skip("needs gcc to build the fake Qt plugins")
    root = tmp_path_factory.mktemp("qt")
    qt = root / "PySide6" / "Qt"
    for folder in ("lib", "plugins/platforms", "plugins/wayland-shell-integration"):
        (qt / folder).mkdir(parents=True)
    source = root / "empty.c"
    source.write_text("int kiosk_stub;\n")

    def library(path: Path, *needs: str) -> None:
        subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(path), str(source),
                        f"-Wl,-soname,{path.name}", f"-L{root}", "-Wl,--no-as-needed",
                        *(f"-l:{need}" for need in needs)], check=True)

    absent = ("libxcb-cursor.so.9", "libwayland-cursor.so.9", "libkiosk-nowhere.so.1")
    for name in absent:
        library(root / name)
    library(qt / "lib" / "libQt6Widgets.so.6")
    library(qt / "plugins/platforms/libqoffscreen.so")
    library(qt / "plugins/platforms/libqxcb.so", "libxcb-cursor.so.9")
    library(qt / "plugins/platforms/libqwayland.so", "libwayland-cursor.so.9",
            "libkiosk-nowhere.so.1")
    library(qt / "plugins/wayland-shell-integration/libxdg-shell.so")
    for name in absent:
        (root / name).unlink()
    venv = root / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f"#!/bin/sh\necho '{qt}'\n")
    python.chmod(0o755)
    tools = root / "tools"
    tools.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found is not None, tool
        (tools / tool).symlink_to(found)
    return venv


def check(venv: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(SCRIPT), *args, str(venv)],
        env={"PATH": str(venv.parent / "tools"), **env},
        capture_output=True, text=True, check=False, timeout=60)


def test_an_x11_desktop_needs_what_the_xcb_plugin_links(fake_venv: Path) -> None:
    done = check(fake_venv, DISPLAY=":0")
    assert done.returncode == 1
    assert "libxcb-cursor.so.9" in done.stdout
    assert "sudo apt-get install libxcb-cursor0" in done.stderr
    assert "wayland" not in done.stdout + done.stderr


def test_a_wayland_desktop_needs_what_the_wayland_plugin_links(fake_venv: Path) -> None:
    done = check(fake_venv, WAYLAND_DISPLAY="wayland-0")
    assert done.returncode == 1
    assert "sudo apt-get install libwayland-cursor0" in done.stderr
    assert "No package known here for: libkiosk-nowhere.so.1" in done.stderr
    assert "libxcb-cursor" not in done.stdout + done.stderr


def test_qt_qpa_platform_decides_over_the_display(fake_venv: Path) -> None:
    assert check(fake_venv, DISPLAY=":0", QT_QPA_PLATFORM="offscreen").returncode == 0
    listed = check(fake_venv, QT_QPA_PLATFORM="wayland;xcb")
    assert "libxcb-cursor0" in listed.stderr
    assert "libwayland-cursor0" in listed.stderr


def test_without_a_display_offscreen_alone_is_checked(fake_venv: Path) -> None:
    assert check(fake_venv).returncode == 0


def test_all_platforms_checks_every_desktop_platform(fake_venv: Path) -> None:
    done = check(fake_venv, "--all-platforms")
    assert done.returncode == 1
    assert "sudo apt-get install libwayland-cursor0 libxcb-cursor0" in done.stderr

