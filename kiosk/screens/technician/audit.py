"""The Audit tool: the last technician actions, and whether the log still holds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.domain.text import isolate_ltr
from kiosk.flows.base import Runner
from kiosk.screens.base import label
from kiosk.screens.technician.panel import ReadPanel
from kiosk.technician.audit import AuditCheck, AuditRecord
from kiosk.widgets.layout import clear_layout, list_column
from kiosk.widgets.style import restyle

translate = QCoreApplication.translate

AuditView = tuple[list[AuditRecord], AuditCheck]


class AuditPanel(ReadPanel[AuditView]):
    """A tool panel (`ToolPanel`) over `read`: the last records and the chain's check."""

    def __init__(self, read: Callable[[], AuditView], runner: Runner) -> None:
        super().__init__(read, runner)
        self.heading = label("subtitle")
        self.chain = label()
        self.list_body, self.rows = list_column(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.chain)
        layout.addWidget(self.again_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list_body)
        layout.addStretch(1)

    def title(self) -> str:
        return translate("TechnicianAudit", "Audit log")

    def show_value(self) -> None:
        clear_layout(self.rows)
        if self.failed:
            self.chain.setProperty("role", "error")
            self.chain.setText(translate("TechnicianAudit", "The audit log could not be read."))
            return
        if self.value is None:
            self.chain.clear()
            return
        records, check = self.value
        restyle(self.chain, "role", None if check.ok else "error")
        if check.ok:
            self.chain.setText(translate(
                "TechnicianAudit", "The log is intact: no line was changed or removed."))
        else:
            self.chain.setText(translate(
                "TechnicianAudit", "The log was tampered with at line %1. Report this to the "
                "municipality.").replace("%1", isolate_ltr(str(check.bad_line))))
        if not records:
            empty = label("hint")
            empty.setText(translate("TechnicianAudit", "No technician action yet."))
            self.rows.addWidget(empty)
        for record in records:
            row = label()
            when = record.at.astimezone().strftime("%Y-%m-%d %H:%M")
            row.setText(isolate_ltr(f"{when} · {record.action} · {record.outcome}"))
            self.rows.addWidget(row)

    def retranslate(self) -> None:
        self.heading.setText(translate("TechnicianAudit", "The last technician actions"))
        self.again_button.setText(translate("TechnicianAudit", "Read again"))
        self.show_value()
