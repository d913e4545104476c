"""The Audit tool: the last technician actions, and whether the log still holds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain.text import isolate_ltr
from kiosk.flows.base import Runner
from kiosk.screens.base import button, label
from kiosk.technician.audit import AuditCheck, AuditRecord
from kiosk.widgets.layout import clear_layout, list_column

translate = QCoreApplication.translate

AuditView = tuple[list[AuditRecord], AuditCheck]


class AuditPanel(QWidget):
    """A tool panel (`ToolPanel`) over `read`: the last records and the chain's check."""

    def __init__(self, read: Callable[[], AuditView], runner: Runner) -> None:
        super().__init__()
        self._read = read
        self._runner = runner
        self.view: AuditView | None = None
        self._failed = False
        self.heading = label("subtitle")
        self.chain = label()
        self.again_button = button()
        self.again_button.clicked.connect(self.refresh)
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

    def refresh(self) -> None:
        self._failed = False
        self.again_button.setEnabled(False)
        self._runner.submit(self._read, self._show, self._fail)

    def _show(self, view: AuditView) -> None:
        self.view = view
        self.again_button.setEnabled(True)
        self._render()

    def _fail(self, _error: BaseException) -> None:
        self._failed = True
        self.again_button.setEnabled(True)
        self._render()

    def _render(self) -> None:
        clear_layout(self.rows)
        if self._failed:
            self.chain.setProperty("role", "error")
            self.chain.setText(translate("TechnicianAudit", "The audit log could not be read."))
            return
        if self.view is None:
            self.chain.clear()
            return
        records, check = self.view
        self.chain.setProperty("role", None if check.ok else "error")
        self.chain.style().unpolish(self.chain)
        self.chain.style().polish(self.chain)
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
        self._render()
