"""The printer panel: the printer's state, a test receipt, the paper-change assistant
and the last failed print. Renders `kiosk.technician.printer_tool.PrinterTool`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.devices.printer.status import PrinterState, PrinterStatus
from kiosk.screens.base import label
from kiosk.screens.technician.panel import FlowPanel, action, at, busy_text, row, section
from kiosk.technician.printer_tool import PaperStep, PrinterTool

translate = QCoreApplication.translate

# How often the paper-change assistant asks the printer while it waits.
POLL_MS = 1000


def state_text(status: PrinterStatus) -> str:
    """The printer's state in one short sentence, in the language on show."""
    state = status.state
    if state is PrinterState.READY:
        return translate("PrinterPanel", "Ready to print")
    if state is PrinterState.PAPER_NEAR_END:
        return translate("PrinterPanel", "Ready to print; the paper roll is nearly finished")
    if state is PrinterState.PAPER_OUT:
        return translate("PrinterPanel", "Out of paper")
    if state is PrinterState.COVER_OPEN:
        return translate("PrinterPanel", "The cover is open")
    if state is PrinterState.OFFLINE:
        return translate("PrinterPanel", "Offline")
    if state is PrinterState.FAULT:
        return translate("PrinterPanel", "The printer reports a fault (cutter or mechanism)")
    return translate("PrinterPanel", "The printer does not answer: check its cable and power")


class PrinterPanel(FlowPanel):
    """State, test print, paper change, last error."""

    def __init__(self, tool: PrinterTool) -> None:
        super().__init__(tool)
        self.tool = tool
        self.state_heading = section(self.body)
        self.state = label("subtitle")
        self.checked = label("hint")
        self.last_error = label()
        for widget in (self.state, self.checked, self.last_error):
            self.body.addWidget(widget)

        self.test_button = action("printer-test-print", "primary")
        self.paper_button = action("printer-paper-change")
        self.check_button = action("printer-check")
        self.action_row = row(self.test_button, self.paper_button, self.check_button)
        self.body.addWidget(self.action_row)
        self.test_result = label()
        self.test_result.hide()
        self.body.addWidget(self.test_result)

        self.assistant = QFrame()
        self.assistant.setObjectName("Card")
        inside = QVBoxLayout(self.assistant)
        inside.setContentsMargins(24, 24, 24, 24)
        inside.setSpacing(16)
        self.assistant_heading = section(inside)
        self.assistant_step = label("subtitle")
        self.assistant_state = label("hint")
        self.assistant_button = action("printer-paper-finish")
        inside.addWidget(self.assistant_step)
        inside.addWidget(self.assistant_state)
        inside.addWidget(row(self.assistant_button))
        self.assistant.hide()
        self.body.addWidget(self.assistant)
        self.body.addStretch(1)

        self.test_button.clicked.connect(tool.print_test)
        self.paper_button.clicked.connect(tool.start_paper_change)
        self.check_button.clicked.connect(tool.refresh)
        self.assistant_button.clicked.connect(tool.cancel_paper_change)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(tool.poll)
        self.retranslate()

    def title(self) -> str:
        return translate("PrinterPanel", "Printer")

    def refresh(self) -> None:
        self.tool.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self._follow_assistant()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Nobody watches the assistant from another panel: stop asking the printer.
        self._poll.stop()
        super().hideEvent(event)

    def show_state(self) -> None:
        tool = self.tool
        self.state_heading.setText(translate("PrinterPanel", "State"))
        self.test_button.setText(translate("PrinterPanel", "Print a test receipt"))
        self.paper_button.setText(translate("PrinterPanel", "Change the paper roll"))
        self.check_button.setText(translate("PrinterPanel", "Check again"))
        self.show_notice(tool.notice)
        if not tool.configured:
            self.state.setText(translate("PrinterPanel", "No printer is configured on this "
                                         "kiosk (it shows receipts as QR codes)."))
        elif tool.status is None:
            self.state.setText(busy_text())
        else:
            self.state.setText(state_text(tool.status))
        self.checked.setVisible(tool.checked_at is not None)
        if tool.checked_at is not None:
            self.checked.setText(translate("PrinterPanel", "Asked at %1")
                                 .replace("%1", at(tool.checked_at)))
        self._render_last_error()
        self._render_test()
        self._render_assistant()
        # While the assistant waits, it is the one thing to do: its own button stops it.
        self.action_row.setVisible(not tool.waiting_for_paper)
        for widget in (self.test_button, self.paper_button, self.check_button):
            widget.setEnabled(not tool.busy and tool.configured)
        self._follow_assistant()

    def _render_last_error(self) -> None:
        last = self.tool.last_error
        if last is None:
            self.last_error.setText(translate("PrinterPanel",
                                              "No failed print since the kiosk started."))
            return
        error, moment = last
        self.last_error.setText(translate("PrinterPanel", "Last failed print at %1: %2")
                                .replace("%1", at(moment))
                                .replace("%2", error.text(self.language_code())))

    def _render_test(self) -> None:
        tool, shown = self.tool, self.test_result
        check = tool.check
        if tool.busy and check is None:
            shown.setText(busy_text())
        elif check is None:
            shown.hide()
            return
        elif check.printed:
            shown.setText(translate(
                "PrinterPanel", "Test receipt printed. Check it: Arabic joined and right to "
                "left, the QR code scans, the paper is cut."))
        elif check.error is not None:
            shown.setText(translate("PrinterPanel", "Test receipt not printed: %1")
                          .replace("%1", check.error.text(self.language_code())))
        else:
            shown.setText(translate("PrinterPanel", "Test receipt not printed: %1")
                          .replace("%1", state_text(check.before)))
        shown.setProperty("role", "error" if check is not None and not check.printed else None)
        shown.style().polish(shown)
        shown.show()

    def _render_assistant(self) -> None:
        step = self.tool.paper
        self.assistant.setVisible(step is not PaperStep.IDLE)
        self.assistant_heading.setText(translate("PrinterPanel", "Paper change"))
        status = self.tool.status
        self.assistant_state.setText(
            translate("PrinterPanel", "The printer says: %1").replace(
                "%1", state_text(status) if status is not None else busy_text()))
        if step is PaperStep.OPEN:
            self.assistant_step.setText(translate(
                "PrinterPanel", "1. Open the printer cover and take out the old roll."))
        elif step is PaperStep.LOAD:
            self.assistant_step.setText(translate(
                "PrinterPanel", "2. Put in the new roll with the paper coming off the bottom, "
                "pull a little paper out through the slot and close the cover. Waiting for "
                "the printer to report paper…"))
        elif step is PaperStep.DONE:
            self.assistant_step.setText(translate(
                "PrinterPanel", "Done: the printer has paper again and is ready to print."))
        if step is PaperStep.DONE:
            self.assistant_button.setText(translate("PrinterPanel", "Close"))
        else:
            self.assistant_button.setText(translate("PrinterPanel", "Stop waiting"))

    def _follow_assistant(self) -> None:
        if self.tool.waiting_for_paper and self.isVisible():
            if not self._poll.isActive():
                self._poll.start()
        else:
            self._poll.stop()
