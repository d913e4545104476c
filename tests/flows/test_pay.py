"""PayFlow against the real parts: the sandbox over HTTPS, the terminal emulator on a pty,
the printer emulator over TCP, a real outbox file and its delivery worker.

Each test pays an invoice of its own, written straight into the sandbox's database: the
sandbox is shared by the whole session (an invoice paid once stays paid), it has no admin
endpoint that creates invoices, and the amount's last two digits choose the terminal
emulator's scenario (…51 declines for insufficient funds, …98 drops the link after
approving).
"""

from __future__ import annotations

import dataclasses
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import VerificationKind
from kiosk.config import KioskIdentity, PrinterSettings, TerminalSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.printer import Receipt, ReceiptKind, ReceiptPrinter
from kiosk.devices.terminal import PaymentTerminal, PurchaseOutcome, PurchaseProgress
from kiosk.devices.terminal.model import PurchaseResult
from kiosk.domain.payment import CardScheme
from kiosk.domain.session import Session
from kiosk.flows.base import InlineRunner
from kiosk.flows.pay import (
    ALREADY_PAID,
    CANCELLED,
    NOT_FOUND,
    NOT_RECORDED,
    TERMINAL_UNAVAILABLE,
    TIMED_OUT,
    UNRESOLVED_EARLIER,
    UNRESOLVED_OURS,
    InvoiceProblem,
    PayFlow,
    PaymentNotRecordable,
    PaymentRecorder,
    PayStep,
    invoice_of,
    new_reference,
    parse_invoice_number,
)
from kiosk.flows.printing import PrintFailure, PrintState
from kiosk.offline_queue import (
    Connectivity,
    DeliveryWorker,
    EntryState,
    Outbox,
    OutboxFullError,
)
from kiosk.offline_queue.deliverer import ClientDeliverer
from sandbox.runner import SandboxProcess
from sandbox.seed import RESIDENT, DemoPerson
from tests.fixtures.runners import HeldRunner
from tests.fixtures.sandbox import identify

IDENTITY = KioskIdentity(id="AHS-TEST-01", location_ar="مختبر الأمانة",
                         location_en="Municipality lab")


def seed_invoice(sandbox: SandboxProcess, amount: int, person: DemoPerson = RESIDENT,
                 *, paid: bool = False) -> str:
    """A fresh unpaid (or paid) invoice for `person`; returns its number."""
    number = f"INV-1448-{secrets.randbelow(900_000) + 100_000:06d}"
    now = datetime.now(UTC)
    with sqlite3.connect(sandbox.data_dir / "sandbox.sqlite3", timeout=10) as conn:
        conn.execute(
            "INSERT INTO invoices (number, national_id, description_ar, description_en, "
            "amount_halalas, issued_at, due_on, status, transaction_number, licence_number, "
            "paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)",
            (number, person.national_id, "رسوم لوحة محل تجاري", "Shop signboard fee", amount,
             now.isoformat(), (date.today() + timedelta(days=20)).isoformat(),
             "paid" if paid else "unpaid", now.isoformat() if paid else None),
        )
    conn.close()
    return number


def payments_for(sandbox: SandboxProcess, invoice: str) -> list[dict[str, Any]]:
    return [p for p in sandbox.admin.records("payments") if p["invoice_number"] == invoice]


def qr_texts(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


@dataclass
class Rig:
    """Everything a PayFlow stands on, real and running."""

    flow: PayFlow
    outbox: Outbox
    worker: DeliveryWorker
    terminal: PaymentTerminal
    emulator: TerminalEmulator
    printer: PrinterEmulator
    events: list[PurchaseProgress]


def build_rig(tmp_path: Path, client: MunicipalityClient, emulator: TerminalEmulator,
              printer: PrinterEmulator, *, runner: Any = None,
              on_progress: Callable[[PayFlow, PurchaseProgress], None] | None = None,
              session: Session | None = None, response_timeout_s: float = 5.0,
              renderer: Callable[[Receipt, int], bytes] | None = None) -> Rig:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    recorder = PaymentRecorder(outbox)
    connectivity = Connectivity()
    worker = DeliveryWorker(outbox, ClientDeliverer(client), connectivity)
    terminal = PaymentTerminal(
        TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                         response_timeout_s=response_timeout_s),
        tmp_path / "terminal", on_recovered=recorder.recovered)
    events: list[PurchaseProgress] = []
    holder: list[PayFlow] = []

    def post(action: Callable[[], None]) -> None:
        action()

    flow = PayFlow(
        api=client, terminal=terminal, recorder=recorder, outbox=outbox,
        printer=ReceiptPrinter(PrinterSettings(connection=printer.connection, timeout_s=1.0),
                               renderer=renderer),
        online=lambda: connectivity.online, identity=IDENTITY,
        runner=runner or InlineRunner(),
        session=session or Session(), post=post, delivery_wait_s=3.0,
    )
    holder.append(flow)

    def listen() -> None:
        if flow.step is PayStep.PAYING and flow.progress and (
                not events or events[-1] is not flow.progress):
            events.append(flow.progress)
            if on_progress is not None:
                on_progress(flow, flow.progress)

    flow.subscribe(listen)
    worker.subscribe_delivered(lambda entry, answer: flow.delivered(entry, dict(answer)))
    worker.start()
    return Rig(flow, outbox, worker, terminal, emulator, printer, events)


@pytest.fixture
def rig_parts(tmp_path: Path, api_client: MunicipalityClient, qapp: Any) -> Iterator[
        tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator]]:
    with TerminalEmulator(step_delay_s=0.01, slow_card_delay_s=0.6, link_down_s=0.3) as emu, \
            PrinterEmulator(tmp_path / "receipts") as printer:
        yield tmp_path, api_client, emu, printer


@pytest.fixture
def rig(rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator]
        ) -> Iterator[Rig]:
    built = build_rig(*rig_parts)
    yield built
    close_rig(built)


def flow_over(rig: Rig, client: MunicipalityClient, session: Session | None = None) -> PayFlow:
    """Another flow over the same kiosk parts (the next beneficiary's screen)."""
    return PayFlow(api=client, terminal=rig.terminal, recorder=PaymentRecorder(rig.outbox),
                   outbox=rig.outbox,
                   printer=ReceiptPrinter(PrinterSettings(connection=rig.printer.connection,
                                                          timeout_s=1.0)),
                   identity=IDENTITY, runner=InlineRunner(),
                   session=session or Session(), delivery_wait_s=1.0)


def close_rig(rig: Rig) -> None:
    rig.worker.stop()
    rig.terminal.close()
    rig.outbox.close()


def delivered(rig: Rig) -> list[Any]:
    return rig.outbox.entries([EntryState.DELIVERED])


# --- pure parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "parsed"), [
    ("1447000202", "INV-1447-000202"),
    ("INV-1447-000202", "INV-1447-000202"),
    ("inv 1447 000202", "INV-1447-000202"),
    ("١٤٤٧٠٠٠٢٠٢", "INV-1447-000202"),
    ("", InvoiceProblem.EMPTY),
    ("   ", InvoiceProblem.EMPTY),
    ("144700020", InvoiceProblem.FORMAT),
    ("14470002021", InvoiceProblem.FORMAT),
    ("INV-ABCD-000202", InvoiceProblem.FORMAT),
    ("'; DROP TABLE invoices", InvoiceProblem.FORMAT),
])
def test_invoice_numbers_typed_on_the_numeric_keyboard(typed: str,
                                                       parsed: str | InvoiceProblem) -> None:
    assert parse_invoice_number(typed) == parsed


def test_purchase_references_tie_to_the_invoice_and_differ_per_attempt() -> None:
    first, second = new_reference("INV-1447-000202"), new_reference("INV-1447-000202")
    assert first != second
    assert len(first) <= 32
    assert invoice_of(first) == invoice_of(second) == "INV-1447-000202"
    assert invoice_of("KIOSK-TEST-1") is None


def approved(reference: str, amount: int = 12_300, scheme: CardScheme = CardScheme.MADA,
             ) -> PurchaseOutcome:
    return PurchaseOutcome(PurchaseResult.APPROVED, reference, amount, approval_code="123456",
                           masked_pan="************1234", scheme=scheme,
                           terminal_reference="000012345678")


def test_recorder_stores_one_approval_once_whichever_path_finds_it(tmp_path: Path) -> None:
    with Outbox.open(tmp_path / "outbox.sqlite3") as outbox:
        recorder = PaymentRecorder(outbox)
        outcome = approved(new_reference("INV-1447-000202"))
        first = recorder.record("INV-1447-000202", outcome)
        recorder.recovered(outcome)  # the same approval, found through last transaction
        assert recorder.record("INV-1447-000202", outcome).id == first.id
        assert [e.id for e in outbox.entries()] == [first.id]
        assert first.payload is not None
        assert first.payload["invoice_number"] == "INV-1447-000202"
        assert first.payload["payment"]["masked_pan"] == "************1234"
        recorder.recovered(approved("SOMEONE-ELSES-REF"))  # names no invoice: not ours
        recorder.recovered(PurchaseOutcome(PurchaseResult.DECLINED,
                                           new_reference("INV-1447-000202"), 12_300))
        assert len(outbox.entries()) == 1


def test_an_approval_the_contract_cannot_carry_is_a_typed_error_not_a_silent_loss(
        tmp_path: Path) -> None:
    with Outbox.open(tmp_path / "outbox.sqlite3") as outbox:
        recorder = PaymentRecorder(outbox)
        good = approved(new_reference("INV-1447-000202"))
        # A terminal answering with an approval code the contract cannot carry.
        odd = dataclasses.replace(good, approval_code="12-34")
        with pytest.raises(PaymentNotRecordable) as raised:
            recorder.record("INV-1447-000202", odd)
        assert raised.value.outcome.approval_code == "12-34"
        assert outbox.entries() == []


def test_every_card_scheme_a_terminal_reports_is_recorded(tmp_path: Path) -> None:
    with Outbox.open(tmp_path / "outbox.sqlite3") as outbox:
        recorder = PaymentRecorder(outbox)
        for scheme in (CardScheme.AMEX, CardScheme.UNIONPAY, CardScheme.GCCNET,
                       CardScheme.OTHER):
            entry = recorder.record("INV-1447-000202",
                                    approved(new_reference("INV-1447-000202"), scheme=scheme))
            assert entry.payload is not None
            assert entry.payload["payment"]["scheme"] == scheme.value


# --- the journey ----------------------------------------------------------------------------


def test_identified_beneficiary_sees_unpaid_invoices_only(
        rig: Rig, sandbox: SandboxProcess, api_client: MunicipalityClient) -> None:
    unpaid = seed_invoice(sandbox, 4_500)
    paid = seed_invoice(sandbox, 4_600, paid=True)
    session = Session(token=identify(sandbox, api_client, RESIDENT).token)
    flow = flow_over(rig, api_client, session)
    flow.start()
    numbers = [i.number for i in flow.invoices]
    assert unpaid in numbers
    assert paid not in numbers
    flow.choose(unpaid)
    assert flow.step is PayStep.CONFIRM
    assert flow.invoice is not None
    assert flow.invoice.amount_halalas == 4_500


def test_typed_numbers_unknown_paid_and_garbled_answers_are_explained(
        rig: Rig, sandbox: SandboxProcess) -> None:
    flow = rig.flow
    flow.lookup("12")
    assert flow.invoice_problem is InvoiceProblem.FORMAT
    assert flow.step is PayStep.INVOICES
    flow.lookup("1448999999")
    assert flow.notice == NOT_FOUND
    assert flow.step is PayStep.INVOICES
    flow.lookup(seed_invoice(sandbox, 4_700, paid=True))
    assert flow.notice == ALREADY_PAID
    assert flow.step is PayStep.INVOICES
    sandbox.admin.set_faults(malformed_next=2)
    flow.lookup(seed_invoice(sandbox, 4_800))
    assert flow.notice is not None
    assert flow.notice.code == "MalformedResponseError"
    assert "لا يمكن قراءته" in flow.notice.text("ar")
    assert flow.step is PayStep.INVOICES
    assert not flow.busy


def test_approved_payment_is_recorded_once_printed_and_verifiable(
        rig: Rig, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 12_300)
    flow = rig.flow
    flow.lookup(number[4:].replace("-", ""))  # as typed on the numeric pad
    assert flow.step is PayStep.CONFIRM
    flow.pay()
    assert flow.step is PayStep.DONE, flow.notice
    assert rig.events == [PurchaseProgress.WAITING_FOR_CARD, PurchaseProgress.CARD_READ,
                          PurchaseProgress.PIN_ENTRY, PurchaseProgress.AUTHORISING]
    paid = flow.paid
    assert paid is not None
    assert flow.printing.state is PrintState.PRINTED
    assert not paid.provisional
    assert flow.printing.receipt is not None
    assert flow.printing.receipt.kind is ReceiptKind.PAYMENT
    assert paid.outcome.reference.startswith(number + "-")
    [charge] = rig.emulator.purchases
    assert charge.amount_halalas == 12_300
    assert charge.reference == paid.outcome.reference
    [row] = payments_for(sandbox, number)
    assert row["approval_code"] == charge.approval_code
    assert row["receipt_number"] == paid.receipt_number
    [png] = rig.printer.receipts
    [url] = qr_texts(png)
    assert url.startswith(f"{sandbox.origin}/verify/payment/{paid.receipt_number}?s=")
    sms = [m for m in sandbox.admin.sms(mobile=RESIDENT.mobile, kind="payment")
           if number in m.text_ar]
    assert len(sms) == 1


def test_declined_card_says_why_and_a_retry_can_succeed(
        rig: Rig, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 12_351)  # …51: insufficient funds
    flow = rig.flow
    flow.lookup(number)
    flow.pay()
    assert flow.step is PayStep.DECLINED
    assert flow.notice is not None
    assert flow.notice.text("ar") == "الرصيد غير كافٍ"
    assert flow.notice.text("en") == "Insufficient funds"
    assert rig.emulator.purchases == []
    assert rig.outbox.entries() == []
    first = flow.reference
    rig.emulator.set_scenario("approve")
    flow.pay()
    assert flow.step is PayStep.DONE
    assert flow.reference != first
    assert len(rig.emulator.purchases) == 1
    assert len(payments_for(sandbox, number)) == 1


def test_cancel_really_aborts_on_the_terminal_and_records_nothing(
        rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator],
        sandbox: SandboxProcess) -> None:
    def cancel_when_waiting(flow: PayFlow, step: PurchaseProgress) -> None:
        if step is PurchaseProgress.WAITING_FOR_CARD:
            flow.cancel()  # the beneficiary taps Cancel while the terminal waits for a card

    rig = build_rig(*rig_parts, on_progress=cancel_when_waiting)
    try:
        rig.emulator.set_scenario("slow_card")
        number = seed_invoice(sandbox, 12_400)
        rig.flow.lookup(number)
        rig.flow.pay()
        assert rig.flow.step is PayStep.NOT_CHARGED
        assert rig.flow.notice == CANCELLED
        assert any(type(r).__name__ == "AbortRequest" for r in rig.emulator.requests)
        assert rig.emulator.purchases == []
        assert rig.outbox.entries() == []
        assert payments_for(sandbox, number) == []
    finally:
        close_rig(rig)


def test_lost_answer_after_approval_is_found_and_recorded_exactly_once(
        rig: Rig, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 12_398)  # …98: approve, then the cable drops
    rig.flow.lookup(number)
    rig.flow.pay()
    assert rig.flow.step is PayStep.DONE, rig.flow.notice
    assert rig.flow.paid is not None
    assert rig.flow.paid.outcome.recovered
    assert len(rig.emulator.purchases) == 1
    assert len(rig.outbox.entries()) == 1
    assert len(payments_for(sandbox, number)) == 1


def test_unresolved_purchase_blocks_new_ones_until_the_terminal_answers(
        tmp_path: Path, api_client: MunicipalityClient, sandbox: SandboxProcess,
        qapp: Any) -> None:
    with TerminalEmulator(step_delay_s=0.01, link_down_s=None) as emu, \
            PrinterEmulator(tmp_path / "receipts") as printer:
        rig = build_rig(tmp_path, api_client, emu, printer)
        try:
            first = seed_invoice(sandbox, 12_398)  # approves, then the line stays dead
            rig.flow.lookup(first)
            rig.flow.pay()
            assert rig.flow.step is PayStep.UNRESOLVED
            assert rig.flow.notice == UNRESOLVED_OURS
            assert rig.outbox.entries() == []

            second = seed_invoice(sandbox, 5_000)
            rig.flow.back()  # Back is refused: the card's outcome is unknown
            assert rig.flow.step is PayStep.UNRESOLVED
            # The next beneficiary, on the same kiosk and terminal, is stopped before paying.
            nxt = flow_over(rig, api_client)
            nxt.lookup(second)
            nxt.pay()
            assert nxt.step is PayStep.NOT_CHARGED
            assert nxt.notice == UNRESOLVED_EARLIER
            assert len(emu.purchases) == 1  # nothing new reached the terminal

            emu.plug_in()
            rig.flow.check_again()
            assert rig.flow.step is PayStep.DONE, rig.flow.notice
            assert len(rig.outbox.entries()) == 1
            rig.worker.drain(10)
            assert len(payments_for(sandbox, first)) == 1
            assert payments_for(sandbox, second) == []
        finally:
            close_rig(rig)


def test_network_down_at_approval_gives_a_provisional_receipt_delivered_later_once(
        rig: Rig, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 12_500)
    rig.flow.lookup(number)
    sandbox.admin.set_faults(drop_next=1000)
    rig.flow.pay()
    paid = rig.flow.paid
    assert rig.flow.step is PayStep.DONE
    assert paid is not None
    assert paid.provisional
    receipt = rig.flow.printing.receipt
    assert rig.flow.printing.state is PrintState.PRINTED
    assert receipt is not None
    assert receipt.kind is ReceiptKind.PROVISIONAL
    assert receipt.references.queue_reference == paid.entry.local_reference
    # The fault drops each answer after the server committed: the kiosk cannot know, so
    # its receipt is provisional, and the replay below must not record a second payment.

    sandbox.admin.set_faults()  # the link is back (a data reset would wipe the invoice)
    rig.worker.retry_now()
    assert rig.worker.drain(15)
    assert len(payments_for(sandbox, number)) == 1
    assert rig.flow.paid is not None
    assert rig.flow.paid.receipt_number is not None
    rig.worker.retry_now()
    assert rig.worker.drain(5)
    assert len(payments_for(sandbox, number)) == 1


def test_printer_out_of_paper_still_completes_with_the_receipt_for_the_screen(
        rig: Rig, sandbox: SandboxProcess) -> None:
    rig.printer.set_state(paper_out=True)
    number = seed_invoice(sandbox, 12_600)
    rig.flow.lookup(number)
    rig.flow.pay()
    paid = rig.flow.paid
    assert rig.flow.step is PayStep.DONE
    assert paid is not None
    assert rig.flow.printing.state is PrintState.FAILED
    assert rig.flow.printing.failure is PrintFailure.PAPER_OUT
    assert rig.flow.printing.fallback_url is not None
    assert f"/verify/payment/{paid.receipt_number}?s=" in rig.flow.printing.fallback_url
    assert rig.printer.receipts == []
    assert len(payments_for(sandbox, number)) == 1


def test_a_receipt_that_did_not_print_prints_again_once_the_paper_is_in(
        rig: Rig, sandbox: SandboxProcess) -> None:
    # The same second try as an application receipt's (pay had none before).
    rig.printer.set_state(paper_out=True)
    rig.flow.lookup(seed_invoice(sandbox, 12_650))
    rig.flow.pay()
    assert rig.flow.step is PayStep.DONE
    shown = rig.flow.printing.fallback_url
    assert shown is not None
    rig.printer.set_state(paper_out=False)
    assert rig.flow.printing.again()
    assert rig.flow.printing.state is PrintState.PRINTED
    assert rig.flow.printing.fallback_url is None
    [png] = rig.printer.receipts
    assert qr_texts(png) == [shown]


def test_a_provisional_receipt_the_kiosk_cannot_lay_out_is_still_offered_as_a_qr_code(
        rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator],
        sandbox: SandboxProcess) -> None:
    # Before, a failure other than the printer's lost the receipt: a provisional payment
    # (no signed URL yet) then had no QR code on screen at all.
    def broken_layout(_receipt: Receipt, _dot_width: int) -> bytes:
        raise RuntimeError("layout bug")

    rig = build_rig(*rig_parts, renderer=broken_layout)
    try:
        rig.flow.lookup(seed_invoice(sandbox, 12_660))
        sandbox.admin.set_faults(drop_next=1000)
        rig.flow.pay()
        paid = rig.flow.paid
        assert rig.flow.step is PayStep.DONE
        assert paid is not None
        assert paid.provisional
        assert rig.flow.printing.failure is PrintFailure.UNAVAILABLE
        assert rig.flow.printing.fallback_url == rig_parts[1].verification_url(
            VerificationKind.PAYMENT, paid.entry.local_reference)
    finally:
        sandbox.admin.set_faults()
        close_rig(rig)


def test_a_double_tap_on_pay_starts_one_purchase(
        rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator],
        sandbox: SandboxProcess) -> None:
    runner = HeldRunner()
    rig = build_rig(*rig_parts, runner=runner)
    try:
        number = seed_invoice(sandbox, 12_700)
        rig.flow.lookup(number)
        runner.release()
        rig.flow.pay()
        rig.flow.pay()
        assert len(runner.held) == 1
        assert rig.flow.busy
        runner.release()
        assert rig.flow.step is PayStep.DONE
        assert len(rig.emulator.purchases) == 1
        assert len(rig.outbox.entries()) == 1
    finally:
        close_rig(rig)


def test_reset_mid_payment_aborts_the_purchase_and_wipes_the_flow(
        rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator],
        sandbox: SandboxProcess) -> None:
    runner = HeldRunner()
    rig = build_rig(*rig_parts, runner=runner)
    try:
        rig.flow.lookup(seed_invoice(sandbox, 12_800))
        runner.release()
        rig.flow.pay()
        rig.flow.reset()  # the session timed out before the job ran
        assert rig.flow.step is PayStep.INVOICES
        assert rig.flow.invoice is None
        runner.release()
        assert rig.emulator.purchases == []
        assert rig.outbox.entries() == []
    finally:
        close_rig(rig)


def test_terminal_unplugged_before_paying_charges_nothing_and_says_so(
        rig: Rig, sandbox: SandboxProcess) -> None:
    number = seed_invoice(sandbox, 13_000)
    rig.flow.lookup(number)
    rig.emulator.unplug()
    rig.flow.pay()
    assert rig.flow.step is PayStep.NOT_CHARGED
    assert rig.flow.notice == TERMINAL_UNAVAILABLE
    assert rig.outbox.entries() == []
    rig.emulator.plug_in()
    rig.flow.pay()  # Try again, with the cable back
    assert rig.flow.step is PayStep.DONE
    assert len(payments_for(sandbox, number)) == 1


def test_a_full_disk_at_approval_shows_the_charge_for_the_staff_and_logs_it(
        rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator],
        sandbox: SandboxProcess, caplog: pytest.LogCaptureFixture) -> None:
    tmp_path, client, emu, _printer = rig_parts
    # A real SQLITE_FULL: SQLite's own page cap (as on a full disk), filled to the brim.
    full = Outbox.open(tmp_path / "full.sqlite3", max_size_bytes=64 * 1024)
    for pad in (2000, 400, 50, 0):  # big rows first, then smaller ones into the gaps
        with pytest.raises(OutboxFullError):  # noqa: PT012 (fill until it refuses)
            for n in range(1000):
                full.enqueue("submit_application", {"n": n, "pad": "x" * pad})
    terminal = PaymentTerminal(
        TerminalSettings(port=emu.device_path, ack_timeout_s=0.2, response_timeout_s=5.0),
        tmp_path / "terminal")
    flow = PayFlow(api=client, terminal=terminal, recorder=PaymentRecorder(full),
                   outbox=full, printer=ReceiptPrinter(PrinterSettings(connection="none")),
                   identity=IDENTITY, runner=InlineRunner(),
                   session=Session())
    number = seed_invoice(sandbox, 13_100)
    try:
        flow.lookup(number)
        flow.pay()
        assert flow.step is PayStep.DONE
        assert flow.notice == NOT_RECORDED
        assert flow.paid is None
        assert flow.outcome is not None
        assert flow.outcome.approved
        assert len(emu.purchases) == 1
        assert "APPROVED CHARGE NOT STORED" in caplog.text
    finally:
        terminal.close()
        full.close()


def test_delivery_news_for_other_entries_or_garbled_answers_changes_nothing(
        rig: Rig, sandbox: SandboxProcess) -> None:
    rig.flow.lookup(seed_invoice(sandbox, 13_200))
    sandbox.admin.set_faults(drop_next=1000)
    rig.flow.pay()
    paid = rig.flow.paid
    assert paid is not None
    assert paid.provisional
    rig.flow.delivered(paid.entry, {"receipt_number": 42})
    rig.flow.delivered(paid.entry, ["not", "a", "dict"])
    other = rig.outbox.enqueue("record_payment", {"invoice_number": "INV-1447-000202"})
    rig.flow.delivered(other, {"receipt_number": "RC-1448-009999",
                               "verification_url": "https://x/verify/payment/RC-1448-009999"})
    assert rig.flow.paid == paid
    sandbox.admin.set_faults()


def test_the_terminals_own_time_limit_ends_the_payment_uncharged(
        rig_parts: tuple[Path, MunicipalityClient, TerminalEmulator, PrinterEmulator],
        sandbox: SandboxProcess) -> None:
    rig = build_rig(*rig_parts, response_timeout_s=1.0)
    try:
        rig.emulator.set_scenario("no_answer")  # no card is ever presented
        number = seed_invoice(sandbox, 13_300)
        rig.flow.lookup(number)
        rig.flow.pay()
        assert rig.flow.step is PayStep.NOT_CHARGED
        assert rig.flow.notice == TIMED_OUT
        assert rig.events == [PurchaseProgress.WAITING_FOR_CARD]
        assert rig.emulator.purchases == []
        assert rig.outbox.entries() == []
    finally:
        close_rig(rig)
