"""`GET /metrics`: the fleet in Prometheus's text format, for the operators' own Prometheus.

Kiosks cannot be scraped (they sit behind other people's networks), so the municipality
is: one series per kiosk, with the kiosk's id and the one label named per metric
(component, paper state) and nothing personal in any label.

Each kiosk's series are written when its heartbeat arrives, by prometheus-client (a
custom collector, `KioskCollector`, over that heartbeat's figures, through
`generate_latest`), and kept with the heartbeat in the fleet store; a scrape reads the
store and lays every kiosk's lines under each family's HELP and TYPE. Writing them at
scrape time instead cost prometheus-client about 9 µs a series: 140 ms (200 ms under
load) for the 16,000 series of 1,000 kiosks, against about 15 ms this way.
What Prometheus sees is the store's, however many server processes share it.

A kiosk appears on its first heartbeat: one enrolled but never heard from is not "down",
it is not installed yet. Its sessions and completed journeys (`kiosk_sessions_total`,
`kiosk_journeys_completed_total{journey}`) are counters read at scrape time from the
pilot's counts (`sandbox.pilot.totals` over `pilot_counts`, the one store of those
figures, fed by the anonymous journey events through the outbox), every journey from 0
so that `increase()` sees a kiosk's first completion; a kiosk's counter lines are rendered
again only when its counts have moved (`_use_lines`).

The endpoint wants the scrape credential (Prometheus's `authorization` setting, a bearer
token kept in the sandbox's data folder, see `sandbox.__main__`); anything else is 401,
and wrong credentials are limited per client like the admin token.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from kiosk.api.schema import ComponentReport, HealthLevel
from kiosk.domain.pilot import Journey
from sandbox.core import ApiProblem, client_address, sandbox_of, too_many_requests
from sandbox.db import Database
from sandbox.pilot import KioskTotals, totals

# Prometheus's text format (0.0.4), which every Prometheus version reads.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
FAILURES = "scrape_failures"  # the rate-limit purpose of wrong scrape credentials

#: The component names the figures are read from (`kiosk.health` reporters' names).
PRINTER, OUTBOX, QUEUE, CONNECTIVITY, ASSISTANCE = (
    "printer", "outbox", "offline_queue", "connectivity", "assistance")
#: The printer's states (`PrinterState` values) as the paper gauge's `state` label.
PAPER_STATES = ("ok", "near_end", "out", "unknown")
_PAPER = {"ready": "ok", "paper near end": "near_end", "paper out": "out"}
LEVELS = {HealthLevel.OK: 0, HealthLevel.WARNING: 1, HealthLevel.ERROR: 2}

KIOSK = ("kiosk_id",)
#: Every family, in the order it is served: (name, help, labels).
FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("kiosk_info", "The kiosk's branch municipality and software version (always 1)",
     ("kiosk_id", "branch", "version")),
    ("kiosk_last_heartbeat_timestamp_seconds",
     "When the kiosk's last heartbeat arrived (Unix time)", KIOSK),
    ("kiosk_in_service", "1 while the kiosk serves the public, 0 while it is held out of "
     "service", KIOSK),
    ("kiosk_component_status", "Each part's health: 0 ok, 1 warning, 2 error",
     ("kiosk_id", "component")),
    ("kiosk_printer_paper", "1 for the printer's current paper state (ok, near_end, out, "
     "unknown)", ("kiosk_id", "state")),
    ("kiosk_outbox_pending", "Requests waiting in the kiosk's outbox", KIOSK),
    ("kiosk_outbox_oldest_age_seconds", "Age of the oldest waiting request (0 when none)",
     KIOSK),
    ("kiosk_outbox_dead", "Requests the municipality refused for good, waiting for a "
     "technician", KIOSK),
    ("kiosk_staff_called", "1 while a beneficiary's call for staff is open", KIOSK),
    ("kiosk_api_reachable", "1 while the kiosk reaches the municipality's API (its own "
     "connectivity view)", KIOSK),
)

#: The pilot's counters (served with the `_total` suffix): (name, help, labels).
COUNTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("kiosk_sessions", "Beneficiaries' sessions at the kiosk (the pilot's journey events)",
     KIOSK),
    ("kiosk_journeys_completed", "Journeys completed at the kiosk, per journey (the "
     "pilot's journey events)", ("kiosk_id", "journey")),
)

_bearer = HTTPBearer(auto_error=False, description="The scrape credential")
router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Figures:
    """What the metrics say of one heartbeat; None where the kiosk has no such part."""

    statuses: dict[str, int]
    paper: str
    outbox_pending: int | None
    outbox_oldest_age_s: float | None
    outbox_dead: int | None
    staff_called: bool | None
    api_reachable: bool


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


def figures(components: list[ComponentReport]) -> Figures:
    """The gauges' values from a heartbeat's components."""
    by_name = {c.component: c for c in components}
    printer = by_name.get(PRINTER)
    state = printer.details.get("state") if printer is not None else None
    paper = _PAPER.get(state, "unknown") if isinstance(state, str) else "unknown"
    pending = oldest = dead = None
    outbox = by_name.get(OUTBOX) or by_name.get(QUEUE)
    if outbox is not None:
        counts = [_number(outbox.details.get(k)) for k in ("pending", "in_flight")]
        pending = int(sum(c for c in counts if c is not None))
        oldest = _number(outbox.details.get("oldest_pending_age_s")) or 0.0
        dead = int(_number(outbox.details.get("dead")) or 0)
    assistance = by_name.get(ASSISTANCE)
    called = assistance.details.get("staff_called") if assistance is not None else None
    # The kiosk's own view of the link; without one, this heartbeat got through.
    link = by_name.get(QUEUE) or by_name.get(CONNECTIVITY)
    online = link.details.get("online") if link is not None else None
    return Figures(
        statuses={c.component: LEVELS[c.status] for c in components},
        paper=paper, outbox_pending=pending, outbox_oldest_age_s=oldest, outbox_dead=dead,
        staff_called=called if isinstance(called, bool) else None,
        api_reachable=online if isinstance(online, bool) else True,
    )


@dataclass(frozen=True, slots=True)
class KioskSeries:
    """One heartbeat as the gauges see it."""

    kiosk_id: str
    branch: str
    version: str
    heard_at: float
    in_service: bool
    figures: Figures


class KioskCollector(Collector):
    """One kiosk's samples in every family (see the module docstring)."""

    def __init__(self, series: KioskSeries) -> None:
        self._series = series

    def collect(self) -> Iterator[Metric]:
        s, f = self._series, self._series.figures
        ids = [s.kiosk_id]
        values: dict[str, list[tuple[list[str], float]]] = {
            "kiosk_info": [([s.kiosk_id, s.branch, s.version], 1)],
            "kiosk_last_heartbeat_timestamp_seconds": [(ids, s.heard_at)],
            "kiosk_in_service": [(ids, int(s.in_service))],
            "kiosk_component_status": [([s.kiosk_id, name], level)
                                       for name, level in f.statuses.items()],
            "kiosk_printer_paper": [([s.kiosk_id, state], int(f.paper == state))
                                    for state in PAPER_STATES],
            "kiosk_api_reachable": [(ids, int(f.api_reachable))],
        }
        for name, value in (("kiosk_outbox_pending", f.outbox_pending),
                            ("kiosk_outbox_oldest_age_seconds", f.outbox_oldest_age_s),
                            ("kiosk_outbox_dead", f.outbox_dead),
                            ("kiosk_staff_called", f.staff_called)):
            if value is not None:
                values[name] = [(ids, float(value))]
        for name, documentation, labels in FAMILIES:
            family = GaugeMetricFamily(name, documentation, labels=list(labels))
            for label_values, value in values.get(name, []):
                family.add_metric(label_values, value)
            yield family


# Between one family's lines and the next in a kiosk's stored series (never in a line).
_FAMILY_SEPARATOR = "\x1e"


def _samples(text: str) -> dict[str, list[str]]:
    """prometheus-client's exposition `text` as each family's sample lines, by the name
    its TYPE line gives."""
    lines: dict[str, list[str]] = {}
    family = ""
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            family = line.split(" ", 3)[2]
        elif line and not line.startswith("#"):
            lines.setdefault(family, []).append(line)
    return lines


def exposition(series: KioskSeries) -> str:
    """The kiosk's sample lines, as prometheus-client writes them, family by family in
    `FAMILIES` order (`_FAMILY_SEPARATOR` between families; a family without a sample of
    this kiosk is empty)."""
    lines = _samples(generate_latest(KioskCollector(series)).decode("utf-8"))
    return _FAMILY_SEPARATOR.join("\n".join(lines.get(name, ())) for name, _, _ in FAMILIES)


class UseCollector(Collector):
    """The heard-from kiosks' pilot counters (see the module docstring)."""

    def __init__(self, kiosks: dict[str, KioskTotals]) -> None:
        self._kiosks = kiosks

    def collect(self) -> Iterator[Metric]:
        (sessions_name, sessions_help, _), (journeys_name, journeys_help, labels) = COUNTERS
        sessions = CounterMetricFamily(sessions_name, sessions_help, labels=list(KIOSK))
        journeys = CounterMetricFamily(journeys_name, journeys_help, labels=list(labels))
        for kiosk_id, counted in self._kiosks.items():
            sessions.add_metric([kiosk_id], counted.sessions)
            for journey in Journey:
                journeys.add_metric([kiosk_id, journey.value],
                                    counted.completed.get(journey, 0))
        yield sessions
        yield journeys


#: The counter families' names as served, in order.
_COUNTER_NAMES = tuple(f"{name}_total" for name, _, _ in COUNTERS)


@lru_cache(maxsize=8192)
def _use_lines(kiosk_id: str, sessions: int,
               completed: tuple[tuple[Journey, int], ...]) -> tuple[str, ...]:
    """One kiosk's counter lines, family by family, as prometheus-client writes them.
    They depend on nothing but the kiosk's counts, which change only when its journey
    events arrive, so a scrape renders only the kiosks whose counts moved: rendering all
    7,000 counter series of 1,000 kiosks took 45 ms of a scrape's 60."""
    counted = KioskTotals(sessions=sessions, completed=dict(completed))
    lines = _samples(generate_latest(UseCollector({kiosk_id: counted})).decode("utf-8"))
    return tuple("".join(f"{line}\n" for line in lines.get(name, ()))
                 for name in _COUNTER_NAMES)


@lru_cache(maxsize=1)
def _use_heads() -> tuple[str, ...]:
    """Each counter family's HELP and TYPE lines, in `_COUNTER_NAMES` order."""
    heads = generate_latest(UseCollector({})).decode("utf-8").splitlines(keepends=True)
    return tuple("".join(heads[index:index + 2]) for index in range(0, len(heads), 2))


def render(db: Database) -> bytes:
    """Every active, heard-from kiosk's series under each family's HELP and TYPE."""
    with db.transaction() as conn:
        rows = conn.execute(
            "SELECT f.kiosk_id, f.exposition FROM fleet f JOIN kiosks k ON k.id = f.kiosk_id "
            "WHERE k.active = 1 ORDER BY f.kiosk_id").fetchall()
        counted = totals(conn)
    kiosks = [row[1].split(_FAMILY_SEPARATOR) for row in rows]
    out: list[str] = []
    for index, (name, documentation, _labels) in enumerate(FAMILIES):
        out.append(f"# HELP {name} {documentation}\n# TYPE {name} gauge\n")
        out.extend(f"{kiosk[index]}\n" for kiosk in kiosks
                   if len(kiosk) > index and kiosk[index])
    use = []
    for row in rows:
        kiosk = counted.get(row[0], KioskTotals())
        use.append(_use_lines(row[0], kiosk.sessions, tuple(sorted(
            kiosk.completed.items(), key=lambda item: item[0].value))))
    for index, head in enumerate(_use_heads()):
        out.append(head)
        out.extend(lines[index] for lines in use)
    return "".join(out).encode("utf-8")


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
    return Response(render(sandbox_of(request).db), media_type=CONTENT_TYPE)
