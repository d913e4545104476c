"""Track a transaction (متابعة معاملة): the number page, the timeline, or a calm trouble page.

Renders TrackFlow; touches become its intents. The number is typed on the numeric pad
and checked when Continue is pressed: a problem is named in the summary at the top and
beside the field, which keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.references import EXAMPLE_TRANSACTION_NUMBER
from kiosk.domain.text import isolate_ltr
from kiosk.flows.track import NumberProblem, TrackFlow, TrackStep
from kiosk.screens.base import Screen, button
from kiosk.screens.forms import FieldPage
from kiosk.screens.track_parts import (
    PrintPanel,
    TimelineView,
    TroublePanel,
)
from kiosk.widgets.fields import FieldKind
from kiosk.widgets.layout import ButtonRow, PageStack
from kiosk.widgets.steps import StepIndicator
from kiosk.widgets.summary import ErrorSummary

translate = QCoreApplication.translate
WIDE_PX = 1500  # a landscape kiosk screen (1920 px) is wide; a portrait one (1080 px) is not


def number_problem_text(problem: NumberProblem) -> str:
    texts = {
        NumberProblem.EMPTY: translate("Track", "Enter the transaction number."),
        NumberProblem.NOT_DIGITS: translate("Track", "Use digits only."),
        NumberProblem.WRONG_LENGTH: translate(
            "Track", "A transaction number has 10 digits, like %1.")
        .replace("%1", isolate_ltr(EXAMPLE_TRANSACTION_NUMBER)),
    }
    return texts[problem]


class TrackScreen(Screen):
    """Number -> status and timeline, with print and "my transactions" offers."""

    name = "track"
    #: The beneficiary asked to see their own transactions (needs identification).
    mine_requested = Signal()

    def __init__(self, flow: TrackFlow) -> None:
        super().__init__()
        self.flow = flow
        self.steps = StepIndicator(2)
        self.summary = ErrorSummary()

        self.number_page = FieldPage(FieldKind.NUMBER)
        self.number_page.extra_button.show()
        self.number_page.continue_button.clicked.connect(
            lambda: flow.submit_number(self.number_page.field.text()))
        self.number_page.extra_button.clicked.connect(self.mine_requested)

        self.result_page = QWidget()
        self.timeline = TimelineView()
        self.print_panel = PrintPanel(flow.printing)
        self.print_panel.print_clicked.connect(lambda: flow.print_summary(self.language_code()))
        self.another_button = button()
        self.another_button.clicked.connect(self._track_another)
        self.mine_button = button()
        self.mine_button.clicked.connect(self.mine_requested)
        # Side by side when the three fit across; one above the other when not.
        self.action_row = actions = ButtonRow()
        actions.add(self.print_panel.print_button)
        actions.add(self.another_button)
        actions.add(self.mine_button)
        # Landscape: the print outcome (and its QR) beside the buttons, so the timeline
        # keeps its height; portrait: below them (see resizeEvent).
        self.bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.bottom.setSpacing(24)
        self.bottom.addWidget(actions)
        self.bottom.addWidget(self.print_panel, 1)
        result = QVBoxLayout(self.result_page)
        result.setContentsMargins(0, 0, 0, 0)
        result.setSpacing(16)
        result.addWidget(self.timeline, 1)
        result.addLayout(self.bottom)

        self.trouble = TroublePanel()
        self.trouble.retry_clicked.connect(flow.retry)
        self.trouble.home_clicked.connect(lambda: self.navigate.emit("home"))

        self.pages = PageStack()
        for page in (self.number_page, self.result_page, self.trouble):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 32, 96, 24)
        layout.setSpacing(16)
        layout.addWidget(self.steps)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        flow.subscribe(self.refresh)

    # -- rendering ---------------------------------------------------------------------

    def refresh(self) -> None:
        flow = self.flow
        language = self.language_code()
        self.steps.set_step(1 if flow.step is TrackStep.NUMBER else 2)
        problems: list[str] = []
        if flow.problem is not None:
            problems.append(number_problem_text(flow.problem))
        elif flow.not_found is not None:
            problems.append(translate(
                "Track", "No transaction has the number %1. Check the number in your SMS "
                "or receipt.").replace("%1", isolate_ltr(flow.not_found)))
        if problems:
            self.summary.show_problems(translate("Track", "There is a problem"), problems)
        else:
            self.summary.clear()
        self.number_page.set_error(problems[0] if problems else None)
        if self.number_page.field.text() != flow.typed and flow.step is TrackStep.NUMBER \
                and flow.typed:
            self.number_page.field.setText(flow.typed)
        self.number_page.continue_button.setEnabled(not flow.busy)
        self.number_page.continue_button.setText(
            translate("Track", "Searching…") if flow.busy else translate("Track", "Show status"))

        if flow.step is TrackStep.RESULT and flow.transaction is not None:
            self.timeline.show_transaction(flow.transaction, language)
            self.print_panel.refresh()
            self.print_panel.print_button.setVisible(flow.can_print)
            self.pages.setCurrentWidget(self.result_page)
        elif flow.step is TrackStep.TROUBLE and flow.trouble is not None:
            self.trouble.show_trouble(flow.trouble, flow.busy)
            self.pages.setCurrentWidget(self.trouble)
        else:
            self.pages.setCurrentWidget(self.number_page)
            self.number_page.field.setFocus()

    def retranslate(self) -> None:
        self.steps.retranslate()
        page = self.number_page
        page.title.setText(translate("Track", "Track a transaction"))
        page.hint.setText(translate(
            "Track", "Enter the transaction number from your SMS or receipt. You do not need "
            "to identify yourself to see where it is."))
        page.field_label.setText(translate("Track", "Transaction number (like %1)")
                                 .replace("%1", isolate_ltr(EXAMPLE_TRANSACTION_NUMBER)))
        page.extra_button.setText(translate("Track", "My transactions and licences"))
        self.another_button.setText(translate("Track", "Track another number"))
        self.mine_button.setText(translate("Track", "See all my transactions"))
        self.trouble.retranslate()
        self.refresh()

    # -- shell hooks -------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE_PX
        self.bottom.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                 else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def _track_another(self) -> None:
        self.flow.reset()
        self.number_page.clear()

    def handle_back(self) -> bool:
        return self.flow.back()

    def entered(self) -> None:
        self.refresh()

    def help_text(self) -> str:
        if self.flow.step is TrackStep.NUMBER:
            return translate(
                "TrackHelp", "Type the transaction number from your receipt or from the "
                "text message the municipality sent you, with its dash, then tap Show status.")
        return translate(
            "TrackHelp", "Each department's step is shown in order. A step waiting for you "
            "says what to bring or do; staff can explain any of them.")

    def reset(self) -> None:
        self.flow.reset()
        self.number_page.clear()
        self.summary.clear()
        self.timeline.clear()
