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

from kiosk.api.proof import proof_matches, token_id
from kiosk.api.schema import ApplicationDraft, BeneficiaryProof, ErrorBody, Problem
from sandbox.db import Database, iso, parse
from sandbox.faults import FaultSwitches
from sandbox.ratelimit import RateLimits
from sandbox.seed import key_sha256

REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_RETENTION_DAYS = 7


class ApiProblem(Exception):  # noqa: N818 (a response to send, not a failure)
    """A refusal with the contract's error body. `keep_changes` keeps the writes made
    before the refusal (a wrong OTP still uses up an attempt)."""

    def __init__(self, status: int, code: str, message_ar: str, message_en: str,
                 problems: list[Problem] | None = None, *, keep_changes: bool = False,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.body = ErrorBody(code=code, message_ar=message_ar, message_en=message_en,
                              problems=problems or [])
        self.keep_changes = keep_changes
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body.model_dump(mode="json"), status_code=self.status,
                            headers=self.headers)


def invalid_request(problems: list[Problem]) -> ApiProblem:
    """The contract's answer to a malformed request: 422 `invalid_request`, one problem
    per bad part (a parameter, or the body's JSON itself)."""
    return ApiProblem(422, "invalid_request", "الطلب غير مكتمل أو غير صحيح.",
                      "The request is incomplete or malformed.", problems)


def internal_error() -> ApiProblem:
    """The contract's 500: nothing about the failure itself reaches the client."""
    return ApiProblem(500, "internal_error", "حدث خلل داخلي في الخادم.",
                      "Internal server error.")


@dataclass
class Sandbox:
    """Everything a request handler needs, hung on `app.state.sandbox`."""

    db: Database
    admin_token: str
    switches: FaultSwitches = field(default_factory=FaultSwitches)
    limits: RateLimits = field(default_factory=RateLimits)
    # HMAC secret of the verification URLs (sandbox.signing); never logged.
    verify_secret: bytes = field(default=b"", repr=False)
    # SHA-256 (hex) of the CA certificate the server's chain ends in: the pin a kiosk
    # checks before it sends its enrolment code (sandbox.enrolment).
    ca_sha256: str = ""
    # The bearer credential Prometheus scrapes `/metrics` with (sandbox.metrics).
    scrape_token: str = field(default="", repr=False)


def sandbox_of(request: Request) -> Sandbox:
    state: Sandbox = request.app.state.sandbox
    return state


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def too_many_requests(request: Request, purpose: str) -> ApiProblem:
    """The documented 429 answer for a client over its `purpose` allowance."""
    wait = sandbox_of(request).limits.retry_after_s(purpose, client_address(request))
    return ApiProblem(
        429, "too_many_requests",
        "طلبات كثيرة من هذا الجهاز. حاول مرة أخرى بعد قليل.",
        "Too many requests from this client. Try again shortly.",
        headers={"Retry-After": str(wait)},
    )


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


def _token_row(conn: sqlite3.Connection, token_sha256: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT t.*, b.mobile, b.name_ar, b.name_en FROM tokens t "
        "JOIN beneficiaries b ON b.national_id = t.national_id WHERE token_sha256 = ?",
        (token_sha256,),
    ).fetchone()
    return row


def _person_of(row: sqlite3.Row) -> Beneficiary:
    return Beneficiary(row["national_id"], row["mobile"], row["name_ar"], row["name_en"])


def _session_invalid(status: int, prefix: str) -> ApiProblem:
    return ApiProblem(status, f"{prefix}_invalid", "جلسة التحقق غير صالحة.",
                      "The identity session is not valid.")


def _session_expired(status: int, prefix: str) -> ApiProblem:
    return ApiProblem(status, f"{prefix}_expired",
                      "انتهت صلاحية جلسة التحقق. تحقق من هويتك مرة أخرى.",
                      "The identity session has expired. Please identify again.")


def resolve_token(conn: sqlite3.Connection, kiosk: Kiosk, token: str | None,
                  now: datetime) -> Beneficiary:
    """The beneficiary behind a token, for reads of personal data (`/me/*`, validate):
    401 when it is missing, unknown, another kiosk's, or past `expires_at`."""
    if not token:
        raise ApiProblem(401, "token_required", "يلزم التحقق من الهوية برمز التحقق أولًا.",
                         "Identify with a one-time code first.")
    row = _token_row(conn, token_id(token))
    if row is None or row["kiosk_id"] != kiosk.id:
        raise _session_invalid(401, "token")
    if now > parse(row["expires_at"]):
        raise _session_expired(401, "token")
    return _person_of(row)


def resolve_proof(conn: sqlite3.Connection, kiosk: Kiosk, proof: BeneficiaryProof, *,
                  idempotency_key: str, application: ApplicationDraft,
                  now: datetime) -> Beneficiary:
    """The beneficiary behind a queued submission's proof (`kiosk.api.proof`): the token
    row by `token_id`, issued to this kiosk, a MAC over this very key and application
    (constant-time compare), and within `submit_until`. Every refusal is a 422, so the
    kiosk's queue parks the entry for good instead of retrying what can never succeed."""
    row = _token_row(conn, proof.token_id)
    if row is None or row["kiosk_id"] != kiosk.id:
        raise _session_invalid(422, "beneficiary_token")
    key = row["submit_key"]
    if not key or not proof_matches(bytes.fromhex(key), proof, idempotency_key, application):
        raise ApiProblem(422, "beneficiary_proof_invalid",
                         "إثبات هوية مقدّم الطلب لا يطابق هذا الطلب.",
                         "The beneficiary's proof does not match this request.")
    if now > parse(row["submit_until"]):
        raise _session_expired(422, "beneficiary_token")
    return _person_of(row)


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
