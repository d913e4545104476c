"""The Help panel every screen opens from the brand bar: what this step needs, the
municipality's hotline, and a way to call the staff standing nearby.

The words of "what this step needs" are the screen's own (`Screen.help_text`); the
hotline comes from the configuration (`ui.hotline`); calling staff raises the kiosk's
`StaffCall` flag (the shell does that, this panel only asks).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.text import isolate_ltr

CARD_MAX_WIDTH = 1000
CARD_MARGIN = 48


class CardOverlay(QFrame):
    """Covers its parent with a dimmed layer and one card in the middle (at the bottom in
    the lowered layout, within a seated beneficiary's reach). Subclasses fill `card_layout`."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("Overlay")
        self.card = QFrame(self)
        self.card.setObjectName("OverlayCard")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(48, 40, 48, 40)
        self.card_layout.setSpacing(24)
        self._outer = QVBoxLayout(self)
        self._outer.addStretch(1)
        self._outer.addWidget(self.card, alignment=Qt.AlignmentFlag.AlignCenter)
        self._outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def set_lowered(self, lowered: bool) -> None:
        """In the lowered layout the card sits at the bottom of the screen."""
        self._outer.setStretch(2, 0 if lowered else 1)

    def cover(self) -> None:
        """Shows the card over the whole of the parent."""
        self._fit()
        self.raise_()
        self.show()

    def _fit(self) -> None:
        # Word-wrapped text needs the card's width fixed to know its height.
        self.setGeometry(self._host.rect())
        width = max(320, min(CARD_MAX_WIDTH, self._host.width() - 2 * CARD_MARGIN))
        self.card.setFixedWidth(width)
        self.card.setMinimumHeight(self.card_layout.totalHeightForWidth(width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False


class HelpOverlay(CardOverlay):
    """The Help card: this step's help, the hotline, "call staff" and "close"."""

    call_staff_clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("panel", "help")
        self.title = QLabel(wordWrap=True)
        self.title.setProperty("role", "title")
        self.step_help = QLabel(wordWrap=True)
        self.step_help.setObjectName("HelpText")
        self.hotline = QLabel(wordWrap=True)
        self.hotline.setObjectName("HelpHotline")
        self.staff_called = QLabel(wordWrap=True)
        self.staff_called.setObjectName("HelpStaffCalled")
        self.staff_called.setProperty("role", "subtitle")
        self.call_button = QPushButton()
        self.call_button.setObjectName("CallStaffButton")
        self.call_button.clicked.connect(self.call_staff_clicked)
        self.close_button = QPushButton()
        self.close_button.setObjectName("CloseHelpButton")
        self.close_button.setProperty("role", "primary")
        self.close_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.call_button)
        for widget in (self.title, self.step_help, self.hotline, self.staff_called):
            self.card_layout.addWidget(widget)
        self.card_layout.addLayout(buttons)
        self._help: Callable[[], str] = str
        self._number = ""
        self._called = False

    def show_help(self, help_text: Callable[[], str], number: str, *, called: bool) -> None:
        """Opens the panel for the screen whose `help_text` is given (asked again when the
        language changes), with the hotline `number`."""
        self._help = help_text
        self._number = number
        self.set_called(called)
        self.retranslate()
        self.cover()
        self.close_button.setFocus()

    def set_called(self, called: bool) -> None:
        """Shows that staff have been called (and no second call), or offers the call."""
        self._called = called
        self.staff_called.setVisible(called)
        self.call_button.setVisible(not called)
        if self.isVisible():
            self._fit()

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.title.setText(translate("HelpOverlay", "Help"))
        self.step_help.setText(self._help())
        self.hotline.setText(translate(
            "HelpOverlay", "Questions about your request: call the municipality on %1.")
            .replace("%1", isolate_ltr(self._number)))
        self.staff_called.setText(translate(
            "HelpOverlay", "Staff have been called. Please stay at the kiosk."))
        self.call_button.setText(translate("HelpOverlay", "Call staff"))
        self.close_button.setText(translate("HelpOverlay", "Close"))
        if self.isVisible():  # the other language's words need another height
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
