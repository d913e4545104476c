"""Every state of the tour fits its screen: in Arabic and English, landscape and portrait,
nothing is clipped, nothing sticks out, a page scrolls as one (no scroll box inside a
scroll box, no desktop scroll bar) and the field being typed in, with its error, stays
above the on-screen keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.tour import all_steps, run_tour
from kiosk.tour.fit import misfits
from sandbox.runner import SandboxProcess


# The whole tour (hundreds of screens) runs inside this one test; under coverage on a
# busy 2-core machine that takes longer than the suite's per-test bound.
@pytest.mark.timeout(900)
def test_every_tour_state_fits_its_screen(tmp_path: Path, qtbot: QtBot,
                                         sandbox: SandboxProcess,
                                         kiosk_config: KioskConfig) -> None:
    from kiosk.services import build_services

    found: dict[str, list[str]] = {}

    def inspect(name: str, window: QWidget) -> None:
        problems = misfits(window)
        if problems:
            found[name] = problems

    steps = all_steps(with_journeys=True)
    services = build_services(kiosk_config)
    services.start()
    try:
        written = run_tour(tmp_path, kiosk_config, steps=steps, services=services,
                           read_otp=sandbox.admin.latest_otp, inspect=inspect)
    finally:
        services.stop()
    screens = [path for path in written if path.parent == tmp_path]
    assert len(screens) == len(steps) * 4  # no step failed to render (and went unchecked)
    report = "\n".join(f"{name}: {problem}" for name, problems in sorted(found.items())
                       for problem in problems)
    assert not found, f"{len(found)} states do not fit:\n{report}"
