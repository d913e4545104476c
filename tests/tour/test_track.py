"""Every "track" and "my licences" state of the tour renders from a fresh session."""

from __future__ import annotations

from kiosk.tour import track
from tests.tour.conftest import TourOf, expected_names


def test_every_track_and_licences_step_renders(tour_of: TourOf) -> None:
    steps = track.steps()
    assert tour_of(steps) == expected_names(steps)
