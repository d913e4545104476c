"""The operator console is never open: one sign-in form, a server-side session in a cookie
that scripts cannot read and other sites cannot send, wrong secrets limited per address,
and a sign-out that ends the session on the server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from limits import parse

from sandbox.console.auth import SESSION_COOKIE, SESSION_HOURS
from sandbox.ratelimit import ADMIN_FAILURE_LIMIT
from sandbox.runner import SandboxProcess

ALLOWED_FAILURES = parse(ADMIN_FAILURE_LIMIT).amount
CONSOLE = ("/admin/fleet.html", "/admin/kiosks/AHS-HOF-01.html", "/admin/pilot.html",
           "/admin/sms.html", "/admin/pilot", "/admin/pilot.csv")


@pytest.fixture
def web(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context()) as client:
        yield client


@pytest.fixture
def elsewhere(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    """Another loopback address: its failures lock out only itself."""
    transport = httpx.HTTPTransport(verify=sandbox.ssl_context(), local_address="127.0.0.3")
    with httpx.Client(base_url=sandbox.origin, transport=transport) as client:
        yield client


def sign_in(web: httpx.Client, token: str, next_page: str = "") -> httpx.Response:
    return web.post("/admin/login", params={"next": next_page} if next_page else None,
                    data={"token": token})


def test_nothing_of_the_console_opens_without_signing_in(web: httpx.Client) -> None:
    page = web.get("/admin/pilot.html", params={"from": "2025-03-01", "lang": "en"})
    assert page.status_code == 303
    assert page.headers["location"] == \
        "/admin/login?next=%2Fadmin%2Fpilot.html%3Ffrom%3D2025-03-01%26lang%3Den"
    assert web.get("/admin/pilot").status_code == 401
    assert web.get("/admin/pilot.csv").status_code == 401
    assert web.get("/admin/", params={"lang": "en"}).headers["location"] == \
        "/admin/fleet.html?lang=en"


def test_signing_in_gives_a_strict_session_cookie_and_comes_back(
        sandbox: SandboxProcess, web: httpx.Client) -> None:
    signed = sign_in(web, sandbox.admin_token, "/admin/pilot.html?lang=en")
    assert signed.status_code == 303
    assert signed.headers["location"] == "/admin/pilot.html?lang=en"
    cookie = signed.headers["set-cookie"]
    lowered = cookie.lower()
    for attribute in ("httponly", "secure", "samesite=strict", "path=/admin",
                      f"max-age={SESSION_HOURS * 3600}"):
        assert attribute in lowered
    assert sandbox.admin_token not in cookie
    for path in CONSOLE:
        assert web.get(path).status_code == 200, path
    # The session reads; it changes nothing and opens no tool's endpoint.
    assert web.get("/admin/faults").status_code == 401
    assert web.post("/admin/reset").status_code == 401
    assert web.get("/admin/records/beneficiaries").status_code == 401


def test_signing_in_never_leads_off_the_console(sandbox: SandboxProcess,
                                                web: httpx.Client) -> None:
    for target in ("https://evil.example/", "//evil.example/admin/", "/verify/test",
                   "/admin/\\evil"):
        signed = sign_in(web, sandbox.admin_token, target)
        assert signed.headers["location"] == "/admin/fleet.html?lang=ar", target


def test_signing_out_ends_the_session_on_the_server(sandbox: SandboxProcess,
                                                    web: httpx.Client) -> None:
    sign_in(web, sandbox.admin_token)
    session = web.cookies[SESSION_COOKIE]
    out = web.post("/admin/logout", params={"lang": "en"})
    assert out.status_code == 303
    assert out.headers["location"] == "/admin/login?lang=en"
    assert SESSION_COOKIE not in web.cookies
    # The same cookie, kept by someone, no longer opens anything.
    web.cookies.set(SESSION_COOKIE, session, domain="127.0.0.1", path="/admin")
    assert web.get("/admin/pilot.html").status_code == 303


def test_a_session_ends_after_its_hours(sandbox: SandboxProcess, web: httpx.Client) -> None:
    sign_in(web, sandbox.admin_token)
    assert web.get("/admin/pilot.html").status_code == 200
    sandbox.admin.advance_clock(hours=SESSION_HOURS + 0.5)
    assert web.get("/admin/pilot.html").status_code == 303


def test_wrong_tokens_and_forged_cookies_are_limited(
        sandbox: SandboxProcess, elsewhere: httpx.Client) -> None:
    wrong = [sign_in(elsewhere, "guess") for _ in range(ALLOWED_FAILURES - 1)]
    assert [w.status_code for w in wrong] == [401] * (ALLOWED_FAILURES - 1)
    assert "رمز المشرف غير صحيح." in wrong[0].text
    elsewhere.cookies.set(SESSION_COOKIE, "forged-session-id", domain="127.0.0.1",
                          path="/admin")
    assert elsewhere.get("/admin/pilot.html").status_code == 303  # the last allowed failure
    locked = sign_in(elsewhere, sandbox.admin_token)
    assert locked.status_code == 429  # the right token too: guessing learns nothing
    assert 1 <= int(locked.headers["retry-after"]) <= 60
    assert "محاولات خاطئة كثيرة" in locked.text
    sandbox.admin.reset(data=False)
