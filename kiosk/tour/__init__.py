"""The screenshot tour: every screen state, in Arabic and English, landscape and portrait.

`kiosk tour --out DIR` drives the real shell offscreen and writes one PNG per state, named
`<orientation>-<language>-<nn>-<state>.png`, so a reviewer (or a designer) can look at
every screen without a kiosk. Each step sets its state up once, from a fresh session;
the state is then shown in both languages and both orientations (switching language and
resizing on the spot, as a beneficiary or a portrait kiosk would).

The tour sits on top of everything: it builds the kiosk (`kiosk.app`) and drives the
journeys' screens, and nothing of the kiosk imports it. The steps live beside this
runner, one module per part: `shell`, `identify`, `track`, `issue`, `pay`, `technician`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app import build_kiosk
from kiosk.config import KioskConfig, Language
from kiosk.devices.printer import write_sample_receipts
from kiosk.shell.window_fit import KIOSK_SIZE
from kiosk.tour import identify, issue, pay, shell, technician, track
from kiosk.tour.steps import TourContext, TourStep

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.services import Services

log = logging.getLogger(__name__)

# The kiosk's own screen sizes (one definition, in the shell), by orientation name.
RESOLUTIONS = {str(orientation): size for orientation, size in KIOSK_SIZE.items()}


def all_steps(with_journeys: bool) -> list[TourStep]:
    """The shell's states, then (with the demo's services) every journey's, in order, then
    Help and the accessibility choices, then (with the services) technician mode."""
    steps = shell.steps(placeholders=not with_journeys)
    if with_journeys:
        for journey in (identify, track, issue, pay):
            steps.extend(journey.steps())
    steps += shell.assistance_steps()
    if with_journeys:
        steps += technician.steps()
    return steps


def run_tour(
    out_dir: Path,
    config: KioskConfig | None = None,
    *,
    steps: Iterable[TourStep] | None = None,
    orientations: Iterable[str] = ("landscape", "portrait"),
    services: Services | None = None,
    read_otp: Callable[[str], str] | None = None,
    inspect: Callable[[str, QWidget], None] | None = None,
) -> list[Path]:
    """Writes the tour's PNGs into `out_dir` and returns their paths.

    With `services` (the demo's sandbox and emulators) the journeys are toured too;
    without, only the shell's own screens. A step that fails is logged and skipped.
    `inspect(name, window)` is called on each state as it is written (the fit check).
    """
    config = config or KioskConfig()
    out_dir.mkdir(parents=True, exist_ok=True)
    kiosk = build_kiosk(config, kiosk_mode=False)
    if services is not None:
        kiosk.attach_services(services)
    tour = TourContext(kiosk, read_otp=read_otp)
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
                step.setup(tour)
            except Exception:
                log.exception("tour step failed", extra={"step": step.name})
                continue
            tour.settle()
            for orientation, language in views:
                kiosk.window.setFixedSize(*RESOLUTIONS[orientation])
                kiosk.language.set_language(language)
                kiosk.idle.poke()
                tour.settle()
                path = out_dir / f"{orientation}-{language.value}-{index:02d}-{step.name}.png"
                kiosk.window.grab().save(str(path))
                written.append(path)
                if inspect is not None:
                    inspect(path.stem, kiosk.window)
        written += write_sample_receipts(out_dir / "receipts")
    finally:
        kiosk.services = None  # the caller owns the services it passed in
        kiosk.shutdown()
    log.info("tour written", extra={"count": len(written), "out": str(out_dir)})
    return written


__all__ = ["RESOLUTIONS", "TourContext", "TourStep", "all_steps", "run_tour"]
