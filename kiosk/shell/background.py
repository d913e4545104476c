"""The one way back to the UI thread, and the one way to run blocking work off it.

Screens, journeys and the shell never start threads of their own: they hand a callable to
`BackgroundRunner.submit`, which runs it on a small pool and calls `on_success` or
`on_failure` back *on the UI thread*. A result that arrives after its owner was reset
(the session timed out meanwhile) is dropped, so a late answer can never repaint a
wiped screen with the previous beneficiary's data. Work that belongs to the kiosk rather
than to the beneficiary (opening storage, settling a purchase a crash left open) is
submitted with `session=False`: it is neither dropped at a session's end nor counted as
the beneficiary's pending work.

Threads the runner does not own (the outbox's delivery worker, the connectivity probe,
the terminal driver reporting progress) come back through `post`, which runs a callable
on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Job:
    generation: int | None  # None: the kiosk's own work, delivered whatever the session
    on_success: Callable[[Any], None]
    on_failure: Callable[[BaseException], None]
    future: Future[Any]


class BackgroundRunner(QObject):
    """Runs callables on worker threads and reports back on the UI thread."""

    _finished = Signal(object)
    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None, *, workers: int = 4) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-bg")
        self._generation = 0
        self._pending = 0
        self._closed = False
        # Emitted from other threads: Qt queues both to this object's (the UI) thread.
        self._finished.connect(self._deliver)
        self._posted.connect(self._run_posted)

    @property
    def pending(self) -> int:
        """The beneficiary's jobs submitted whose callbacks have not run yet."""
        return self._pending

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        session: bool = True,
    ) -> None:
        """Runs `work` on the pool; its outcome comes back to one callback on the UI thread.

        `session=False` marks the kiosk's own work: its callbacks run even after the
        session ended, and `pending` does not count it.
        """
        future = self._pool.submit(work)
        job = _Job(self._generation if session else None, on_success, on_failure, future)
        if session:
            self._pending += 1
        future.add_done_callback(lambda _f: self._emit(self._finished, job))

    def for_kiosk(self) -> KioskWork:
        """This runner as a flow's `Runner` for the kiosk's own work (`session=False`):
        technician mode's tools, whose jobs must report back whatever a session does."""
        return KioskWork(self)

    def post(self, action: Callable[[], None]) -> None:
        """Runs `action` on the UI thread soon; callable from any thread.

        For threads the runner does not own. Whether a late `action` still applies is the
        caller's to decide (flows compare their own generation), as for a connectivity
        change, which applies whatever the session.
        """
        self._emit(self._posted, action)

    def _emit(self, signal: Any, payload: object) -> None:
        if self._closed:
            return  # the kiosk shut down meanwhile; nobody is left to tell
        try:
            signal.emit(payload)
        except RuntimeError:
            # The Qt object was deleted between the check and the emit (shutdown race).
            log.debug("background report arrived after shutdown")

    def forget_pending(self) -> None:
        """Drops the callbacks of the session's jobs still running (the session ended)."""
        self._generation += 1

    def shutdown(self) -> None:
        self._closed = True
        self._generation += 1
        self._pool.shutdown(wait=False, cancel_futures=True)

    @Slot(object)
    def _deliver(self, job: _Job) -> None:
        if job.generation is not None:
            self._pending -= 1
        if self._closed or job.future.cancelled() or job.generation not in (
                None, self._generation):
            return
        error = job.future.exception()
        try:
            if error is None:
                job.on_success(job.future.result())
            else:
                job.on_failure(error)
        except Exception:
            # A bug in a callback must not take the kiosk down; it is logged as a bug.
            log.exception("background callback failed")

    @Slot(object)
    def _run_posted(self, action: Callable[[], None]) -> None:
        if self._closed:
            return
        try:
            action()
        except Exception:
            log.exception("posted UI update failed")


class KioskWork:
    """A `kiosk.flows.base.Runner` whose jobs are the kiosk's own (`session=False`)."""

    def __init__(self, runner: BackgroundRunner) -> None:
        self._runner = runner

    def submit(self, work: Callable[[], Any], on_success: Callable[[Any], None],
               on_failure: Callable[[BaseException], None]) -> None:
        self._runner.submit(work, on_success, on_failure, session=False)
