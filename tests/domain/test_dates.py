"""Dual-calendar dates against known Umm al-Qura conversions, in Riyadh time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kiosk.config import Language
from kiosk.domain.dates import (
    DateOutOfRangeError,
    HijriDate,
    format_dual_date,
    format_dual_datetime,
    format_gregorian,
    format_hijri,
    format_time,
    hijri_date,
    local_day,
)
from kiosk.domain.text import LRI, NBSP, PDI, unisolated_runs


def plain(text: str) -> str:
    """What a reader sees: the isolates are invisible and a no-break space is a space."""
    return text.replace(LRI, "").replace(PDI, "").replace(NBSP, " ")


@pytest.mark.parametrize(("gregorian", "hijri"), [
    (date(2023, 7, 19), HijriDate(1445, 1, 1)),    # 1 Muharram 1445 (Hijri new year)
    (date(2024, 3, 11), HijriDate(1445, 9, 1)),    # 1 Ramadan 1445
    (date(2024, 4, 10), HijriDate(1445, 10, 1)),   # Eid al-Fitr 1445
    (date(2024, 6, 16), HijriDate(1445, 12, 10)),  # Eid al-Adha 1445
    (date(2025, 3, 1), HijriDate(1446, 9, 1)),     # 1 Ramadan 1446
    (date(2026, 2, 18), HijriDate(1447, 9, 1)),    # 1 Ramadan 1447
    (date(2026, 11, 23), HijriDate(1448, 6, 13)),
])
def test_known_umm_al_qura_conversions(gregorian: date, hijri: HijriDate) -> None:
    assert hijri_date(gregorian) == hijri


def test_an_instant_is_dated_in_riyadh_not_utc() -> None:
    # 22:30 UTC on 10 March 2024 is 01:30 on 11 March in Riyadh: already 1 Ramadan.
    late = datetime(2024, 3, 10, 22, 30, tzinfo=UTC)
    assert local_day(late) == date(2024, 3, 11)
    assert hijri_date(late) == HijriDate(1445, 9, 1)
    assert plain(format_time(late, "en")) == "01:30"
    assert plain(format_gregorian(late, "en")) == "11 March 2024"


def test_an_instant_in_another_zone_lands_on_the_same_riyadh_day() -> None:
    moment = datetime(2024, 3, 11, 3, 0, tzinfo=timezone(timedelta(hours=9)))  # Tokyo
    assert local_day(moment) == date(2024, 3, 10)


def test_a_plain_date_is_a_calendar_day_and_is_not_shifted() -> None:
    assert local_day(date(2024, 3, 11)) == date(2024, 3, 11)


def test_arabic_and_english_formats() -> None:
    day = date(2024, 3, 11)
    assert plain(format_hijri(day, "ar") or "") == "1 رمضان 1445 هـ"
    assert plain(format_hijri(day, "en") or "") == "1 Ramadan 1445 AH"
    assert plain(format_gregorian(day, "ar")) == "11 مارس 2024 م"
    assert plain(format_dual_date(day, "ar")) == "1 رمضان 1445 هـ (11 مارس 2024 م)"
    assert plain(format_dual_date(day, Language.ENGLISH)) == "1 Ramadan 1445 AH (11 March 2024)"


def test_a_date_keeps_its_order_and_breaks_only_between_its_two_calendars() -> None:
    for language in ("ar", "en"):
        shown = format_dual_datetime(datetime(2026, 11, 23, 9, 5, tzinfo=UTC), language)
        assert unisolated_runs(shown) == []  # "23" or "12:05" never reorder in Arabic
        # Two spaces a line may break at: before the Gregorian date and before the time.
        assert shown.count(" ") == 2
        hijri, gregorian, _ = shown.split(" ")
        assert NBSP in hijri
        assert NBSP in gregorian


def test_dual_datetime_adds_riyadh_time() -> None:
    moment = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    assert plain(format_dual_datetime(moment, "ar")) == (
        "13 جمادى الآخرة 1448 هـ (23 نوفمبر 2026 م) 12:05")


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        hijri_date(datetime(2024, 3, 11, 12, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        format_time(datetime(2024, 3, 11, 12, 0), "ar")


def test_outside_the_table_is_typed_and_display_falls_back_to_gregorian() -> None:
    with pytest.raises(DateOutOfRangeError):
        hijri_date(date(1900, 1, 1))
    assert format_hijri(date(2100, 1, 1), "en") is None
    assert plain(format_dual_date(date(1900, 1, 1), "en")) == "1 January 1900"


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        format_dual_date(date(2024, 3, 11), "fr")
