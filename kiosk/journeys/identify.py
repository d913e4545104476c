"""Wires the shared "who are you" step: IdentifyFlow over the API, IdentifyScreen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.flows.identify import IdentifyFlow
from kiosk.screens.identify import IdentifyScreen

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services import Services
    from kiosk.tour import TourStep


def install(kiosk: Kiosk, services: Services) -> None:
    def make() -> IdentifyScreen:
        flow = IdentifyFlow(services.client, kiosk.background, kiosk.session)
        return IdentifyScreen(flow)

    kiosk.router.register("identify", make)


def require_identity(kiosk: Kiosk, next_screen: str) -> None:
    """Goes to `next_screen`, through identification first unless already identified."""
    if kiosk.session.identified:
        kiosk.router.go(next_screen)
        return
    screen = kiosk.router.screen("identify")
    assert isinstance(screen, IdentifyScreen)
    screen.next_screen = next_screen
    kiosk.router.go("identify")


def identify_screen(kiosk: Kiosk) -> IdentifyScreen:
    screen = kiosk.router.screen("identify")
    assert isinstance(screen, IdentifyScreen)
    return screen


def tour_steps() -> list[TourStep]:
    from kiosk.tour import TourStep
    from sandbox.seed import CLEAN, OWNER  # the sandbox's documented demo beneficiaries

    def typed_id(kiosk: Kiosk, text: str) -> IdentifyScreen:
        screen = identify_screen(kiosk)
        kiosk.router.go("identify")
        screen.id_page.field.setText(text)
        screen.id_page.continue_button.click()
        return screen

    def bad_id(kiosk: Kiosk) -> None:
        typed_id(kiosk, "1012345673")

    def mobile(kiosk: Kiosk) -> None:
        typed_id(kiosk, CLEAN.national_id)

    def bad_mobile(kiosk: Kiosk) -> None:
        screen = typed_id(kiosk, CLEAN.national_id)
        screen.mobile_page.field.setText("0451234567")
        screen.mobile_page.continue_button.click()

    def otp(kiosk: Kiosk) -> None:
        # Another demo person than the journeys' tours use, so codes are not used up.
        screen = typed_id(kiosk, OWNER.national_id)
        screen.mobile_page.field.setText(OWNER.mobile)
        screen.mobile_page.continue_button.click()

    return [
        TourStep("identify-id", lambda kiosk: kiosk.router.go("identify")),
        TourStep("identify-id-error", bad_id),
        TourStep("identify-mobile", mobile),
        TourStep("identify-mobile-error", bad_mobile),
        TourStep("identify-otp", otp),
    ]
