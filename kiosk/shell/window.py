"""The kiosk's main window: brand bar, Help and language buttons, banners, navigation,
screens, and the lowered layout's empty top for a seated beneficiary.

It owns no business logic: it shows what the router, the language manager and the idle
watcher tell it, and turns the navigation buttons into their intents.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.text import isolate_ltr
from kiosk.shell.help import HelpOverlay
from kiosk.shell.overlay import IdleOverlay
from kiosk.widgets.style import restyle

# In the lowered layout, the share of the window's height left empty above every control:
# a seated or wheelchair user reaches little above 1.2 m from the floor, which on a
# floor-standing portrait kiosk is about its lower half; a landscape screen sits lower.
LOWERED_EMPTY_SHARE = {"portrait": 0.4, "landscape": 1 / 3}


class Banner(QFrame):
    """A calm one-line notice under the brand bar (e.g. working offline), in the language
    on screen: it keeps the sentence's source and says it again when the language changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Banner")
        self.text = QLabel(wordWrap=True)
        self._words: Callable[[], str] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.addWidget(self.text)
        self.hide()

    def show_message(self, kind: str, words: Callable[[], str]) -> None:
        """`words` gives the sentence in the current language (a translating function)."""
        restyle(self, "kind", kind)
        self._words = words
        self.text.setText(words())
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._words is not None:
            self.text.setText(self._words())
        super().changeEvent(event)


class StaffNotice(QFrame):
    """Stays under the brand bar while a call for staff is open, so staff walking up see
    it; the staff member (or the beneficiary) taps it away."""

    clear_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("StaffNotice")
        self.text = QLabel(wordWrap=True)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("ClearStaffCall")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.clear_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.text.setText(translate("StaffNotice", "Staff have been called and will come to you."))
        self.clear_button.setText(translate("StaffNotice", "Staff are here"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class KioskWindow(QMainWindow):
    """Frame around the screen stack; in kiosk mode it cannot be closed by the beneficiary."""

    home_requested = Signal()
    back_requested = Signal()
    end_requested = Signal()
    language_requested = Signal()
    help_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.allow_close = True
        central = QWidget()
        central.setObjectName("Central")
        self.setCentralWidget(central)

        self.top_bar = QFrame()
        self.top_bar.setObjectName("TopBar")
        self.brand = QLabel()
        self.brand.setObjectName("Brand")
        self.brand_sub = QLabel()
        self.brand_sub.setObjectName("BrandSub")
        brand_box = QVBoxLayout()
        brand_box.setSpacing(0)
        brand_box.addWidget(self.brand)
        brand_box.addWidget(self.brand_sub)
        self.language_button = QPushButton()
        self.language_button.setObjectName("LanguageButton")
        # Like the navigation buttons, it never takes the focus: switching language while
        # typing keeps the field focused and its keyboard (the numeric pad for an ID) up.
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_button.clicked.connect(self.language_requested)
        self.help_button = QPushButton()
        self.help_button.setObjectName("HelpButton")
        self.help_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.help_button.clicked.connect(self.help_requested)
        top = QHBoxLayout(self.top_bar)
        top.setContentsMargins(32, 6, 32, 6)
        top.setSpacing(16)
        top.addLayout(brand_box)
        top.addStretch(1)
        top.addWidget(self.help_button)
        top.addWidget(self.language_button)

        # The lowered layout's top: nothing to reach for up there, only a word on why.
        self.lowered_top = QFrame()
        self.lowered_top.setObjectName("LoweredTop")
        self.lowered_note = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        lowered_box = QVBoxLayout(self.lowered_top)
        lowered_box.setContentsMargins(64, 32, 64, 32)
        lowered_box.addWidget(self.lowered_note)
        self.lowered_top.hide()
        self.lowered = False

        self.banner = Banner()
        self.staff_notice = StaffNotice()

        self.nav_bar = QFrame()
        self.nav_bar.setObjectName("NavBar")
        self.home_button = QPushButton()
        self.back_button = QPushButton()
        self.end_button = QPushButton()
        for widget, signal in (
            (self.home_button, self.home_requested),
            (self.back_button, self.back_requested),
            (self.end_button, self.end_requested),
        ):
            widget.setProperty("role", "nav")
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            widget.clicked.connect(signal)
        self.end_button.setProperty("role", "danger")
        nav = QHBoxLayout(self.nav_bar)
        nav.setContentsMargins(32, 6, 32, 6)
        nav.setSpacing(16)
        nav.addWidget(self.back_button)
        nav.addWidget(self.home_button)
        nav.addStretch(1)
        nav.addWidget(self.end_button)

        self.stack = QStackedWidget()
        self.stack.setObjectName("ScreenStack")
        self.keyboard_slot = QVBoxLayout()
        self.keyboard_slot.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.lowered_top)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.staff_notice)
        layout.addWidget(self.banner)
        layout.addWidget(self.nav_bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.keyboard_slot)

        self.idle_overlay = IdleOverlay(central)
        self.help_overlay = HelpOverlay(central)
        self.retranslate()

    def set_navigation_visible(self, visible: bool) -> None:
        self.nav_bar.setVisible(visible)

    def set_lowered(self, lowered: bool) -> None:
        """The lowered layout: every control below `LOWERED_EMPTY_SHARE` of the height."""
        self.lowered = lowered
        self.lowered_top.setVisible(lowered)
        self.help_overlay.set_lowered(lowered)
        self._fit_lowered_top()

    def _fit_lowered_top(self) -> None:
        if not self.lowered:
            return
        orientation = "portrait" if self.height() > self.width() else "landscape"
        self.lowered_top.setFixedHeight(round(self.height() * LOWERED_EMPTY_SHARE[orientation]))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_lowered_top()
        super().resizeEvent(event)

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.brand.setText(translate("KioskWindow", "Al-Ahsa Municipality"))
        self.brand_sub.setText(translate("KioskWindow", "Self-service kiosk"))
        self.home_button.setText(translate("KioskWindow", "Home"))
        self.back_button.setText(translate("KioskWindow", "Back"))
        self.end_button.setText(translate("KioskWindow", "Cancel and end session"))
        self.help_button.setText(translate("KioskWindow", "Help"))
        self.lowered_note.setText(translate(
            "KioskWindow", "Lowered layout: every button is below, within reach."))
        # Each language is named in itself, so a reader of the other one can find it.
        arabic_now = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.language_button.setText(isolate_ltr("English") if arabic_now else "العربية")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.LayoutDirectionChange):
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
