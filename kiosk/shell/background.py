"""One way to run blocking work (network, devices, disk) off the UI thread.

Screens and the shell never start threads of their own: they hand a callable to
`BackgroundRunner.submit`, which runs it on a small pool and calls `on_success` or
`on_failure` back *on the UI thread*. A result that arrives after its owner was reset
(the session timed out meanwhile) is dropped, so a late answer can never repaint a
wiped screen with the previous beneficiary's data.
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

    def __init__(self, parent: QObject | None = None, *, workers: int = 4) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-bg")
        self._generation = 0
        self._pending = 0
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet."""
        return self._pending

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        outlives_sessions: bool = False,
    ) -> None:
        """Runs `work` off the UI thread; its callbacks run on the UI thread.

        They are dropped if a session ends first, unless `outlives_sessions`: for the
        kiosk's own work (starting its services), never for a beneficiary's.
        """
        future = self._pool.submit(work)
        generation = None if outlives_sessions else self._generation
        job = _Job(generation, on_success, on_failure, future)
        self._pending += 1
        # Emitted from the worker thread: Qt queues it to this object's (the UI) thread.
        future.add_done_callback(lambda _f: self._report(job))

    def _report(self, job: _Job) -> None:
        if self._closed:
            return  # the kiosk shut down while this job ran; nobody is left to tell
        try:
            self._finished.emit(job)
        except RuntimeError:
            # The Qt object was deleted between the check and the emit (shutdown race).
            log.debug("background job finished after shutdown")

    def forget_pending(self) -> None:
        """Drops the callbacks of every job still running (the session ended)."""
        self._generation += 1

    def shutdown(self) -> None:
        self._closed = True
        self._generation += 1
        self._pool.shutdown(wait=False, cancel_futures=True)

    @Slot(object)
    def _deliver(self, job: _Job) -> None:
        self._pending -= 1
        forgotten = job.generation is not None and job.generation != self._generation
        if forgotten or job.future.cancelled() or self._closed:
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
