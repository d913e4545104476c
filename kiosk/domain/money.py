"""Money as an integer number of halalas: never a float anywhere a riyal is counted."""

from __future__ import annotations

from typing import NewType

Halalas = NewType("Halalas", int)

HALALAS_PER_RIYAL = 100


def halalas(amount: int) -> Halalas:
    """Type-checked constructor; rejects negatives, which no fee or invoice can be."""
    if amount < 0:
        raise ValueError("an amount in halalas cannot be negative")
    return Halalas(amount)


def format_sar(amount: int, *, arabic: bool = False) -> str:
    """`1,234.50 SAR` or `1,234.50 ر.س` — two decimals, thousands grouped."""
    riyals, cents = divmod(amount, HALALAS_PER_RIYAL)
    text = f"{riyals:,}.{cents:02d}"
    return f"{text} ر.س" if arabic else f"{text} SAR"
