"""Dates as the municipality writes them: Hijri (Umm al-Qura) beside Gregorian, Riyadh time.

The municipality reports by Hijri year and beneficiaries read both calendars, so every
date the kiosk shows (a transaction's timeline, a licence's expiry, a receipt) goes
through here, once, the same way. Instants from the wire are UTC; they are shown in
Asia/Riyadh, so a step finished at 22:30 UTC is shown on the next day, as the
beneficiary lived it. Plain dates (an expiry day) are calendar days and are not shifted.

Pure functions, no Qt: flows, receipts and screens share them. Languages are the codes
"ar" and "en" (`kiosk.config.Language` is a `StrEnum` of those, so it may be passed too).
Digits stay Western (0-9), as on the municipality's own documents and receipts. There is
one long form (`format_dual_date`); its numbers are direction isolates
(`kiosk.domain.text`) and each calendar's date is unbreakable, so it reads the same
inside Arabic and English text and never splits across lines.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from hijridate import Gregorian

from kiosk.domain.text import isolate_ltr, isolate_runs, unbroken

RIYADH = ZoneInfo("Asia/Riyadh")

HIJRI_MONTHS_AR = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)
HIJRI_MONTHS_EN = (
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Akhir", "Jumada al-Ula",
    "Jumada al-Akhirah", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah",
    "Dhu al-Hijjah",
)
GREGORIAN_MONTHS_AR = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)
GREGORIAN_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class DateOutOfRangeError(ValueError):
    """The day lies outside the Umm al-Qura table (1343-1500 AH, 1924-2077 CE)."""


class HijriDate(NamedTuple):
    """A day of the Umm al-Qura calendar; month is 1 (Muharram) to 12 (Dhu al-Hijjah)."""

    year: int
    month: int
    day: int


def local_day(moment: date | datetime) -> date:
    """The calendar day in Riyadh: an aware instant is converted, a plain date is kept.

    A naive datetime is refused: guessing its zone is how dates end up a day off."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("a datetime must be timezone-aware to be shown in Riyadh time")
        return moment.astimezone(RIYADH).date()
    return moment


def hijri_date(moment: date | datetime) -> HijriDate:
    """The Umm al-Qura date of `moment`'s Riyadh day; DateOutOfRangeError outside the table."""
    day = local_day(moment)
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError) as exc:
        raise DateOutOfRangeError(f"{day.isoformat()} is outside the Umm al-Qura table") from exc
    return HijriDate(hijri.year, hijri.month, hijri.day)


def _arabic(language: str) -> bool:
    if language not in ("ar", "en"):
        raise ValueError(f"unknown language {language!r} (expected 'ar' or 'en')")
    return language == "ar"


def _long_form(text: str) -> str:
    """A date in words as it is shown: on one line (no-break spaces) with its numbers
    isolated, so it neither breaks nor reorders inside Arabic (or English) text."""
    return isolate_runs(unbroken(text))


def format_hijri(moment: date | datetime, language: str) -> str | None:
    """`13 جمادى الآخرة 1448 هـ` / `13 Jumada al-Akhirah 1448 AH`; None outside the table."""
    arabic = _arabic(language)
    try:
        year, month, day = hijri_date(moment)
    except DateOutOfRangeError:
        return None
    if arabic:
        return _long_form(f"{day} {HIJRI_MONTHS_AR[month - 1]} {year} هـ")
    return _long_form(f"{day} {HIJRI_MONTHS_EN[month - 1]} {year} AH")


def format_gregorian(moment: date | datetime, language: str) -> str:
    """`23 نوفمبر 2026 م` / `23 November 2026` (the Riyadh day)."""
    arabic = _arabic(language)
    day = local_day(moment)
    if arabic:
        return _long_form(f"{day.day} {GREGORIAN_MONTHS_AR[day.month - 1]} {day.year} م")
    return _long_form(f"{day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year}")


def format_dual_date(moment: date | datetime, language: str) -> str:
    """The one long form of a date, everywhere (screens, receipts, SMS, the sandbox's
    pages): Hijri first, then Gregorian, `13 جمادى الآخرة 1448 هـ (23 نوفمبر 2026 م)`.

    Each calendar's date stays on one line and its numbers keep their order; a line may
    break only between the two. A day outside the Umm al-Qura table (a corrupt record, far
    future) shows Gregorian alone rather than failing the whole screen."""
    gregorian = format_gregorian(moment, language)
    hijri = format_hijri(moment, language)
    return f"{hijri} ({gregorian})" if hijri else gregorian


def format_time(moment: datetime, language: str) -> str:
    """Riyadh wall-clock time, 24-hour: `14:05`, isolated (a colon is neutral)."""
    _arabic(language)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a datetime must be timezone-aware to be shown in Riyadh time")
    return isolate_ltr(moment.astimezone(RIYADH).strftime("%H:%M"))


def format_dual_datetime(moment: datetime, language: str) -> str:
    """The dual date and the Riyadh time: `… (23 نوفمبر 2026 م) 14:05`."""
    return f"{format_dual_date(moment, language)} {format_time(moment, language)}"
