"""What every journey shares: observers, an injected runner for blocking work, and the
one way a failure becomes a sentence for the beneficiary.

A flow is a plain state machine. Screens call its intent methods (`submit_id`, `choose`,
`back`...) and re-render when it notifies them. Anything that would block (the API, a
device, the outbox) goes through `Runner.submit`: in the kiosk that is the shell's
BackgroundRunner (results come back on the UI thread), in tests an inline runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from kiosk.domain.text import isolate_runs
from kiosk.errors import KnownError

T = TypeVar("T")
log = logging.getLogger(__name__)


class Runner(Protocol):
    """Runs `work` somewhere that may block and reports back where the flow lives."""

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None: ...


class InlineRunner:
    """Runs work immediately on the caller's thread (unit tests, command-line tools)."""

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        try:
            result = work()
        except Exception as exc:
            on_failure(exc)
        else:
            on_success(result)


@dataclass(frozen=True, slots=True)
class Notice:
    """A sentence for the beneficiary in both languages, and whether to offer a retry."""

    code: str
    message_en: str
    message_ar: str
    retry: bool = False

    def text(self, language: str) -> str:
        """The message in `language`; in Arabic with its numbers and codes isolated."""
        return isolate_runs(self.message_ar) if language == "ar" else self.message_en


BUG = Notice(
    "internal",
    "Something went wrong at this kiosk. Nothing was sent and nothing was charged. "
    "Please start again, or use another kiosk.",
    "حدث خطأ في هذا الجهاز. لم يُرسل أي طلب ولم يُخصم أي مبلغ. يُرجى البدء من جديد أو "
    "استخدام جهاز آخر.",
)


def notice_for(error: BaseException) -> Notice:
    """Turns any failure into what the beneficiary should read.

    A known error (`kiosk.errors.KnownError`: the API's, a device's, the outbox's) carries
    its own bilingual sentence and whether to offer a retry; anything else is a bug:
    logged with its traceback for engineers, never shown on screen.
    """
    if isinstance(error, KnownError):
        return Notice(type(error).__name__, error.message_en, error.message_ar,
                      error.retryable)
    log.error("unexpected failure in a journey", exc_info=error)
    return BUG


class Flow:
    """Base for journeys: keeps observers and the runner."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner
        self._listeners: list[Callable[[], None]] = []
        self._failure_watchers: list[Callable[[BaseException], None]] = []
        self.busy = False
        self.notice: Notice | None = None

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def watch_failures(self, watcher: Callable[[BaseException], None]) -> None:
        """Calls `watcher` with every failure of the flow's blocking work, before the flow
        handles it (the pilot's figures count what failed; the flow decides what to say)."""
        self._failure_watchers.append(watcher)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def _run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Starts blocking work unless some is already running (double taps do nothing)."""
        if self.busy:
            return False
        self.busy = True
        self.notice = None
        self._changed()

        def done(result: T) -> None:
            self.busy = False
            on_success(result)
            self._changed()

        def failed(error: BaseException) -> None:
            self.busy = False
            for watcher in list(self._failure_watchers):
                watcher(error)
            if on_failure is not None:
                on_failure(error)
            else:
                self.notice = notice_for(error)
            self._changed()

        self._runner.submit(work, done, failed)
        return True
