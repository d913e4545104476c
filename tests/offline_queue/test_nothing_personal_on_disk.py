"""Issue 15: after delivery, nothing personal is left in any file under the data folder.

A real beneficiary (seeded CLEAN, identified by the real OTP round trip) applies through
the real issue flow, a real outbox file and its delivery worker, against the sandbox over
HTTPS. Every file under the kiosk's data folder (outbox db, -wal, -shm, catalogue cache,
and a log file fed by the kiosk's own JSON formatter) is read as raw bytes and searched
for each personal value, in UTF-8 (the Arabic shop name and name included):
- while the municipality is unreachable, the values may sit only in the pending entry;
- once delivered, nowhere, with the worker still running and after it stopped;
- the bearer token, the ID number, the registered mobile and the name: never, at all.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import LicenceKind
from kiosk.catalogue import CatalogueCache
from kiosk.config import KioskIdentity
from kiosk.devices.printer.receipt import Receipt
from kiosk.domain.session import Session
from kiosk.flows.base import InlineRunner
from kiosk.flows.issue import IssueFlow, IssueStep
from kiosk.logs import JsonFormatter
from kiosk.offline_queue import BackoffPolicy, Connectivity, DeliveryWorker, EntryState, Outbox
from kiosk.offline_queue.deliverer import ClientDeliverer
from kiosk.offline_queue.store import default_path
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.fixtures.sandbox import identify

# Distinctive values the beneficiary types (the CR and lease must be CLEAN's own: the
# municipality checks them); each is searched for in every file.
SHOP_NAME = "خياط الواحة الفريد ٧٣٩١"
CONTACT_MOBILE = "0559871234"
ANSWERS = {
    "shop_name": SHOP_NAME, "cr_number": "2250000011", "lease_number": "10000000011",
    "district": "hofuf-kut", "activity": "tailor", "area_m2": "45",
    "contact_mobile": CONTACT_MOBILE,
}
FAST = BackoffPolicy(base_s=0.02, cap_s=0.1, jitter=0.0)


class PaperlessPrinter:
    """Receipts are not the subject here (they go to paper, not to the data folder)."""

    def print_receipt(self, receipt: Receipt) -> object:
        return None


class Kiosk:
    """The kiosk's parts that write under `storage.data_dir`, wired as the app does."""

    def __init__(self, sandbox: SandboxProcess, client: MunicipalityClient,
                 data_dir: Path) -> None:
        self.sandbox = sandbox
        self.client = client
        self.data_dir = data_dir
        data_dir.mkdir(mode=0o700)
        self.log = logging.FileHandler(data_dir / "kiosk.log", encoding="utf-8")
        self.log.setFormatter(JsonFormatter())
        logging.getLogger().addHandler(self.log)
        self.outbox = Outbox.open(default_path(data_dir), reference_prefix="AHS-DEV-01")
        self.worker = DeliveryWorker(self.outbox, ClientDeliverer(client), Connectivity(),
                                     backoff=FAST, link_backoff=FAST, idle_poll_s=0.05)
        self.session = Session()
        self.flow = IssueFlow(
            client, CatalogueCache(client, data_dir / "catalogue.json"), self.outbox,
            PaperlessPrinter(), InlineRunner(), session=self.session, kiosk=KioskIdentity(),
            verification_url=lambda ref: f"https://verify.test/transaction/{ref}",
            wait_s=1.0)

    def identify(self) -> str:
        token = identify(self.sandbox, self.client, CLEAN)
        self.session.national_id, self.session.mobile = CLEAN.national_id, CLEAN.mobile
        self.session.token = token.token
        self.session.name_ar, self.session.name_en = token.name_ar, token.name_en
        return token.token

    def apply(self) -> None:
        """Type, check, confirm: everything up to the Submit button."""
        flow = self.flow
        flow.start()
        flow.choose_type(LicenceKind.PROFESSIONAL)
        while flow.step is IssueStep.FORM:
            question = flow.question
            assert question is not None
            flow.continue_page(ANSWERS.get(question.name, ""))
        assert flow.step is IssueStep.CHECK, flow.problems
        flow.confirm_answers()

    def close(self) -> None:
        if self.outbox.closed:
            return
        self.worker.stop()
        self.outbox.close()
        logging.getLogger().removeHandler(self.log)
        self.log.close()


@pytest.fixture
def kiosk(sandbox: SandboxProcess, api_client: MunicipalityClient,
          tmp_path: Path) -> Iterator[Kiosk]:
    made = Kiosk(sandbox, api_client, tmp_path / "kiosk-data")
    made.worker.start()
    yield made
    made.close()


def hits(data_dir: Path, values: list[str]) -> dict[str, list[str]]:
    """For each value, the files under `data_dir` whose raw bytes contain it (UTF-8)."""
    found: dict[str, list[str]] = {}
    files = [p for p in sorted(data_dir.rglob("*")) if p.is_file()]
    assert files, "nothing written under the data folder?"
    for path in files:
        raw = path.read_bytes()
        for value in values:
            if value.encode() in raw:
                found.setdefault(value, []).append(path.name)
    return found


def eventually_clean(data_dir: Path, values: list[str], timeout_s: float = 10.0) -> dict[
        str, list[str]]:
    """The worker truncates the WAL when its batch is done: give it that moment."""
    pause = threading.Event()
    found = hits(data_dir, values)
    for _ in range(int(timeout_s / 0.05)):
        if not found:
            break
        pause.wait(0.05)
        found = hits(data_dir, values)
    return found


def personal_values(kiosk: Kiosk, token: str) -> tuple[list[str], list[str]]:
    """(what the application carries, what must never reach the disk at all)."""
    typed = [SHOP_NAME, CONTACT_MOBILE, ANSWERS["cr_number"], ANSWERS["lease_number"]]
    never = [token, CLEAN.national_id, CLEAN.mobile, kiosk.session.name_ar or "?",
             kiosk.session.name_en or "?"]
    return typed, never


def rows_holding(outbox_path: Path, value: str) -> list[tuple[int, str]]:
    """(id, state) of outbox rows whose stored text contains `value` (a second reader)."""
    conn = sqlite3.connect(outbox_path)
    try:
        return [(row[0], row[1]) for row in conn.execute(
            "SELECT id, state FROM entries WHERE instr(coalesce(payload, '') ||"
            " coalesce(answer, '') || coalesce(last_error, ''), ?) > 0", [value])]
    finally:
        conn.close()


def test_a_delivered_application_leaves_nothing_personal_on_disk(kiosk: Kiosk) -> None:
    token = kiosk.identify()
    typed, never = personal_values(kiosk, token)
    kiosk.apply()
    kiosk.flow.submit()
    assert kiosk.flow.step is IssueStep.CONFIRMED
    assert kiosk.worker.drain(20)
    assert eventually_clean(kiosk.data_dir, typed + never) == {}
    kiosk.close()  # shutdown adds nothing back
    assert hits(kiosk.data_dir, typed + never) == {}


def test_offline_the_values_sit_only_in_the_pending_entry_and_leave_on_delivery(
        kiosk: Kiosk) -> None:
    token = kiosk.identify()
    typed, never = personal_values(kiosk, token)
    kiosk.apply()
    # The municipality fails every request before running it: nothing can be delivered.
    kiosk.sandbox.admin.set_faults(fail_next=1000, fail_status=503)
    kiosk.flow.submit()
    assert kiosk.flow.step is IssueStep.PROVISIONAL
    entry = kiosk.flow.entry
    assert entry is not None
    assert kiosk.outbox.get(entry.id).state in (EntryState.PENDING, EntryState.IN_FLIGHT)
    outbox_files = {p.name for p in kiosk.data_dir.iterdir()
                    if p.name.startswith("outbox.sqlite3")}
    waiting = hits(kiosk.data_dir, typed + never)
    # The owed request is kept (in the outbox's files only, in that one entry)...
    assert set(waiting) == set(typed)
    assert all(set(files) <= outbox_files for files in waiting.values())
    for value in typed:
        assert [row_id for row_id, _ in rows_holding(default_path(kiosk.data_dir), value)] \
            == [entry.id]
    # ...but never the token, the ID, the registered mobile or the name.
    assert not set(waiting) & set(never)

    kiosk.sandbox.admin.set_faults()  # the municipality is back
    kiosk.worker.retry_now()
    assert kiosk.worker.drain(30)
    assert kiosk.outbox.get(entry.id).state is EntryState.DELIVERED
    assert eventually_clean(kiosk.data_dir, typed + never) == {}
    kiosk.close()
    assert hits(kiosk.data_dir, typed + never) == {}


def test_a_kiosk_killed_before_truncating_is_clean_after_its_next_start(
        kiosk: Kiosk) -> None:
    # Delivered, but the process died before its end-of-batch WAL truncation: the old
    # page copies are in the WAL. The next start sweeps and truncates before anything else.
    token = kiosk.identify()
    typed, never = personal_values(kiosk, token)
    kiosk.worker.stop()
    kiosk.apply()
    kiosk.flow.submit()  # stored; no worker running, so still pending
    entry = kiosk.flow.entry
    assert entry is not None
    claimed = kiosk.outbox.claim_next(0, horizon_s=60)
    assert claimed is not None
    answer = kiosk.client.send(claimed.kind, dict(claimed.payload or {}),
                               claimed.idempotency_key)
    kiosk.outbox.mark_delivered(claimed.id, answer, answer["transaction_number"])
    path = default_path(kiosk.data_dir)
    assert hits(kiosk.data_dir, typed)  # still in the WAL's older frames
    snapshot = {p.name: p.read_bytes() for p in kiosk.data_dir.iterdir()
                if p.name.startswith("outbox.sqlite3")}
    kiosk.close()
    for name, raw in snapshot.items():  # the files as the power cut left them
        (kiosk.data_dir / name).write_bytes(raw)
    with Outbox.open(path) as reopened:
        assert reopened.get(entry.id).state is EntryState.DELIVERED
        assert hits(kiosk.data_dir, typed + never) == {}
