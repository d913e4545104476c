"""The technician door's lock: five wrong PINs lock it for 15 minutes, across restarts."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config_source import _DEV_PIN_HASH, SITE_OVERLAY
from kiosk.domain.pin import PinProblem, hash_pin
from kiosk.health.model import Status
from kiosk.technician.lock import LOCK_FILE, LOCK_S, MAX_WRONG, Outcome, PinLock

PIN = "482915"


class Clock:
    """Wall-clock seconds the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _lock(folder: Path, clock: Clock, pin_hash: str | None = None,
          audited: list[tuple[str, str]] | None = None) -> PinLock:
    written = audited if audited is not None else []
    return PinLock(folder, pin_hash or hash_pin(PIN, iterations=1000),
                   lambda action, outcome: written.append((action, outcome)), clock=clock)


def test_five_wrong_pins_lock_the_door_even_for_the_right_one(tmp_path: Path,
                                                              clock: Clock) -> None:
    audited: list[tuple[str, str]] = []
    lock = _lock(tmp_path, clock, audited=audited)
    for left in range(MAX_WRONG - 1, 0, -1):
        verdict = lock.check("000000")
        assert verdict.outcome is Outcome.WRONG
        assert verdict.tries_left == left
    assert lock.check("000000").outcome is Outcome.LOCKED
    assert lock.check(PIN).outcome is Outcome.LOCKED
    assert lock.health().status is Status.WARNING
    assert "locked" in lock.health().summary
    assert ("lock", audited[MAX_WRONG - 1][1]) == audited[MAX_WRONG - 1]
    assert not any(PIN in outcome or "000000" in outcome for _, outcome in audited)


def test_the_lock_survives_a_restart_and_runs_out(tmp_path: Path, clock: Clock) -> None:
    pin_hash = hash_pin(PIN, iterations=1000)
    first = _lock(tmp_path, clock, pin_hash)
    for _ in range(MAX_WRONG):
        first.check("000000")
    again = _lock(tmp_path, clock, pin_hash)  # a new process over the same data folder
    assert again.check(PIN).outcome is Outcome.LOCKED
    clock.now += LOCK_S + 1
    assert again.check(PIN).outcome is Outcome.ACCEPTED


def test_the_count_survives_a_restart_and_a_right_pin_clears_it(tmp_path: Path,
                                                                clock: Clock) -> None:
    pin_hash = hash_pin(PIN, iterations=1000)
    for _ in range(3):
        _lock(tmp_path, clock, pin_hash).check("000000")
    assert _lock(tmp_path, clock, pin_hash).check("000000").tries_left == 1
    assert _lock(tmp_path, clock, pin_hash).check(PIN).outcome is Outcome.ACCEPTED
    assert _lock(tmp_path, clock, pin_hash).check("000000").tries_left == MAX_WRONG - 1


def test_a_clock_set_back_does_not_stretch_the_lock(tmp_path: Path, clock: Clock) -> None:
    lock = _lock(tmp_path, clock)
    for _ in range(MAX_WRONG):
        lock.check("000000")
    clock.now -= 10 * LOCK_S
    until = lock.locked_until()
    assert until is not None
    assert until.timestamp() == clock.now + LOCK_S


def test_an_unreadable_lock_file_locks_the_door(tmp_path: Path, clock: Clock) -> None:
    (tmp_path / LOCK_FILE).write_text("{not json")
    assert _lock(tmp_path, clock).check(PIN).outcome is Outcome.LOCKED


def test_the_development_pin_must_be_changed(tmp_path: Path, clock: Clock) -> None:
    lock = _lock(tmp_path, clock, _DEV_PIN_HASH)
    verdict = lock.check("1234")
    assert verdict.outcome is Outcome.ACCEPTED
    assert verdict.must_change
    assert lock.health().summary == "the development technician PIN is still set"


def test_a_new_pin_is_checked_then_written_to_the_site_overlay(tmp_path: Path,
                                                              clock: Clock) -> None:
    audited: list[tuple[str, str]] = []
    lock = _lock(tmp_path, clock, _DEV_PIN_HASH, audited)
    assert lock.change("123456", "123456") is PinProblem.WEAK
    assert lock.change("482915", "482916") is PinProblem.MISMATCH
    assert not (tmp_path / SITE_OVERLAY).exists()
    assert lock.change("482915", "482915") is None
    written = tomllib.loads((tmp_path / SITE_OVERLAY).read_text())["technician"]["pin_hash"]
    assert not lock.must_change
    assert _lock(tmp_path, clock, written).check("482915").outcome is Outcome.ACCEPTED
    assert [a for a, _ in audited] == ["change PIN"] * 3
    assert not any("482915" in outcome for _, outcome in audited)
