"""My licences and my transactions (رخصي ومعاملاتي), after identification.

Large cards, one per licence, the ones needing attention first; a cancelled or suspended
licence says by whom (the Labour Office, the Zakat authority, the municipality) and why.
"My transactions" is a list; a tap opens that transaction's timeline. Renders MineFlow.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.api.schema import Licence, LicenceStatus, Transaction
from kiosk.domain.dates import format_dual_date
from kiosk.domain.text import isolate_ltr
from kiosk.flows.mine import MineFlow, MineView
from kiosk.flows.progress import Progress, Stage
from kiosk.screens.base import Screen, button, label
from kiosk.screens.stages import show_progress
from kiosk.screens.track_parts import (
    STATUS_BADGE,
    PrintPanel,
    TimelineView,
    TroublePanel,
    directed,
    set_badge,
    status_word,
)
from kiosk.widgets.layout import (
    SCROLL_BODY,
    ButtonRow,
    PageStack,
    clear_layout,
    list_column,
)
from kiosk.widgets.steps import StepIndicator
from kiosk.widgets.style import restyle

translate = QCoreApplication.translate
WIDE_PX = 1500  # a landscape kiosk screen (1920 px) is wide; a portrait one (1080 px) is not

LICENCE_BADGE = {LicenceStatus.ACTIVE: "good", LicenceStatus.EXPIRED: "warn",
                 LicenceStatus.SUSPENDED: "bad", LicenceStatus.CANCELLED: "bad"}


def licence_dates(licence: Licence, language: str) -> str:
    """The date that matters for the licence's status: until when it is valid, when it
    expired, or when it was cancelled or suspended ("valid until" would mislead there)."""
    status, changed = licence.status, licence.status_changed_on
    if status is LicenceStatus.ACTIVE:
        return translate("Licences", "Valid until %1").replace(
            "%1", format_dual_date(licence.expires_on, language))
    if status is LicenceStatus.EXPIRED:
        return translate("Licences", "Expired on %1").replace(
            "%1", format_dual_date(licence.expires_on, language))
    if changed is None:  # a server that does not say when: no date rather than a wrong one
        return ""
    day = format_dual_date(changed, language)
    if status is LicenceStatus.CANCELLED:
        return translate("Licences", "Cancelled on %1").replace("%1", day)
    return translate("Licences", "Suspended since %1").replace("%1", day)


class LicenceCard(QFrame):
    """One licence, readable at arm's length, with its own Print button."""

    def __init__(self, licence: Licence, language: str) -> None:
        super().__init__()
        self.setObjectName("InfoCard")
        self.number = licence.number
        arabic = language == "ar"
        self.shop = label("department")
        self.shop.setText(directed(licence.shop_name, language))
        self.status = QLabel()
        set_badge(self.status, status_word(licence.status), LICENCE_BADGE[licence.status])
        self.kind = label()
        self.kind.setText(translate("Licences", "%1, number %2")
                          .replace("%1", status_word(licence.licence_type))
                          .replace("%2", isolate_ltr(licence.number)))
        self.place = label("hint")
        self.place.setText(translate("Licences", "%1 in %2")
                           .replace("%1", licence.activity_ar if arabic else licence.activity_en)
                           .replace("%2", licence.district_ar if arabic
                                    else licence.district_en))
        self.expiry = label()
        self.expiry.setText(licence_dates(licence, language))
        self.expiry.setVisible(bool(self.expiry.text()))
        self.decision = label("error")
        reason = licence.status_reason_ar if arabic else licence.status_reason_en
        if licence.status in (LicenceStatus.CANCELLED, LicenceStatus.SUSPENDED):
            who = status_word(licence.status_by) if licence.status_by else ""
            if licence.status is LicenceStatus.CANCELLED:
                text = (translate("Licences", "Cancelled by %1.") if who
                        else translate("Licences", "Cancelled."))
            else:
                text = (translate("Licences", "Suspended by %1.") if who
                        else translate("Licences", "Suspended."))
            text = text.replace("%1", who)
            if reason:
                text += " " + translate("Licences", "Reason: %1").replace("%1", reason)
            self.decision.setText(text)
        else:
            self.decision.hide()
        self.print_button = button()
        self.print_button.setText(translate("Licences", "Print a summary"))

        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.shop)
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        head.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.kind)
        layout.addWidget(self.place)
        layout.addWidget(self.expiry)
        layout.addWidget(self.decision)


class TransactionRow(QFrame):
    """One of the beneficiary's transactions; its button opens the timeline."""

    def __init__(self, transaction: Transaction, language: str) -> None:
        super().__init__()
        self.setObjectName("InfoCard")
        self.number = transaction.number
        self.title = label("department")
        self.title.setText(translate("Licences", "Transaction %1")
                           .replace("%1", isolate_ltr(transaction.number)))
        self.status = QLabel()
        set_badge(self.status, status_word(transaction.status),
                  STATUS_BADGE[transaction.status])
        self.facts = label("hint")
        self.facts.setText(translate("Licences", "%1, %2. Submitted on %3.")
                           .replace("%1", status_word(transaction.licence_type))
                           .replace("%2", status_word(transaction.branch))
                           .replace("%3", format_dual_date(transaction.submitted_at, language)))
        self.open_button = button()
        self.open_button.setText(translate("Licences", "Show its progress"))
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.title)
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        # Under the facts, not beside the title: a portrait card has no room for both.
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeading)


class LicencesScreen(Screen):
    """Licences / transactions tabs over MineFlow; asks for identification when needed."""

    name = "licences"
    #: Not identified (or the verification expired): the journey sends them to "identify".
    identity_needed = Signal()

    def __init__(self, flow: MineFlow, identified: Callable[[], bool]) -> None:
        super().__init__()
        self.flow = flow
        self._identified = identified
        self.start_view = MineView.LICENCES
        # The journey's named steps when it passed through identification (shown then,
        # so the count goes on from "Your identity"); empty: no indicator.
        self.stages: tuple[Stage, ...] = ()
        self.steps = StepIndicator()
        self.steps.hide()
        self.licence_cards: list[LicenceCard] = []
        self.transaction_rows: list[TransactionRow] = []

        self.title = label("title")
        self.licences_tab = button("nav")
        self.transactions_tab = button("nav")
        self.licences_tab.clicked.connect(lambda: flow.open(MineView.LICENCES))
        self.transactions_tab.clicked.connect(lambda: flow.open(MineView.TRANSACTIONS))
        tabs = QHBoxLayout()
        tabs.setSpacing(16)
        tabs.addWidget(self.title, 1)
        tabs.addWidget(self.licences_tab)
        tabs.addWidget(self.transactions_tab)

        self.loading = label("subtitle")
        self.empty = label("subtitle")
        self.licence_list, licence_column = list_column()
        # Two columns of cards on a landscape screen (an owner of six establishments sees
        # them all with little scrolling), one on a portrait screen.
        grid_host = QWidget()
        grid_host.setObjectName(SCROLL_BODY)
        self.licence_grid = QGridLayout(grid_host)
        self.licence_grid.setContentsMargins(0, 0, 0, 0)
        self.licence_grid.setSpacing(16)
        licence_column.addWidget(grid_host)
        licence_column.addStretch(1)
        self._columns = 1
        self.transaction_list, self.transaction_column = list_column()
        self.list_page = QWidget()
        lists = QVBoxLayout(self.list_page)
        lists.setContentsMargins(0, 0, 0, 0)
        lists.addWidget(self.loading)
        lists.addWidget(self.empty)
        lists.addWidget(self.licence_list, 1)
        lists.addWidget(self.transaction_list, 1)
        lists.addStretch(0)  # keeps "loading" and "none" at the top when no list shows

        self.timeline_page = QWidget()
        self.timeline = TimelineView()
        self.back_to_list = button()
        self.back_to_list.clicked.connect(flow.back)
        self.print_panel = PrintPanel(flow.printing)
        self.print_panel.print_clicked.connect(lambda: flow.print_selected(self.language_code()))
        timeline_actions = ButtonRow()
        timeline_actions.add(self.print_panel.print_button)
        timeline_actions.add(self.back_to_list)
        timeline = QVBoxLayout(self.timeline_page)
        timeline.setContentsMargins(0, 0, 0, 0)
        timeline.setSpacing(16)
        timeline.addWidget(self.timeline, 1)
        timeline.addWidget(timeline_actions)

        self.trouble = TroublePanel()
        self.trouble.retry_clicked.connect(flow.retry)
        self.trouble.home_clicked.connect(lambda: self.navigate.emit("home"))
        self.trouble.identify_clicked.connect(self.identity_needed)

        self.pages = PageStack()
        for page in (self.list_page, self.timeline_page, self.trouble):
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 32, 96, 24)
        layout.setSpacing(16)
        layout.addWidget(self.steps)
        layout.addLayout(tabs)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.print_panel)
        flow.subscribe(self.refresh)
        self._rendered: tuple[object, ...] = ()

    # -- rendering ---------------------------------------------------------------------

    def refresh(self) -> None:
        flow = self.flow
        language = self.language_code()
        show_progress(self.steps, Progress(self.stages, Stage.LICENCES)
                      if Stage.IDENTITY in self.stages else None)
        view = flow.view
        showing_transactions = flow.wanted is MineView.TRANSACTIONS
        self._mark_tab(self.licences_tab, not showing_transactions)
        self._mark_tab(self.transactions_tab, showing_transactions)
        for tab in (self.licences_tab, self.transactions_tab):
            tab.setEnabled(not flow.busy)
        shown = flow.transactions if showing_transactions else flow.licences
        if showing_transactions:
            title = (translate("Licences", "My transactions (%1)") if shown
                     else translate("Licences", "My transactions"))
        else:
            title = (translate("Licences", "My licences (%1)") if shown
                     else translate("Licences", "My licences"))
        self.title.setText(title.replace("%1", isolate_ltr(str(len(shown or [])))))

        if view is MineView.TROUBLE and flow.trouble is not None:
            self.trouble.show_trouble(flow.trouble, flow.busy)
            self.pages.setCurrentWidget(self.trouble)
        elif view is MineView.TIMELINE and flow.selected is not None:
            self.timeline.show_transaction(flow.selected, language)
            self.pages.setCurrentWidget(self.timeline_page)
        else:
            self._render_lists(showing_transactions, language)
            self.pages.setCurrentWidget(self.list_page)

        self.print_panel.refresh()
        self.print_panel.print_button.setVisible(
            view is MineView.TIMELINE and flow.selected is not None
            and flow.selected.licence_number is not None)
        for card in self.licence_cards:
            card.print_button.setEnabled(not flow.printing.busy)

    def _render_lists(self, transactions: bool, language: str) -> None:
        flow = self.flow
        items = flow.transactions if transactions else flow.licences
        self.licence_list.setVisible(not transactions and bool(items))
        self.transaction_list.setVisible(transactions and bool(items))
        self.loading.setVisible(flow.busy and items is None)
        self.loading.setText(translate("Licences", "Loading your transactions…") if transactions
                             else translate("Licences", "Loading your licences…"))
        self.empty.setVisible(items == [] and not flow.busy)
        self.empty.setText(
            translate("Licences", "You have no transactions with the municipality.")
            if transactions else
            translate("Licences", "You have no licences registered with the municipality."))
        # Rebuild the cards only when what they show (or the language) changed.
        columns = 2 if self.width() >= WIDE_PX else 1
        key = (language, id(flow.licences), id(flow.transactions), columns)
        if key == self._rendered:
            return
        self._rendered = key
        self._columns = columns
        clear_layout(self.licence_grid)
        clear_layout(self.transaction_column)
        self.licence_grid.setColumnStretch(0, 1)
        self.licence_grid.setColumnStretch(1, 1 if columns == 2 else 0)
        self.licence_cards = [LicenceCard(lic, language) for lic in flow.licences or []]
        for index, card in enumerate(self.licence_cards):
            number = card.number
            card.print_button.clicked.connect(
                lambda _=False, n=number: flow.print_licence(n, self.language_code()))
            self.licence_grid.addWidget(card, index // columns, index % columns)
            card.show()  # now, not on the next event loop pass (addWidget defers it)
        self.transaction_rows = [TransactionRow(t, language) for t in flow.transactions or []]
        for row in self.transaction_rows:
            number = row.number
            row.open_button.clicked.connect(
                lambda _=False, n=number: flow.open_transaction(n))
            self.transaction_column.addWidget(row)
            row.show()
        self.transaction_column.addStretch(1)

    @staticmethod
    def _mark_tab(tab: QPushButton, active: bool) -> None:
        tab.setMinimumHeight(64)
        restyle(tab, "role", "primary" if active else "nav")

    def retranslate(self) -> None:
        self.licences_tab.setText(translate("Licences", "Licences"))
        self.transactions_tab.setText(translate("Licences", "Transactions"))
        self.back_to_list.setText(translate("Licences", "Back to my transactions"))
        self.trouble.retranslate()
        self._rendered = ()
        self.refresh()

    # -- shell hooks -------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if (2 if event.size().width() >= WIDE_PX else 1) != self._columns:
            self._rendered = ()
            self.refresh()

    def entered(self) -> None:
        if not self._identified():
            self.identity_needed.emit()
            return
        flow = self.flow
        if flow.busy:
            self.refresh()
        elif flow.licences is None and flow.transactions is None:
            flow.open(self.start_view)
        elif flow.view is MineView.TROUBLE:
            flow.retry()  # back after verifying again, or after a failed attempt
        else:
            self.refresh()

    def handle_back(self) -> bool:
        return self.flow.back()

    def help_text(self) -> str:
        return translate(
            "LicencesHelp", "Your licences and your transactions with the municipality are "
            "listed here. Tap one to see its details, or print a summary of it.")

    def reset(self) -> None:
        self.flow.reset()
        self.start_view = MineView.LICENCES
        self.stages = ()
        self._rendered = ()
        clear_layout(self.licence_grid)
        clear_layout(self.transaction_column)
        self.licence_cards = []
        self.transaction_rows = []
        self.timeline.clear()
        self.refresh()
