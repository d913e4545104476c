"""`kiosk print-test` through the real CLI entry point, against the emulator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.cli import main
from kiosk.devices.emulators.printer import PrinterEmulator

pytestmark = [pytest.mark.usefixtures("qapp"), pytest.mark.timeout(30)]


@pytest.fixture(autouse=True)
def _keep_root_logging() -> Iterator[None]:
    # main() installs the kiosk's JSON handler on the root logger; give pytest its own back.
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_print_test_prints_arabic_and_a_qr(emulator: PrinterEmulator, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIOSK_PRINTER__CONNECTION", emulator.connection)
    assert main(["print-test", "--png", str(tmp_path / "test.png")]) == 0
    out = capsys.readouterr().out
    assert "Status: printer is ready" in out
    assert "Test receipt printed" in out
    with Image.open(emulator.receipts[0]) as image:
        texts = [r.text for r in zxingcpp.read_barcodes(image)]
    assert texts == ["https://127.0.0.1:8443/verify/test"]  # the test-print page
    assert (tmp_path / "test.png").exists()


def test_print_test_says_why_it_did_not_print(emulator: PrinterEmulator,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIOSK_PRINTER__CONNECTION", emulator.connection)
    emulator.set_state(paper_out=True)
    assert main(["print-test"]) == 1
    out = capsys.readouterr().out
    assert "Status: printer is out of paper" in out
    assert "NOT printed" in out
    assert emulator.receipts == []


def test_print_test_with_a_bad_profile(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIOSK_PRINTER__PROFILE", "NO-SUCH-MODEL")
    assert main(["print-test"]) == 2
    assert "unknown printer profile 'NO-SUCH-MODEL'" in capsys.readouterr().out


def test_print_test_without_a_printer(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIOSK_PRINTER__CONNECTION", "none")
    assert main(["print-test"]) == 2
    assert "No printer is configured" in capsys.readouterr().out
