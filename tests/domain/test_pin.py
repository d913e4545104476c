"""A new technician PIN must not be one anybody would try first."""

from __future__ import annotations

import pytest

from kiosk.domain.pin import PinProblem, hash_pin, pin_problem, verify_pin


@pytest.mark.parametrize(("pin", "problem"), [
    ("1234", PinProblem.TOO_SHORT),
    ("12a456", PinProblem.NOT_DIGITS),
    ("١٢٣٤٥٦٧", PinProblem.NOT_DIGITS),
    ("1" * 13, PinProblem.TOO_LONG),
    ("123456", PinProblem.WEAK),
    ("111111", PinProblem.WEAK),
    ("987654", PinProblem.WEAK),
    ("890123", PinProblem.WEAK),
    ("121212", PinProblem.WEAK),
    ("482915", None),
    ("112233", None),
])
def test_a_new_pin_is_refused_for_what_is_wrong_with_it(pin: str,
                                                       problem: PinProblem | None) -> None:
    assert pin_problem(pin) == problem


def test_a_pin_matches_only_its_own_hash() -> None:
    stored = hash_pin("482915", iterations=1000)
    assert verify_pin("482915", stored)
    assert not verify_pin("482916", stored)
    assert not verify_pin("482915", "not-a-hash")
