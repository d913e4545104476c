"""Every "pay fees and bills" state of the tour renders from a fresh session."""

from __future__ import annotations

from kiosk.tour import pay
from tests.tour.conftest import TourOf, expected_names


def test_every_pay_step_renders(tour_of: TourOf) -> None:
    steps = pay.steps()
    assert tour_of(steps) == expected_names(steps)
