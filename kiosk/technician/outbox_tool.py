"""The technician's outbox tool: what waits to be sent, what the municipality refused,
send a refused request again, and sweep delivered ones.

Everything it does is `kiosk queue`'s own code (`kiosk.offline_queue.maintenance`), on
the kiosk's open outbox; what it shows carries nothing personal (kind, age, attempts,
the class of the last error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.flows.base import Runner
from kiosk.offline_queue import maintenance
from kiosk.offline_queue.entry import EntryState
from kiosk.offline_queue.maintenance import EntrySummary
from kiosk.offline_queue.store import Outbox
from kiosk.technician.base import Audit, Tool


@dataclass(frozen=True, slots=True)
class OutboxView:
    """What the tool shows: counts, waiting entries (oldest first), dead ones."""

    counts: dict[EntryState, int]
    waiting: list[EntrySummary]
    dead: list[EntrySummary]


class OutboxTool(Tool):
    """Waiting and dead entries, retry one dead entry, purge delivered ones."""

    def __init__(self, outbox: Outbox, runner: Runner, audit: Audit, *,
                 clock: Callable[[], datetime] | None = None, limit: int = 50) -> None:
        super().__init__(runner, audit)
        self._outbox = outbox
        self._clock = clock or (lambda: datetime.now(UTC))
        self._limit = limit
        self.view: OutboxView | None = None
        #: How the last retry ended: True (pending again) or False (refused), by entry id.
        self.retried: dict[int, bool] = {}
        #: How many entries the last purge erased (None: no purge yet).
        self.purged: int | None = None

    def refresh(self) -> bool:
        return self._run(self._look, self._seen)

    def retry(self, entry_id: int) -> bool:
        """Sends one dead entry again, now (the back office fixed the cause)."""

        def work() -> tuple[bool, OutboxView]:
            [result] = maintenance.retry(self._outbox, [entry_id])
            return result.entry is not None, self._look()

        def done(result: tuple[bool, OutboxView]) -> None:
            self.retried = {entry_id: result[0]}
            self._seen(result[1])

        return self._act("outbox.retry", work,
                         lambda r: f"entry {entry_id} " + ("pending" if r[0] else "refused"),
                         done)

    def purge(self) -> bool:
        """Erases whatever delivered entries still hold and truncates the WAL."""

        def work() -> tuple[int, OutboxView]:
            return maintenance.purge_delivered(self._outbox), self._look()

        def done(result: tuple[int, OutboxView]) -> None:
            self.purged = result[0]
            self._seen(result[1])

        return self._act("outbox.purge_delivered", work, lambda r: f"{r[0]} erased", done)

    def _look(self) -> OutboxView:
        waiting, dead = maintenance.waiting_and_dead(self._outbox, self._clock(),
                                                     limit=self._limit)
        return OutboxView(self._outbox.counts(), waiting, dead)

    def _seen(self, view: OutboxView) -> None:
        self.view = view
