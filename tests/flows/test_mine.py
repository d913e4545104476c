"""My licences and my transactions against the real sandbox, after a real OTP round trip:
who cancelled or suspended a licence and why, the transactions list and a timeline, an
expired or missing token, the network gone, and a printed licence summary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import zxingcpp
from PIL import Image

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import Authority, LicenceStatus, VerificationKind
from kiosk.config import Language, PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import ReceiptPrinter
from kiosk.domain.dates import format_dual_date
from kiosk.domain.session import Session
from kiosk.flows.base import InlineRunner
from kiosk.flows.mine import MineFlow, MineView, licence_summary
from kiosk.flows.printing import PrintState
from kiosk.flows.track import ReceiptContext, Trouble
from sandbox.runner import SandboxProcess
from sandbox.seed import DEBTOR, OWNER, RESIDENT, DemoPerson
from tests.fixtures.sandbox import identify


def context_for(client: MunicipalityClient) -> ReceiptContext:
    return ReceiptContext("AHS-TEST-01", "مبنى الأمانة", "Main building",
                          client.verification_url,
                          clock=lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def make_flow(sandbox: SandboxProcess, client: MunicipalityClient,
              emulator: PrinterEmulator, person: DemoPerson | None) -> tuple[MineFlow, Session]:
    session = Session()
    if person is not None:
        session.token = identify(sandbox, client, person).token
    printer = ReceiptPrinter(PrinterSettings(connection=emulator.connection, timeout_s=2.0))
    return MineFlow(client, InlineRunner(), session, printer, context_for(client)), session


def test_licences_needing_attention_come_first_with_who_and_why(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, DEBTOR)
    flow.open()
    assert flow.view is MineView.LICENCES
    assert flow.licences is not None
    statuses = [lic.status for lic in flow.licences]
    assert statuses == [LicenceStatus.CANCELLED, LicenceStatus.SUSPENDED,
                        LicenceStatus.EXPIRED, LicenceStatus.ACTIVE]
    cancelled, suspended = flow.licences[0], flow.licences[1]
    assert cancelled.status_by is Authority.ZAKAT_AUTHORITY
    assert cancelled.status_reason_en == "Zakat return not filed"
    assert suspended.status_by is Authority.LABOUR_OFFICE
    assert suspended.status_reason_ar


def test_my_transactions_and_one_timeline(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, OWNER)
    flow.open(MineView.TRANSACTIONS)
    assert flow.view is MineView.TRANSACTIONS
    assert flow.transactions is not None
    numbers = {t.number for t in flow.transactions}
    assert {"1447-000101", "1447-000105"} <= numbers
    flow.open_transaction("1447-000105")
    assert flow.view is MineView.TIMELINE
    assert flow.selected is not None
    assert flow.selected.steps
    assert flow.back()
    assert flow.view is MineView.TRANSACTIONS
    assert not flow.back()
    flow.open_transaction("1447-999999")  # not in the list: nothing happens
    assert flow.view is MineView.TRANSACTIONS


def test_nothing_to_show_is_an_empty_list_not_an_error(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, RESIDENT)
    flow.open()
    assert flow.licences == []
    assert flow.trouble is None


def test_second_visit_to_a_list_does_not_ask_again(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, DEBTOR)
    flow.open()
    sandbox.admin.set_faults(fail_next=1)
    flow.open(MineView.LICENCES)
    assert flow.view is MineView.LICENCES
    assert sandbox.admin.faults().fail_next == 1  # no request was made


def test_without_a_token_nothing_is_asked(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, None)
    sandbox.admin.set_faults(fail_next=1)
    flow.open()
    assert flow.view is MineView.TROUBLE
    assert flow.trouble is Trouble.SESSION_EXPIRED
    assert sandbox.admin.faults().fail_next == 1


def test_a_refused_token_asks_to_identify_again_and_is_dropped(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, session = make_flow(sandbox, api_client, printer_emulator, None)
    session.token = "not-a-token-the-server-gave-out"
    flow.open()
    assert flow.trouble is Trouble.SESSION_EXPIRED
    assert session.token is None


def test_network_gone_then_back(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, OWNER)
    sandbox.admin.set_faults(drop_next=2)
    flow.open()
    assert flow.view is MineView.TROUBLE
    assert flow.trouble is Trouble.OFFLINE
    flow.retry()
    assert flow.view is MineView.LICENCES
    assert flow.licences


def test_garbled_answer_is_a_service_trouble(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, OWNER)
    sandbox.admin.set_faults(malformed_next=2)
    flow.open(MineView.TRANSACTIONS)
    assert flow.trouble is Trouble.SERVICE
    assert flow.transactions is None


@pytest.mark.usefixtures("qapp")  # receipts are laid out with Qt
def test_printed_licence_summary_verifies_by_qr(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, DEBTOR)
    flow.open()
    assert flow.licences is not None
    number = flow.licences[1].number
    assert flow.print_licence(number, "ar")
    assert flow.printing.state is PrintState.PRINTED
    with Image.open(printer_emulator.receipts[0]) as image:
        texts = [r.text for r in zxingcpp.read_barcodes(image)]
    assert texts == [flow.licences[1].verification_url]  # signed by the server
    assert texts[0].startswith(
        api_client.verification_url(VerificationKind.LICENCE, number) + "?s=")
    assert not flow.print_licence("L-0000-000000", "ar")


def test_licence_summary_says_who_suspended_it_and_why(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, DEBTOR)
    flow.open()
    assert flow.licences is not None
    receipt = licence_summary(flow.licences[1], "en", context_for(api_client))
    lines = dict(receipt.lines)
    assert receipt.language is Language.ENGLISH
    assert lines["Status"] == "Suspended"
    assert lines["By"] == "the Labour Office"
    assert lines["Reason"] == "Labour law violation: irregular workers"
    assert lines["Expires"] == format_dual_date(flow.licences[1].expires_on, "en")
    for personal in (DEBTOR.national_id, DEBTOR.mobile, DEBTOR.name_en):
        assert all(personal not in value for _, value in receipt.lines)


def test_reset_forgets_every_licence_and_transaction(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator) -> None:
    flow, _ = make_flow(sandbox, api_client, printer_emulator, OWNER)
    flow.open()
    flow.open(MineView.TRANSACTIONS)
    flow.reset()
    assert (flow.licences, flow.transactions, flow.selected, flow.view) == (
        None, None, None, MineView.LICENCES)


def test_nothing_personal_reaches_the_logs(
        sandbox: SandboxProcess, api_client: MunicipalityClient,
        printer_emulator: PrinterEmulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    flow, session = make_flow(sandbox, api_client, printer_emulator, DEBTOR)
    caplog.clear()  # the test's own reading of the SMS outbox is not the kiosk's logging
    flow.open()
    flow.open(MineView.TRANSACTIONS)
    sandbox.admin.set_faults(fail_next=1, fail_status=500)  # a 500 is not retried
    flow.reset()
    flow.open()  # a logged service failure
    assert flow.trouble is Trouble.SERVICE
    session.token = "refused-token-refused-token"
    flow.open()
    assert flow.trouble is Trouble.SESSION_EXPIRED
    assert any(r.name == "kiosk.flows.track" for r in caplog.records)  # it did log
    logged = "\n".join(f"{r.name}: {r.getMessage()} {r.__dict__}" for r in caplog.records)
    for personal in (DEBTOR.national_id, DEBTOR.mobile, DEBTOR.name_ar, DEBTOR.name_en,
                     "refused-token-refused-token", "مطعم بيت الأحساء"):
        assert personal not in logged
