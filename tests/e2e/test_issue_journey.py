"""Issue a licence, end to end on the real screens: the kiosk offscreen over the sandbox
(HTTPS), the printer emulator (TCP) and the real outbox and delivery worker.

Each test asserts what the municipality sees (applications in the sandbox, its SMS
outbox) and what the beneficiary gets (the screen, the printed receipt's QR code).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScroller,
)
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Language
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.flows.issue import IssueStep
from kiosk.flows.printing import PrintState
from kiosk.health.model import Status
from kiosk.journeys.issue import application_url, issue_screen
from kiosk.offline_queue import EntryState
from kiosk.screens.issue import IssueScreen
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, DEBTOR, EXPIRED, RESIDENT, SPECIALIST_EXPIRED, DemoPerson
from tests.fixtures.kiosk import identify_on_screen, tap

CLICK = Qt.MouseButton.LeftButton

PROFESSIONAL = {
    "shop_name": "خياط الكوت", "cr_number": "2250000011", "lease_number": "10000000011",
    "district": "hofuf-kut", "activity": "tailor", "area_m2": "45",
    "contact_mobile": CLEAN.mobile,
}


def all_texts() -> str:
    return " ".join(
        widget.text() for widget in QApplication.allWidgets()
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton)
    )


class Beneficiary:
    """Drives the kiosk's screens with taps and typing, as a person would."""

    def __init__(self, kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> None:
        self.kiosk = kiosk
        self.qtbot = qtbot
        self.sandbox = sandbox

    @property
    def screen(self) -> IssueScreen:
        return issue_screen(self.kiosk)

    def tap(self, widget: QAbstractButton) -> None:
        tap(self.kiosk, self.qtbot, widget)

    def type(self, field: QLineEdit, text: str) -> None:
        """Key presses carrying each character (QTest.keyClicks knows only ASCII keys, and
        Arabic is what a beneficiary types on the kiosk's keyboard)."""
        field.setFocus()
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    field, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                     char))

    def open_journey(self) -> None:
        home = self.kiosk.router.screen("home")
        self.tap(home.tiles["issue"])  # type: ignore[attr-defined]
        assert self.kiosk.router.current == "issue"
        assert self.screen.flow.step is IssueStep.CHOOSE_TYPE

    def choose(self, kind: str, person: DemoPerson) -> None:
        self.tap(self.screen.type_page.choose_buttons[kind])
        self.identify(person)
        assert self.screen.flow.step is IssueStep.FORM

    def identify(self, person: DemoPerson) -> None:
        identify_on_screen(self.kiosk, self.qtbot, self.sandbox, person)
        assert self.kiosk.router.current == "issue"

    def answer_page(self, answers: dict[str, str]) -> None:
        flow = self.screen.flow
        page = self.screen.form_pages[flow.page]
        assert self.screen.pages.currentWidget() is page
        for block in page.blocks:
            value = answers.get(block.spec.name)
            if value is None:
                continue
            if block.choices is not None:
                self.tap(block.choices.buttons[value])
            else:
                assert block.line is not None
                block.line.clear()
                self.type(block.line, value)
        self.tap(page.continue_button)

    def answer_all(self, answers: dict[str, str]) -> None:
        flow = self.screen.flow
        while flow.step is IssueStep.FORM:
            page = flow.page
            self.answer_page(answers)
            assert not (flow.step is IssueStep.FORM and flow.page == page), flow.field_problems

    def apply(self, kind: str, person: DemoPerson, answers: dict[str, str]) -> None:
        self.open_journey()
        self.choose(kind, person)
        self.answer_all(answers)

    def submit(self) -> None:
        screen = self.screen
        assert screen.flow.step is IssueStep.CHECK
        self.tap(screen.check_page.continue_button)
        assert screen.flow.step is IssueStep.FEE
        self.qtbot.mouseClick(screen.fee_page.submit_button, CLICK)
        self.qtbot.mouseClick(screen.fee_page.submit_button, CLICK)  # a double tap
        self.qtbot.waitUntil(lambda: screen.flow.step not in (IssueStep.FEE,), timeout=20000)
        self.qtbot.waitUntil(lambda: screen.flow.printing.state in (
            PrintState.PRINTED, PrintState.FAILED, PrintState.IDLE) and not screen.flow.busy
            and not screen.flow.printing.busy,
            timeout=20000)


@pytest.fixture
def person(live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess) -> Beneficiary:
    return Beneficiary(live_kiosk, qtbot, sandbox)


def transactions(sandbox: SandboxProcess, who: DemoPerson) -> list[dict[str, object]]:
    return [t for t in sandbox.admin.records("transactions")
            if t["national_id"] == who.national_id]


def qr_on(receipt: Path) -> list[str]:
    with Image.open(receipt) as image:
        return [code.text for code in zxingcpp.read_barcodes(image)]


def test_professional_licence_to_confirmation_and_printed_receipt(
        person: Beneficiary, sandbox: SandboxProcess, printer_emulator: PrinterEmulator) -> None:
    kiosk = person.kiosk
    assert kiosk.language.current is Language.ARABIC
    before = len(transactions(sandbox, CLEAN))
    person.apply("professional", CLEAN, {**PROFESSIONAL, "area_m2": "40"})
    screen = person.screen
    assert screen.flow.step is IssueStep.CHECK
    # Change one answer: back to its page, then straight back to check your answers.
    person.tap(screen.check_page.change_buttons["area_m2"])
    assert screen.flow.step is IssueStep.FORM
    person.answer_page({"area_m2": "45"})
    assert screen.flow.step is IssueStep.CHECK
    assert "45" in all_texts()
    person.tap(screen.check_page.continue_button)
    assert screen.fee_page.amount.text() == "300.00 ر.س"
    person.qtbot.mouseClick(screen.fee_page.submit_button, Qt.MouseButton.LeftButton)
    person.qtbot.mouseClick(screen.fee_page.submit_button, Qt.MouseButton.LeftButton)
    person.qtbot.waitUntil(lambda: screen.flow.printing.state is PrintState.PRINTED,
                           timeout=20000)

    number = screen.done_page.reference.text()
    mine = transactions(sandbox, CLEAN)
    assert len(mine) == before + 1  # one application however fast Submit was tapped
    assert mine[-1]["number"] == number
    assert screen.done_page.pay_button.isVisible()
    sms = sandbox.admin.sms(CLEAN.mobile, "received")
    assert any(number in message.text_ar for message in sms)
    assert len(printer_emulator.receipts) == 1
    [qr] = qr_on(printer_emulator.receipts[0])  # the server's signed URL
    assert qr.startswith(application_url(kiosk.config.api.base_url, number) + "?s=")
    assert kiosk.services is not None
    entries = kiosk.services.outbox.entries()
    assert [e.state for e in entries] == [EntryState.DELIVERED]

    # Pay now goes on to the pay journey with the beneficiary still identified.
    person.tap(screen.done_page.pay_button)
    assert kiosk.router.current.startswith("pay")  # the pay journey (its own screens)
    assert kiosk.session.identified


def test_every_scroll_area_follows_a_finger_the_form_pages_too(person: Beneficiary) -> None:
    person.open_journey()
    person.choose("professional", CLEAN)
    window = person.kiosk.window
    areas = window.findChildren(QScrollArea)
    # Each form page scrolls with its screen, in the screen's one scroll area (never a
    # scroll box inside a scroll box).
    for page in person.screen.form_pages:
        holders = [area for area in areas if area.isAncestorOf(page)]
        assert [area.widget() for area in holders] == [person.screen]
    # A QScroller on the viewport is what turns a finger's slide into scrolling
    # (kiosk.widgets.layout.touch_scroll_area; tests/widgets/test_layout.py slides one).
    assert [area.objectName() for area in areas
            if not QScroller.hasScroller(area.viewport())] == []


REJECTIONS = [
    pytest.param(EXPIRED, "professional", {
        **PROFESSIONAL, "cr_number": "2250000031", "lease_number": "10000000031",
        "district": "hofuf-muhammadiyah", "activity": "carpentry",
        "contact_mobile": EXPIRED.mobile,
    }, {"cr_expired", "lease_expired", "activity_not_allowed"}, id="expired-cr-lease-zoning"),
    pytest.param(CLEAN, "professional", {**PROFESSIONAL, "lease_number": "10000000099"},
                 {"lease_not_found"}, id="lease-missing"),
    pytest.param(RESIDENT, "health", {
        **PROFESSIONAL, "cr_number": "2250000041", "lease_number": "10000000041",
        "district": "hofuf-muhammadiyah", "activity": "restaurant",
        "health_specialist_id": SPECIALIST_EXPIRED, "contact_mobile": RESIDENT.mobile,
    }, {"activity_not_allowed", "health_specialist_not_registered"}, id="health-specialist"),
    pytest.param(DEBTOR, "professional", {
        **PROFESSIONAL, "cr_number": "2250000021", "lease_number": "10000000021",
        "district": "oyoun-centre", "activity": "laundry", "contact_mobile": DEBTOR.mobile,
    }, {"outstanding_invoices"}, id="unpaid-invoices"),
    pytest.param(CLEAN, "professional", {
        **PROFESSIONAL, "lease_number": "10000000012", "district": "mubarraz-shuabah",
    }, {"licence_exists"}, id="active-licence-same-shop"),
]


@pytest.mark.parametrize(("who", "kind", "answers", "codes"), REJECTIONS)
def test_each_rejection_rule_shows_every_problem_before_anything_is_sent(
        person: Beneficiary, sandbox: SandboxProcess, who: DemoPerson, kind: str,
        answers: dict[str, str], codes: set[str]) -> None:
    kiosk = person.kiosk
    kiosk.language.set_language(Language.ENGLISH)
    before = len(transactions(sandbox, who))
    person.apply(kind, who, answers)
    screen = person.screen
    flow = screen.flow
    assert flow.step is IssueStep.PROBLEMS
    assert {p.code for p in flow.problems} == codes
    summary = screen.problems_page.summary
    assert summary.isVisible()
    for problem in flow.problems:
        assert problem.message_en in summary.items.text()
    fixable = [p for p in flow.problems if p.field]
    if fixable:
        field = fixable[0].field
        assert field is not None
        person.tap(screen.problems_page.fix_buttons[field])
        assert flow.step is IssueStep.FORM
        block = next(b for b in screen.form_pages[flow.page].blocks if b.spec.name == field)
        assert block.error.isVisible()  # the field is marked with the server's words
        assert block.value() == answers[field]  # and what was typed is kept
        assert screen.form_pages[flow.page].summary.isVisible()
    else:
        assert screen.problems_page.pay_button is not None
        person.tap(screen.problems_page.pay_button)
        assert kiosk.router.current.startswith("pay")  # the pay journey (its own screens)
    assert len(transactions(sandbox, who)) == before
    assert kiosk.services is not None
    assert kiosk.services.outbox.entries() == []


def test_incomplete_page_is_stopped_at_the_kiosk(person: Beneficiary) -> None:
    person.kiosk.language.set_language(Language.ENGLISH)
    person.open_journey()
    person.choose("professional", CLEAN)
    person.answer_page({"shop_name": "خياط", "cr_number": "22500"})
    screen = person.screen
    assert screen.flow.step is IssueStep.FORM
    page = screen.form_pages[0]
    assert page.summary.isVisible()
    marked = {b.spec.name for b in page.blocks if b.line is not None and b.line.is_invalid()}
    assert marked == {"cr_number", "lease_number"}
    assert page.blocks[1].value() == "22500"
    # Typing, then switching language, keeps what was typed (and the marks).
    person.type(page.blocks[2].line, "1000")  # type: ignore[arg-type]
    person.kiosk.language.set_language(Language.ARABIC)
    person.qtbot.waitUntil(
        lambda: page.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    QApplication.processEvents()  # LanguageChange reaches every widget, the page redraws
    assert [b.value() for b in page.blocks] == ["خياط", "22500", "1000"]
    assert page.summary.isVisible()


def test_server_trouble_while_checking_is_said_calmly_and_keeps_the_answers(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    person.kiosk.language.set_language(Language.ENGLISH)
    person.open_journey()
    person.choose("professional", CLEAN)
    screen = person.screen
    sandbox.admin.set_faults(fail_next=5)
    while screen.flow.page < len(screen.flow.pages) - 1:
        person.answer_page(PROFESSIONAL)
    person.answer_page(PROFESSIONAL)  # the last page asks the server, which fails
    assert screen.flow.step is IssueStep.FORM
    assert screen.notice.isVisible()
    assert "answers are kept" in screen.notice.text()
    assert "Traceback" not in all_texts()
    sandbox.admin.set_faults(fail_next=0)
    person.tap(screen.form_pages[screen.flow.page].continue_button)
    assert screen.flow.step is IssueStep.CHECK
    rows = [b.value() for p in screen.form_pages for b in p.blocks]
    assert rows[0] == PROFESSIONAL["shop_name"]


def test_offline_submit_is_provisional_and_delivered_later_exactly_once(
        person: Beneficiary, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator) -> None:
    kiosk = person.kiosk
    assert kiosk.services is not None
    before = len(transactions(sandbox, CLEAN))
    person.apply("professional", CLEAN, PROFESSIONAL)
    screen = person.screen
    screen.flow.wait_s = 1.0  # the same bounded wait, shortened to keep the test quick
    sandbox.admin.set_faults(drop_next=1000)  # the network loses every answer
    person.submit()
    assert screen.flow.step is IssueStep.PROVISIONAL
    entry = screen.flow.entry
    assert entry is not None
    assert screen.done_page.reference.text() == entry.local_reference
    assert not screen.done_page.pay_button.isVisible()
    assert len(printer_emulator.receipts) == 1
    assert qr_on(printer_emulator.receipts[0]) == [
        application_url(kiosk.config.api.base_url, entry.local_reference)]

    person.tap(screen.done_page.finish_button)  # the beneficiary leaves
    assert kiosk.session.empty
    assert kiosk.router.current == "home"
    assert entry.local_reference not in all_texts()  # nothing left for the next person
    assert PROFESSIONAL["shop_name"] not in all_texts()
    sandbox.admin.set_faults(drop_next=0)  # the network comes back
    kiosk.services.worker.retry_now()
    person.qtbot.waitUntil(
        lambda: kiosk.services is not None
        and kiosk.services.outbox.get(entry.id).state is EntryState.DELIVERED, timeout=20000)
    mine = transactions(sandbox, CLEAN)
    assert len(mine) == before + 1
    delivered = kiosk.services.outbox.get(entry.id)
    assert delivered.server_reference == mine[-1]["number"]
    assert any(str(mine[-1]["number"]) in m.text_ar
               for m in sandbox.admin.sms(CLEAN.mobile, "received"))


def test_printer_out_of_paper_shows_the_receipt_as_a_qr_code(
        person: Beneficiary, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator) -> None:
    kiosk = person.kiosk
    kiosk.language.set_language(Language.ENGLISH)
    printer_emulator.set_state(paper_out=True)
    person.apply("professional", CLEAN, PROFESSIONAL)
    person.submit()
    screen = person.screen
    assert screen.flow.step is IssueStep.CONFIRMED
    assert screen.flow.printing.state is PrintState.FAILED
    number = screen.done_page.reference.text()
    assert screen.done_page.qr.isVisible()
    signed = application_url(kiosk.config.api.base_url, number) + "?s="
    assert screen.done_page.qr.property("qr_data").startswith(signed)
    assert "SMS" in screen.done_page.printing.text()
    assert printer_emulator.receipts == []
    assert kiosk.services is not None
    assert kiosk.services.printer.health().status is not Status.OK  # operators see it
    # Paper loaded: printing again works from the same screen.
    printer_emulator.set_state(paper_out=False)
    person.tap(screen.done_page.print_again_button)
    person.qtbot.waitUntil(lambda: screen.flow.printing.state is PrintState.PRINTED)
    [qr] = qr_on(printer_emulator.receipts[0])
    assert qr.startswith(signed)
    assert not screen.done_page.qr.isVisible()
    # The next beneficiary finds no trace: idle timeout on the confirmation.
    kiosk.idle.configure(idle_ms=100, warning_s=2, tick_ms=30)
    kiosk.idle.poke()
    with person.qtbot.waitSignal(kiosk.idle.expired, timeout=5000):
        pass
    assert number not in all_texts()
    assert screen.done_page.qr.property("qr_data") is None


def test_session_timeout_mid_form_wipes_everything(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    kiosk = person.kiosk
    person.open_journey()
    person.choose("professional", CLEAN)
    person.answer_page({"shop_name": "خياط الكوت", "cr_number": "2250000011",
                        "lease_number": "10000000011"})
    assert person.screen.flow.page == 1
    kiosk.idle.configure(idle_ms=100, warning_s=2, tick_ms=30)
    kiosk.idle.poke()
    with person.qtbot.waitSignal(kiosk.idle.expired, timeout=5000):
        pass
    texts = all_texts()
    for secret in ("خياط الكوت", "2250000011", "10000000011", CLEAN.national_id):
        assert secret not in texts
    assert kiosk.session.empty
    assert kiosk.router.current == "home"
    screen = person.screen
    assert screen.form_pages == []
    assert screen.flow.licence is None
    assert not screen.flow.answers
    # Next beneficiary: starts at the licence types, not identified.
    person.open_journey()
    assert not kiosk.session.identified


def test_building_permit_appears_only_when_the_server_enables_it(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    person.open_journey()
    assert "home_building" not in person.screen.type_page.choose_buttons
    person.kiosk.end_session("next beneficiary")
    sandbox.admin.set_flag(HOME_BUILDING_FLAG, True)
    person.open_journey()
    assert "home_building" in person.screen.type_page.choose_buttons


def test_refused_at_delivery_shows_a_calm_error_with_the_reason(
        person: Beneficiary, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator) -> None:
    person.kiosk.language.set_language(Language.ENGLISH)
    sandbox.admin.set_flag(HOME_BUILDING_FLAG, True)
    person.apply("home_building", CLEAN, {
        "deed_number": "310000000011", "district": "oyoun-marah", "floors": "2",
        "built_area_m2": "300", "engineering_office": "office-01",
        "contact_mobile": CLEAN.mobile})
    # The municipality withdraws the permit after the check, before the submission.
    sandbox.admin.set_flag(HOME_BUILDING_FLAG, False)
    person.submit()
    screen = person.screen
    assert screen.flow.step is IssueStep.FAILED
    assert "Home building permits are not offered at kiosks yet." in (
        screen.done_page.body.text())  # the municipality's words, not a technician's code
    assert "application_rejected" not in all_texts()
    assert "Nothing was charged" in screen.done_page.body.text()
    assert not screen.done_page.pay_button.isVisible()
    assert printer_emulator.receipts == []


def test_identification_expiring_mid_form_is_confirmed_again_and_answers_kept(
        person: Beneficiary, sandbox: SandboxProcess) -> None:
    kiosk = person.kiosk
    kiosk.language.set_language(Language.ENGLISH)
    person.open_journey()
    person.choose("professional", CLEAN)
    screen = person.screen
    while screen.flow.page < len(screen.flow.pages) - 1:
        person.answer_page(PROFESSIONAL)
    sandbox.admin.advance_clock(1)  # the beneficiary token lives 15 minutes
    person.answer_page(PROFESSIONAL)
    assert screen.flow.step is IssueStep.FORM
    assert "expired" in screen.notice.text()
    assert not kiosk.session.identified
    person.tap(screen.identify_again_button)
    person.identify(CLEAN)
    assert screen.flow.notice is None
    assert not screen.identify_again_button.isVisible()
    last = screen.form_pages[screen.flow.page]
    assert {b.spec.name: b.value() for b in last.blocks} == {
        b.spec.name: PROFESSIONAL[b.spec.name] for b in last.blocks}  # kept
    person.tap(last.continue_button)
    assert screen.flow.step is IssueStep.CHECK
