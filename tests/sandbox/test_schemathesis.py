"""Property-based run of the published OpenAPI document against the running sandbox:
no 5xx, and every answer matches the document (status, content type, body schema).
Bounded to a few generated examples per operation so it stays within seconds.

`positive_data_acceptance` is left out on purpose: a schema-valid application can still
break a business rule (expired lease, unknown transaction), and the contract answers that
with a documented 422/404, not a 2xx.

Generated *hostile* input (lone surrogates, non-ASCII digits, amounts and timestamps of
the wrong JSON type, implausible payment times, deep nesting) has its own properties in
`test_hostile_requests.py`: schemathesis's negative mode, tried, does not produce those.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import positive_data_acceptance

from kiosk.api.client import MunicipalityClient
from sandbox.openapi import document
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.fixtures.sandbox import identify

schema = schemathesis.openapi.from_dict(document())


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_the_sandbox_honours_its_openapi_document(
        case: schemathesis.Case, sandbox: SandboxProcess,
        api_client: MunicipalityClient) -> None:
    headers = {"Authorization": f"Bearer {sandbox.api_key}"}
    if case.headers and "X-Beneficiary-Token" in case.headers:
        headers["X-Beneficiary-Token"] = _token(sandbox, api_client)
    case.call_and_validate(base_url=sandbox.origin, headers=headers,
                           verify=str(sandbox.ca_path), timeout=10,
                           excluded_checks=[positive_data_acceptance])


_tokens: dict[int, str] = {}


def _token(sandbox: SandboxProcess, client: MunicipalityClient) -> str:
    """One beneficiary token per test (the sandbox is reset between tests)."""
    if id(client) not in _tokens:
        _tokens.clear()
        _tokens[id(client)] = identify(sandbox, client, CLEAN).token
    return _tokens[id(client)]
