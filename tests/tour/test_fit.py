"""Every state of the tour, in one pass over all of them, in Arabic and English,
landscape and portrait:

- it renders (no step failed: the tour logs a failing step and carries on, so the test
  names every screenshot that is missing);
- it fits its screen: nothing is clipped, nothing sticks out, a page scrolls as one (no
  scroll box inside a scroll box, no desktop scroll bar) and the field being typed in,
  with its error, stays above the on-screen keyboard (`kiosk.tour.fit.misfits`);
- on an Arabic screen every number, reference, date and Latin word keeps its order
  (`kiosk.tour.fit.unisolated`: "1447-000101" must never read "000101-1447").

The tour is hundreds of screens; rendering it once for all three checks keeps the suite
within its time budget.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.tour import RESOLUTIONS, all_steps, run_tour
from kiosk.tour.fit import misfits, unisolated
from sandbox.runner import SandboxProcess


# The whole tour runs inside this one test; under coverage on a busy 2-core machine that
# takes longer than the suite's per-test bound.
@pytest.mark.timeout(900)
def test_every_tour_state_renders_fits_and_keeps_numbers_in_order(
        tmp_path: Path, qtbot: QtBot, sandbox: SandboxProcess,
        kiosk_config: KioskConfig) -> None:
    from kiosk.services import build_services

    misfit: dict[str, list[str]] = {}
    reordered: dict[str, list[str]] = {}

    def inspect(name: str, window: QWidget) -> None:
        problems = misfits(window)
        if problems:
            misfit[name] = problems
        if "-ar-" in name:
            found = unisolated(window)
            if found:
                reordered[name] = found

    steps = all_steps(with_journeys=True)
    services = build_services(kiosk_config)
    services.start()
    try:
        written = run_tour(tmp_path, kiosk_config, steps=steps, services=services,
                           read_otp=sandbox.admin.latest_otp, inspect=inspect)
    finally:
        services.stop()
    expected = {f"{orientation}-{language}-{index:02d}-{step.name}.png"
                for index, step in enumerate(steps, start=1)
                for orientation in RESOLUTIONS for language in ("ar", "en")}
    screens = {path.name for path in written if path.parent == tmp_path}
    assert sorted(expected - screens) == []  # a step that failed to render
    report = "\n".join(f"{name}: {problem}" for name, problems in sorted(misfit.items())
                       for problem in problems)
    assert not misfit, f"{len(misfit)} states do not fit:\n{report}"
    report = "\n".join(f"{name}: {line}" for name, lines in sorted(reordered.items())
                       for line in lines)
    assert not reordered, f"{len(reordered)} Arabic states reorder a number:\n{report}"
