"""Admin endpoints for tests, the demo and the operators: faults, clock, SMS, records, flags.

Kept out of the published OpenAPI document (they are not part of the municipality's
contract) and protected by the admin token the sandbox was started with, sent in the
`X-Admin-Token` header (`sandbox.console.auth.require_admin`: never from a URL, wrong
tokens limited per client address). People read the same facts on the operator console's
pages (`sandbox.console`), after signing in once.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from kiosk.api.schema import (
    API_VERSION,
    Authority,
    EnrolmentCodeOrder,
    Faults,
    IssuedEnrolmentCode,
    LicenceStatus,
    SmsList,
)
from sandbox import enrolment, sms, workflow
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.console.auth import require_admin
from sandbox.core import ApiProblem, sandbox_of
from sandbox.db import READABLE_TABLES, Database, iso
from sandbox.seed import reseed

FLAGS = frozenset({HOME_BUILDING_FLAG})


router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)],
                   include_in_schema=False)


class ClockAdvance(BaseModel):
    hours: Annotated[float, Field(gt=0, le=24 * 400)]


class FlagValue(BaseModel):
    enabled: bool


class Rejection(BaseModel):
    reason_ar: str = "لم تستوفِ المعاملة الاشتراطات."
    reason_en: str = "The transaction does not meet the requirements."


@router.get("/faults")
def get_faults(request: Request) -> Faults:
    return sandbox_of(request).switches.get()


@router.put("/faults")
def set_faults(request: Request, body: Faults) -> Faults:
    sandbox_of(request).switches.set(body)
    return body


@router.post("/reset")
def reset(request: Request, data: bool = True) -> dict[str, str]:
    """Fault switches off; with `data` (the default) also the database back to its seeded
    state: clock offset 0, flags off, OTP rate limits cleared, everything made since gone.
    Either way the request limits (verification pages, admin failures) start afresh.
    Tests call it before each test so they never see each other's changes."""
    sandbox = sandbox_of(request)
    sandbox.switches.reset()
    sandbox.limits.reset()
    if data:
        reseed(sandbox.db)
    return {"status": "reset"}


@router.get("/clock")
def get_clock(request: Request) -> dict[str, str]:
    with sandbox_of(request).db.transaction() as conn:
        return {"now": iso(Database.now(conn))}


@router.post("/clock/advance")
def advance_clock(request: Request, body: ClockAdvance) -> dict[str, Any]:
    """Moves the workflow clock forward and lets every transaction progress."""
    with sandbox_of(request).db.transaction() as conn:
        Database.advance(conn, body.hours * 3600)
        now = Database.now(conn)
        moved = workflow.tick(conn, now)
    return {"now": iso(now), "steps_completed": moved}


@router.get("/flags")
def get_flags(request: Request) -> dict[str, bool]:
    with sandbox_of(request).db.transaction() as conn:
        return {f: Database.get_meta(conn, f"flag:{f}", "0") == "1" for f in sorted(FLAGS)}


@router.put("/flags/{name}")
def set_flag(request: Request, name: str, body: FlagValue) -> dict[str, bool]:
    if name not in FLAGS:
        raise ApiProblem(404, "unknown_flag", "مفتاح ميزة غير معروف.", f"No flag named {name}.")
    with sandbox_of(request).db.transaction() as conn:
        Database.set_meta(conn, f"flag:{name}", "1" if body.enabled else "0")
    return {name: body.enabled}


@router.get("/sms")
def sms_json(request: Request, mobile: str | None = None, kind: str | None = None) -> SmsList:
    with sandbox_of(request).db.transaction() as conn:
        return SmsList(items=sms.messages(conn, mobile, kind))


@router.get("/records/{table}")
def records(request: Request, table: str) -> list[dict[str, Any]]:
    if table not in READABLE_TABLES:
        raise ApiProblem(404, "unknown_table", "جدول غير معروف.", f"No readable table {table}.")
    with sandbox_of(request).db.transaction() as conn:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 (whitelisted)
    return [dict(r) for r in rows]


@router.post("/enrolment-codes", status_code=201)
def issue_enrolment_code(request: Request, body: EnrolmentCodeOrder) -> IssuedEnrolmentCode:
    """A one-time code for one kiosk identity, and the pairing data a technician needs
    (this server's API address and its CA's SHA-256). The code is shown only here."""
    sandbox = sandbox_of(request)
    server = f"{str(request.base_url).rstrip('/')}/{API_VERSION}"
    with sandbox.db.transaction() as conn:
        return enrolment.issue(conn, body, now=Database.now(conn), server=server,
                               ca_sha256=sandbox.ca_sha256)


@router.post("/enrolment-codes/{code_id}/revoke")
def revoke_enrolment_code(request: Request, code_id: str) -> dict[str, str]:
    """Makes an unused code worthless (lost, sent to the wrong person)."""
    with sandbox_of(request).db.transaction() as conn:
        enrolment.revoke(conn, code_id, now=Database.now(conn))
    return {"status": "revoked"}


class LicenceStatusChange(BaseModel):
    status: LicenceStatus
    by: Authority | None = None
    reason_ar: str = ""
    reason_en: str = ""


@router.post("/licences/{number}/status")
def change_licence_status(request: Request, number: str,
                          body: LicenceStatusChange) -> dict[str, str]:
    """What the Labour Office or the Zakat authority does through the linked systems:
    suspend or cancel a licence at once. The holder gets an SMS."""
    with sandbox_of(request).db.transaction() as conn:
        row = conn.execute(
            "SELECT l.number, b.mobile FROM licences l JOIN beneficiaries b "
            "ON b.national_id = l.national_id WHERE l.number = ?", (number,)).fetchone()
        if row is None:
            raise ApiProblem(404, "licence_not_found", "لا توجد رخصة بهذا الرقم.",
                             "No licence has this number.")
        conn.execute(
            "UPDATE licences SET status = ?, status_by = ?, status_reason_ar = ?, "
            "status_reason_en = ?, status_changed_at = ? WHERE number = ?",
            (body.status.value, body.by.value if body.by else None, body.reason_ar,
             body.reason_en, iso(Database.now(conn)), number),
        )
        # Not asked for at a kiosk: the beneficiary's language is not known here.
        sms.send(conn, row["mobile"], "licence_status",
                 sms.licence_status_text(number, body.status, body.reason_ar, body.reason_en),
                 None, now=Database.now(conn))
    return {"status": body.status.value}


@router.post("/transactions/{number}/reject")
def reject_transaction(request: Request, number: str, body: Rejection) -> dict[str, str]:
    """A department refuses the transaction at its current step (for the demo)."""
    with sandbox_of(request).db.transaction() as conn:
        if conn.execute("SELECT 1 FROM transactions WHERE number = ?", (number,)).fetchone() \
                is None:
            raise ApiProblem(404, "transaction_not_found", "لا توجد معاملة بهذا الرقم.",
                             "No transaction has this number.")
        workflow.reject(conn, number, body.reason_ar, body.reason_en, Database.now(conn))
    return {"status": "rejected"}
