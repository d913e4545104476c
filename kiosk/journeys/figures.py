"""How a journey tells the pilot's recorder where its beneficiary is (`kiosk.journey_events`).

Each journey module says, in its own terms, which named step its flow's state is and when
the journey is done; `report_progress` asks after every change of the flow and whenever
the journey's screen comes back on show (identification returns to it), but only while
that screen is on show: a flow changing behind another screen is not where the
beneficiary is. Every failure of the flow's blocking work, its receipt's included, is
offered to the recorder, which keeps those that are failures (`failure_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.domain.pilot import Journey, JourneyStep

if TYPE_CHECKING:
    from kiosk.flows.base import Flow
    from kiosk.journey_events import JourneyRecorder
    from kiosk.journeys.port import KioskPort


def report_progress(kiosk: KioskPort, events: JourneyRecorder, journey: Journey, screen: str,
                    *, flows: tuple[Flow, ...], step: Callable[[], JourneyStep | None],
                    done: Callable[[], bool]) -> None:
    """Reports `journey`'s `step()` and `done()` from its screen `screen`; the failures of
    `flows` (the journey's flow, its receipt print) go to the recorder as this journey's."""

    def report() -> None:
        if kiosk.router.current != screen:
            return
        shown = step()
        if shown is not None:
            events.step_reached(journey, shown)
        if done():
            events.completed(journey)

    flows[0].subscribe(report)
    kiosk.router.changed.connect(lambda name: report() if name == screen else None)
    for flow in flows:
        flow.watch_failures(lambda error: events.failed_with(error, journey))
