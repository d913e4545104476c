"""The pilot's figures on the municipality's side: journey events in, funnels and daily use out.

Kiosks report each session's anonymous events (`kiosk.api.schema.JourneyEvents`) through
their outbox to `POST /v1/kiosks/{kiosk_id}/events`, keyed like every state change, so a
repeat is answered from the idempotency store and counted once. Nothing is kept per
event: each is added to a count per kiosk, Riyadh day and what it says (`pilot_counts`),
in the same transaction that stores the answer.

Operators read them back per date range (Riyadh days, both ends included):
`pilot_report` (a funnel per journey, daily use per kiosk) and `report_csv` (for a
spreadsheet: UTF-8 with a byte order mark, so Excel shows the Arabic intact), served as
`GET /admin/pilot`, `GET /admin/pilot.csv` and the console's pilot page
(`sandbox.console.pilot_page`).
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from kiosk.api.schema import KIOSK_ID, EventsReceipt, JourneyEvents, Problem
from kiosk.domain.dates import local_day
from kiosk.domain.pilot import (
    JOURNEY_STEPS,
    AbandonReason,
    EventKind,
    FailureKind,
    Journey,
    JourneyStep,
)
from sandbox.api import IdempotencyKey, errors_of
from sandbox.core import ApiProblem, KioskDep, fingerprint, run_idempotent, sandbox_of
from sandbox.db import Database

TIME_ZONE = "Asia/Riyadh"
DEFAULT_DAYS = 7
MAX_DAYS = 366
# A day ahead of the server's own Riyadh day is a kiosk whose clock runs fast.
_DAYS_AHEAD = 1
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The words operators read, Arabic first: the console and the CSV export share them.
JOURNEY_NAMES: dict[Journey, tuple[str, str]] = {
    Journey.ISSUE: ("إصدار رخصة", "Issue a licence"),
    Journey.TRACK: ("متابعة معاملة", "Track a transaction"),
    Journey.PAY: ("السداد", "Pay fees and bills"),
    Journey.LICENCES: ("رخصي ومعاملاتي", "My licences and transactions"),
}
STEP_NAMES: dict[JourneyStep, tuple[str, str]] = {
    JourneyStep.INTRO: ("ما تحتاج إليه", "What you will need"),
    JourneyStep.LICENCE_TYPE: ("نوع الرخصة", "Licence type"),
    JourneyStep.IDENTITY: ("التحقق من الهوية", "Identity"),
    JourneyStep.DETAILS: ("بيانات الطلب", "Application details"),
    JourneyStep.CHECK: ("مراجعة الإجابات", "Check answers"),
    JourneyStep.FEE: ("الرسوم والإرسال", "Fee and submit"),
    JourneyStep.NUMBER: ("إدخال رقم المعاملة", "Transaction number"),
    JourneyStep.RESULT: ("عرض الحالة", "Status shown"),
    JourneyStep.LIST: ("عرض القائمة", "List shown"),
    JourneyStep.INVOICES: ("الفواتير", "Invoices"),
    JourneyStep.CONFIRM: ("تأكيد المبلغ", "Confirm amount"),
    JourneyStep.CARD: ("الدفع بالبطاقة", "Card payment"),
}
REASON_NAMES: dict[AbandonReason, tuple[str, str]] = {
    AbandonReason.TIMEOUT: ("انتهاء المهلة", "Timed out"),
    AbandonReason.CANCEL: ("إنهاء الجلسة", "Ended the session"),
    AbandonReason.HOME: ("العودة للرئيسية", "Went home"),
    AbandonReason.SWITCHED: ("الانتقال لخدمة أخرى", "Switched service"),
    AbandonReason.SERVICE: ("توقف الجهاز", "Kiosk stopped"),
}
FAILURE_NAMES: dict[FailureKind, tuple[str, str]] = {
    FailureKind.OFFLINE: ("انقطاع الاتصال", "Offline"),
    FailureKind.SERVER: ("خطأ في الخادم", "Server error"),
    FailureKind.PRINTER: ("الطابعة", "Printer"),
    FailureKind.TERMINAL: ("جهاز الدفع", "Payment terminal"),
    FailureKind.DECLINED: ("رفض البطاقة", "Card declined"),
}
KIND_NAMES: dict[EventKind, tuple[str, str]] = {
    EventKind.SESSION_STARTED: ("بدء جلسة", "Session started"),
    EventKind.JOURNEY_CHOSEN: ("اختيار خدمة", "Journey chosen"),
    EventKind.STEP_REACHED: ("الوصول إلى خطوة", "Step reached"),
    EventKind.COMPLETED: ("إكمال", "Completed"),
    EventKind.ABANDONED: ("ترك", "Abandoned"),
    EventKind.FAILED: ("عطل", "Failure"),
}


# --- the contract: events in -----------------------------------------------------------

events_router = APIRouter(prefix="/v1")


@events_router.post("/kiosks/{kiosk_id}/events", response_model=EventsReceipt,
                    status_code=201, responses=errors_of(401, 403), tags=["pilot"])
def record_events(
    request: Request, body: JourneyEvents, kiosk: KioskDep, key: IdempotencyKey,
    kiosk_id: Annotated[str, Path(pattern=KIOSK_ID)],
) -> JSONResponse:
    """Counts one session's anonymous journey events (a repeated key is counted once).

    A batch for another kiosk's ID, or on a day ahead of the server's own, is refused with
    422: the kiosk's outbox parks it as dead instead of holding up the requests behind it
    (a 403 would stop the whole queue, payments included)."""

    def action(conn: sqlite3.Connection, now: datetime) -> tuple[int, EventsReceipt]:
        if kiosk_id != kiosk.id:
            raise ApiProblem(422, "kiosk_id_mismatch",
                             "رقم الجهاز في المسار لا يطابق مفتاح الجهاز.",
                             "The kiosk ID in the path is not the one of this kiosk's key.")
        if body.day > local_day(now) + timedelta(days=_DAYS_AHEAD):
            raise ApiProblem(422, "events_day_implausible",
                             "تاريخ الأحداث بعد تاريخ اليوم. تحقق من ساعة الجهاز.",
                             "The events' day is ahead of today. Check the kiosk's clock.")
        counted = _count(conn, kiosk.id, body)
        return 201, EventsReceipt(accepted=counted)

    sandbox = sandbox_of(request)
    return run_idempotent(sandbox, kiosk, key, fingerprint("POST", request.url.path, body),
                          action)


def _count(conn: sqlite3.Connection, kiosk_id: str, batch: JourneyEvents) -> int:
    conn.executemany(
        "INSERT INTO pilot_counts (kiosk_id, day, kind, journey, step, reason, failure, "
        "count) VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (kiosk_id, day, kind, journey, "
        "step, reason, failure) DO UPDATE SET count = count + 1",
        [(kiosk_id, batch.day.isoformat(), e.kind.value, _v(e.journey), _v(e.step),
          _v(e.reason), _v(e.failure)) for e in batch.events])
    return len(batch.events)


def _v(value: Journey | JourneyStep | AbandonReason | FailureKind | None) -> str:
    return value.value if value is not None else ""


# --- the report ----------------------------------------------------------------------------


class _Report(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)


class StepReached(_Report):
    step: JourneyStep
    name_ar: str
    name_en: str
    reached: int


class Abandonment(_Report):
    step: JourneyStep | None
    reason: AbandonReason
    count: int


class FailureCount(_Report):
    failure: FailureKind
    count: int


class JourneyFunnel(_Report):
    """One journey over the range: how many chose it, reached each step, completed it,
    left it (where and why), and what failed on the way."""

    journey: Journey
    name_ar: str
    name_en: str
    started: int
    steps: list[StepReached]
    completed: int
    abandoned: list[Abandonment]
    failures: list[FailureCount]


class DayUse(_Report):
    day: date
    sessions: int
    started: int
    completed: int
    abandoned: int
    failures: int


class KioskUse(_Report):
    """One kiosk's use on every day of the range (days without use count zero)."""

    kiosk_id: str
    location_ar: str
    sessions: int
    completed: int
    days: list[DayUse]


class PilotReport(_Report):
    """`GET /admin/pilot`: the pilot's figures for Riyadh days `from`..`to` inclusive."""

    start: date = Field(alias="from")
    end: date = Field(alias="to")
    time_zone: str = TIME_ZONE
    sessions: int
    journeys: list[JourneyFunnel]
    #: Failures outside any journey (none today; kept so the totals add up).
    other_failures: list[FailureCount]
    kiosks: list[KioskUse]


def pilot_report(conn: sqlite3.Connection, start: date, end: date) -> PilotReport:
    """The funnels and daily use for Riyadh days `start`..`end` (both included)."""
    rows = _rows(conn, start, end)

    def total(**match: str) -> int:
        return sum(r["count"] for r in rows
                   if all(r[name] == value for name, value in match.items()))

    journeys: list[JourneyFunnel] = []
    for journey in Journey:
        j = journey.value
        abandoned = [
            Abandonment(step=JourneyStep(step) if step else None, reason=AbandonReason(reason),
                        count=count)
            for (step, reason), count in sorted(_grouped(
                rows, ("step", "reason"), kind=EventKind.ABANDONED, journey=j).items(),
                key=lambda item: _abandon_order(journey, item[0]))]
        journeys.append(JourneyFunnel(
            journey=journey, name_ar=JOURNEY_NAMES[journey][0],
            name_en=JOURNEY_NAMES[journey][1],
            started=total(kind=EventKind.JOURNEY_CHOSEN, journey=j),
            steps=[StepReached(step=step, name_ar=STEP_NAMES[step][0],
                               name_en=STEP_NAMES[step][1],
                               reached=total(kind=EventKind.STEP_REACHED, journey=j,
                                             step=step.value))
                   for step in JOURNEY_STEPS[journey]],
            completed=total(kind=EventKind.COMPLETED, journey=j),
            abandoned=abandoned,
            failures=_failures(rows, journey=j)))
    kiosks = [
        _kiosk_use(k["id"], k["location_ar"], [r for r in rows if r["kiosk_id"] == k["id"]],
                   start, end)
        for k in conn.execute(
            "SELECT id, location_ar FROM kiosks WHERE active = 1 OR id IN "
            "(SELECT kiosk_id FROM pilot_counts WHERE day BETWEEN ? AND ?) ORDER BY id",
            (start.isoformat(), end.isoformat()))]
    return PilotReport(start=start, end=end, sessions=total(kind=EventKind.SESSION_STARTED),
                       journeys=journeys, other_failures=_failures(rows, journey=""),
                       kiosks=kiosks)


def _rows(conn: sqlite3.Connection, start: date, end: date) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT * FROM pilot_counts WHERE day BETWEEN ? AND ? ORDER BY day, kiosk_id, kind, "
        "journey, step, reason, failure", (start.isoformat(), end.isoformat())).fetchall()


def _grouped(rows: list[sqlite3.Row], by: tuple[str, ...],
             **match: str) -> dict[tuple[str, ...], int]:
    groups: dict[tuple[str, ...], int] = {}
    for row in rows:
        if all(row[name] == value for name, value in match.items()):
            group = tuple(row[name] for name in by)
            groups[group] = groups.get(group, 0) + row["count"]
    return groups


def _abandon_order(journey: Journey, group: tuple[str, ...]) -> tuple[int, int]:
    step, reason = group
    steps = [s.value for s in JOURNEY_STEPS[journey]]
    return (steps.index(step) + 1 if step in steps else 0,
            list(AbandonReason).index(AbandonReason(reason)))


def _failures(rows: list[sqlite3.Row], *, journey: str) -> list[FailureCount]:
    counted = _grouped(rows, ("failure",), kind=EventKind.FAILED, journey=journey)
    return [FailureCount(failure=kind, count=counted[(kind.value,)])
            for kind in FailureKind if (kind.value,) in counted]


def _kiosk_use(kiosk_id: str, location_ar: str, rows: list[sqlite3.Row], start: date,
               end: date) -> KioskUse:
    by_day: dict[str, dict[str, int]] = {}
    for row in rows:
        counts = by_day.setdefault(row["day"], {})
        counts[row["kind"]] = counts.get(row["kind"], 0) + row["count"]
    days: list[DayUse] = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        counts = by_day.get(day.isoformat(), {})
        days.append(DayUse(day=day, sessions=counts.get(EventKind.SESSION_STARTED, 0),
                           started=counts.get(EventKind.JOURNEY_CHOSEN, 0),
                           completed=counts.get(EventKind.COMPLETED, 0),
                           abandoned=counts.get(EventKind.ABANDONED, 0),
                           failures=counts.get(EventKind.FAILED, 0)))
    return KioskUse(kiosk_id=kiosk_id, location_ar=location_ar,
                    sessions=sum(d.sessions for d in days),
                    completed=sum(d.completed for d in days), days=days)


# --- the range an operator asks for ------------------------------------------------------


def date_range(conn: sqlite3.Connection, start: str | None, end: str | None) -> tuple[date, date]:
    """The Riyadh days asked for: `to` defaults to today (the sandbox's clock), `from` to
    six days before `to`. A malformed date, `from` after `to` or more than `MAX_DAYS`
    days is one clear 422 naming the parameter."""
    last = _parse_day("to", end) if end else local_day(Database.now(conn))
    first = _parse_day("from", start) if start else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise _range_problem("from", "date_range_reversed",
                             "تاريخ البداية بعد تاريخ النهاية.",
                             "The 'from' day is after the 'to' day.")
    if (last - first).days + 1 > MAX_DAYS:
        raise _range_problem("from", "date_range_too_long",
                             f"المدة أطول من {MAX_DAYS} يومًا.",
                             f"The range is longer than {MAX_DAYS} days.")
    return first, last


def _parse_day(name: str, text: str) -> date:
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise _range_problem(name, "date_invalid",
                             "التاريخ غير صحيح. اكتبه بالصيغة سنة-شهر-يوم، مثل 2025-03-01.",
                             f"The '{name}' day is not a date. Write it as YYYY-MM-DD, "
                             "for example 2025-03-01.") from None


def _range_problem(name: str, code: str, message_ar: str, message_en: str) -> ApiProblem:
    return ApiProblem(422, code, message_ar, message_en,
                      [Problem(field=name, code=code, message_ar=message_ar,
                               message_en=message_en)])


# --- the CSV export ------------------------------------------------------------------------

CSV_COLUMNS = ("day", "kiosk_id", "location_ar", "event", "event_ar", "journey", "journey_ar",
               "step", "step_ar", "reason", "reason_ar", "failure", "failure_ar", "count")
# A cell a spreadsheet would run as a formula (CSV injection) is kept as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def report_csv(conn: sqlite3.Connection, start: date, end: date) -> str:
    """Every count in the range, one row per kiosk, day and what was counted, with the
    Arabic words beside the codes; a UTF-8 byte order mark first (Excel reads a CSV
    without one in the machine's legacy code page and garbles the Arabic)."""
    locations = {r["id"]: r["location_ar"] for r in conn.execute(
        "SELECT id, location_ar FROM kiosks")}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in _rows(conn, start, end):
        journey = Journey(row["journey"]) if row["journey"] else None
        step = JourneyStep(row["step"]) if row["step"] else None
        reason = AbandonReason(row["reason"]) if row["reason"] else None
        failure = FailureKind(row["failure"]) if row["failure"] else None
        writer.writerow((
            row["day"], row["kiosk_id"], _cell(locations.get(row["kiosk_id"], "")),
            row["kind"], KIND_NAMES[EventKind(row["kind"])][0],
            row["journey"], JOURNEY_NAMES[journey][0] if journey else "",
            row["step"], STEP_NAMES[step][0] if step else "",
            row["reason"], REASON_NAMES[reason][0] if reason else "",
            row["failure"], FAILURE_NAMES[failure][0] if failure else "",
            row["count"]))
    return "\ufeff" + out.getvalue()


# --- the same counts, read for the fleet (metrics and a kiosk's console page) -----------


class KioskTotals(BaseModel):
    """A kiosk's counts since it began reporting: the counters `/metrics` serves."""

    sessions: int = 0
    completed: dict[Journey, int] = Field(default_factory=dict)


def totals(conn: sqlite3.Connection) -> dict[str, KioskTotals]:
    """Sessions and completed journeys per kiosk, all days together, from `pilot_counts`
    (the one store of the pilot's figures). They only grow, as Prometheus counters must:
    counts are added to and never taken away."""
    found: dict[str, KioskTotals] = {}
    for row in conn.execute(
            "SELECT kiosk_id, kind, journey, SUM(count) FROM pilot_counts WHERE kind IN (?, ?) "
            "GROUP BY kiosk_id, kind, journey",
            (EventKind.SESSION_STARTED.value, EventKind.COMPLETED.value)):
        kiosk = found.setdefault(row[0], KioskTotals())
        if row[1] == EventKind.SESSION_STARTED.value:
            kiosk.sessions += int(row[3])
        elif row[2]:
            kiosk.completed[Journey(row[2])] = int(row[3])
    return found


class Failure(BaseModel):
    """What failed at a kiosk on a day, in which journey and step (anonymous, as every
    count is), and how often."""

    day: date
    failure: FailureKind
    journey: Journey | None
    step: JourneyStep | None
    count: int


def failures(conn: sqlite3.Connection, kiosk_id: str, start: date) -> list[Failure]:
    """The kiosk's failures from `start` on, newest day first."""
    return [Failure(day=date.fromisoformat(r["day"]), failure=FailureKind(r["failure"]),
                    journey=Journey(r["journey"]) if r["journey"] else None,
                    step=JourneyStep(r["step"]) if r["step"] else None, count=r["n"])
            for r in conn.execute(
                "SELECT day, failure, journey, step, SUM(count) AS n FROM pilot_counts "
                "WHERE kiosk_id = ? AND kind = ? AND day >= ? "
                "GROUP BY day, failure, journey, step ORDER BY day DESC, n DESC, failure",
                (kiosk_id, EventKind.FAILED.value, start.isoformat()))]
