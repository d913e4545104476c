"""The hidden door opens only for five quick taps in one top corner."""

from __future__ import annotations

from kiosk.technician.door import Corner, DoorGesture, corner_of

W, H = 1920.0, 1080.0


def _taps(door: DoorGesture, points: list[tuple[float, float, float]]) -> list[bool]:
    return [door.tap(x, y, W, H, at) for x, y, at in points]


def test_five_taps_in_one_corner_within_two_seconds_open_it() -> None:
    door = DoorGesture()
    assert _taps(door, [(20, 20, 0.3 * i) for i in range(5)]) == [False] * 4 + [True]
    # The count starts again after opening.
    assert not door.tap(20, 20, W, H, 1.6)


def test_either_top_corner_works_but_not_both_mixed() -> None:
    door = DoorGesture()
    assert _taps(door, [(W - 10, 30, 0.1 * i) for i in range(5)])[-1]
    mixed = [(10, 10, 0.0), (10, 10, 0.1), (W - 10, 10, 0.2), (10, 10, 0.3), (10, 10, 0.4)]
    assert not any(_taps(door, mixed))


def test_slow_taps_do_not_open_it() -> None:
    door = DoorGesture()
    assert not any(_taps(door, [(20, 20, 0.6 * i) for i in range(8)]))


def test_a_tap_elsewhere_starts_the_count_again() -> None:
    door = DoorGesture()
    stray = [(20, 20, 0.0), (20, 20, 0.1), (20, 20, 0.2), (20, 20, 0.3),
             (W / 2, H / 2, 0.35), (20, 20, 0.4)]
    assert not any(_taps(door, stray))


def test_the_corner_is_a_thumb_wide_square_at_the_top() -> None:
    assert corner_of(5, 5, W, H) is Corner.TOP_LEFT
    assert corner_of(W - 5, 5, W, H) is Corner.TOP_RIGHT
    assert corner_of(5, H - 5, W, H) is None
    assert corner_of(W / 2, 5, W, H) is None
    assert corner_of(300, 5, W, H) is None
