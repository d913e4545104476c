"""How each journey is assembled: its flow, its screens, and the services they use.

Composition-root code split by journey: with `kiosk.app`, the only place that may import
both flows and screens. Each module exposes `install(kiosk, services)`, which registers
its screens with the router, typed against `KioskPort` (never the concrete `Kiosk`, which
installs them). What a journey looks like in the screenshot tour lives in `kiosk.tour`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.journeys import identify, issue, pay, technician, track

if TYPE_CHECKING:
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services


def install_all(kiosk: KioskPort, services: Services) -> None:
    """Installs every journey over `services`, replacing the "coming soon" screens."""
    for journey in (identify, track, issue, pay, technician):
        journey.install(kiosk, services)
