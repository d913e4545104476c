"""Who may use the admin endpoints and the operator console, and the one sign-in form.

Two ways in, one secret: the admin token the sandbox was started with (a 0600 file, never
on a command line or in a URL).
- Machines (tests, tools) send it in the `X-Admin-Token` header on every request.
- Operators sign in once on `/admin/login`: a random session ID goes into a cookie
  (HttpOnly, Secure, SameSite=Strict, path /admin) and only its SHA-256 into the
  database, with an expiry `SESSION_HOURS` ahead on the sandbox's clock; signing out
  deletes it. The cookie opens the console's pages (and the pilot's JSON and CSV, which
  the pilot page links to, and a kiosk's screenshot) and the console's own forms.

A console form that changes something (a kiosk's page queues operator commands) carries
a per-session token as well as the SameSite=Strict cookie: `csrf_token` is an HMAC of
the session ID (so it needs no storage and reveals nothing of the ID), and `check_csrf`
refuses a POST without the right one; a wrong one counts as a wrong secret.

Wrong secrets, by header or by form, are counted per client address; past
`sandbox.ratelimit.ADMIN_FAILURE_LIMIT` every attempt from that address answers 429 with
`Retry-After`, the right token included, so guessing learns nothing. A real deployment
would sign operators in through the municipality's identity provider: only
`signed_in` and the form below would change.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Annotated
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sandbox.console.layout import CONSOLE_HOME, Language, language_of, page, with_language
from sandbox.core import ApiProblem, client_address, sandbox_of, too_many_requests
from sandbox.db import Database, iso, parse

FAILURES = "admin_failures"  # the rate-limit purpose
SESSION_COOKIE = "sandbox_operator"
SESSION_HOURS = 8
LOGIN_PAGE = "/admin/login"
LOGOUT_PATH = "/admin/logout"
_MAX_FORM_BYTES = 4096


def admitted(request: Request, given: str | None, expected: str) -> bool:
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


def require_admin(
    request: Request,
    x_admin_token: Annotated[str | None, Header()] = None,
) -> None:
    """The admin endpoints' dependency: the token in the header, or 401 (429 past the limit)."""
    if not admitted(request, x_admin_token, sandbox_of(request).admin_token):
        raise ApiProblem(401, "admin_token_invalid", "رمز المشرف غير صحيح.",
                         "The admin token is missing or wrong.")


def _session_id_sha256(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def signed_in(request: Request) -> bool:
    """Whether the request carries a live operator session. A cookie that names no session
    at all counts as a wrong secret (a guessed cookie is limited like a token); one whose
    session ran out does not (its operator simply signs in again)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie is None:
        return False
    with sandbox_of(request).db.transaction() as conn:
        row = conn.execute("SELECT expires_at FROM operator_sessions WHERE id_sha256 = ?",
                           (_session_id_sha256(cookie),)).fetchone()
        if row is not None and Database.now(conn) >= parse(row["expires_at"]):
            conn.execute("DELETE FROM operator_sessions WHERE id_sha256 = ?",
                         (_session_id_sha256(cookie),))
            return False  # an honest session that ran out: sign in again
    if row is None:
        admitted(request, None, "")  # counts the failure, raises 429 past the limit
        return False
    return True


def csrf_token(request: Request) -> str:
    """The token a signed-in operator's forms carry (see the module docstring)."""
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return hmac.new(cookie.encode(), b"console form", hashlib.sha256).hexdigest()


def check_csrf(request: Request, given: str) -> bool:
    """Whether a signed-in operator's form carries this session's token (429 raised past
    the limit of wrong secrets; a wrong or missing token counts as one)."""
    return admitted(request, given or None, csrf_token(request))


async def read_form(request: Request) -> dict[str, str]:
    """A small urlencoded form's fields (the first value of each); 413 past 4 KiB."""
    too_large = ApiProblem(413, "request_too_large", "الطلب أكبر من المسموح.",
                           "The request is too large.")
    if int(request.headers.get("content-length") or 0) > _MAX_FORM_BYTES:
        raise too_large
    body = await request.body()
    if len(body) > _MAX_FORM_BYTES:
        raise too_large
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", errors="replace")).items()}


def require_admin_or_operator(
    request: Request,
    x_admin_token: Annotated[str | None, Header()] = None,
) -> None:
    """For what both a tool and a signed-in operator read (the pilot's JSON and CSV)."""
    if x_admin_token is not None:
        require_admin(request, x_admin_token)
    elif not signed_in(request):
        raise ApiProblem(401, "operator_sign_in_required", "سجّل الدخول إلى لوحة المشغّلين.",
                         "Sign in to the operator console, or send the admin token.")


def to_sign_in(request: Request) -> RedirectResponse:
    """The answer to a console page asked for without a session: the sign-in form, which
    comes back to this page afterwards."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{LOGIN_PAGE}?next={quote(back, safe='')}", status_code=303)


def _safe_next(target: str | None, language: Language) -> str:
    """Where to go after signing in: a console path only (never another site)."""
    if target and target.startswith("/admin/") and not target.startswith("//") \
            and "\\" not in target:
        return target
    return with_language(CONSOLE_HOME, language)


# The sign-in form and the console pages check credentials themselves (a cookie, a form).
router = APIRouter(prefix="/admin", include_in_schema=False)


def _login_form(request: Request, status: int, problem: tuple[str, str] | None = None,
                headers: dict[str, str] | None = None) -> HTMLResponse:
    language = language_of(request)
    target = request.query_params.get("next") or ""
    ar = language is Language.ARABIC
    alert = (f"<p class='bad' role='alert'>{problem[0] if ar else problem[1]}</p>"
             if problem else "")
    body = (
        f"<h1>{'تسجيل الدخول' if ar else 'Sign in'}</h1>{alert}"
        f"<form class='signin' method='post' "
        f"action='{LOGIN_PAGE}?next={quote(target, safe='')}"
        f"&amp;lang={language.value}'>"
        f"<label for='token'>{'رمز المشرف' if ar else 'Admin token'}</label>"
        "<input id='token' name='token' type='password' dir='ltr' required "
        "autocomplete='current-password'>"
        f"<button type='submit'>{'دخول' if ar else 'Sign in'}</button></form>"
        "<p class='muted'>"
        + ("الرمز في الملف <bdi dir='ltr'>DATA_DIR/admin-token</bdi> على الجهاز الذي يشغّل "
           "البيئة التجريبية." if ar else
           "The token is in the file DATA_DIR/admin-token on the machine running the "
           "sandbox.")
        + "</p>")
    return HTMLResponse(page(request, "تسجيل الدخول", "Sign in", body, signed=False),
                        status_code=status, headers=headers)


@router.get("/", response_class=RedirectResponse, status_code=303)
def console_home(request: Request) -> RedirectResponse:
    """`/admin/` leads to the console's first page (through the sign-in when needed)."""
    return RedirectResponse(with_language(CONSOLE_HOME, language_of(request)),
                            status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_form(request, 200)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Checks the token typed into the form; on success a new operator session."""
    given = (await read_form(request)).get("token", "").strip()
    sandbox = sandbox_of(request)
    try:
        ok = admitted(request, given, sandbox.admin_token)
    except ApiProblem as refusal:
        return _login_form(request, refusal.status,
                           ("محاولات خاطئة كثيرة. انتظر قليلًا ثم حاول مجددًا.",
                            "Too many wrong tokens. Wait a little, then try again."),
                           headers=refusal.headers)
    if not ok:
        return _login_form(request, 401, ("رمز المشرف غير صحيح.", "The admin token is wrong."))
    session_id = secrets.token_urlsafe(32)
    with sandbox.db.transaction() as conn:
        now = Database.now(conn)
        conn.execute("DELETE FROM operator_sessions WHERE expires_at < ?", (iso(now),))
        conn.execute(
            "INSERT INTO operator_sessions (id_sha256, created_at, expires_at) "
            "VALUES (?, ?, ?)", (_session_id_sha256(session_id), iso(now),
                                 iso(now + timedelta(hours=SESSION_HOURS))))
    response = RedirectResponse(
        _safe_next(request.query_params.get("next"), language_of(request)), status_code=303)
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, secure=True,
                        samesite="strict", path="/admin", max_age=SESSION_HOURS * 3600)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """Ends this browser's session on the server, not only in the browser."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie is not None:
        with sandbox_of(request).db.transaction() as conn:
            conn.execute("DELETE FROM operator_sessions WHERE id_sha256 = ?",
                         (_session_id_sha256(cookie),))
    response = RedirectResponse(with_language(LOGIN_PAGE, language_of(request)),
                                status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/admin", secure=True, httponly=True,
                           samesite="strict")
    return response
