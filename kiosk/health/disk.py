"""How much room is left on the disk that holds the kiosk's data folder.

The outbox (requests and payments kept while the network is down), the audit log and
the technician's state files all live in the data folder. A full disk turns into an
outbox that cannot keep an approval, so a technician (and the heartbeat) should see the
room running out before it does: a warning under `WARNING_BYTES` free, an error under
`ERROR_BYTES`. One `statvfs` per snapshot: cheap enough for any reporter's caller.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.health.model import ComponentHealth, Detail, Status

COMPONENT = "disk"
MIB = 1024 * 1024
#: Below this much free space the kiosk still works, but someone should look soon.
WARNING_BYTES = 1024 * MIB
#: Below this, the next large write (an outbox checkpoint, a log rotation) may fail.
ERROR_BYTES = 256 * MIB


def _size(count: int) -> str:
    """A byte count in the largest unit that keeps it readable: "812 MiB", "12.4 GiB"."""
    if count >= 1024 * MIB:
        return f"{count / (1024 * MIB):.1f} GiB"
    return f"{count // MIB} MiB"


class DiskSpace:
    """A `HealthReporter` over the free space of the file system holding `folder`."""

    def __init__(self, folder: Path, *, warning_bytes: int = WARNING_BYTES,
                 error_bytes: int = ERROR_BYTES) -> None:
        if error_bytes > warning_bytes:
            raise ValueError("the error threshold must not be above the warning one")
        self.folder = folder
        self.warning_bytes = warning_bytes
        self.error_bytes = error_bytes

    def health(self) -> ComponentHealth:
        thresholds: dict[str, Detail] = {"warning_below_bytes": self.warning_bytes,
                                         "error_below_bytes": self.error_bytes}
        try:
            usage = shutil.disk_usage(self.folder)
        except OSError as exc:
            return ComponentHealth(
                COMPONENT, Status.ERROR,
                f"the data folder cannot be measured: {exc.strerror or type(exc).__name__}",
                {"path": str(self.folder), **thresholds})
        free, total = usage.free, usage.total
        details: dict[str, Detail] = {
            "path": str(self.folder), "free_bytes": free, "total_bytes": total,
            "free_percent": round(100 * free / total, 1) if total else 0.0, **thresholds}
        summary = f"{_size(free)} free of {_size(total)}"
        if free < self.error_bytes:
            return ComponentHealth(COMPONENT, Status.ERROR,
                                   f"{summary}: almost full, free some space now", details)
        if free < self.warning_bytes:
            return ComponentHealth(COMPONENT, Status.WARNING,
                                   f"{summary}: running low", details)
        return ComponentHealth(COMPONENT, Status.OK, summary, details)

