"""The who-are-you screens over the real sandbox, and the idle wipe of what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.journeys.identify import identify_screen, require_identity
from kiosk.widgets.keyboard_layouts import Layout
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.fixtures.kiosk import seen, wait_idle

CLICK = Qt.MouseButton.LeftButton


def all_texts() -> str:
    return " ".join(
        widget.text() for widget in QApplication.allWidgets()
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton)
    )


def test_identify_on_screen_then_timeout_wipes_everything(
    live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess
) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    require_identity(kiosk, "home")
    screen = identify_screen(kiosk)
    assert kiosk.keyboard is not None

    qtbot.keyClicks(screen.id_page.field, "1012345673")
    qtbot.mouseClick(screen.id_page.continue_button, CLICK)
    assert "not valid" in screen.id_page.error.text()
    assert screen.id_page.field.text() == "1012345673"  # what was typed is kept

    screen.id_page.field.clear()
    qtbot.keyClicks(screen.id_page.field, CLEAN.national_id)
    qtbot.mouseClick(screen.id_page.continue_button, CLICK)
    assert screen.pages.currentWidget() is screen.mobile_page
    qtbot.keyClicks(screen.mobile_page.field, CLEAN.mobile)
    qtbot.mouseClick(screen.mobile_page.continue_button, CLICK)
    wait_idle(kiosk, qtbot)
    assert screen.pages.currentWidget() is screen.otp_page
    # The code page names the mobile only masked.
    assert CLEAN.mobile not in screen.otp_page.hint.text()
    assert "055*****01" in screen.otp_page.hint.text()

    kiosk.idle.configure(idle_ms=100, warning_s=2, tick_ms=30)
    kiosk.idle.poke()
    with qtbot.waitSignal(kiosk.idle.expired, timeout=5000):
        pass
    texts = all_texts()
    assert CLEAN.national_id not in texts
    assert CLEAN.mobile not in texts
    assert "1012345673" not in texts
    assert kiosk.session.empty
    assert kiosk.router.current == "home"
    # Back in the journey, nothing of the previous beneficiary is there.
    require_identity(kiosk, "home")
    assert screen.pages.currentWidget() is screen.id_page
    assert screen.id_page.field.text() == ""
    assert screen.id_page.field.isUndoAvailable() is False


def test_real_code_identifies_and_continues(
    live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess
) -> None:
    kiosk = live_kiosk
    require_identity(kiosk, "licences")
    screen = identify_screen(kiosk)
    qtbot.keyClicks(screen.id_page.field, CLEAN.national_id)
    qtbot.mouseClick(screen.id_page.continue_button, CLICK)
    qtbot.keyClicks(screen.mobile_page.field, CLEAN.mobile)
    qtbot.mouseClick(screen.mobile_page.continue_button, CLICK)
    wait_idle(kiosk, qtbot)
    qtbot.keyClicks(screen.otp_page.field, sandbox.admin.latest_otp(CLEAN.mobile))
    qtbot.mouseClick(screen.otp_page.continue_button, CLICK)
    qtbot.mouseClick(screen.otp_page.continue_button, CLICK)  # a double tap sends once
    wait_idle(kiosk, qtbot)
    assert kiosk.session.identified
    assert kiosk.router.current == "licences"
    # The finished identification left the history: Back goes where the beneficiary was.
    assert "identify" not in kiosk.router.history
    qtbot.mouseClick(kiosk.window.back_button, CLICK)
    assert kiosk.router.current == "home"


def test_a_wrong_id_is_named_in_the_error_summary_at_the_top(
    live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess
) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    require_identity(kiosk, "home")
    screen = identify_screen(kiosk)
    assert not screen.summary.isVisible()
    qtbot.keyClicks(screen.id_page.field, "1012345673")
    qtbot.mouseClick(screen.id_page.continue_button, CLICK)
    assert screen.summary.isVisible()
    assert screen.summary.heading.text() == "There is a problem"
    assert screen.summary.items.text() == screen.id_page.error.text()
    # Corrected: the summary goes with the mistake.
    screen.id_page.field.clear()
    qtbot.keyClicks(screen.id_page.field, CLEAN.national_id)
    qtbot.mouseClick(screen.id_page.continue_button, CLICK)
    assert not screen.summary.isVisible()
    # Standing alone (not part of a journey's steps), it counts its own pages.
    assert seen(screen.steps.caption.text()) == "Your identity (2 of 3)"


def test_switching_language_keeps_the_field_focused_with_its_number_pad(
    live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess
) -> None:
    kiosk = live_kiosk
    require_identity(kiosk, "home")
    screen = identify_screen(kiosk)
    assert kiosk.keyboard is not None
    pad = kiosk.keyboard.keyboard
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.id_page.field)
    qtbot.mouseClick(pad.key_for("1"), CLICK)
    qtbot.mouseClick(kiosk.window.language_button, CLICK)
    assert kiosk.language.current is Language.ENGLISH
    assert QApplication.focusWidget() is screen.id_page.field
    assert pad.isVisible()
    assert pad.current_layout() is Layout.NUMERIC
    qtbot.mouseClick(pad.key_for("0"), CLICK)
    assert screen.id_page.field.text() == "10"
