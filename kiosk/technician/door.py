"""The hidden door to technician mode: a quick series of taps in one top corner.

A beneficiary never sees a technician button. The door opens after `TAPS` taps within
`WITHIN_S` seconds, all in the same top corner of the public screen; any tap elsewhere
starts the count again, so a beneficiary tapping around the screen (or a child drumming
on it) does not open it by chance. Where the door may be used at all (Home at rest, never
during a session) is the shell's decision, not this recogniser's.

Pure: taps in, with their position, the screen's size and their time; "open" out.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass, field

TAPS = 5
WITHIN_S = 2.0
#: The corner's side as a share of the screen's shorter side (about a thumb's width on a
#: 1080 px kiosk), never smaller than `MIN_CORNER_PX`.
CORNER_SHARE = 0.12
MIN_CORNER_PX = 96


class Corner(enum.Enum):
    TOP_LEFT = "top-left"
    TOP_RIGHT = "top-right"


def corner_of(x: float, y: float, width: float, height: float) -> Corner | None:
    """The top corner (x, y) lies in on a `width` x `height` screen, or None."""
    side = max(MIN_CORNER_PX, CORNER_SHARE * min(width, height))
    if y < 0 or y > side:
        return None
    if 0 <= x <= side:
        return Corner.TOP_LEFT
    if width - side <= x <= width:
        return Corner.TOP_RIGHT
    return None


@dataclass
class DoorGesture:
    """Counts taps in one top corner; `tap` says when the door opens."""

    taps: int = TAPS
    within_s: float = WITHIN_S
    _times: deque[float] = field(default_factory=deque)
    _corner: Corner | None = None

    def tap(self, x: float, y: float, width: float, height: float, at: float) -> bool:
        """A tap at (x, y) on a `width` x `height` screen at `at` seconds (a monotonic
        clock). True when it completes the gesture (the count then starts again)."""
        corner = corner_of(x, y, width, height)
        if corner is None or (self._times and at < self._times[-1]):
            self.reset()
            return False
        if corner is not self._corner:
            self.reset()
            self._corner = corner
        self._times.append(at)
        while at - self._times[0] > self.within_s:
            self._times.popleft()
        if len(self._times) >= self.taps:
            self.reset()
            return True
        return False

    def reset(self) -> None:
        self._times.clear()
        self._corner = None
