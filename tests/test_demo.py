"""`kiosk demo` as a newcomer runs it: a real process on a real (virtual) X display.

Xvfb stands in for the desktop (1920x1080, no window manager). The demo starts its own
sandbox subprocess and emulators, opens the kiosk's window through Qt's xcb plugin, and
is stopped the ways a person or a system stops it: Ctrl+C (SIGINT), SIGTERM, or SIGKILL.
What is checked is what a person would notice: the window's shape on the X server, the
four service tiles on a screenshot, the terminal's few lines, the SMS code appearing
there, and that no process of the demo is left behind.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from PIL import Image, ImageGrab

from kiosk.api.client import MunicipalityClient
from kiosk.config import load_config
from sandbox.seed import CLEAN

SCREEN = (1920, 1080)
WINDOW_TITLE = "AHS-DEV-01"  # the demo config's kiosk id, the window's title
TILE_BACKGROUND = (0xF3, 0xF6, 0xF4)  # assets/theme.qss, QPushButton[role="tile"]
START_S = 40.0  # sandbox + Qt on a loaded two-core machine
STOP_S = 15.0
T = TypeVar("T")

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(shutil.which("Xvfb") is None or shutil.which("xwininfo") is None,
                       reason="needs Xvfb and xwininfo: bash scripts/ensure_test_tools.sh"),
]


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A fresh Xvfb server; its number is the one it reports free (-displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
         "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            pytest.fail("Xvfb did not report a display number")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


@dataclass
class Demo:
    """A running `python -m kiosk demo` and what it wrote."""

    process: subprocess.Popen[bytes]
    root: Path
    out: Path
    err: Path

    def stdout(self) -> str:
        return self.out.read_text(encoding="utf-8")

    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8")


@pytest.fixture
def start_demo(display: str, tmp_path: Path) -> Iterator[Callable[..., Demo]]:
    started: list[Demo] = []

    def start(*options: str) -> Demo:
        env = {key: value for key, value in os.environ.items()
               if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "QT_SCALE_FACTOR",
                              "XAUTHORITY")}
        env["DISPLAY"] = display
        out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "demo", "--dir", "var/demo", *options],
                cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
        demo = Demo(process, tmp_path / "var" / "demo", out, err)
        started.append(demo)
        return demo

    yield start
    for demo in started:  # a failed test must not leave the demo (or its children) running
        leftovers = [demo.process.pid, *descendants(demo.process.pid),
                     *started_in(demo.root)]
        for pid in leftovers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        demo.process.wait(timeout=10)


def started_in(root: Path) -> list[int]:
    """Processes whose command line names `root` (a sandbox whose parent is gone)."""
    return [int(entry.name) for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and str(root) in cmdline(int(entry.name))]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def descendants(pid: int) -> list[int]:
    """Every living process under `pid` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def wait_for(what: str, probe: Callable[[], T | None], demo: Demo, *,
             seconds: float = START_S, running: bool = True) -> T:
    """What `probe` finds, once it finds it; fails after `seconds`, or at once if the demo
    exits while it should be `running`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found is not None:
            return found
        if running and demo.process.poll() is not None:
            pytest.fail(f"the demo exited ({demo.process.returncode}) before {what}:\n"
                        f"{demo.stdout()}\n{demo.stderr()}")
        time.sleep(0.2)
    pytest.fail(f"no {what} within {seconds:g} s:\n{demo.stdout()}\n{demo.stderr()}")


@dataclass(frozen=True)
class Geometry:
    x: int
    y: int
    width: int
    height: int


def window_geometry(display: str) -> Geometry | None:
    """The kiosk's window as the X server has it, once it is mapped."""
    done = subprocess.run(["xwininfo", "-display", display, "-name", WINDOW_TITLE],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or "IsViewable" not in done.stdout:
        return None
    values = dict(re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)",
                             done.stdout, re.MULTILINE))
    return Geometry(int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"]),
                    int(values["Width"]), int(values["Height"]))


def whole_tiles(shot: Image.Image) -> int:
    """How many tile-coloured areas of a tile's size lie wholly inside `shot`."""
    step = 4  # a quarter of the resolution keeps this fast and tiles are huge
    small = shot.convert("RGB").resize((shot.width // step, shot.height // step),
                                       Image.Resampling.NEAREST)
    width, height = small.size
    pixels = small.load()
    assert pixels is not None
    seen: set[tuple[int, int]] = set()
    count = 0
    for start in ((x, y) for y in range(height) for x in range(width)):
        if start in seen or pixels[start] != TILE_BACKGROUND:
            continue
        area, touches_edge, todo = 0, False, [start]
        seen.add(start)
        while todo:
            x, y = todo.pop()
            area += 1
            touches_edge |= x in (0, width - 1) or y in (0, height - 1)
            for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if (0 <= near[0] < width and 0 <= near[1] < height and near not in seen
                        and pixels[near] == TILE_BACKGROUND):
                    seen.add(near)
                    todo.append(near)
        if area > width * height // 50 and not touches_edge:
            count += 1
    return count


def shown_tiles(display: str, window: Geometry) -> int | None:
    box = (window.x, window.y, window.x + window.width, window.y + window.height)
    tiles = whole_tiles(ImageGrab.grab(bbox=box, xdisplay=display))
    return tiles if tiles == 4 else None


def sandbox_child(demo: Demo) -> int | None:
    for pid in descendants(demo.process.pid):
        if " -m sandbox " in cmdline(pid):
            return pid
    return None


def test_demo_opens_a_kiosk_shaped_window_and_ctrl_c_ends_everything(
        start_demo: Callable[..., Demo], display: str) -> None:
    demo = start_demo()
    window = wait_for("kiosk window", lambda: window_geometry(display), demo)
    # Landscape 16:9, as large as the screen allows (not a 960x680 corner of it).
    assert abs(window.width / window.height - 16 / 9) < 0.01
    assert window.width <= SCREEN[0]
    assert window.height <= SCREEN[1]
    assert window.height >= 0.9 * SCREEN[1]
    # Home shows all four services, none scrolled out of sight.
    wait_for("four whole service tiles", lambda: shown_tiles(display, window), demo)

    # The code "texted" to a demo identity appears in the terminal.
    config = load_config(demo.root / "kiosk.toml")
    with MunicipalityClient(config.api) as client:
        client.request_otp(CLEAN.national_id, CLEAN.mobile)
    code_line = re.compile(r"^SMS to 055\*{5}01: code \d{6}$", re.MULTILINE)
    wait_for("SMS code line", lambda: code_line.search(demo.stdout()), demo, seconds=15)

    children = descendants(demo.process.pid)
    assert any(" -m sandbox " in cmdline(pid) for pid in children)
    demo.process.send_signal(signal.SIGINT)
    assert demo.process.wait(timeout=STOP_S) == 128 + signal.SIGINT
    assert [pid for pid in children if alive(pid)] == []

    # The terminal got a few readable lines; the JSON log went to the file.
    stdout, stderr = demo.stdout(), demo.stderr()
    assert "Demo identities to try" in stdout
    assert CLEAN.national_id in stdout
    assert "/admin/sms.html" in stdout
    assert stdout.rstrip().endswith("Demo stopped.")
    assert len(stdout.splitlines()) < 20
    for line in (stdout + stderr).splitlines():
        assert not line.startswith("{"), line
    assert "propagateSizeHints" not in stderr
    logged = [json.loads(line) for line in
              (demo.root / "demo.log").read_text(encoding="utf-8").splitlines()]
    assert {"message": "quitting on a signal", "signal": "SIGINT"} in [
        {key: entry.get(key) for key in ("message", "signal")} for entry in logged]


def test_full_screen_then_sigterm_ends_the_demo_and_its_sandbox(
        start_demo: Callable[..., Demo], display: str) -> None:
    demo = start_demo("--fullscreen")
    # The whole screen, even with no window manager to honour "full screen" (a kiosk's
    # bare X server has none either).
    window = wait_for("kiosk window", lambda: window_geometry(display), demo)
    assert (window.x, window.y, window.width, window.height) == (0, 0, *SCREEN)
    sandbox = sandbox_child(demo)
    assert sandbox is not None
    demo.process.send_signal(signal.SIGTERM)
    assert demo.process.wait(timeout=STOP_S) == 128 + signal.SIGTERM
    assert not alive(sandbox)
    assert demo.stdout().rstrip().endswith("Demo stopped.")


def test_a_killed_demo_takes_its_sandbox_with_it(start_demo: Callable[..., Demo],
                                                 display: str) -> None:
    demo = start_demo()
    wait_for("kiosk window", lambda: window_geometry(display), demo)
    sandbox = sandbox_child(demo)
    assert sandbox is not None
    demo.process.kill()  # SIGKILL: no handler, no cleanup of our own
    demo.process.wait(timeout=STOP_S)
    wait_for("the sandbox to end", lambda: True if not alive(sandbox) else None, demo,
             seconds=STOP_S, running=False)
