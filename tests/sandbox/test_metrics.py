"""`GET /metrics` as the operators' Prometheus reads it: behind the scrape credential, one
series per heard-from kiosk, Prometheus's naming conventions, nothing personal in a label."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.api.schema import ErrorBody
from sandbox.runner import SandboxProcess
from sandbox.seed import DEV_KIOSK_ID, KIOSKS
from tests.sandbox.test_fleet import beat, send

OTHER = next(k for k in KIOSKS if k.id == "AHS-HOF-01")
NAME = re.compile(r"kiosk_[a-z_]+")
LABELS = {"kiosk_id", "component", "state", "branch", "version"}


@pytest.fixture
def scrape(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context(), headers={
            "Authorization": f"Bearer {sandbox.scrape_token}"}) as client:
        yield client


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_the_fleet_is_scraped_one_series_per_kiosk(
        sandbox: SandboxProcess, scrape: httpx.Client) -> None:
    assert samples(scrape.get("/metrics").text) == {}  # nobody heard from yet
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {sandbox.api_key}"}) as dev, \
            httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                         headers={"Authorization": f"Bearer {OTHER.key}"}) as other:
        send(dev, beat())
        send(other, beat(OTHER.id, in_service=False, components=[
            {"component": "printer", "status": "error", "summary": "printer is out of paper",
             "details": {"state": "paper out"}},
            {"component": "assistance", "status": "warning", "summary": "staff called",
             "details": {"staff_called": True, "screen": "pay"}},
            {"component": "terminal", "status": "error", "summary": "not answering"}]),
             OTHER.id)
    response = scrape.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    found = samples(response.text)

    def value(name: str, kiosk: str, **labels: str) -> float:
        return found[(name, tuple(sorted({"kiosk_id": kiosk, **labels}.items())))]

    assert value("kiosk_in_service", DEV_KIOSK_ID) == 1
    assert value("kiosk_in_service", OTHER.id) == 0
    assert value("kiosk_component_status", DEV_KIOSK_ID, component="printer") == 1
    assert value("kiosk_component_status", OTHER.id, component="terminal") == 2
    assert value("kiosk_printer_paper", DEV_KIOSK_ID, state="near_end") == 1
    assert value("kiosk_printer_paper", DEV_KIOSK_ID, state="ok") == 0
    assert value("kiosk_printer_paper", OTHER.id, state="out") == 1
    assert value("kiosk_outbox_pending", DEV_KIOSK_ID) == 1
    assert value("kiosk_outbox_oldest_age_seconds", DEV_KIOSK_ID) == 4.5
    assert value("kiosk_outbox_dead", DEV_KIOSK_ID) == 0
    assert value("kiosk_api_reachable", DEV_KIOSK_ID) == 1
    assert value("kiosk_staff_called", OTHER.id) == 1
    assert value("kiosk_info", OTHER.id, branch="hofuf", version="0.1.0") == 1
    heard = value("kiosk_last_heartbeat_timestamp_seconds", DEV_KIOSK_ID)
    assert heard > 1.7e9  # Unix seconds, Prometheus's `time()` scale
    # A kiosk without an outbox in its snapshot has no outbox series (not a made-up 0).
    assert ("kiosk_outbox_pending", (("kiosk_id", OTHER.id),)) not in found
    # Naming conventions, and labels that say which kiosk and part, never who.
    for name, labels in found:
        assert NAME.fullmatch(name), name
        assert {label for label, _ in labels} <= LABELS, (name, labels)
    kiosks = {dict(labels)["kiosk_id"] for _, labels in found}
    assert kiosks == {DEV_KIOSK_ID, OTHER.id}


def test_the_endpoint_wants_the_scrape_credential(sandbox: SandboxProcess) -> None:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context()) as anonymous:
        missing = anonymous.get("/metrics")
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"] == "Bearer"
        assert ErrorBody.model_validate_json(missing.content).code == "scrape_token_invalid"
        # Neither the kiosk's key nor the admin token opens it.
        for wrong in (sandbox.api_key, sandbox.admin_token):
            assert anonymous.get("/metrics", headers={
                "Authorization": f"Bearer {wrong}"}).status_code == 401
        # Guessing is limited like the admin token: then even the right one waits.
        statuses = [anonymous.get("/metrics", headers={"Authorization": "Bearer guess"})
                    .status_code for _ in range(6)]
        assert statuses[-1] == 429
        limited = anonymous.get("/metrics", headers={
            "Authorization": f"Bearer {sandbox.scrape_token}"})
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
