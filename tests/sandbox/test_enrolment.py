"""Enrolment codes on the sandbox, as an operator issues them and a kiosk spends them: once,
before they expire, unless revoked; the key they give opens the API, the one they replace
no longer does; every refusal is one error body (never a 500); guessing is rate limited;
the database keeps only hashes."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest
from limits import parse

from kiosk.api.schema import (
    Branch,
    EnrolmentCodeOrder,
    EnrolmentGrant,
    ErrorBody,
    IssuedEnrolmentCode,
)
from kiosk.api.tls import certificate_sha256
from sandbox.ratelimit import ENROLMENT_LIMIT
from sandbox.runner import SandboxProcess
from sandbox.seed import DEMO_KIOSK

ORDER = EnrolmentCodeOrder(kiosk_id="AHS-MUB-07", branch=Branch.MUBARRAZ,
                           location_ar="مجمع المبرز", location_en="Al-Mubarraz mall",
                           valid_hours=2)


@pytest.fixture
def public(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    """A kiosk with no key yet."""
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context()) as client:
        yield client


def _refusal(response: httpx.Response) -> str:
    assert response.status_code == 422, response.text
    body = ErrorBody.model_validate_json(response.content)
    assert body.message_ar
    assert body.message_en
    return body.code


def test_a_code_gives_its_kiosk_identity_and_a_key_that_opens_the_api(
        sandbox: SandboxProcess, public: httpx.Client) -> None:
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    # The pairing data: this server's API and the SHA-256 of the CA it serves under.
    assert issued.server == sandbox.base_url
    assert issued.ca_sha256 == certificate_sha256(_ca_der(sandbox))
    assert issued.command == (f"kiosk enrol --server {sandbox.base_url} --code {issued.code} "
                              f"--ca-sha256 {issued.ca_sha256}")

    answer = public.post("/enrolment", json={"code": issued.code})
    assert answer.status_code == 201, answer.text
    grant = EnrolmentGrant.model_validate_json(answer.content)
    assert (grant.kiosk_id, grant.branch, grant.location_ar, grant.location_en) == (
        "AHS-MUB-07", Branch.MUBARRAZ, "مجمع المبرز", "Al-Mubarraz mall")
    catalogue = public.get("/catalogue", headers={"Authorization": f"Bearer {grant.api_key}"})
    assert catalogue.status_code == 200

    # Spent: the second exchange of the same code is refused, and gives no key.
    assert _refusal(public.post("/enrolment", json={"code": issued.code})) == \
        "enrolment_code_used"

    # Only hashes are kept: neither the code nor the key is in the database.
    stored = repr(sandbox.admin.records("enrolment_codes")) + repr(
        sandbox.admin.records("kiosks"))
    assert issued.code not in stored
    assert grant.api_key not in stored


def _ca_der(sandbox: SandboxProcess) -> bytes:
    return ssl.PEM_cert_to_DER_cert(sandbox.ca_path.read_text(encoding="ascii"))


def test_enrolling_a_known_kiosk_again_retires_its_old_key(
        sandbox: SandboxProcess, public: httpx.Client) -> None:
    old = {"Authorization": f"Bearer {DEMO_KIOSK.key}"}
    assert public.get("/catalogue", headers=old).status_code == 200
    issued = sandbox.admin.issue_enrolment_code(ORDER.model_copy(update={
        "kiosk_id": DEMO_KIOSK.id, "branch": Branch(DEMO_KIOSK.branch)}))
    grant = EnrolmentGrant.model_validate_json(
        public.post("/enrolment", json={"code": issued.code}).content)
    assert public.get("/catalogue", headers=old).status_code == 401
    new = {"Authorization": f"Bearer {grant.api_key}"}
    assert public.get("/catalogue", headers=new).status_code == 200


def test_an_expired_code_is_refused(sandbox: SandboxProcess, public: httpx.Client) -> None:
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    sandbox.admin.advance_clock(hours=3)
    assert _refusal(public.post("/enrolment", json={"code": issued.code})) == \
        "enrolment_code_expired"


def test_a_revoked_code_is_refused_and_only_unused_codes_can_be_revoked(
        sandbox: SandboxProcess, public: httpx.Client) -> None:
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    sandbox.admin.revoke_enrolment_code(issued.code_id)
    assert _refusal(public.post("/enrolment", json={"code": issued.code})) == \
        "enrolment_code_revoked"

    used = sandbox.admin.issue_enrolment_code(ORDER)
    assert public.post("/enrolment", json={"code": used.code}).status_code == 201
    with httpx.Client(base_url=f"{sandbox.origin}/admin", verify=sandbox.ssl_context(),
                      headers={"X-Admin-Token": sandbox.admin_token}) as admin:
        late = admin.post(f"/enrolment-codes/{used.code_id}/revoke")
        unknown = admin.post("/enrolment-codes/0000000000000000/revoke")
    assert (late.status_code, ErrorBody.model_validate_json(late.content).code) == (
        409, "enrolment_code_used")
    assert (unknown.status_code, ErrorBody.model_validate_json(unknown.content).code) == (
        404, "enrolment_code_not_found")


@pytest.mark.parametrize(("body", "code"), [
    ({"code": "0000-0000-0000"}, "enrolment_code_invalid"),
    ({"code": "not a code"}, "invalid_request"),
    ({"code": 12}, "invalid_request"),
    ({}, "invalid_request"),
])
def test_a_wrong_code_gets_one_clear_refusal(public: httpx.Client, body: dict[str, object],
                                             code: str) -> None:
    assert _refusal(public.post("/enrolment", json=body)) == code


def test_only_an_admin_issues_codes(sandbox: SandboxProcess, public: httpx.Client) -> None:
    response = public.post(f"{sandbox.origin}/admin/enrolment-codes",
                           json=ORDER.model_dump(mode="json"),
                           headers={"Authorization": f"Bearer {DEMO_KIOSK.key}"})
    assert response.status_code == 401
    assert sandbox.admin.records("enrolment_codes") == []


def test_guessing_codes_is_rate_limited_per_client(sandbox: SandboxProcess) -> None:
    transport = httpx.HTTPTransport(verify=sandbox.ssl_context(), local_address="127.0.0.3")
    allowed = parse(ENROLMENT_LIMIT).amount
    with httpx.Client(base_url=sandbox.base_url, transport=transport) as guesser:
        answers = [guesser.post("/enrolment", json={"code": f"0000-0000-{n:04d}"})
                   for n in range(allowed + 1)]
    assert {a.status_code for a in answers[:allowed]} == {422}
    limited = answers[allowed]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert ErrorBody.model_validate_json(limited.content).code == "too_many_requests"


def test_the_issued_code_reads_as_the_contract_says(sandbox: SandboxProcess) -> None:
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    assert IssuedEnrolmentCode.model_validate(issued.model_dump())
    groups = issued.code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert not set(issued.code) & set("ILOU")
