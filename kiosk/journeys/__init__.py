"""How each journey is assembled: its flow, its screens, and the services they use.

Composition-root code split by journey: with `kiosk.app`, the only place that may import
both flows and screens. Each module exposes `install(kiosk, services)`, which registers
its screens with the router, typed against `KioskPort` (never the concrete `Kiosk`, which
installs them). What a journey looks like in the screenshot tour lives in `kiosk.tour`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.pilot import Journey, JourneyStep
from kiosk.journeys import identify, issue, pay, technician, track

if TYPE_CHECKING:
    from kiosk.journey_events import JourneyRecorder
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services

#: The journey each screen belongs to; identification belongs to the screen it leads to.
SCREEN_JOURNEYS: dict[str, Journey] = {
    issue.INTRO: Journey.ISSUE, issue.SCREEN: Journey.ISSUE,
    track.TRACK: Journey.TRACK, track.LICENCES: Journey.LICENCES,
    pay.ENTRY: Journey.PAY, pay.INVOICES: Journey.PAY,
}


def install_all(kiosk: KioskPort, services: Services) -> None:
    """Installs every journey over `services`, replacing the "coming soon" screens, and
    reports the service each screen shown belongs to (`kiosk.journey_events`)."""
    for journey in (identify, track, issue, pay, technician):
        journey.install(kiosk, services)
    kiosk.router.changed.connect(lambda name: screen_shown(kiosk, services.events, name))


def screen_shown(kiosk: KioskPort, events: JourneyRecorder, name: str) -> None:
    """A journey's screen is on show: that journey is chosen (identification: the journey
    of the screen it leads to, at its identity step; the issue journey's first page: its
    intro step). Home and the kiosk's own screens belong to no journey."""
    if name == identify.SCREEN:
        journey = SCREEN_JOURNEYS.get(identify.identify_screen(kiosk).next_screen)
        if journey is not None:
            events.journey_chosen(journey)
            events.step_reached(journey, JourneyStep.IDENTITY)
        return
    journey = SCREEN_JOURNEYS.get(name)
    if journey is not None:
        events.journey_chosen(journey)
        if name == issue.INTRO:
            events.step_reached(journey, JourneyStep.INTRO)
