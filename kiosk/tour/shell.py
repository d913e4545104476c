"""The shell's own states in the tour: Home, the idle warning, the offline banner, out of
service, and (before the journeys are installed) each service's "coming soon" page."""

from __future__ import annotations

from kiosk.screens.home import SERVICES
from kiosk.screens.messages import offline_banner_text
from kiosk.shell.router import HOME
from kiosk.tour.steps import TourContext, TourStep, go


def _idle_warning(tour: TourContext) -> None:
    kiosk = tour.kiosk
    kiosk.router.go("issue")
    kiosk.window.idle_overlay.show_countdown(kiosk.config.ui.idle_warning_s)


def _offline_banner(tour: TourContext) -> None:
    tour.kiosk.window.banner.show_message("offline", offline_banner_text)


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
