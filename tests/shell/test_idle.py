"""A forgotten session is warned about, then wiped: nothing of the beneficiary remains."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.screens.base import Screen
from tests.fixtures.kiosk import seen

NATIONAL_ID = "1012345672"
MOBILE = "0551234567"
NAME = "نورة العتيبي"


class PersonalScreen(Screen):
    """A screen holding personal data in fields and a greeting label, as journeys do."""

    name = "personal"

    def __init__(self) -> None:
        super().__init__()
        self.id_field = QLineEdit()
        self.mobile_field = QLineEdit()
        self.greeting = QLabel()
        layout = QVBoxLayout(self)
        for widget in (self.greeting, self.id_field, self.mobile_field):
            layout.addWidget(widget)

    def retranslate(self) -> None:
        pass

    def show_beneficiary(self, name: str) -> None:
        self.greeting.setText(name)

    def reset(self) -> None:
        self.greeting.clear()


def visible_texts() -> list[str]:
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton):
            texts.append(widget.text())
    return texts


def fill_personal_data(kiosk: Kiosk, qtbot: QtBot) -> PersonalScreen:
    kiosk.router.register("personal", PersonalScreen)
    kiosk.router.go("personal")
    screen = kiosk.router.screen("personal")
    assert isinstance(screen, PersonalScreen)
    qtbot.keyClicks(screen.id_field, NATIONAL_ID)
    qtbot.keyClicks(screen.mobile_field, MOBILE)
    screen.show_beneficiary(NAME)
    kiosk.session.national_id = NATIONAL_ID
    kiosk.session.mobile = MOBILE
    kiosk.session.token = "secret-token"
    return screen


def test_timeout_wipes_every_trace_and_returns_home(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.idle.configure(idle_ms=100, warning_s=3, tick_ms=30)
    kiosk.language.set_language(Language.ENGLISH)
    fill_personal_data(kiosk, qtbot)
    assert any(NATIONAL_ID in text for text in visible_texts())

    with qtbot.waitSignal(kiosk.idle.warning, timeout=5000):
        pass
    assert kiosk.window.idle_overlay.isVisible()
    assert seen(kiosk.window.idle_overlay.countdown.text()) == "3 seconds"

    with qtbot.waitSignal(kiosk.idle.expired, timeout=5000):
        pass
    texts = " ".join(visible_texts())
    for secret in (NATIONAL_ID, MOBILE, NAME):
        assert secret not in texts
    assert kiosk.session.empty
    assert kiosk.router.current == "home"
    assert kiosk.language.current is Language.ARABIC
    assert not kiosk.window.idle_overlay.isVisible()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_continue_keeps_the_session(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.idle.configure(idle_ms=100, warning_s=30, tick_ms=1000)
    screen = fill_personal_data(kiosk, qtbot)
    with qtbot.waitSignal(kiosk.idle.warning, timeout=5000):
        pass
    qtbot.mouseClick(kiosk.window.idle_overlay.continue_button, Qt.MouseButton.LeftButton)
    assert not kiosk.window.idle_overlay.isVisible()
    assert screen.id_field.text() == NATIONAL_ID
    assert kiosk.router.current == "personal"
    assert kiosk.session.national_id == NATIONAL_ID


def test_end_session_button_wipes_immediately(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = fill_personal_data(kiosk, qtbot)
    qtbot.mouseClick(kiosk.window.end_button, Qt.MouseButton.LeftButton)
    assert screen.id_field.text() == ""
    assert kiosk.session.empty
    assert kiosk.router.current == "home"


def test_home_at_rest_is_not_watched(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.idle.configure(idle_ms=50, warning_s=20, tick_ms=10)
    assert kiosk.router.current == "home"
    assert not kiosk.idle.active
    qtbot.wait(150)
    assert not kiosk.window.idle_overlay.isVisible()


def test_late_background_answer_is_dropped_after_wipe(kiosk: Kiosk, qtbot: QtBot) -> None:
    import threading

    release = threading.Event()
    shown: list[str] = []
    fill_personal_data(kiosk, qtbot)
    kiosk.background.submit(lambda: release.wait(5) and NAME, shown.append, lambda e: None)
    kiosk.end_session("test")
    release.set()
    qtbot.waitUntil(lambda: kiosk.background.pending == 0, timeout=5000)
    assert shown == []


def test_the_warning_counts_in_arabic_plural_forms(kiosk: Kiosk, qtbot: QtBot) -> None:
    """"خلال 30 ثانية", never "خلال (ثانية): 30": Qt's numerus forms, six in Arabic."""
    kiosk.idle.configure(idle_ms=50, warning_s=30, tick_ms=1000)
    fill_personal_data(kiosk, qtbot)
    overlay = kiosk.window.idle_overlay
    with qtbot.waitSignal(kiosk.idle.warning, timeout=5000):
        pass
    assert overlay.body.text().endswith("خلال")
    said = {}
    for seconds in (30, 11, 10, 3, 2, 1, 100):
        overlay.show_countdown(seconds)
        said[seconds] = seen(overlay.countdown.text())
    assert said == {30: "30 ثانية", 11: "11 ثانية", 10: "10 ثوانٍ", 3: "3 ثوانٍ",
                    2: "ثانيتين", 1: "ثانية واحدة", 100: "100 ثانية"}
    kiosk.language.set_language(Language.ENGLISH)
    overlay.show_countdown(1)
    assert overlay.countdown.text() == "1 second"


def test_the_warning_puts_its_primary_button_first_as_every_screen_does(
        kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.idle.configure(idle_ms=50, warning_s=30, tick_ms=1000)
    fill_personal_data(kiosk, qtbot)
    with qtbot.waitSignal(kiosk.idle.warning, timeout=5000):
        pass
    overlay = kiosk.window.idle_overlay
    primary, other = overlay.continue_button, overlay.end_button
    assert primary.property("role") == "primary"
    # Arabic reads from the right: the primary action is the right-most.
    assert primary.mapTo(overlay, primary.rect().center()).x() > \
        other.mapTo(overlay, other.rect().center()).x()
    kiosk.language.set_language(Language.ENGLISH)
    qtbot.wait(50)
    assert primary.mapTo(overlay, primary.rect().center()).x() < \
        other.mapTo(overlay, other.rect().center()).x()
