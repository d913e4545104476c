"""What every technician tool shares: a flow whose every action is written to the audit.

A tool is a `kiosk.flows.base.Flow` (listeners, one blocking job at a time through the
injected `Runner`), plus the audit: each technician action calls
`audit(action, outcome)` once, from the worker thread that did the work, after the
outcome is known (the audit log is on disk: the UI thread never writes it). Actions and
outcomes are short fixed words and counts: never a PIN, never a beneficiary's data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from kiosk.flows.base import Flow, Runner, notice_for

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Records one technician action: (action, outcome), e.g. ("printer.test_print", "printed").
Audit = Callable[[str, str], None]


def failure_outcome(error: BaseException) -> str:
    """How a failed action is audited: its error class, never its text (which may name
    a path or a reference)."""
    return f"failed: {type(error).__name__}"


class Tool(Flow):
    """Base of the technician tools: audited blocking actions through the runner."""

    def __init__(self, runner: Runner, audit: Audit) -> None:
        super().__init__(runner)
        self._audit = audit

    def _record(self, action: str, outcome: str) -> None:
        try:
            self._audit(action, outcome)
        except Exception:
            # A technician's action is done whatever the audit says; a failing audit log
            # is a fault of its own (reported by its own health), not this action's.
            log.exception("technician action not audited", extra={"action": action})

    def _act(self, action: str, work: Callable[[], T], outcome: Callable[[T], str],
             on_success: Callable[[T], None],
             on_failure: Callable[[BaseException], None] | None = None) -> bool:
        """Runs `work` off the UI thread and audits it there: `outcome(result)` on
        success, the error's class on failure. Ignored (False) while a job runs."""

        def audited() -> T:
            try:
                result = work()
            except BaseException as exc:
                self._record(action, failure_outcome(exc))
                raise
            self._record(action, outcome(result))
            return result

        def failed(error: BaseException) -> None:
            if on_failure is not None:
                on_failure(error)
            else:
                self.notice = notice_for(error)

        return self._run(audited, on_success, failed)

    def _note(self, action: str, outcome: str) -> None:
        """Audits an action that needs no device (starting an assistant), off the UI
        thread like the others."""

        def ignore(_: Any) -> None:
            return None

        self._runner.submit(lambda: self._record(action, outcome), ignore, ignore)
