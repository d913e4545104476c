"""What a tour step is, and what it may use: `TourStep` and `TourContext`.

A step is a plain function that brings a fresh kiosk to one screen state, as a finger
would where it can (typing, tapping) and by setting a flow's state where the real cause
cannot be produced on demand (an empty paper roll, a server that changes its mind). It
receives a `TourContext`: the kiosk being toured and the tour's few helpers, so no step
reaches for a global.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.app import Kiosk

if TYPE_CHECKING:
    from kiosk.api.schema import BeneficiaryToken
    from kiosk.services import Services
    from sandbox.seed import DemoPerson


@dataclass(frozen=True)
class TourStep:
    """One screen state: its name in the file names, and how to reach it."""

    name: str
    setup: Callable[[TourContext], None]


def go(screen: str) -> Callable[[TourContext], None]:
    """A step that only opens `screen`."""
    return lambda tour: tour.kiosk.router.go(screen)


@dataclass
class TourContext:
    """The kiosk being toured, with what the steps need beyond it.

    `read_otp(mobile)` reads the last code the sandbox texted (the demo owns the sandbox);
    identities are verified once per person and reused, so the tour stays within the
    sandbox's limit of codes per person.
    """

    kiosk: Kiosk
    read_otp: Callable[[str], str] | None = None
    _tokens: dict[str, BeneficiaryToken] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        """The demo's services, which every journey step needs."""
        if self.kiosk.services is None:
            raise RuntimeError("the journeys' tour steps need the demo's services")
        return self.kiosk.services

    def identify(self, person: DemoPerson) -> None:
        """Puts one of the sandbox's demo beneficiaries in the session, identified as the
        OTP step would leave them."""
        if self.read_otp is None:
            raise RuntimeError("identification in the tour needs the demo's sandbox")
        token = self._tokens.get(person.national_id)
        if token is None:
            client = self.services.client
            challenge = client.request_otp(person.national_id, person.mobile)
            token = client.verify_otp(challenge.challenge_id, self.read_otp(person.mobile))
            self._tokens[person.national_id] = token
        session = self.kiosk.session
        session.national_id = person.national_id
        session.mobile = person.mobile
        session.token = token.token
        session.name_ar = token.name_ar
        session.name_en = token.name_en

    def settle(self, rounds: int = 3, timeout_s: float = 15.0) -> None:
        """Lets background work (API calls, devices) finish and the screen repaint."""
        kiosk = self.kiosk
        deadline = time.monotonic() + timeout_s
        while kiosk.background.pending and time.monotonic() < deadline:
            kiosk.app.processEvents()
            time.sleep(0.005)
        for _ in range(rounds):
            kiosk.app.processEvents()
