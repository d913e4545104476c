"""The fleet as the municipality sees it: kiosks' heartbeats, operators' commands, screenshots.

Kiosks stand behind mall and hotel networks, so nobody can reach into one: each kiosk
calls in (`POST /v1/kiosks/{kiosk_id}/heartbeat`, with its own API key, as itself only)
with its health snapshot, and the answer carries the commands operators queued for it
(`POST /admin/kiosks/{kiosk_id}/commands`): out of service with a public reason, back in
service, take a screenshot. A command is answered with every heartbeat until the kiosk
acknowledges it, so a lost answer loses nothing; the kiosk keeps the ids it carried out,
so a repeat does nothing twice.

Per kiosk the store keeps the last heartbeat only (its time by this server's clock, which
is what Prometheus compares with), its series for `/metrics` (written once, when the
heartbeat arrives: `sandbox.metrics`), the commands and the last screenshot. Every
text of a snapshot passes `kiosk.logs.redact` before it is stored: the kiosk sends
nothing personal, and should a component's summary ever quote one, an ID or mobile
number still stops here.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
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
from sandbox.console.auth import require_admin
from sandbox.core import ApiProblem, Kiosk, KioskDep, invalid_request, sandbox_of
from sandbox.db import iso, parse
from sandbox.metrics import KioskSeries, exposition, figures
from sandbox.rules import problem

RECENT_COMMANDS = 20

KioskIdPath = Annotated[str, Path(pattern=KIOSK_ID)]

router = APIRouter(prefix="/v1")
admin_router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)],
                         include_in_schema=False)


def _redacted(component: ComponentReport) -> ComponentReport:
    details = {k: redact(v) if isinstance(v, str) else v for k, v in component.details.items()}
    return component.model_copy(update={"summary": redact(component.summary),
                                        "details": details})


def record(conn: sqlite3.Connection, kiosk: Kiosk, beat: Heartbeat, heard_at: float) -> None:
    """Keeps `beat` as its kiosk's last heartbeat (with its series for `/metrics`) and
    marks the commands it acknowledged."""
    components = [_redacted(c) for c in beat.components]
    series = exposition(KioskSeries(kiosk.id, kiosk.branch, beat.version, heard_at,
                                    beat.in_service, figures(components)))
    conn.execute(
        "INSERT INTO fleet (kiosk_id, heard_at, taken_at, version, in_service, status, "
        "components_json, exposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(kiosk_id) DO UPDATE SET heard_at = excluded.heard_at, "
        "taken_at = excluded.taken_at, version = excluded.version, "
        "in_service = excluded.in_service, status = excluded.status, "
        "components_json = excluded.components_json, "
        "exposition = excluded.exposition",
        (beat.kiosk_id, heard_at, iso(beat.taken_at), beat.version, int(beat.in_service),
         beat.status.value,
         json.dumps([c.model_dump(mode="json") for c in components], ensure_ascii=False),
         series),
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
        record(conn, kiosk, body, heard_at)
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
