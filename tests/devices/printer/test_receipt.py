"""Receipt layout: exact dot width, 1-bit, scannable QR, raster bytes that round-trip,
dates in Riyadh time (Hijri and Gregorian), and bad receipts refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.config import Language
from kiosk.devices.printer import Receipt, ReceiptKind, ReceiptReferences
from kiosk.devices.printer.escpos_parser import Raster, parse_all
from kiosk.devices.printer.layout import printed_texts, receipt_png, render_receipt
from kiosk.devices.printer.raster import BAND_ROWS, mono_rows, to_mono, to_raster
from kiosk.devices.printer.samples import sample_receipts, write_sample_receipts
from kiosk.domain.dates import format_dual_date, format_time
from kiosk.domain.text import unisolated_runs

pytestmark = pytest.mark.usefixtures("qapp")

URL = "https://127.0.0.1:8443/v1/verify/TX-1448-004213"


def receipt(**changes: object) -> Receipt:
    base = sample_receipts()["payment-ar"]
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("dot_width", [384, 512, 576])
def test_image_is_exactly_the_dot_width(dot_width: int) -> None:
    assert render_receipt(receipt(), dot_width).width() == dot_width


@pytest.mark.parametrize("name", ["payment-ar", "payment-en", "provisional-ar"])
def test_png_is_one_bit_and_its_qr_reads_back(tmp_path: Path, name: str) -> None:
    path = receipt_png(sample_receipts()[name], 576, tmp_path / f"{name}.png")
    with Image.open(path) as image:
        colours = image.convert("L").getcolors()
        assert colours is not None
        assert {value for _, value in colours} <= {0, 255}
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [
            sample_receipts()[name].verification_url]


def test_raster_bytes_round_trip_through_the_parser() -> None:
    image = render_receipt(receipt(), 576)
    mono = to_mono(image)
    commands = parse_all(to_raster(image))
    assert all(isinstance(c, Raster) for c in commands)
    rasters = [c for c in commands if isinstance(c, Raster)]
    assert {c.row_bytes for c in rasters} == {72}
    assert all(c.rows <= BAND_ROWS for c in rasters)
    assert sum(c.rows for c in rasters) == image.height()
    assert b"".join(c.data for c in rasters) == b"".join(mono_rows(mono))


def test_thresholding_leaves_no_grey() -> None:
    mono = to_mono(render_receipt(receipt(), 576))
    assert mono.colorCount() == 2
    rows = mono_rows(mono)
    ink = sum(bin(byte).count("1") for row in rows for byte in row)
    assert 0.03 < ink / (mono.width() * mono.height()) < 0.5  # real content, not blank


def test_language_changes_the_receipt() -> None:
    arabic = to_raster(render_receipt(sample_receipts()["payment-ar"], 576))
    english = to_raster(render_receipt(sample_receipts()["payment-en"], 576))
    assert arabic != english


def test_provisional_receipt_carries_its_notice() -> None:
    payment = render_receipt(receipt(amount_halalas=None), 576)
    provisional = render_receipt(receipt(kind=ReceiptKind.PROVISIONAL, amount_halalas=None), 576)
    assert provisional.height() > payment.height() + 40  # the offline notice block


def test_long_values_wrap_instead_of_being_clipped() -> None:
    short = render_receipt(receipt(lines=(("النشاط", "بقالة"),)), 384)
    long = render_receipt(receipt(lines=(("النشاط", "بيع " * 40),)), 384)
    assert long.width() == 384
    assert long.height() > short.height() + 60


def test_the_date_is_the_riyadh_day_in_the_long_hijri_and_gregorian_form() -> None:
    evening_utc = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)  # already the 24th in Riyadh
    for language in Language:
        printed = printed_texts(receipt(issued_at=evening_utc, language=language), 576)
        assert format_dual_date(evening_utc, language) in printed
        assert format_time(evening_utc, language) in printed


@pytest.mark.parametrize("name", sorted(sample_receipts()))
def test_every_number_and_latin_word_on_an_arabic_receipt_keeps_its_order(name: str) -> None:
    sample = sample_receipts()[name]
    printed = printed_texts(sample, 576)
    if sample.arabic:
        assert [text for text in printed if unisolated_runs(text)] == []
    # The references are printed whole, in the one format the screens show.
    for _, value in sample.references.labelled(sample.language):
        assert any(value in text for text in printed)


@pytest.mark.parametrize(("changes", "message"), [
    ({"issued_at": datetime(2026, 1, 1)}, "timezone-aware"),
    ({"amount_halalas": -1}, "negative"),
    ({"verification_url": "javascript:alert(1)"}, "http"),
])
def test_bad_receipts_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        receipt(**changes)


def test_language_as_plain_string_is_accepted() -> None:
    assert receipt(language="en").language is Language.ENGLISH
    with pytest.raises(ValueError):
        receipt(language="fr")


def test_bad_dot_width_is_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 8"):
        render_receipt(receipt(), 580)


def test_references_keep_a_fixed_order_and_skip_empty_ones() -> None:
    refs = ReceiptReferences(approval_code="482913", transaction_number="TX-1")
    assert refs.labelled(Language.ENGLISH) == [
        ("Transaction no.", "TX-1"), ("Approval code", "482913")]


def test_sample_receipts_for_the_tour(tmp_path: Path) -> None:
    paths = write_sample_receipts(tmp_path)
    assert [p.name for p in paths] == [
        "receipt-payment-ar.png", "receipt-payment-en.png",
        "receipt-provisional-ar.png", "receipt-provisional-en.png",
        "receipt-application-ar.png", "receipt-application-en.png",
        "receipt-inquiry-ar.png", "receipt-inquiry-en.png"]
    for path in paths:
        with Image.open(path) as image:
            assert image.width == 576


@pytest.mark.parametrize(("name", "label_side"), [("payment-ar", "right"),
                                                  ("payment-en", "left")])
def test_labels_start_on_the_reading_side(name: str, label_side: str) -> None:
    # Two receipts differing only in one label: where the pixels differ is where labels go.
    base = sample_receipts()[name]
    short = replace(base, lines=(("", "12345"),))
    long = replace(base, lines=(("ab ab", "12345"),))
    rows_a = mono_rows(to_mono(render_receipt(short, 576)))
    rows_b = mono_rows(to_mono(render_receipt(long, 576)))
    assert len(rows_a) == len(rows_b)
    changed = [x for a, b in zip(rows_a, rows_b, strict=True) if a != b
               for x, (pa, pb) in enumerate(zip(a, b, strict=True)) if pa != pb]
    assert changed
    # The label sits in its own half, flush with that side's margin.
    if label_side == "right":
        assert min(changed) * 8 > 576 / 2
        assert max(changed) * 8 > 576 - 40
    else:
        assert max(changed) * 8 < 576 / 2
        assert min(changed) * 8 < 40


def test_a_runaway_receipt_is_refused_before_wasting_a_roll() -> None:
    from kiosk.devices.printer import PrinterError, ReceiptTooLong

    lines = tuple((f"رخصة {n}", "سارية") for n in range(600))
    with pytest.raises(ReceiptTooLong, match="dots long") as caught:
        render_receipt(receipt(lines=lines), 576)
    assert isinstance(caught.value, PrinterError)  # journeys' printer handling covers it
