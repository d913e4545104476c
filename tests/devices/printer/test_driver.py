"""The real driver against the emulator over real TCP: prints, status, and every fault
ending in its typed error within a bounded time (pytest-timeout bounds each test)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.config import Language, PrinterSettings
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.printer import (
    CoverOpen,
    PaperOut,
    PrinterConfigError,
    PrinterFault,
    PrinterState,
    PrinterUnreachable,
    Receipt,
    ReceiptKind,
    ReceiptPrinter,
    ReceiptReferences,
    probe_printer,
)
from kiosk.health.model import Status
from tests.devices.printer.conftest import Behaviour, RawServer, settings_for

pytestmark = [pytest.mark.usefixtures("qapp"), pytest.mark.timeout(20)]

URL = "https://127.0.0.1:8443/v1/verify/TX-1448-000042"
StartServer = Callable[[Behaviour], RawServer]


def payment(language: Language = Language.ARABIC) -> Receipt:
    return Receipt(
        kind=ReceiptKind.PAYMENT, language=language, title="سداد رسوم رخصة مهنية",
        issued_at=datetime(2026, 11, 23, 9, 15, tzinfo=UTC), kiosk_id="AHS-TEST-01",
        location_ar="مبنى الأمانة", location_en="Main building", verification_url=URL,
        lines=(("النشاط", "بقالة"),), amount_halalas=15000,
        references=ReceiptReferences(transaction_number="TX-1448-000042"))


def decode_qr(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image)]


def test_receipt_printed_over_tcp_reads_back_with_its_qr(
        printer: ReceiptPrinter, emulator: PrinterEmulator) -> None:
    after = printer.print_receipt(payment())

    assert after.state is PrinterState.READY
    assert len(emulator.receipts) == 1
    with Image.open(emulator.receipts[0]) as image:
        assert image.width == 576
        assert image.mode == "1"
    assert decode_qr(emulator.receipts[0]) == [URL]
    assert emulator.stats.unknown_commands == emulator.stats.malformed_commands == 0
    assert printer.health().status is Status.OK


def test_58mm_printer_gets_a_384_dot_receipt(tmp_path: Path) -> None:
    with PrinterEmulator(tmp_path, dot_width=384) as emu:
        printer = ReceiptPrinter(settings_for(emu.connection, dot_width=384, profile="default"))
        printer.print_receipt(payment(Language.ENGLISH))
        with Image.open(emu.receipts[0]) as image:
            assert image.width == 384
        assert decode_qr(emu.receipts[0]) == [URL]


def test_two_receipts_in_a_row_are_two_images(printer: ReceiptPrinter,
                                              emulator: PrinterEmulator) -> None:
    printer.print_receipt(payment())
    printer.print_receipt(payment(Language.ENGLISH))
    assert [p.name for p in emulator.receipts] == ["receipt-0001.png", "receipt-0002.png"]


def test_a_second_run_on_the_same_folder_never_overwrites_a_receipt(tmp_path: Path) -> None:
    folder = tmp_path / "receipts"
    with PrinterEmulator(folder) as first:
        ReceiptPrinter(settings_for(first.connection)).print_receipt(payment())
    [kept] = first.receipts
    before = kept.read_bytes()
    with PrinterEmulator(folder) as second:
        ReceiptPrinter(settings_for(second.connection)).print_receipt(
            payment(Language.ENGLISH))
    assert [p.name for p in second.receipts] == ["receipt-0002.png"]
    assert kept.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["receipt-0001.png", "receipt-0002.png"]


def test_status_of_a_ready_printer(printer: ReceiptPrinter) -> None:
    status = printer.status()
    assert status.state is PrinterState.READY
    assert status.describe() == "printer is ready"


def test_paper_near_end_still_prints_and_warns(printer: ReceiptPrinter,
                                               emulator: PrinterEmulator) -> None:
    emulator.set_state(near_end=True)
    after = printer.print_receipt(payment())
    assert after.state is PrinterState.PAPER_NEAR_END
    assert len(emulator.receipts) == 1
    health = printer.health()
    assert health.status is Status.WARNING
    assert "nearly finished" in health.summary


def test_near_end_is_not_a_warning_when_configured_so(emulator: PrinterEmulator) -> None:
    emulator.set_state(near_end=True)
    printer = ReceiptPrinter(settings_for(emulator.connection, near_end_is_warning=False))
    assert printer.health().status is Status.OK


def test_paper_out_fails_typed_and_prints_nothing(printer: ReceiptPrinter,
                                                  emulator: PrinterEmulator) -> None:
    emulator.set_state(paper_out=True)
    with pytest.raises(PaperOut, match="out of paper"):
        printer.print_receipt(payment())
    assert emulator.receipts == []
    assert printer.health().status is Status.ERROR
    assert printer.failed == 1


def test_cover_open_fails_typed(printer: ReceiptPrinter, emulator: PrinterEmulator) -> None:
    emulator.set_state(cover_open=True)
    with pytest.raises(CoverOpen):
        printer.print_receipt(payment())
    assert emulator.receipts == []


def test_printer_error_fails_typed(printer: ReceiptPrinter, emulator: PrinterEmulator) -> None:
    emulator.set_state(fault=True)
    with pytest.raises(PrinterFault, match="cutter error"):
        printer.print_receipt(payment())


def test_printer_recovers_when_paper_is_loaded(printer: ReceiptPrinter,
                                               emulator: PrinterEmulator) -> None:
    emulator.set_state(paper_out=True)
    with pytest.raises(PaperOut):
        printer.print_receipt(payment())
    emulator.set_state(paper_out=False)
    printer.print_receipt(payment())
    assert len(emulator.receipts) == 1


def test_nothing_listening_is_unreachable(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # the port is now free: connections are refused
    printer = ReceiptPrinter(settings_for(f"tcp://127.0.0.1:{port}"))
    with pytest.raises(PrinterUnreachable, match="cannot connect"):
        printer.print_receipt(payment())
    assert printer.status().state is PrinterState.UNREACHABLE
    assert printer.health().status is Status.ERROR


def _silent(conn: socket.socket, stop: threading.Event) -> None:
    # Accepts and swallows everything, answers nothing: a wedged printer or wrong device.
    while not stop.is_set():
        try:
            if not conn.recv(4096):
                return
        except TimeoutError:
            continue


def test_a_printer_that_never_answers_is_unreachable_not_fine(
        raw_server: StartServer) -> None:
    server = raw_server(_silent)
    printer = ReceiptPrinter(settings_for(server.connection, timeout_s=0.3))
    status = printer.status()
    assert status.state is PrinterState.UNREACHABLE
    assert "no answer" in status.describe()
    with pytest.raises(PrinterUnreachable):
        printer.print_receipt(payment())


def _garbage(conn: socket.socket, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            if not conn.recv(4096):
                return
        except TimeoutError:
            continue
        conn.sendall(b"\xff")


def test_a_device_answering_nonsense_is_a_fault(raw_server: StartServer) -> None:
    printer = ReceiptPrinter(settings_for(raw_server(_garbage).connection))
    status = printer.status()
    assert status.state is PrinterState.FAULT
    assert "invalid answer 0xff to DLE EOT 1" in printer.health().summary
    with pytest.raises(PrinterFault, match="invalid answer"):
        printer.print_receipt(payment())


def test_slow_printer_within_the_timeout_prints(printer: ReceiptPrinter,
                                                emulator: PrinterEmulator) -> None:
    emulator.set_state(slow_s=0.05)
    printer.print_receipt(payment())
    assert len(emulator.receipts) == 1


def test_printer_slower_than_the_timeout_is_unreachable(emulator: PrinterEmulator) -> None:
    emulator.set_state(slow_s=2.0)
    printer = ReceiptPrinter(settings_for(emulator.connection, timeout_s=0.3))
    with pytest.raises(PrinterUnreachable, match="no answer"):
        printer.print_receipt(payment())
    assert emulator.receipts == []


def test_link_dropped_mid_job_is_unreachable(printer: ReceiptPrinter,
                                             emulator: PrinterEmulator) -> None:
    emulator.set_state(disconnect_mid_job=True)
    with pytest.raises(PrinterUnreachable, match=r"incomplete|connection"):
        printer.print_receipt(payment())
    assert emulator.receipts == []
    assert emulator.stats.interrupted_jobs == 1


def test_no_printer_configured() -> None:
    printer = ReceiptPrinter(PrinterSettings(connection="none"))
    with pytest.raises(PrinterUnreachable, match="no printer configured"):
        printer.print_receipt(payment())
    assert printer.health().status is Status.OK


@pytest.mark.parametrize(("connection", "profile", "message"), [
    ("tcp://127.0.0.1:9100", "NO-SUCH-PRINTER", "unknown printer profile"),
    ("usb://vendor:product", "TM-T20II", "expected usb://VENDOR:PRODUCT"),
    ("tcp://:9100", "TM-T20II", "no host"),
    ("serial://relative/path", "TM-T20II", "absolute device path"),
])
def test_unusable_settings_are_a_config_error(connection: str, profile: str,
                                               message: str) -> None:
    with pytest.raises(PrinterConfigError, match=message):
        ReceiptPrinter(PrinterSettings(connection=connection, profile=profile))


def test_probe_for_doctor_reports_in_plain_words(emulator: PrinterEmulator) -> None:
    health = probe_printer(settings_for(emulator.connection))
    assert (health.status, health.summary) == (Status.OK, "printer is ready")
    emulator.set_state(cover_open=True)
    assert probe_printer(settings_for(emulator.connection)).summary == "printer cover is open"
    bad = probe_printer(PrinterSettings(connection="tcp://127.0.0.1:9", profile="nope"))
    assert bad.status is Status.ERROR
    assert "misconfigured" in bad.summary


def test_probe_warns_when_dot_width_contradicts_the_profile(emulator: PrinterEmulator) -> None:
    health = probe_printer(settings_for(emulator.connection, dot_width=512))
    assert health.status is Status.WARNING
    assert "differs from profile" in health.summary


def test_a_file_without_a_status_channel_is_unreachable(tmp_path: Path) -> None:
    sink = tmp_path / "lp0"
    sink.write_bytes(b"")
    printer = ReceiptPrinter(settings_for(f"file://{sink}", timeout_s=0.2))
    with pytest.raises(PrinterUnreachable):
        printer.print_receipt(payment())
    missing = ReceiptPrinter(settings_for(f"file://{tmp_path}/nope", timeout_s=0.2))
    assert missing.status().state is PrinterState.UNREACHABLE


@pytest.mark.parametrize("scheme", ["serial", "file"])
def test_serial_and_device_node_printers_over_a_real_pty(emulator: PrinterEmulator,
                                                         scheme: str) -> None:
    # The same emulator behind a pseudo-terminal: pyserial (through python-escpos) opens
    # it like /dev/ttyUSB0, and the device-node link like /dev/usb/lp0.
    path = emulator.open_pty()
    query = "?baudrate=115200" if scheme == "serial" else ""
    printer = ReceiptPrinter(settings_for(f"{scheme}://{path}{query}"))
    assert printer.status().state is PrinterState.READY
    printer.print_receipt(payment())
    emulator.set_state(near_end=True)
    assert printer.status().state is PrinterState.PAPER_NEAR_END
    assert decode_qr(emulator.receipts[0]) == [URL]
    emulator.set_state(paper_out=True)
    with pytest.raises(PaperOut):
        printer.print_receipt(payment())


def test_two_threads_printing_at_once_each_get_a_whole_receipt(
        printer: ReceiptPrinter, emulator: PrinterEmulator) -> None:
    # The journeys print from background workers, so two jobs can meet at the driver:
    # each must come out whole, never interleaved. (That the journeys print off the UI
    # thread is checked in tests/e2e/test_track_journey.py.)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(printer.print_receipt, payment(lang))
                for lang in (Language.ARABIC, Language.ENGLISH)]
        states = [job.result(timeout=15).state for job in jobs]
    assert states == [PrinterState.READY, PrinterState.READY]
    assert len(emulator.receipts) == 2
    assert all(decode_qr(path) == [URL] for path in emulator.receipts)
    assert printer.health().details["printed"] == 2


def _answers_then_stops_reading(conn: socket.socket, stop: threading.Event) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    for _ in range(4):  # the four status requests before the job
        request = b""
        while len(request) < 3 and not stop.is_set():
            try:
                request += conn.recv(3 - len(request))
            except TimeoutError:
                continue
        conn.sendall(b"\x12")
    stop.wait()  # a wedged printer: connected, never reads again


def test_a_printer_that_stops_taking_data_fails_within_the_deadline(
        raw_server: StartServer) -> None:
    from kiosk.devices.printer.raster import encode_raster

    printer = ReceiptPrinter(settings_for(raw_server(_answers_then_stops_reading).connection,
                                          timeout_s=0.3))
    big_job = encode_raster([b"\xaa" * 72] * 40_000, 72)  # ~2.9 MB: more than any buffer
    with pytest.raises(PrinterUnreachable, match="stopped taking data"):
        printer.print_raster(big_job)
