"""One written form for each kind of reference, the same on screen, on paper and in an SMS.

A beneficiary who reads a number on the screen, finds it on the receipt and types it at
another kiosk must meet it in one shape. The municipality issues transaction, licence,
invoice and receipt numbers (`1447-000101`, `INV-1447-000202`, `RC-1448-001001`): they are
shown as issued. The kiosk makes two forms itself, here: the provisional reference of a
request it accepted while offline, and the card a payment was made with.

Pure Python, no Qt. Shown inside text, every one of them goes through
`kiosk.domain.text.isolate_ltr`, like any other number.
"""

from __future__ import annotations

import re

from kiosk.domain.payment import CardScheme

# The examples the kiosk shows beside a number field, in the form the number is printed.
EXAMPLE_TRANSACTION_NUMBER = "1447-000101"
EXAMPLE_INVOICE_NUMBER = "INV-1447-000202"

_MASK = "••••"
# Each network as it writes its own name (mada in lower case, as on its cards).
_SCHEME_NAMES = {
    CardScheme.MADA: "mada", CardScheme.VISA: "Visa", CardScheme.MASTERCARD: "Mastercard",
    CardScheme.AMEX: "American Express", CardScheme.UNIONPAY: "UnionPay",
    CardScheme.GCCNET: "GCCNET",
}


def provisional_reference(kiosk_id: str, sequence: int) -> str:
    """`AHS-HOF-01-000042`: the kiosk's id and the outbox's sequence number.

    Unique across the fleet (each kiosk has its own id), and it says on its face which
    kiosk holds the request while the municipality has not answered."""
    if sequence < 1:
        raise ValueError("a provisional reference counts from 1")
    return f"{kiosk_id}-{sequence:06d}"


def card(scheme: CardScheme | None, masked_pan: str | None) -> str:
    """`mada •••• 4417`: the card's network and its last four digits, all a holder needs
    to recognise the card and all the kiosk may show of it. `••••` alone when the
    terminal gave no digits; no name for a network the kiosk does not know."""
    digits = re.sub(r"[^0-9]", "", masked_pan or "")
    tail = f"{_MASK} {digits[-4:]}" if len(digits) >= 4 else _MASK
    name = _SCHEME_NAMES.get(scheme) if scheme else None
    return f"{name} {tail}" if name else tail
