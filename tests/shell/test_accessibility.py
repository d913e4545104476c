"""The accessibility choice on Home: larger text that still fits, a high-contrast theme
measured at 7:1 or more, a lowered layout within a seated user's reach, all kept for the
session and reset when it ends."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.journeys.issue import INTRO
from kiosk.journeys.track import licences_screen
from kiosk.screens.home import HomeScreen
from kiosk.shell.router import HOME
from kiosk.shell.theme import (
    AAA_CONTRAST,
    BODY_PX,
    HIGH_CONTRAST,
    HIGH_CONTRAST_PAIRS,
    contrast_ratio,
    high_contrast_qss,
)
from kiosk.shell.window import LOWERED_EMPTY_SHARE
from kiosk.tour.fit import misfits
from sandbox.runner import SandboxProcess
from sandbox.seed import DEBTOR
from tests.fixtures.kiosk import identify_on_screen

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def home_of(kiosk: Kiosk) -> HomeScreen:
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    return home


def choose(kiosk: Kiosk, qtbot: QtBot, *names: str) -> None:
    """Taps Home's switches `names`, as a finger would."""
    for name in names:
        qtbot.mouseClick(home_of(kiosk).accessibility[name], Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def views(kiosk: Kiosk) -> Iterator[str]:
    """Each orientation and language in turn, settled."""
    for orientation, size in SIZES.items():
        for language in (Language.ARABIC, Language.ENGLISH):
            kiosk.window.setFixedSize(*size)
            kiosk.language.set_language(language)
            for _ in range(3):
                QApplication.processEvents()
            yield f"{orientation}-{language.value}"


def test_high_contrast_palette_meets_aaa() -> None:
    for where, text, ground in HIGH_CONTRAST_PAIRS:
        ratio = contrast_ratio(HIGH_CONTRAST[text], HIGH_CONTRAST[ground])
        assert ratio >= AAA_CONTRAST, f"{where}: {ratio:.2f}"
    # The overlay draws with the palette's colours only (no stray colour escapes the test).
    used = set(re.findall(r"#[0-9A-Fa-f]{6}", high_contrast_qss()))
    assert used <= set(HIGH_CONTRAST.values())
    assert {text for _, text, _ in HIGH_CONTRAST_PAIRS} | {
        ground for _, _, ground in HIGH_CONTRAST_PAIRS} == set(HIGH_CONTRAST)


def _extremes(image: QImage, rect: QRect) -> float:
    """The contrast between the most common colour in `rect` (the ground) and the colour
    farthest from it in luminance (the text's core; anti-aliasing lies between)."""
    counts: dict[int, int] = {}
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right(), 2):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    ground = QColor(max(counts, key=counts.__getitem__)).name()
    return max(contrast_ratio(ground, QColor(pixel).name()) for pixel in counts)


def test_high_contrast_text_on_home_measures_seven_to_one(kiosk: Kiosk, qtbot: QtBot) -> None:
    choose(kiosk, qtbot, "high_contrast")
    for view in views(kiosk):
        image = kiosk.window.grab().toImage()
        texts = [w for w in kiosk.window.findChildren(QWidget)
                 if isinstance(w, QLabel | QPushButton) and w.isVisible() and w.text()]
        assert len(texts) > 10
        for widget in texts:
            rect = QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size()).adjusted(
                4, 4, -4, -4)
            ratio = _extremes(image, rect)
            assert ratio >= AAA_CONTRAST, f"{view}: {widget.text()[:30]!r} {ratio:.2f}"


def _low_contrast(kiosk: Kiosk, view: str) -> list[str]:
    image = kiosk.window.grab().toImage()
    found = []
    for widget in kiosk.window.findChildren(QWidget):
        if not (isinstance(widget, QLabel | QPushButton) and widget.isVisible()
                and widget.text().strip()):
            continue
        rect = QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size()).adjusted(
            4, 4, -4, -4)
        if rect.width() < 8 or rect.height() < 8:
            continue
        ratio = _extremes(image, rect)
        if ratio < AAA_CONTRAST:
            found.append(f"{view}: {widget.text()[:30]!r} {ratio:.2f}")
    return found


def test_high_contrast_reaches_badges_cards_steps_and_the_keyboard(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    choose(live_kiosk, qtbot, "high_contrast")
    qtbot.mouseClick(home_of(live_kiosk).tiles["licences"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    keys = [k for k in live_kiosk.window.findChildren(QPushButton)
            if k.objectName() == "KeyboardKey" and k.isVisible()]
    assert keys  # the keypad is up, and measured below
    assert _low_contrast(live_kiosk, "identify with keypad") == []
    identify_on_screen(live_kiosk, qtbot, sandbox, DEBTOR)
    screen = licences_screen(live_kiosk)
    qtbot.waitUntil(lambda: len(screen.licence_cards) == 4, timeout=10000)
    for view in views(live_kiosk):
        qtbot.waitUntil(lambda: len(screen.licence_cards) == 4, timeout=10000)
        assert _low_contrast(live_kiosk, view) == []


def test_larger_text_on_home_fits_in_every_view(kiosk: Kiosk, qtbot: QtBot) -> None:
    choose(kiosk, qtbot, "larger_text")
    title = home_of(kiosk).title
    assert title.font().pixelSize() >= 1.5 * 44
    assert kiosk.app.font().pixelSize() >= 1.5 * BODY_PX
    for view in views(kiosk):
        assert misfits(kiosk.window) == [], view


def test_larger_text_on_journey_pages_fits(live_kiosk: Kiosk, qtbot: QtBot) -> None:
    choose(live_kiosk, qtbot, "larger_text", "high_contrast")
    home = home_of(live_kiosk)
    qtbot.mouseClick(home.tiles["issue"], Qt.MouseButton.LeftButton)
    assert live_kiosk.router.current == INTRO
    for view in views(live_kiosk):
        assert misfits(live_kiosk.window) == [], f"before you start, {view}"
    live_kiosk.router.go("track")
    for view in views(live_kiosk):
        assert misfits(live_kiosk.window) == [], f"track number, {view}"


def controls_above(window: QWidget, limit: int) -> list[str]:
    return [
        (w.text() if isinstance(w, QAbstractButton) else w.objectName()) or type(w).__name__
        for w in window.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit) and w.isVisible()
        and w.mapTo(window, QPoint(0, 0)).y() < limit
    ]


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_lowered_layout_keeps_every_control_low(live_kiosk: Kiosk, qtbot: QtBot,
                                                orientation: str) -> None:
    choose(live_kiosk, qtbot, "lowered")
    live_kiosk.window.setFixedSize(*SIZES[orientation])
    QApplication.processEvents()
    limit = int(SIZES[orientation][1] * LOWERED_EMPTY_SHARE[orientation])
    assert controls_above(live_kiosk.window, limit) == []
    qtbot.mouseClick(home_of(live_kiosk).tiles["issue"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert controls_above(live_kiosk.window, limit) == []
    qtbot.mouseClick(live_kiosk.window.help_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert controls_above(live_kiosk.window, limit) == []


def test_the_choice_lasts_the_session_and_ends_with_it(kiosk: Kiosk, qtbot: QtBot) -> None:
    choose(kiosk, qtbot, "larger_text", "high_contrast", "lowered")
    chosen = kiosk.accessibility.current
    assert chosen.larger_text
    assert chosen.high_contrast
    assert chosen.lowered
    assert kiosk.window.lowered_top.isVisible()
    # A choice on Home is the start of a session: the idle timer will reset it.
    assert kiosk.idle.active
    qtbot.mouseClick(home_of(kiosk).tiles["track"], Qt.MouseButton.LeftButton)
    assert kiosk.accessibility.current == chosen  # kept while the session goes on
    assert kiosk.app.font().pixelSize() == round(1.5 * BODY_PX)

    qtbot.mouseClick(kiosk.window.home_button, Qt.MouseButton.LeftButton)
    assert kiosk.router.current == HOME
    assert kiosk.accessibility.current.standard
    assert not any(switch.isChecked() for switch in home_of(kiosk).accessibility.values())
    assert kiosk.app.font().pixelSize() == BODY_PX
    assert high_contrast_qss() not in kiosk.app.styleSheet()
    assert not kiosk.window.lowered_top.isVisible()


def test_the_idle_timeout_resets_a_choice_left_on_home(kiosk: Kiosk, qtbot: QtBot) -> None:
    choose(kiosk, qtbot, "high_contrast")
    kiosk.idle.expired.emit()
    assert kiosk.accessibility.current.standard
