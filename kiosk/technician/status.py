"""What the Status tool shows: the one health snapshot and the kiosk's own facts.

Gathered off the UI thread (each reporter may probe its part briefly).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.config_source import ENROLMENT_OVERLAY
from kiosk.health.model import HealthReporter, HealthSnapshot, take_snapshot


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Every component's health, plus version, uptime, identity and enrolment."""

    snapshot: HealthSnapshot
    version: str
    uptime_s: float
    kiosk_id: str
    #: Whether `kiosk enrol` has given this kiosk its identity (enrolment.toml exists).
    enrolled: bool


def status_report(kiosk_id: str, reporters: Iterable[HealthReporter], data_dir: Path,
                  started: float) -> StatusReport:
    """Takes the snapshot now; `started` is the kiosk's start on `time.monotonic()`."""
    return StatusReport(
        snapshot=take_snapshot(kiosk_id, reporters),
        version=__version__,
        uptime_s=max(0.0, time.monotonic() - started),
        kiosk_id=kiosk_id,
        enrolled=(data_dir / ENROLMENT_OVERLAY).exists(),
    )
