"""Wires journey 3: "track" (a transaction by number, no identification) and "licences"
(my licences and my transactions, after identification)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.pilot import Journey, JourneyStep
from kiosk.flows.mine import MineFlow, MineView
from kiosk.flows.progress import MINE_STAGES, with_identity
from kiosk.flows.track import ReceiptContext, TrackFlow, TrackStep
from kiosk.journeys.figures import report_progress
from kiosk.journeys.identify import identify_in_place
from kiosk.screens.licences import LicencesScreen
from kiosk.screens.track import TrackScreen

if TYPE_CHECKING:
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services

TRACK = "track"
LICENCES = "licences"


def summary_context(kiosk: KioskPort, services: Services) -> ReceiptContext:
    """Where this kiosk's summaries say they were printed, and their QR codes' unsigned
    URLs (for an answer that carries no signed one)."""
    identity = kiosk.config.kiosk
    return ReceiptContext(identity.id, identity.location_ar, identity.location_en,
                          services.client.verification_url)


def install(kiosk: KioskPort, services: Services) -> None:
    context = summary_context(kiosk, services)

    def make_track() -> TrackScreen:
        flow = TrackFlow(services.client, kiosk.background, services.printer, context)
        report_progress(kiosk, services.events, Journey.TRACK, TRACK,
                        flows=(flow, flow.printing),
                        step=lambda: (JourneyStep.RESULT if flow.step is TrackStep.RESULT
                                      else JourneyStep.NUMBER),
                        done=lambda: flow.step is TrackStep.RESULT)
        screen = TrackScreen(flow)
        screen.mine_requested.connect(lambda: open_mine(kiosk, MineView.TRANSACTIONS))
        return screen

    def make_licences() -> LicencesScreen:
        flow = MineFlow(services.client, kiosk.background, kiosk.session, services.printer,
                        context)
        report_progress(kiosk, services.events, Journey.LICENCES, LICENCES,
                        flows=(flow, flow.printing),
                        step=lambda: JourneyStep.LIST if listed(flow) else None,
                        done=lambda: listed(flow))
        screen = LicencesScreen(flow, lambda: kiosk.session.identified)
        screen.identity_needed.connect(lambda: _identify_for(kiosk, screen))
        return screen

    kiosk.router.register(TRACK, make_track)
    kiosk.router.register(LICENCES, make_licences)


def _identify_for(kiosk: KioskPort, screen: LicencesScreen) -> None:
    """Identification as the first named step of "my licences"."""
    screen.stages = with_identity(MINE_STAGES, True)
    identify_in_place(kiosk, LICENCES, screen.stages)


def listed(flow: MineFlow) -> bool:
    """Whether the beneficiary's licences or transactions are on show (the journey's end)."""
    return not flow.busy and flow.view is not MineView.TROUBLE and (
        flow.licences is not None or flow.transactions is not None)


def licences_screen(kiosk: KioskPort) -> LicencesScreen:
    screen = kiosk.router.screen(LICENCES)
    assert isinstance(screen, LicencesScreen)
    return screen


def track_screen(kiosk: KioskPort) -> TrackScreen:
    screen = kiosk.router.screen(TRACK)
    assert isinstance(screen, TrackScreen)
    return screen


def open_mine(kiosk: KioskPort, view: MineView) -> None:
    """Goes to "my licences" on `view`, through identification when needed."""
    screen = licences_screen(kiosk)
    if screen.flow.licences is None and screen.flow.transactions is None:
        screen.start_view = view
    elif kiosk.session.identified:
        screen.flow.open(view)
    kiosk.router.go(LICENCES)
