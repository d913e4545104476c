"""The sandbox as operators and test authors meet it: the committed OpenAPI document, the
admin surface, bad requests, the SMS outbox page, start-up failures."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.api.schema import ErrorBody
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.openapi import DEFAULT_PATH, document
from sandbox.runner import SandboxError, SandboxProcess
from sandbox.seed import CLEAN


def test_committed_openapi_document_is_current() -> None:
    committed = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(document())), (
        "docs/openapi.json is stale: run `python -m sandbox.openapi`")


def test_every_operation_documents_the_error_shape() -> None:
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            assert "422" in operation["responses"], f"{method} {path}"
            assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"}


@pytest.fixture
def raw(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {sandbox.api_key}"}) as client:
        yield client


@pytest.mark.parametrize(("content", "headers"), [
    (b"\xff\xfe garbage", {"Idempotency-Key": str(uuid.uuid4())}),
    (b'{"national_id": "1"}', {"Idempotency-Key": str(uuid.uuid4())}),
    (json.dumps({"national_id": CLEAN.national_id, "mobile": CLEAN.mobile}).encode(), {}),
    (json.dumps({"national_id": CLEAN.national_id, "mobile": CLEAN.mobile}).encode(),
     {"Idempotency-Key": "not-a-uuid"}),
])
def test_bad_requests_get_the_one_error_shape(raw: httpx.Client, content: bytes,
                                              headers: dict[str, str]) -> None:
    response = raw.post("/identity/otp", content=content,
                        headers={**headers, "Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    body = ErrorBody.model_validate_json(response.content)
    assert body.message_ar
    assert body.message_en


def test_unknown_paths_and_methods_use_the_error_shape(raw: httpx.Client) -> None:
    missing = raw.get("/no/such/thing")
    wrong_method = raw.delete("/catalogue")
    assert missing.status_code == 404
    assert ErrorBody.model_validate_json(missing.content).code == "not_found"
    assert wrong_method.status_code == 405
    assert "GET" in wrong_method.headers["allow"]


def test_admin_needs_the_admin_token(sandbox: SandboxProcess) -> None:
    with httpx.Client(verify=sandbox.ssl_context()) as browser:
        refused = browser.put(f"{sandbox.origin}/admin/faults", json={"fail_next": 5},
                              headers={"X-Admin-Token": "guess"})
        kiosk_key = browser.get(f"{sandbox.origin}/admin/sms",
                                headers={"Authorization": f"Bearer {sandbox.api_key}"})
    assert refused.status_code == 401
    assert kiosk_key.status_code == 401
    assert sandbox.admin.faults().fail_next == 0


def test_sms_outbox_page_shows_arabic_messages(sandbox: SandboxProcess) -> None:
    with httpx.Client(verify=sandbox.ssl_context()) as browser:
        browser.post(f"{sandbox.origin}/admin/login", data={"token": sandbox.admin_token})
        page = browser.get(f"{sandbox.origin}/admin/sms.html")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text or "dir='rtl'" in page.text
    assert "أمانة الأحساء" in page.text


def test_reset_returns_to_the_seeded_state(sandbox: SandboxProcess) -> None:
    sandbox.admin.advance_clock(hours=48)
    sandbox.admin.set_faults(latency_ms=10, fail_next=3)
    sandbox.admin.reset()
    assert sandbox.admin.faults().fail_next == 0
    transactions = {r["number"]: r for r in sandbox.admin.records("transactions")}
    assert transactions["1447-000101"]["status"] == "received"


def test_a_taken_port_is_a_clear_start_failure(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(SandboxError) as failed:
            SandboxProcess(tmp_path / "sb", port=port).start()
    assert "cannot listen" in str(failed.value)


def test_a_restart_keeps_the_ca_and_the_data(sandbox: SandboxProcess) -> None:
    ca_before = sandbox.ca_path.read_bytes()
    sandbox.admin.set_flag(HOME_BUILDING_FLAG, True)
    sandbox.restart()
    assert sandbox.ca_path.read_bytes() == ca_before
    flags = httpx.get(f"{sandbox.origin}/admin/flags", verify=sandbox.ssl_context(),
                      headers={"X-Admin-Token": sandbox.admin_token}).json()
    assert flags == {HOME_BUILDING_FLAG: True}
