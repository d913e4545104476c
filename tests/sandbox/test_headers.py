"""Every answer of the running sandbox carries the security headers a government API sends:
JSON, personal data, errors, injected faults, HTML pages; and no server banner."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from kiosk.api.client import MunicipalityClient
from sandbox.runner import SandboxProcess
from sandbox.seed import DEBTOR
from tests.fixtures.sandbox import identify

COMMON = {
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.fixture
def raw(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {sandbox.api_key}"}) as client:
        yield client


def assert_hardened(response: httpx.Response, *, cache: str = "no-store") -> None:
    for name, value in COMMON.items():
        assert response.headers.get(name) == value, name
    assert response.headers.get("cache-control") == cache
    assert "server" not in response.headers
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_public_json_answer(raw: httpx.Client) -> None:
    health = raw.get("/v1/health")
    catalogue = raw.get("/v1/catalogue")
    assert health.status_code == catalogue.status_code == 200
    assert_hardened(health)
    assert_hardened(catalogue, cache="no-cache")  # nothing personal: kept, revalidated
    assert health.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_a_personal_answer_is_never_stored(sandbox: SandboxProcess, raw: httpx.Client,
                                           api_client: MunicipalityClient) -> None:
    token = identify(sandbox, api_client, DEBTOR).token
    licences = raw.get("/v1/me/licences", headers={"X-Beneficiary-Token": token})
    invoices = raw.get("/v1/me/invoices", headers={"X-Beneficiary-Token": token})
    assert licences.status_code == invoices.status_code == 200
    assert_hardened(licences)
    assert_hardened(invoices)


def test_error_answers(sandbox: SandboxProcess, raw: httpx.Client) -> None:
    missing = raw.get("/no/such/thing")
    unauthorised = raw.get("/v1/catalogue", headers={"Authorization": "Bearer wrong"})
    sandbox.admin.set_faults(fail_next=1, fail_status=503)
    injected = raw.get("/v1/health")
    assert (missing.status_code, unauthorised.status_code, injected.status_code) == (
        404, 401, 503)
    for response in (missing, unauthorised, injected):
        assert_hardened(response)


def test_admin_answers(sandbox: SandboxProcess, raw: httpx.Client) -> None:
    faults = raw.get("/admin/faults", headers={"X-Admin-Token": sandbox.admin_token})
    assert faults.status_code == 200
    assert_hardened(faults)


def test_html_pages_get_a_strict_content_security_policy(raw: httpx.Client) -> None:
    for page in (raw.get("/verify/licence/L-1446-000101"), raw.get("/admin/login")):
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert_hardened(page)
        policy = {d.split()[0]: d.split()[1:]
                  for d in page.headers["content-security-policy"].split("; ")}
        assert policy["default-src"] == ["'none'"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "script-src" not in policy  # scripts fall back to default-src 'none'
