"""Journey 3 end to end: the real shell and screens, offscreen, over the sandbox (HTTPS),
the printer emulator (TCP) and the real OTP from the sandbox's SMS outbox.

Track a seeded transaction by number from the home tile; an unknown number; a malformed
one caught at the kiosk (the sandbox proves no request arrived); my licences after
identification, with who cancelled or suspended each; a printed summary whose QR code
decodes to the licence's verification page; the printer out of paper (QR on screen);
the network gone (the calm message, and Try again works)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.api.schema import VerificationKind
from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.flows.mine import MineView
from kiosk.flows.printing import PrintState
from kiosk.flows.track import TrackStep, Trouble
from kiosk.journeys.identify import identify_screen
from kiosk.journeys.track import licences_screen, track_screen
from kiosk.screens.home import HomeScreen
from sandbox.runner import SandboxProcess
from sandbox.seed import DEBTOR
from tests.fixtures.kiosk import identify_on_screen, seen, wait_idle

CLICK = Qt.MouseButton.LeftButton
ISSUED = "1447-000105"


def visible_texts(kiosk: Kiosk) -> str:
    return " ".join(
        widget.text() for widget in kiosk.window.findChildren(QWidget)
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisible())


def tap(qtbot: QtBot, widget: QAbstractButton) -> None:
    assert widget.isVisible()
    assert widget.isEnabled()
    qtbot.mouseClick(widget, CLICK)


def home_tile(kiosk: Kiosk, qtbot: QtBot, service: str) -> None:
    kiosk.router.go("home")
    home = kiosk.router.screen("home")
    assert isinstance(home, HomeScreen)
    tap(qtbot, home.tiles[service])


def type_number(kiosk: Kiosk, qtbot: QtBot, typed: str) -> None:
    screen = track_screen(kiosk)
    screen.number_page.field.clear()
    qtbot.keyClicks(screen.number_page.field, typed)
    tap(qtbot, screen.number_page.continue_button)
    wait_idle(kiosk, qtbot)




def decode_qr(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image)]


def test_track_by_number_shows_departments_in_both_languages(
        live_kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ARABIC)
    home_tile(kiosk, qtbot, "track")
    assert kiosk.router.current == "track"
    type_number(kiosk, qtbot, "1447000105")
    screen = track_screen(kiosk)
    assert screen.pages.currentWidget() is screen.result_page
    departments = [card.department.text() for card in screen.timeline.cards]
    assert departments[:2] == ["مركز استقبال الطلبات", "إدارة الرخص التجارية"]
    dates = seen(screen.timeline.cards[0].dates.text())
    assert "هـ" in dates  # Hijri
    assert " م)" in dates  # and Gregorian
    assert "L-1448" in screen.timeline.licence.text()

    kiosk.language.set_language(Language.ENGLISH)  # the same timeline, re-rendered
    qtbot.waitUntil(lambda: screen.timeline.cards[0].department.text()
                    == "Applications reception")
    departments = [card.department.text() for card in screen.timeline.cards]
    assert departments[:2] == ["Applications reception", "Commercial licensing department"]
    assert "AH" in screen.timeline.cards[0].dates.text()
    assert "Licence issued" in screen.timeline.status.text()


def test_after_a_department_rejects_the_later_ones_say_they_are_not_needed(
        live_kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    type_number(kiosk, qtbot, "1447000107")  # refused at the commercial licensing department
    cards = track_screen(kiosk).timeline.cards
    states = [card.state.text() for card in cards]
    assert "Rejected" in states
    after = states[states.index("Rejected") + 1:]
    assert after
    assert set(after) == {"Not needed"}  # never "Not started"
    assert "an earlier department refused" in cards[-1].dates.text()
    kiosk.language.set_language(Language.ARABIC)
    qtbot.waitUntil(lambda: track_screen(kiosk).timeline.cards[-1].state.text()
                    == "لم تعد مطلوبة", timeout=2000)


def test_unknown_number_is_explained_and_kept(live_kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    type_number(kiosk, qtbot, "1447999999")
    screen = track_screen(kiosk)
    assert screen.pages.currentWidget() is screen.number_page
    assert screen.number_page.field.text() == "1447999999"
    assert screen.number_page.field.property("invalid") is True
    assert "1447-999999" in screen.summary.items.text()
    assert "No transaction has the number" in screen.number_page.error.text()


def test_malformed_number_is_caught_at_the_kiosk_without_a_request(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    # A pending fault is consumed by the next API request that reaches the sandbox.
    sandbox.admin.set_faults(fail_next=1)
    type_number(kiosk, qtbot, "14470001")
    screen = track_screen(kiosk)
    assert "10 digits" in screen.number_page.error.text()
    assert screen.summary.isVisible()
    assert screen.number_page.field.text() == "14470001"
    assert kiosk.background.pending == 0
    assert sandbox.admin.faults().fail_next == 1  # nothing reached the server


def test_print_summary_gives_a_receipt_whose_qr_verifies_the_licence(
        live_kiosk: Kiosk, qtbot: QtBot, printer_emulator: PrinterEmulator,
        monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = live_kiosk
    assert kiosk.services is not None
    # Which thread prints: a spy around the real driver (the emulator cannot tell).
    printing_threads: list[threading.Thread] = []
    real_print = kiosk.services.printer.print_receipt

    def spy(*args: Any, **kwargs: Any) -> Any:
        printing_threads.append(threading.current_thread())
        return real_print(*args, **kwargs)

    monkeypatch.setattr(kiosk.services.printer, "print_receipt", spy)
    home_tile(kiosk, qtbot, "track")
    type_number(kiosk, qtbot, ISSUED)
    screen = track_screen(kiosk)
    transaction = screen.flow.transaction
    assert transaction is not None
    assert transaction.licence_number is not None
    tap(qtbot, screen.print_panel.print_button)
    qtbot.mouseClick(screen.print_panel.print_button, CLICK)  # a double tap prints once
    wait_idle(kiosk, qtbot)
    assert screen.flow.printing.state is PrintState.PRINTED
    assert len(printer_emulator.receipts) == 1
    assert len(printing_threads) == 1
    assert printing_threads[0] is not threading.main_thread()  # never on the UI thread
    assert kiosk.services is not None
    expected = kiosk.services.client.verification_url(VerificationKind.LICENCE,
                                                      transaction.licence_number)
    [qr] = decode_qr(printer_emulator.receipts[0])
    assert qr == transaction.licence_verification_url  # signed by the server
    assert qr.startswith(expected + "?s=")
    assert screen.print_panel.isVisible()


def test_paper_out_shows_the_verification_qr_on_screen(
        live_kiosk: Kiosk, qtbot: QtBot, printer_emulator: PrinterEmulator) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    type_number(kiosk, qtbot, ISSUED)
    printer_emulator.set_state(paper_out=True)
    screen = track_screen(kiosk)
    tap(qtbot, screen.print_panel.print_button)
    wait_idle(kiosk, qtbot)
    assert screen.flow.printing.state is PrintState.FAILED
    assert "out of paper" in screen.print_panel.message.text()
    assert screen.print_panel.qr.isVisible()
    assert screen.print_panel.qr.property("qr_data") == screen.flow.printing.fallback_url
    assert printer_emulator.receipts == []


def test_network_gone_says_so_calmly_and_try_again_works(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    sandbox.admin.set_faults(drop_next=2)  # the read and its one retry
    type_number(kiosk, qtbot, ISSUED)
    screen = track_screen(kiosk)
    assert screen.flow.trouble is Trouble.OFFLINE
    assert screen.pages.currentWidget() is screen.trouble
    shown = visible_texts(kiosk)
    assert "cannot be reached" in shown
    assert "another kiosk" in shown
    assert "Nothing was changed" in shown
    assert "Traceback" not in shown
    tap(qtbot, screen.trouble.retry_button)
    wait_idle(kiosk, qtbot)
    assert screen.flow.step is TrackStep.RESULT


def test_server_error_is_a_calm_page_saying_nothing_changed(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    sandbox.admin.set_faults(malformed_next=2)
    type_number(kiosk, qtbot, ISSUED)
    screen = track_screen(kiosk)
    assert screen.flow.trouble is Trouble.SERVICE
    assert "Nothing was changed" in visible_texts(kiosk)


def test_my_licences_after_real_identification_then_timeline_and_wipe(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "licences")
    # One step indicator across the journey: identification is its first step.
    assert seen(identify_screen(kiosk).steps.caption.text()) == (
        "Step 1 of 2: Your identity (1 of 3)")
    identify_on_screen(kiosk, qtbot, sandbox, DEBTOR)
    assert kiosk.router.current == "licences"
    assert "identify" not in kiosk.router.history  # Back does not bounce through it
    screen = licences_screen(kiosk)
    assert seen(screen.steps.caption.text()) == "Step 2 of 2: Your licences and transactions"
    cards = screen.licence_cards
    assert [card.status.text() for card in cards] == [
        "Cancelled", "Suspended", "Expired", "Active"]
    assert "Cancelled by the Zakat, Tax and Customs Authority (ZATCA)" in cards[0].decision.text()
    assert "Zakat return not filed" in cards[0].decision.text()
    assert "Suspended by the Labour Office" in cards[1].decision.text()
    assert "irregular workers" in cards[1].decision.text()
    assert "AH" in cards[0].expiry.text()
    # Each card's date says what its status means ("valid until" only for a valid one).
    assert [card.expiry.text().split(" ")[0] for card in cards] == [
        "Cancelled", "Suspended", "Expired", "Valid"]
    assert cards[0].expiry.text().startswith("Cancelled on ")
    assert cards[1].expiry.text().startswith("Suspended since ")
    assert not cards[3].decision.isVisible()

    tap(qtbot, cards[1].print_button)
    wait_idle(kiosk, qtbot)
    assert kiosk.services is not None
    [qr] = decode_qr(printer_emulator.receipts[-1])  # signed by the server
    assert qr.startswith(kiosk.services.client.verification_url(
        VerificationKind.LICENCE, cards[1].number) + "?s=")

    kiosk.language.set_language(Language.ARABIC)
    qtbot.waitUntil(lambda: "مكتب العمل" in screen.licence_cards[1].decision.text())
    assert "رخصة تجارية" in screen.licence_cards[0].kind.text()

    tap(qtbot, screen.transactions_tab)
    wait_idle(kiosk, qtbot)
    assert screen.flow.view is MineView.TRANSACTIONS
    assert screen.transaction_rows == []  # this beneficiary has applied for nothing
    assert screen.empty.isVisible()

    kiosk.end_session("test")
    assert screen.licence_cards == []
    assert screen.flow.licences is None
    assert DEBTOR.name_en not in visible_texts(kiosk)
    assert "مطعم بيت الأحساء" not in " ".join(
        w.text() for w in QApplication.allWidgets() if isinstance(w, QLabel | QLineEdit))


def test_from_track_to_my_transactions_and_one_timeline(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    from sandbox.seed import OWNER

    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    tap(qtbot, track_screen(kiosk).number_page.extra_button)
    identify_on_screen(kiosk, qtbot, sandbox, OWNER)
    screen = licences_screen(kiosk)
    assert kiosk.router.current == "licences"
    assert screen.flow.view is MineView.TRANSACTIONS
    rows = {row.number: row for row in screen.transaction_rows}
    assert ISSUED in rows
    tap(qtbot, rows[ISSUED].open_button)
    assert screen.pages.currentWidget() is screen.timeline_page
    assert screen.timeline.cards[0].department.text() == "Applications reception"
    assert screen.print_panel.print_button.isVisible()
    kiosk.window.back_button.click()  # the shell's Back: timeline -> list
    assert screen.flow.view is MineView.TRANSACTIONS
    kiosk.window.back_button.click()  # and out, to track (not through identification)
    assert kiosk.router.current == "track"


def test_slow_answer_disables_the_button_and_a_second_tap_does_nothing(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "track")
    sandbox.admin.set_faults(latency_ms=400)
    screen = track_screen(kiosk)
    qtbot.keyClicks(screen.number_page.field, ISSUED)
    tap(qtbot, screen.number_page.continue_button)
    # The UI thread is free while the request is out: the screen says so and the button
    # cannot fire a second request.
    assert screen.flow.busy
    assert not screen.number_page.continue_button.isEnabled()
    assert screen.number_page.continue_button.text() == "Searching…"
    qtbot.mouseClick(screen.number_page.continue_button, CLICK)
    assert kiosk.background.pending == 1
    wait_idle(kiosk, qtbot)
    assert screen.flow.step is TrackStep.RESULT


def test_ending_the_session_wipes_the_tracked_transaction(
        live_kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk = live_kiosk
    home_tile(kiosk, qtbot, "track")
    type_number(kiosk, qtbot, ISSUED)
    screen = track_screen(kiosk)
    assert screen.timeline.cards
    kiosk.end_session("idle timeout")
    assert kiosk.router.current == "home"
    assert screen.flow.transaction is None
    assert screen.flow.typed == ""
    assert screen.number_page.field.text() == ""
    assert screen.timeline.cards == []
    assert ISSUED not in screen.timeline.title.text()
    kiosk.router.go("track")
    assert screen.pages.currentWidget() is screen.number_page
    assert not screen.summary.isVisible()


def test_odd_but_valid_server_data_renders_calmly(qtbot: QtBot) -> None:
    """Answers the contract allows but the seed never has: no steps, a step without
    dates, a date outside the Umm al-Qura table, a cancellation without an authority.
    (Built directly: the sandbox cannot be made to send these.)"""
    from datetime import UTC, date, datetime

    from kiosk.api.schema import (
        Branch,
        Channel,
        Licence,
        LicenceKind,
        LicenceStatus,
        StepState,
        TimelineStep,
        Transaction,
        TransactionStatus,
    )
    from kiosk.screens.licences import LicenceCard
    from kiosk.screens.track_parts import TimelineView

    far = datetime(2090, 1, 1, tzinfo=UTC)
    transaction = Transaction(
        number="1447-000999", licence_type=LicenceKind.HEALTH, branch=Branch.OYOUN,
        status=TransactionStatus.UNDER_REVIEW, submitted_at=far, updated_at=far,
        steps=[TimelineStep(department_ar="إدارة", department_en="A department",
                            state=StepState.PENDING)])
    view = TimelineView()
    qtbot.addWidget(view)
    view.show_transaction(transaction, "en")
    assert "1 January 2090" in seen(view.facts.text())  # Gregorian only, no crash
    assert view.cards[0].dates.text() == "Not reached yet"
    view.show_transaction(transaction.model_copy(update={"steps": []}), "ar")
    assert view.cards == []

    licence = Licence(
        number="L-1447-000999", licence_type=LicenceKind.COMMERCIAL,
        status=LicenceStatus.CANCELLED, branch=Branch.HOFUF, district_ar="حي",
        district_en="District", activity_ar="نشاط", activity_en="Activity",
        shop_name="Shop", issued_at=far, expires_on=date(2100, 1, 1), channel=Channel.KIOSK,
        status_changed_on=date(2100, 1, 1))
    card = LicenceCard(licence, "en")
    qtbot.addWidget(card)
    assert card.decision.text() == "Cancelled."
    assert seen(card.expiry.text()).startswith("Cancelled on 1 January 2100")
    # From a server that does not say when: no date, and never "valid until".
    undated = LicenceCard(licence.model_copy(update={"status_changed_on": None}), "en")
    qtbot.addWidget(undated)
    assert undated.expiry.text() == ""


def test_expired_verification_leads_through_a_fresh_otp_and_back(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
    kiosk = live_kiosk
    kiosk.language.set_language(Language.ENGLISH)
    home_tile(kiosk, qtbot, "licences")
    identify_on_screen(kiosk, qtbot, sandbox, DEBTOR)
    screen = licences_screen(kiosk)
    assert len(screen.licence_cards) == 4
    # The server stops accepting the token (as when it expires) before the next request.
    kiosk.session.token = "expired-token-the-server-refuses"
    tap(qtbot, screen.transactions_tab)
    wait_idle(kiosk, qtbot)
    assert screen.flow.trouble is Trouble.SESSION_EXPIRED
    assert kiosk.session.token is None
    tap(qtbot, screen.trouble.identify_button)
    assert kiosk.router.current == "identify"
    identify_on_screen(kiosk, qtbot, sandbox, DEBTOR)  # a fresh code from the outbox
    assert kiosk.router.current == "licences"
    assert screen.flow.view is MineView.TRANSACTIONS  # what they asked for, not the error
    assert screen.flow.trouble is None
    assert kiosk.router.history.count("identify") == 0
