"""The frame around the screens: Arabic first, instant language switch, navigation, lockdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.domain.text import isolate_ltr
from kiosk.screens.home import HomeScreen
from kiosk.shell.lockdown import is_escape_key


def test_starts_in_arabic_mirrored(kiosk: Kiosk) -> None:
    home = kiosk.router.screen("home")
    assert isinstance(home, HomeScreen)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert home.tiles["issue"].text() == "إصدار رخصة"
    assert kiosk.window.language_button.text() == isolate_ltr("English")
    # Mirrored: the first tile (issue) sits on the right in Arabic.
    issue, track = home.tiles["issue"], home.tiles["track"]
    issue_x = issue.mapTo(home, issue.rect().center()).x()
    assert issue_x > track.mapTo(home, track.rect().center()).x()


def test_language_button_switches_instantly_on_any_screen(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.router.go("pay")
    title = kiosk.router.screen("pay").findChild(type(kiosk.window.brand))
    assert title is not None
    qtbot.mouseClick(kiosk.window.language_button, Qt.MouseButton.LeftButton)
    assert kiosk.language.current is Language.ENGLISH
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    # LanguageChange is delivered on the next turn of the event loop.
    qtbot.waitUntil(lambda: kiosk.window.home_button.text() == "Home", timeout=1000)
    assert kiosk.window.language_button.text() == "العربية"
    qtbot.waitUntil(lambda: title.text() == "Pay fees and bills", timeout=1000)
    qtbot.mouseClick(kiosk.window.language_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.window.home_button.text() == "الرئيسية", timeout=1000)
    qtbot.waitUntil(lambda: title.text() == "سداد الرسوم والفواتير", timeout=1000)


def test_navigation_home_back_and_hidden_on_home(kiosk: Kiosk, qtbot: QtBot) -> None:
    assert not kiosk.window.nav_bar.isVisible()
    home = kiosk.router.screen("home")
    assert isinstance(home, HomeScreen)
    qtbot.mouseClick(home.tiles["track"], Qt.MouseButton.LeftButton)
    assert kiosk.router.current == "track"
    assert kiosk.window.nav_bar.isVisible()
    kiosk.router.go("pay")
    qtbot.mouseClick(kiosk.window.back_button, Qt.MouseButton.LeftButton)
    assert kiosk.router.current == "track"
    qtbot.mouseClick(kiosk.window.home_button, Qt.MouseButton.LeftButton)
    assert kiosk.router.current == "home"
    assert not kiosk.window.nav_bar.isVisible()


def test_touch_targets_are_large(kiosk: Kiosk) -> None:
    kiosk.router.go("issue")
    QApplication.processEvents()
    buttons = [b for b in kiosk.window.findChildren(QPushButton) if b.isVisible()]
    assert buttons
    for widget in buttons:
        assert widget.height() >= 64, widget.text()
    assert kiosk.app.font().pixelSize() >= 24


def press(
    key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers)


def test_escape_keys_are_recognised() -> None:
    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    assert is_escape_key(press(Qt.Key.Key_F4, alt))
    assert is_escape_key(press(Qt.Key.Key_Tab, alt))
    assert is_escape_key(press(Qt.Key.Key_Q, ctrl))
    assert is_escape_key(press(Qt.Key.Key_Escape))
    # Ordinary typing is never swallowed.
    assert not is_escape_key(press(Qt.Key.Key_Q))
    assert not is_escape_key(press(Qt.Key.Key_Tab))
    assert not is_escape_key(press(Qt.Key.Key_4))


def test_kiosk_mode_window_cannot_be_closed(qtbot: QtBot) -> None:
    from kiosk.app import build_kiosk
    from kiosk.config import KioskConfig

    locked = build_kiosk(KioskConfig(), kiosk_mode=True)
    qtbot.addWidget(locked.window)
    try:
        locked.window.show()
        assert locked.window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert not locked.window.close()
        assert locked.window.isVisible()
        assert QApplication.overrideCursor() is not None
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    finally:
        locked.shutdown()
    assert QApplication.overrideCursor() is None


def test_arabic_keyboard_keys_do_not_overlap_in_portrait(kiosk: Kiosk, qtbot: QtBot) -> None:
    """The theme's button minimum once made 13 Arabic keys overlap on a 1080 px screen."""
    from kiosk.screens.forms import FieldPage
    from kiosk.widgets.fields import FieldKind

    page = FieldPage(FieldKind.TEXT_AR)
    kiosk.window.stack.addWidget(page)
    kiosk.window.stack.setCurrentWidget(page)
    kiosk.window.setFixedSize(1080, 1920)
    page.field.setFocus()
    assert kiosk.keyboard is not None
    board = kiosk.keyboard.keyboard
    qtbot.waitUntil(board.isVisible, timeout=2000)
    keys = [key for key in board.current_keys() if key.isVisible()]
    assert len(keys) > 30
    rects = [key.geometry().translated(key.parentWidget().mapTo(board, key.pos()) - key.pos())
             for key in keys]
    for index, rect in enumerate(rects):
        assert rect.width() >= 64
        assert rect.height() >= 64
        assert rect.right() <= board.width()
        for other in rects[index + 1:]:
            assert not rect.intersects(other)
