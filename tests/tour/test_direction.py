"""Every number, reference, date and Latin word on an Arabic screen keeps its order.

Each tour step is shown in Arabic and every visible label, button and field hint is read:
a run of digits or Latin letters that no left-to-right isolate (LRI ... PDI) holds would
be reordered by the bidirectional algorithm ("1447-000101" read as "000101-1447"). A
widget laid out left to right by design (the digits of the numeric pad, a digits-only
field) keeps its order without isolates and is not read.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.config import Language
from kiosk.domain.text import unisolated_runs
from kiosk.tour import all_steps
from kiosk.tour.steps import TourContext, TourStep
from tests.tour.conftest import TourOf

_TAG = re.compile(r"<[^>]+>")


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        text = widget.text()
        return [_TAG.sub(" ", text) if widget.textFormat() != Qt.TextFormat.PlainText
                and "<" in text else text]
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLineEdit):
        # What was typed is laid out by the field in its own direction (digits, "+966",
        # dates run left to right in an Arabic box: tests/widgets/test_fields.py); only
        # the placeholder is the kiosk's text inside an Arabic paragraph.
        return [widget.placeholderText()]
    return []


def unisolated_on_screen(window: QWidget) -> list[str]:
    """`widget class: text` for each visible text with a run no isolate holds."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if widget.layoutDirection() == Qt.LayoutDirection.LeftToRight:
            continue
        for text in _texts(widget):
            runs = unisolated_runs(text)
            if runs:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: "
                             f"{text!r} (unisolated {runs})")
    return found


def _checked(step: TourStep, problems: dict[str, list[str]]) -> TourStep:
    def setup(tour: TourContext) -> None:
        step.setup(tour)
        tour.settle()
        assert tour.kiosk.language.current is Language.ARABIC
        found = unisolated_on_screen(tour.kiosk.window)
        if found:
            problems[step.name] = found

    return replace(step, setup=setup)


# The whole tour (hundreds of screens) runs inside this one test; under coverage on a
# busy 2-core machine that takes longer than the suite's per-test bound.
@pytest.mark.timeout(900)
def test_no_number_or_latin_word_reaches_an_arabic_screen_unisolated(tour_of: TourOf) -> None:
    problems: dict[str, list[str]] = {}
    steps = all_steps(with_journeys=True)
    written = tour_of([_checked(step, problems) for step in steps])
    assert len(written) == 2 * len(steps)  # every step ran (a failing one is skipped)
    assert not problems, "\n".join(f"{name}: {line}" for name, lines in problems.items()
                                   for line in lines)
