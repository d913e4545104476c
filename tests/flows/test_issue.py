"""Issue-a-licence flow against the real sandbox over HTTPS, a real SQLite outbox with its
real delivery worker, and (where a receipt is printed) the printer emulator over TCP.

InlineRunner runs the blocking work on the test thread, so each intent returns with the
flow already in its next state.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import FieldKind, FieldSpec, LicenceKind
from kiosk.catalogue import CatalogueCache
from kiosk.config import KioskIdentity, PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import ReceiptKind, ReceiptPrinter
from kiosk.domain.session import Session
from kiosk.flows.base import InlineRunner
from kiosk.flows.delivery import OFFLINE_LOOK_S, POLL_S
from kiosk.flows.form_pages import answer_value, arabic_count, check_answer, digit_lengths
from kiosk.flows.issue import IssueFlow, IssueStep
from kiosk.flows.printing import PrintFailure, PrintState
from kiosk.flows.progress import Progress, Stage
from kiosk.offline_queue import (
    Connectivity,
    DeliveryWorker,
    EntryState,
    Outbox,
    OutboxFullError,
)
from kiosk.offline_queue.deliverer import ClientDeliverer
from sandbox.catalogue import HOME_BUILDING_FLAG, catalogue
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, EXPIRED, DemoPerson
from tests.fixtures.sandbox import identify

PROFESSIONAL_OK = {
    "shop_name": "خياط الكوت", "cr_number": "2250000011", "lease_number": "10000000011",
    "district": "hofuf-kut", "activity": "tailor", "area_m2": "45",
    "contact_mobile": CLEAN.mobile,
}


class Harness:
    """One kiosk's worth of real parts around an IssueFlow."""

    def __init__(self, sandbox: SandboxProcess, client: MunicipalityClient, tmp: Path,
                 printer: ReceiptPrinter) -> None:
        self.sandbox = sandbox
        self.client = client
        self.outbox = Outbox.open(tmp / "outbox.sqlite3", reference_prefix="AHS-DEV-01")
        self.worker = DeliveryWorker(self.outbox, ClientDeliverer(client), Connectivity(),
                                     idle_poll_s=0.2)
        self.session = Session()
        self._tmp = tmp
        self._printer = printer
        self.flow = self.make_flow()

    def make_flow(self, *, wait_s: float = 8.0, **options: Any) -> IssueFlow:
        """An IssueFlow over this kiosk's parts; `options` as IssueFlow takes them."""
        return IssueFlow(
            self.client, CatalogueCache(self.client, self._tmp / "catalogue.json"),
            self.outbox, self._printer, InlineRunner(), session=self.session,
            kiosk=KioskIdentity(),
            verification_url=lambda ref: f"https://verify.test/transaction/{ref}",
            language=lambda: "en", wait_s=wait_s, **options)

    def identify(self, person: DemoPerson) -> None:
        self.session.token = identify(self.sandbox, self.client, person).token

    def fill(self, answers: dict[str, str]) -> None:
        flow = self.flow
        while flow.step is IssueStep.FORM:
            page = flow.page
            question = flow.question
            assert question is not None
            # A question not in `answers` goes on with what its page shows.
            flow.continue_page(answers.get(question.name))
            if flow.step is IssueStep.FORM and flow.page == page:
                return  # stopped by a local problem

    def transactions_of(self, person: DemoPerson) -> list[dict[str, object]]:
        return [t for t in self.sandbox.admin.records("transactions")
                if t["national_id"] == person.national_id]


@pytest.fixture
def harness(sandbox: SandboxProcess, api_client: MunicipalityClient, tmp_path: Path,
            printer_emulator: PrinterEmulator) -> Iterator[Harness]:
    printer = ReceiptPrinter(PrinterSettings(connection=printer_emulator.connection,
                                             timeout_s=1.0))
    made = Harness(sandbox, api_client, tmp_path, printer)
    made.worker.start()
    yield made
    made.worker.stop()
    made.outbox.close()


# --- the form, page by page -------------------------------------------------------------


@pytest.mark.parametrize("home_building", [False, True])
def test_every_catalogue_question_gets_a_page_of_its_own(
        harness: Harness, home_building: bool) -> None:
    harness.sandbox.admin.set_flag(HOME_BUILDING_FLAG, home_building)
    flow = harness.flow
    flow.start()
    for licence in flow.types:
        flow.choose_type(licence.kind)
        assert [spec.name for spec in flow.pages] == [spec.name for spec in licence.fields]
        seen = []
        for index, spec in enumerate(licence.fields):
            flow.page = index
            assert flow.question == spec
            progress = flow.progress
            assert progress is not None
            assert (progress.current, progress.page, progress.pages) == (
                Stage.DETAILS, index + 1, len(licence.fields))
            seen.append(spec.name)
        assert seen == [spec.name for spec in licence.fields]
        flow.page = 0
        assert flow.back()
        assert flow.step is IssueStep.CHOOSE_TYPE


def test_one_count_of_named_steps_runs_across_the_journey(harness: Harness) -> None:
    flow = harness.flow
    flow.start()  # not identified yet: identity is a step of this journey
    journey = (Stage.LICENCE_TYPE, Stage.IDENTITY, Stage.DETAILS, Stage.CHECK, Stage.FEE)
    assert flow.progress == Progress(journey, Stage.LICENCE_TYPE)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.identify(CLEAN)
    assert flow.stages == journey  # decided when the journey began, not changed by it
    assert flow.progress == Progress(journey, Stage.DETAILS, 1, 7)
    harness.fill(PROFESSIONAL_OK)
    assert flow.progress == Progress(journey, Stage.CHECK)
    flow.confirm_answers()
    assert flow.progress == Progress(journey, Stage.FEE)
    assert flow.progress.number == 5
    # Someone identified before they chose to apply has no identity step to count.
    flow.reset()
    flow.start()
    assert flow.stages == (Stage.LICENCE_TYPE, Stage.DETAILS, Stage.CHECK, Stage.FEE)


def test_the_contact_mobile_offers_the_mobile_just_verified(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.session.mobile = CLEAN.mobile  # as identification leaves it
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill({k: v for k, v in PROFESSIONAL_OK.items() if k != "contact_mobile"})
    assert flow.step is IssueStep.CHECK, flow.problems
    rows = {row.spec.name: row.value for row in flow.answer_rows("en")}
    assert rows["contact_mobile"] == CLEAN.mobile
    # An answer the beneficiary cleared stays cleared (and is asked for).
    flow.change(flow.page_of("contact_mobile") or 0)
    flow.continue_page("")
    assert flow.field_problems["contact_mobile"].code == "required"


def spec(kind: FieldKind, **extra: object) -> FieldSpec:
    return FieldSpec.model_validate({"name": "f", "kind": kind, "label_ar": "حقل",
                                     "label_en": "Field", **extra})


@pytest.mark.parametrize(("field", "typed", "code"), [
    (spec(FieldKind.TEXT, min=2, max=5), "", "required"),
    (spec(FieldKind.TEXT, min=2, max=5), "   ", "required"),
    (spec(FieldKind.TEXT, min=2, max=5), "a", "length"),
    (spec(FieldKind.TEXT, pattern=r"\d{11}"), "1234", "invalid"),
    (spec(FieldKind.NUMBER, min=4, max=100), "3", "out_of_range"),
    (spec(FieldKind.NUMBER, min=4, max=100), "12a", "invalid"),
    (spec(FieldKind.NATIONAL_ID), "1012345673", "invalid"),
    (spec(FieldKind.MOBILE), "0451000001", "invalid"),
    (spec(FieldKind.DATE), "2026-02-30", "invalid"),
    (spec(FieldKind.CHOICE, choices=[{"value": "a", "label_ar": "أ", "label_en": "A"}]),
     "b", "invalid_choice"),
    (spec(FieldKind.CHOICE, choices=[{"value": "a", "label_ar": "أ", "label_en": "A"}]),
     "", "required"),
])
def test_each_local_rule_names_its_problem_in_both_languages(
        field: FieldSpec, typed: str, code: str) -> None:
    problem = check_answer(field, typed)
    assert problem is not None
    assert problem.code == code
    assert problem.field == "f"
    assert problem.message_ar
    assert problem.message_en


def _catalogue_spec(name: str) -> FieldSpec:
    from datetime import UTC, datetime

    for licence in catalogue(datetime.now(UTC), home_building=True).licence_types:
        for field in licence.fields:
            if field.name == name:
                return field
    raise KeyError(name)


@pytest.mark.parametrize(("name", "typed", "english", "arabic"), [
    ("lease_number", "", "Enter the lease contract number.", "أدخل رقم عقد الإيجار."),
    ("lease_number", "1000", "Lease contract number must be 11 digits.",
     "أدخل 11 رقمًا في خانة رقم عقد الإيجار."),
    ("cr_number", "22500", "Commercial registration number must be 10 digits.",
     "أدخل 10 أرقام في خانة رقم السجل التجاري."),
    ("district", "", "Choose the district.", "اختر الحي."),
    ("shop_name", "خ", "Shop name must be 2 to 60 characters long.",
     "أدخل من 2 إلى 60 حرفًا في خانة الاسم التجاري للمحل."),
    ("floors", "7", "Number of floors must be between 1 and 3.",
     "أدخل رقمًا من 1 إلى 3 في خانة عدد الأدوار."),
    ("health_specialist_id", "1012345673",
     "The health specialist's ID number is not a valid ID number. Check each of its 10 "
     "digits.", "رقم الهوية في خانة هوية الأخصائي الصحي غير صحيح؛ راجع الأرقام العشرة كما "
     "في البطاقة."),
])
def test_messages_are_sentences_for_people_not_templates(
        name: str, typed: str, english: str, arabic: str) -> None:
    problem = check_answer(_catalogue_spec(name), typed)
    assert problem is not None
    assert (problem.message_en, problem.message_ar) == (english, arabic)
    assert "«" not in problem.message_ar


@pytest.mark.parametrize(("number", "said"), [
    (1, "رقم واحد"), (2, "رقمين"), (3, "3 أرقام"), (10, "10 أرقام"), (11, "11 رقمًا"),
    (99, "99 رقمًا"), (100, "100 رقم"), (102, "102 رقم"), (103, "103 أرقام"),
    (111, "111 رقمًا"),
])
def test_arabic_counts_put_the_noun_in_its_form(number: int, said: str) -> None:
    assert arabic_count(number, ("رقم واحد", "رقمين", "أرقام", "رقمًا", "رقم")) == said


def test_digit_patterns_are_read_for_their_length() -> None:
    assert digit_lengths(r"[0-9]{11}") == (11, 11)
    assert digit_lengths(r"\d{8,10}") == (8, 10)
    assert digit_lengths(r"[0-9]{4,}") == (4, None)
    assert digit_lengths(r"[0-9]+") == (1, None)
    assert digit_lengths(r"05[0-9]{8}") is None
    assert digit_lengths(None) is None


def test_good_answers_pass_and_are_sent_in_the_servers_shape() -> None:
    number = spec(FieldKind.NUMBER, min=4, max=100)
    assert check_answer(number, "٤٥") is None  # Arabic-Indic digits are digits
    assert answer_value(number, "٤٥") == 45
    assert answer_value(spec(FieldKind.MOBILE), "+966551000001") == "0551000001"
    assert check_answer(spec(FieldKind.DATE, required=False), "") is None
    assert answer_value(spec(FieldKind.DATE, required=False), "") is None
    assert check_answer(spec(FieldKind.TEXT, pattern="("), "x") is None  # server decides


# --- the journey against the sandbox -----------------------------------------------------


def test_professional_licence_submitted_confirmed_and_printed(
        harness: Harness, printer_emulator: PrinterEmulator, qapp: object) -> None:
    flow = harness.flow
    flow.start()
    assert flow.step is IssueStep.CHOOSE_TYPE
    assert LicenceKind.HOME_BUILDING not in [t.kind for t in flow.types]
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    assert flow.step is IssueStep.CHECK, flow.problems
    assert flow.fee_halalas == 30_000
    rows = {row.spec.name: row.value for row in flow.answer_rows("en")}
    assert rows["district"] == "Al-Kut (Al-Hofuf)"
    assert rows["area_m2"] == "45"
    flow.confirm_answers()
    before = len(harness.transactions_of(CLEAN))
    flow.submit()
    flow.submit()  # a second tap after the answer: nothing more is sent
    assert flow.step is IssueStep.CONFIRMED
    assert flow.submission is not None
    number = flow.submission.transaction_number
    mine = harness.transactions_of(CLEAN)
    assert len(mine) == before + 1
    assert number in {t["number"] for t in mine}
    assert len(harness.outbox.entries()) == 1
    assert flow.printing.state is PrintState.PRINTED
    assert flow.printing.receipt is not None
    assert flow.printing.receipt.kind is ReceiptKind.LICENCE_APPLICATION
    assert flow.printing.receipt.verification_url == flow.submission.verification_url  # signed
    assert f"/verify/transaction/{number}?s=" in flow.printing.receipt.verification_url
    assert flow.printing.receipt.references.transaction_number == number
    assert len(printer_emulator.receipts) == 1
    assert CLEAN.national_id not in str(flow.printing.receipt)


def test_an_application_made_in_english_gets_every_sms_in_english(
        harness: Harness, qapp: object) -> None:
    flow = harness.flow  # the screen is in English
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    flow.confirm_answers()
    flow.submit()
    assert flow.submission is not None
    number = flow.submission.transaction_number
    [received] = [m for m in harness.sandbox.admin.sms(CLEAN.mobile, "received")
                  if number in m.text_en]
    assert received.language.value == "en"
    assert received.text.startswith("Al-Ahsa Municipality: we received your")
    harness.sandbox.admin.advance_clock(2)  # reception done: the next department
    harness.client.transaction(number)  # reading it moves the workflow on
    [step] = [m for m in harness.sandbox.admin.sms(CLEAN.mobile, "step") if number in m.text_en]
    assert step.language.value == "en"  # kept with the transaction, days later too
    assert "has moved to the" in step.text


def test_a_local_problem_stops_on_the_page_and_keeps_what_was_typed(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    flow.continue_page("خياط")
    flow.continue_page("22500")
    assert flow.step is IssueStep.FORM
    assert flow.page == 1
    assert set(flow.field_problems) == {"cr_number"}
    assert flow.answers["shop_name"] == "خياط"
    assert flow.answers["cr_number"] == "22500"


def test_every_server_problem_at_once_and_fix_returns_to_the_field(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(EXPIRED)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill({**PROFESSIONAL_OK, "cr_number": "2250000031", "lease_number": "10000000031",
                  "district": "hofuf-muhammadiyah", "activity": "carpentry",
                  "contact_mobile": EXPIRED.mobile})
    assert flow.step is IssueStep.PROBLEMS
    codes = {p.code for p in flow.problems}
    assert {"cr_expired", "lease_expired", "activity_not_allowed"} <= codes
    assert set(flow.field_problems) >= {"cr_number", "lease_number", "activity"}
    flow.fix("activity")
    assert flow.step is IssueStep.FORM
    assert flow.pages[flow.page].name == "activity"
    assert flow.answers["activity"] == "carpentry"  # kept
    # Continue after a fix goes straight back to the server, not through every page.
    flow.continue_page("tailor")
    assert flow.step is IssueStep.PROBLEMS
    assert "activity_not_allowed" not in {p.code for p in flow.problems}
    assert harness.outbox.entries() == []  # nothing was submitted


def test_change_from_check_your_answers_comes_straight_back(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    assert flow.step is IssueStep.CHECK
    area_page = next(r.page for r in flow.answer_rows("en") if r.spec.name == "area_m2")
    flow.change(area_page)
    assert flow.step is IssueStep.FORM
    assert flow.page == area_page
    flow.continue_page("60")
    assert flow.step is IssueStep.CHECK
    assert {r.spec.name: r.value for r in flow.answer_rows("en")}["area_m2"] == "60"


def test_offline_submit_is_provisional_then_delivered_exactly_once(
        harness: Harness, qapp: object) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    flow.confirm_answers()
    before = len(harness.transactions_of(CLEAN))
    harness.sandbox.admin.set_faults(drop_next=1000)  # every answer lost on the way back
    flow.wait_s = 1.0  # the beneficiary need not wait the full bound for this case
    flow.submit()
    assert flow.step is IssueStep.PROVISIONAL
    assert flow.entry is not None
    assert flow.entry.local_reference.startswith("AHS-DEV-01")
    assert flow.printing.receipt is not None
    assert flow.printing.receipt.kind is ReceiptKind.PROVISIONAL
    assert flow.printing.receipt.references.queue_reference == flow.entry.local_reference
    harness.sandbox.admin.set_faults(drop_next=0)
    harness.worker.retry_now()
    assert harness.worker.drain(20.0)
    delivered = harness.outbox.get(flow.entry.id)
    assert delivered.state is EntryState.DELIVERED
    # The server ran the first attempt before the answer was lost; every retry was
    # answered from its idempotency store: one application, not one per attempt.
    assert len(harness.transactions_of(CLEAN)) == before + 1


def test_refused_at_delivery_shows_the_reason(harness: Harness) -> None:
    harness.sandbox.admin.set_flag(HOME_BUILDING_FLAG, True)
    flow = harness.flow
    flow.start()
    assert LicenceKind.HOME_BUILDING in [t.kind for t in flow.types]
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.HOME_BUILDING)
    harness.fill({"deed_number": "310000000011", "district": "oyoun-marah", "floors": "2",
                  "built_area_m2": "300", "engineering_office": "office-01",
                  "contact_mobile": CLEAN.mobile})
    assert flow.step is IssueStep.CHECK, flow.problems
    flow.confirm_answers()
    # The municipality withdraws the permit between the check and the submission.
    harness.sandbox.admin.set_flag(HOME_BUILDING_FLAG, False)
    flow.submit()
    assert flow.step is IssueStep.FAILED
    assert "not_offered" in flow.failure_reason  # for technicians
    assert [p.code for p in flow.failure_problems] == ["not_offered"]  # for the beneficiary
    assert flow.failure_problems[0].message_ar
    assert flow.printing.state is PrintState.IDLE


def test_server_down_while_validating_says_so_and_keeps_the_answers(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.sandbox.admin.set_faults(fail_next=10)
    harness.fill(PROFESSIONAL_OK)
    assert flow.step is IssueStep.FORM
    assert flow.notice is not None
    assert flow.notice.message_ar
    assert flow.answers["shop_name"] == PROFESSIONAL_OK["shop_name"]
    harness.sandbox.admin.set_faults(fail_next=0)
    flow.continue_page()
    assert flow.step is IssueStep.CHECK


def test_reset_wipes_the_application(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    flow.continue_page("خياط الكوت")
    assert harness.session.answers
    flow.reset()
    harness.session.clear()
    assert harness.session.empty
    assert flow.step is IssueStep.LOADING
    assert flow.licence is None
    assert not flow.answers


def test_printer_out_of_paper_leaves_the_receipt_for_the_screen(
        harness: Harness, printer_emulator: PrinterEmulator, qapp: object) -> None:
    printer_emulator.set_state(paper_out=True)
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    flow.confirm_answers()
    flow.submit()
    assert flow.step is IssueStep.CONFIRMED
    assert flow.printing.state is PrintState.FAILED
    assert flow.printing.failure is PrintFailure.PAPER_OUT  # as track and pay know it
    assert flow.printing.receipt is not None
    assert flow.printing.receipt.verification_url.startswith("https://")
    assert flow.printing.fallback_url == flow.printing.receipt.verification_url
    assert printer_emulator.receipts == []


def test_submit_without_a_token_sends_nothing(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    flow.confirm_answers()
    harness.session.token = None
    flow.submit()
    assert flow.step is IssueStep.FEE
    assert flow.notice is not None
    assert harness.outbox.entries() == []



# --- bad states -------------------------------------------------------------------------


def test_no_catalogue_anywhere_says_so_and_retry_recovers(harness: Harness) -> None:
    harness.sandbox.admin.set_faults(fail_next=10)  # 503s, and nothing cached yet
    flow = harness.flow
    flow.start()
    assert flow.step is IssueStep.LOADING
    assert flow.notice is not None
    assert flow.notice.message_ar
    assert flow.types == []
    harness.sandbox.admin.set_faults(fail_next=0)
    flow.retry_catalogue()
    assert flow.step is IssueStep.CHOOSE_TYPE
    assert flow.notice is None


def test_offline_with_a_cached_catalogue_still_offers_the_forms(harness: Harness) -> None:
    flow = harness.flow
    flow.start()  # online: the catalogue is cached
    flow.reset()
    harness.sandbox.admin.set_faults(fail_next=10)
    flow.start()
    assert flow.step is IssueStep.CHOOSE_TYPE
    assert flow.from_cache
    assert LicenceKind.PROFESSIONAL in [t.kind for t in flow.types]


def test_garbled_validation_answer_is_a_calm_notice_and_nothing_is_lost(
        harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.sandbox.admin.set_faults(malformed_next=1)
    harness.fill(PROFESSIONAL_OK)
    assert flow.step is IssueStep.FORM
    assert flow.notice is not None
    assert flow.notice.code == "MalformedResponseError"
    assert flow.answers["lease_number"] == PROFESSIONAL_OK["lease_number"]
    assert harness.outbox.entries() == []


def test_full_outbox_refuses_the_submission_and_sends_nothing(
        sandbox: SandboxProcess, api_client: MunicipalityClient, tmp_path: Path,
        printer_emulator: PrinterEmulator) -> None:
    # A real SQLITE_FULL from the outbox's own size cap (see tests/offline_queue).
    path = tmp_path / "full" / "outbox.sqlite3"
    path.parent.mkdir()
    printer = ReceiptPrinter(PrinterSettings(connection=printer_emulator.connection))
    made = Harness(sandbox, api_client, tmp_path, printer)  # its worker is never started
    made.outbox.close()
    made.outbox = Outbox.open(path, max_size_bytes=64 * 1024)
    for pad in (2000, 200, 20, 0):  # other requests filled the kiosk's storage
        with contextlib.suppress(OutboxFullError):
            for n in range(1000):
                made.outbox.enqueue("record_payment", {"n": n, "pad": "x" * pad})
    made.flow._outbox = made.outbox  # the same flow, over the full outbox
    try:
        flow = made.flow
        flow.start()
        made.identify(CLEAN)
        flow.choose_type(LicenceKind.PROFESSIONAL)
        made.fill(PROFESSIONAL_OK)
        flow.confirm_answers()
        before = len(made.transactions_of(CLEAN))
        flow.submit()
        assert flow.step is IssueStep.FEE  # still here: the beneficiary can try again
        assert flow.notice is not None
        assert flow.notice.code == "not_sent"
        assert flow.entry is None
        assert len(made.transactions_of(CLEAN)) == before
        assert printer_emulator.receipts == []
    finally:
        made.outbox.close()


def test_expired_identification_asks_again_and_keeps_the_answers(harness: Harness) -> None:
    flow = harness.flow
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.sandbox.admin.advance_clock(1)  # tokens live 15 minutes
    harness.fill(PROFESSIONAL_OK)
    assert flow.step is IssueStep.FORM
    assert flow.notice is not None
    assert flow.notice.code == "identify_again"
    assert harness.session.token is None
    harness.identify(CLEAN)
    flow.identified_again()
    assert flow.notice is None
    flow.continue_page()  # the last page's answer was kept
    assert flow.step is IssueStep.CHECK


def test_known_offline_kiosk_does_not_keep_the_beneficiary_waiting(harness: Harness) -> None:
    waited: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:  # a fake clock: counts the waiting, spends none
        waited.append(seconds)
        now[0] += seconds

    flow = harness.flow = harness.make_flow(online=lambda: False, clock=lambda: now[0],
                                            sleep=sleep)
    flow.start()
    harness.identify(CLEAN)
    flow.choose_type(LicenceKind.PROFESSIONAL)
    harness.fill(PROFESSIONAL_OK)
    flow.confirm_answers()
    harness.worker.stop()  # nothing is delivered while the kiosk is offline
    flow.submit()
    assert flow.step is IssueStep.PROVISIONAL
    assert sum(waited) <= OFFLINE_LOOK_S + POLL_S  # not the 8 s bound
