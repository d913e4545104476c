"""What every screen is: a widget that labels itself in the current language and can be
wiped back to its first state when a session ends."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Navigation:
    """Which of the shell's header buttons a screen leaves live, and whether the idle
    timeout may end the session while it shows.

    A screen answers with one of the constants below from `Screen.navigation()` and emits
    `navigation_changed` when its answer may have changed; the shell hides what is not
    live and ignores its signals.
    """

    back: bool = True          #: Back steps into the journey
    leave: bool = True         #: Home and "Cancel and end session"
    idle_timeout: bool = True  #: the idle warning and timeout may end the session


#: Every header button live, the idle timeout running (most screens).
FREE = Navigation()
#: The journey is finished (paid, submitted): nothing to step back into.
FINISHED = Navigation(back=False)
#: A device holds the beneficiary's card (or money is moving): only the device's own
#: Cancel may stop it, and nobody is idle while they follow the terminal.
HELD = Navigation(back=False, leave=False, idle_timeout=False)
#: Evidence the beneficiary must keep is on screen (a charge the kiosk could not store):
#: no Back, and no idle timeout may wipe it; they leave when they, or staff, choose.
EVIDENCE = Navigation(back=False, idle_timeout=False)


def fallback_help() -> str:
    """The Help panel's words for a screen that declares none of its own."""
    return QCoreApplication.translate(
        "Screen", "Follow the words on the screen, or call staff and they will help you.")


class Screen(QWidget):
    """Base of all screens. Subclasses build widgets once, then:

    - `retranslate()` sets every visible string (called at start and on LanguageChange);
    - `reset()` empties every field and forgets any beneficiary data it holds;
    - `help_text()` says, in the current language, what this step needs (the shell's Help
      panel shows it). Every screen declares its own; tests/screens checks they do.
    The router reads `show_navigation` to hide the whole header bar (only Home hides it),
    and `navigation()` for which of its buttons stay live in the current state.
    """

    name: str = "screen"
    show_navigation: bool = True
    #: Asks the router to go to another screen by name.
    navigate = Signal(str)
    #: Asks the router to show another screen in this one's place (Back skips this one).
    replace_with = Signal(str)
    #: `navigation()` may answer differently now (the screen's state changed).
    navigation_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("screen", True)
        self.setObjectName(type(self).__name__)

    def retranslate(self) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Default: nothing to wipe. Screens holding personal data override this."""

    def help_text(self) -> str:
        """What this step needs and how to go on, for the Help panel (current language).

        The fallback is for a screen that forgot to say; every screen overrides it.
        """
        return fallback_help()

    def language_code(self) -> str:
        """"ar" or "en": the language on screen now (the shell's LanguageManager sets the
        default locale with it), for picking the server's bilingual texts."""
        return "ar" if QLocale().language() == QLocale.Language.Arabic else "en"

    def handle_back(self) -> bool:
        """Back was pressed: True if the screen stepped back inside itself (a multi-step
        screen), False to let the router leave it."""
        return False

    def navigation(self) -> Navigation:
        """Which header buttons are live now (default: all, and the idle timeout runs)."""
        return FREE

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
