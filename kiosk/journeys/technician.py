"""Wires technician mode: the hidden door on the public screens, the PIN pad, and the
technician screen with its tools.

- The door (`kiosk.technician.door`: five quick taps in one top corner, or Ctrl+Alt+T on
  a physical keyboard) opens the PIN pad only from the public screens at rest (Home, or
  the out-of-service screen a technician must be able to get past), never during a
  beneficiary's session.
- The PIN is checked off the UI thread (`PinLock`); once it is accepted the kiosk is held
  out of service under `TECHNICIAN` and the technician screen shows. With the
  development PIN it shows only the "change the PIN" tool until a new one is saved.
- Leaving (the button, or 5 minutes without a touch, or anything else that ends the
  session) releases that hold and returns to kiosk mode: Home, or the out-of-service
  screen while another hold (the technician's own `SITE` hold, say) remains.
Every step is written to the audit log (`kiosk.technician.audit`), never the digits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.devices.printer.samples import PrintCheck, print_test
from kiosk.flows.pay import PaymentRecorder
from kiosk.health.service import TECHNICIAN
from kiosk.screens.technician.audit import AuditPanel, AuditView
from kiosk.screens.technician.change_pin import ChangePinPanel
from kiosk.screens.technician.frame import TechnicianScreen
from kiosk.screens.technician.outbox import OutboxPanel
from kiosk.screens.technician.panel import ToolPanel
from kiosk.screens.technician.pin_pad import PinPadScreen
from kiosk.screens.technician.printer import PrinterPanel
from kiosk.screens.technician.service import ServicePanel
from kiosk.screens.technician.settings import SettingsPanel
from kiosk.screens.technician.status import StatusPanel
from kiosk.screens.technician.terminal import TerminalPanel
from kiosk.shell.idle import IdleWatcher
from kiosk.shell.router import HOME
from kiosk.technician.audit import AuditLog
from kiosk.technician.door import DoorGesture
from kiosk.technician.lock import Outcome, PinLock, Verdict
from kiosk.technician.outbox_tool import OutboxTool
from kiosk.technician.printer_tool import PrinterTool
from kiosk.technician.settings_tool import SettingsTool
from kiosk.technician.site_hold import SiteHold
from kiosk.technician.status import StatusReport, status_report
from kiosk.technician.terminal_tool import TerminalTool

if TYPE_CHECKING:
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services

log = logging.getLogger(__name__)

PIN_PAD = "technician_pin"
SCREEN = "technician"
#: The public screens at rest the door may be opened from.
DOOR_SCREENS = (HOME, "out_of_service")
#: Technician mode leaves by itself after this long without a touch (the last
#: `IDLE_WARNING_S` of it counting down on screen).
IDLE_S = 5 * 60
IDLE_WARNING_S = 30
#: The door on a physical keyboard: Ctrl+Alt+T.
DOOR_KEY = Qt.Key.Key_T
DOOR_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
#: How many of the last actions the Audit tool shows.
AUDIT_SHOWN = 20
PRESENCE_EN = "A technician is servicing this kiosk."
PRESENCE_AR = "يقوم أحد الفنيين بصيانة هذا الجهاز."


class TechnicianMode(QObject):
    """Technician mode of one kiosk: who is in, the door, and the way out."""

    def __init__(self, kiosk: KioskPort, services: Services) -> None:
        super().__init__(kiosk.router)
        self.setObjectName("technician-mode")
        self.kiosk = kiosk
        self.services = services
        self.data_dir = kiosk.config.storage.data_dir
        self.audit_log = AuditLog.in_folder(self.data_dir)
        self.lock = PinLock(self.data_dir, kiosk.config.technician.pin_hash,
                            self._audit)
        self.site = SiteHold(kiosk.service, self.data_dir, self._audit)
        self.gesture = DoorGesture()
        self.inside = False
        self.started = time.monotonic()
        self.change_pin: ChangePinPanel | None = None
        self.idle = IdleWatcher((IDLE_S - IDLE_WARNING_S) * 1000, IDLE_WARNING_S, self)
        self.idle.warning.connect(self._countdown)
        self.idle.tick.connect(self._countdown)
        self.idle.resumed.connect(lambda: self.frame().hide_countdown())
        self.idle.expired.connect(lambda: self.leave("idle for 5 minutes"))
        kiosk.router.changed.connect(self._screen_changed)

    # --- the tools' view of the audit log -------------------------------------------
    def _audit(self, action: str, outcome: str) -> None:
        self.audit_log.record(action, outcome)

    def _audit_later(self, action: str, outcome: str) -> None:
        """Records from the UI thread: the write happens on a worker."""
        self.kiosk.background.submit(lambda: self._audit(action, outcome), _ignore,
                                     _logged("audit record not written"), session=False)

    # --- the door ---------------------------------------------------------------------
    def may_open(self) -> bool:
        """Whether the door may open now: a public screen at rest, nobody in a session."""
        return (not self.inside and self.kiosk.router.current in DOOR_SCREENS
                and not self.kiosk.in_session)

    def tapped(self, screen: QWidget, event: QMouseEvent) -> None:
        if self.kiosk.router.screen(self.kiosk.router.current) is not screen:
            return
        position = event.position()
        opened = self.gesture.tap(position.x(), position.y(), screen.width(), screen.height(),
                                  time.monotonic())
        if opened and self.may_open():
            log.info("technician door opened", extra={"by": "gesture"})
            self.open_pad()

    def open_pad(self) -> None:
        """Shows the PIN pad (and, if the door is locked, until when)."""
        self.gesture.reset()
        pad = self.pad()
        pad.reset()
        self.kiosk.router.go(PIN_PAD)
        self.kiosk.background.submit(self.lock.locked_until, self._show_lock,
                                     _logged("technician lock not read"))

    def _show_lock(self, until: Any) -> None:
        if until is not None:
            self.pad().show_locked(until)

    def pad(self) -> PinPadScreen:
        screen = self.kiosk.router.screen(PIN_PAD)
        assert isinstance(screen, PinPadScreen)
        return screen

    def frame(self) -> TechnicianScreen:
        screen = self.kiosk.router.screen(SCREEN)
        assert isinstance(screen, TechnicianScreen)
        return screen

    def check(self, pin: str) -> None:
        self.kiosk.background.submit(lambda: self.lock.check(pin), self._checked,
                                     self._check_failed)

    def _checked(self, verdict: Verdict) -> None:
        if verdict.outcome is Outcome.ACCEPTED:
            self.enter(must_change=verdict.must_change)
        elif verdict.outcome is Outcome.WRONG:
            self.pad().show_wrong(verdict.tries_left)
        elif verdict.locked_until is not None:
            self.pad().show_locked(verdict.locked_until)

    def _check_failed(self, error: BaseException) -> None:
        log.error("technician PIN not checked", exc_info=error)
        self.pad().show_ready()

    # --- in and out -------------------------------------------------------------------
    def enter(self, *, must_change: bool) -> None:
        """Technician mode: the public is held out, the technician screen shows."""
        self.inside = True
        self.kiosk.service.hold(TECHNICIAN, PRESENCE_EN, PRESENCE_AR)
        frame = self.frame()
        assert self.change_pin is not None
        self.change_pin.set_required(must_change)
        frame.restrict_to(self.change_pin if must_change else None)
        self.kiosk.router.replace(SCREEN)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.set_active(True)
        log.info("technician mode entered", extra={"pin_change_required": must_change})

    def _pin_changed(self) -> None:
        if self.frame().restricted:
            self.frame().restrict_to(None)
        self.kiosk.pin_changed()

    def leave(self, how: str = "left by the technician") -> None:
        """Back to kiosk mode: Home, or out of service while another hold remains."""
        if not self.inside:
            return
        self._left(how)
        self.kiosk.end_session("technician left")

    def _left(self, how: str) -> None:
        self.inside = False
        self.idle.set_active(False)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self._audit_later("leave", how)
        self.kiosk.service.release(TECHNICIAN)
        log.info("technician mode left", extra={"how": how})

    def _screen_changed(self, name: str) -> None:
        if self.inside and name != SCREEN:
            # Something else ended technician mode (an urgent hold, a shutdown).
            self._left("ended by the kiosk")

    def _countdown(self, seconds: int) -> None:
        self.frame().show_countdown(seconds)

    def restart(self) -> None:
        """Writes the restart down, then has the kiosk app exit for systemd to restart."""
        self.kiosk.background.submit(
            lambda: self._audit("restart", "the kiosk app restarts"),
            lambda _done: self.kiosk.restart(), lambda _error: self.kiosk.restart(),
            session=False)

    # --- the tools --------------------------------------------------------------------
    def read_status(self) -> StatusReport:
        return status_report(self.kiosk.config.kiosk.id, self.services.reporters,
                             self.data_dir, self.started)

    def read_audit(self) -> AuditView:
        return self.audit_log.last(AUDIT_SHOWN), self.audit_log.verify()

    def test_print(self) -> PrintCheck:
        """`kiosk print-test`'s receipt, with this kiosk's identity (blocking)."""
        return print_test(self.services.printer, self.kiosk.config.kiosk,
                          base_url=self.kiosk.config.api.base_url)

    def panels(self) -> list[ToolPanel]:
        """The technician screen's tools, in the order they are listed.

        The tools' jobs are the kiosk's own (`for_kiosk`): leaving technician mode ends
        the session, and must not drop a test print or a settle halfway. They audit from
        the worker thread that did the work (`AuditLog.record` is thread-safe)."""
        runner = self.kiosk.background
        work = runner.for_kiosk()
        services = self.services
        self.change_pin = ChangePinPanel(self.lock.change, runner)
        self.change_pin.changed.connect(self._pin_changed)
        return [
            StatusPanel(self.read_status, runner),
            PrinterPanel(PrinterTool(services.printer, self.test_print, work, self._audit)),
            TerminalPanel(TerminalTool(services.terminal, PaymentRecorder(services.outbox),
                                       work, self._audit)),
            OutboxPanel(OutboxTool(services.outbox, work, self._audit)),
            SettingsPanel(SettingsTool(self.kiosk.config, work, self._audit)),
            ServicePanel(self.site, runner, self.restart),
            AuditPanel(self.read_audit, runner),
            self.change_pin,
        ]


class DoorWatcher(QObject):
    """Feeds taps on the public screens, and the door's key, to technician mode."""

    def __init__(self, mode: TechnicianMode) -> None:
        super().__init__(mode)
        self.mode = mode

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent)
                and isinstance(watched, QWidget)):
            self.mode.tapped(watched, event)
        elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
              and event.key() == DOOR_KEY and not event.isAutoRepeat()
              and (event.modifiers() & DOOR_MODIFIERS) == DOOR_MODIFIERS):
            if self.mode.may_open():
                log.info("technician door opened", extra={"by": "keyboard"})
                self.mode.open_pad()
            return True
        return False


def _ignore(_result: object) -> None:
    """Nothing to show: the work was its own point."""


def _logged(what: str) -> Callable[[BaseException], None]:
    def failed(error: BaseException) -> None:
        log.error(what, exc_info=error)
    return failed


def install(kiosk: KioskPort, services: Services) -> None:
    mode = TechnicianMode(kiosk, services)
    services.reporters.append(mode.lock)

    def make_pad() -> PinPadScreen:
        pad = PinPadScreen()
        pad.submitted.connect(mode.check)
        pad.cancelled.connect(lambda: kiosk.end_session("technician PIN cancelled"))
        return pad

    def make_frame() -> TechnicianScreen:
        frame = TechnicianScreen(mode.panels())
        frame.leave_requested.connect(mode.leave)
        return frame

    kiosk.router.register(PIN_PAD, make_pad)
    kiosk.router.register(SCREEN, make_frame)
    watcher = DoorWatcher(mode)
    for name in DOOR_SCREENS:
        screen = kiosk.router.screen(name)
        screen.installEventFilter(watcher)
    home = kiosk.router.screen(HOME)
    home.window().installEventFilter(watcher)
    # A technician who took the kiosk out of service before a restart kept it so.
    kiosk.background.submit(mode.site.restore, _ignore, _logged("site hold not restored"),
                            session=False)


def technician_mode(kiosk: KioskPort) -> TechnicianMode:
    """The kiosk's technician mode (installed with the journeys)."""
    mode = kiosk.router.findChild(TechnicianMode)
    if mode is None:
        raise LookupError("technician mode is installed with the journeys")
    return mode
