"""Every "issue a licence" state of the tour renders from a fresh session."""

from __future__ import annotations

import pytest

from kiosk.tour import issue
from tests.tour.conftest import TourOf, expected_names


# Forty-odd states in four views: a minute on a quiet machine, far more on a busy one.
@pytest.mark.timeout(900)
def test_every_issue_step_renders(tour_of: TourOf) -> None:
    steps = issue.steps()
    assert tour_of(steps) == expected_names(steps)
