"""How a card payment is named wherever it travels: the terminal reports it, the receipt
prints it, the outbox stores it and the municipality API records it.

One definition, so the terminal's word for a card network is the API's without any
conversion (the outbox would otherwise have to translate between two enums that only
happen to share their values). Its docstring is the OpenAPI description (docs/openapi.json).
"""

from __future__ import annotations

import enum


class CardScheme(enum.StrEnum):
    """Every network a certified Saudi terminal reports; an approved payment on any of
    them must reach the municipality."""

    MADA = "mada"
    VISA = "visa"
    MASTERCARD = "mastercard"
    AMEX = "amex"
    UNIONPAY = "unionpay"
    GCCNET = "gccnet"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> CardScheme:
        """The scheme a terminal wrote (any case, padded); OTHER for one we do not know."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            return cls.OTHER
