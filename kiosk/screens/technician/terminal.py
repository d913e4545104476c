"""The card-terminal panel: the link, reconnect, and settling a purchase whose outcome
the kiosk never heard. Renders `kiosk.technician.terminal_tool.TerminalTool`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_ltr
from kiosk.screens.base import label
from kiosk.screens.technician.panel import FlowPanel, action, busy_text, row, section
from kiosk.technician.terminal_tool import Resolution, Settlement, TerminalTool

translate = QCoreApplication.translate


class TerminalPanel(FlowPanel):
    """Link state, reconnect, settle the open purchase, the last result."""

    def __init__(self, tool: TerminalTool) -> None:
        super().__init__(tool)
        self.tool = tool
        self.link_heading = section(self.body)
        self.link = label("subtitle")
        self.detail = label("hint")
        self.open_purchase = label("error")
        for widget in (self.link, self.detail, self.open_purchase):
            self.body.addWidget(widget)
        self.resolve_button = action("terminal-resolve", "primary")
        self.reconnect_button = action("terminal-reconnect")
        self.check_button = action("terminal-check")
        self.body.addWidget(row(self.resolve_button, self.reconnect_button, self.check_button))
        self.result_heading = section(self.body)
        self.result = label()
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self.resolve_button.clicked.connect(tool.resolve)
        self.reconnect_button.clicked.connect(tool.reconnect)
        self.check_button.clicked.connect(tool.refresh)
        self.retranslate()

    def title(self) -> str:
        return translate("TerminalPanel", "Card terminal")

    def refresh(self) -> None:
        self.tool.refresh()

    def show_state(self) -> None:
        tool = self.tool
        self.link_heading.setText(translate("TerminalPanel", "Link"))
        self.result_heading.setText(translate("TerminalPanel", "Last result"))
        self.resolve_button.setText(translate("TerminalPanel", "Settle the open purchase"))
        self.reconnect_button.setText(translate("TerminalPanel", "Reconnect"))
        self.check_button.setText(translate("TerminalPanel", "Check again"))
        self.show_notice(tool.notice)
        link = tool.link
        self.detail.hide()
        if link is None:
            self.link.setText(busy_text())
        elif link.up:
            self.link.setText(translate("TerminalPanel", "Connected: terminal %1 (%2)")
                              .replace("%1", isolate_ltr(link.terminal_id or "-"))
                              .replace("%2", isolate_ltr(link.model or "-")))
        else:
            self.link.setText(translate("TerminalPanel",
                                        "Not answering: check its cable and power, then "
                                        "press Reconnect."))
            # The driver's own words (port, what failed): technical, left to right.
            self.detail.setText(isolate_ltr(link.detail))
            self.detail.show()
        self.open_purchase.setVisible(link is not None and link.purchase_open)
        self.open_purchase.setText(translate(
            "TerminalPanel", "A purchase is waiting to be settled: card payments stay "
            "closed until it is. Settle it here."))
        self.result.setText(busy_text() if tool.busy and tool.link is not None
                            else self._resolution_text(tool.resolution))
        for button in (self.resolve_button, self.reconnect_button, self.check_button):
            button.setEnabled(not tool.busy)

    def _resolution_text(self, resolution: Resolution | None) -> str:
        if resolution is None:
            return translate("TerminalPanel", "Nothing settled since this panel opened.")
        arabic = self.language_code() == "ar"
        amount = format_sar(resolution.amount_halalas or 0, arabic=arabic)
        code = isolate_ltr(resolution.approval_code or "-")
        settlement = resolution.settlement
        if settlement is Settlement.NOTHING_OPEN:
            text = translate("TerminalPanel", "No purchase was waiting to be settled.")
        elif settlement is Settlement.STILL_OPEN:
            text = translate(
                "TerminalPanel", "The terminal could not be asked: the purchase of %1 is "
                "still open. Check the cable and try again. Do not charge the card again.")
        elif settlement is Settlement.APPROVED_KEPT:
            text = translate(
                "TerminalPanel", "Approved: %1 was charged (approval code %2). The payment "
                "is kept in the outbox and will be sent to the municipality.")
        elif settlement is Settlement.APPROVED_SENT:
            text = translate(
                "TerminalPanel", "Approved: %1 was charged (approval code %2). The "
                "municipality has the payment already.")
        elif settlement is Settlement.APPROVED_NOT_KEPT:
            text = translate(
                "TerminalPanel", "Approved: %1 was charged (approval code %2), but the "
                "payment could not be stored. Note the approval code and report it to the "
                "municipality.")
        elif settlement is Settlement.APPROVED_TEST:
            text = translate(
                "TerminalPanel", "Approved: %1 was charged by a terminal test (approval code "
                "%2); it belongs to no invoice.")
        elif settlement is Settlement.DECLINED:
            text = translate("TerminalPanel", "Declined by the bank: nothing was charged.")
        else:
            text = translate("TerminalPanel", "Not charged: the purchase was cancelled or "
                             "timed out on the terminal.")
        return text.replace("%1", amount).replace("%2", code)
