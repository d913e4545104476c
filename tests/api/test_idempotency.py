"""Idempotency under the repeats the offline queue will make: concurrent, after a server
failure, after a dropped connection, after a garbled answer, after a restart."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import MalformedResponseError, OfflineError, RejectedError, ServerError
from kiosk.api.schema import ApplicationDraft, LicenceKind, Payment, PaymentReceipt
from kiosk.config import ApiSettings
from kiosk.domain.payment import CardScheme
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.fixtures.sandbox import identify, settings_for

INVOICE = "INV-1447-000501"  # OWNER's unpaid 200.00 SAR renewal fee
AMOUNT = 20_000


def payment(reference: str = "T-42") -> Payment:
    return Payment(amount_halalas=AMOUNT, approval_code="Z9Y8X7", masked_pan="400000******0002",
                   scheme=CardScheme.VISA, terminal_reference=reference,
                   paid_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def payments_for(sandbox: SandboxProcess, invoice: str = INVOICE) -> list[dict[str, object]]:
    return [p for p in sandbox.admin.records("payments") if p["invoice_number"] == invoice]


@pytest.fixture
def single_shot(api_settings: ApiSettings) -> Iterator[MunicipalityClient]:
    """A client that never retries, so the test sees the first failure itself."""
    with MunicipalityClient(api_settings, max_attempts=1) as client:
        yield client


def test_concurrent_repeats_pay_once_and_all_get_the_same_receipt(
        api_settings: ApiSettings, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    clients = [MunicipalityClient(api_settings) for _ in range(8)]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            receipts = list(pool.map(
                lambda c: c.record_payment(INVOICE, payment(), key), clients))
    finally:
        for client in clients:
            client.close()
    assert len({r.receipt_number for r in receipts}) == 1
    assert len(payments_for(sandbox)) == 1
    assert len(sandbox.admin.sms(kind="payment")) == 1


def test_repeat_after_a_server_failure_runs_the_request_once(
        single_shot: MunicipalityClient, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    sandbox.admin.set_faults(fail_next=1, fail_status=500)
    with pytest.raises(ServerError) as failed:
        single_shot.record_payment(INVOICE, payment(), key)
    assert failed.value.retryable  # keyed, so safe to repeat
    assert payments_for(sandbox) == []
    receipt = single_shot.record_payment(INVOICE, payment(), key)
    assert receipt.amount_halalas == AMOUNT
    assert len(payments_for(sandbox)) == 1


def test_the_client_retries_a_keyed_request_through_a_503(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    sandbox.admin.set_faults(fail_next=1, fail_status=503)
    receipt = api_client.record_payment(INVOICE, payment(), str(uuid.uuid4()))
    assert receipt.invoice_number == INVOICE
    assert sandbox.admin.faults().fail_next == 0


def test_an_unkeyed_read_is_not_retried_past_a_500(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    sandbox.admin.set_faults(fail_next=2, fail_status=500)
    with pytest.raises(ServerError) as failed:
        api_client.transaction("1447-000101")
    assert failed.value.status == 500
    assert sandbox.admin.faults().fail_next == 1  # exactly one request reached the server


def test_dropped_connection_after_commit_then_repeat_replays(
        single_shot: MunicipalityClient, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    sandbox.admin.set_faults(drop_next=1)
    with pytest.raises(OfflineError) as dropped:
        single_shot.record_payment(INVOICE, payment(), key)
    assert dropped.value.retryable
    assert len(payments_for(sandbox)) == 1  # the server did the work
    receipt = single_shot.record_payment(INVOICE, payment(), key)
    assert receipt.receipt_number == payments_for(sandbox)[0]["receipt_number"]
    assert len(payments_for(sandbox)) == 1


def test_default_client_recovers_from_a_drop_transparently(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    sandbox.admin.set_faults(drop_next=1)
    receipt = api_client.record_payment(INVOICE, payment(), str(uuid.uuid4()))
    assert [p["receipt_number"] for p in payments_for(sandbox)] == [receipt.receipt_number]


def test_garbled_answer_is_a_typed_error_and_the_repeat_is_readable(
        single_shot: MunicipalityClient, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    sandbox.admin.set_faults(malformed_next=1)
    with pytest.raises(MalformedResponseError) as garbled:
        single_shot.record_payment(INVOICE, payment(), key)
    assert garbled.value.retryable
    assert isinstance(single_shot.record_payment(INVOICE, payment(), key), PaymentReceipt)
    token = identify(sandbox, single_shot, CLEAN).token
    sandbox.admin.set_faults(malformed_next=1)
    with pytest.raises(MalformedResponseError) as unkeyed:  # a POST without a key
        single_shot.validate_application(token, ApplicationDraft(
            licence_type=LicenceKind.HEALTH, answers={}))
    assert not unkeyed.value.retryable


def test_same_key_with_a_different_body_is_refused(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    api_client.record_payment(INVOICE, payment("T-1"), key)
    with pytest.raises(RejectedError) as reused:
        api_client.record_payment(INVOICE, payment("T-2"), key)
    assert reused.value.code == "idempotency_key_reused"
    assert reused.value.status == 422
    assert len(payments_for(sandbox)) == 1


def test_a_refusal_is_replayed_too(api_client: MunicipalityClient) -> None:
    key = str(uuid.uuid4())
    wrong = payment().model_copy(update={"amount_halalas": 1})
    for _ in range(2):
        with pytest.raises(RejectedError) as refused:
            api_client.record_payment(INVOICE, wrong, key)
        assert refused.value.code == "amount_mismatch"


def test_keys_are_per_kiosk(api_settings: ApiSettings, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    other = settings_for(sandbox, api_key="sandbox-kiosk-key-AHS-MUB-01")
    with MunicipalityClient(api_settings) as first, MunicipalityClient(other) as second:
        first.record_payment(INVOICE, payment(), key)
        with pytest.raises(RejectedError) as refused:
            second.record_payment(INVOICE, payment(), key)
    assert refused.value.code == "invoice_already_paid"


def test_repeat_after_a_server_restart_replays_the_stored_answer(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    key = str(uuid.uuid4())
    first = api_client.record_payment(INVOICE, payment(), key)
    sandbox.restart()
    again = api_client.record_payment(INVOICE, payment(), key)
    assert again == first
    assert len(payments_for(sandbox)) == 1
