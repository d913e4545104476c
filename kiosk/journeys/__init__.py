"""How each journey is assembled: its flow, its screens, and the services they use.

This is composition-root code split by journey (app.py calls `install` for each, the
tour calls `tour_steps`): the only place besides app.py that may import both flows and
screens. Each module exposes:

    install(kiosk: Kiosk, services: Services) -> None   # registers screens with the router
    tour_steps() -> list[TourStep]                       # screen states for the tour
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services import Services
    from kiosk.tour import TourStep

# Order matters only for the tour.
JOURNEY_MODULES: tuple[str, ...] = (
    "kiosk.journeys.identify",
    "kiosk.journeys.track",
    "kiosk.journeys.issue",
    "kiosk.journeys.pay",
)


class Journey(Protocol):
    install: Callable[[Kiosk, Services], None]
    tour_steps: Callable[[], list[TourStep]]


def journeys() -> list[Journey]:
    return [cast("Journey", importlib.import_module(name)) for name in JOURNEY_MODULES]
