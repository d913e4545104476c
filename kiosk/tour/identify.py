"""The "who are you" step in the tour: each page, and each page's error, typed in."""

from __future__ import annotations

from kiosk.journeys.identify import SCREEN, identify_screen
from kiosk.screens.identify import IdentifyScreen
from kiosk.tour.steps import TourContext, TourStep, go
from sandbox.seed import CLEAN, OWNER  # the sandbox's documented demo beneficiaries


def _typed_id(tour: TourContext, text: str) -> IdentifyScreen:
    screen = identify_screen(tour.kiosk)
    tour.kiosk.router.go(SCREEN)
    screen.id_page.field.setText(text)
    screen.id_page.continue_button.click()
    return screen


def _bad_id(tour: TourContext) -> None:
    _typed_id(tour, "1012345673")


def _mobile(tour: TourContext) -> None:
    _typed_id(tour, CLEAN.national_id)


def _bad_mobile(tour: TourContext) -> None:
    screen = _typed_id(tour, CLEAN.national_id)
    screen.mobile_page.field.setText("0451234567")
    screen.mobile_page.continue_button.click()


def _otp(tour: TourContext) -> None:
    # A person the issue and pay steps do not identify, so their codes are not used up.
    screen = _typed_id(tour, OWNER.national_id)
    screen.mobile_page.field.setText(OWNER.mobile)
    screen.mobile_page.continue_button.click()


def steps() -> list[TourStep]:
    return [
        TourStep("identify-id", go(SCREEN)),
        TourStep("identify-id-error", _bad_id),
        TourStep("identify-mobile", _mobile),
        TourStep("identify-mobile-error", _bad_mobile),
        TourStep("identify-otp", _otp),
    ]
