"""Technician mode in the tour: the PIN pad and its answers, the forced PIN change, and
each tool of the technician screen.

A wrong PIN and a locked door are shown by setting the pad's state (locking the demo
kiosk's door for real would lock it for 15 minutes); the rest is reached as a technician
would, through the real technician mode. Each step starts from a fresh session, which
also leaves technician mode.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kiosk.journeys.technician import TechnicianMode, technician_mode
from kiosk.screens.technician.audit import AuditPanel
from kiosk.screens.technician.change_pin import ChangePinPanel
from kiosk.screens.technician.service import ServicePanel
from kiosk.screens.technician.status import StatusPanel
from kiosk.technician.lock import LOCK_S, MAX_WRONG
from kiosk.tour.steps import TourContext, TourStep


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
        TourStep("technician-service", _tool(ServicePanel)),
        TourStep("technician-service-reason-typed", _reason_typed),
        TourStep("technician-audit", _tool(AuditPanel)),
        TourStep("technician-pin-tool", _tool(ChangePinPanel)),
        TourStep("technician-idle-warning", _idle_warning),
    ]
