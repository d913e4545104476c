"""Wires the shared "who are you" step: IdentifyFlow over the API, IdentifyScreen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.flows.identify import IdentifyFlow
from kiosk.flows.progress import Stage
from kiosk.screens.identify import IdentifyScreen

if TYPE_CHECKING:
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services

SCREEN = "identify"


def install(kiosk: KioskPort, services: Services) -> None:
    def make() -> IdentifyScreen:
        flow = IdentifyFlow(services.client, kiosk.background, kiosk.session,
                            language=lambda: kiosk.language.current.value)
        # Identification is a step of the journey that asked for it (`kiosk.journeys`).
        flow.watch_failures(services.events.failed_with)
        return IdentifyScreen(flow)

    kiosk.router.register(SCREEN, make)


def require_identity(kiosk: KioskPort, next_screen: str,
                     stages: tuple[Stage, ...] = ()) -> None:
    """Goes to `next_screen`, through identification first unless already identified;
    `stages` are the named steps of the journey identification is part of."""
    if kiosk.session.identified:
        kiosk.router.go(next_screen)
        return
    step = identify_screen(kiosk)
    step.next_screen = next_screen
    step.stages = stages
    kiosk.router.go(SCREEN)


def identify_screen(kiosk: KioskPort) -> IdentifyScreen:
    screen = kiosk.router.screen(SCREEN)
    assert isinstance(screen, IdentifyScreen)
    return screen


def identify_in_place(kiosk: KioskPort, next_screen: str,
                      stages: tuple[Stage, ...] = ()) -> None:
    """Identification takes the current screen's place in the history, then goes on to
    `next_screen`, so Back from it never returns to a screen that sends it there again;
    `stages` are the named steps of the journey it is part of.

    A verification the flow still holds as done is one the session no longer has (it
    ended, or the server stopped accepting the token): the step starts afresh.
    """
    step = identify_screen(kiosk)
    if step.flow.done:
        step.reset()
    step.next_screen = next_screen
    step.stages = stages
    kiosk.router.replace(SCREEN)
