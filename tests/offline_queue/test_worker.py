"""The delivery worker's rules: order, poison entries, transient failures, link outages.

The deliverer here is scripted, on purpose: these tests pin down which entry fails how
and when (the 2nd entry gets two 503s, the link drops for exactly three attempts), which
the sandbox's global fault switches cannot aim at one entry. The same guarantees are
proven end to end against the real sandbox over HTTPS in tests/reliability/.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.errors import (
    AuthError,
    MalformedResponseError,
    OfflineError,
    RejectedError,
    ServerError,
    TlsError,
)
from kiosk.api.schema import Problem
from kiosk.health.model import Status
from kiosk.offline_queue.backoff import BackoffPolicy, SchedulingClock
from kiosk.offline_queue.connectivity import Connectivity
from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.offline_queue.errors import UndeliverableError
from kiosk.offline_queue.store import Outbox
from kiosk.offline_queue.worker import DeliveryWorker

FAST = BackoffPolicy(base_s=0.01, cap_s=0.05, jitter=0.0)


class ScriptedDeliverer:
    """Answers like the municipality would; `script[n]` lists what the n-th payload's
    successive attempts raise before it succeeds. `link_down` fails every attempt."""

    def __init__(self) -> None:
        self.script: dict[int, list[Exception]] = {}
        self.link_failures = 0
        self.sent: list[tuple[int, str]] = []
        self.delivered: list[int] = []
        self.lock = threading.Lock()

    def deliver(self, entry: OutboxEntry) -> Mapping[str, Any]:
        assert entry.payload is not None
        n = int(entry.payload["n"])
        with self.lock:
            self.sent.append((n, entry.idempotency_key))
            if self.link_failures > 0:
                self.link_failures -= 1
                raise OfflineError("connection refused")
            pending = self.script.get(n)
            if pending:
                raise pending.pop(0)
            self.delivered.append(n)
        return {"transaction_number": f"2026-{n:06d}", "status": "received"}


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return condition()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    with Outbox.open(tmp_path / "outbox.sqlite3") as box:
        yield box


@pytest.fixture
def deliverer() -> ScriptedDeliverer:
    return ScriptedDeliverer()


@pytest.fixture
def link() -> Connectivity:
    return Connectivity(failures_to_offline=2)


@pytest.fixture
def make_worker(outbox: Outbox, deliverer: ScriptedDeliverer,
                link: Connectivity) -> Iterator[Callable[..., DeliveryWorker]]:
    workers: list[DeliveryWorker] = []

    def make(**kwargs: Any) -> DeliveryWorker:
        options: dict[str, Any] = {"backoff": FAST, "link_backoff": FAST,
                                   "idle_poll_s": 0.05, **kwargs}
        worker = DeliveryWorker(outbox, deliverer, link, **options)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


def enqueue(outbox: Outbox, *numbers: int) -> list[OutboxEntry]:
    return [outbox.enqueue("submit_application", {"n": n}) for n in numbers]


def test_entries_are_delivered_oldest_first_and_listeners_hear_of_each(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    entries = enqueue(outbox, *range(10))
    worker = make_worker()
    heard: list[tuple[str, str]] = []
    worker.subscribe_delivered(
        lambda e, answer: heard.append((e.local_reference, answer["transaction_number"])))
    worker.start()
    assert worker.drain(20)
    assert deliverer.delivered == list(range(10))
    assert heard == [(e.local_reference, f"2026-{n:06d}") for n, e in enumerate(entries)]
    done = outbox.get(entries[3].id)
    assert (done.state, done.server_reference, done.attempts) == (
        EntryState.DELIVERED, "2026-000003", 1)
    # The journey enqueues while the worker runs: delivered without anyone calling wake().
    late = outbox.enqueue("submit_application", {"n": 10})
    assert wait_for(lambda: outbox.get(late.id).state is EntryState.DELIVERED)


def test_a_poison_entry_goes_dead_and_does_not_block_those_behind_it(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    problem = Problem(field="activity", code="invalid_activity",
                      message_ar="النشاط غير معروف", message_en="unknown activity")
    deliverer.script[1] = [RejectedError("The request was refused.", code="invalid_request",
                                         status=422, problems=[problem])]
    deliverer.script[3] = [UndeliverableError("unknown kind 'renew_licence'")]
    entries = enqueue(outbox, 0, 1, 2, 3, 4)
    worker = make_worker()
    dead: list[tuple[int, str]] = []
    worker.subscribe_dead(lambda e, reason: dead.append((e.id, reason)))
    worker.start()
    assert worker.drain(20)
    assert deliverer.delivered == [0, 2, 4]
    assert [entry_id for entry_id, _ in dead] == [entries[1].id, entries[3].id]
    assert "invalid_activity" in dead[0][1]
    poison = outbox.get(entries[1].id)
    assert (poison.state, poison.attempts) == (EntryState.DEAD, 1)  # never retried
    health = worker.health()
    assert health.status is Status.WARNING
    assert health.details["dead"] == 2


def test_a_failing_entry_waits_on_its_own_while_the_others_go(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    deliverer.script[1] = [ServerError(status=503), MalformedResponseError()]
    entries = enqueue(outbox, 0, 1, 2, 3)
    worker = make_worker(backoff=BackoffPolicy(base_s=0.3, cap_s=0.3, jitter=0.0))
    worker.start()
    assert worker.drain(20)
    assert deliverer.delivered == [0, 2, 3, 1]
    again = outbox.get(entries[1].id)
    assert (again.state, again.attempts) == (EntryState.DELIVERED, 3)
    keys = {key for n, key in deliverer.sent if n == 1}
    assert keys == {entries[1].idempotency_key}  # every attempt carried the same key


def test_while_the_link_is_down_the_queue_waits_and_keeps_its_order(
        outbox: Outbox, deliverer: ScriptedDeliverer, link: Connectivity,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    deliverer.link_failures = 4
    changes: list[bool] = []
    link.subscribe(changes.append)
    enqueue(outbox, *range(6))
    worker = make_worker()
    worker.start()
    assert worker.drain(20)
    assert deliverer.delivered == list(range(6))
    # Only the head was tried while the link was down: nothing behind it jumped ahead.
    assert [n for n, _ in deliverer.sent[:5]] == [0, 0, 0, 0, 0]
    assert changes == [False, True]
    assert link.online


@pytest.mark.parametrize("error", [OfflineError("timed out"), TlsError()])
def test_link_errors_never_kill_an_entry(
        outbox: Outbox, deliverer: ScriptedDeliverer, error: Exception,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    deliverer.script[0] = [error] * 5
    (entry,) = enqueue(outbox, 0)
    make_worker().start()
    assert wait_for(lambda: outbox.get(entry.id).state is EntryState.DELIVERED)
    assert outbox.get(entry.id).attempts == 6


def test_a_refused_kiosk_key_pauses_delivery_and_alarms_operators(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    deliverer.script[0] = [AuthError("kiosk key refused", code="bad_api_key", status=401)] * 3
    (entry,) = enqueue(outbox, 0)
    worker = make_worker(link_backoff=BackoffPolicy(base_s=0.2, cap_s=0.2, jitter=0.0))
    worker.start()
    assert wait_for(lambda: worker.health().status is Status.ERROR)
    assert "credentials" in worker.health().summary
    assert outbox.get(entry.id).state is not EntryState.DEAD
    assert wait_for(lambda: outbox.get(entry.id).state is EntryState.DELIVERED)
    assert worker.health().status is Status.OK


def test_a_bug_in_the_deliverer_is_retried_not_fatal(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    deliverer.script[0] = [KeyError("payload field missing")]
    (entry,) = enqueue(outbox, 0)
    worker = make_worker()
    worker.start()
    assert wait_for(lambda: outbox.get(entry.id).state is EntryState.DELIVERED)
    assert worker.running


def test_an_entry_left_in_flight_by_a_crash_is_delivered_after_restart(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    (entry,) = enqueue(outbox, 0)
    assert outbox.claim_next(0, horizon_s=60) is not None  # the last run died here
    worker = make_worker()
    worker.start()
    assert worker.drain(20)
    delivered = outbox.get(entry.id)
    assert (delivered.state, delivered.attempts) == (EntryState.DELIVERED, 2)


def test_delivered_personal_data_is_erased_at_once_and_the_wal_truncated_after_the_batch(
        outbox: Outbox, tmp_path: Path, make_worker: Callable[..., DeliveryWorker]) -> None:
    marker = "PERSONAL-0123456789abcdef"
    entries = [outbox.enqueue("submit_application", {"n": n, "name": f"{marker}-{n}"})
               for n in range(5)]
    wal = tmp_path / "outbox.sqlite3-wal"
    worker = make_worker()
    worker.start()
    assert worker.drain(20)
    for entry in entries:
        done = outbox.get(entry.id)
        assert (done.payload, done.purged) == (None, True)
        assert done.server_reference == f"2026-{entry.payload['n']:06d}"  # type: ignore[index]
    # End of the batch (nothing more due): the WAL's old copies are gone from the disk.
    assert wait_for(lambda: wal.stat().st_size == 0)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert marker.encode() not in raw


def test_personal_fields_of_an_answer_are_not_stored(
        outbox: Outbox, tmp_path: Path) -> None:
    pan = "588845******4321"
    heard: list[Mapping[str, Any]] = []

    class Payments:
        def deliver(self, entry: OutboxEntry) -> Mapping[str, Any]:
            return {"receipt_number": "RC-1448-001001", "masked_pan": pan,
                    "verification_url": "https://verify.test/payment/RC-1448-001001"}

    (entry,) = enqueue(outbox, 0)
    worker = DeliveryWorker(outbox, Payments(), Connectivity(), backoff=FAST,
                            link_backoff=FAST, idle_poll_s=0.05)
    worker.subscribe_delivered(lambda _e, answer: heard.append(answer))
    worker.start()
    try:
        assert worker.drain(20)
    finally:
        worker.stop()
    done = outbox.get(entry.id)
    assert done.answer == {"receipt_number": "RC-1448-001001",
                           "verification_url": "https://verify.test/payment/RC-1448-001001"}
    assert heard[0]["masked_pan"] == pan  # the listener (the receipt) still gets it
    assert done.server_reference == "RC-1448-001001"


def test_a_failing_listener_does_not_stop_delivery(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    enqueue(outbox, 0, 1)
    worker = make_worker()

    def broken(_entry: OutboxEntry, _answer: Mapping[str, Any]) -> None:
        raise RuntimeError("the screen went away")

    worker.subscribe_delivered(broken)
    worker.start()
    assert worker.drain(20)
    assert deliverer.delivered == [0, 1]


def test_stop_interrupts_a_long_pause(
        outbox: Outbox, deliverer: ScriptedDeliverer,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    deliverer.link_failures = 10**6
    enqueue(outbox, 0)
    worker = make_worker(link_backoff=BackoffPolicy(base_s=3600, cap_s=3600))
    worker.start()
    assert wait_for(lambda: len(deliverer.sent) >= 1)
    worker.stop(timeout_s=20)
    assert not worker.running
    assert outbox.counts()[EntryState.PENDING] == 1


def test_a_full_disk_while_recording_an_answer_loses_nothing(tmp_path: Path) -> None:
    # A real SQLITE_FULL from the outbox's size cap (see test_bad_states): the answer
    # cannot be written, so the entry must stay owed and be re-sent with the same key.
    path = tmp_path / "outbox.sqlite3"
    big_answer = {"transaction_number": "2026-000001", "note": "z" * 100_000}
    sent_keys: list[str] = []

    class BigAnswers:
        def deliver(self, entry: OutboxEntry) -> Mapping[str, Any]:
            sent_keys.append(entry.idempotency_key)
            return big_answer

    with Outbox.open(path, max_size_bytes=48 * 1024) as box:
        (entry,) = enqueue(box, 0)
        worker = DeliveryWorker(box, BigAnswers(), Connectivity(), backoff=FAST,
                                link_backoff=FAST, idle_poll_s=0.05)
        worker.start()
        try:
            assert wait_for(lambda: len(sent_keys) >= 3)
            health = worker.health()
            assert health.status is Status.ERROR
            assert "no space left" in health.summary
            assert worker.running
        finally:
            worker.stop()
        assert set(sent_keys) == {entry.idempotency_key}
        assert box.get(entry.id).state in (EntryState.PENDING, EntryState.IN_FLIGHT)
    with Outbox.open(path) as roomy:  # the technician freed space: delivery completes
        worker = DeliveryWorker(roomy, BigAnswers(), Connectivity(), backoff=FAST,
                                link_backoff=FAST, idle_poll_s=0.05)
        worker.start()
        try:
            assert worker.drain(20)
        finally:
            worker.stop()
        assert roomy.get(entry.id).server_reference == "2026-000001"
    assert set(sent_keys) == {entry.idempotency_key}


def test_closing_the_outbox_under_a_running_worker_stops_it_cleanly(
        tmp_path: Path, deliverer: ScriptedDeliverer) -> None:
    box = Outbox.open(tmp_path / "outbox.sqlite3")
    worker = DeliveryWorker(box, deliverer, Connectivity(), backoff=FAST, link_backoff=FAST,
                            idle_poll_s=0.05)
    worker.start()
    box.close()
    assert wait_for(lambda: not worker.running)
    health = worker.health()  # never raises, even now
    worker.stop()
    assert health.status is Status.ERROR
    assert "closed" in health.summary


def test_log_lines_never_carry_the_beneficiarys_data(
        outbox: Outbox, deliverer: ScriptedDeliverer, caplog: pytest.LogCaptureFixture,
        make_worker: Callable[..., DeliveryWorker]) -> None:
    secrets = ("1000000008", "0551234567", "Secret Beneficiary Name", "بقالة سرية")
    problem = Problem(field="national_id", code="unknown_person",
                      message_ar=f"الهوية {secrets[0]} غير معروفة",
                      message_en=f"ID {secrets[0]} of {secrets[2]} is unknown")
    deliverer.script[0] = [RejectedError("refused", code="application_rejected", status=422,
                                         problems=[problem])]
    deliverer.script[1] = [ServerError(f"upstream failed for {secrets[0]}", status=503),
                           OfflineError(), OfflineError()]
    for n in (0, 1):
        outbox.enqueue("submit_application", {"n": n, "national_id": secrets[0],
                                              "mobile": secrets[1], "name": secrets[2],
                                              "shop_name": secrets[3]})
    caplog.set_level(logging.DEBUG)
    worker = make_worker()
    worker.start()
    assert worker.drain(20)
    raw = "\n".join(
        f"{record.getMessage()} {vars(record)}" for record in caplog.records
        if record.name.startswith("kiosk")) + str(worker.health().as_dict())
    assert "outbox entry refused" in raw  # the lines are there...
    for secret in secrets:
        assert secret not in raw  # ...without anything that identifies the person


def test_after_the_clock_is_set_back_a_waiting_entry_is_not_stranded(
        outbox: Outbox, deliverer: ScriptedDeliverer) -> None:
    """Last run, the kiosk's clock was a day fast and an entry was told to wait 5 minutes.
    Now NTP has set the clock right and the kiosk restarted: it must not wait a day."""
    (entry,) = enqueue(outbox, 0)
    fast_clock_now = 1_800_000_000.0
    assert outbox.claim_next(fast_clock_now, horizon_s=360) is not None
    outbox.release(entry.id, error="ServerError 503", retry_at=fast_clock_now + 300)
    corrected = SchedulingClock(wall=lambda: fast_clock_now - 86_400)
    worker = DeliveryWorker(outbox, deliverer, Connectivity(), backoff=FAST,
                            link_backoff=FAST, idle_poll_s=0.05, clock=corrected)
    worker.start()
    try:
        assert wait_for(lambda: outbox.get(entry.id).state is EntryState.DELIVERED)
    finally:
        worker.stop()
