"""One card scheme from the terminal to the municipality's records."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.api import schema
from kiosk.devices import terminal
from kiosk.devices.terminal.model import PurchaseOutcome, PurchaseResult
from kiosk.domain.payment import CardScheme


def test_the_scheme_a_terminal_reports_is_the_one_the_api_records() -> None:
    assert terminal.CardScheme is schema.CardScheme is CardScheme
    outcome = PurchaseOutcome(PurchaseResult.APPROVED, "INV-1447-000202-5F0C9A1E", 30_000,
                              approval_code="107919", masked_pan="************1234",
                              scheme=CardScheme.parse(" MADA "))

    payment = schema.Payment(amount_halalas=outcome.amount_halalas, approval_code="107919",
                             masked_pan="************1234", scheme=outcome.scheme,
                             terminal_reference="T-1", paid_at=datetime.now(UTC))

    assert payment.model_dump(mode="json")["scheme"] == "mada"


def test_a_scheme_nobody_knows_is_still_recorded_as_other() -> None:
    assert CardScheme.parse("diners-club") is CardScheme.OTHER
