"""The pages of the issue-a-licence screen, each a plain widget with no journey logic.

Split from `issue.py` so the screen module reads as "which page for which step" while
these say how each page looks. Field questions, help and problems come from the server
in both languages; every other word goes through `translate` (see assets/i18n/pending).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.api import schema
from kiosk.api.schema import FieldSpec, LicenceType, Problem
from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_runs
from kiosk.flows.form_pages import digit_lengths
from kiosk.i18n.plural import counted
from kiosk.screens.base import button, label
from kiosk.widgets.fields import FieldKind, KioskLineEdit
from kiosk.widgets.layout import clear_layout
from kiosk.widgets.qr import QrLabel
from kiosk.widgets.summary import ErrorSummary

translate = QCoreApplication.translate

FIELD_KINDS: dict[schema.FieldKind, FieldKind] = {
    schema.FieldKind.NATIONAL_ID: FieldKind.NATIONAL_ID,
    schema.FieldKind.CR_NUMBER: FieldKind.CR_NUMBER,
    schema.FieldKind.MOBILE: FieldKind.MOBILE,
    schema.FieldKind.NUMBER: FieldKind.NUMBER,
    schema.FieldKind.TEXT: FieldKind.TEXT,
    schema.FieldKind.DATE: FieldKind.DATE,
}
# Choices beyond this many go in three columns on a screen at least this wide.
_TWO_COLUMNS_AT_MOST = 6
_THREE_COLUMNS_PX = 1400


def keyboard_kind(spec: FieldSpec) -> FieldKind:
    """The on-screen keyboard for a question: a text answer that can only be digits (a
    lease or deed number) gets the numeric pad, not the Arabic letters."""
    kind = FIELD_KINDS.get(spec.kind, FieldKind.TEXT)
    if kind is FieldKind.TEXT and digit_lengths(spec.pattern) is not None:
        return FieldKind.NUMBER
    return kind


def pick(language: str, arabic: str, english: str) -> str:
    """The municipality's words in the screen's language; in Arabic their numbers, dates
    and Latin words are direction isolates (a message's "2026-10-20" stays in order)."""
    return isolate_runs(arabic) if language == "ar" else english


def align_reading(widget: QLabel, language: str) -> None:
    """Numbers and codes (a transaction number, a CR number) have no direction of their
    own, so Qt would put them on the left even on an Arabic screen: pin them to the side
    the language reads from."""
    side = Qt.AlignmentFlag.AlignRight if language == "ar" else Qt.AlignmentFlag.AlignLeft
    widget.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("Card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, 20, 28, 20)
    layout.setSpacing(10)
    return frame, layout


class TypePage(QWidget):
    """Which licence: one card per type the server's catalogue offers now."""

    def __init__(self, on_choose: Callable[[str], None], on_retry: Callable[[], None]) -> None:
        super().__init__()
        self._on_choose = on_choose
        self.title = label("title")
        self.hint = label("hint")
        self.loading = label("hint")
        self.loading.hide()
        self.retry_button = button()
        self.retry_button.hide()
        self.retry_button.clicked.connect(on_retry)
        self.choose_buttons: dict[str, QPushButton] = {}
        self._cards = QVBoxLayout()
        self._cards.setSpacing(20)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        for widget in (self.title, self.hint, self.loading):
            layout.addWidget(widget)
        layout.addWidget(self.retry_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addLayout(self._cards)
        layout.addStretch(1)

    def show_types(self, types: list[LicenceType], language: str) -> None:
        clear_layout(self._cards)
        self.choose_buttons = {}
        for licence in types:
            frame, inner = card()
            name = label("subtitle")
            name.setText(pick(language, licence.name_ar, licence.name_en))
            name.setStyleSheet("font-weight: 700;")
            about = label("hint")
            about.setText(pick(language, licence.description_ar, licence.description_en))
            fee = label()
            fee.setText(translate("Issue", "Fee: %1").replace(
                "%1", format_sar(licence.fee_halalas, arabic=language == "ar")))
            choose = button("primary")
            choose.setObjectName(f"choose-{licence.kind.value}")
            choose.setText(translate("Issue", "Apply for this licence"))
            choose.clicked.connect(lambda _=False, k=licence.kind.value: self._on_choose(k))
            words = QVBoxLayout()
            words.setSpacing(6)
            for widget in (name, about, fee):
                words.addWidget(widget)
            row = QHBoxLayout()
            row.setSpacing(24)
            row.addLayout(words, 1)
            row.addWidget(choose, alignment=Qt.AlignmentFlag.AlignVCenter)
            inner.addLayout(row)
            self.choose_buttons[licence.kind.value] = choose
            self._cards.addWidget(frame)

    def retranslate(self) -> None:
        self.title.setText(translate("Issue", "Which licence do you want to apply for?"))
        self.hint.setText(translate(
            "Issue", "Choose one. Have your reference numbers ready (commercial "
            "registration, lease or title deed); no paper is needed."))
        self.retry_button.setText(translate("Issue", "Try again"))
        self.loading.setText(translate("Issue", "Loading the licence types…"))


class ChoiceButtons(QWidget):
    """A choice answered with big touch buttons (two columns), never a dropdown."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        self._columns = 0
        for choice in spec.choices:
            option = button()
            option.setCheckable(True)
            option.setObjectName(f"choice-{spec.name}-{choice.value}")
            option.setProperty("choice", True)
            self.group.addButton(option)
            self.buttons[choice.value] = option
        self._place(2)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for index, option in enumerate(self.buttons.values()):
            self._grid.removeWidget(option)
            self._grid.addWidget(option, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A long list (the districts) in three columns on a wide screen, so Continue
        # stays in sight; two on a portrait one, where three would clip the names.
        many = len(self.buttons) > _TWO_COLUMNS_AT_MOST
        self._place(3 if many and event.size().width() >= _THREE_COLUMNS_PX else 2)

    def value(self) -> str:
        for value, option in self.buttons.items():
            if option.isChecked():
                return value
        return ""

    def set_value(self, value: str) -> None:
        self.group.setExclusive(False)
        for key, option in self.buttons.items():
            option.setChecked(key == value)
        self.group.setExclusive(True)

    def retranslate(self, language: str) -> None:
        for choice in self.spec.choices:
            self.buttons[choice.value].setText(pick(language, choice.label_ar, choice.label_en))


class FormPage(QWidget):
    """One question on a page of its own (GOV.UK "one thing per page"): the licence's
    name as a caption, the question as the heading, its help, the error summary, the
    answer (a field, or big choice buttons that move on when tapped) and Continue."""

    def __init__(self, spec: FieldSpec, on_continue: Callable[[], None]) -> None:
        super().__init__()
        self.spec = spec
        self.summary = ErrorSummary()
        self.caption = label("subtitle")
        self.caption.setObjectName("form-caption")
        self.title = label("title")
        self.title.setObjectName("form-question")
        self.help = label("hint")
        self.error = label("error")
        self.error.hide()
        self.line: KioskLineEdit | None = None
        self.choices: ChoiceButtons | None = None
        self.continue_button = button("primary")
        self.continue_button.setObjectName("form-continue")
        self.continue_button.clicked.connect(on_continue)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.summary)
        layout.addWidget(self.caption)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addWidget(self.error)
        if spec.kind is schema.FieldKind.CHOICE:
            self.choices = ChoiceButtons(spec)
            # Choosing is answering: a tap on an option moves on, as Continue would.
            self.choices.group.buttonClicked.connect(lambda _option: on_continue())
            layout.addWidget(self.choices)
        else:
            self.line = KioskLineEdit(keyboard_kind(spec))
            self.line.setObjectName(f"field-{spec.name}")
            self.line.setMinimumWidth(560)
            self.line.setMaximumWidth(900)
            self.line.submitted.connect(self.continue_button.click)
            # AlignLeading is the side the page reads from (right in Arabic).
            layout.addWidget(self.line, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addSpacing(8)
        layout.addWidget(self.continue_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)

    def value(self) -> str:
        if self.choices is not None:
            return self.choices.value()
        assert self.line is not None
        return self.line.text()

    def set_value(self, value: str) -> None:
        if self.choices is not None:
            self.choices.set_value(value)
        elif self.line is not None and self.line.text() != value:
            self.line.setText(value)

    def show_state(self, answer: str, problem: Problem | None, language: str) -> None:
        self.set_value(answer)
        text = pick(language, problem.message_ar, problem.message_en) if problem else None
        if self.line is not None:
            self.line.mark_invalid(bool(text))
        self.error.setText(text or "")
        self.error.setVisible(bool(text))
        self.summary.show_problems(None, [text] if text else [], self.line)

    def first_input(self) -> KioskLineEdit | None:
        """Where typing starts (None for a choice)."""
        return self.line

    def retranslate(self, caption: str, language: str, returning: bool) -> None:
        spec = self.spec
        self.caption.setText(caption)
        question = pick(language, spec.label_ar, spec.label_en)
        if not spec.required:
            question += " " + translate("Issue", "(optional)")
        self.title.setText(question)
        self.help.setText(pick(language, spec.help_ar, spec.help_en))
        self.help.setVisible(bool(self.help.text()))
        if self.choices is not None:
            self.choices.retranslate(language)
        self.continue_button.setText(
            translate("Issue", "Save and check again") if returning
            else translate("Issue", "Continue"))


class ProblemsPage(QWidget):
    """Every problem the municipality found, at once, each with a way to fix it."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.summary = ErrorSummary()
        self.hint = label("hint")
        self.fix_buttons: dict[str, QPushButton] = {}
        self.pay_button: QPushButton | None = None
        self._rows = QVBoxLayout()
        self._rows.setSpacing(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addLayout(self._rows)
        layout.addStretch(1)

    def show_problems(self, problems: list[Problem], labels: dict[str, str], language: str,
                      on_fix: Callable[[str], None], on_pay: Callable[[], None]) -> None:
        clear_layout(self._rows)
        self.fix_buttons = {}
        self.pay_button = None
        texts = [pick(language, p.message_ar, p.message_en) for p in problems]
        count = len(problems)
        heading = (translate("Issue", "There is 1 problem with your application") if count == 1
                   else counted("Issue", "There are %n problems with your application", count))
        self.summary.show_problems(heading, texts)
        # The summary names every problem; below it, one button per thing to change
        # (GOV.UK's links from the summary to each field, made touch-sized).
        for problem in problems:
            action: QPushButton | None = None
            if problem.field and problem.field in labels and problem.field not in self.fix_buttons:
                action = button("primary")
                action.setObjectName(f"fix-{problem.field}")
                action.setText(translate("Issue", "Change: %1").replace(
                    "%1", labels[problem.field]))
                action.clicked.connect(lambda _=False, f=problem.field: on_fix(f))
                self.fix_buttons[problem.field] = action
            elif problem.code == "outstanding_invoices" and self.pay_button is None:
                action = button("primary")
                action.setObjectName("pay-invoices")
                action.setText(translate("Issue", "Pay the overdue bills"))
                action.clicked.connect(on_pay)
                self.pay_button = action
            if action is not None:
                self._rows.addWidget(action, alignment=Qt.AlignmentFlag.AlignLeading)

    def retranslate(self) -> None:
        self.title.setText(translate("Issue", "Fix these before you apply"))
        self.hint.setText(translate(
            "Issue", "Nothing has been submitted yet. Your answers are kept: change what is "
            "needed and the kiosk checks again."))


class CheckPage(QWidget):
    """Check your answers: every answer with a Change button for its page."""

    def __init__(self, on_continue: Callable[[], None]) -> None:
        super().__init__()
        self.title = label("title")
        self.hint = label("hint")
        self.change_buttons: dict[str, QPushButton] = {}
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(32)
        self._grid.setVerticalSpacing(14)
        self._grid.setColumnStretch(1, 1)
        self.continue_button = button("primary")
        self.continue_button.setObjectName("check-continue")
        self.continue_button.clicked.connect(on_continue)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self._grid)
        layout.addWidget(self.continue_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)

    def show_rows(self, rows: list[tuple[str, str, str, int]],
                  on_change: Callable[[int], None], language: str = "ar") -> None:
        """rows: (field name, question, answer, page)."""
        clear_layout(self._grid)
        self.change_buttons = {}
        for index, (name, question, answer, page) in enumerate(rows):
            asked = QLabel(question)
            asked.setWordWrap(True)
            asked.setStyleSheet("font-weight: 700;")
            answered = QLabel(answer)
            answered.setWordWrap(True)
            align_reading(answered, language)
            change = button()
            change.setObjectName(f"change-{name}")
            change.setText(translate("Issue", "Change"))
            change.clicked.connect(lambda _=False, p=page: on_change(p))
            self.change_buttons[name] = change
            self._grid.addWidget(asked, index, 0)
            self._grid.addWidget(answered, index, 1)
            self._grid.addWidget(change, index, 2)

    def retranslate(self) -> None:
        self.title.setText(translate("Issue", "Check your answers"))
        self.hint.setText(translate(
            "Issue", "The municipality found no problem. Check each answer before you "
            "continue."))
        self.continue_button.setText(translate("Issue", "Continue"))
        for change in self.change_buttons.values():
            change.setText(translate("Issue", "Change"))


class FeePage(QWidget):
    """The fee and the one button that submits the application."""

    def __init__(self, on_submit: Callable[[], None]) -> None:
        super().__init__()
        self.title = label("title")
        self.amount = label("title")
        self.amount.setObjectName("fee-amount")
        self.hint = label("hint")
        self.busy = label("subtitle")
        self.busy.hide()
        self.submit_button = button("primary")
        self.submit_button.setObjectName("submit-application")
        self.submit_button.clicked.connect(on_submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        for widget in (self.title, self.amount, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.submit_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.busy)
        layout.addStretch(1)

    def show_fee(self, halalas: int | None, language: str, busy: bool) -> None:
        self.amount.setText(format_sar(halalas or 0, arabic=language == "ar"))
        self.busy.setVisible(busy)
        self.submit_button.setEnabled(not busy)

    def retranslate(self) -> None:
        self.title.setText(translate("Issue", "Licence fee"))
        self.hint.setText(translate(
            "Issue", "Nothing is charged now. After you submit, you can pay the fee at this "
            "kiosk by card, or later within 30 days."))
        self.busy.setText(translate("Issue", "Sending your application to the municipality…"))
        self.submit_button.setText(translate("Issue", "Submit application"))


class DonePage(QWidget):
    """Confirmation, provisional confirmation, or the municipality's refusal."""

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title")
        self.reference_label = label("subtitle")
        self.reference = label("title")
        self.reference.setObjectName("reference")
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body = label()
        self.next_steps = label("hint")
        self.printing = label("subtitle")
        self.qr = QrLabel()
        self.qr.hide()
        self.print_again_button = button()
        self.print_again_button.hide()
        self.pay_button = button("primary")
        self.pay_button.setObjectName("pay-now")
        self.finish_button = button()
        self.finish_button.setObjectName("finish")
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.pay_button)
        buttons.addWidget(self.finish_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        for widget in (self.title, self.reference_label, self.reference, self.body,
                       self.next_steps, self.printing):
            layout.addWidget(widget)
        layout.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.print_again_button, alignment=Qt.AlignmentFlag.AlignLeading)
        layout.addLayout(buttons)
        layout.addStretch(1)
