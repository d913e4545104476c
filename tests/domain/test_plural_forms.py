"""Arabic's six plural forms, chosen as Qt chooses them for the screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.domain.text import arabic_plural_form
from kiosk.i18n.build import release

FORMS = "".join(f"<numerusform>form {i}</numerusform>" for i in range(6))
TS = ('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="ar">'
      '<context><name>Count</name><message numerus="yes"><source>%n thing(s)</source>'
      f"<translation>{FORMS}</translation></message></context></TS>")


def test_the_form_for_each_count_is_the_one_qt_picks(qapp: QApplication,
                                                    tmp_path: Path) -> None:
    """The sandbox's Arabic (no Qt) must count as the screens do: Qt is the reference."""
    ts, qm = tmp_path / "count_ar.ts", tmp_path / "count_ar.qm"
    ts.write_text(TS, encoding="utf-8")
    release(ts, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        for n in range(1250):
            picked = QCoreApplication.translate("Count", "%n thing(s)", "", n)
            assert picked == f"form {arabic_plural_form(n)}", n
    finally:
        qapp.removeTranslator(translator)
