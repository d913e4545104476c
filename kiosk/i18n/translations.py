"""The kiosk's translations, read without Qt, for words that Qt-free code puts on paper.

Every visible word goes through one translation file, `assets/i18n/kiosk_ar.ts`: English
source strings in the code, Arabic written by hand, compiled to `kiosk_ar.qm` by
`make translations`, checked complete by `python -m kiosk.i18n.check`. Screens translate
with Qt (`QCoreApplication.translate` and the installed .qm).

Some of those words are also printed, and receipts are composed by the flows, which never
import Qt: a summary's "Under review", "Active" or "Al-Hofuf municipality". Such words are
marked where they are defined with `QT_TRANSLATE_NOOP(context, source)`, which lupdate
extracts into kiosk_ar.ts like any other string (so a translator sees and edits them in
the same place), and `translate(context, source, language)` reads the Arabic back from
that file. The screen asks Qt for the same (context, source), so paper and screen say the
same word (tests/i18n/test_translations.py checks every status in both languages).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from kiosk.domain.text import isolate_template

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
I18N_DIR = ROOT / "assets" / "i18n"
#: What translators edit (lupdate keeps their Arabic across refreshes).
TS_FILE = I18N_DIR / "kiosk_ar.ts"
#: What Qt loads at run time (`kiosk.shell.language`).
QM_FILE = TS_FILE.with_suffix(".qm")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks `source` for lupdate under `context` and returns it unchanged (the English).

    Qt's own marker of the same name, for code that must not import Qt: lupdate reads the
    call in the source text, whatever module defines it.
    """
    del context  # read by lupdate, not at run time
    return source


def translate(context: str, source: str, language: str) -> str:
    """`source` in `language` ("ar" or "en"), as the screens show it: the Arabic with
    its numbers and Latin words isolated, as `kiosk.shell.language.ArabicTranslator` does."""
    if language != "ar":
        return source
    arabic = _arabic().get((context, source))
    if arabic is None:
        # `kiosk.i18n.check` (make lint) stops this from shipping; English beats a blank.
        log.error("no Arabic for a marked word", extra={"context": context, "source": source})
        return source
    return isolate_template(arabic)


@functools.cache
def _arabic() -> dict[tuple[str, str], str]:
    """(context, source) -> Arabic for every finished translation in kiosk_ar.ts."""
    import xml.etree.ElementTree as ET  # only when the first word is printed

    found: dict[tuple[str, str], str] = {}
    root = ET.parse(TS_FILE).getroot()  # noqa: S314 (our own .ts file, not untrusted input)
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            # Unfinished or obsolete entries are left out, as lrelease leaves them out.
            # Counted sentences (numerus forms) are for screens only (`kiosk.i18n.plural`).
            if (translation is None or translation.get("type") is not None
                    or message.get("numerus") == "yes"
                    or not translation.text or source is None):
                continue
            found[(name, source)] = translation.text
    return found
