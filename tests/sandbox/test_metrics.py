"""`GET /metrics` as the operators' Prometheus reads it: behind the scrape credential, one
series per heard-from kiosk, Prometheus's naming conventions, nothing personal in a label."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import ErrorBody, JourneyEvent, JourneyEvents
from kiosk.domain.pilot import EventKind, Journey, JourneyStep
from sandbox.runner import SandboxProcess
from sandbox.seed import DEV_KIOSK_ID, KIOSKS
from tests.fixtures.sandbox import settings_for
from tests.sandbox.test_fleet import beat, send

OTHER = next(k for k in KIOSKS if k.id == "AHS-HOF-01")
NAME = re.compile(r"kiosk_[a-z_]+")
LABELS = {"kiosk_id", "component", "state", "branch", "version", "journey"}


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


def test_sessions_and_completed_journeys_are_counters_from_the_pilots_counts(
        sandbox: SandboxProcess, scrape: httpx.Client) -> None:
    def event(kind: EventKind, journey: Journey | None = None,
              step: JourneyStep | None = None) -> JourneyEvent:
        return JourneyEvent(kind=kind, journey=journey, step=step)

    paid = [event(EventKind.SESSION_STARTED), event(EventKind.JOURNEY_CHOSEN, Journey.PAY),
            event(EventKind.COMPLETED, Journey.PAY)]
    tracked = [event(EventKind.SESSION_STARTED), event(EventKind.JOURNEY_CHOSEN, Journey.TRACK),
               event(EventKind.STEP_REACHED, Journey.TRACK, JourneyStep.NUMBER),
               event(EventKind.COMPLETED, Journey.TRACK)]
    day = date.fromisoformat(sandbox.admin.pilot()["to"])
    with MunicipalityClient(settings_for(sandbox, api_key=OTHER.key)) as kiosk:
        key = str(uuid.uuid4())
        kiosk.record_events(OTHER.id, JourneyEvents(day=day, events=paid), key)
        # The outbox's retry of the same batch: counted once, here as on the pilot page.
        kiosk.record_events(OTHER.id, JourneyEvents(day=day, events=paid), key)
        kiosk.record_events(OTHER.id, JourneyEvents(day=day, events=tracked), str(uuid.uuid4()))
    # Only kiosks that have called in have series, as for every other metric.
    assert OTHER.id not in scrape.get("/metrics").text
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {OTHER.key}"}) as other, \
            httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                         headers={"Authorization": f"Bearer {sandbox.api_key}"}) as dev:
        send(other, beat(OTHER.id), OTHER.id)
        send(dev, beat())
    text = scrape.get("/metrics").text
    assert "# TYPE kiosk_sessions_total counter" in text
    assert "# TYPE kiosk_journeys_completed_total counter" in text
    found = samples(text)
    assert found[("kiosk_sessions_total", (("kiosk_id", OTHER.id),))] == 2
    completed = {dict(labels)["journey"]: value for (name, labels), value in found.items()
                 if name == "kiosk_journeys_completed_total"
                 and dict(labels)["kiosk_id"] == OTHER.id}
    assert completed == {"pay": 1, "track": 1, "issue": 0, "licences": 0}
    # A kiosk with no use yet counts from 0 (so the first completion shows in increase()).
    assert found[("kiosk_sessions_total", (("kiosk_id", DEV_KIOSK_ID),))] == 0
    assert found[("kiosk_journeys_completed_total",
                  (("journey", "pay"), ("kiosk_id", DEV_KIOSK_ID)))] == 0
    # The same figures as the pilot's own report: one source.
    report = sandbox.admin.pilot()
    assert report["sessions"] == 2


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
