"""The sandbox's shared machinery: its state, the error shape, authentication, idempotency.

Every route handler goes through these few functions, so the contract's cross-cutting
promises (one error body, kiosk keys, beneficiary tokens, first-answer-wins for keyed
requests) are implemented once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from kiosk.api.schema import ErrorBody, Problem
from sandbox.db import Database, iso, parse
from sandbox.faults import FaultSwitches
from sandbox.seed import key_sha256

REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_RETENTION_DAYS = 7


class ApiProblem(Exception):  # noqa: N818 (a response to send, not a failure)
    """A refusal with the contract's error body. `keep_changes` keeps the writes made
    before the refusal (a wrong OTP still uses up an attempt)."""

    def __init__(self, status: int, code: str, message_ar: str, message_en: str,
                 problems: list[Problem] | None = None, *, keep_changes: bool = False) -> None:
        super().__init__(code)
        self.status = status
        self.body = ErrorBody(code=code, message_ar=message_ar, message_en=message_en,
                              problems=problems or [])
        self.keep_changes = keep_changes

    def response(self) -> JSONResponse:
        return JSONResponse(self.body.model_dump(mode="json"), status_code=self.status)


@dataclass
class Sandbox:
    """Everything a request handler needs, hung on `app.state.sandbox`."""

    db: Database
    admin_token: str
    switches: FaultSwitches = field(default_factory=FaultSwitches)


def sandbox_of(request: Request) -> Sandbox:
    state: Sandbox = request.app.state.sandbox
    return state


@dataclass(frozen=True, slots=True)
class Kiosk:
    id: str
    branch: str


@dataclass(frozen=True, slots=True)
class Beneficiary:
    national_id: str
    mobile: str
    name_ar: str
    name_en: str


_bearer = HTTPBearer(auto_error=False, description="The kiosk's API key")
_beneficiary = APIKeyHeader(name="X-Beneficiary-Token", auto_error=False,
                            description="The beneficiary token from /identity/verify")


def current_kiosk(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Kiosk:
    if credentials is None:
        raise ApiProblem(401, "kiosk_key_required", "مفتاح الجهاز مفقود.",
                         "The kiosk's API key is missing.")
    sandbox = sandbox_of(request)
    with sandbox.db.transaction() as conn:
        row = conn.execute("SELECT * FROM kiosks WHERE key_sha256 = ?",
                           (key_sha256(credentials.credentials),)).fetchone()
    if row is None:
        raise ApiProblem(401, "kiosk_key_invalid", "مفتاح الجهاز غير معروف.",
                         "The kiosk's API key is not known.")
    if not row["active"]:
        raise ApiProblem(403, "kiosk_disabled", "هذا الجهاز موقوف عن الخدمة لدى الأمانة.",
                         "This kiosk has been withdrawn from service.")
    return Kiosk(id=row["id"], branch=row["branch"])


KioskDep = Annotated[Kiosk, Depends(current_kiosk)]


def beneficiary_token_header(
    token: Annotated[str | None, Depends(_beneficiary)],
) -> str | None:
    return token


BeneficiaryTokenDep = Annotated[str | None, Depends(beneficiary_token_header)]


def resolve_token(conn: sqlite3.Connection, kiosk: Kiosk, token: str | None, now: datetime,
                  *, for_submit: bool = False) -> Beneficiary:
    """The beneficiary behind a token; 401 for reads, 422 for submissions (a queued
    submission whose token is no longer acceptable is rejected for good, not retried)."""
    status, prefix = (422, "beneficiary_token") if for_submit else (401, "token")
    if not token:
        raise ApiProblem(status, f"{prefix}_required", "يلزم التحقق من الهوية برمز التحقق أولًا.",
                         "Identify with a one-time code first.")
    row = conn.execute(
        "SELECT t.*, b.mobile, b.name_ar, b.name_en FROM tokens t "
        "JOIN beneficiaries b ON b.national_id = t.national_id WHERE token_sha256 = ?",
        (hashlib.sha256(token.encode()).hexdigest(),),
    ).fetchone()
    if row is None or row["kiosk_id"] != kiosk.id:
        raise ApiProblem(status, f"{prefix}_invalid", "جلسة التحقق غير صالحة.",
                         "The identity session is not valid.")
    limit = parse(row["submit_until"] if for_submit else row["expires_at"])
    if now > limit:
        raise ApiProblem(status, f"{prefix}_expired",
                         "انتهت صلاحية جلسة التحقق. تحقق من هويتك مرة أخرى.",
                         "The identity session has expired. Please identify again.")
    return Beneficiary(row["national_id"], row["mobile"], row["name_ar"], row["name_en"])


Action = Callable[[sqlite3.Connection, datetime], tuple[int, BaseModel]]


def fingerprint(method: str, path: str, body: BaseModel) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def run_idempotent(sandbox: Sandbox, kiosk: Kiosk, key: str, print_: str,
                   action: Action) -> JSONResponse:
    """First answer wins: the action runs once per (kiosk, key) and its answer, success or
    refusal, is stored in the same transaction as its effects and replayed for repeats.
    A crash or 5xx inside the action rolls everything back and stores nothing."""
    with sandbox.db.transaction() as conn:
        row = conn.execute("SELECT * FROM idempotency WHERE kiosk_id = ? AND key = ?",
                           (kiosk.id, key)).fetchone()
        if row is not None:
            if row["fingerprint"] != print_:
                raise ApiProblem(
                    422, "idempotency_key_reused",
                    "استُخدم مفتاح الطلب نفسه لطلب مختلف.",
                    "This Idempotency-Key was already used for a different request.",
                )
            return JSONResponse(json.loads(row["body"]), status_code=row["status"],
                                headers={REPLAYED_HEADER: "true"})
        now = Database.now(conn)
        conn.execute("SAVEPOINT action")
        try:
            status, model = action(conn, now)
            body = model.model_dump(mode="json")
        except ApiProblem as refusal:
            if not refusal.keep_changes:
                conn.execute("ROLLBACK TO action")
            status, body = refusal.status, refusal.body.model_dump(mode="json")
        conn.execute("RELEASE action")
        conn.execute(
            "INSERT INTO idempotency (kiosk_id, key, fingerprint, status, body, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (kiosk.id, key, print_, status, json.dumps(body, ensure_ascii=False), iso(now)),
        )
    return JSONResponse(body, status_code=status)


def purge_idempotency(db: Database) -> None:
    with db.transaction() as conn:
        now = Database.now(conn)
        rows = conn.execute("SELECT kiosk_id, key, created_at FROM idempotency").fetchall()
        for row in rows:
            if (now - parse(row["created_at"])).days >= IDEMPOTENCY_RETENTION_DAYS:
                conn.execute("DELETE FROM idempotency WHERE kiosk_id = ? AND key = ?",
                             (row["kiosk_id"], row["key"]))
