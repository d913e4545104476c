"""The durable "open purchase" record: written before a purchase is sent, cleared after.

If the kiosk crashes, loses power or loses the line while the terminal holds a card, this
file is what remembers that money may have moved. It is written atomically (temporary
file, fsync, rename, fsync of the folder) so it is either the whole record or absent,
never half. At most one purchase is open at a time: the terminal handles one card.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.devices.terminal.errors import TerminalError

log = logging.getLogger(__name__)

FILENAME = "terminal-open-purchase.json"
STATE_SUBDIR = "terminal"


def state_dir(data_dir: Path) -> Path:
    """Where a kiosk keeps its terminal state under `storage.data_dir`: the app and the
    technician's `kiosk terminal-test` must look in the same place, or a purchase one of
    them left open would go unseen by the other."""
    return data_dir / STATE_SUBDIR


class OpenPurchaseStoreError(TerminalError):
    """The record cannot be written or read: no purchase may start until it is fixed."""

    default_en = ("Card payment is not available at this kiosk right now. You have not been "
                  "charged. Please use another kiosk.")
    default_ar = ("السداد بالبطاقة غير متاح في هذا الجهاز حاليًا. لم يُخصم منك أي مبلغ. "
                  "يُرجى استخدام جهاز آخر.")
    default_retryable = False  # a technician must fix the kiosk's storage first


@dataclass(frozen=True, slots=True)
class OpenPurchase:
    reference: str
    amount_halalas: int
    started_at: str  # ISO 8601, UTC

    @classmethod
    def new(cls, reference: str, amount_halalas: int) -> OpenPurchase:
        return cls(reference, amount_halalas, datetime.now(UTC).isoformat(timespec="seconds"))


class OpenPurchaseStore:
    """One JSON file in the kiosk's data folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / FILENAME

    def save(self, record: OpenPurchase) -> None:
        tmp = self.path.with_suffix(".tmp")
        data = json.dumps({"version": 1, **asdict(record)}).encode("utf-8")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
            self._sync_directory()
        except OSError as exc:
            raise OpenPurchaseStoreError(
                f"cannot record the purchase durably in {self.directory}: {exc.strerror or exc}"
            ) from exc

    def load(self) -> OpenPurchase | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OpenPurchaseStoreError(f"cannot read {self.path}: {exc.strerror}") from exc
        try:
            data = json.loads(raw)
            record = OpenPurchase(str(data["reference"]), int(data["amount_halalas"]),
                                  str(data["started_at"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise OpenPurchaseStoreError(
                f"{self.path} is unreadable; check the terminal's last transaction by hand "
                "before removing it"
            ) from exc
        return record

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
            self._sync_directory()
        except OSError as exc:
            raise OpenPurchaseStoreError(f"cannot clear {self.path}: {exc.strerror}") from exc

    def _sync_directory(self) -> None:
        fd = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
