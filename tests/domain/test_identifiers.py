"""IDs and mobiles are checked at the kiosk, with a reason a screen can explain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.identifiers import (
    IdKind,
    IdProblem,
    check_cr_number,
    check_mobile,
    check_national_id,
    parse_mobile,
    parse_national_id,
    with_check_digit,
)
from kiosk.domain.money import format_sar, halalas


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", IdProblem.EMPTY),
        ("10123456a2", IdProblem.NOT_DIGITS),
        ("101234567", IdProblem.WRONG_LENGTH),
        ("3012345672", IdProblem.WRONG_PREFIX),
        ("1012345673", IdProblem.BAD_CHECK_DIGIT),
        ("1012345672", None),
        ("١٠١٢٣٤٥٦٧٢", None),  # Arabic-Indic digits are the same number
    ],
)
def test_national_id_problems(typed: str, problem: IdProblem | None) -> None:
    assert check_national_id(typed) == problem


def test_kinds_and_masking() -> None:
    citizen = parse_national_id(with_check_digit("101234567"))
    resident = parse_national_id(with_check_digit("212345678"))
    assert citizen.kind is IdKind.NATIONAL
    assert resident.kind is IdKind.RESIDENT
    assert citizen.masked() == "10******" + citizen.value[-2:]


@given(st.from_regex(r"[12][0-9]{8}", fullmatch=True))
def test_any_nine_digits_complete_to_a_valid_id(first_nine: str) -> None:
    full = with_check_digit(first_nine)
    assert check_national_id(full) is None
    wrong = full[:-1] + str((int(full[-1]) + 1) % 10)
    assert check_national_id(wrong) is IdProblem.BAD_CHECK_DIGIT


@pytest.mark.parametrize("typed", ["0551234567", "551234567", "+966551234567", "00966551234567",
                                   "٠٥٥١٢٣٤٥٦٧", "055 123 4567"])
def test_mobile_forms_accepted(typed: str) -> None:
    assert check_mobile(typed) is None
    assert parse_mobile(typed).value == "0551234567"
    assert parse_mobile(typed).international() == "+966551234567"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", IdProblem.EMPTY),
        ("05512345", IdProblem.WRONG_LENGTH),
        ("0451234567", IdProblem.WRONG_PREFIX),
        ("05512x4567", IdProblem.NOT_DIGITS),
    ],
)
def test_mobile_problems(typed: str, problem: IdProblem) -> None:
    assert check_mobile(typed) == problem
    with pytest.raises(ValueError):
        parse_mobile(typed)


def test_cr_number() -> None:
    assert check_cr_number("2250012345") is None
    assert check_cr_number("22500") is IdProblem.WRONG_LENGTH


def test_money_is_integer_halalas() -> None:
    assert format_sar(123450) == "1,234.50 SAR"
    assert format_sar(5, arabic=True) == "\u20660.05\u2069 ر.س"  # isolated inside Arabic
    with pytest.raises(ValueError):
        halalas(-1)
