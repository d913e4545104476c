"""The service holds: each part holds the kiosk out under its own name, and only a
kiosk nobody holds serves the public."""

from __future__ import annotations

import pytest

from kiosk.health.model import Status
from kiosk.health.service import OPERATOR, STORAGE, TECHNICIAN, ServiceState


def test_a_release_lifts_only_its_own_hold_and_the_first_source_speaks_to_the_public() -> None:
    state = ServiceState()
    seen: list[bool] = []
    state.subscribe(lambda s: seen.append(s.in_service))
    state.hold(OPERATOR, "Maintenance until noon", "صيانة حتى الظهر")
    state.hold(TECHNICIAN, "Paper being changed", "جارٍ تغيير الورق")
    assert not state.in_service
    # The technician is on site: theirs is the reason the public reads first.
    assert state.public is not None
    assert state.public.source == TECHNICIAN
    assert state.release(TECHNICIAN)
    # The technician leaving does not undo the operator's hold.
    assert not state.in_service
    assert state.public is not None
    assert state.public.reason_ar == "صيانة حتى الظهر"
    assert not state.release(TECHNICIAN)
    assert state.release(OPERATOR)
    assert state.in_service
    assert seen == [False, False, False, True]


def test_the_health_snapshot_says_who_holds_the_kiosk_and_since_when() -> None:
    state = ServiceState()
    assert state.health().status is Status.OK
    state.hold(STORAGE, immediate=True)
    health = state.health()
    assert health.status is Status.ERROR
    assert health.summary == "out of service (storage)"
    assert health.details["in_service"] is False
    assert health.details["held_by_storage_since"]
    assert state.urgent


def test_an_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown out-of-service source"):
        ServiceState().hold("visitor")
