"""Status words go through the translation file: a translator sees them in kiosk_ar.ts,
the screen shows them through Qt, and the paper the Qt-free flows compose says the same."""

from __future__ import annotations

import enum
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.api.schema import LicenceStatus, StepState, TransactionStatus
from kiosk.flows.track import WORDS, word, word_source
from kiosk.i18n.translations import QM_FILE, TS_FILE, translate
from kiosk.screens.track_parts import status_word

EVERY_WORD = list(WORDS)


def _id(value: enum.Enum) -> str:
    return f"{type(value).__name__}.{value.name}"


@pytest.fixture
def arabic_screen(qapp: QApplication) -> Iterator[None]:
    """Qt's translator installed, as the kiosk does when the screen is in Arabic."""
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    qapp.installTranslator(translator)
    try:
        yield
    finally:
        qapp.removeTranslator(translator)


def _translator_file() -> dict[tuple[str, str], str | None]:
    entries: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") is None
            entries[(context.findtext("name", ""), message.findtext("source", ""))] = (
                translation.text if finished and translation is not None else None)
    return entries


@pytest.mark.parametrize("value", EVERY_WORD, ids=_id)
def test_a_translator_sees_every_status_word(value: enum.Enum) -> None:
    arabic = _translator_file().get(word_source(value))
    assert arabic, f"{word_source(value)} is not translated in {TS_FILE.name}"


@pytest.mark.parametrize("value", EVERY_WORD, ids=_id)
def test_screen_and_paper_say_the_same_word_in_arabic(arabic_screen: None,
                                                      value: enum.Enum) -> None:
    on_screen = status_word(value)
    on_paper = word(value, "ar")
    assert on_screen == on_paper
    assert on_paper != WORDS[value]  # Arabic, not the English source


@pytest.mark.parametrize("value", EVERY_WORD, ids=_id)
def test_screen_and_paper_say_the_same_word_in_english(qapp: QApplication,
                                                       value: enum.Enum) -> None:
    assert status_word(value) == word(value, "en") == WORDS[value]


def test_the_municipalitys_words_are_the_ones_it_uses() -> None:
    assert word(TransactionStatus.UNDER_REVIEW, "ar") == "قيد الدراسة"
    assert word(StepState.REJECTED, "en") == "Rejected"
    assert word(LicenceStatus.SUSPENDED, "ar") == "موقوفة"


def test_a_word_missing_from_the_file_prints_in_english_and_is_reported(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)
    assert translate("LicenceStatus", "Revoked by nobody", "ar") == "Revoked by nobody"
    assert [record.getMessage() for record in caplog.records] == [
        "no Arabic for a marked word"]
