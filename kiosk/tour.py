"""The screenshot tour: every screen state, in Arabic and English, landscape and portrait.

`kiosk tour --out DIR` drives the real shell offscreen and writes one PNG per state, named
`<orientation>-<language>-<nn>-<state>.png`, so a reviewer (or a designer) can look at
every screen without a kiosk. Steps are plain functions over the running `Kiosk`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import time
from typing import TYPE_CHECKING

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


def _go(name: str) -> Callable[[Kiosk], None]:
    return lambda kiosk: kiosk.router.go(name)


def _idle_warning(kiosk: Kiosk) -> None:
    kiosk.router.go("issue")
    kiosk.window.idle_overlay.show_countdown(kiosk.config.ui.idle_warning_s)


def _offline_banner(kiosk: Kiosk) -> None:
    from kiosk.screens.messages import offline_banner_text

    kiosk.window.banner.show_message("offline", offline_banner_text())


def base_steps() -> list[TourStep]:
    return [
        TourStep("home", _go("home")),
        TourStep("issue-coming", _go("issue")),
        TourStep("track-coming", _go("track")),
        TourStep("pay-coming", _go("pay")),
        TourStep("licences-coming", _go("licences")),
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
    steps = base_steps()
    if with_journeys:
        from kiosk.journeys import journeys

        for journey in journeys():
            steps.extend(journey.tour_steps())
    return steps


def run_tour(
    out_dir: Path,
    config: KioskConfig | None = None,
    steps: Iterable[TourStep] | None = None,
    orientations: Iterable[str] = ("landscape", "portrait"),
    services: Services | None = None,
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
    chosen = list(steps if steps is not None else all_steps(services is not None))
    written: list[Path] = []
    for orientation in orientations:
        width, height = RESOLUTIONS[orientation]
        kiosk.window.setFixedSize(width, height)
        kiosk.window.show()
        for language in (Language.ARABIC, Language.ENGLISH):
            for index, step in enumerate(chosen, start=1):
                kiosk.end_session("tour")
                kiosk.window.banner.hide()
                kiosk.language.set_language(language)
                step.setup(kiosk)
                settle(kiosk)
                path = out_dir / f"{orientation}-{language.value}-{index:02d}-{step.name}.png"
                kiosk.window.grab().save(str(path))
                written.append(path)
    kiosk.services = None  # the caller owns the services it passed in
    kiosk.shutdown()
    log.info("tour written", extra={"count": len(written), "out": str(out_dir)})
    return written
