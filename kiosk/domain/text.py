"""Text that stays right inside right-to-left Arabic: one helper for direction isolates.

A reference, phone number, date or Latin word inside Arabic text is a neutral or
left-to-right run that the Unicode Bidirectional Algorithm (UAX #9) reorders with its
neighbours: "1447-000101" comes out as "000101-1447". Wrapping the run in a left-to-right
isolate (LRI U+2066 ... PDI U+2069) keeps it whole and in order, on screen, on paper and
in an SMS. Pure Python, no Qt: flows, receipts, screens and the sandbox's SMS texts share it.
"""

from __future__ import annotations

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


def isolate_ltr(text: str) -> str:
    """`text` as one left-to-right run that keeps its order inside Arabic text."""
    return f"{LRI}{text}{PDI}"
