"""The outbox panel: requests waiting to be sent, requests the municipality refused
(each with "Send again"), and the sweep of delivered ones. Renders
`kiosk.technician.outbox_tool.OutboxTool`; shows no personal data (kind, age,
attempts and the class of the last error only)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.requests import RequestKind
from kiosk.domain.text import isolate_ltr
from kiosk.i18n.plural import counted
from kiosk.offline_queue.entry import EntryState
from kiosk.offline_queue.maintenance import EntrySummary
from kiosk.screens.base import label
from kiosk.screens.technician.panel import (
    MARGIN,
    SPACING,
    FlowPanel,
    action,
    age,
    busy_text,
    number,
    row,
    section,
)
from kiosk.technician.outbox_tool import OutboxTool
from kiosk.widgets.layout import clear_layout, list_column

translate = QCoreApplication.translate


def kind_text(kind: str) -> str:
    """A request kind in the technician's words."""
    if kind == RequestKind.SUBMIT_APPLICATION:
        return translate("OutboxPanel", "Licence application")
    if kind == RequestKind.RECORD_PAYMENT:
        return translate("OutboxPanel", "Card payment")
    return isolate_ltr(kind)


def _empty(text: str) -> QLabel:
    shown = label("hint")
    shown.setText(text)
    return shown


class OutboxPanel(FlowPanel):
    """Counts, waiting and refused requests, "Send again" and "Erase delivered data"."""

    def __init__(self, tool: OutboxTool) -> None:
        super().__init__(tool)
        self.tool = tool
        self.counts = label("subtitle")
        self.body.addWidget(self.counts)
        content = QWidget()
        page = QVBoxLayout(content)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(SPACING)
        self.waiting_heading = section(page)
        waiting, self.waiting_list = list_column()
        page.addWidget(waiting)
        self.dead_heading = section(page)
        dead, self.dead_list = list_column()
        page.addWidget(dead)
        self.purge_button = action("outbox-purge")
        page.addWidget(row(self.purge_button))
        self.purge_result = label("hint")
        self.purge_result.hide()
        page.addWidget(self.purge_result)
        page.addStretch(1)
        # No scroll area of its own: the technician screen scrolls as a whole.
        self.body.addWidget(content, 1)
        # "Send again" of each refused entry shown, by entry id.
        self.retry_buttons: dict[int, QWidget] = {}
        self.purge_button.clicked.connect(tool.purge)
        self.retranslate()

    def title(self) -> str:
        return translate("OutboxPanel", "Outbox")

    def refresh(self) -> None:
        self.tool.refresh()

    def show_state(self) -> None:
        tool = self.tool
        view = tool.view
        self.show_notice(tool.notice)
        self.waiting_heading.setText(translate("OutboxPanel", "Waiting to be sent"))
        self.dead_heading.setText(translate("OutboxPanel", "Refused by the municipality"))
        self.purge_button.setText(translate("OutboxPanel", "Erase the data of delivered "
                                            "requests"))
        self.purge_button.setEnabled(not tool.busy)
        if tool.purged is None:
            self.purge_result.hide()
        else:
            self.purge_result.setText(translate(
                "OutboxPanel", "Done: %1 delivered requests still held data; it is erased.")
                .replace("%1", number(tool.purged)))
            self.purge_result.show()
        clear_layout(self.waiting_list)
        clear_layout(self.dead_list)
        self.retry_buttons = {}
        if view is None:
            self.counts.setText(busy_text())
            return
        self.counts.setText(translate("OutboxPanel", "Waiting: %1   Refused: %2   "
                                      "Delivered: %3")
                            .replace("%1", number(view.counts[EntryState.PENDING]
                                                  + view.counts[EntryState.IN_FLIGHT]))
                            .replace("%2", number(view.counts[EntryState.DEAD]))
                            .replace("%3", number(view.counts[EntryState.DELIVERED])))
        for entry in view.waiting:
            self.waiting_list.addWidget(self._card(entry))
        if not view.waiting:
            self.waiting_list.addWidget(_empty(translate("OutboxPanel", "Nothing waits.")))
        for entry in view.dead:
            self.dead_list.addWidget(self._card(entry))
        if not view.dead:
            self.dead_list.addWidget(_empty(translate("OutboxPanel", "Nothing refused.")))

    def _card(self, entry: EntrySummary) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        line = QHBoxLayout(card)
        line.setContentsMargins(MARGIN // 2, MARGIN // 2, MARGIN // 2, MARGIN // 2)
        line.setSpacing(SPACING)
        words = label()
        parts = [
            kind_text(entry.kind),
            translate("OutboxPanel", "number %1").replace("%1", number(entry.id)),
            translate("OutboxPanel", "queued %1 ago").replace("%1", age(entry.age_s)),
            counted("TechnicianPanel", "%n attempt(s)", entry.attempts),
        ]
        if entry.error_class:
            parts.append(translate("OutboxPanel", "last error: %1")
                         .replace("%1", isolate_ltr(entry.error_class)))
        words.setText(translate("OutboxPanel", ", ").join(parts))
        line.addWidget(words, 1)
        retried = self.tool.retried.get(entry.id)
        if entry.state is EntryState.DEAD:
            again = action(f"outbox-retry-{entry.id}", "primary")
            again.setText(translate("OutboxPanel", "Send again"))
            again.setEnabled(not self.tool.busy)
            again.clicked.connect(functools.partial(self.tool.retry, entry.id))
            self.retry_buttons[entry.id] = again
            line.addWidget(again)
            if retried is False:
                words.setText(words.text() + "\n" + translate(
                    "OutboxPanel", "It could not be sent again: it is no longer refused."))
        elif retried:
            words.setText(words.text() + "\n" + translate(
                "OutboxPanel", "Sent again: it will go out shortly."))
        return card
