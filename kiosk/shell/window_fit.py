"""How big a kiosk window on a desktop is: a kiosk's screen, fitted to this one.

A kiosk is a 1920x1080 touch screen, landscape or portrait, and every screen is laid out
(and screenshot-tested by the tour) for that size. A desktop window of another shape
shows something else: at 960x680, Home scrolled two of its four services out of sight.

So the demo shows the kiosk's own logical size, 1920x1080 (or 1080x1920), scaled with
Qt's `QT_SCALE_FACTOR` to fit the screen's available area, or fills the whole screen when
asked. The factor has to be in the environment before the QApplication exists, and the
screen is known only after: `probe_screen()` asks a short-lived child process
(`python -m kiosk.shell.window_fit`) for it. That child is also how the demo learns,
with a readable message instead of an abort, that Qt cannot open the display.

`place()` then sizes and shows the window inside the running app: the kiosk's size once
the factor is set (`WindowChoice.scaled`: the demo and `kiosk run --windowed`), else the
largest window of the kiosk's proportions that fits, at most its size. Full screen (the
kiosk itself, or the demo's `--fullscreen`) covers the screen by the window's own
geometry too, since a kiosk's bare X server has no window manager to do it.
"""

from __future__ import annotations

import enum
import json
import math
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Orientation(enum.StrEnum):
    """Which way the kiosk's screen stands."""

    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


# The kiosk's screen in logical pixels; assets/theme.qss is sized for it.
KIOSK_SIZE: dict[Orientation, tuple[int, int]] = {
    Orientation.LANDSCAPE: (1920, 1080),
    Orientation.PORTRAIT: (1080, 1920),
}
# Room left around a window for the window manager's title bar and borders.
FRAME_ALLOWANCE = (16, 64)
PROBE_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class WindowChoice:
    """How the kiosk's window is shown on a desktop."""

    orientation: Orientation = Orientation.LANDSCAPE
    fullscreen: bool = False
    # QT_SCALE_FACTOR was set so that the kiosk's whole logical size fits this screen.
    scaled: bool = False


class DisplayError(RuntimeError):
    """Qt cannot open the display; the message says what Qt said and what to do."""


@dataclass(frozen=True, slots=True)
class ScreenArea:
    """A screen in logical pixels: all of it, and what windows may use (no panels)."""

    width: int
    height: int
    available_width: int
    available_height: int


def _room(area: ScreenArea, *, fullscreen: bool) -> tuple[int, int]:
    if fullscreen:
        return area.width, area.height
    return (max(1, area.available_width - FRAME_ALLOWANCE[0]),
            max(1, area.available_height - FRAME_ALLOWANCE[1]))


def fit_ratio(area: ScreenArea, orientation: Orientation, *, fullscreen: bool) -> float:
    """How much of the kiosk's screen fits: 1.0 exactly, below 1 smaller, above 1 more.
    Full screen, the kiosk stands the way the screen does, whatever `orientation` says."""
    if fullscreen:
        orientation = (Orientation.LANDSCAPE if area.width >= area.height
                       else Orientation.PORTRAIT)
    kiosk_w, kiosk_h = KIOSK_SIZE[orientation]
    room_w, room_h = _room(area, fullscreen=fullscreen)
    return min(room_w / kiosk_w, room_h / kiosk_h)


def scale_factor(area: ScreenArea, orientation: Orientation, *, fullscreen: bool,
                 current: float = 1.0) -> float:
    """The `QT_SCALE_FACTOR` that shows the kiosk's whole screen in `area`.

    `area` is in the logical pixels of a process already scaled by `current` (a factor the
    desktop user set), so the new factor includes it. Rounded down: the scaled window
    never outgrows the room.
    """
    return math.floor(current * fit_ratio(area, orientation, fullscreen=fullscreen)
                      * 1000) / 1000


def window_size(area: ScreenArea, orientation: Orientation) -> tuple[int, int]:
    """The kiosk's size if it fits in `area`, else the largest of its proportions that does."""
    kiosk_w, kiosk_h = KIOSK_SIZE[orientation]
    ratio = min(1.0, fit_ratio(area, orientation, fullscreen=False))
    return int(kiosk_w * ratio), int(kiosk_h * ratio)


def apply_scale(factor: float) -> None:
    """Puts `factor` where Qt reads it; call before the QApplication is created."""
    os.environ["QT_SCALE_FACTOR"] = f"{factor:g}"


def current_scale() -> float:
    """The `QT_SCALE_FACTOR` already set (by the desktop's user), 1.0 when none."""
    try:
        value = float(os.environ.get("QT_SCALE_FACTOR", "") or 1.0)
    except ValueError:
        return 1.0
    return value if value > 0 else 1.0


def probe_screen() -> ScreenArea:
    """The primary screen, asked of a child process; DisplayError if Qt cannot open it.

    The child only connects, reads the geometry and exits (within a second; it is not
    left behind even if we die meanwhile).
    """
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.shell.window_fit"], capture_output=True,
            text=True, timeout=PROBE_TIMEOUT_S, stdin=subprocess.DEVNULL, check=False,
        )
    except subprocess.TimeoutExpired:
        raise DisplayError(f"Qt did not open the display within {PROBE_TIMEOUT_S:g} s") \
            from None
    if done.returncode != 0:
        said = "\n".join(done.stderr.strip().splitlines()[-6:])
        raise DisplayError(
            f"Qt cannot open the display:\n{said}\n"
            "Missing system libraries are named (and, as root on Debian, installed) by: "
            "bash scripts/ensure_qt_libs.sh .venv")
    return ScreenArea(**json.loads(done.stdout.strip().splitlines()[-1]))


def scale_to_screen(choice: WindowChoice) -> WindowChoice:
    """Probes the screen and sets the factor that fits the kiosk's size on it; call before
    the QApplication exists. DisplayError if Qt cannot open the display."""
    factor = scale_factor(probe_screen(), choice.orientation, fullscreen=choice.fullscreen,
                          current=current_scale())
    apply_scale(factor)
    return replace(choice, scaled=True)


def place(window: QWidget, choice: WindowChoice) -> None:
    """Sizes `window` as `choice` says on its current screen, centred, and shows it."""
    from PySide6.QtGui import QGuiApplication

    screen = window.screen() or QGuiApplication.primaryScreen()
    if choice.fullscreen:
        # A kiosk's bare X server has no window manager to honour "full screen": the
        # window covers the screen by its own geometry, and a manager, if any, agrees.
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        return
    available = screen.availableGeometry()
    full = screen.geometry()
    width, height = KIOSK_SIZE[choice.orientation] if choice.scaled else window_size(
        ScreenArea(full.width(), full.height(), available.width(), available.height()),
        choice.orientation)
    window.resize(width, height)
    window.move(available.x() + max(0, (available.width() - width) // 2),
                available.y() + max(0, (available.height() - FRAME_ALLOWANCE[1] - height) // 2))
    window.show()


def _report_primary_screen() -> int:
    """The child side of `probe_screen()`: one JSON line with the primary screen's area."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    screen = app.primaryScreen()
    if screen is None:
        print("the display has no screen", file=sys.stderr)
        return 1
    full, available = screen.geometry(), screen.availableGeometry()
    area = ScreenArea(full.width(), full.height(), available.width(), available.height())
    print(json.dumps(asdict(area)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(_report_primary_screen())
