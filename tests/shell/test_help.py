"""Help on every screen: the screen's own words, the hotline, and a call for staff that
operators see in the health snapshot until staff clear it or the session ends."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import kiosk.screens
from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.domain.text import isolate_ltr
from kiosk.health.model import Status
from kiosk.screens.base import Screen, fallback_help
from kiosk.shell.router import HOME


def open_help(kiosk: Kiosk, qtbot: QtBot) -> str:
    """Taps Help in the brand bar and returns the words of "what this step needs"."""
    qtbot.mouseClick(kiosk.window.help_button, Qt.MouseButton.LeftButton)
    overlay = kiosk.window.help_overlay
    assert overlay.isVisible()
    return overlay.step_help.text()


def test_every_screen_class_declares_its_own_help() -> None:
    for info in pkgutil.iter_modules(kiosk.screens.__path__, "kiosk.screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls is not Screen and cls.__module__ == info.name:
                assert "help_text" in vars(cls), f"{cls.__name__} has no help of its own"


def test_help_opens_on_every_screen_with_that_screens_words(live_kiosk: Kiosk,
                                                           qtbot: QtBot) -> None:
    names = sorted(live_kiosk.router._factories)
    seen: dict[str, str] = {}
    for language in (Language.ARABIC, Language.ENGLISH):
        for name in names:
            live_kiosk.end_session("test")
            live_kiosk.language.set_language(language)
            live_kiosk.router.go(name)
            QApplication.processEvents()
            shown = live_kiosk.router.current  # "pay" hands over to identification
            words = open_help(live_kiosk, qtbot)
            expected = live_kiosk.router.screen(shown).help_text()
            assert words == expected, shown
            assert words, shown
            assert words != fallback_help(), shown
            hotline = live_kiosk.window.help_overlay.hotline.text()
            assert isolate_ltr(live_kiosk.config.ui.hotline) in hotline
            seen[f"{language.value}:{shown}"] = words
            qtbot.mouseClick(live_kiosk.window.help_overlay.close_button,
                             Qt.MouseButton.LeftButton)
            assert not live_kiosk.window.help_overlay.isVisible()
    # Each screen says something of its own, in each language.
    for language in ("ar", "en"):
        texts = [words for key, words in seen.items() if key.startswith(language)]
        assert len(set(texts)) == len(texts)
    assert seen["ar:home"] != seen["en:home"]


def test_help_follows_the_step_inside_a_screen(live_kiosk: Kiosk, qtbot: QtBot) -> None:
    live_kiosk.language.set_language(Language.ENGLISH)
    live_kiosk.router.go("track")
    first = open_help(live_kiosk, qtbot)
    assert "transaction number" in first
    # Switching language with the panel open re-asks the screen.
    live_kiosk.language.set_language(Language.ARABIC)
    qtbot.waitUntil(lambda: live_kiosk.window.help_overlay.step_help.text() != first,
                    timeout=1000)
    assert live_kiosk.window.help_overlay.step_help.text() == (
        live_kiosk.router.screen("track").help_text())


def test_call_staff_raises_the_health_flag_until_the_session_ends(
        live_kiosk: Kiosk, qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    services = live_kiosk.services
    assert services is not None

    def assistance() -> tuple[Status, object]:
        component = next(c for c in services.health().components
                         if c.component == "assistance")
        return component.status, component.details.get("staff_called")

    assert assistance() == (Status.OK, False)
    live_kiosk.router.go("track")
    open_help(live_kiosk, qtbot)
    with caplog.at_level(logging.INFO):
        qtbot.mouseClick(live_kiosk.window.help_overlay.call_button, Qt.MouseButton.LeftButton)
    assert assistance() == (Status.WARNING, True)
    assert services.health().status >= Status.WARNING
    # Staff nearby see it, and so does the beneficiary: no second call is offered.
    assert live_kiosk.window.staff_notice.isVisible()
    assert live_kiosk.window.help_overlay.staff_called.isVisible()
    assert not live_kiosk.window.help_overlay.call_button.isVisible()
    called = [r for r in caplog.records if r.getMessage() == "staff called to the kiosk"]
    assert len(called) == 1
    assert called[0].__dict__["screen"] == "track"

    # The session ends (Home): the flag and the notice go with it.
    qtbot.mouseClick(live_kiosk.window.help_overlay.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(live_kiosk.window.home_button, Qt.MouseButton.LeftButton)
    assert live_kiosk.router.current == HOME
    assert assistance() == (Status.OK, False)
    assert not live_kiosk.window.staff_notice.isVisible()


def test_staff_clear_the_call_on_the_spot(live_kiosk: Kiosk, qtbot: QtBot) -> None:
    live_kiosk.router.go("track")
    open_help(live_kiosk, qtbot)
    qtbot.mouseClick(live_kiosk.window.help_overlay.call_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(live_kiosk.window.help_overlay.close_button, Qt.MouseButton.LeftButton)
    assert live_kiosk.staff_call.open
    qtbot.mouseClick(live_kiosk.window.staff_notice.clear_button, Qt.MouseButton.LeftButton)
    assert not live_kiosk.staff_call.open
    assert not live_kiosk.window.staff_notice.isVisible()
    assert live_kiosk.router.current == "track"  # the beneficiary carries on
    open_help(live_kiosk, qtbot)
    assert live_kiosk.window.help_overlay.call_button.isVisible()
