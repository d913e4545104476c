"""Text that stays right inside right-to-left Arabic: one place for direction isolates.

A reference, phone number, amount, date or Latin word inside Arabic text is a neutral or
left-to-right run that the Unicode Bidirectional Algorithm (UAX #9) reorders with its
neighbours: "1447-000101" comes out as "000101-1447" and "055*****05" as "05*****055".
Wrapping the run in a left-to-right isolate (LRI U+2066 ... PDI U+2069) keeps it whole and
in order, on screen, on paper and in an SMS. Pure Python, no Qt: flows, receipts, screens
and the sandbox's SMS texts share it.

- `isolate_ltr` wraps one value the code knows is left to right (a reference, a code);
- `isolate_runs` wraps every left-to-right run of a text the code did not compose
  (a message from the municipality, a licence name, a field's example);
- `unbroken` keeps a short phrase (a date) on one line;
- `unisolated_runs` finds what escaped, for the checks over every screen and receipt.
"""

from __future__ import annotations

import re

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
NBSP = "\u00a0"  # NO-BREAK SPACE
_OPENERS = LRI + RLI + FSI

# A letter or digit that runs left to right: ASCII and Latin letters, Western digits.
_LTR_CHAR = r"0-9A-Za-z\u00c0-\u024f"
# What may sit between two of them inside one run: "1447-000101", "300.00", "055*****05",
# "10:30", "mada •••• 4417", "RRN 633012". A mask may also open a run ("************1234").
_JOINERS = r"\-/.:,*•+_@#%&' \u00a0"
_RUN = re.compile(rf"[*•+#]*[{_LTR_CHAR}]+(?:[{_JOINERS}]+[{_LTR_CHAR}]+)*")
_LTR_ANY = re.compile(rf"[{_LTR_CHAR}]")
_JOINER_CHARS = "-/.:,*•+_@#%&' \u00a0"


def _wrapped(text: str, opener: str) -> bool:
    """True when `text` is one isolate opened by `opener` from its first to its last char."""
    if len(text) < 2 or text[0] != opener or text[-1] != PDI:
        return False
    depth = 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char == PDI:
            depth -= 1
            if depth == 0 and index != len(text) - 1:
                return False
    return depth == 0


def isolate_ltr(text: str) -> str:
    """`text` as one left-to-right run that keeps its order inside Arabic text.

    Idempotent: a value isolated once (a formatter's output) is not wrapped again."""
    if not text or _wrapped(text, LRI):
        return text
    return f"{LRI}{text}{PDI}"


def isolate_rtl(text: str) -> str:
    """`text` as one right-to-left unit (an Arabic date inside any sentence)."""
    if not text or _wrapped(text, RLI):
        return text
    return f"{RLI}{text}{PDI}"


def unbroken(text: str) -> str:
    """`text` with no-break spaces, so a line is never broken inside it (a date)."""
    return text.replace(" ", NBSP)


def _outside_isolates(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` at depth 0, outside every isolate."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            if depth == 0 and index > start:
                spans.append((start, index))
            depth += 1
        elif char == PDI and depth:
            depth -= 1
            if depth == 0:
                start = index + 1
    if depth == 0 and start < len(text):
        spans.append((start, len(text)))
    return spans


def isolate_runs(text: str) -> str:
    """Every left-to-right run of `text` outside an isolate, wrapped in LRI ... PDI.

    For text the kiosk did not compose itself (a message or name from the municipality,
    a translated example): "منتهي منذ 2026-10-20" keeps its date in order. Runs already
    inside an isolate are left alone, so the helper may be applied twice."""
    out: list[str] = []
    last = 0
    for start, end in _outside_isolates(text):
        out.append(text[last:start])
        out.append(_RUN.sub(lambda match: isolate_ltr(match.group(0)), text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def unisolated_runs(text: str) -> list[str]:
    """The letters and digits of `text` that no left-to-right isolate holds, run by run.

    A left-to-right char is held when the innermost isolate around it is an LRI. Empty
    for text that keeps its order in a right-to-left paragraph; the direction checks over
    the screens, receipts and SMS texts report what this returns."""
    found: list[str] = []
    stack: list[str] = []
    current: list[str] = []
    for char in text:
        if char in _OPENERS:
            stack.append(char)
        elif char == PDI and stack:
            stack.pop()
        held = bool(stack) and stack[-1] == LRI
        if not held and (_LTR_ANY.match(char) or (current and char in _JOINER_CHARS)):
            current.append(char)
        elif current:
            found.append("".join(current).rstrip(_JOINER_CHARS))
            current = []
    if current:
        found.append("".join(current).rstrip(_JOINER_CHARS))
    return found


# Qt's placeholders in a translated text: %1 ... %99 (and %L1) are filled by the code with
# values that were isolated where they were formatted; %n is always a count.
_PLACEHOLDER = re.compile(r"%(?:L?[1-9][0-9]?|n)")


def isolate_template(text: str) -> str:
    """A translated text with its own numbers and Latin words isolated (`isolate_runs`),
    its %n count isolated, and its %1 ... %99 placeholders left for their values.

    The Arabic translator passes every translation through here, so "10 أرقام" or
    "(مثل 1447-000101)" written in a translation keep their order without the translator
    typing invisible characters."""
    out: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(isolate_runs(text[last:match.start()]))
        placeholder = match.group(0)
        out.append(isolate_ltr(placeholder) if placeholder == "%n" else placeholder)
        last = match.end()
    out.append(isolate_runs(text[last:]))
    return "".join(out)


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
