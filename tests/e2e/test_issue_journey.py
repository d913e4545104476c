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
from kiosk.domain.text import isolate_ltr
from kiosk.flows.issue import IssueStep
from kiosk.flows.pay import PayStep
from kiosk.flows.printing import PrintState
from kiosk.health.model import Status
from kiosk.journeys.identify import identify_screen
from kiosk.journeys.issue import INTRO, application_url, issue_screen
from kiosk.journeys.pay import pay_screen
from kiosk.offline_queue import EntryState
from kiosk.screens.issue import IssueScreen
from kiosk.screens.issue_intro import IssueIntroScreen
from kiosk.shell.window import KioskWindow
from kiosk.widgets.keyboard_layouts import KeyAction, Layout
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, DEBTOR, EXPIRED, RESIDENT, SPECIALIST_EXPIRED, DemoPerson
from tests.fixtures.kiosk import identify_on_screen, seen, tap

CLICK = Qt.MouseButton.LeftButton

PROFESSIONAL = {
    "shop_name": "خياط الكوت", "cr_number": "2250000011", "lease_number": "10000000011",
    "district": "hofuf-kut", "activity": "tailor", "area_m2": "45",
    "contact_mobile": CLEAN.mobile,
}


def all_texts() -> str:
    """Every text any widget holds, except in the closed windows of kiosks that earlier
    tests (and tours) tore down: their screens may show the same sandbox's numbers."""
    return " ".join(
        widget.text() for widget in QApplication.allWidgets()
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton)
        and not (isinstance(widget.window(), KioskWindow) and not widget.window().isVisible())
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

    def tap(self, widget: QAbstractButton, *, wait: bool = True) -> None:
        tap(self.kiosk, self.qtbot, widget, wait=wait)

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
        # "What you will need, and how long it takes" comes first; Start opens the form.
        assert self.kiosk.router.current == INTRO
        intro = self.kiosk.router.screen(INTRO)
        assert isinstance(intro, IssueIntroScreen)
        self.tap(intro.start_button)
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
        """Answers the question on show: a tap on a choice moves on by itself; typed
        answers go on with Continue."""
        flow = self.screen.flow
        page = self.screen.form_pages[flow.page]
        assert self.screen.pages.currentWidget() is page
        value = answers.get(page.spec.name)
        if page.choices is not None and value is not None:
            self.tap(page.choices.buttons[value])
            return
        if value is not None:
            assert page.line is not None
            page.line.clear()
            self.type(page.line, value)
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
    assert seen(screen.fee_page.amount.text()) == "300.00 ر.س"
    person.qtbot.mouseClick(screen.fee_page.submit_button, Qt.MouseButton.LeftButton)
    person.qtbot.mouseClick(screen.fee_page.submit_button, Qt.MouseButton.LeftButton)
    person.qtbot.waitUntil(lambda: screen.flow.printing.state is PrintState.PRINTED,
                           timeout=20000)

    number = seen(screen.done_page.reference.text())
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

    assert not kiosk.window.back_button.isVisible()  # nothing to step back into
    # Pay now goes on to the pay journey with the beneficiary still identified, straight
    # to this application's fee (not every unpaid bill).
    submission = screen.flow.submission
    assert submission is not None
    assert submission.invoice is not None
    person.tap(screen.done_page.pay_button)
    assert kiosk.router.current.startswith("pay")  # the pay journey (its own screens)
    assert kiosk.session.identified
    pay = pay_screen(kiosk)
    person.qtbot.waitUntil(lambda: pay.flow.step is PayStep.CONFIRM, timeout=5000)
    assert pay.flow.invoice is not None
    assert pay.flow.invoice.number == submission.invoice.number
    assert pay.confirm_page.isVisible()


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
        page = screen.form_pages[flow.page]
        assert page.spec.name == field
        assert page.error.isVisible()  # the field is marked with the server's words
        assert page.value() == answers[field]  # and what was typed is kept
        assert page.summary.isVisible()
    else:
        assert screen.problems_page.pay_button is not None
        person.tap(screen.problems_page.pay_button)
        assert kiosk.router.current.startswith("pay")  # the pay journey (its own screens)
    assert len(transactions(sandbox, who)) == before
    assert kiosk.services is not None
    assert kiosk.services.outbox.entries() == []


def test_one_question_per_page_with_the_question_as_heading(person: Beneficiary) -> None:
    person.kiosk.language.set_language(Language.ENGLISH)
    person.open_journey()
    screen = person.screen
    # The licence-type page is step 1 of the whole journey, identity is step 2.
    assert screen.steps.isVisible()
    assert seen(screen.steps.caption.text()) == "Step 1 of 5: Licence type"
    person.tap(screen.type_page.choose_buttons["professional"])
    who = identify_screen(person.kiosk)
    assert seen(who.steps.caption.text()) == "Step 2 of 5: Your identity (1 of 3)"
    person.identify(CLEAN)
    licence = screen.flow.licence
    assert licence is not None
    for number, spec in enumerate(licence.fields, start=1):
        page = screen.form_pages[screen.flow.page]
        assert page.spec == spec
        assert page.title.text().startswith(spec.label_en)  # the question is the heading
        assert page.caption.text() == licence.name_en
        assert seen(screen.steps.caption.text()) == (
            f"Step 3 of 5: Application details ({number} of {len(licence.fields)})")
        person.answer_page(PROFESSIONAL)
    assert screen.flow.step is IssueStep.CHECK
    assert seen(screen.steps.caption.text()) == "Step 4 of 5: Check your answers"


def test_incomplete_page_is_stopped_at_the_kiosk(person: Beneficiary) -> None:
    person.kiosk.language.set_language(Language.ENGLISH)
    person.open_journey()
    person.choose("professional", CLEAN)
    person.answer_page({"shop_name": "خياط"})
    person.answer_page({"cr_number": "22500"})
    screen = person.screen
    assert screen.flow.step is IssueStep.FORM
    page = screen.form_pages[1]
    assert page.summary.isVisible()
    assert page.summary.heading.text() == "There is a problem"
    assert page.summary.items.text() == "Commercial registration number must be 10 digits."
    assert page.line is not None
    assert page.line.is_invalid()
    assert page.value() == "22500"
    # Typing, then switching language, keeps what was typed (and the marks).
    person.type(page.line, "1")
    person.kiosk.language.set_language(Language.ARABIC)
    person.qtbot.waitUntil(
        lambda: page.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    QApplication.processEvents()  # LanguageChange reaches every widget, the page redraws
    assert page.value() == "225001"
    assert page.summary.isVisible()
    assert seen(page.summary.items.text()) == "أدخل 10 أرقام في خانة رقم السجل التجاري."
    assert page.summary.heading.text() == "يوجد خطأ"
    # A tap on the summary puts the cursor back in the field.
    page.line.clearFocus()
    person.qtbot.mouseClick(page.summary, CLICK)
    assert QApplication.focusWidget() is page.line


def test_choosing_a_district_moves_on_and_the_contact_mobile_is_the_verified_one(
        person: Beneficiary) -> None:
    person.open_journey()
    person.choose("professional", CLEAN)
    screen = person.screen
    flow = screen.flow
    for _ in range(3):
        person.answer_page(PROFESSIONAL)
    assert flow.question is not None
    assert flow.question.name == "district"
    page = screen.form_pages[flow.page]
    assert page.choices is not None
    person.tap(page.choices.buttons["hofuf-kut"])  # one tap, no Continue
    assert flow.question is not None
    assert flow.question.name == "activity"
    assert flow.answers["district"] == "hofuf-kut"
    while flow.question is not None and flow.question.name != "contact_mobile":
        person.answer_page(PROFESSIONAL)
    mobile = screen.form_pages[flow.page]
    assert mobile.value() == CLEAN.mobile  # the number just verified by SMS
    person.tap(mobile.continue_button)
    assert flow.step is IssueStep.CHECK


def test_change_selects_the_old_answer_and_clear_empties_it(person: Beneficiary) -> None:
    kiosk = person.kiosk
    person.apply("professional", CLEAN, PROFESSIONAL)
    screen = person.screen
    person.tap(screen.check_page.change_buttons["cr_number"])
    page = screen.form_pages[screen.flow.page]
    assert page.line is not None
    person.qtbot.waitUntil(lambda: QApplication.focusWidget() is page.line)
    assert page.line.selectedText() == PROFESSIONAL["cr_number"]  # typing replaces it
    assert kiosk.keyboard is not None
    pad = kiosk.keyboard.keyboard
    assert pad.isVisible()
    assert pad.current_layout() is Layout.NUMERIC
    person.tap(pad.key_for("7"), wait=False)
    assert page.value() == "7"
    person.tap(pad.action_key(KeyAction.CLEAR), wait=False)
    assert page.value() == ""
    for digit in "2250000011":
        person.tap(pad.key_for(digit), wait=False)
    person.tap(page.continue_button)
    assert screen.flow.step is IssueStep.CHECK


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
    assert screen.notice.isVisible()  # in the summary box, with a heading
    assert screen.notice.heading.text() == "Your application could not be checked"
    assert "answers are kept" in screen.notice.items.text()
    assert "Traceback" not in all_texts()
    sandbox.admin.set_faults(fail_next=0)
    person.tap(screen.form_pages[screen.flow.page].continue_button)
    assert screen.flow.step is IssueStep.CHECK
    assert screen.form_pages[0].value() == PROFESSIONAL["shop_name"]


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
    assert screen.done_page.reference.text() == isolate_ltr(entry.local_reference)
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
    number = seen(screen.done_page.reference.text())
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
    for answer in (PROFESSIONAL, PROFESSIONAL, PROFESSIONAL):
        person.answer_page(answer)
    assert person.screen.flow.page == 3
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
    assert "expired" in screen.notice.items.text()
    assert not kiosk.session.identified
    person.tap(screen.identify_again_button)
    person.identify(CLEAN)
    assert screen.flow.notice is None
    assert not screen.identify_again_button.isVisible()
    last = screen.form_pages[screen.flow.page]
    assert last.value() == PROFESSIONAL[last.spec.name]  # kept
    person.tap(last.continue_button)
    assert screen.flow.step is IssueStep.CHECK
