"""Every "who are you" state of the tour renders from a fresh session."""

from __future__ import annotations

from kiosk.tour import identify
from tests.tour.conftest import TourOf, expected_names


def test_every_identify_step_renders(tour_of: TourOf) -> None:
    steps = identify.steps()
    assert tour_of(steps) == expected_names(steps)
