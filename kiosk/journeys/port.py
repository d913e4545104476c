"""`KioskPort`: what a journey needs of the running kiosk, and nothing more.

The journeys are installed by the composition root (`kiosk.app`), so they must not import
it: they are typed against this Protocol instead, which `kiosk.app.Kiosk` satisfies
structurally. The dependency then points one way (app -> journeys -> shell), and a test or
a future operator console can install a journey over anything with these parts.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.config import KioskConfig
from kiosk.domain.session import Session
from kiosk.health.service import ServiceState
from kiosk.shell.background import BackgroundRunner
from kiosk.shell.idle import IdleWatcher
from kiosk.shell.language import LanguageManager
from kiosk.shell.router import Router


class KioskPort(Protocol):
    """The shell's parts a journey wires its flow and screens to."""

    @property
    def config(self) -> KioskConfig:
        """The kiosk's configuration (its identity prints on receipts)."""

    @property
    def router(self) -> Router:
        """Where a journey registers its screens and moves between them."""

    @property
    def background(self) -> BackgroundRunner:
        """The one way to run blocking work and to come back to the UI thread."""

    @property
    def session(self) -> Session:
        """The current beneficiary's session (identity and token)."""

    @property
    def language(self) -> LanguageManager:
        """The language on screen (receipts print in it)."""

    @property
    def idle(self) -> IdleWatcher:
        """The idle timer, poked while the beneficiary is busy away from the screen."""

    @property
    def service(self) -> ServiceState:
        """Who holds the kiosk out of service (technician mode holds it while in)."""

    @property
    def in_session(self) -> bool:
        """Whether a beneficiary is using the kiosk (the technician door stays shut)."""

    def restart(self) -> None:
        """Ends the app with the status its service manager restarts it on."""

    def pin_changed(self) -> None:
        """The technician PIN was changed on site: it no longer holds the kiosk out of
        service as a development default."""

    def end_session(self, reason: str = "ended") -> None:
        """Wipes the beneficiary's traces and returns to Home."""

    def call_staff(self) -> None:
        """Raises the call for staff (health snapshot, log) and says so on screen."""
