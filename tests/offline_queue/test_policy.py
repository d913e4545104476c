"""The verdict table: which failures wait for the link, retry, or park an entry as dead."""

from __future__ import annotations

import pytest

from kiosk.api.errors import (
    AuthError,
    MalformedResponseError,
    NotFoundError,
    OfflineError,
    RejectedError,
    ServerError,
    TlsError,
)
from kiosk.api.schema import Problem
from kiosk.offline_queue.errors import UndeliverableError
from kiosk.offline_queue.policy import Verdict, classify, describe, is_link_error


@pytest.mark.parametrize(("error", "verdict"), [
    (OfflineError(), Verdict.LINK_DOWN),
    (TlsError(), Verdict.LINK_DOWN),
    (AuthError(status=401), Verdict.BLOCKED),
    (RejectedError(status=422), Verdict.DEAD),
    (RejectedError(status=429, code="too_many_requests"), Verdict.RETRY),
    (NotFoundError(status=404), Verdict.DEAD),
    (UndeliverableError("kind unknown"), Verdict.DEAD),
    (ServerError(status=503, retryable=True), Verdict.RETRY),
    (MalformedResponseError(retryable=True), Verdict.RETRY),
    (KeyError("a bug"), Verdict.RETRY),
])
def test_verdicts(error: Exception, verdict: Verdict) -> None:
    assert classify(error) is verdict
    assert is_link_error(error) is (verdict is Verdict.LINK_DOWN)


def test_a_rejection_is_described_with_its_codes_for_the_technician() -> None:
    error = RejectedError(code="invalid_application", status=422, problems=[
        Problem(field="lease_number", code="lease_expired", message_ar="...", message_en="..."),
        Problem(field=None, code="unpaid_invoices", message_ar="...", message_en="..."),
    ])
    text = describe(error)
    assert text.startswith("rejected (invalid_application)")
    assert "lease_number: lease_expired" in text
    assert "request: unpaid_invoices" in text
    assert describe(ServerError(status=503, code="unavailable")).startswith(
        "ServerError 503 (unavailable)")
