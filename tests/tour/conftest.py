"""Touring one journey's steps against the real sandbox, emulators and kiosk, offscreen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import KioskConfig
from kiosk.tour import run_tour
from kiosk.tour.steps import TourStep
from sandbox.runner import SandboxProcess

TourOf = Callable[[list[TourStep]], list[str]]


@pytest.fixture
def tour_of(tmp_path: Path, qtbot: QtBot, sandbox: SandboxProcess,
            kiosk_config: KioskConfig) -> TourOf:
    """Runs `steps` (landscape only) and returns the screenshots' names, receipts aside.

    The tour logs a failing step and carries on; a test sees it as a missing screenshot.
    """
    from kiosk.services import build_services

    def tour(steps: list[TourStep]) -> list[str]:
        services = build_services(kiosk_config)
        services.start()
        try:
            written = run_tour(tmp_path, kiosk_config, steps=steps, services=services,
                               read_otp=sandbox.admin.latest_otp, orientations=("landscape",))
        finally:
            services.stop()
        return sorted(path.name for path in written if path.parent == tmp_path)

    return tour


def expected_names(steps: list[TourStep]) -> list[str]:
    """Every step, in both languages: what a tour with no failing step writes."""
    return sorted(f"landscape-{language}-{index:02d}-{step.name}.png"
                  for index, step in enumerate(steps, start=1) for language in ("ar", "en"))
