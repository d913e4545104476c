"""The licence-type catalogue, fresh from the server when it can be, cached when not.

Forms are rendered from the catalogue, so a kiosk that lost its network must still show
them: every successful fetch is written (atomically) to the data dir, and a fetch that
fails for want of a network falls back to that copy. A corrupt cache file is ignored and
reported, never a crash.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from kiosk.api.errors import OfflineError, ServerError
from kiosk.api.schema import Catalogue
from kiosk.health.model import ComponentHealth, Status

log = logging.getLogger(__name__)


class FetchesCatalogue(Protocol):
    def catalogue(self) -> Catalogue: ...


class CatalogueCache:
    """`get()` returns the server's catalogue, or the cached one while offline."""

    def __init__(self, client: FetchesCatalogue, path: Path) -> None:
        self._client = client
        self.path = path
        self._lock = threading.Lock()
        self.from_cache = False
        self.fetched_at: datetime | None = None

    def get(self) -> Catalogue:
        """Raises the client's OfflineError when offline and nothing is cached yet."""
        try:
            catalogue = self._client.catalogue()
        except (OfflineError, ServerError):
            cached = self.cached()
            if cached is None:
                raise
            self.from_cache = True
            return cached
        self._store(catalogue)
        self.from_cache = False
        self.fetched_at = datetime.now(UTC)
        return catalogue

    def cached(self) -> Catalogue | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("catalogue cache unreadable", extra={"error": str(exc)})
            return None
        try:
            return Catalogue.model_validate_json(text)
        except ValidationError:
            log.warning("catalogue cache is corrupt; ignoring it", extra={"path": str(self.path)})
            return None

    def _store(self, catalogue: Catalogue) -> None:
        with self._lock:
            tmp = self.path.with_suffix(".tmp")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with open(tmp, "w", encoding="utf-8") as handle:
                    handle.write(catalogue.model_dump_json())
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except OSError as exc:
                # A full disk must not stop a beneficiary who is online.
                log.warning("catalogue cache not written", extra={"error": str(exc)})

    def health(self) -> ComponentHealth:
        cached = self.path.exists()
        if self.from_cache:
            return ComponentHealth("catalogue", Status.WARNING,
                                   "serving the cached licence catalogue (offline)",
                                   {"cached": cached})
        return ComponentHealth("catalogue", Status.OK if cached else Status.WARNING,
                               "licence catalogue cached" if cached
                               else "no cached licence catalogue yet", {"cached": cached})
