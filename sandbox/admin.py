"""Admin endpoints for tests, the demo and the operators: faults, clock, SMS, records, flags.

Kept out of the published OpenAPI document (they are not part of the municipality's
contract) and protected by the admin token the sandbox was started with, sent in the
`X-Admin-Token` header. The token is never taken from a URL (URLs end up in logs and
browser history): a person opens the SMS outbox page, signs in once with a small form, and
gets a session cookie (HttpOnly, Secure, SameSite=Strict, path /admin) that opens that
read-only page and nothing else. Wrong tokens are counted per client address and, past
`sandbox.ratelimit.ADMIN_FAILURE_LIMIT`, every admin request from that address answers
429 with `Retry-After`, the right token included, so guessing learns nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import re
import secrets
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from kiosk.api.schema import (
    API_VERSION,
    Authority,
    EnrolmentCodeOrder,
    Faults,
    IssuedEnrolmentCode,
    LicenceStatus,
    SmsList,
    SmsMessage,
)
from kiosk.domain.text import LRI, PDI
from sandbox import enrolment, sms, workflow
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.core import ApiProblem, client_address, sandbox_of, too_many_requests
from sandbox.db import READABLE_TABLES, Database, iso, parse
from sandbox.seed import reseed

FLAGS = frozenset({HOME_BUILDING_FLAG})


FAILURES = "admin_failures"  # the rate-limit purpose
SESSION_COOKIE = "sandbox_admin"
SMS_PAGE = "/admin/sms.html"
LOGIN_PAGE = "/admin/login"
_MAX_FORM_BYTES = 4096


def _admitted(request: Request, given: str | None, expected: str) -> bool:
    """Whether `given` is the expected secret. While this client is over its allowance of
    failures every attempt is refused with 429 (raised); a wrong or missing secret counts."""
    sandbox = sandbox_of(request)
    client = client_address(request)
    if sandbox.limits.exhausted(FAILURES, client):
        raise too_many_requests(request, FAILURES)
    if given is not None and secrets.compare_digest(given.encode(), expected.encode()):
        return True
    sandbox.limits.hit(FAILURES, client)
    return False


def _session(request: Request) -> str:
    """The SMS page's cookie value: derived from the admin token, so it is not the token
    itself and stops working when the token changes."""
    token = sandbox_of(request).admin_token.encode()
    return hmac.new(token, b"sandbox sms page session", hashlib.sha256).hexdigest()


def require_admin(
    request: Request,
    x_admin_token: Annotated[str | None, Header()] = None,
) -> None:
    if not _admitted(request, x_admin_token, sandbox_of(request).admin_token):
        raise ApiProblem(401, "admin_token_invalid", "رمز المشرف غير صحيح.",
                         "The admin token is missing or wrong.")


router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)],
                   include_in_schema=False)
# The sign-in form and the SMS page check credentials themselves (a cookie, a form).
pages_router = APIRouter(prefix="/admin", include_in_schema=False)


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


def _sms(request: Request, mobile: str | None, kind: str | None) -> list[SmsMessage]:
    sql = "SELECT * FROM sms WHERE 1 = 1"
    args: list[str] = []
    if mobile:
        sql += " AND mobile = ?"
        args.append(mobile)
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    with sandbox_of(request).db.transaction() as conn:
        rows = conn.execute(sql + " ORDER BY id", args).fetchall()
    return [SmsMessage(id=r["id"], mobile=r["mobile"], text_ar=r["text_ar"], kind=r["kind"],
                       sent_at=parse(r["sent_at"]), text_en=r["text_en"],
                       language=r["language"]) for r in rows]


@router.get("/sms")
def sms_json(request: Request, mobile: str | None = None, kind: str | None = None) -> SmsList:
    return SmsList(items=_sms(request, mobile, kind))


# Readable from 360 px up: a table on wide screens, one card per message on a phone.
_PAGE_STYLE = (
    "body{font-family:'IBM Plex Sans Arabic',sans-serif;margin:0 auto;padding:1em;"
    "max-width:60em;line-height:1.6;color:#1b1b1b;background:#fff}"
    "h1{font-size:1.4em}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #bbb;padding:.4em;text-align:start;vertical-align:top}"
    "td{overflow-wrap:anywhere}.num{direction:ltr;unicode-bidi:isolate;white-space:nowrap}"
    "label{display:block;margin:.5em 0}input,button{font:inherit;padding:.6em;"
    "min-height:44px;box-sizing:border-box;max-width:100%}input{width:20em}"
    "button{background:#0b5c36;color:#fff;border:0;margin-top:.6em}.bad{color:#a11}"
    "@media (max-width:40em){thead{display:none}table,tbody,tr,td{display:block}"
    "tr{border:1px solid #bbb;margin-bottom:.8em}td{border:0;padding:.2em .5em}"
    "td::before{content:attr(data-label) ': ';font-weight:bold}}"
)


def _page(title: str, body: str) -> str:
    return ("<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title><style>{_PAGE_STYLE}</style></head>"
            f"<body>{body}</body></html>")


def _login_form(status: int, problem_ar: str = "", problem_en: str = "",
                headers: dict[str, str] | None = None) -> HTMLResponse:
    problem = (f"<p class='bad' role='alert'>{problem_ar}<br><span lang='en' dir='ltr'>"
               f"{problem_en}</span></p>" if problem_ar else "")
    body = (
        "<h1>صندوق الرسائل النصية (بيئة تجريبية)<br><span lang='en' dir='ltr'>"
        "SMS outbox (sandbox)</span></h1>"
        f"{problem}<form method='post' action='{LOGIN_PAGE}'>"
        "<label for='token'>رمز المشرف · <span lang='en'>Admin token</span></label>"
        "<input id='token' name='token' type='password' dir='ltr' required "
        "autocomplete='current-password'>"
        "<br><button type='submit'>دخول · <span lang='en'>Sign in</span></button></form>"
        "<p>الرمز في الملف <span class='num'>DATA_DIR/admin-token</span> "
        "على الجهاز الذي يشغّل البيئة التجريبية.<br><span lang='en' dir='ltr'>The token "
        "is in the file DATA_DIR/admin-token on the machine running the sandbox.</span></p>"
    )
    return HTMLResponse(_page("دخول المشرف · Admin sign-in", body), status_code=status,
                        headers=headers)


@pages_router.get("/login", response_class=HTMLResponse)
def login_form() -> HTMLResponse:
    return _login_form(200)


@pages_router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Checks the token typed into the form; on success a session cookie for the SMS page."""
    if int(request.headers.get("content-length") or 0) > _MAX_FORM_BYTES:
        raise ApiProblem(413, "request_too_large", "الطلب أكبر من المسموح.",
                         "The request is too large.")
    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    given = form.get("token", [""])[0].strip()
    try:
        admitted = _admitted(request, given, sandbox_of(request).admin_token)
    except ApiProblem as refusal:
        return _login_form(refusal.status, "محاولات خاطئة كثيرة. انتظر قليلًا ثم حاول مجددًا.",
                           "Too many wrong tokens. Wait a little, then try again.",
                           headers=refusal.headers)
    if not admitted:
        return _login_form(401, "رمز المشرف غير صحيح.", "The admin token is wrong.")
    response = RedirectResponse(SMS_PAGE, status_code=303)
    response.set_cookie(SESSION_COOKIE, _session(request), httponly=True, secure=True,
                        samesite="strict", path="/admin")
    return response


def _sms_text(text: str) -> str:
    """An SMS text as HTML: its direction-isolated runs (references, codes) become
    unbreakable isolated spans, so a narrow phone never wraps "1447-000104" at its hyphen."""
    return re.sub(f"{LRI}(.*?){PDI}", r"<bdi class='num'>\1</bdi>", html.escape(text))


@pages_router.get("/sms.html", response_class=HTMLResponse)
def sms_page(
    request: Request,
    mobile: str | None = None,
    x_admin_token: Annotated[str | None, Header()] = None,
) -> Response:
    """The outbox for a person: the session cookie from the sign-in form (or the header)."""
    if x_admin_token is not None:
        require_admin(request, x_admin_token)
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie is None or not _admitted(request, cookie, _session(request)):
            return RedirectResponse(LOGIN_PAGE, status_code=303)
    labels = ("الوقت (UTC)", "الجوال", "النوع", "النص")
    rows = "".join(
        f"<tr><td data-label='{labels[0]}'><span class='num'>{m.sent_at:%Y-%m-%d %H:%M}"
        f"</span></td><td data-label='{labels[1]}'><span class='num'>"
        f"{html.escape(m.mobile)}</span></td><td data-label='{labels[2]}'>"
        f"{html.escape(m.kind)}</td><td data-label='{labels[3]}' lang='{m.language.value}' "
        f"dir='{'ltr' if m.language.value == 'en' else 'rtl'}'>{_sms_text(m.text)}</td>"
        "</tr>"
        for m in reversed(_sms(request, mobile, None))
    )
    head = "".join(f"<th scope='col'>{label}</th>" for label in labels)
    body = ("<h1>صندوق الرسائل النصية (بيئة تجريبية)<br><span lang='en' dir='ltr'>"
            "SMS outbox (sandbox), newest first</span></h1>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return HTMLResponse(_page("صندوق الرسائل النصية · SMS outbox", body))


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
