"""ReceiptPrint, the one way issue, track, "my licences" and pay print, against the real
driver and the printer emulator over TCP: a receipt that does not come out is offered as
its QR code, whatever the journey and whatever the failure, and prints again once the
printer is back."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.config import PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import Receipt, ReceiptPrinter
from kiosk.devices.printer.samples import sample_receipts
from kiosk.flows.base import InlineRunner
from kiosk.flows.printing import PrintFailure, PrintState, ReceiptPrint
from tests.fixtures.runners import HeldRunner

# Receipts are laid out with Qt (QImage), which needs a QGuiApplication: pytest-qt's qapp.
pytestmark = [pytest.mark.usefixtures("qapp"), pytest.mark.timeout(60)]

SAMPLES = sample_receipts()


def decode_qr(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.fixture
def printer(printer_emulator: PrinterEmulator) -> ReceiptPrinter:
    return ReceiptPrinter(PrinterSettings(connection=printer_emulator.connection,
                                         timeout_s=1.0))


# One receipt of each journey: an application (issue), a provisional one (issue or pay
# while offline), an inquiry summary (track, my licences) and a payment (pay).
@pytest.mark.parametrize("name", ["application-ar", "provisional-en", "inquiry-ar",
                                  "payment-en"])
def test_each_journeys_receipt_falls_back_to_its_qr_code_then_prints_again(
        name: str, printer: ReceiptPrinter, printer_emulator: PrinterEmulator) -> None:
    receipt = SAMPLES[name]
    printing = ReceiptPrint(printer, InlineRunner())
    printer_emulator.set_state(paper_out=True)
    assert printing.start(receipt)
    assert printing.state is PrintState.FAILED
    assert printing.failure is PrintFailure.PAPER_OUT
    assert printing.fallback_url == receipt.verification_url
    assert printer_emulator.receipts == []

    printer_emulator.set_state(paper_out=False)  # a technician loads paper
    assert printing.again()
    assert printing.state is PrintState.PRINTED
    assert printing.fallback_url is None  # the QR code leaves the screen
    [png] = printer_emulator.receipts
    assert decode_qr(png) == [receipt.verification_url]  # the same receipt, the same code


@pytest.mark.parametrize(("switch", "failure"), [
    ("paper_out", PrintFailure.PAPER_OUT),
    ("cover_open", PrintFailure.COVER_OPEN),
    ("fault", PrintFailure.UNAVAILABLE),
])
def test_the_screen_learns_why_the_printer_failed(
        switch: str, failure: PrintFailure, printer: ReceiptPrinter,
        printer_emulator: PrinterEmulator) -> None:
    printer_emulator.set_state(**{switch: True})
    printing = ReceiptPrint(printer, InlineRunner())
    printing.start(SAMPLES["payment-ar"])
    assert printing.failure is failure
    assert printing.fallback_url == SAMPLES["payment-ar"].verification_url


def test_no_printer_at_all_still_gives_the_qr_code() -> None:
    printing = ReceiptPrint(ReceiptPrinter(PrinterSettings(connection="none")),
                            InlineRunner())
    printing.start(SAMPLES["inquiry-en"])
    assert printing.failure is PrintFailure.UNAVAILABLE
    assert printing.fallback_url == SAMPLES["inquiry-en"].verification_url


def test_a_kiosk_bug_while_printing_is_logged_for_engineers_and_still_gives_the_qr_code(
        printer_emulator: PrinterEmulator, caplog: pytest.LogCaptureFixture) -> None:
    def broken_layout(_receipt: Receipt, _dot_width: int) -> bytes:
        raise RuntimeError("layout bug")

    printer = ReceiptPrinter(PrinterSettings(connection=printer_emulator.connection,
                                             timeout_s=1.0), renderer=broken_layout)
    printing = ReceiptPrint(printer, InlineRunner())
    with caplog.at_level(logging.ERROR, logger="kiosk.flows.printing"):
        printing.start(SAMPLES["provisional-ar"])
    assert printing.state is PrintState.FAILED
    assert printing.failure is PrintFailure.UNAVAILABLE
    assert printing.fallback_url == SAMPLES["provisional-ar"].verification_url
    [record] = [r for r in caplog.records if r.name == "kiosk.flows.printing"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None  # the traceback, for whoever fixes it


def test_a_second_tap_while_printing_prints_once(
        printer: ReceiptPrinter, printer_emulator: PrinterEmulator) -> None:
    runner = HeldRunner()
    printing = ReceiptPrint(printer, runner)
    assert printing.start(SAMPLES["payment-ar"])
    assert not printing.start(SAMPLES["payment-ar"])
    assert printing.state is PrintState.PRINTING
    runner.release()
    assert printing.state is PrintState.PRINTED
    assert len(printer_emulator.receipts) == 1


def test_a_failure_reported_after_the_beneficiary_left_shows_nothing(
        printer: ReceiptPrinter, printer_emulator: PrinterEmulator) -> None:
    printer_emulator.set_state(paper_out=True)
    runner = HeldRunner()
    printing = ReceiptPrint(printer, runner)
    printing.start(SAMPLES["payment-en"])
    printing.reset()  # the session ended while the printer was being asked
    runner.release()
    assert printing.state is PrintState.IDLE
    assert printing.fallback_url is None  # no QR code of someone else's receipt
    assert printing.receipt is None
    assert not printing.again()
