"""The kiosk's own references have one written form each."""

from __future__ import annotations

import pytest

from kiosk.domain.payment import CardScheme
from kiosk.domain.references import card, provisional_reference


def test_a_provisional_reference_names_the_kiosk_and_its_sequence() -> None:
    assert provisional_reference("AHS-HOF-01", 42) == "AHS-HOF-01-000042"
    with pytest.raises(ValueError, match="from 1"):
        provisional_reference("AHS-HOF-01", 0)


@pytest.mark.parametrize("masked_pan", ["************4417", "588845******4417",
                                        "5888 45** **** 4417"])
def test_a_card_reads_the_same_whatever_mask_the_terminal_wrote(masked_pan: str) -> None:
    assert card(CardScheme.MADA, masked_pan) == "mada •••• 4417"


def test_a_card_without_digits_or_scheme_shows_only_the_mask() -> None:
    assert card(None, None) == "••••"
    assert card(CardScheme.VISA, "****") == "Visa ••••"
    assert card(CardScheme.OTHER, "************1234") == "•••• 1234"
