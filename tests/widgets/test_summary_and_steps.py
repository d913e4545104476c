"""The error summary's counted heading and the named step indicator, in both languages
(the Arabic from the kiosk's own compiled translations)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n.translations import QM_FILE
from kiosk.widgets.steps import StepIndicator
from kiosk.widgets.summary import ErrorSummary, problems_heading
from tests.fixtures.kiosk import seen


@pytest.fixture
def arabic(qapp: QApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(("count", "heading"), [
    (1, "يوجد خطأ"), (2, "يوجد خطآن"), (3, "توجد 3 أخطاء"), (10, "توجد 10 أخطاء"),
    (11, "يوجد 11 خطأً"), (100, "يوجد 100 خطأ"),
])
def test_the_arabic_heading_counts_in_the_right_form(
        arabic: None, count: int, heading: str) -> None:
    assert problems_heading(count) == heading


@pytest.mark.parametrize(("count", "heading"), [
    (1, "There is a problem"), (2, "There are 2 problems"), (3, "There are 3 problems"),
])
def test_the_english_heading_counts(qapp: QApplication, count: int, heading: str) -> None:
    assert problems_heading(count) == heading


def test_summary_lists_several_and_says_one_plainly(qtbot: QtBot) -> None:
    summary = ErrorSummary()
    qtbot.addWidget(summary)
    summary.show_problems(None, ["Enter the shop name.", "Choose the district.", "X."])
    assert summary.heading.text() == "There are 3 problems"
    assert summary.items.text().count("•") == 3
    summary.show_problems(None, ["Enter the shop name."])
    assert summary.items.text() == "Enter the shop name."
    summary.show_problems(None, [])
    assert summary.isHidden()


def test_named_steps_count_across_the_journey_with_pages_inside_a_step(
        arabic: None, qtbot: QtBot) -> None:
    steps = StepIndicator()
    qtbot.addWidget(steps)
    steps.show()
    names = ["نوع الرخصة", "التحقق من الهوية", "بيانات الطلب", "مراجعة الإجابات",
             "الرسوم والتقديم"]
    steps.show_steps(names, 3, page=2, pages=7)
    assert seen(steps.caption.text()) == "الخطوة 3 من 5: بيانات الطلب (2 من 7)"
    assert [label.text() for label in steps.name_labels] == names
    assert len(steps.bars) == 5
    steps.show_steps(names, 1)
    assert seen(steps.caption.text()) == "الخطوة 1 من 5: نوع الرخصة"
    # One named step alone shows its pages as the bars.
    steps.show_steps(["التحقق من الهوية"], 1, page=2, pages=3)
    assert seen(steps.caption.text()) == "التحقق من الهوية (2 من 3)"
    assert len(steps.bars) == 3
    assert steps.name_labels == []
    # What an earlier journey drew is gone, not left underneath.
    QApplication.processEvents()
    shown = [child for child in steps.findChildren(QWidget)
             if child.isVisible() and child is not steps.caption]
    assert shown == steps.bars
