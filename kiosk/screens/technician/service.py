"""The Service tool: take the kiosk out of service with a reason the public reads, put it
back, restart the kiosk app."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.text import isolate_runs
from kiosk.flows.base import Runner
from kiosk.screens.base import button, label
from kiosk.technician.site_hold import PRESET_REASONS, Reason, SiteHold, typed_reason
from kiosk.widgets.fields import FieldKind, KioskLineEdit

translate = QCoreApplication.translate


class ServicePanel(QWidget):
    """A tool panel (`ToolPanel`) over the technician's `SiteHold` and a `restart`."""

    def __init__(self, site: SiteHold, runner: Runner, restart: Callable[[], None]) -> None:
        super().__init__()
        self._site = site
        self._runner = runner
        self._restart = restart
        self._restart_armed = False
        self._busy = False
        self._problem = ""
        self.heading = label("subtitle")
        self.state = label()
        self.reasons_label = label("hint")
        self.reason_buttons: list[QPushButton] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addWidget(self.reasons_label)
        for index, _reason in enumerate(PRESET_REASONS):
            choice = button()
            choice.setCheckable(True)
            choice.setObjectName(f"reason-{index}")
            self._group.addButton(choice, index)
            self.reason_buttons.append(choice)
            layout.addWidget(choice, alignment=Qt.AlignmentFlag.AlignLeft)
        self.typed_label = QLabel()
        self.typed_field = KioskLineEdit(FieldKind.TEXT)
        self.typed_field.setMinimumWidth(560)
        self.typed_field.textEdited.connect(self._typed)
        self.error = label("error")
        self.error.hide()
        self.take_out_button = button("danger")
        self.put_back_button = button("primary")
        self.restart_hint = label("hint")
        self.restart_button = button()
        layout.addWidget(self.typed_label)
        layout.addWidget(self.typed_field, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(self.take_out_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.put_back_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(24)
        layout.addWidget(self.restart_hint)
        layout.addWidget(self.restart_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.typed_field.submitted.connect(self.take_out_button.click)
        self.take_out_button.clicked.connect(self._take_out)
        self.put_back_button.clicked.connect(self._put_back)
        self.restart_button.clicked.connect(self._restart_tapped)

    def title(self) -> str:
        return translate("TechnicianService", "Service")

    def _typed(self, _text: str) -> None:
        # Typing a reason replaces a chosen one.
        checked = self._group.checkedButton()
        if checked is not None:
            self._group.setExclusive(False)
            checked.setChecked(False)
            self._group.setExclusive(True)

    def chosen_reason(self) -> Reason | None:
        index = self._group.checkedId()
        if index >= 0:
            return PRESET_REASONS[index]
        return typed_reason(self.typed_field.text())

    def _take_out(self) -> None:
        reason = self.chosen_reason()
        if reason is None:
            self._problem = "reason"
            self._render()
            return
        self._run(lambda: self._site.take_out(reason))

    def _put_back(self) -> None:
        self._run(self._site.put_back)

    def _run(self, work: Callable[[], object]) -> None:
        self._busy = True
        self._problem = ""
        self._render()
        self._runner.submit(work, lambda _result: self._done(""),
                            lambda _error: self._done("storage"))

    def _done(self, problem: str) -> None:
        self._busy = False
        self._problem = problem
        if not problem:
            self.typed_field.clear()
            self._group.setExclusive(False)
            for choice in self.reason_buttons:
                choice.setChecked(False)
            self._group.setExclusive(True)
        self._render()

    def _restart_tapped(self) -> None:
        if not self._restart_armed:
            self._restart_armed = True
            self._render()
            return
        self._restart_armed = False
        self.restart_button.setEnabled(False)
        self._restart()

    def refresh(self) -> None:
        self._restart_armed = False
        self._problem = ""
        self.restart_button.setEnabled(True)
        self._render()

    def _render(self) -> None:
        hold = self._site.current
        language_ar = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if hold is None:
            self.state.setText(translate(
                "TechnicianService", "The kiosk will serve the public when you leave."))
        else:
            reason = (hold.reason_ar or hold.reason_en) if language_ar else (
                hold.reason_en or hold.reason_ar)
            self.state.setText(translate(
                "TechnicianService", "Out of service until a technician puts it back. The "
                "public reads: %1").replace("%1", isolate_runs(reason) or "—"))
        others = [h.source for h in self._site.service.holds
                  if h.source not in ("site", "technician")]
        if others:
            self.state.setText(self.state.text() + "\n" + translate(
                "TechnicianService", "Also held out of service by another part of the kiosk "
                "(see Status); putting it back here does not lift that."))
        for choice, preset in zip(self.reason_buttons, PRESET_REASONS, strict=True):
            choice.setText(preset.ar if language_ar else preset.en)
        if self._problem == "reason":
            self.error.setText(translate("TechnicianService",
                                         "Choose a reason, or type one (up to 120 letters)."))
        elif self._problem == "storage":
            self.error.setText(translate("TechnicianService", "This could not be saved on the "
                                         "kiosk's storage. Nothing changed."))
        self.error.setVisible(bool(self._problem))
        self.take_out_button.setEnabled(not self._busy)
        self.put_back_button.setVisible(hold is not None)
        self.put_back_button.setEnabled(not self._busy)
        self.restart_button.setText(
            translate("TechnicianService", "Tap again to restart now") if self._restart_armed
            else translate("TechnicianService", "Restart the kiosk app"))

    def retranslate(self) -> None:
        self.heading.setText(translate("TechnicianService", "Out of service"))
        self.reasons_label.setText(translate(
            "TechnicianService", "The public will read this reason on the screen:"))
        self.typed_label.setText(translate("TechnicianService", "Or type a reason"))
        self.take_out_button.setText(translate("TechnicianService", "Take out of service"))
        self.put_back_button.setText(translate("TechnicianService", "Put back in service"))
        self.restart_hint.setText(translate(
            "TechnicianService", "Restarting the app takes under a minute. Requests already "
            "accepted are kept."))
        self._render()
