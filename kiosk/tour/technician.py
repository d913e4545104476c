"""Technician mode in the tour: the PIN pad and its answers, the forced PIN change, and
each tool of the technician screen.

A wrong PIN and a locked door are shown by setting the pad's state (locking the demo
kiosk's door for real would lock it for 15 minutes); the rest is reached as a technician
would, through the real technician mode and the demo's emulators. What the demo cannot
produce on demand is set on the tool after it has read its part: a terminal that stopped
answering with a purchase open, a settled approval, refused outbox entries, the end of a
paper change (the e2e tests reach each of these for real). Each step starts from a fresh
session, which also leaves technician mode.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from kiosk.devices.printer.status import PrinterStatus
from kiosk.domain.requests import RequestKind
from kiosk.journeys.technician import TechnicianMode, technician_mode
from kiosk.offline_queue.entry import EntryState
from kiosk.offline_queue.maintenance import EntrySummary
from kiosk.screens.technician.audit import AuditPanel
from kiosk.screens.technician.change_pin import ChangePinPanel
from kiosk.screens.technician.outbox import OutboxPanel
from kiosk.screens.technician.printer import PrinterPanel
from kiosk.screens.technician.service import ServicePanel
from kiosk.screens.technician.settings import SettingsPanel
from kiosk.screens.technician.status import StatusPanel
from kiosk.screens.technician.terminal import TerminalPanel
from kiosk.technician.lock import LOCK_S, MAX_WRONG
from kiosk.technician.outbox_tool import OutboxView
from kiosk.technician.printer_tool import PaperStep
from kiosk.technician.terminal_tool import Link, Resolution, Settlement
from kiosk.tour.steps import TourContext, TourStep

P = TypeVar("P")


def _mode(tour: TourContext) -> TechnicianMode:
    return technician_mode(tour.kiosk)


def _pad(tour: TourContext) -> None:
    _mode(tour).open_pad()


def _pad_wrong(tour: TourContext) -> None:
    mode = _mode(tour)
    mode.open_pad()
    mode.pad().show_wrong(MAX_WRONG - 3)


def _pad_locked(tour: TourContext) -> None:
    mode = _mode(tour)
    mode.open_pad()
    mode.pad().show_locked(datetime.now(UTC) + timedelta(seconds=LOCK_S))


def _change_pin(tour: TourContext) -> None:
    _mode(tour).enter(must_change=True)


def _change_pin_refused(tour: TourContext) -> None:
    mode = _mode(tour)
    mode.enter(must_change=True)
    panel = mode.change_pin
    assert panel is not None
    panel.new_field.setText("123456")
    panel.repeat_field.setText("123456")
    panel.save_button.click()


def _tool(kind: type[object]) -> Callable[[TourContext], None]:
    """A step that enters technician mode and opens the tool of type `kind`."""

    def setup(tour: TourContext) -> None:
        mode = _mode(tour)
        mode.enter(must_change=False)
        frame = mode.frame()
        frame.show_panel(next(p for p in frame.panels if isinstance(p, kind)))

    return setup


def _open(tour: TourContext, kind: type[P]) -> P:
    """Enters technician mode, opens the tool of type `kind` and lets it read its part."""
    _tool(kind)(tour)
    tour.settle()
    panel = _mode(tour).frame().current
    assert isinstance(panel, kind)
    return panel


def _paper_change(tour: TourContext) -> None:
    _open(tour, PrinterPanel).paper_button.click()


def _paper_back(tour: TourContext) -> None:
    panel = _open(tour, PrinterPanel)
    panel.tool.paper = PaperStep.DONE
    panel.tool.status = PrinterStatus(reachable=True, online=True)
    panel.show_state()


def _test_print(tour: TourContext) -> None:
    _open(tour, PrinterPanel).test_button.click()


def _terminal_settled(tour: TourContext) -> None:
    panel = _open(tour, TerminalPanel)
    panel.tool.resolution = Resolution(Settlement.APPROVED_KEPT, 1_250_00, "A1B2C3")
    panel.show_state()


def _terminal_down(tour: TourContext) -> None:
    panel = _open(tour, TerminalPanel)
    panel.tool.link = Link(up=False, terminal_id="", model="", purchase_open=True,
                           detail="not answering: no reply on /dev/ttyUSB0 within 5.0 s")
    panel.tool.resolution = Resolution(Settlement.STILL_OPEN, 87_50)
    panel.show_state()


def _outbox_entries(tour: TourContext) -> None:
    panel = _open(tour, OutboxPanel)
    hour = 3600.0
    waiting = [EntrySummary(41, RequestKind.RECORD_PAYMENT, EntryState.PENDING, 0.2 * hour, 3,
                            "OfflineError"),
               EntrySummary(42, RequestKind.SUBMIT_APPLICATION, EntryState.PENDING, 0.1 * hour, 1,
                            None)]
    dead = [EntrySummary(17, RequestKind.SUBMIT_APPLICATION, EntryState.DEAD, 50 * hour, 8,
                         "rejected (invalid_activity)")]
    counts = dict.fromkeys(EntryState, 0)
    counts.update({EntryState.PENDING: 2, EntryState.DEAD: 1, EntryState.DELIVERED: 126})
    panel.tool.view = OutboxView(counts, waiting, dead)
    panel.tool.purged = 3
    panel.show_state()


def _setting_refused(tour: TourContext) -> None:
    panel = _open(tour, SettingsPanel)
    panel.timeout_field.setText("5")
    panel.timeout_save.click()


def _reason_typed(tour: TourContext) -> None:
    _tool(ServicePanel)(tour)
    frame = _mode(tour).frame()
    panel = frame.current
    assert isinstance(panel, ServicePanel)
    panel.typed_field.setFocus()
    panel.typed_field.setText("Screen replaced today")


def _idle_warning(tour: TourContext) -> None:
    _tool(StatusPanel)(tour)
    _mode(tour).frame().show_countdown(30)


def steps() -> list[TourStep]:
    return [
        TourStep("technician-pin", _pad),
        TourStep("technician-pin-wrong", _pad_wrong),
        TourStep("technician-pin-locked", _pad_locked),
        TourStep("technician-change-pin", _change_pin),
        TourStep("technician-change-pin-refused", _change_pin_refused),
        TourStep("technician-status", _tool(StatusPanel)),
        TourStep("technician-printer", _tool(PrinterPanel)),
        TourStep("technician-printer-paper-change", _paper_change),
        TourStep("technician-printer-paper-back", _paper_back),
        TourStep("technician-printer-test-print", _test_print),
        TourStep("technician-terminal", _tool(TerminalPanel)),
        TourStep("technician-terminal-settled", _terminal_settled),
        TourStep("technician-terminal-down", _terminal_down),
        TourStep("technician-outbox", _tool(OutboxPanel)),
        TourStep("technician-outbox-entries", _outbox_entries),
        TourStep("technician-settings", _tool(SettingsPanel)),
        TourStep("technician-settings-refused", _setting_refused),
        TourStep("technician-service", _tool(ServicePanel)),
        TourStep("technician-service-reason-typed", _reason_typed),
        TourStep("technician-audit", _tool(AuditPanel)),
        TourStep("technician-pin-tool", _tool(ChangePinPanel)),
        TourStep("technician-idle-warning", _idle_warning),
    ]
