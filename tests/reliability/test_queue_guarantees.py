"""The offline queue's promises, proven against the real sandbox over HTTPS:

- a lost answer (the server committed, then the connection died) is retried and gets the
  first answer back; the server holds one record;
- a long outage: 1,000 requests queue while the sandbox is down; after it comes back all
  are delivered, in enqueue order, exactly once;
- a poison entry the server rejects goes dead and does not block those behind it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.health.model import Status
from kiosk.offline_queue import (
    BackoffPolicy,
    Connectivity,
    ConnectivityMonitor,
    DeliveryWorker,
    EntryState,
    Outbox,
)
from kiosk.offline_queue.deliverer import ClientDeliverer
from kiosk.offline_queue.policy import is_link_error
from sandbox.runner import SandboxProcess
from tests.reliability.helpers import api_settings, enqueue, marker_of, new_run, server_view

FAST = BackoffPolicy(base_s=0.05, cap_s=0.3)


@contextmanager
def delivering(outbox: Outbox, sandbox: SandboxProcess, *, max_attempts: int = 2,
               connectivity: Connectivity | None = None) -> Iterator[DeliveryWorker]:
    """The app's wiring: client -> deliverer -> worker, stopped and closed afterwards."""
    client = MunicipalityClient(api_settings(sandbox), max_attempts=max_attempts,
                                retry_delay_s=0.05)
    worker = DeliveryWorker(outbox, ClientDeliverer(client), connectivity or Connectivity(),
                            backoff=FAST, link_backoff=FAST, idle_poll_s=0.05)
    try:
        yield worker
    finally:
        worker.stop()
        client.close()


def test_a_lost_answer_is_retried_and_answered_with_the_first_answer(
        sandbox_up: SandboxProcess, application_template: dict[str, Any],
        outbox_path: Path) -> None:
    run = new_run()
    # One attempt per call in the client, so it is the queue's own retry that recovers.
    with Outbox.open(outbox_path) as outbox, delivering(outbox, sandbox_up,
                                                         max_attempts=1) as worker:
        delivered = threading.Event()
        answers: list[dict[str, Any]] = []
        worker.subscribe_delivered(lambda e, answer: (answers.append(dict(answer)),
                                                      delivered.set()))
        sandbox_up.admin.set_faults(drop_next=1)
        entry = enqueue(outbox, application_template, f"{run}-0")
        worker.start()
        assert delivered.wait(30)
        done = outbox.get(entry.id)
    assert sandbox_up.admin.faults().drop_next == 0  # the connection really was dropped
    assert (done.state, done.attempts) == (EntryState.DELIVERED, 2)
    assert done.last_error is None
    server = server_view(sandbox_up, run)
    assert server.markers == {f"{run}-0": 1}  # one record, not two
    first = server.answers_by_key[entry.idempotency_key]
    assert first["status"] == 201
    assert answers == [first["body"]]  # the retry got the first answer back
    assert done.server_reference == server.transaction_for(f"{run}-0")["number"]


def test_a_poison_entry_goes_dead_and_the_rest_are_delivered(
        sandbox_up: SandboxProcess, application_template: dict[str, Any],
        outbox_path: Path) -> None:
    run = new_run()
    with Outbox.open(outbox_path) as outbox, delivering(outbox, sandbox_up) as worker:
        first = enqueue(outbox, application_template, f"{run}-0")
        # A car workshop is not allowed in a commercial district: refused, for good.
        poison = enqueue(outbox, application_template, f"{run}-poison",
                         activity="car_workshop")
        rest = [enqueue(outbox, application_template, f"{run}-{n}")
                for n in (1, 2)]
        dead: list[str] = []
        worker.subscribe_dead(lambda _e, reason: dead.append(reason))
        worker.start()
        assert worker.drain(60)
        states = {e.id: outbox.get(e.id).state for e in (first, poison, *rest)}
        health = worker.health()
        refused = outbox.get(poison.id)
        # A technician's retry changes nothing: the server replays its first refusal.
        outbox.retry(poison.id)
        assert worker.drain(60)
        assert outbox.get(poison.id).state is EntryState.DEAD
    assert states == {first.id: EntryState.DELIVERED, poison.id: EntryState.DEAD,
                      rest[0].id: EntryState.DELIVERED, rest[1].id: EntryState.DELIVERED}
    assert "activity_not_allowed" in (refused.last_error or "")
    assert refused.attempts == 1
    assert len(dead) == 2
    assert health.status is Status.WARNING
    assert health.details["dead"] == 1
    server = server_view(sandbox_up, run)
    assert server.markers == {f"{run}-0": 1, f"{run}-1": 1, f"{run}-2": 1}
    assert server.answers_by_key[poison.idempotency_key]["status"] == 422


@pytest.mark.timeout(300)
def test_a_long_outage_is_replayed_in_order_exactly_once(
        sandbox_up: SandboxProcess, application_template: dict[str, Any],
        outbox_path: Path) -> None:
    run = new_run()
    total = 1000
    connectivity = Connectivity()
    changes: list[bool] = []
    connectivity.subscribe(changes.append)
    client = MunicipalityClient(api_settings(sandbox_up), max_attempts=1)
    monitor = ConnectivityMonitor(connectivity, client.probe, is_link_error=is_link_error,
                                  interval_s=0.2, offline_interval_s=0.2)
    with Outbox.open(outbox_path) as outbox, delivering(
            outbox, sandbox_up, connectivity=connectivity) as worker:
        sandbox_up.stop()
        monitor.start()
        worker.start()
        try:
            entries = [enqueue(outbox, application_template, f"{run}-{n}")
                       for n in range(total)]
            assert outbox.counts()[EntryState.DELIVERED] == 0
            assert changes == [False]  # the kiosk knows it is offline: banner on
            sandbox_up.start()  # same port, same data: the municipality is back
            assert worker.drain(240)
        finally:
            monitor.stop()
            client.close()
        final = outbox.entries()
    assert changes == [False, True]
    assert [e.state for e in final] == [EntryState.DELIVERED] * total
    server = server_view(sandbox_up, run)
    assert len(server.transactions) == total
    assert set(server.markers.values()) == {1}  # exactly once
    assert [t["marker"] for t in server.transactions] == [marker_of(e) for e in entries]
    assert [e.server_reference for e in final] == [t["number"] for t in server.transactions]
