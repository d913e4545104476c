"""What every screen is: a widget that labels itself in the current language and can be
wiped back to its first state when a session ends."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


class Screen(QWidget):
    """Base of all screens. Subclasses build widgets once, then:

    - `retranslate()` sets every visible string (called at start and on LanguageChange);
    - `reset()` empties every field and forgets any beneficiary data it holds.
    The router reads `show_navigation` to hide Back/Cancel (only Home hides them).
    """

    name: str = "screen"
    show_navigation: bool = True
    #: Asks the router to go to another screen by name.
    navigate = Signal(str)
    #: Asks the router to show another screen in this one's place (Back skips this one).
    replace_with = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("screen", True)
        self.setObjectName(type(self).__name__)

    def retranslate(self) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Default: nothing to wipe. Screens holding personal data override this."""

    def language_code(self) -> str:
        """"ar" or "en": the language on screen now (the shell's LanguageManager sets the
        default locale with it), for picking the server's bilingual texts."""
        return "ar" if QLocale().language() == QLocale.Language.Arabic else "en"

    def handle_back(self) -> bool:
        """Back was pressed: True if the screen stepped back inside itself (a multi-step
        screen), False to let the router leave it."""
        return False

    def entered(self) -> None:
        """Called each time the router shows this screen (focus a field, refresh)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def label(role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel()
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget


def button(role: str | None = None) -> QPushButton:
    widget = QPushButton()
    if role:
        widget.setProperty("role", role)
    # Never narrower than its words: a squeezed row would clip them ("Show its pro").
    widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    return widget
