"""The fleet as the municipality sees it: kiosks' heartbeats, operators' commands, screenshots.

Kiosks stand behind mall and hotel networks, so nobody can reach into one: each kiosk
calls in (`POST /v1/kiosks/{kiosk_id}/heartbeat`, with its own API key, as itself only)
with its health snapshot, and the answer carries the commands operators queued for it
(`POST /admin/kiosks/{kiosk_id}/commands` or the console's kiosk page, both in
`sandbox.console.fleet_page`): out of service with a public reason, back in service,
take a screenshot. A command is answered with every heartbeat until the kiosk
acknowledges it, so a lost answer loses nothing; the kiosk keeps the ids it carried out,
so a repeat does nothing twice.

Per kiosk the store keeps the last heartbeat only (its time by this server's clock, which
is what Prometheus compares with), its series for `/metrics` (written once, when the
heartbeat arrives: `sandbox.metrics`), the commands and the last screenshot. Every
text of a snapshot passes `kiosk.logs.redact` before it is stored: the kiosk sends
nothing personal, and should a component's summary ever quote one, an ID or mobile
number still stops here.

Whether a kiosk is up needs a little history, kept small: a kiosk is down once
`DOWN_AFTER_S` (3 minutes, as the KioskDown alert says) pass without a heartbeat, so the
heartbeat that ends a silence longer than that writes the outage (`fleet_transitions`:
down at the last heartbeat + 3 minutes, up now); the first heartbeat writes "up". Nothing
is written for an ordinary heartbeat. An outage still going on is read from the last
heartbeat's time. All times are the sandbox's clock (`Database.now`, which tests move).

The operators' wish for the kiosk's service (`OperatorService`: their latest
out-of-service or in-service command) goes with every answer, acknowledged or not, so a
kiosk that restarts, and has forgotten its hold, takes it again.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Annotated

from fastapi import APIRouter, Path, Request

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
    OperatorService,
)
from kiosk.logs import redact
from sandbox.core import ApiProblem, Kiosk, KioskDep, invalid_request, sandbox_of
from sandbox.db import Database, iso, parse
from sandbox.metrics import KioskSeries, exposition, figures
from sandbox.rules import problem

RECENT_COMMANDS = 20
#: Without a heartbeat for this long a kiosk is down (config/monitoring/kiosk-alerts.yml,
#: KioskDown: `time() - kiosk_last_heartbeat_timestamp_seconds > 180`).
DOWN_AFTER_S = 180.0
#: The console's window for downtime.
DOWNTIME_DAYS = 7

KioskIdPath = Annotated[str, Path(pattern=KIOSK_ID)]

router = APIRouter(prefix="/v1")


def _redacted(component: ComponentReport) -> ComponentReport:
    details = {k: redact(v) if isinstance(v, str) else v for k, v in component.details.items()}
    return component.model_copy(update={"summary": redact(component.summary),
                                        "details": details})


def record(conn: sqlite3.Connection, kiosk: Kiosk, beat: Heartbeat, heard_at: float) -> None:
    """Keeps `beat` as its kiosk's last heartbeat (with its series for `/metrics`) and
    marks the commands it acknowledged."""
    previous = conn.execute("SELECT heard_at FROM fleet WHERE kiosk_id = ?",
                            (beat.kiosk_id,)).fetchone()
    _transition(conn, beat.kiosk_id, previous[0] if previous else None, heard_at)
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


def _transition(conn: sqlite3.Connection, kiosk_id: str, previous: float | None,
                heard_at: float) -> None:
    """Writes the kiosk's first "up", or the outage this heartbeat ends."""
    marks: list[tuple[float, int]] = []
    if previous is None:
        marks.append((heard_at, 1))
    elif heard_at - previous > DOWN_AFTER_S:
        marks += [(previous + DOWN_AFTER_S, 0), (heard_at, 1)]
    conn.executemany("INSERT OR IGNORE INTO fleet_transitions (kiosk_id, at, up) "
                     "VALUES (?, ?, ?)", [(kiosk_id, at, up) for at, up in marks])


@dataclass(frozen=True, slots=True)
class Outage:
    """A stretch without heartbeats longer than `DOWN_AFTER_S` (Unix seconds); `end` is
    None while it goes on."""

    start: float
    end: float | None


@dataclass(frozen=True, slots=True)
class Availability:
    """Up or down and since when (`since` None: never heard from, or up since before the
    history was kept), and the outages that overlap the last `DOWNTIME_DAYS` days."""

    up: bool | None
    since: float | None
    outages: tuple[Outage, ...]

    def downtime_s(self, start: float, end: float) -> float:
        """Seconds down between `start` and `end`."""
        return sum(max(0.0, min(end if o.end is None else o.end, end) - max(o.start, start))
                   for o in self.outages)


def availability(conn: sqlite3.Connection, kiosk_id: str, heard_at: float | None,
                 now: float) -> Availability:
    """The kiosk's availability at `now` from its transitions and its last heartbeat."""
    if heard_at is None:
        return Availability(None, None, ())
    window = now - DOWNTIME_DAYS * 86400
    rows = conn.execute("SELECT at, up FROM fleet_transitions WHERE kiosk_id = ? AND at > ? "
                        "ORDER BY at, up", (kiosk_id, window - 86400)).fetchall()
    ended: list[Outage] = []
    last_up: float | None = None
    down_at: float | None = None
    for at, up in rows:
        if not up:
            down_at = at
            continue
        last_up = at
        if down_at is not None:
            ended.append(Outage(down_at, at))
            down_at = None
    recent = tuple(o for o in ended if o.end is not None and o.end > window)
    if now - heard_at > DOWN_AFTER_S:
        going_on = Outage(heard_at + DOWN_AFTER_S, None)
        return Availability(False, going_on.start, (*recent, going_on))
    return Availability(True, last_up, recent)


def operator_service(conn: sqlite3.Connection, kiosk_id: str) -> OperatorService:
    """What the operators want of the kiosk: their latest out-of-service or in-service
    command decides (in service when they never said otherwise)."""
    row = conn.execute(
        "SELECT kind, reason_en, reason_ar FROM fleet_commands WHERE kiosk_id = ? "
        "AND kind IN (?, ?) ORDER BY issued_at DESC, rowid DESC LIMIT 1",
        (kiosk_id, OperatorCommandKind.OUT_OF_SERVICE.value,
         OperatorCommandKind.IN_SERVICE.value)).fetchone()
    if row is None or row["kind"] == OperatorCommandKind.IN_SERVICE.value:
        return OperatorService()
    return OperatorService(in_service=False, reason_en=row["reason_en"],
                           reason_ar=row["reason_ar"])


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
    with sandbox_of(request).db.transaction() as conn:
        heard_at = Database.now(conn).timestamp()
        record(conn, kiosk, body, heard_at)
        commands = waiting(conn, kiosk_id)
        service = operator_service(conn, kiosk_id)
    return HeartbeatReply(received_at=datetime.fromtimestamp(heard_at, UTC),
                          commands=commands, service=service)


# --- the operators' side ---------------------------------------------------------------


def _kiosk_row(conn: sqlite3.Connection, kiosk_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM kiosks WHERE id = ? AND active = 1", (kiosk_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "kiosk_not_found", "لا يوجد جهاز عامل بهذا الرقم.",
                         "No active kiosk has this id.")
    return row


def queue(conn: sqlite3.Connection, kiosk_id: str, body: CommandRequest) -> CommandState:
    """Queues `body` for the kiosk (404 for no active kiosk of that id): the one way in,
    for the admin endpoint and the console's forms alike."""
    _kiosk_row(conn, kiosk_id)
    command = CommandState(id=str(uuid.uuid4()), kind=body.kind,
                           issued_at=Database.now(conn), reason_en=body.reason_en.strip(),
                           reason_ar=body.reason_ar.strip())
    conn.execute(
        "INSERT INTO fleet_commands (id, kiosk_id, kind, reason_en, reason_ar, issued_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (command.id, kiosk_id, command.kind.value, command.reason_en, command.reason_ar,
         iso(command.issued_at)))
    return command


def _stamp(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def downtime_by_day(seen: Availability, now: datetime, zone: tzinfo,
                    days: int = DOWNTIME_DAYS) -> list[tuple[date, float]]:
    """Seconds down in each of the last `days` calendar days in `zone` up to `now`, oldest
    first (today counts up to `now`)."""
    today = now.astimezone(zone).date()
    out = []
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        start = datetime.combine(day, time(), zone)
        end = min(datetime.combine(day + timedelta(days=1), time(), zone), now)
        out.append((day, seen.downtime_s(start.timestamp(), end.timestamp())))
    return out


def fleet_state(conn: sqlite3.Connection, kiosk_id: str | None = None) -> Fleet:
    """Every active kiosk (or only `kiosk_id`) with its last heartbeat, whether it is up
    and since when, what the operators want of it, and its recent commands."""
    now = Database.now(conn)
    rows = conn.execute(
        "SELECT k.id, k.branch, k.location_ar, k.location_en, f.heard_at, f.taken_at, f.version, "
        "f.in_service, f.status, f.components_json, f.screenshot_at FROM kiosks k "
        "LEFT JOIN fleet f ON f.kiosk_id = k.id WHERE k.active = 1 "
        "AND (? IS NULL OR k.id = ?) ORDER BY k.id", (kiosk_id, kiosk_id)).fetchall()
    kiosks = []
    for r in rows:
        commands = [_command(c) for c in conn.execute(
            "SELECT * FROM fleet_commands WHERE kiosk_id = ? ORDER BY issued_at DESC, "
            "rowid DESC LIMIT ?", (r["id"], RECENT_COMMANDS))]
        seen = availability(conn, r["id"], r["heard_at"], now.timestamp())
        kiosks.append(FleetKiosk(
            kiosk_id=r["id"], branch=Branch(r["branch"]), location_ar=r["location_ar"],
            location_en=r["location_en"], last_heartbeat_at=_stamp(r["heard_at"]),
            taken_at=parse(r["taken_at"]) if r["taken_at"] else None, version=r["version"],
            in_service=None if r["in_service"] is None else bool(r["in_service"]),
            status=HealthLevel(r["status"]) if r["status"] else None,
            components=[ComponentReport.model_validate(c)
                        for c in json.loads(r["components_json"] or "[]")],
            commands=commands, screenshot_at=_stamp(r["screenshot_at"]),
            up=seen.up, since=_stamp(seen.since), service=operator_service(conn, r["id"]),
        ))
    return Fleet(now=now, kiosks=kiosks)


def screenshot_png(conn: sqlite3.Connection, kiosk_id: str) -> bytes:
    """The kiosk's last screenshot (taken between sessions, so it shows nobody's data);
    404 for no active kiosk of that id, or none sent yet."""
    _kiosk_row(conn, kiosk_id)
    row = conn.execute("SELECT screenshot_png FROM fleet WHERE kiosk_id = ?",
                       (kiosk_id,)).fetchone()
    if row is None or row["screenshot_png"] is None:
        raise ApiProblem(404, "screenshot_not_found", "لا توجد لقطة شاشة لهذا الجهاز بعد.",
                         "This kiosk has sent no screenshot yet.")
    return bytes(row["screenshot_png"])
