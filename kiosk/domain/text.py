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


# --- counts ------------------------------------------------------------------------------


def arabic_plural_form(n: int) -> int:
    """Which of Arabic's six forms counts `n` things, in Qt's order for the language
    (0: none, 1: one, 2: two, 3: 3-10, 4: 11-99, 5: the rest, 100-102, 200...; past a
    hundred the last two digits decide). Qt picks the screens' forms by the same rule
    (`kiosk.i18n.plural`); Qt-free text (the sandbox's) picks with this."""
    if n == 0:
        return 0
    if n == 1:
        return 1
    if n == 2:
        return 2
    if 3 <= n % 100 <= 10:
        return 3
    if 11 <= n % 100 <= 99:
        return 4
    return 5
