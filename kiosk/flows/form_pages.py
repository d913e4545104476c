"""A licence form as the kiosk shows it: one question per page, and the checks the kiosk
can make on its own before asking the server, in words written for people.

The catalogue decides the questions (a new licence type needs no kiosk release), so this
module works on any list of `FieldSpec`. Each question gets a page of its own (the GOV.UK
"one thing per page" pattern): the question is the page's heading, and a mistake is about
one thing. The local checks are the same form rules the municipality applies (required,
number range, text length, pattern, ID check digit, mobile prefix), so a typo costs a
tap, not a round trip; the server's validation still has the last word.

Messages name the question in a sentence ("Enter the shop name.", "أدخل 11 رقمًا في خانة
رقم عقد الإيجار.") rather than quoting a label into a template, and count in Arabic with
the noun in its proper form (رقمين، 10 أرقام، 11 رقمًا).
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.api.schema import AnswerValue, FieldKind, FieldSpec, Problem
from kiosk.domain.identifiers import check_mobile, check_national_id, normalize_digits, parse_mobile
from kiosk.domain.text import arabic_plural_form, isolate_runs

_DIGIT_KINDS = frozenset({FieldKind.NATIONAL_ID, FieldKind.CR_NUMBER, FieldKind.MOBILE,
                          FieldKind.NUMBER, FieldKind.DATE})
# A pattern that only says "so many digits": [0-9]{11}, \d{8,10}, [0-9]+.
_DIGITS_PATTERN = re.compile(r"(?:\\d|\[0-9\])(?:\{(\d+)(?:(,)(\d*))?\}|(\+))")
# Arabic counted nouns: (one, two after a preposition, 3-10, 11-99, 100 and more).
_AR_DIGITS = ("رقم واحد", "رقمين", "أرقام", "رقمًا", "رقم")
_AR_LETTERS = ("حرف واحد", "حرفين", "أحرف", "حرفًا", "حرف")


def digit_lengths(pattern: str | None) -> tuple[int, int | None] | None:
    """(fewest, most) digits when `pattern` only asks for digits (most None: no limit),
    else None. A lease number's "[0-9]{11}" gives (11, 11)."""
    if not pattern:
        return None
    found = _DIGITS_PATTERN.fullmatch(pattern)
    if found is None:
        return None
    low, comma, high, plus = found.groups()
    if plus:
        return 1, None
    fewest = int(low)
    if not comma:
        return fewest, fewest
    return fewest, int(high) if high else None


def arabic_count(number: int, forms: tuple[str, str, str, str, str]) -> str:
    """A number with its Arabic noun as grammar wants it after a preposition: 1 -> "رقم
    واحد", 2 -> "رقمين", 3-10 -> "N أرقام", 11-99 -> "N رقمًا", 100 and more -> "N رقم"."""
    one, two, few, many, other = forms
    form = arabic_plural_form(number)  # the one rule for Arabic counts (Qt's own order)
    if form == 1:
        return one
    if form == 2:
        return two
    return f"{number} {({3: few, 4: many}).get(form, other)}"


def _in_sentence(label_en: str) -> str:
    """A catalogue label inside an English sentence: "Lease contract number" -> "lease
    contract number"; an acronym ("ID number") keeps its capitals."""
    if len(label_en) > 1 and label_en[0].isupper() and label_en[1].islower():
        return label_en[0].lower() + label_en[1:]
    return label_en


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
    ar, the = spec.label_ar, _in_sentence(spec.label_en)
    if not text:
        if not spec.required:
            return None
        if spec.kind is FieldKind.CHOICE:
            return _problem(spec, "required", f"اختر {ar}.", f"Choose the {the}.")
        return _problem(spec, "required", f"أدخل {ar}.", f"Enter the {the}.")
    if spec.kind is FieldKind.NUMBER:
        return _check_number(spec, text)
    if spec.kind is FieldKind.NATIONAL_ID and check_national_id(text) is not None:
        return _problem(spec, "invalid",
                        f"رقم الهوية في خانة {ar} غير صحيح؛ راجع الأرقام العشرة كما في البطاقة.",
                        f"The {the} is not a valid ID number. Check each of its 10 digits.")
    if spec.kind is FieldKind.MOBILE:
        if check_mobile(text) is not None:
            return _problem(spec, "invalid",
                            "أدخل رقم جوال يبدأ بـ05 ويتكون من 10 أرقام، مثل 0551234567.",
                            "Enter a mobile number that starts with 05 and has 10 digits, "
                            "like 0551234567.")
        text = parse_mobile(text).value
    if spec.kind is FieldKind.CHOICE and text not in {c.value for c in spec.choices}:
        return _problem(spec, "invalid_choice", f"اختر {ar} من الخيارات المعروضة.",
                        f"Choose the {the} from the options shown.")
    if spec.kind is FieldKind.DATE:
        try:
            date.fromisoformat(text)
        except ValueError:
            return _problem(spec, "invalid",
                            f"أدخل تاريخًا صحيحًا في خانة {ar} بهذا الشكل: 2026-12-31.",
                            f"Enter the {the} as a real date, like 2026-12-31.")
    if spec.kind is FieldKind.TEXT:
        problem = _check_length(spec, text)
        if problem is not None:
            return problem
    if spec.pattern is not None and not _full_match(spec.pattern, text):
        return _pattern_problem(spec)
    return None


def _check_number(spec: FieldSpec, text: str) -> Problem | None:
    ar, en, the = spec.label_ar, spec.label_en, _in_sentence(spec.label_en)
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return _problem(spec, "invalid", f"أدخل رقمًا صحيحًا بالأرقام فقط في خانة {ar}.",
                        f"Enter the {the} as a whole number, in digits.")
    number = int(text)
    if spec.min is not None and spec.max is not None and not spec.min <= number <= spec.max:
        return _problem(spec, "out_of_range",
                        f"أدخل رقمًا من {spec.min} إلى {spec.max} في خانة {ar}.",
                        f"{en} must be between {spec.min} and {spec.max}.")
    if spec.min is not None and number < spec.min:
        return _problem(spec, "out_of_range", f"أدخل رقمًا لا يقل عن {spec.min} في خانة {ar}.",
                        f"{en} must be {spec.min} or more.")
    if spec.max is not None and number > spec.max:
        return _problem(spec, "out_of_range", f"أدخل رقمًا لا يزيد على {spec.max} في خانة {ar}.",
                        f"{en} must be {spec.max} or less.")
    return None


def _check_length(spec: FieldSpec, text: str) -> Problem | None:
    ar, en = spec.label_ar, spec.label_en
    low, high = spec.min, spec.max
    if (low is None or len(text) >= low) and (high is None or len(text) <= high):
        return None
    if low is not None and high is not None:
        return _problem(spec, "length",
                        f"أدخل من {low} إلى {arabic_count(high, _AR_LETTERS)} في خانة {ar}.",
                        f"{en} must be {low} to {high} characters long.")
    if low is not None:
        return _problem(spec, "length",
                        f"أدخل {arabic_count(low, _AR_LETTERS)} على الأقل في خانة {ar}.",
                        f"{en} must be at least {low} characters long.")
    assert high is not None
    return _problem(spec, "length",
                    f"أدخل {arabic_count(high, _AR_LETTERS)} على الأكثر في خانة {ar}.",
                    f"{en} must be {high} characters or fewer.")


def _pattern_problem(spec: FieldSpec) -> Problem:
    ar, en, the = spec.label_ar, spec.label_en, _in_sentence(spec.label_en)
    lengths = digit_lengths(spec.pattern)
    if lengths is not None:
        low, high = lengths
        if high == low:
            return _problem(spec, "invalid",
                            f"أدخل {arabic_count(low, _AR_DIGITS)} في خانة {ar}.",
                            f"{en} must be {low} digits.")
        if high is not None:
            return _problem(spec, "invalid",
                            f"أدخل من {low} إلى {arabic_count(high, _AR_DIGITS)} في خانة {ar}.",
                            f"{en} must be {low} to {high} digits.")
        return _problem(spec, "invalid", f"أدخل أرقامًا فقط في خانة {ar}.",
                        f"{en} must be digits only.")
    # Any other shape: the catalogue's own help says what is expected.
    help_ar = spec.help_ar or "ليست بالشكل المطلوب."
    help_en = spec.help_en or "it is not in the expected form."
    return _problem(spec, "invalid", f"تحقّق من {ar}: {help_ar}", f"Check the {the}: {help_en}")


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
