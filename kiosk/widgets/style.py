"""Changing a widget's look by a property the theme selects on (`QLabel[badge="bad"]`).

Qt reads a style sheet's property selectors when a widget is polished, not when the
property changes: a new value shows only once the style unpolishes and polishes the
widget again. One helper does both, so no caller sets the property and forgets the rest.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Sets `widget`'s property `name` and re-applies the style sheet to it."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
