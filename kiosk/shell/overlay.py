"""The idle warning: a card over the current screen with a countdown and one big button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n.plural import counted


class IdleOverlay(QFrame):
    """Covers its parent while the session is about to end (WCAG 2.2.1: one tap extends)."""

    continue_clicked = Signal()
    end_clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("Overlay")
        card = QFrame(self)
        card.setObjectName("OverlayCard")
        card.setMinimumWidth(760)
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.title.setProperty("role", "title")
        self.body = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.countdown = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.countdown.setObjectName("Countdown")
        self.continue_button = QPushButton()
        self.continue_button.setProperty("role", "primary")
        self.end_button = QPushButton()
        self.continue_button.clicked.connect(self.continue_clicked)
        self.end_button.clicked.connect(self.end_clicked)
        # The primary action first (on the reading side), as on every other screen.
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(24)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        inner.addWidget(self.countdown)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.seconds = 0
        self.retranslate()
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        self.seconds = seconds
        self._count()
        self.setGeometry(self._host.rect())
        self.raise_()
        self.show()
        self.continue_button.setFocus()

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.title.setText(translate("IdleOverlay", "Do you need more time?"))
        self.body.setText(translate(
            "IdleOverlay",
            "For your privacy, this session will end and your answers will be erased in",
        ))
        self._count()
        self.continue_button.setText(translate("IdleOverlay", "Continue"))
        self.end_button.setText(translate("IdleOverlay", "End session"))

    def _count(self) -> None:
        # Qt's plural forms: Arabic has six ("ثانية واحدة", "ثانيتين", "3 ثوانٍ", "30 ثانية").
        self.countdown.setText(counted("IdleOverlay", "%n second(s)", self.seconds))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._host.rect())
        return False
