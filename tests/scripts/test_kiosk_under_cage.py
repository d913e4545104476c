"""The kiosk under its real compositor: kiosk.service's own command line, run headless.

scripts/install_kiosk.sh writes (under --root) the unit a kiosk boots with; this test
takes that unit's `ExecStart` and `Environment=` and runs them as systemd would, but
on cage's headless output (wlroots' headless backend, pixman renderer, no input devices)
instead of tty1: as a throwaway unprivileged user (cage refuses to run as root), with
`WATCHDOG_PID` naming cage as systemd names the main process, and a real AF_UNIX
datagram socket as `NOTIFY_SOCKET`. The app is the real `kiosk run` on Qt's Wayland
platform, over the sandbox and both emulators, enrolled (its own API key and PIN) so
Home shows, not the out-of-service screen.

Once the app says READY=1, `grim` takes a screenshot through the compositor
(wlr-screencopy): what cage really composed, not what Qt thinks it drew. It is kept in
var/screenshots/compositor/ for people to look at. Then the unit's stop (SIGTERM to
cage's child) ends the app, and cage with it, cleanly.

The app runs on Debian's python3 in a throwaway venv that sees this checkout's packages,
as the installed kiosk runs on Debian's python3: the test's own interpreter may live
where the kiosk user cannot read it (pyenv under /root).
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.demo import render_config
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from sandbox.runner import SandboxProcess
from sandbox.seed import DEMO_KIOSK
from tests.fixtures.browser import SCREENSHOTS
from tests.fixtures.kiosk import technician_pin_hash
from tests.fixtures.notify import next_message, notify_socket
from tests.scripts.test_install_kiosk import DEVICES, install, unit

START_S = 90.0  # the unit's TimeoutStartSec: Qt, fonts and services on a loaded machine
STOP_S = 15.0  # the unit's TimeoutStopSec
DEBIAN_PYTHON = Path("/usr/bin/python3")
# The brand bar across the top of every screen (assets/theme.qss, QFrame#TopBar).
BRAND_GREEN = QColor("#0B5D3B")
# Home's service tiles (assets/theme.qss, QPushButton[role="tile"]).
TILE_GROUND = QColor("#F3F6F4")

pytestmark = pytest.mark.timeout(240)


def missing_prerequisite() -> str | None:
    """Why this machine cannot run the test, or None."""
    if os.geteuid() != 0:
        return ("needs root: cage refuses to run as root, so the test runs it as a "
                "throwaway system user it creates (useradd) and removes afterwards")
    for tool in ("cage", "grim", "Xwayland", "setpriv", "useradd", "userdel", "pkill"):
        if shutil.which(tool) is None:
            return f"needs {tool}: bash scripts/ensure_test_tools.sh"
    if not DEBIAN_PYTHON.exists():
        return f"needs {DEBIAN_PYTHON} (Debian's python3), which the installed kiosk runs on"
    return None


@dataclass
class KioskUser:
    """A throwaway system user standing in for `kiosk`, and a folder only it owns."""

    name: str
    uid: int
    gid: int
    home: Path

    def own(self, path: Path) -> None:
        os.chown(path, self.uid, self.gid)


@pytest.fixture
def kiosk_user() -> Iterator[KioskUser]:
    reason = missing_prerequisite()
    if reason is not None:
        pytest.skip(reason)
    name = f"kiosktest{secrets.token_hex(4)}"
    subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", name], check=True, timeout=30)
    # /tmp itself, not pytest's tmp_path: that one sits in root's 0700 folder.
    home = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        entry = pwd.getpwnam(name)
        user = KioskUser(name, entry.pw_uid, entry.pw_gid, home)
        user.own(home)
        yield user
    finally:
        # Whatever is left running as the user goes first, or userdel refuses.
        subprocess.run(["pkill", "--signal", "KILL", "--uid", name], check=False, timeout=30)
        subprocess.run(["userdel", name], check=True, timeout=30)
        shutil.rmtree(home, ignore_errors=True)
    with open("/etc/group", encoding="utf-8") as groups:
        assert not [line for line in groups if line.startswith(f"{name}:")]


def kiosk_venv(folder: Path) -> Path:
    """A venv on Debian's python3 that sees this checkout's installed packages; returns
    its `kiosk` command (what `/opt/kiosk/current/bin/kiosk` is on a kiosk)."""
    subprocess.run([str(DEBIAN_PYTHON), "-m", "venv", "--without-pip", str(folder)],
                   check=True, timeout=60)
    [site_packages] = folder.glob("lib/python3*/site-packages")
    ours = sysconfig.get_paths()["purelib"]
    # addsitedir (not a plain path line) also runs the .pth files there, among them the
    # editable install's finder that maps `kiosk` and `sandbox` to this checkout.
    (site_packages / "kiosk-checkout.pth").write_text(
        f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")
    command = folder / "bin" / "kiosk"
    command.write_text(f"#!{folder / 'bin' / 'python'}\nimport sys\n"
                       "from kiosk.cli import main\nsys.exit(main())\n", encoding="utf-8")
    command.chmod(0o755)
    return command


def share(pixels: QImage, colour: QColor, rows: range) -> float:
    """The share of pixels in `rows` (every 4th column) within a small distance of
    `colour`: a renderer's rounding or dithering changes a channel by a step or two."""
    hits = total = 0
    for y in rows:
        for x in range(0, pixels.width(), 4):
            seen = pixels.pixelColor(x, y)
            total += 1
            if (abs(seen.red() - colour.red()) + abs(seen.green() - colour.green())
                    + abs(seen.blue() - colour.blue())) <= 12:
                hits += 1
    return hits / total


def looks_like_home(shot: Path) -> bool:
    """Home as cage composed it: the brand bar's green along the top edge, and below it
    the service tiles' light grey over a good part of the page (not a black output, not
    the out-of-service screen's one message on a white page)."""
    pixels = QImage(str(shot))
    if pixels.isNull():
        return False
    bar = share(pixels, BRAND_GREEN, range(0, 4))  # above the bar's buttons
    tiles = share(pixels, TILE_GROUND, range(pixels.height() // 4, pixels.height(), 8))
    return bar > 0.95 and tiles > 0.25


def test_the_unit_runs_the_kiosk_under_cage_and_cage_shows_home(
        kiosk_user: KioskUser, tmp_path: Path, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator, terminal_emulator: TerminalEmulator) -> None:
    # The unit exactly as the install script writes it.
    install(tmp_path / "root", *DEVICES, "--rotate", "90")
    service = unit(tmp_path / "root")
    [exec_start] = service["ExecStart"]
    cage_line, _, app_line = exec_start.partition(" -- ")
    app = shlex.split(app_line)
    assert app[-2:] == ["/opt/kiosk/current/bin/kiosk", "run"], app

    folder = kiosk_user.home
    runtime = folder / "runtime"  # /run/user/UID on a kiosk, where cage's socket goes
    for part in (runtime, folder / "cache"):
        part.mkdir(mode=0o700)
        kiosk_user.own(part)
    ca = folder / "ca.pem"
    shutil.copy(sandbox.ca_path, ca)
    os.chown(terminal_emulator.device_path, kiosk_user.uid, kiosk_user.gid)  # udev's job
    config = folder / "kiosk.toml"
    config.write_text(render_config(
        base_url=sandbox.base_url, ca_path=ca, api_key=DEMO_KIOSK.key,
        pin_hash=technician_pin_hash(), printer_port=printer_emulator.port,
        terminal_port=terminal_emulator.device_path, data_dir=folder / "data",
    ).replace("windowed = true", "windowed = false"), encoding="utf-8")
    app[-2] = str(kiosk_venv(folder / "venv"))

    # systemd's side of the notify protocol.
    notify_path = folder / "notify"
    systemd = notify_socket(notify_path, START_S)
    kiosk_user.own(notify_path)

    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(folder),
           "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(runtime),
           "NOTIFY_SOCKET": str(notify_path),
           "WATCHDOG_USEC": str(int(service["WatchdogSec"][0]) * 1_000_000),
           # The installed app's bytecode comes with its release; the checkout stays as is.
           "PYTHONDONTWRITEBYTECODE": "1",
           # A headless output in memory instead of tty1's DRM screen and libinput.
           "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
           "WLR_LIBINPUT_NO_DEVICES": "1"}
    for assignment in service["Environment"]:
        key, _, value = assignment.partition("=")
        env[key] = value
    env["KIOSK_CONFIG"] = str(config)
    env["XDG_CACHE_HOME"] = str(folder / "cache")

    log_path = tmp_path / "cage.log"
    as_user = ["setpriv", f"--reuid={kiosk_user.uid}", f"--regid={kiosk_user.gid}",
               "--clear-groups", "--"]
    # systemd sets WATCHDOG_PID to the main process (cage): sh's pid, which exec keeps.
    with log_path.open("wb") as log:
        cage = subprocess.Popen(
            [*as_user, "sh", "-c", 'WATCHDOG_PID=$$ exec "$@"', "sh",
             *shlex.split(cage_line), "--", *app],
            env=env, cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        try:
            before = next_message(systemd, "READY=1")
        except TimeoutError:
            pytest.fail(f"no READY=1 within {START_S:g} s (cage {cage.poll()}):\n"
                        f"{log_path.read_text(encoding='utf-8', errors='replace')}")
        assert before[-1] == "READY=1\nSTATUS=Home on screen"
        # The ExecStart's `env -u WATCHDOG_PID` lets the app, cage's child, ping.
        next_message(systemd, "WATCHDOG=1")

        [wayland] = [p.name for p in runtime.glob("wayland-*") if p.suffix != ".lock"]
        shot = folder / "cage-home.png"
        deadline = time.monotonic() + 20
        while True:  # the next frame may still be on its way to the output
            subprocess.run([*as_user, "env", f"XDG_RUNTIME_DIR={runtime}",
                            f"WAYLAND_DISPLAY={wayland}", "grim", str(shot)],
                           check=True, timeout=30, capture_output=True)
            if looks_like_home(shot) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        kept = SCREENSHOTS / "compositor"
        kept.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, kept / shot.name)
        shutil.copy(shot, tmp_path / shot.name)
        assert looks_like_home(shot), f"not Home: see {kept / shot.name}"
        pixels = QImage(str(shot))
        assert (pixels.width(), pixels.height()) != (0, 0)

        # The unit's ExecStop: SIGTERM to cage's child; cage follows the app out.
        subprocess.run(["pkill", "--signal", "TERM", "--parent", str(cage.pid)],
                       check=True, timeout=30)
        systemd.settimeout(STOP_S)
        next_message(systemd, "STOPPING=1")
        assert cage.wait(timeout=STOP_S) == 0
        log_text = log_path.read_text(encoding="utf-8", errors="replace")
        assert re.search(r'"message": ?"stopped cleanly"', log_text), log_text
    finally:
        systemd.close()
        if cage.poll() is None:
            cage.send_signal(signal.SIGKILL)
            cage.wait(timeout=30)
