"""A licence form as the kiosk shows it: the catalogue's fields cut into short pages,
and the checks the kiosk can make on its own before asking the server.

The catalogue decides the questions (a new licence type needs no kiosk release), so this
module works on any list of `FieldSpec`. Pages hold at most three typed fields; a choice
gets a page of its own because its answers are big touch buttons, not a dropdown. The
local checks are the same form rules the municipality applies (required, number range,
text length, pattern, ID check digit, mobile prefix), so a typo costs a tap, not a
round trip; the server's validation still has the last word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kiosk.api.schema import AnswerValue, FieldKind, FieldSpec, Problem
from kiosk.domain.identifiers import check_mobile, check_national_id, normalize_digits, parse_mobile
from kiosk.domain.text import isolate_runs

MAX_FIELDS_PER_PAGE = 3
_DIGIT_KINDS = frozenset({FieldKind.NATIONAL_ID, FieldKind.CR_NUMBER, FieldKind.MOBILE,
                          FieldKind.NUMBER, FieldKind.DATE})


def paginate(fields: Sequence[FieldSpec],
             per_page: int = MAX_FIELDS_PER_PAGE) -> list[tuple[FieldSpec, ...]]:
    """Groups fields in form order: runs of up to `per_page` typed fields; each choice
    alone. Never returns an empty page."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    pages: list[tuple[FieldSpec, ...]] = []
    run: list[FieldSpec] = []
    for spec in fields:
        if spec.kind is FieldKind.CHOICE:
            if run:
                pages.append(tuple(run))
                run = []
            pages.append((spec,))
            continue
        run.append(spec)
        if len(run) == per_page:
            pages.append(tuple(run))
            run = []
    if run:
        pages.append(tuple(run))
    return pages


def clean(spec: FieldSpec, typed: str) -> str:
    """What was typed, trimmed; Arabic-Indic digits become ASCII in numeric kinds."""
    text = typed.strip()
    if spec.kind in _DIGIT_KINDS:
        text = normalize_digits(text)
    return text


def answer_value(spec: FieldSpec, typed: str) -> AnswerValue:
    """The value sent to the server for a (locally valid) answer: numbers as int, a
    mobile in its 05XXXXXXXX form, an empty optional answer as None."""
    text = clean(spec, typed)
    if not text:
        return None
    if spec.kind is FieldKind.NUMBER and text.isascii() and text.isdigit():
        return int(text)
    if spec.kind is FieldKind.MOBILE and check_mobile(text) is None:
        return parse_mobile(text).value
    return text


def _problem(spec: FieldSpec, code: str, ar: str, en: str) -> Problem:
    return Problem(field=spec.name, code=code, message_ar=ar, message_en=en)


def check_answer(spec: FieldSpec, typed: str) -> Problem | None:
    """The first thing wrong with one typed answer, in both languages, or None."""
    text = clean(spec, typed)
    ar, en = spec.label_ar, spec.label_en
    if not text:
        if spec.required:
            return _problem(spec, "required",
                            f"«{ar}» مطلوب." if spec.kind is not FieldKind.CHOICE
                            else f"اختر «{ar}».",
                            f"Enter {en}." if spec.kind is not FieldKind.CHOICE
                            else f"Choose {en}.")
        return None
    if spec.kind is FieldKind.NUMBER:
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            return _problem(spec, "invalid", f"«{ar}» يجب أن يكون رقمًا صحيحًا.",
                            f"{en} must be a whole number.")
        number = int(text)
        low = spec.min if spec.min is not None else number
        high = spec.max if spec.max is not None else number
        if not low <= number <= high:
            return _problem(spec, "out_of_range",
                            f"«{ar}» يجب أن يكون بين {low} و{high}.",
                            f"{en} must be between {low} and {high}.")
        return None
    if spec.kind is FieldKind.NATIONAL_ID and check_national_id(text) is not None:
        return _problem(spec, "invalid", f"رقم «{ar}» غير صحيح، تأكد من الأرقام العشرة.",
                        f"{en} is not a valid ID number; check the ten digits.")
    if spec.kind is FieldKind.MOBILE:
        if check_mobile(text) is not None:
            return _problem(spec, "invalid", "رقم الجوال يجب أن يبدأ بـ 05 ويتكون من 10 أرقام.",
                            "The mobile number must start with 05 and have 10 digits.")
        text = parse_mobile(text).value
    if spec.kind is FieldKind.CHOICE and text not in {c.value for c in spec.choices}:
        return _problem(spec, "invalid_choice", f"اختر «{ar}» من القائمة.",
                        f"Choose {en} from the list.")
    if spec.kind is FieldKind.DATE:
        try:
            date.fromisoformat(text)
        except ValueError:
            return _problem(spec, "invalid",
                            f"«{ar}» ليس تاريخًا صحيحًا، اكتبه هكذا: 2026-12-31.",
                            f"{en} is not a valid date; write it like 2026-12-31.")
    if spec.kind is FieldKind.TEXT and (
            (spec.min is not None and len(text) < spec.min)
            or (spec.max is not None and len(text) > spec.max)):
        low, high = spec.min or 1, spec.max or len(text)
        return _problem(spec, "length", f"«{ar}» يجب أن يكون بين {low} و{high} حرفًا.",
                        f"{en} must be {low} to {high} characters long.")
    if spec.pattern is not None and not _full_match(spec.pattern, text):
        return _problem(spec, "invalid", f"قيمة «{ar}» غير صحيحة. {spec.help_ar}".strip(),
                        f"{en} is not valid. {spec.help_en}".strip())
    return None


def _full_match(pattern: str, text: str) -> bool:
    try:
        return re.fullmatch(pattern, text) is not None
    except re.error:
        # A broken pattern in the catalogue is the server's to enforce, not a crash here.
        return True


def display_value(spec: FieldSpec, value: AnswerValue, language: str) -> str:
    """How an answer reads on "check your answers": a choice by its label; in Arabic its
    numbers and Latin words are direction isolates (a typed "0551000001" or "ABC Trading")."""
    if value is None or value == "":
        return "—"
    shown = str(value)
    if spec.kind is FieldKind.CHOICE:
        for choice in spec.choices:
            if choice.value == value:
                shown = choice.label_ar if language == "ar" else choice.label_en
    return isolate_runs(shown) if language == "ar" else shown
