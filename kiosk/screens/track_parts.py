"""The pieces "track" and "my licences" both show: a transaction's timeline, the calm
trouble panel (no network, service problem, verification expired) and the print panel
with its on-screen QR fallback.

Widgets only: they render values handed to them and emit signals for touches. Words for
statuses, licence types and branches (`status_word`) are the flow's vocabulary
(`kiosk.flows.track.WORDS`) translated by Qt like every other text; the printed summary
reads the same entries of the translation file, so paper and screen always agree.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.api.schema import StepState, TimelineStep, Transaction, TransactionStatus
from kiosk.domain.dates import format_dual_date, format_dual_datetime
from kiosk.domain.text import isolate_ltr
from kiosk.flows.printing import PrintFailure, PrintState, ReceiptPrint
from kiosk.flows.track import NOT_NEEDED, Trouble, not_reached, word_source
from kiosk.screens.base import button, label
from kiosk.widgets.layout import clear_layout, list_column, scroll_to_top
from kiosk.widgets.qr import QrLabel
from kiosk.widgets.style import restyle

translate = QCoreApplication.translate

# Both dates of a step fit on one line from about this width (landscape: ~1700 px).
WIDE_TIMELINE_PX = 1400
GREEN = "#0B5D3B"
AMBER = "#8A5A00"
RED = "#A4161A"
GREY = "#5B635E"

# Badges and cards are styled in assets/theme.qss (application-wide, so larger text
# scales them and high contrast recolours them).

STATUS_BADGE = {
    TransactionStatus.RECEIVED: "neutral", TransactionStatus.UNDER_REVIEW: "neutral",
    TransactionStatus.INSPECTION: "neutral", TransactionStatus.AWAITING_PAYMENT: "warn",
    TransactionStatus.APPROVED: "good", TransactionStatus.ISSUED: "good",
    TransactionStatus.REJECTED: "bad",
}


def status_word(value: enum.Enum) -> str:
    """The municipality's word for a status, authority, licence type, branch or channel,
    in the screen's language (the word `kiosk.flows.track.word` prints on paper)."""
    return translate(*word_source(value))


def directed(text: str, language: str) -> str:
    """Server text in the other script (an Arabic shop name on the English screen) would
    otherwise take its own direction and jump to the far side of the card."""
    return ("\u200f" if language == "ar" else "\u200e") + text


def set_badge(widget: QLabel, text: str, tone: str) -> None:
    widget.setText(text)
    restyle(widget, "badge", tone)


class StepMarker(QWidget):
    """The dot on the timeline: filled (done), ringed (in progress), hollow (not started),
    a cross (rejected); the line joins it to the next step. Painted, so no font glyphs."""

    def __init__(self, state: StepState, last: bool) -> None:
        super().__init__()
        self.state = state
        self.last = last
        self.setFixedWidth(48)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(48, 64)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, 30)
        colour = {StepState.DONE: GREEN, StepState.IN_PROGRESS: GREEN,
                  StepState.PENDING: GREY, StepState.REJECTED: RED}[self.state]
        if not self.last:
            painter.setPen(QPen(QColor("#C9D3CD"), 4))
            painter.drawLine(QPointF(centre.x(), 50), QPointF(centre.x(), self.height()))
        painter.setPen(QPen(QColor(colour), 4))
        circle = QRectF(centre.x() - 18, centre.y() - 18, 36, 36)
        if self.state is StepState.DONE:
            painter.setBrush(QColor(colour))
            painter.drawEllipse(circle)
            painter.setPen(QPen(QColor("white"), 4))
            painter.drawPolyline([centre + QPointF(-9, 0), centre + QPointF(-3, 7),
                                  centre + QPointF(9, -7)])
        elif self.state is StepState.IN_PROGRESS:
            painter.setBrush(QColor("white"))
            painter.drawEllipse(circle)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(circle.adjusted(10, 10, -10, -10))
        elif self.state is StepState.REJECTED:
            painter.setBrush(QColor(colour))
            painter.drawEllipse(circle)
            painter.setPen(QPen(QColor("white"), 4))
            painter.drawLine(centre + QPointF(-7, -7), centre + QPointF(7, 7))
            painter.drawLine(centre + QPointF(7, -7), centre + QPointF(-7, 7))
        else:
            painter.setBrush(QColor("white"))
            painter.drawEllipse(circle)
        painter.end()


class StepCard(QFrame):
    """One department's part: its name, state, start and end (Hijri and Gregorian), note."""

    def __init__(self, step: TimelineStep, language: str, last: bool,
                 unreachable: bool = False) -> None:
        """`unreachable`: an earlier department rejected the transaction, so this one
        (pending on the server) will never be reached."""
        super().__init__()
        self.setObjectName("StepCard")
        self.setProperty("state", step.state.value)
        arabic = language == "ar"
        self.department = label("department")
        self.department.setText(step.department_ar if arabic else step.department_en)
        self.state = QLabel()
        tone = {StepState.DONE: "good", StepState.IN_PROGRESS: "warn",
                StepState.PENDING: "neutral", StepState.REJECTED: "bad"}[step.state]
        set_badge(self.state, translate(*NOT_NEEDED) if unreachable
                  else status_word(step.state), tone)
        self.dates = label("hint")
        lines: list[str] = []
        if step.started_at is not None:
            lines.append(translate("Track", "Started: %1").replace(
                "%1", format_dual_datetime(step.started_at, language)))
        if step.finished_at is not None:
            lines.append(translate("Track", "Finished: %1").replace(
                "%1", format_dual_datetime(step.finished_at, language)))
        if not lines:
            lines.append(translate("Track", "Not reached: an earlier department refused "
                                            "the application") if unreachable
                         else translate("Track", "Not reached yet"))
        self._date_lines = lines
        self.set_wide(True)
        note = step.note_ar if arabic else step.note_en
        self.note = label("error" if step.state is StepState.REJECTED else None)
        self.note.setText(note)
        self.note.setVisible(bool(note))

        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.department, 1)
        head.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addLayout(head)
        text.addWidget(self.dates)
        text.addWidget(self.note)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 12, 20, 12)
        row.setSpacing(12)
        row.addWidget(StepMarker(step.state, last))
        row.addLayout(text, 1)

    def set_wide(self, wide: bool) -> None:
        """Start and end on one line on a landscape screen, one under the other on a
        portrait one (so a date never breaks in the middle)."""
        self.dates.setText(("    " if wide else "\n").join(self._date_lines))


def next_step_text(status: TransactionStatus) -> str:
    """What happens next, in one sentence (the GOV.UK confirmation habit)."""
    if status is TransactionStatus.AWAITING_PAYMENT:
        return translate("Track", "The fee is due. You can pay it at this kiosk with "
                         "\"Pay fees and bills\" on the home screen.")
    if status is TransactionStatus.APPROVED:
        return translate("Track", "It is approved. The licence is being issued; you will "
                         "receive an SMS.")
    if status is TransactionStatus.ISSUED:
        return translate("Track", "The licence is issued. You can print a summary with a "
                         "code that verifies it.")
    if status is TransactionStatus.REJECTED:
        return translate("Track", "It was not accepted. The reason is under the department "
                         "that refused it; you can apply again once it is corrected.")
    return translate("Track", "The municipality is working on it. You will receive an SMS "
                     "when it moves to the next department.")


class TimelineView(QWidget):
    """A transaction's status and the departments it passed through, top to bottom."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.status = QLabel()
        self.facts = label("subtitle")
        self.licence = label("subtitle")
        self.next = label("hint")
        self.heading = label("heading")
        self.steps_list, self.column = list_column()
        self.cards: list[StepCard] = []
        self._wide = True
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.title, 1)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.licence)
        layout.addWidget(self.next)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps_list, 1)

    def show_transaction(self, transaction: Transaction, language: str) -> None:
        self.title.setText(translate("Track", "Transaction %1")
                           .replace("%1", isolate_ltr(transaction.number)))
        set_badge(self.status, status_word(transaction.status),
                  STATUS_BADGE[transaction.status])
        self.facts.setText(
            translate("Track", "%1, %2. Submitted on %3.")
            .replace("%1", status_word(transaction.licence_type))
            .replace("%2", status_word(transaction.branch))
            .replace("%3", format_dual_date(transaction.submitted_at, language)))
        if transaction.licence_number:
            self.licence.setText(translate("Track", "Licence number: %1")
                                 .replace("%1", isolate_ltr(transaction.licence_number)))
            self.licence.show()
        else:
            self.licence.hide()
        self.next.setText(next_step_text(transaction.status))
        self.heading.setText(translate("Track", "The departments it passes through"))
        clear_layout(self.column)
        stopped = not_reached(transaction)
        self.cards = [StepCard(step, language, index == len(transaction.steps) - 1,
                               stopped[index])
                      for index, step in enumerate(transaction.steps)]
        for card in self.cards:
            card.set_wide(self._wide)
            self.column.addWidget(card)
            card.show()  # now, not on the next event loop pass (addWidget defers it)
        self.column.addStretch(1)
        scroll_to_top(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= WIDE_TIMELINE_PX
        if wide != self._wide:
            self._wide = wide
            for card in self.cards:
                card.set_wide(wide)

    def clear(self) -> None:
        clear_layout(self.column)
        self.cards = []
        for widget in (self.title, self.status, self.facts, self.licence, self.next):
            widget.clear()


class TroublePanel(QFrame):
    """What happened, that nothing was changed, and what to do: never a traceback."""

    retry_clicked = Signal()
    home_clicked = Signal()
    identify_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.trouble: Trouble | None = None
        self.title = label("title")
        self.body = label("subtitle")
        self.hint = label("hint")
        self.retry_button = button("primary")
        self.identify_button = button("primary")
        self.home_button = button()
        self.retry_button.clicked.connect(self.retry_clicked)
        self.identify_button.clicked.connect(self.identify_clicked)
        self.home_button.clicked.connect(self.home_clicked)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        for each in (self.retry_button, self.identify_button, self.home_button):
            buttons.addWidget(each)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.hint)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_trouble(self, trouble: Trouble, busy: bool) -> None:
        self.trouble = trouble
        self.retry_button.setVisible(trouble is not Trouble.SESSION_EXPIRED)
        self.identify_button.setVisible(trouble is Trouble.SESSION_EXPIRED)
        self.retry_button.setEnabled(not busy)
        self.retranslate()

    def retranslate(self) -> None:
        self.retry_button.setText(translate("Track", "Try again"))
        self.identify_button.setText(translate("Track", "Verify again"))
        self.home_button.setText(translate("Track", "Back to the services"))
        if self.trouble is Trouble.OFFLINE:
            self.title.setText(translate("Track", "The municipality cannot be reached"))
            self.body.setText(translate(
                "Track", "An inquiry needs the connection to the municipality, and this kiosk "
                "cannot reach it at the moment. Nothing was changed."))
            self.hint.setText(translate(
                "Track", "Please try again in a few minutes, or use another kiosk. The SMS "
                "messages the municipality sends you also tell you where your transaction is."))
        elif self.trouble is Trouble.SESSION_EXPIRED:
            self.title.setText(translate("Track", "Please verify your identity again"))
            self.body.setText(translate(
                "Track", "For your security, your verification has expired. Nothing was "
                "changed."))
            self.hint.setText(translate(
                "Track", "We will send a new code by SMS to your registered mobile."))
        else:
            self.title.setText(translate("Track", "The service could not answer"))
            self.body.setText(translate(
                "Track", "The municipality's service had a problem with this inquiry. "
                "Nothing was changed: an inquiry only reads information."))
            self.hint.setText(translate(
                "Track", "Please try again shortly. If it happens again, use another kiosk."))


class PrintPanel(QFrame):
    """What became of "print a summary" (its button, `print_button`, sits in the screen's
    row of actions); on a printer failure the verification URL is shown as a QR code so
    the beneficiary leaves with the details anyway. Hidden until something was printed."""

    print_clicked = Signal()

    def __init__(self, printing: ReceiptPrint) -> None:
        super().__init__()
        self.setObjectName("PrintPanel")
        self.printing = printing
        self.print_button = button("primary")
        self.print_button.clicked.connect(self.print_clicked)
        self.message = label()
        self.hint = label("hint")
        self.qr = QrLabel()
        self.qr.hide()
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.message)
        text.addWidget(self.hint)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(24)
        row.addLayout(text, 1)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()
        printing.subscribe(self.refresh)

    def refresh(self) -> None:
        state = self.printing.state
        self.print_button.setEnabled(not self.printing.busy)
        self.print_button.setText(translate("Track", "Printing…") if self.printing.busy
                                  else translate("Track", "Print a summary"))
        self.setVisible(state in (PrintState.PRINTED, PrintState.FAILED))
        self.hint.setVisible(state is PrintState.FAILED)
        if state is PrintState.PRINTED:
            self.message.setProperty("role", None)
            self.message.setText(translate(
                "Track", "Your summary is printed. Please take it from the printer."))
        elif state is PrintState.FAILED:
            self.message.setProperty("role", "error")
            failure = self.printing.failure
            if failure is PrintFailure.PAPER_OUT:
                text = translate("Track", "The printer has run out of paper.")
            elif failure is PrintFailure.COVER_OPEN:
                text = translate("Track", "The printer cover is open.")
            else:
                text = translate("Track", "The printer is not available right now.")
            self.message.setText(text)
            receipt = self.printing.receipt
            licence = receipt.references.licence_number if receipt is not None else None
            self.hint.setText(translate(
                "Track", "Scan this code with your phone to see the verified details of "
                "licence %1 instead.").replace("%1", isolate_ltr(licence or "")))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        url = self.printing.fallback_url
        if url:
            self.qr.set_data(url, module_px=5)
            self.qr.show()
        else:
            self.qr.clear()
            self.qr.hide()


