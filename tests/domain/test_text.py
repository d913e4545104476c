"""Direction isolates: references, masks, amounts and Latin words keep their order in Arabic."""

from __future__ import annotations

import pytest

from kiosk.domain.text import (
    LRI,
    PDI,
    RLI,
    isolate_ltr,
    isolate_runs,
    isolate_template,
    unbroken,
    unisolated_runs,
)


@pytest.mark.parametrize(("text", "run"), [
    ("مثل 1447-000101.", "1447-000101"),
    ("أرسلنا الرمز إلى 055*****05.", "055*****05"),
    ("البطاقة: mada •••• 4417", "mada •••• 4417"),
    ("الرسوم 1,234.50 ر.س", "1,234.50"),
    ("منتهي منذ 2026-10-20. جدّده", "2026-10-20"),
    ("************1234", "************1234"),
])
def test_each_left_to_right_run_becomes_one_isolate(text: str, run: str) -> None:
    assert unisolated_runs(text)
    isolated = isolate_runs(text)
    assert f"{LRI}{run}{PDI}" in isolated
    assert unisolated_runs(isolated) == []
    assert isolate_runs(isolated) == isolated  # applying it twice changes nothing


def test_isolating_a_value_twice_wraps_it_once() -> None:
    assert isolate_ltr(isolate_ltr("INV-1447-000202")) == f"{LRI}INV-1447-000202{PDI}"
    assert isolate_ltr("") == ""


def test_a_run_inside_a_right_to_left_isolate_is_still_unisolated() -> None:
    assert unisolated_runs(f"{RLI}الخطوة 2{PDI}") == ["2"]
    assert unisolated_runs(f"{RLI}الخطوة {LRI}2{PDI}{PDI}") == []


def test_a_template_keeps_its_placeholders_for_values_and_isolates_counts() -> None:
    template = isolate_template("الخطوة %1 من %2: 10 أرقام، خلال %n ثانية")
    assert "%1" in template
    assert "%2" in template
    assert f"{LRI}10{PDI}" in template
    assert f"{LRI}%n{PDI}" in template


def test_unbroken_text_has_no_breakable_space() -> None:
    assert " " not in unbroken("23 نوفمبر 2026 م")
