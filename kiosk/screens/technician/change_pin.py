"""The technician PIN tool: a new PIN, typed twice. With the development PIN still set,
technician mode opens on this page alone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.pin import MAX_DIGITS, MIN_DIGITS, PinProblem
from kiosk.domain.text import isolate_ltr
from kiosk.flows.base import Runner
from kiosk.screens.base import button, label
from kiosk.widgets.fields import FieldKind, KioskLineEdit
from kiosk.widgets.style import restyle

translate = QCoreApplication.translate

# What the last save came to, besides a refused PIN (a PinProblem).
SAVED = "saved"
FAILED = "failed"


def problem_text(problem: PinProblem) -> str:
    """Why a new PIN was refused, in the language on screen."""
    if problem is PinProblem.MISMATCH:
        return translate("ChangePin", "The two PINs are not the same. Type the new PIN twice.")
    if problem is PinProblem.WEAK:
        return translate("ChangePin", "This PIN is too easy to guess (a repeated digit or a "
                         "run such as 123456). Choose another.")
    return translate("ChangePin", "A technician PIN is %1 to %2 digits.").replace(
        "%1", isolate_ltr(str(MIN_DIGITS))).replace("%2", isolate_ltr(str(MAX_DIGITS)))


class ChangePinPanel(QWidget):
    """A tool panel (`ToolPanel`) that sets a new technician PIN through `change`."""

    # A new PIN was saved.
    changed = Signal()

    def __init__(self, change: Callable[[str, str], PinProblem | None],
                 runner: Runner) -> None:
        super().__init__()
        self._change = change
        self._runner = runner
        self._required = False
        self._busy = False
        self._outcome: str | None = None
        self.heading = label("subtitle")
        self.required_notice = label("error")
        self.required_notice.hide()
        self.hint = label("hint")
        self.new_label = QLabel()
        self.new_field = KioskLineEdit(FieldKind.PIN)
        self.repeat_label = QLabel()
        self.repeat_field = KioskLineEdit(FieldKind.PIN)
        self.message = label()
        self.message.hide()
        self.save_button = button("primary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for widget in (self.heading, self.required_notice, self.hint, self.new_label):
            layout.addWidget(widget)
        for field in (self.new_field, self.repeat_field):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMinimumWidth(420)
        layout.addWidget(self.new_field, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.repeat_label)
        layout.addWidget(self.repeat_field, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.repeat_field.submitted.connect(self.save_button.click)
        self.save_button.clicked.connect(self._save)

    def set_required(self, required: bool) -> None:
        """The development PIN is still set: say this page must be done first."""
        self._required = required
        self.required_notice.setVisible(required)

    def _save(self) -> None:
        if self._busy:
            return
        new, repeat = self.new_field.text(), self.repeat_field.text()
        self.new_field.clear()
        self.repeat_field.clear()
        self._busy = True
        self.save_button.setEnabled(False)
        self._runner.submit(lambda: self._change(new, repeat), self._saved, self._failed)

    def _saved(self, problem: PinProblem | None) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self._outcome = problem if problem is not None else SAVED
        self._render_outcome()
        if problem is not None:
            self.new_field.setFocus()
        else:
            self.changed.emit()

    def _failed(self, _error: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self._outcome = FAILED
        self._render_outcome()

    def _render_outcome(self) -> None:
        """The last save's outcome, in the language on screen now."""
        outcome = self._outcome
        if outcome is None:
            self.message.hide()
            return
        if outcome == SAVED:
            text = translate("ChangePin", "The new PIN is saved. Use it from now on.")
        elif outcome == FAILED:
            text = translate("ChangePin", "The new PIN could not be saved (the kiosk's "
                             "storage refused it). The old PIN still works.")
        else:
            text = problem_text(PinProblem(outcome))
        restyle(self.message, "role", "subtitle" if outcome == SAVED else "error")
        self.message.setText(text)
        self.message.show()

    def title(self) -> str:
        return translate("ChangePin", "Technician PIN")

    def retranslate(self) -> None:
        self.heading.setText(translate("ChangePin", "Change the technician PIN"))
        self.required_notice.setText(translate(
            "ChangePin", "This kiosk still has the development PIN. Choose a new one before "
            "anything else: the kiosk stays out of service until you do."))
        self.hint.setText(translate(
            "ChangePin", "%1 to %2 digits, not an easy pattern such as 123456 or 111111. "
            "Every technician of this kiosk will need the new PIN.")
            .replace("%1", isolate_ltr(str(MIN_DIGITS)))
            .replace("%2", isolate_ltr(str(MAX_DIGITS))))
        self.new_label.setText(translate("ChangePin", "New PIN"))
        self.repeat_label.setText(translate("ChangePin", "New PIN again"))
        self.save_button.setText(translate("ChangePin", "Save the new PIN"))
        self._render_outcome()

    def refresh(self) -> None:
        if not self._busy:
            self._outcome = None
            self._render_outcome()
        self.new_field.clear()
        self.repeat_field.clear()
