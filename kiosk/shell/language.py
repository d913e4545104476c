"""Switches the whole kiosk between Arabic (right to left) and English, instantly.

Source strings in the code are English; Arabic comes from the hand-written
assets/i18n/kiosk_ar.qm. Installing or removing the translator makes Qt send a
LanguageChange event to every widget, which re-labels itself; the layout direction flips
with it, so every screen mirrors without being rebuilt.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from kiosk.config_source import Language
from kiosk.domain.text import isolate_template
from kiosk.i18n.translations import QM_FILE

log = logging.getLogger(__name__)


class ArabicTranslator(QTranslator):
    """The hand-written Arabic, with every number and Latin word in it kept in order.

    Each translation goes through `isolate_template` on its way to a widget, so digits a
    translator wrote ("10 أرقام") and Qt's %n counts are direction isolates, as the values
    the code puts into %1 ... %99 are where they are formatted."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        text = super().translate(context, source, disambiguation, n)
        return isolate_template(text) if text else ""


class LanguageManager(QObject):
    """Owns the Arabic translator and the application's layout direction."""

    changed = Signal(str)

    def __init__(self, app: QApplication, default: Language) -> None:
        super().__init__(app)
        self._app = app
        self.default = default
        self._arabic = ArabicTranslator(self)
        if not self._arabic.load(str(QM_FILE)):
            # Without it the kiosk would silently show English to Arabic readers.
            log.error("Arabic translations missing", extra={"path": str(QM_FILE)})
        self._installed = False
        self.current = Language.ENGLISH
        self.set_language(default)

    def set_language(self, language: Language) -> None:
        arabic = language is Language.ARABIC
        if arabic and not self._installed:
            self._app.installTranslator(self._arabic)
            self._installed = True
        elif not arabic and self._installed:
            self._app.removeTranslator(self._arabic)
            self._installed = False
        direction = Qt.LayoutDirection.RightToLeft if arabic else Qt.LayoutDirection.LeftToRight
        self._app.setLayoutDirection(direction)
        spoken = QLocale.Language.Arabic if arabic else QLocale.Language.English
        QLocale.setDefault(QLocale(spoken, QLocale.Country.SaudiArabia))
        changed = language is not self.current
        self.current = language
        if changed:
            self.changed.emit(language.value)

    def toggle(self) -> None:
        self.set_language(
            Language.ENGLISH if self.current is Language.ARABIC else Language.ARABIC
        )

    def reset(self) -> None:
        self.set_language(self.default)

    def detach(self) -> None:
        """Removes the translator from the application (when this kiosk is torn down)."""
        if self._installed:
            self._app.removeTranslator(self._arabic)
            self._installed = False
