"""The shell's own states in the tour: Home, the idle warning, the offline banner, out of
service, (before the journeys are installed) each service's "coming soon" page, and the
Help panel, a call for staff and each accessibility choice."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.screens.home import SERVICES, HomeScreen
from kiosk.screens.messages import offline_banner_text
from kiosk.shell.router import HOME
from kiosk.tour.steps import TourContext, TourStep, go


def _idle_warning(tour: TourContext) -> None:
    kiosk = tour.kiosk
    kiosk.router.go("issue")
    kiosk.window.idle_overlay.show_countdown(kiosk.config.ui.idle_warning_s)


def _offline_banner(tour: TourContext) -> None:
    tour.kiosk.window.banner.show_message("offline", offline_banner_text)


def _help(tour: TourContext) -> None:
    tour.kiosk.window.help_button.click()


def _staff_called(tour: TourContext) -> None:
    tour.kiosk.window.help_button.click()
    tour.kiosk.window.help_overlay.call_button.click()


def choose(*names: str) -> Callable[[TourContext], None]:
    """A step that taps Home's accessibility switches `names`, as a beneficiary would."""

    def setup(tour: TourContext) -> None:
        home = tour.kiosk.router.screen(HOME)
        assert isinstance(home, HomeScreen)
        for name in names:
            home.accessibility[name].click()

    return setup


def assistance_steps() -> list[TourStep]:
    """Help, a call for staff and the accessibility choices, on Home (the journeys' pages
    with a choice are in their own modules). The tour runs them after the journeys, so the
    numbers of the journeys' screenshots stay as they were."""
    return [
        TourStep("help", _help),
        TourStep("staff-called", _staff_called),
        TourStep("larger-text", choose("larger_text")),
        TourStep("high-contrast", choose("high_contrast")),
        TourStep("lowered", choose("lowered")),
        TourStep("all-accessibility", choose("larger_text", "high_contrast", "lowered")),
    ]


def steps(*, placeholders: bool = True) -> list[TourStep]:
    """The shell's states; `placeholders` adds the services not installed yet."""
    coming = [TourStep(f"{name}-coming", go(name)) for name in SERVICES] if placeholders else []
    return [
        TourStep("home", go(HOME)),
        *coming,
        TourStep("idle-warning", _idle_warning),
        TourStep("offline-banner", _offline_banner),
        TourStep("out-of-service", go("out_of_service")),
    ]
