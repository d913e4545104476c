"""When to try again: exponential backoff with jitter, capped, on a clock that cannot jump.

Jitter keeps five kiosks that lost the same mall's network from hammering the server in
step when it comes back. The cap bounds how long a recovered network goes unnoticed.
Scheduling within a run uses `SchedulingClock`, which follows the monotonic clock: an NTP
correction or a technician setting the date never stalls or floods retries.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """`delay(n)` for the n-th consecutive failure: base * factor**(n-1), capped, then a
    random share in [1 - jitter, 1] of it ("equal jitter" when jitter is 0.5)."""

    base_s: float = 1.0
    factor: float = 2.0
    cap_s: float = 300.0
    jitter: float = 0.5
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not (self.base_s > 0 and self.factor >= 1 and self.cap_s >= self.base_s):
            raise ValueError("backoff: need base_s > 0, factor >= 1 and cap_s >= base_s")
        if not 0 <= self.jitter <= 1:
            raise ValueError("backoff: jitter is a share between 0 and 1")

    def ceiling(self, failures: int) -> float:
        """The delay before jitter; grows until `cap_s`."""
        if failures <= 0:
            return 0.0
        exponent = min(failures - 1, 64)  # beyond this the cap wins anyway
        return float(min(self.cap_s, self.base_s * self.factor**exponent))

    def delay(self, failures: int) -> float:
        ceiling = self.ceiling(failures)
        return ceiling * (1.0 - self.jitter * self.rng.random())


class SchedulingClock:
    """Seconds since the epoch as of this run's start, advanced by the monotonic clock.

    Values written with it (an entry's `next_attempt_at`) read like wall-clock times for
    operators, yet within one run they only ever move forward at the real pace. Across a
    restart the anchor is taken again; `Outbox.claim_next`'s horizon absorbs any jump.
    """

    def __init__(self, wall: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._anchor_wall = wall()
        self._anchor_mono = monotonic()

    def now(self) -> float:
        return self._anchor_wall + (self._monotonic() - self._anchor_mono)

    def monotonic(self) -> float:
        return self._monotonic()
