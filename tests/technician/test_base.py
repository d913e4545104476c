"""Every technician action is audited once, off the UI thread, and a failing audit log
does not undo or block the action."""

from __future__ import annotations

import threading

from kiosk.flows.base import InlineRunner
from kiosk.technician.base import Tool
from tests.fixtures.runners import HeldRunner


class Probe(Tool):
    def act(self, fail: bool = False) -> bool:
        def work() -> int:
            if fail:
                raise OSError("disk gone at /var/kiosk")
            return 7

        return self._act("probe.act", work, lambda n: f"{n} done", lambda _n: None)


def test_the_action_is_audited_by_the_worker_that_did_it() -> None:
    seen: list[tuple[str, str, str]] = []
    runner = HeldRunner()
    tool = Probe(runner, lambda a, o: seen.append((a, o, threading.current_thread().name)))
    assert tool.act()
    assert seen == [], "nothing is written before the work has run"
    worker = threading.Thread(target=runner.release, name="worker")
    worker.start()
    worker.join()
    assert seen == [("probe.act", "7 done", "worker")]


def test_a_failure_is_audited_by_its_class_only() -> None:
    seen: list[tuple[str, str]] = []
    tool = Probe(InlineRunner(), lambda a, o: seen.append((a, o)))
    tool.act(fail=True)
    assert seen == [("probe.act", "failed: OSError")]
    assert tool.notice is not None
    assert not tool.busy


def test_a_failing_audit_does_not_fail_the_action() -> None:
    def broken(_action: str, _outcome: str) -> None:
        raise OSError("audit log full")

    results: list[int] = []
    tool = Probe(InlineRunner(), broken)
    tool._act("probe.act", lambda: 3, str, results.append)
    assert results == [3]
    assert tool.notice is None
