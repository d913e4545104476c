"""`GET /metrics`: the fleet in Prometheus's text format, for the operators' own Prometheus.

Kiosks cannot be scraped (they sit behind other people's networks), so the municipality
is: one series per kiosk, read from the fleet store (`sandbox.fleet`) by a custom
collector at scrape time, never kept in process memory, so what Prometheus sees is what
the store says however many server processes share it. Labels are the kiosk's id and
the one named per metric (component, paper state); nothing personal ever is one.

A kiosk appears on its first heartbeat: one enrolled but never heard from is not "down",
it is not installed yet (the operators' console lists it). The sessions and completed
journeys of the pilot come from the anonymous journey events, not from here.

The endpoint wants the scrape credential (Prometheus's `authorization` setting, a bearer
token kept in the sandbox's data folder, see `sandbox.__main__`); anything else is 401,
and wrong credentials are limited per client like the admin token.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from sandbox.core import ApiProblem, client_address, sandbox_of, too_many_requests
from sandbox.db import Database
from sandbox.fleet import PAPER_STATES

# Prometheus's text format (0.0.4), which every Prometheus version reads.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
FAILURES = "scrape_failures"  # the rate-limit purpose of wrong scrape credentials

_bearer = HTTPBearer(auto_error=False, description="The scrape credential")
router = APIRouter(include_in_schema=False)


class FleetCollector(Collector):
    """Reads every heard-from kiosk's last heartbeat figures at collection time."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def describe(self) -> list[Metric]:
        return []  # the families depend on the store; nothing to register up front

    def collect(self) -> Iterator[Metric]:
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT f.kiosk_id, k.branch, f.heard_at, f.version, f.in_service, "
                "f.statuses_json, f.paper, f.outbox_pending, f.outbox_oldest_age_s, "
                "f.outbox_dead, f.staff_called, f.api_reachable "
                "FROM fleet f JOIN kiosks k ON k.id = f.kiosk_id WHERE k.active = 1 "
                "ORDER BY f.kiosk_id").fetchall()
        kiosk = ["kiosk_id"]
        info = GaugeMetricFamily("kiosk_info", "The kiosk's branch municipality and "
                                 "software version (always 1)",
                                 labels=["kiosk_id", "branch", "version"])
        heard = GaugeMetricFamily("kiosk_last_heartbeat_timestamp_seconds",
                                  "When the kiosk's last heartbeat arrived (Unix time)",
                                  labels=kiosk)
        serving = GaugeMetricFamily("kiosk_in_service",
                                    "1 while the kiosk serves the public, 0 while it is "
                                    "held out of service", labels=kiosk)
        component = GaugeMetricFamily("kiosk_component_status",
                                      "Each part's health: 0 ok, 1 warning, 2 error",
                                      labels=["kiosk_id", "component"])
        paper = GaugeMetricFamily("kiosk_printer_paper",
                                  "1 for the printer's current paper state "
                                  "(ok, near_end, out, unknown)",
                                  labels=["kiosk_id", "state"])
        pending = GaugeMetricFamily("kiosk_outbox_pending",
                                    "Requests waiting in the kiosk's outbox", labels=kiosk)
        oldest = GaugeMetricFamily("kiosk_outbox_oldest_age_seconds",
                                   "Age of the oldest waiting request (0 when none)",
                                   labels=kiosk)
        dead = GaugeMetricFamily("kiosk_outbox_dead",
                                 "Requests the municipality refused for good, waiting for "
                                 "a technician", labels=kiosk)
        called = GaugeMetricFamily("kiosk_staff_called",
                                   "1 while a beneficiary's call for staff is open",
                                   labels=kiosk)
        reachable = GaugeMetricFamily("kiosk_api_reachable",
                                      "1 while the kiosk reaches the municipality's API "
                                      "(its own connectivity view)", labels=kiosk)
        for row in rows:
            kiosk_id = row["kiosk_id"]
            ids = [kiosk_id]
            info.add_metric([kiosk_id, row["branch"], row["version"]], 1)
            heard.add_metric(ids, row["heard_at"])
            serving.add_metric(ids, row["in_service"])
            for name, level in json.loads(row["statuses_json"]).items():
                component.add_metric([kiosk_id, name], level)
            for state in PAPER_STATES:
                paper.add_metric([kiosk_id, state], 1 if row["paper"] == state else 0)
            for family, column in ((pending, "outbox_pending"),
                                   (oldest, "outbox_oldest_age_s"), (dead, "outbox_dead"),
                                   (called, "staff_called"), (reachable, "api_reachable")):
                if row[column] is not None:
                    family.add_metric(ids, row[column])
        yield from (info, heard, serving, component, paper, pending, oldest, dead, called,
                    reachable)


def fleet_registry(db: Database) -> CollectorRegistry:
    """A registry holding only the fleet's collector (none of the process's own metrics:
    those describe this sandbox, not the kiosks)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FleetCollector(db))
    return registry


def require_scraper(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    sandbox = sandbox_of(request)
    client = client_address(request)
    if sandbox.limits.exhausted(FAILURES, client):
        raise too_many_requests(request, FAILURES)
    given = credentials.credentials if credentials is not None else None
    if given is not None and sandbox.scrape_token and secrets.compare_digest(
            given.encode(), sandbox.scrape_token.encode()):
        return
    sandbox.limits.hit(FAILURES, client)
    raise ApiProblem(401, "scrape_token_invalid", "رمز جمع المقاييس غير صحيح.",
                     "The scrape credential is missing or wrong.",
                     headers={"WWW-Authenticate": "Bearer"})


@router.get("/metrics", dependencies=[Depends(require_scraper)])
def metrics(request: Request) -> Response:
    """The fleet's gauges for Prometheus (bearer scrape credential)."""
    return Response(generate_latest(sandbox_of(request).metrics), media_type=CONTENT_TYPE)
