"""The pages of the pay journey: plain widgets with named parts, no flow logic.

PayScreen fills them from PayFlow's state; tests and the tour find their parts by
attribute (`invoices_page.number_field`, `paying_page.cancel_button`...).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.screens.base import button, label
from kiosk.widgets.fields import FieldKind, KioskLineEdit
from kiosk.widgets.layout import clear_layout, list_column
from kiosk.widgets.qr import QrLabel
from kiosk.widgets.summary import ErrorSummary


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(24)
    for each in buttons:
        row.addWidget(each)
    row.addStretch(1)
    return row


def _big(role: str = "title") -> QLabel:
    widget = label(role)
    widget.setProperty("big", True)
    return widget


class InvoicesPage(QWidget):
    """The beneficiary's unpaid invoices as big buttons, and a number field below."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = ErrorSummary()
        self.title = label("title")
        self.hint = label("hint")
        self.empty = label("subtitle")
        self.empty.hide()
        self.invoice_buttons: dict[str, QPushButton] = {}
        invoices, self.list_layout = list_column()
        self.number_label = label()
        self.number_field = KioskLineEdit(FieldKind.NUMBER)
        self.number_field.setMaximumWidth(720)
        self.number_field.setObjectName("pay-invoice-number")
        self.number_error = label("error")
        self.number_error.hide()
        self.find_button = button("primary")
        self.find_button.setObjectName("pay-find")
        self.number_field.submitted.connect(self.find_button.click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.summary)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(invoices)
        layout.addSpacing(8)
        layout.addWidget(self.number_label)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.number_field, 2)
        row.addWidget(self.find_button, 1)
        layout.addLayout(row)
        layout.addWidget(self.number_error)
        layout.addStretch(1)  # the number field right under the list, not at the bottom

    def set_invoices(self, rows: list[tuple[str, str]]) -> list[QPushButton]:
        """(number, text) per invoice; returns the new buttons (the screen connects them)."""
        clear_layout(self.list_layout)
        self.invoice_buttons = {}
        made: list[QPushButton] = []
        for number, text in rows:
            choice = button("tile")
            choice.setObjectName(f"invoice-{number}")
            choice.setText(text)
            choice.setStyleSheet("min-height: 96px; padding: 12px;")
            self.list_layout.addWidget(choice)
            self.invoice_buttons[number] = choice
            made.append(choice)
        self.list_layout.addStretch(1)
        return made

    def set_number_error(self, text: str | None) -> None:
        self.number_field.mark_invalid(bool(text))
        self.number_error.setText(text or "")
        self.number_error.setVisible(bool(text))
        self.summary.show_problems(None, [text] if text else [], self.number_field)


class ConfirmPage(QWidget):
    """The chosen invoice, its amount in large type, and the Pay by card button."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.description = label("subtitle")
        self.amount = _big()
        self.amount.setObjectName("pay-amount")
        self.details = label("hint")
        self.hint = label("hint")
        self.pay_button = button("primary")
        self.pay_button.setObjectName("pay-by-card")
        self.pay_button.setMinimumWidth(420)
        self.other_button = button()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        for widget in (self.title, self.description, self.amount, self.details, self.hint):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(_buttons(self.pay_button, self.other_button))
        layout.addStretch(1)


class TerminalStages(QWidget):
    """Where the card is: the terminal's named stages (card, PIN, bank), the reached ones
    filled, and a moving bar while the terminal works (it reports no percentage)."""

    COUNT = 3

    def __init__(self) -> None:
        super().__init__()
        self.names: list[QLabel] = []
        row = QHBoxLayout()
        row.setSpacing(8)
        for _ in range(self.COUNT):
            name = label("hint", wrap=False)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(name, 1)
            self.names.append(name)
        self.bar = QProgressBar()
        self.bar.setObjectName("pay-terminal-busy")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.bar.setRange(0, 0)  # busy: Qt animates it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        self.reached = 0

    def show_stage(self, names: list[str], reached: int) -> None:
        """`reached`: 1-based stage now under way (0: none yet)."""
        self.reached = reached
        for index, (widget, text) in enumerate(zip(self.names, names, strict=True), start=1):
            widget.setText(text)
            done = index <= reached
            widget.setProperty("stage", "done" if done else "to_come")
            # Only the weight is the widget's own: colours and sizes follow the theme.
            widget.setStyleSheet(f"font-weight: {700 if index == reached else 400};")


class PayingPage(QWidget):
    """While the card is on the terminal: the terminal's step as the heading, its stages,
    the amount, and the terminal's Cancel (the shell's header buttons are not live)."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.title.setObjectName("pay-paying-title")
        self.stages = TerminalStages()
        self.amount = _big()
        self.progress = label("subtitle")
        self.progress.setObjectName("pay-progress")
        self.hint = label("hint")
        self.cancel_button = button("danger")
        self.cancel_button.setObjectName("pay-cancel")
        self.cancel_button.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        for widget in (self.title, self.stages, self.amount, self.progress, self.hint):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(_buttons(self.cancel_button))
        layout.addStretch(1)


class ProblemPage(QWidget):
    """Declined, not charged, or not yet known: what happened, and what can be done."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.reason = label("error")
        self.reason.setObjectName("pay-reason")
        self.hint = label("hint")
        self.primary_button = button("primary")
        self.primary_button.setObjectName("pay-retry")
        self.stop_button = button()
        self.stop_button.setObjectName("pay-stop")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        for widget in (self.title, self.reason, self.hint):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(_buttons(self.primary_button, self.stop_button))
        layout.addStretch(1)


class DonePage(QWidget):
    """The confirmation: what was paid, the references, and where the receipt is; or, for
    a charge the kiosk could not store, every detail staff need and a call for them."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.summary = label("subtitle")
        self.summary.setObjectName("pay-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.receipt_status = label("hint")
        self.receipt_status.setObjectName("pay-receipt-status")
        self.qr = QrLabel()
        self.qr.setObjectName("pay-qr")
        self.qr.hide()
        self.next_steps = label("hint")
        self.print_again_button = button()
        self.print_again_button.setObjectName("pay-print-again")
        self.print_again_button.hide()
        self.staff_button = button("primary")
        self.staff_button.setObjectName("pay-call-staff")
        self.staff_button.hide()
        self.another_button = button()
        self.another_button.setObjectName("pay-another")
        self.finish_button = button("primary")
        self.finish_button.setObjectName("pay-finish")
        text = QVBoxLayout()
        text.setSpacing(16)
        for widget in (self.title, self.summary, self.receipt_status, self.next_steps):
            text.addWidget(widget)
        text.addWidget(self.print_again_button, alignment=Qt.AlignmentFlag.AlignLeading)
        text.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addLayout(text, 1)
        body.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(body, 1)
        layout.addLayout(_buttons(self.staff_button, self.finish_button, self.another_button))
