"""The one shape in which every part of the kiosk reports its health.

The printer, the payment terminal, the offline outbox, the API link and the shell each
expose `health() -> ComponentHealth`; `HealthSnapshot` gathers them so a technician's
`kiosk doctor`, the heartbeat to the municipality and a metrics endpoint all read the same
facts. No Qt and no I/O here: reporters do their own (bounded) probing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol


class Status(enum.IntEnum):
    """Ordered so the worst status of a set is simply `max()`."""

    OK = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()


Detail = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class ComponentHealth:
    """One part's state in plain English (never personal data), plus figures to scrape."""

    component: str
    status: Status
    summary: str
    details: Mapping[str, Detail] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "component": self.component,
            "status": self.status.label,
            "summary": self.summary,
            "details": dict(self.details),
        }


class HealthReporter(Protocol):
    """Anything that can say how it is, quickly and without raising."""

    def health(self) -> ComponentHealth: ...


@dataclass(frozen=True, slots=True)
class HealthSnapshot:
    """Every component's health at one moment."""

    kiosk_id: str
    taken_at: datetime
    components: tuple[ComponentHealth, ...]

    @property
    def status(self) -> Status:
        return max((c.status for c in self.components), default=Status.OK)

    def as_dict(self) -> dict[str, object]:
        return {
            "kiosk_id": self.kiosk_id,
            "taken_at": self.taken_at.isoformat(),
            "status": self.status.label,
            "components": [c.as_dict() for c in self.components],
        }


def take_snapshot(kiosk_id: str, reporters: Iterable[HealthReporter]) -> HealthSnapshot:
    """Asks each reporter; a reporter that raises is itself reported as an error."""
    results: list[ComponentHealth] = []
    for reporter in reporters:
        try:
            results.append(reporter.health())
        except Exception as exc:  # a broken reporter must not hide the others
            name = type(reporter).__name__
            results.append(ComponentHealth(name, Status.ERROR, f"health check failed: {exc!r}"))
    return HealthSnapshot(kiosk_id, datetime.now(UTC), tuple(results))
