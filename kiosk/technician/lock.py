"""The technician door's lock: the PIN is checked here, and five wrong PINs lock it.

The PIN is checked on the kiosk against `technician.pin_hash` (a salted PBKDF2 hash, see
`kiosk.domain.pin`), so it works with no network. After `MAX_WRONG` wrong PINs in a row
the door stays locked for `LOCK_S` seconds whatever is typed. The count and the lock are
kept in the data folder and survive a restart: pulling the plug does not buy five more
tries. Each entry, wrong PIN, lock and PIN change is written to the audit log (never the
digits) and the lock shows in the health snapshot (component "technician").

Checking a PIN takes a noticeable moment on purpose (PBKDF2) and touches the disk: call
`check` and `change` off the UI thread.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config_source import DEV_PIN, SITE_OVERLAY, write_overlay
from kiosk.domain.pin import PinProblem, hash_pin, pin_problem, verify_pin
from kiosk.health.model import ComponentHealth, Status
from kiosk.technician.audit import Audit
from kiosk.technician.files import write_json

log = logging.getLogger(__name__)

COMPONENT = "technician"
LOCK_FILE = "technician-lock.json"
MAX_WRONG = 5
LOCK_S = 15 * 60


def is_development_pin(pin_hash: str) -> bool:
    """Whether `pin_hash` is the development PIN every fresh kiosk starts with: whether
    that PIN opens it, as `kiosk.credentials` asks (a fresh hash of 1234 is still 1234).
    A PBKDF2: never on the UI thread."""
    return verify_pin(DEV_PIN, pin_hash)


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the door says to a PIN."""

    outcome: Outcome
    #: Wrong PINs still allowed before the lock (WRONG).
    tries_left: int = 0
    #: Until when the door stays locked (LOCKED).
    locked_until: datetime | None = None
    #: ACCEPTED, but the PIN is the development one (or breaks today's rules): technician
    #: mode opens only to change it.
    must_change: bool = False


@dataclass(frozen=True, slots=True)
class _State:
    wrong: int = 0
    locked_until: float | None = None  # seconds since the epoch


class PinLock:
    """Checks technician PINs, counts wrong ones and locks the door; thread-safe."""

    def __init__(self, data_dir: Path, pin_hash: str, audit: Audit, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILE
        self._hash = pin_hash
        self._audit = audit
        self._clock = clock
        self._lock = threading.Lock()
        self._state: _State | None = None

    @property
    def must_change(self) -> bool:
        """Whether the PIN in force is still the development one."""
        return is_development_pin(self._hash)

    def check(self, pin: str) -> Verdict:
        """Checks `pin`; counts it if wrong, locks after `MAX_WRONG`, audits either way."""
        with self._lock:
            state = self._current()
            if state.locked_until is not None:
                until = _moment(state.locked_until)
                self._audit("enter", f"refused: the door is locked until {_hhmm(until)}")
                return Verdict(Outcome.LOCKED, locked_until=until)
            if verify_pin(pin, self._hash):
                if state.wrong:
                    self._save(_State())
                must_change = self.must_change or pin_problem(pin) is not None
                self._audit("enter", "PIN accepted; it must be changed first" if must_change
                            else "PIN accepted")
                return Verdict(Outcome.ACCEPTED, must_change=must_change)
            wrong = state.wrong + 1
            if wrong >= MAX_WRONG:
                locked_until = self._clock() + LOCK_S
                self._save(_State(wrong, locked_until))
                until = _moment(locked_until)
                log.warning("technician door locked",
                            extra={"wrong_pins": wrong, "locked_until": until.isoformat()})
                self._audit("lock", f"{wrong} wrong PINs: locked until {_hhmm(until)}")
                return Verdict(Outcome.LOCKED, locked_until=until)
            self._save(_State(wrong))
            self._audit("enter", f"wrong PIN ({MAX_WRONG - wrong} tries left)")
            return Verdict(Outcome.WRONG, tries_left=MAX_WRONG - wrong)

    def change(self, new: str, repeat: str) -> PinProblem | None:
        """Sets a new PIN (hashed into the data folder's site.toml) unless it is refused.

        Raises OSError or ConfigError when the file cannot be written (nothing changes).
        """
        problem = pin_problem(new)
        if problem is None and new != repeat:
            problem = PinProblem.MISMATCH
        if problem is not None:
            self._audit("change PIN", f"refused: {problem.value.replace('_', ' ')}")
            return problem
        hashed = hash_pin(new)
        try:
            write_overlay(self.data_dir, SITE_OVERLAY, {"technician": {"pin_hash": hashed}})
        except Exception as exc:
            self._audit("change PIN", f"failed: {type(exc).__name__}")
            raise
        with self._lock:
            self._hash = hashed
        log.info("technician PIN changed")
        self._audit("change PIN", "changed")
        return None

    def locked_until(self) -> datetime | None:
        """Until when the door is locked, or None."""
        with self._lock:
            state = self._current()
        return None if state.locked_until is None else _moment(state.locked_until)

    def health(self) -> ComponentHealth:
        with self._lock:
            state = self._current()
        details: dict[str, str | int | bool | None] = {
            "wrong_pins": state.wrong, "development_pin": self.must_change,
            "locked_until": (None if state.locked_until is None
                             else _moment(state.locked_until).isoformat())}
        if state.locked_until is not None:
            return ComponentHealth(
                COMPONENT, Status.WARNING,
                f"technician door locked after {state.wrong} wrong PINs until "
                f"{_hhmm(_moment(state.locked_until))}", details)
        if self.must_change:
            return ComponentHealth(COMPONENT, Status.WARNING,
                                   "the development technician PIN is still set", details)
        if state.wrong:
            return ComponentHealth(COMPONENT, Status.OK,
                                   f"{state.wrong} wrong technician PIN(s) since the last "
                                   "entry", details)
        return ComponentHealth(COMPONENT, Status.OK, "technician door closed", details)

    def _current(self) -> _State:
        """The state now (read once from disk), with an expired lock lifted."""
        if self._state is None:
            self._state = self._load()
        state = self._state
        until = state.locked_until
        if until is not None:
            now = self._clock()
            if now >= until:
                state = _State()
                self._save(state)
                log.info("technician door unlocked (the lock ran out)")
            elif until - now > LOCK_S:
                # The clock was set back: the lock never lasts longer than it was given.
                state = _State(state.wrong, now + LOCK_S)
                self._save(state)
        return state

    def _load(self) -> _State:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            wrong = data["wrong"]
            until = data["locked_until"]
            if not isinstance(wrong, int) or not (until is None or
                                                  isinstance(until, int | float)):
                raise TypeError("unexpected types")
            return _State(wrong, None if until is None else float(until))
        except FileNotFoundError:
            return _State()
        except (OSError, ValueError, KeyError, TypeError):
            # Unreadable: the safe side is a locked door (the lock runs out by itself).
            log.warning("technician lock state unreadable: locked as a precaution",
                        extra={"path": str(self.path)})
            state = _State(MAX_WRONG, self._clock() + LOCK_S)
            self._save(state)
            return state

    def _save(self, state: _State) -> None:
        self._state = state
        try:
            write_json(self.path, {"wrong": state.wrong, "locked_until": state.locked_until})
        except OSError:
            # The count still holds in memory until the next restart.
            log.exception("technician lock state not written")


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M UTC")
