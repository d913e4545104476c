"""The screenshot tour: every screen state, in Arabic and English, landscape and portrait.

`kiosk tour --out DIR` drives the real shell offscreen and writes one PNG per state, named
`<orientation>-<language>-<nn>-<state>.png`, so a reviewer (or a designer) can look at
every screen without a kiosk. Each step sets its state up once, from a fresh session;
the state is then shown in both languages and both orientations (switching language and
resizing on the spot, as a beneficiary or a portrait kiosk would).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.app import Kiosk, build_kiosk
from kiosk.config import KioskConfig, Language

if TYPE_CHECKING:
    from kiosk.services import Services

log = logging.getLogger(__name__)

RESOLUTIONS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


@dataclass(frozen=True)
class TourStep:
    """One screen state: how to reach it from a fresh session."""

    name: str
    setup: Callable[[Kiosk], None]


@dataclass
class TourContext:
    """What tour steps may use beyond the kiosk itself.

    `read_otp(mobile)` reads the last code the sandbox texted (the demo owns the sandbox);
    identities are verified once per person and reused, so the tour stays within the
    sandbox's limit of codes per person.
    """

    read_otp: Callable[[str], str] | None = None
    _tokens: dict[str, Any] = field(default_factory=dict)

    def identify(self, kiosk: Kiosk, national_id: str, mobile: str) -> None:
        """Puts an identified beneficiary in the session, as the OTP step would."""
        if kiosk.services is None or self.read_otp is None:
            raise RuntimeError("identification in the tour needs the demo's sandbox")
        token = self._tokens.get(national_id)
        if token is None:
            client = kiosk.services.client
            challenge = client.request_otp(national_id, mobile)
            token = client.verify_otp(challenge.challenge_id, self.read_otp(mobile))
            self._tokens[national_id] = token
        kiosk.session.national_id = national_id
        kiosk.session.mobile = mobile
        kiosk.session.token = token.token
        kiosk.session.name_ar = token.name_ar
        kiosk.session.name_en = token.name_en


class _Running:
    """Holds the context of the tour that is running (tour steps are plain functions)."""

    context = TourContext()


def current_context() -> TourContext:
    """For tour steps: `current_context().identify(kiosk, national_id, mobile)`."""
    return _Running.context


def _go(name: str) -> Callable[[Kiosk], None]:
    return lambda kiosk: kiosk.router.go(name)


def _idle_warning(kiosk: Kiosk) -> None:
    kiosk.router.go("issue")
    kiosk.window.idle_overlay.show_countdown(kiosk.config.ui.idle_warning_s)


def _offline_banner(kiosk: Kiosk) -> None:
    from kiosk.screens.messages import offline_banner_text

    kiosk.window.banner.show_message("offline", offline_banner_text())


def base_steps(*, placeholders: bool = True) -> list[TourStep]:
    """The shell's own states; `placeholders` adds the services not installed yet."""
    coming = [TourStep(f"{name}-coming", _go(name))
              for name in ("issue", "track", "pay", "licences")] if placeholders else []
    return [
        TourStep("home", _go("home")),
        *coming,
        TourStep("idle-warning", _idle_warning),
        TourStep("offline-banner", _offline_banner),
        TourStep("out-of-service", _go("out_of_service")),
    ]


def settle(kiosk: Kiosk, rounds: int = 3, timeout_s: float = 15.0) -> None:
    """Lets background work (API calls, devices) finish and the screen repaint."""
    deadline = time.monotonic() + timeout_s
    while kiosk.background.pending and time.monotonic() < deadline:
        kiosk.app.processEvents()
        time.sleep(0.005)
    for _ in range(rounds):
        kiosk.app.processEvents()


def all_steps(with_journeys: bool) -> list[TourStep]:
    steps = base_steps(placeholders=not with_journeys)
    if with_journeys:
        from kiosk.journeys import journeys

        for journey in journeys():
            steps.extend(journey.tour_steps())
    return steps


def run_tour(
    out_dir: Path,
    config: KioskConfig | None = None,
    *,
    steps: Iterable[TourStep] | None = None,
    orientations: Iterable[str] = ("landscape", "portrait"),
    services: Services | None = None,
    read_otp: Callable[[str], str] | None = None,
) -> list[Path]:
    """Writes the tour's PNGs into `out_dir` and returns their paths.

    With `services` (the demo's sandbox and emulators) the journeys are toured too;
    without, only the shell's own screens.
    """
    config = config or KioskConfig()
    out_dir.mkdir(parents=True, exist_ok=True)
    kiosk = build_kiosk(config, kiosk_mode=False)
    if services is not None:
        kiosk.attach_services(services)
    _Running.context = TourContext(read_otp=read_otp)
    chosen = list(steps if steps is not None else all_steps(services is not None))
    views = [(o, lang) for o in orientations for lang in (Language.ARABIC, Language.ENGLISH)]
    written: list[Path] = []
    kiosk.window.show()
    try:
        for index, step in enumerate(chosen, start=1):
            kiosk.end_session("tour")
            kiosk.window.banner.hide()
            kiosk.window.setFixedSize(*RESOLUTIONS[views[0][0]])
            kiosk.language.set_language(views[0][1])
            try:
                step.setup(kiosk)
            except Exception:
                log.exception("tour step failed", extra={"step": step.name})
                continue
            settle(kiosk)
            for orientation, language in views:
                kiosk.window.setFixedSize(*RESOLUTIONS[orientation])
                kiosk.language.set_language(language)
                kiosk.idle.poke()
                settle(kiosk)
                path = out_dir / f"{orientation}-{language.value}-{index:02d}-{step.name}.png"
                kiosk.window.grab().save(str(path))
                written.append(path)
        from kiosk.devices.printer import write_sample_receipts

        written += write_sample_receipts(out_dir / "receipts")
    finally:
        _Running.context = TourContext()
        kiosk.services = None  # the caller owns the services it passed in
        kiosk.shutdown()
    log.info("tour written", extra={"count": len(written), "out": str(out_dir)})
    return written
