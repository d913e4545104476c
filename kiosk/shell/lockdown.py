"""Keeps a beneficiary inside the kiosk: no key escapes to the desktop, no cursor shown.

Under the kiosk compositor (cage) there is no desktop to escape to, but a USB keyboard
left on a kiosk must still not close or switch the app. Technicians use `--windowed`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

_BLOCKED_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_F4,       # Alt+F4
    Qt.Key.Key_Tab,      # only with Alt/Meta, see below
    Qt.Key.Key_Q,        # Ctrl+Q
    Qt.Key.Key_W,        # Ctrl+W
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Menu,
    Qt.Key.Key_F11,
}
_ESCAPE_MODIFIERS = (
    Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_escape_key(event: QKeyEvent) -> bool:
    """True for the key presses that would leave or close a kiosk app."""
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in (Qt.Key.Key_Escape, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Meta,
               Qt.Key.Key_Menu, Qt.Key.Key_F11):
        return True
    return key in _BLOCKED_KEYS and bool(modifiers & _ESCAPE_MODIFIERS)


class EscapeKeyFilter(QObject):
    """Application-wide filter that swallows escape keys (installed in kiosk mode only)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            return is_escape_key(event)
        return False
