"""Pay fees and bills, end to end on the real screens: the kiosk offscreen over the sandbox
(HTTPS), the terminal emulator (pty), the printer emulator (TCP), the real outbox.

Each test asserts what the municipality sees (payments recorded, exactly once; its SMS
outbox), what the terminal did (charges, aborts) and what the beneficiary gets (the
screen, the printed receipt's QR code, or the QR on screen when there is no paper).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import KioskConfig, Language
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.printer import ReceiptKind
from kiosk.devices.terminal import PurchaseProgress
from kiosk.domain.money import format_sar
from kiosk.domain.references import card, provisional_reference
from kiosk.domain.text import isolate_ltr
from kiosk.flows.pay import CANCELLED, PayStep
from kiosk.flows.printing import PrintFailure, PrintState
from kiosk.journeys.identify import identify_screen
from kiosk.journeys.pay import pay_screen
from kiosk.offline_queue import Outbox, OutboxFullError
from kiosk.screens.pay import PayScreen
from sandbox.runner import SandboxProcess
from sandbox.seed import RESIDENT
from tests.fixtures.kiosk import identify_on_screen, seen, tap, wait_idle
from tests.flows.test_pay import payments_for, qr_texts, seed_invoice

CLICK = Qt.MouseButton.LeftButton


class Beneficiary:
    """Drives the kiosk's screens with taps and typing, as a person would."""

    def __init__(self, kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
        self.kiosk = kiosk
        self.qtbot = qtbot
        self.sandbox = sandbox

    @property
    def screen(self) -> PayScreen:
        return pay_screen(self.kiosk)

    def tap(self, widget: QAbstractButton, *, wait: bool = True) -> None:
        tap(self.kiosk, self.qtbot, widget, wait=wait)

    def open_and_identify(self) -> None:
        home = self.kiosk.router.screen("home")
        self.tap(home.tiles["pay"])  # type: ignore[attr-defined]
        identify_on_screen(self.kiosk, self.qtbot, self.sandbox, RESIDENT)
        assert self.kiosk.router.current == "pay_invoices"
        self.qtbot.waitUntil(lambda: self.screen.flow.loaded, timeout=5000)

    def choose(self, number: str) -> None:
        page = self.screen.invoices_page
        self.qtbot.waitUntil(lambda: number in page.invoice_buttons, timeout=5000)
        self.tap(page.invoice_buttons[number])
        assert self.screen.flow.step is PayStep.CONFIRM

    def pay(self, *, double_tap: bool = False) -> None:
        button = self.screen.confirm_page.pay_button
        self.tap(button, wait=False)
        if double_tap:
            self.qtbot.mouseClick(button, CLICK)
        assert self.screen.flow.step is PayStep.PAYING

    def settled(self, timeout_ms: int = 20000) -> PayStep:
        flow = self.screen.flow
        self.qtbot.waitUntil(lambda: flow.step not in (PayStep.PAYING, PayStep.FINISHING)
                             and not flow.busy, timeout=timeout_ms)
        wait_idle(self.kiosk, self.qtbot)
        return flow.step


@pytest.fixture
def person(live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> Beneficiary:
    return Beneficiary(live_kiosk, qtbot, sandbox)


def receipt_qr(printer: PrinterEmulator) -> list[str]:
    [png] = printer.receipts
    return qr_texts(png)


def test_happy_path_pays_once_prints_a_verifiable_receipt_and_texts_the_beneficiary(
        person: Beneficiary, sandbox: SandboxProcess, printer_emulator: PrinterEmulator,
        terminal_emulator: TerminalEmulator, tmp_path: Path) -> None:
    number = seed_invoice(sandbox, 23_400)
    person.open_and_identify()
    person.choose(number)
    assert person.screen.confirm_page.amount.text() == format_sar(23_400, arabic=True)
    person.pay(double_tap=True)
    assert person.settled() is PayStep.DONE
    paid = person.screen.flow.paid
    assert paid is not None
    assert person.screen.flow.printing.state is PrintState.PRINTED
    assert paid.receipt_number is not None

    assert len(terminal_emulator.purchases) == 1  # the double tap started one purchase
    [row] = payments_for(sandbox, number)
    assert row["receipt_number"] == paid.receipt_number
    assert row["amount_halalas"] == 23_400
    sms = [m for m in sandbox.admin.sms(mobile=RESIDENT.mobile, kind="payment")
           if number in m.text_ar]
    assert len(sms) == 1
    assert paid.receipt_number in sms[0].text_ar
    [qr] = receipt_qr(printer_emulator)  # the server's signed URL
    assert qr.startswith(f"{sandbox.origin}/verify/payment/{paid.receipt_number}?s=")
    summary = person.screen.done_page.summary.text()
    assert paid.receipt_number in summary
    # The card reads the same on the screen and on the paper: "mada •••• 1234".
    receipt = person.screen.flow.printing.receipt
    assert receipt is not None
    shown_card = card(paid.outcome.scheme, paid.outcome.masked_pan)
    assert receipt.references.masked_card == shown_card
    assert isolate_ltr(shown_card) in summary
    assert not person.screen.done_page.qr.isVisible()

    person.tap(person.screen.done_page.finish_button)
    assert person.kiosk.router.current == "home"
    assert person.kiosk.session.empty  # Finish ends the session (tests/e2e/test_session_exits)


def test_another_payment_in_the_same_session_lists_what_is_left(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 23_400)
    person.open_and_identify()
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.DONE
    person.tap(person.screen.done_page.another_button)
    assert person.kiosk.router.current == "pay_invoices"  # still identified: no new OTP
    assert person.screen.flow.step is PayStep.INVOICES
    assert number not in person.screen.invoices_page.invoice_buttons  # paid, so gone
    person.kiosk.window.back_button.click()  # Back never lands on the finished OTP step
    assert person.kiosk.router.current == "home"
    assert person.kiosk.session.empty


def test_declined_card_shows_the_reason_and_retry_pays(
        person: Beneficiary, sandbox: SandboxProcess,
        terminal_emulator: TerminalEmulator) -> None:
    number = seed_invoice(sandbox, 23_451)  # …51: the emulator declines, insufficient funds
    person.open_and_identify()
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.DECLINED
    page = person.screen.problem_page
    assert page.reason.text() == "الرصيد غير كافٍ"
    assert page.isVisible()
    assert payments_for(sandbox, number) == []

    terminal_emulator.set_scenario("approve")
    person.tap(page.primary_button, wait=False)
    assert person.settled() is PayStep.DONE
    assert len(terminal_emulator.purchases) == 1
    assert len(payments_for(sandbox, number)) == 1


def test_cancel_aborts_on_the_terminal_and_records_nothing(
        person: Beneficiary, sandbox: SandboxProcess,
        terminal_emulator: TerminalEmulator) -> None:
    terminal_emulator.set_scenario("no_answer")  # the terminal waits for a card forever
    number = seed_invoice(sandbox, 23_500)
    person.open_and_identify()
    person.choose(number)
    person.pay()
    flow = person.screen.flow
    person.qtbot.waitUntil(lambda: flow.progress is PurchaseProgress.WAITING_FOR_CARD,
                           timeout=5000)
    assert "Waiting" in person.screen.paying_page.progress.text() or \
        "بانتظار" in person.screen.paying_page.progress.text()
    person.tap(person.screen.paying_page.cancel_button, wait=False)
    assert person.settled() is PayStep.NOT_CHARGED
    assert flow.notice == CANCELLED
    assert any(type(r).__name__ == "AbortRequest" for r in terminal_emulator.requests)
    assert terminal_emulator.purchases == []
    assert person.kiosk.services is not None
    assert person.kiosk.services.outbox.entries() == []
    assert payments_for(sandbox, number) == []


def test_answer_lost_after_approval_is_found_and_recorded_exactly_once(
        person: Beneficiary, sandbox: SandboxProcess,
        terminal_emulator: TerminalEmulator) -> None:
    number = seed_invoice(sandbox, 23_498)  # …98: approves, then the cable drops
    person.open_and_identify()
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.DONE
    paid = person.screen.flow.paid
    assert paid is not None
    assert paid.outcome.recovered
    assert len(terminal_emulator.purchases) == 1
    assert len(payments_for(sandbox, number)) == 1


def test_network_down_at_approval_gives_a_provisional_receipt_delivered_later_once(
        person: Beneficiary, sandbox: SandboxProcess, printer_emulator: PrinterEmulator,
        qtbot: QtBot) -> None:
    number = seed_invoice(sandbox, 23_600)
    person.open_and_identify()
    person.choose(number)
    sandbox.admin.set_faults(drop_next=1000)  # every answer lost from here on
    person.pay()
    assert person.settled() is PayStep.DONE
    paid = person.screen.flow.paid
    assert paid is not None
    assert paid.provisional
    receipt = person.screen.flow.printing.receipt
    assert receipt is not None
    assert receipt.kind is ReceiptKind.PROVISIONAL
    assert paid.entry.local_reference in person.screen.done_page.summary.text()
    # The kiosk's one form of a provisional reference, on screen and on the paper.
    assert paid.entry.local_reference == provisional_reference(
        person.kiosk.config.kiosk.id, paid.entry.id)
    assert receipt.references.queue_reference == paid.entry.local_reference
    assert receipt_qr(printer_emulator) == [receipt.verification_url]

    sandbox.admin.set_faults()  # the link is back
    services = person.kiosk.services
    assert services is not None
    services.worker.retry_now()
    qtbot.waitUntil(lambda: person.screen.flow.paid is not None
                    and person.screen.flow.paid.receipt_number is not None, timeout=20000)
    assert len(payments_for(sandbox, number)) == 1
    receipt_number = person.screen.flow.paid.receipt_number  # type: ignore[union-attr]
    assert receipt_number is not None
    assert receipt_number in person.screen.done_page.summary.text()
    services.worker.retry_now()
    assert services.worker.drain(5)
    assert len(payments_for(sandbox, number)) == 1


def test_printer_out_of_paper_shows_the_receipt_qr_on_screen(
        person: Beneficiary, sandbox: SandboxProcess, printer_emulator: PrinterEmulator,
        tmp_path: Path) -> None:
    printer_emulator.set_state(paper_out=True)
    number = seed_invoice(sandbox, 23_700)
    person.open_and_identify()
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.DONE
    paid = person.screen.flow.paid
    assert paid is not None
    assert person.screen.flow.printing.failure is PrintFailure.PAPER_OUT
    done = person.screen.done_page
    assert done.qr.isVisible()
    shot = tmp_path / "qr.png"
    assert done.qr.pixmap().save(str(shot))
    with Image.open(shot) as image:
        decoded: list[Any] = zxingcpp.read_barcodes(image.convert("L"))
    [qr] = [code.text for code in decoded]  # the server's signed URL
    assert qr.startswith(f"{sandbox.origin}/verify/payment/{paid.receipt_number}?s=")
    assert "SMS" in done.receipt_status.text() or "الرسالة النصية" in \
        done.receipt_status.text()
    assert printer_emulator.receipts == []
    assert len(payments_for(sandbox, number)) == 1


def test_unresolved_purchase_says_do_not_pay_again_until_the_terminal_answers(
        person: Beneficiary, sandbox: SandboxProcess,
        terminal_emulator: TerminalEmulator) -> None:
    terminal_emulator.link_down_s = None  # the cable stays out after approving
    number = seed_invoice(sandbox, 23_898)  # …98: approves, then the link drops
    person.open_and_identify()
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.UNRESOLVED
    page = person.screen.problem_page
    assert page.isVisible()
    assert person.screen.flow.notice is not None
    assert page.reason.text() == person.screen.flow.notice.text("ar")
    person.kiosk.window.back_button.click()  # Back does not walk away from the card
    assert person.screen.flow.step is PayStep.UNRESOLVED
    assert payments_for(sandbox, number) == []

    person.tap(page.primary_button, wait=False)  # Check again: still no terminal
    assert person.settled() is PayStep.UNRESOLVED
    terminal_emulator.plug_in()
    person.tap(page.primary_button, wait=False)
    assert person.settled() is PayStep.DONE
    assert len(terminal_emulator.purchases) == 1
    assert len(payments_for(sandbox, number)) == 1


def test_session_timing_out_mid_payment_aborts_on_the_terminal_and_wipes_the_screen(
        person: Beneficiary, sandbox: SandboxProcess, terminal_emulator: TerminalEmulator,
        qtbot: QtBot) -> None:
    terminal_emulator.set_scenario("no_answer")
    number = seed_invoice(sandbox, 23_900)
    person.open_and_identify()
    person.choose(number)
    person.pay()
    screen = person.screen
    qtbot.waitUntil(lambda: screen.flow.progress is PurchaseProgress.WAITING_FOR_CARD,
                    timeout=5000)
    person.kiosk.end_session("idle timeout")
    qtbot.waitUntil(lambda: any(type(r).__name__ == "AbortRequest"
                                for r in terminal_emulator.requests), timeout=5000)
    wait_idle(person.kiosk, qtbot)
    assert screen.flow.invoice is None
    assert screen.flow.step is PayStep.INVOICES
    assert number not in screen.invoices_page.invoice_buttons
    assert person.kiosk.router.current == "home"
    assert terminal_emulator.purchases == []
    assert payments_for(sandbox, number) == []


# --- the screen while the card is on the terminal, and after ------------------------------


def header(kiosk: Kiosk) -> dict[str, bool]:
    """Which of the shell's header buttons a beneficiary can see (and so tap)."""
    window = kiosk.window
    return {"back": window.back_button.isVisible(), "home": window.home_button.isVisible(),
            "end": window.end_button.isVisible()}


def test_card_on_the_terminal_leaves_only_its_cancel_and_the_heading_follows_the_terminal(
        person: Beneficiary, sandbox: SandboxProcess, qtbot: QtBot) -> None:
    number = seed_invoice(sandbox, 23_400)
    person.open_and_identify()
    person.choose(number)
    flow, page = person.screen.flow, person.screen.paying_page
    seen: list[tuple[PurchaseProgress | None, str, dict[str, bool], bool]] = []

    def record() -> None:  # after the screen and the shell have rendered the change
        if flow.step is PayStep.PAYING:
            seen.append((flow.progress, page.title.text(), header(person.kiosk),
                         person.kiosk.idle.active))

    flow.subscribe(record)
    assert header(person.kiosk) == {"back": True, "home": True, "end": True}
    person.pay()
    assert person.settled() is PayStep.DONE

    headings = {progress: title for progress, title, _, _ in seen}
    assert headings[PurchaseProgress.WAITING_FOR_CARD] == "قرّب بطاقتك من جهاز الدفع أو أدخلها فيه"
    assert headings[PurchaseProgress.PIN_ENTRY] == "أدخل رقمك السري على جهاز الدفع"
    assert headings[PurchaseProgress.AUTHORISING] == "جارٍ التحقق مع البنك"
    # Not one moment with Back, Home or End session on screen, or an idle clock running.
    assert seen
    assert all(shown == {"back": False, "home": False, "end": False}
               for _, _, shown, _ in seen)
    assert not any(idle for _, _, _, idle in seen)
    # Paid: no Back into the finished payment, but the beneficiary may leave.
    assert header(person.kiosk) == {"back": False, "home": True, "end": True}


def test_no_tap_on_the_header_and_no_idle_timeout_end_a_session_mid_card(
        person: Beneficiary, sandbox: SandboxProcess, terminal_emulator: TerminalEmulator,
        qtbot: QtBot) -> None:
    terminal_emulator.set_scenario("no_answer")  # the card never comes
    number = seed_invoice(sandbox, 23_500)
    person.open_and_identify()
    person.choose(number)
    kiosk = person.kiosk
    kiosk.idle.configure(idle_ms=50, warning_s=1, tick_ms=10)
    person.pay()
    flow = person.screen.flow
    qtbot.waitUntil(lambda: flow.progress is PurchaseProgress.WAITING_FOR_CARD, timeout=5000)
    page = person.screen.paying_page
    assert page.stages.bar.isVisible()  # the terminal is working

    kiosk.window.home_requested.emit()  # a stale tap, or a key: nothing leaves
    kiosk.window.end_requested.emit()
    kiosk.window.back_requested.emit()
    qtbot.wait(300)  # six idle timeouts' worth
    assert not kiosk.window.idle_overlay.isVisible()
    assert kiosk.router.current == "pay_invoices"
    assert flow.step is PayStep.PAYING
    assert not kiosk.session.empty

    person.tap(page.cancel_button, wait=False)  # only the terminal's Cancel stops it
    assert person.settled() is PayStep.NOT_CHARGED
    assert header(kiosk) == {"back": True, "home": True, "end": True}
    assert kiosk.idle.active  # the clock runs again
    stop = person.screen.problem_page.stop_button
    assert stop.text() == "التوقف والسداد لاحقًا"  # says what it does
    with qtbot.waitSignal(kiosk.idle.expired, timeout=5000):
        pass
    assert kiosk.router.current == "home"


@pytest.fixture
def full_disk_kiosk(qtbot: QtBot, kiosk_config: KioskConfig, tmp_path: Path) -> Iterator[Kiosk]:
    """The live kiosk, but the outbox the pay journey writes approvals to is full: a real
    SQLITE_FULL (SQLite's own page cap, as on a full disk), filled to the brim."""
    from kiosk.services import build_services

    kiosk = build_kiosk(kiosk_config, kiosk_mode=False)
    qtbot.addWidget(kiosk.window)
    services = build_services(kiosk_config)
    full = Outbox.open(tmp_path / "full.sqlite3", max_size_bytes=64 * 1024)
    for pad in (2000, 400, 50, 0):  # big rows first, then smaller ones into the gaps
        with pytest.raises(OutboxFullError):  # noqa: PT012 (fill until it refuses)
            for n in range(1000):
                full.enqueue("submit_application", {"n": n, "pad": "x" * pad})
    working, services.outbox = services.outbox, full
    services.start()
    kiosk.attach_services(services)
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    yield kiosk
    kiosk.shutdown()
    full.close()
    working.close()


def test_an_approval_the_kiosk_cannot_store_stays_on_screen_with_every_detail_for_staff(
        full_disk_kiosk: Kiosk, sandbox: SandboxProcess, terminal_emulator: TerminalEmulator,
        qtbot: QtBot, tmp_path: Path) -> None:
    person = Beneficiary(full_disk_kiosk, qtbot, sandbox)
    number = seed_invoice(sandbox, 23_400)
    person.open_and_identify()
    person.choose(number)
    kiosk = person.kiosk
    services = kiosk.services
    assert services is not None
    kiosk.idle.configure(idle_ms=50, warning_s=1, tick_ms=10)
    person.pay()
    assert person.settled() is PayStep.DONE
    [charge] = terminal_emulator.purchases
    screen = person.screen
    assert screen.flow.paid is None
    done = screen.done_page

    summary = done.summary.text()
    for detail in (format_sar(23_400, arabic=True), number, charge.approval_code, charge.rrn):
        assert detail in summary
    assert "الوقت" in summary
    shot = tmp_path / "record.png"
    assert done.qr.isVisible()
    assert done.qr.pixmap().save(str(shot))
    with Image.open(shot) as image:
        [record] = [code.text for code in zxingcpp.read_barcodes(image.convert("L"))]
    for detail in (number, "amount_halalas: 23400", charge.approval_code, charge.rrn):
        assert detail in record
    assert "1234" not in record.replace(charge.rrn, "")  # no card digits

    # The primary action calls staff; neither Finish nor another payment is offered.
    assert not done.finish_button.isVisible()
    assert not done.another_button.isVisible()
    assert not kiosk.staff_call.open
    person.tap(done.staff_button)
    assert kiosk.staff_call.open
    assert kiosk.window.staff_notice.isVisible()
    assert services.health().status.label != "ok"
    assert not done.staff_button.isEnabled()

    qtbot.wait(300)  # the idle timer cannot wipe the only evidence
    assert not kiosk.window.idle_overlay.isVisible()
    assert kiosk.router.current == "pay_invoices"
    assert header(kiosk) == {"back": False, "home": True, "end": True}
    kiosk.window.end_button.click()  # staff, or the beneficiary, end it when done
    assert kiosk.router.current == "home"


def test_a_receipt_that_did_not_print_can_be_printed_again_once_paper_is_back(
        person: Beneficiary, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator) -> None:
    printer_emulator.set_state(paper_out=True)
    number = seed_invoice(sandbox, 23_700)
    person.open_and_identify()
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.DONE
    done = person.screen.done_page
    assert done.qr.isVisible()
    assert printer_emulator.receipts == []

    printer_emulator.set_state(paper_out=False)  # the staff refilled it
    person.tap(done.print_again_button)
    person.qtbot.waitUntil(lambda: person.screen.flow.printing.state is PrintState.PRINTED,
                           timeout=5000)
    assert len(printer_emulator.receipts) == 1
    assert not done.print_again_button.isVisible()
    assert not done.qr.isVisible()
    assert len(payments_for(sandbox, number)) == 1


def test_an_english_session_gets_its_sms_in_english(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    person.kiosk.language.set_language(Language.ENGLISH)
    number = seed_invoice(sandbox, 23_400)
    person.open_and_identify()
    [code] = sandbox.admin.sms(mobile=RESIDENT.mobile, kind="otp")[-1:]
    assert code.language is Language.ENGLISH
    assert code.text.startswith("Al-Ahsa Municipality: your verification code is")
    person.choose(number)
    person.pay()
    assert person.settled() is PayStep.DONE
    [paid] = [m for m in sandbox.admin.sms(mobile=RESIDENT.mobile, kind="payment")
              if number in m.text_en]
    assert paid.language is Language.ENGLISH
    assert paid.text == paid.text_en
    assert "received for invoice" in paid.text


def test_one_step_indicator_counts_on_from_identification_to_the_receipt(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 10_000)
    person.kiosk.language.set_language(Language.ENGLISH)
    home = person.kiosk.router.screen("home")
    person.tap(home.tiles["pay"])  # type: ignore[attr-defined]
    who = identify_screen(person.kiosk)
    assert seen(who.steps.caption.text()) == "Step 1 of 4: Your identity (1 of 3)"
    identify_on_screen(person.kiosk, person.qtbot, sandbox, RESIDENT)
    person.qtbot.waitUntil(lambda: person.screen.flow.loaded, timeout=5000)
    steps = person.screen.steps
    assert seen(steps.caption.text()) == "Step 2 of 4: Your bill"
    person.choose(number)
    assert seen(steps.caption.text()) == "Step 3 of 4: Card payment"
    person.pay()
    assert person.settled() is PayStep.DONE
    assert seen(steps.caption.text()) == "Step 4 of 4: Receipt"
