"""Identifiers a beneficiary types at the kiosk, validated before anything is sent.

The municipality excluded 687 of ~7,000 requests last year as incomplete or ineligible;
catching a mistyped ID at the kiosk is the cheapest fix. Validation returns a problem code
(never raises for bad input) so screens can explain it in Arabic or English.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class IdProblem(enum.StrEnum):
    """Why an identifier was refused; screens map each code to a sentence."""

    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    WRONG_LENGTH = "wrong_length"
    WRONG_PREFIX = "wrong_prefix"
    BAD_CHECK_DIGIT = "bad_check_digit"


class IdKind(enum.StrEnum):
    """Citizens hold a national ID (starts with 1), residents an iqama (starts with 2)."""

    NATIONAL = "national"
    RESIDENT = "resident"


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits become ASCII; spaces and dashes are dropped."""
    return text.translate(ARABIC_INDIC_DIGITS).replace(" ", "").replace("-", "")


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by Saudi national and resident IDs."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


@dataclass(frozen=True, slots=True)
class NationalId:
    """A validated national (1...) or resident (2...) identity number."""

    value: str

    @property
    def kind(self) -> IdKind:
        return IdKind.NATIONAL if self.value.startswith("1") else IdKind.RESIDENT

    def masked(self) -> str:
        """The form safe for receipts and operator screens: first and last two digits."""
        return f"{self.value[:2]}******{self.value[-2:]}"


def check_national_id(text: str) -> IdProblem | None:
    """The problem with a typed ID, or None when it is a valid national/resident ID."""
    value = normalize_digits(text)
    if not value:
        return IdProblem.EMPTY
    if not value.isdigit():
        return IdProblem.NOT_DIGITS
    if len(value) != 10:
        return IdProblem.WRONG_LENGTH
    if value[0] not in "12":
        return IdProblem.WRONG_PREFIX
    if not luhn_ok(value):
        return IdProblem.BAD_CHECK_DIGIT
    return None


def parse_national_id(text: str) -> NationalId:
    """A NationalId, or ValueError carrying the IdProblem code."""
    problem = check_national_id(text)
    if problem is not None:
        raise ValueError(problem)
    return NationalId(normalize_digits(text))


def with_check_digit(first_nine: str) -> str:
    """Completes nine digits with the Luhn check digit (used to seed test data)."""
    for last in "0123456789":
        if luhn_ok(first_nine + last):
            return first_nine + last
    raise AssertionError("unreachable: one digit always satisfies Luhn")


@dataclass(frozen=True, slots=True)
class Mobile:
    """A Saudi mobile number, kept in the national form 05XXXXXXXX."""

    value: str

    def international(self) -> str:
        return "+966" + self.value[1:]

    def masked(self) -> str:
        return f"{self.value[:3]}*****{self.value[-2:]}"


def check_mobile(text: str) -> IdProblem | None:
    """Accepts 05XXXXXXXX, 5XXXXXXXX, +9665XXXXXXXX and 009665XXXXXXXX."""
    value = _national_mobile(text)
    if value is None:
        raw = normalize_digits(text)
        if not raw:
            return IdProblem.EMPTY
        if not raw.lstrip("+").isdigit():
            return IdProblem.NOT_DIGITS
        digits = raw.lstrip("+")
        if digits.startswith(("9665", "009665", "05", "5")):
            return IdProblem.WRONG_LENGTH
        return IdProblem.WRONG_PREFIX
    return None


def parse_mobile(text: str) -> Mobile:
    value = _national_mobile(text)
    if value is None:
        raise ValueError(check_mobile(text))
    return Mobile(value)


def _national_mobile(text: str) -> str | None:
    raw = normalize_digits(text)
    for prefix in ("+966", "00966", "966"):
        if raw.startswith(prefix):
            raw = "0" + raw[len(prefix) :]
            break
    if len(raw) == 9 and raw.startswith("5"):
        raw = "0" + raw
    if len(raw) == 10 and raw.startswith("05") and raw.isdigit():
        return raw
    return None


def check_cr_number(text: str) -> IdProblem | None:
    """Commercial registration numbers are 10 digits (branch CRs in Al-Ahsa start 22)."""
    value = normalize_digits(text)
    if not value:
        return IdProblem.EMPTY
    if not value.isdigit():
        return IdProblem.NOT_DIGITS
    if len(value) != 10:
        return IdProblem.WRONG_LENGTH
    return None
