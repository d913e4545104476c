"""Counted sentences on screen, through Qt's plural forms (Arabic has six).

`counted("IdleOverlay", "%n second(s)", 30)` asks Qt for the form of 30 in the language
on screen: "30 ثانية", "3 ثوانٍ", "ثانيتان"... from the six numerus forms written by hand
in kiosk_ar.ts. English has no translation file, so Qt returns the source as written and
`counted` says its "(s)" as English does ("1 second", "30 seconds").

lupdate's Python parser marks a message as plural only when the count in the call is a
literal number, so every counted sentence is also marked below with a literal 1 (that is
what puts its six forms in kiosk_ar.ts); tests/i18n checks each `counted` call has its mark.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def counted(context: str, source: str, n: int) -> str:
    """`source` with `%n` = `n`, in the plural form the language on screen needs."""
    return english_plural(translate(context, source, "", n), n)


def english_plural(text: str, n: int) -> str:
    """A source's "(s)" as English says it for `n`; Arabic text carries none."""
    return text.replace("(s)", "" if n == 1 else "s")


def _marks() -> None:  # pragma: no cover (read by lupdate, never run)
    translate("IdleOverlay", "%n second(s)", "", 1)
    translate("Identify", "Send a new code in %n second(s)", "", 1)
    translate("ErrorSummary", "There are %n problems", "", 1)
    translate("Issue", "There are %n problems with your application", "", 1)
    translate("TechnicianPanel", "%n minute(s)", "", 1)
    translate("TechnicianPanel", "%n hour(s)", "", 1)
    translate("TechnicianPanel", "%n day(s)", "", 1)
    translate("TechnicianPanel", "%n attempt(s)", "", 1)
    translate("TechnicianPin", "Wrong PIN. %n more wrong PIN(s) will lock the door for 15 "
              "minutes.", "", 1)
    translate("TechnicianScreen", "No touch for a while: leaving technician mode in %n "
              "second(s). Touch the screen to stay.", "", 1)
