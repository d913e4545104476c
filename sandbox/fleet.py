"""The fleet as the municipality sees it: kiosks' heartbeats, operators' commands, screenshots.

Kiosks stand behind mall and hotel networks, so nobody can reach into one: each kiosk
calls in (`POST /v1/kiosks/{kiosk_id}/heartbeat`, with its own API key, as itself only)
with its health snapshot, and the answer carries the commands operators queued for it
(`POST /admin/kiosks/{kiosk_id}/commands`): out of service with a public reason, back in
service, take a screenshot. A command is answered with every heartbeat until the kiosk
acknowledges it, so a lost answer loses nothing; the kiosk keeps the ids it carried out,
so a repeat does nothing twice.

Per kiosk the store keeps the last heartbeat only (its time by this server's clock, which
is what Prometheus compares with), the figures the metrics read (derived once, when the
heartbeat arrives, so a scrape of a thousand kiosks reads flat rows), the commands and
the last screenshot. Every text of a snapshot passes `kiosk.logs.redact` before it is
stored: the kiosk sends nothing personal, and should a component's summary ever quote
one, an ID or mobile number still stops here.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from kiosk.api.schema import (
    KIOSK_ID,
    Branch,
    CommandRequest,
    CommandState,
    ComponentReport,
    ErrorBody,
    Fleet,
    FleetKiosk,
    HealthLevel,
    Heartbeat,
    HeartbeatReply,
    OperatorCommand,
    OperatorCommandKind,
)
from kiosk.logs import redact
from sandbox.admin import require_admin
from sandbox.core import ApiProblem, KioskDep, invalid_request, sandbox_of
from sandbox.db import iso, parse
from sandbox.rules import problem

#: The component names the figures are read from (`kiosk.health` reporters' names).
PRINTER, OUTBOX, QUEUE, CONNECTIVITY, ASSISTANCE = (
    "printer", "outbox", "offline_queue", "connectivity", "assistance")
#: The printer's states (`PrinterState` values) as the paper gauge's `state` label.
PAPER_STATES = ("ok", "near_end", "out", "unknown")
_PAPER = {"ready": "ok", "paper near end": "near_end", "paper out": "out"}
LEVELS = {HealthLevel.OK: 0, HealthLevel.WARNING: 1, HealthLevel.ERROR: 2}
RECENT_COMMANDS = 20

KioskIdPath = Annotated[str, Path(pattern=KIOSK_ID)]

router = APIRouter(prefix="/v1")
admin_router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)],
                         include_in_schema=False)


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


def _redacted(component: ComponentReport) -> ComponentReport:
    details = {k: redact(v) if isinstance(v, str) else v for k, v in component.details.items()}
    return component.model_copy(update={"summary": redact(component.summary),
                                        "details": details})


def record(conn: sqlite3.Connection, beat: Heartbeat, heard_at: float) -> None:
    """Keeps `beat` as its kiosk's last heartbeat and marks what it acknowledged."""
    components = [_redacted(c) for c in beat.components]
    found = figures(components)
    conn.execute(
        "INSERT INTO fleet (kiosk_id, heard_at, taken_at, version, in_service, status, "
        "components_json, statuses_json, paper, outbox_pending, outbox_oldest_age_s, "
        "outbox_dead, staff_called, api_reachable) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(kiosk_id) DO UPDATE SET heard_at = excluded.heard_at, "
        "taken_at = excluded.taken_at, version = excluded.version, "
        "in_service = excluded.in_service, status = excluded.status, "
        "components_json = excluded.components_json, statuses_json = excluded.statuses_json, "
        "paper = excluded.paper, outbox_pending = excluded.outbox_pending, "
        "outbox_oldest_age_s = excluded.outbox_oldest_age_s, "
        "outbox_dead = excluded.outbox_dead, staff_called = excluded.staff_called, "
        "api_reachable = excluded.api_reachable",
        (beat.kiosk_id, heard_at, iso(beat.taken_at), beat.version, int(beat.in_service),
         beat.status.value,
         json.dumps([c.model_dump(mode="json") for c in components], ensure_ascii=False),
         json.dumps(found.statuses), found.paper, found.outbox_pending,
         found.outbox_oldest_age_s, found.outbox_dead,
         None if found.staff_called is None else int(found.staff_called),
         int(found.api_reachable)),
    )
    screenshot = beat.screenshot
    if screenshot is not None:
        conn.execute("UPDATE fleet SET screenshot_png = ?, screenshot_at = ? "
                     "WHERE kiosk_id = ?", (screenshot, heard_at, beat.kiosk_id))
    if beat.acknowledged:
        marks = ", ".join("?" * len(beat.acknowledged))
        conn.execute(
            f"UPDATE fleet_commands SET acknowledged_at = ? WHERE kiosk_id = ? "  # noqa: S608
            f"AND acknowledged_at IS NULL AND id IN ({marks})",
            (iso(datetime.fromtimestamp(heard_at, UTC)), beat.kiosk_id, *beat.acknowledged))


def _command(row: sqlite3.Row) -> CommandState:
    return CommandState(
        id=row["id"], kind=OperatorCommandKind(row["kind"]), issued_at=parse(row["issued_at"]),
        reason_en=row["reason_en"], reason_ar=row["reason_ar"],
        acknowledged_at=parse(row["acknowledged_at"]) if row["acknowledged_at"] else None)


def waiting(conn: sqlite3.Connection, kiosk_id: str) -> list[OperatorCommand]:
    """The kiosk's commands not yet acknowledged, oldest first (the order to apply them)."""
    rows = conn.execute(
        "SELECT * FROM fleet_commands WHERE kiosk_id = ? AND acknowledged_at IS NULL "
        "ORDER BY issued_at, rowid", (kiosk_id,)).fetchall()
    return [OperatorCommand.model_validate(_command(r).model_dump(exclude={"acknowledged_at"}))
            for r in rows]


# --- the kiosk's side ------------------------------------------------------------------


@router.post("/kiosks/{kiosk_id}/heartbeat", response_model=HeartbeatReply,
             responses={code: {"model": ErrorBody} for code in (401, 403, 413, 422, 500)},
             tags=["fleet"])
def heartbeat(request: Request, kiosk_id: KioskIdPath, body: Heartbeat,
              kiosk: KioskDep) -> HeartbeatReply:
    """A kiosk's health, every `api.heartbeat_interval_s`; answered with the operators'
    commands it has not acknowledged yet. A kiosk heartbeats as itself only."""
    if kiosk_id != kiosk.id:
        raise ApiProblem(403, "kiosk_mismatch", "لا يرسل الجهاز إلا حالته هو.",
                         "A kiosk may only send its own heartbeat.")
    if body.kiosk_id != kiosk_id:
        raise invalid_request([problem("kiosk_id", "kiosk_mismatch",
                                       "رقم الجهاز لا يطابق المسار.",
                                       "The kiosk_id does not match the path.")])
    heard_at = time.time()
    with sandbox_of(request).db.transaction() as conn:
        record(conn, body, heard_at)
        commands = waiting(conn, kiosk_id)
    return HeartbeatReply(received_at=datetime.fromtimestamp(heard_at, UTC),
                          commands=commands)


# --- the operators' side ---------------------------------------------------------------


def _kiosk_row(conn: sqlite3.Connection, kiosk_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM kiosks WHERE id = ? AND active = 1", (kiosk_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "kiosk_not_found", "لا يوجد جهاز عامل بهذا الرقم.",
                         "No active kiosk has this id.")
    return row


@admin_router.post("/kiosks/{kiosk_id}/commands", status_code=201)
def queue_command(request: Request, kiosk_id: KioskIdPath,
                  body: CommandRequest) -> CommandState:
    """Queues a command; the kiosk takes it with its next heartbeat."""
    with sandbox_of(request).db.transaction() as conn:
        _kiosk_row(conn, kiosk_id)
        command = CommandState(id=str(uuid.uuid4()), kind=body.kind,
                               issued_at=datetime.now(UTC), reason_en=body.reason_en.strip(),
                               reason_ar=body.reason_ar.strip())
        conn.execute(
            "INSERT INTO fleet_commands (id, kiosk_id, kind, reason_en, reason_ar, issued_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (command.id, kiosk_id, command.kind.value, command.reason_en, command.reason_ar,
             iso(command.issued_at)))
    return command


def _stamp(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


@admin_router.get("/fleet")
def fleet(request: Request) -> Fleet:
    """Every active kiosk with its last heartbeat and recent commands."""
    with sandbox_of(request).db.transaction() as conn:
        rows = conn.execute(
            "SELECT k.id, k.branch, k.location_ar, f.heard_at, f.taken_at, f.version, "
            "f.in_service, f.status, f.components_json, f.screenshot_at FROM kiosks k "
            "LEFT JOIN fleet f ON f.kiosk_id = k.id WHERE k.active = 1 ORDER BY k.id"
        ).fetchall()
        commands: dict[str, list[CommandState]] = {}
        for row in conn.execute("SELECT * FROM fleet_commands ORDER BY issued_at DESC, "
                                "rowid DESC"):
            listed = commands.setdefault(row["kiosk_id"], [])
            if len(listed) < RECENT_COMMANDS:
                listed.append(_command(row))
    kiosks = [FleetKiosk(
        kiosk_id=r["id"], branch=Branch(r["branch"]), location_ar=r["location_ar"],
        last_heartbeat_at=_stamp(r["heard_at"]),
        taken_at=parse(r["taken_at"]) if r["taken_at"] else None, version=r["version"],
        in_service=None if r["in_service"] is None else bool(r["in_service"]),
        status=HealthLevel(r["status"]) if r["status"] else None,
        components=[ComponentReport.model_validate(c)
                    for c in json.loads(r["components_json"] or "[]")],
        commands=commands.get(r["id"], []), screenshot_at=_stamp(r["screenshot_at"]),
    ) for r in rows]
    return Fleet(now=datetime.now(UTC), kiosks=kiosks)


@admin_router.get("/kiosks/{kiosk_id}/screenshot.png")
def screenshot(request: Request, kiosk_id: KioskIdPath) -> Response:
    """The kiosk's last screenshot (taken between sessions, so it shows nobody's data)."""
    with sandbox_of(request).db.transaction() as conn:
        _kiosk_row(conn, kiosk_id)
        row = conn.execute("SELECT screenshot_png FROM fleet WHERE kiosk_id = ?",
                           (kiosk_id,)).fetchone()
    if row is None or row["screenshot_png"] is None:
        raise ApiProblem(404, "screenshot_not_found", "لا توجد لقطة شاشة لهذا الجهاز بعد.",
                         "This kiosk has sent no screenshot yet.")
    return Response(bytes(row["screenshot_png"]), media_type="image/png")
