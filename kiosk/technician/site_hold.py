"""A technician's decision to take the kiosk out of service, until a technician undoes it.

Different from the technician's presence (the `TECHNICIAN` hold, released on leaving):
a kiosk with a broken card reader stays out of service after the technician walks away,
and after a restart, until someone puts it back. It is the `SITE` hold of
`kiosk.health.service`, with its public reason in both languages, kept in the data folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.config_source import sync_folder
from kiosk.health.service import SITE, Hold, ServiceState
from kiosk.technician.audit import Audit
from kiosk.technician.files import write_json

log = logging.getLogger(__name__)

HOLD_FILE = "site-hold.json"
#: A free-text reason is shown on the public screen: one or two lines.
MAX_REASON = 120


@dataclass(frozen=True, slots=True)
class Reason:
    """What the public screen says under "out of service", in both languages."""

    en: str
    ar: str


#: The reasons a technician picks with one tap (free text is typed otherwise).
PRESET_REASONS: tuple[Reason, ...] = (
    Reason("Maintenance in progress", "أعمال صيانة جارية"),
    Reason("The receipt printer is being repaired", "طابعة الإيصالات قيد الإصلاح"),
    Reason("Card payment is not available at this kiosk",
           "الدفع بالبطاقة غير متاح في هذا الجهاز"),
    Reason("No connection to the municipality", "لا يوجد اتصال بالأمانة"),
)


def typed_reason(text: str) -> Reason | None:
    """A reason typed on the keyboard (shown as typed in both languages), or None if it
    is empty or too long for the public screen."""
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_REASON:
        return None
    return Reason(cleaned, cleaned)


class SiteHold:
    """Takes the kiosk out of service under `SITE`, persistently, and puts it back."""

    def __init__(self, service: ServiceState, data_dir: Path, audit: Audit) -> None:
        self.service = service
        self.path = data_dir / HOLD_FILE
        self._audit = audit

    @property
    def current(self) -> Hold | None:
        return self.service.holding(SITE)

    def restore(self) -> bool:
        """Holds the kiosk out again if a technician left it so before a restart."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            reason = Reason(str(data["reason_en"]), str(data["reason_ar"]))
        except FileNotFoundError:
            return False
        except (OSError, ValueError, KeyError, TypeError):
            # Out of service was asked for: keep to that, without a reason to show.
            log.warning("site hold file unreadable; staying out of service",
                        extra={"path": str(self.path)})
            reason = Reason("", "")
        self.service.hold(SITE, reason.en, reason.ar)
        return True

    def take_out(self, reason: Reason) -> None:
        """Writes the hold down, then holds the kiosk out with `reason`."""
        write_json(self.path, {"reason_en": reason.en, "reason_ar": reason.ar})
        self.service.hold(SITE, reason.en, reason.ar)
        self._audit("take out of service", f"reason: {reason.en}")

    def put_back(self) -> bool:
        """Lifts the technician's hold (others, such as an operator's, stay)."""
        self.path.unlink(missing_ok=True)
        sync_folder(self.path.parent)
        released = self.service.release(SITE)
        self._audit("put back in service",
                    "in service" if self.service.in_service else
                    "released; other holds remain: "
                    + ", ".join(h.source for h in self.service.holds))
        return released
