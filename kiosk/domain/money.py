"""Money as an integer number of halalas: never a float anywhere a riyal is counted."""

from __future__ import annotations

from typing import NewType

from kiosk.domain.text import isolate_ltr

Halalas = NewType("Halalas", int)

HALALAS_PER_RIYAL = 100


def halalas(amount: int) -> Halalas:
    """Type-checked constructor; rejects negatives, which no fee or invoice can be."""
    if amount < 0:
        raise ValueError("an amount in halalas cannot be negative")
    return Halalas(amount)


def format_sar(amount: int, *, arabic: bool = False) -> str:
    """`1,234.50 SAR` or `1,234.50 ر.س` — two decimals, thousands grouped. In Arabic the
    figure is a direction isolate, so "1,234.50" keeps its order (screen, paper, SMS);
    the English form stays plain for logs and the command line."""
    riyals, cents = divmod(amount, HALALAS_PER_RIYAL)
    text = f"{riyals:,}.{cents:02d}"
    return f"{isolate_ltr(text)} ر.س" if arabic else f"{text} SAR"
