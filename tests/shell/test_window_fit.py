"""The demo's window: a kiosk's screen (1920x1080, or 1080x1920) fitted to this one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.screens.home import HomeScreen
from kiosk.shell.router import HOME
from kiosk.shell.window_fit import (
    FRAME_ALLOWANCE,
    KIOSK_SIZE,
    Orientation,
    ScreenArea,
    WindowChoice,
    place,
    probe_screen,
    scale_factor,
    window_size,
)

LAPTOP = ScreenArea(1366, 768, 1366, 740)  # a panel takes 28 px
FULL_HD = ScreenArea(1920, 1080, 1920, 1040)
QHD = ScreenArea(2560, 1440, 2560, 1400)


@pytest.mark.parametrize("area", [LAPTOP, FULL_HD, QHD])
@pytest.mark.parametrize("orientation", list(Orientation))
def test_the_scaled_kiosk_fits_the_room_a_window_has(area: ScreenArea,
                                                     orientation: Orientation) -> None:
    factor = scale_factor(area, orientation, fullscreen=False)
    width, height = KIOSK_SIZE[orientation]
    room_w = area.available_width - FRAME_ALLOWANCE[0]
    room_h = area.available_height - FRAME_ALLOWANCE[1]
    assert width * factor <= room_w
    assert height * factor <= room_h
    # ... and uses it: one side is within a few pixels of the room's.
    assert min(room_w - width * factor, room_h - height * factor) < 5


def test_a_desktop_scale_is_kept_in_the_factor() -> None:
    # A user who runs Qt at 2x sees half the logical pixels; our factor multiplies theirs.
    halved = ScreenArea(1920, 1080, 1920, 1040)
    assert scale_factor(halved, Orientation.LANDSCAPE, fullscreen=False, current=2.0) == \
        pytest.approx(2 * scale_factor(halved, Orientation.LANDSCAPE, fullscreen=False),
                      abs=0.002)


def test_full_screen_stands_the_way_the_screen_does() -> None:
    assert scale_factor(FULL_HD, Orientation.PORTRAIT, fullscreen=True) == 1.0
    rotated = ScreenArea(1080, 1920, 1080, 1920)
    assert scale_factor(rotated, Orientation.LANDSCAPE, fullscreen=True) == 1.0


def test_unscaled_window_keeps_the_kiosks_proportions_and_never_outgrows_it() -> None:
    width, height = window_size(LAPTOP, Orientation.LANDSCAPE)
    assert abs(width / height - 16 / 9) < 0.01
    assert height <= LAPTOP.available_height - FRAME_ALLOWANCE[1]
    assert window_size(QHD, Orientation.LANDSCAPE) == KIOSK_SIZE[Orientation.LANDSCAPE]
    width, height = window_size(FULL_HD, Orientation.PORTRAIT)
    assert abs(width / height - 9 / 16) < 0.01


def test_home_shows_every_service_in_the_scaled_window(kiosk: Kiosk, qtbot: QtBot) -> None:
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    viewport = home.parentWidget()
    frame = viewport.parentWidget() if viewport is not None else None
    assert isinstance(frame, QScrollArea)  # the router's frame around every screen
    kiosk.window.resize(960, 680)  # the window the demo used to open
    qtbot.waitUntil(lambda: frame.verticalScrollBar().maximum() > 0, timeout=2000)
    # With the factor set, place() gives the window the kiosk's own logical size.
    place(kiosk.window, WindowChoice(scaled=True))
    qtbot.waitUntil(lambda: kiosk.window.size().toTuple() == (1920, 1080), timeout=2000)
    qtbot.waitUntil(lambda: frame.verticalScrollBar().maximum() == 0, timeout=2000)
    for tile in home.tiles.values():
        corners = (tile.mapTo(frame, tile.rect().topLeft()),
                   tile.mapTo(frame, tile.rect().bottomRight()))
        assert all(frame.rect().contains(corner) for corner in corners)


def test_probe_reads_the_screen_of_a_child_process() -> None:
    # The tests run offscreen; the child answers for the same platform.
    area = probe_screen()
    assert area.width > 0
    assert area.available_height > 0
