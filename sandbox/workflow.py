"""The municipality's workflow (سير المعاملات): departments a transaction passes through.

Each licence type has a route of steps with a duration in hours; the payment step waits for
the fee's invoice. `tick(now)` moves every open transaction as far as the workflow clock
allows, sending an SMS at each step change and issuing the licence at the end. Nothing
moves on its own between ticks, so tests and the demo are deterministic: the clock only
jumps when the admin endpoint advances it (ticks also run when transactions are read).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from hijridate import Gregorian

from kiosk.api.schema import (
    Channel,
    LicenceKind,
    LicenceStatus,
    StepState,
    TransactionStatus,
)
from sandbox import sms
from sandbox.catalogue import DISTRICT_BY_CODE, NAMES, licence_type
from sandbox.db import Database, iso, parse


@dataclass(frozen=True, slots=True)
class StepTemplate:
    code: str
    department_ar: str
    department_en: str
    hours: float
    status: TransactionStatus


_RECEPTION = StepTemplate("reception", "مركز استقبال الطلبات", "Applications reception", 1,
                          TransactionStatus.RECEIVED)
_PAYMENT = StepTemplate("payment", "الإدارة المالية - التحصيل", "Finance department (collection)",
                        0, TransactionStatus.AWAITING_PAYMENT)


def _issuance(department_ar: str, department_en: str) -> StepTemplate:
    return StepTemplate("issuance", department_ar, department_en, 2, TransactionStatus.APPROVED)


ROUTES: dict[LicenceKind, tuple[StepTemplate, ...]] = {
    LicenceKind.PROFESSIONAL: (
        _RECEPTION,
        StepTemplate("review", "إدارة الرخص التجارية", "Commercial licensing department", 4,
                     TransactionStatus.UNDER_REVIEW),
        StepTemplate("inspection", "إدارة الرقابة الميدانية", "Field inspection department", 8,
                     TransactionStatus.INSPECTION),
        _PAYMENT,
        _issuance("إدارة الرخص التجارية - الإصدار", "Commercial licensing (issuance)"),
    ),
    LicenceKind.HEALTH: (
        _RECEPTION,
        StepTemplate("review", "إدارة صحة البيئة", "Environmental health department", 4,
                     TransactionStatus.UNDER_REVIEW),
        StepTemplate("inspection", "مراقبو صحة البيئة", "Environmental health inspectors", 8,
                     TransactionStatus.INSPECTION),
        _PAYMENT,
        _issuance("إدارة صحة البيئة - الإصدار", "Environmental health (issuance)"),
    ),
    LicenceKind.COMMERCIAL: (
        _RECEPTION,
        StepTemplate("review", "إدارة الرخص التجارية", "Commercial licensing department", 4,
                     TransactionStatus.UNDER_REVIEW),
        StepTemplate("inspection", "إدارة الرقابة الميدانية", "Field inspection department", 6,
                     TransactionStatus.INSPECTION),
        _PAYMENT,
        _issuance("إدارة الرخص التجارية - الإصدار", "Commercial licensing (issuance)"),
    ),
    LicenceKind.HOME_BUILDING: (
        _RECEPTION,
        StepTemplate("review", "إدارة رخص البناء", "Building permits department", 6,
                     TransactionStatus.UNDER_REVIEW),
        StepTemplate("inspection", "الإدارة العامة للشؤون الهندسية",
                     "General administration of engineering affairs", 12,
                     TransactionStatus.INSPECTION),
        _PAYMENT,
        _issuance("إدارة رخص البناء - الإصدار", "Building permits (issuance)"),
    ),
}

FINISHED = (TransactionStatus.ISSUED.value, TransactionStatus.REJECTED.value)


def hijri_year(moment: datetime) -> int:
    return int(Gregorian(moment.year, moment.month, moment.day).to_hijri().year)


def new_number(conn: sqlite3.Connection, counter: str, prefix: str, now: datetime) -> str:
    value = Database.next_number(conn, counter, 1001)
    return f"{prefix}{hijri_year(now)}-{value:06d}"


def create_transaction(
    conn: sqlite3.Connection,
    *,
    national_id: str,
    kind: LicenceKind,
    district: str,
    mobile: str,
    answers: dict[str, object],
    kiosk_id: str | None,
    now: datetime,
    number: str | None = None,
    language: str | None = None,
) -> str:
    """Records a submitted application and starts its route; returns its number. Its SMS,
    now and at every later step, are in `language` (Arabic when None)."""
    number = number or new_number(conn, "transaction", "", now)
    branch = DISTRICT_BY_CODE[district].branch.value
    route = ROUTES[kind]
    conn.execute(
        "INSERT INTO transactions (number, national_id, licence_type, branch, status, "
        "submitted_at, updated_at, licence_number, kiosk_id, mobile, answers_json, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
        (number, national_id, kind.value, branch, route[0].status.value, iso(now), iso(now),
         kiosk_id, mobile, json.dumps(answers, ensure_ascii=False), language),
    )
    for position, step in enumerate(route):
        first = position == 0
        conn.execute(
            "INSERT INTO steps (transaction_number, position, code, department_ar, "
            "department_en, hours, state, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (number, position, step.code, step.department_ar, step.department_en, step.hours,
             StepState.IN_PROGRESS.value if first else StepState.PENDING.value,
             iso(now) if first else None),
        )
    sms.send(conn, mobile, "received", sms.received_text(number, *NAMES[kind]), language, now=now)
    return number


def reject(conn: sqlite3.Connection, number: str, reason_ar: str, reason_en: str,
           now: datetime) -> None:
    """A department refuses the transaction at its current step."""
    row = conn.execute(
        "SELECT position FROM steps WHERE transaction_number = ? AND state = ? "
        "ORDER BY position LIMIT 1", (number, StepState.IN_PROGRESS.value),
    ).fetchone()
    if row is None:
        return
    conn.execute(
        "UPDATE steps SET state = ?, finished_at = ?, note_ar = ?, note_en = ? "
        "WHERE transaction_number = ? AND position = ?",
        (StepState.REJECTED.value, iso(now), reason_ar, reason_en, number, row["position"]),
    )
    conn.execute("UPDATE transactions SET status = ?, updated_at = ? WHERE number = ?",
                 (TransactionStatus.REJECTED.value, iso(now), number))
    tx = conn.execute("SELECT mobile, language FROM transactions WHERE number = ?",
                      (number,)).fetchone()
    sms.send(conn, tx["mobile"], "rejected", sms.rejected_text(number, reason_ar, reason_en),
             tx["language"], now=now)


def tick(conn: sqlite3.Connection, now: datetime) -> int:
    """Moves every open transaction as far as `now` allows; returns steps completed."""
    moved = 0
    placeholders = ", ".join("?" for _ in FINISHED)
    open_numbers = [
        r["number"] for r in conn.execute(
            f"SELECT number FROM transactions WHERE status NOT IN ({placeholders}) "  # noqa: S608
            "ORDER BY number", FINISHED,
        )
    ]
    for number in open_numbers:
        while _advance_one(conn, number, now):
            moved += 1
    return moved


def _advance_one(conn: sqlite3.Connection, number: str, now: datetime) -> bool:
    tx = conn.execute("SELECT * FROM transactions WHERE number = ?", (number,)).fetchone()
    step = conn.execute(
        "SELECT * FROM steps WHERE transaction_number = ? AND state = ? ORDER BY position LIMIT 1",
        (number, StepState.IN_PROGRESS.value),
    ).fetchone()
    if step is None:
        return False
    started = parse(step["started_at"])
    if step["code"] == "payment":
        invoice = conn.execute(
            "SELECT status, paid_at FROM invoices WHERE transaction_number = ?", (number,),
        ).fetchone()
        if invoice is not None and invoice["status"] != "paid":
            return False
        # A kiosk whose clock runs ahead dates its payment in the future: the step is
        # done when the municipality has the payment, never later than now.
        finished = max(started, min(parse(invoice["paid_at"]), now)) if invoice else started
        if finished > now:
            return False
    else:
        finished = started + timedelta(hours=float(step["hours"]))
        if finished > now:
            return False
    conn.execute(
        "UPDATE steps SET state = ?, finished_at = ? WHERE transaction_number = ? AND position = ?",
        (StepState.DONE.value, iso(finished), number, step["position"]),
    )
    following = conn.execute(
        "SELECT * FROM steps WHERE transaction_number = ? AND position = ?",
        (number, step["position"] + 1),
    ).fetchone()
    kind = LicenceKind(tx["licence_type"])
    if following is None:
        licence_number = _issue_licence(conn, tx, kind, finished)
        conn.execute(
            "UPDATE transactions SET status = ?, updated_at = ?, licence_number = ? "
            "WHERE number = ?",
            (TransactionStatus.ISSUED.value, iso(finished), licence_number, number),
        )
        sms.send(conn, tx["mobile"], "issued", sms.issued_text(number, licence_number),
                 tx["language"], now=finished)
        return True
    conn.execute(
        "UPDATE steps SET state = ?, started_at = ? WHERE transaction_number = ? AND position = ?",
        (StepState.IN_PROGRESS.value, iso(finished), number, following["position"]),
    )
    status = ROUTES[kind][following["position"]].status
    conn.execute("UPDATE transactions SET status = ?, updated_at = ? WHERE number = ?",
                 (status.value, iso(finished), number))
    if following["code"] == "payment":
        invoice = conn.execute(
            "SELECT number, amount_halalas, status FROM invoices WHERE transaction_number = ?",
            (number,),
        ).fetchone()
        if invoice is not None and invoice["status"] != "paid":
            text = sms.awaiting_payment_text(number, invoice["number"], invoice["amount_halalas"])
            sms.send(conn, tx["mobile"], "awaiting_payment", text, tx["language"], now=finished)
            return True
    sms.send(conn, tx["mobile"], "step",
             sms.step_text(number, following["department_ar"], following["department_en"]),
             tx["language"], now=finished)
    return True


def _issue_licence(conn: sqlite3.Connection, tx: sqlite3.Row, kind: LicenceKind,
                   now: datetime) -> str:
    answers = json.loads(tx["answers_json"])
    number = new_number(conn, "licence", "L-", now)
    validity = licence_type(kind).validity_days
    conn.execute(
        "INSERT INTO licences (number, national_id, licence_type, status, branch, district, "
        "activity, shop_name, lease_number, issued_at, expires_on, channel) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (number, tx["national_id"], kind.value, LicenceStatus.ACTIVE.value, tx["branch"],
         answers.get("district", ""), answers.get("activity", "home_building"),
         str(answers.get("shop_name") or answers.get("deed_number") or ""),
         answers.get("lease_number"), iso(now),
         (now + timedelta(days=validity)).date().isoformat(),
         (Channel.KIOSK if tx["kiosk_id"] else Channel.OFFICE).value),
    )
    return number
