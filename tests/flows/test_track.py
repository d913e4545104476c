"""Track a transaction by number against the real sandbox: typos caught at the kiosk with
no request, unknown numbers explained with the typed value kept, every network or server
failure a calm trouble step, and a printed summary whose QR code opens the licence's
verification page (real printer emulator over TCP)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import AuthError, NotFoundError, OfflineError, ServerError
from kiosk.api.schema import StepState, TransactionStatus, VerificationKind
from kiosk.config import PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import ReceiptPrinter
from kiosk.domain.dates import format_dual_date
from kiosk.flows.base import InlineRunner
from kiosk.flows.printing import PrintFailure, PrintState
from kiosk.flows.track import (
    NumberProblem,
    ReceiptContext,
    TrackFlow,
    TrackStep,
    Trouble,
    canonical_transaction_number,
    check_transaction_number,
    transaction_summary,
    trouble_for,
)
from sandbox.runner import SandboxProcess
from sandbox.seed import PEOPLE
from tests.fixtures.runners import HeldRunner
from tests.fixtures.sandbox import settings_for

ISSUED = "1447-000105"      # commercial licence, every department done, licence issued
REJECTED = "1447-000107"    # refused at the commercial licensing department
FRESH = "1447-000101"       # just received


def context_for(client: MunicipalityClient) -> ReceiptContext:
    return ReceiptContext("AHS-TEST-01", "مبنى الأمانة", "Main building",
                          client.verification_url,
                          clock=lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def printer(printer_emulator: PrinterEmulator) -> ReceiptPrinter:
    return ReceiptPrinter(PrinterSettings(connection=printer_emulator.connection, timeout_s=2.0))


@pytest.fixture
def flow(api_client: MunicipalityClient, printer: ReceiptPrinter) -> TrackFlow:
    return TrackFlow(api_client, InlineRunner(), printer, context_for(api_client))


def decode_qr(path: Any) -> list[str]:
    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image)]


# --- the number, at the kiosk ------------------------------------------------------------

@pytest.mark.parametrize(("typed", "problem"), [
    ("", NumberProblem.EMPTY),
    ("  -  ", NumberProblem.EMPTY),
    ("1447-00010", NumberProblem.WRONG_LENGTH),
    ("14470001011", NumberProblem.WRONG_LENGTH),
    ("1447-00010a", NumberProblem.NOT_DIGITS),
    ("L-1446-000101", NumberProblem.NOT_DIGITS),
    ("1447-000101", None),
    ("1447000101", None),
    ("١٤٤٧-٠٠٠١٠١", None),
    (" 1447 000101 ", None),
])
def test_number_is_checked_at_the_kiosk(typed: str, problem: NumberProblem | None) -> None:
    assert check_transaction_number(typed) is problem


def test_canonical_form_is_the_contracts() -> None:
    assert canonical_transaction_number("١٤٤٧٠٠٠١٠١") == "1447-000101"
    with pytest.raises(ValueError, match="wrong_length"):
        canonical_transaction_number("123")


# --- against the sandbox ------------------------------------------------------------------

def test_an_issued_transaction_shows_its_departments_and_licence(flow: TrackFlow) -> None:
    flow.submit_number("1447000105")
    assert flow.step is TrackStep.RESULT
    tx = flow.transaction
    assert tx is not None
    assert tx.number == ISSUED
    assert tx.status is TransactionStatus.ISSUED
    assert tx.licence_number is not None
    assert [s.department_en for s in tx.steps][:2] == [
        "Applications reception", "Commercial licensing department"]
    assert all(s.department_ar for s in tx.steps)
    assert all(s.state is StepState.DONE and s.finished_at for s in tx.steps)
    assert flow.can_print


def test_the_timeline_carries_no_personal_data(flow: TrackFlow) -> None:
    for number in (ISSUED, REJECTED, FRESH):
        flow.submit_number(number)
        assert flow.transaction is not None
        dumped = flow.transaction.model_dump_json()
        for person in PEOPLE:
            for personal in (person.national_id, person.mobile, person.name_ar,
                             person.name_en):
                assert personal not in dumped


def test_a_rejected_step_carries_the_departments_note(flow: TrackFlow) -> None:
    flow.submit_number(REJECTED)
    assert flow.transaction is not None
    rejected = [s for s in flow.transaction.steps if s.state is StepState.REJECTED]
    assert len(rejected) == 1
    assert "commercial registration" in rejected[0].note_en
    assert rejected[0].note_ar
    assert not flow.can_print  # no licence: nothing a QR code could verify


def test_unknown_number_keeps_what_was_typed(flow: TrackFlow) -> None:
    flow.submit_number("1447 999999")
    assert flow.step is TrackStep.NUMBER
    assert flow.not_found == "1447-999999"
    assert flow.typed == "1447 999999"
    assert flow.transaction is None
    flow.submit_number(FRESH)  # correcting it clears the message
    assert flow.not_found is None
    assert flow.step is TrackStep.RESULT


def test_malformed_number_sends_no_request(sandbox: SandboxProcess, flow: TrackFlow) -> None:
    # A pending fault is consumed by the next API request: if it is still there after
    # the typo, no request reached the server.
    sandbox.admin.set_faults(fail_next=1)
    flow.submit_number("1447-0001")
    assert flow.problem is NumberProblem.WRONG_LENGTH
    assert flow.step is TrackStep.NUMBER
    assert not flow.busy
    assert sandbox.admin.faults().fail_next == 1


def test_network_down_is_a_calm_offline_step_and_retry_works(
        sandbox: SandboxProcess, flow: TrackFlow) -> None:
    sandbox.admin.set_faults(drop_next=2)  # the client tries a read twice
    flow.submit_number(FRESH)
    assert flow.step is TrackStep.TROUBLE
    assert flow.trouble is Trouble.OFFLINE
    assert flow.typed == FRESH
    flow.retry()
    assert flow.step is TrackStep.RESULT
    assert flow.trouble is None


def test_unreachable_server_is_offline(sandbox: SandboxProcess, printer: ReceiptPrinter) -> None:
    with MunicipalityClient(settings_for(sandbox, base_url="https://127.0.0.1:9/v1",
                                         connect_timeout_s=1.0),
                            retry_delay_s=0.01) as client:
        flow = TrackFlow(client, InlineRunner(), printer, context_for(client))
        flow.submit_number(FRESH)
    assert flow.trouble is Trouble.OFFLINE


@pytest.mark.parametrize("faults", [{"fail_next": 2, "fail_status": 503},
                                    {"fail_next": 2, "fail_status": 500},
                                    {"malformed_next": 2}])
def test_server_failure_or_garbled_answer_is_a_service_trouble(
        sandbox: SandboxProcess, flow: TrackFlow, faults: dict[str, Any]) -> None:
    sandbox.admin.set_faults(**faults)
    flow.submit_number(ISSUED)
    assert flow.step is TrackStep.TROUBLE
    assert flow.trouble is Trouble.SERVICE
    assert flow.transaction is None


def test_back_returns_to_the_number_with_it_kept(flow: TrackFlow) -> None:
    flow.submit_number(FRESH)
    assert flow.back()
    assert flow.step is TrackStep.NUMBER
    assert flow.typed == FRESH
    assert not flow.back()


def test_reset_forgets_everything(flow: TrackFlow) -> None:
    flow.submit_number(ISSUED)
    flow.reset()
    assert (flow.step, flow.typed, flow.transaction, flow.not_found) == (
        TrackStep.NUMBER, "", None, None)


def test_double_tap_sends_one_request(api_client: MunicipalityClient,
                                      printer: ReceiptPrinter) -> None:
    runner = HeldRunner()
    flow = TrackFlow(api_client, runner, printer, context_for(api_client))
    flow.submit_number(FRESH)
    flow.submit_number(FRESH)
    assert len(runner.held) == 1
    assert flow.busy
    runner.release()
    assert flow.step is TrackStep.RESULT
    assert not flow.busy


def test_trouble_classification() -> None:
    assert trouble_for(OfflineError()) is Trouble.OFFLINE
    assert trouble_for(NotFoundError()) is Trouble.NOT_FOUND
    assert trouble_for(AuthError(code="token_expired", status=401)) is Trouble.SESSION_EXPIRED
    # The kiosk's own key refused is for the operators, not the beneficiary's session.
    assert trouble_for(AuthError(code="kiosk_key_invalid", status=401)) is Trouble.SERVICE
    assert trouble_for(ServerError(status=503)) is Trouble.SERVICE
    assert trouble_for(KeyError("bug")) is Trouble.SERVICE


# --- printing ---------------------------------------------------------------------------

# Receipts are laid out with Qt (QImage), which needs a QGuiApplication: pytest-qt's qapp.
@pytest.mark.usefixtures("qapp")
def test_summary_prints_with_a_qr_to_the_licence_verification(
        flow: TrackFlow, printer_emulator: PrinterEmulator,
        api_client: MunicipalityClient) -> None:
    flow.submit_number(ISSUED)
    assert flow.transaction is not None
    assert flow.transaction.licence_number
    assert flow.print_summary("ar")
    assert flow.printing.state is PrintState.PRINTED
    assert len(printer_emulator.receipts) == 1
    # The signed URL the server gave (the unsigned one would show the status only).
    expected = flow.transaction.licence_verification_url
    assert expected is not None
    assert expected.startswith(api_client.verification_url(
        VerificationKind.LICENCE, flow.transaction.licence_number) + "?s=")
    assert decode_qr(printer_emulator.receipts[0]) == [expected]


@pytest.mark.usefixtures("qapp")
def test_paper_out_keeps_the_url_for_the_screen(
        flow: TrackFlow, printer_emulator: PrinterEmulator,
        api_client: MunicipalityClient) -> None:
    printer_emulator.set_state(paper_out=True)
    flow.submit_number(ISSUED)
    assert flow.transaction is not None
    flow.print_summary("en")
    assert flow.printing.state is PrintState.FAILED
    assert flow.printing.failure is PrintFailure.PAPER_OUT
    assert flow.printing.fallback_url == flow.transaction.licence_verification_url
    assert str(flow.printing.fallback_url).startswith(api_client.verification_url(
        VerificationKind.LICENCE, str(flow.transaction.licence_number)) + "?s=")
    assert printer_emulator.receipts == []


def test_summary_lines_name_each_department_with_dual_dates(
        flow: TrackFlow, api_client: MunicipalityClient) -> None:
    flow.submit_number(ISSUED)
    assert flow.transaction is not None
    receipt = transaction_summary(flow.transaction, "ar", context_for(api_client))
    labels = [name for name, _ in receipt.lines]
    at = labels.index("مركز استقبال الطلبات")
    assert receipt.lines[at][1] == "مكتملة"
    assert receipt.lines[at + 1][0] == "انتهت"
    finished = next(step.finished_at for step in flow.transaction.steps
                    if step.department_ar == "مركز استقبال الطلبات")
    assert finished is not None
    assert receipt.lines[at + 1][1] == format_dual_date(finished, "ar")  # the one long form
    flow.submit_number(FRESH)
    assert flow.transaction is not None
    with pytest.raises(ValueError, match="licence"):
        transaction_summary(flow.transaction, "ar", context_for(api_client))
