"""Every technician-mode state of the tour renders from a fresh session."""

from __future__ import annotations

from kiosk.tour import technician
from tests.tour.conftest import TourOf, expected_names


def test_every_technician_step_renders(tour_of: TourOf) -> None:
    steps = technician.steps()
    assert tour_of(steps) == expected_names(steps)
