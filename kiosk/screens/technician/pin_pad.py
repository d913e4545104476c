"""The technician PIN pad: the only way from the hidden door into technician mode.

The digits are masked as they are typed. It says how many tries are left after a wrong
PIN, and until when the door is locked after too many; a beneficiary who reached it by
chance taps Cancel (or walks away: the idle timeout brings Home back).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from kiosk.domain.text import isolate_ltr
from kiosk.i18n.plural import counted
from kiosk.screens.base import Navigation, Screen
from kiosk.screens.forms import FieldPage
from kiosk.widgets.fields import FieldKind

translate = QCoreApplication.translate

# No Back (nothing to go back to), no header Home (Cancel is on the page); idle ends it.
PIN_PAD = Navigation(back=False, leave=False, idle_timeout=True)


def local_time(moment: datetime) -> str:
    """`moment` as the kiosk's clock shows it (HH:MM), isolated for Arabic text."""
    return isolate_ltr(moment.astimezone().strftime("%H:%M"))


class PinPadScreen(Screen):
    """Asks for the technician PIN; the journey checks it and answers with `show_*`."""

    name = "technician_pin"
    show_navigation = False
    # The PIN typed, when Open (or Enter) is pressed.
    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.page = FieldPage(FieldKind.PIN)
        self.field = self.page.field
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_button = self.page.continue_button
        self.cancel_button = self.page.extra_button
        self.cancel_button.show()
        self._tries_left: int | None = None
        self._locked_until: datetime | None = None
        self._checking = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 32, 96, 32)
        layout.addWidget(self.page)
        self.open_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.cancelled)

    def _submit(self) -> None:
        pin = self.field.text()
        if not pin or self._checking or self._locked_until is not None:
            return
        self.field.clear()
        self.show_checking()
        self.submitted.emit(pin)

    def show_checking(self) -> None:
        self._checking = True
        self._render()

    def show_wrong(self, tries_left: int) -> None:
        self._checking, self._tries_left, self._locked_until = False, tries_left, None
        self._render()

    def show_locked(self, until: datetime) -> None:
        self._checking, self._tries_left, self._locked_until = False, None, until
        self._render()

    def show_ready(self) -> None:
        """Nothing to report: the pad waits for a PIN."""
        self._checking, self._tries_left, self._locked_until = False, None, None
        self._render()

    @property
    def locked(self) -> bool:
        return self._locked_until is not None

    def _render(self) -> None:
        locked = self._locked_until is not None
        self.field.setEnabled(not locked and not self._checking)
        self.open_button.setEnabled(not locked and not self._checking)
        self.open_button.setText(translate("TechnicianPin", "Checking…") if self._checking
                                 else translate("TechnicianPin", "Open"))
        if self._locked_until is not None:
            self.page.set_error(translate(
                "TechnicianPin", "Too many wrong PINs. The technician door is locked until "
                "%1.").replace("%1", local_time(self._locked_until)))
        elif self._tries_left is not None:
            self.page.set_error(counted(
                "TechnicianPin", "Wrong PIN. %n more wrong PIN(s) will lock the door for 15 "
                "minutes.", self._tries_left))
        else:
            self.page.set_error(None)
        if not locked and not self._checking and self.isVisible():
            self.field.setFocus()

    def retranslate(self) -> None:
        self.page.title.setText(translate("TechnicianPin", "Technician access"))
        self.page.hint.setText(translate(
            "TechnicianPin", "For the municipality's technicians only. Enter your PIN to "
            "service this kiosk. If you opened this page by chance, tap Cancel."))
        self.page.field_label.setText(translate("TechnicianPin", "Technician PIN"))
        self.cancel_button.setText(translate("TechnicianPin", "Cancel"))
        self._render()

    def help_text(self) -> str:
        return translate(
            "TechnicianPin", "This page is for technicians servicing the kiosk. If you are "
            "here by chance, tap Cancel to go back to the services.")

    def navigation(self) -> Navigation:
        return PIN_PAD

    def entered(self) -> None:
        if not self.locked:
            self.field.setFocus()

    def reset(self) -> None:
        self.field.clear()
        self.show_ready()
