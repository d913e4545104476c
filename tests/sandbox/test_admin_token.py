"""The admin token stays secret: never on a command line, never in printed output or logs,
never in a URL; kept in 0600 files; wrong guesses are limited per client address."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from limits import parse

from sandbox.private import ADMIN_TOKEN_FILE
from sandbox.ratelimit import ADMIN_FAILURE_LIMIT
from sandbox.runner import READY_PREFIX, SandboxProcess
from sandbox.seed import CLEAN
from tests.fixtures.browser import PHONE, keep_screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

ALLOWED_FAILURES = parse(ADMIN_FAILURE_LIMIT).amount


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def web(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context()) as client:
        yield client


@pytest.fixture
def elsewhere(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    """A client on another loopback address, so its failures lock out only itself (the
    tests' own admin client on 127.0.0.1 keeps working)."""
    transport = httpx.HTTPTransport(verify=sandbox.ssl_context(), local_address="127.0.0.2")
    with httpx.Client(base_url=sandbox.origin, transport=transport) as client:
        yield client


def test_the_token_is_in_no_process_argument_and_no_log_line(
        sandbox: SandboxProcess, web: httpx.Client) -> None:
    token = sandbox.admin_token
    sandbox.admin.faults()
    web.post("/admin/login", data={"token": token})
    web.get("/admin/sms.html")
    assert sandbox.pid is not None
    arguments = Path(f"/proc/{sandbox.pid}/cmdline").read_bytes().split(b"\0")
    log = sandbox.log_path.read_text(encoding="utf-8")
    assert READY_PREFIX in log  # the log really is the child's stdout and stderr
    assert not any(token.encode() in argument for argument in arguments)
    assert token not in log
    assert json.loads(log.split(READY_PREFIX, 1)[1].splitlines()[0])["admin_token_file"] == \
        str(sandbox.admin_token_path)
    assert sandbox.admin_token_path.read_text(encoding="utf-8").strip() == token
    assert mode(sandbox.admin_token_path) == 0o600
    assert mode(sandbox.log_path) == 0o600


def test_run_by_a_person_it_prints_where_the_token_is_not_the_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SANDBOX_ADMIN_TOKEN"}
    child = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "--port", "0", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(5)]
    finally:
        child.terminate()
        rest, _ = child.communicate(timeout=10)
    printed = "".join(lines) + rest
    token_file = tmp_path / ADMIN_TOKEN_FILE
    token = token_file.read_text(encoding="utf-8").strip()
    assert mode(token_file) == 0o600
    assert len(token) >= 24
    assert token not in printed
    ready = json.loads(lines[0].removeprefix(READY_PREFIX))
    assert "admin_token" not in ready
    assert ready["admin_token_file"] == str(token_file)
    assert "/admin/sms.html (sign in with the admin token in " + str(token_file) in printed


def test_a_token_file_others_can_read_is_refused(tmp_path: Path) -> None:
    loose = tmp_path / "token"
    loose.write_text("a-token-everyone-can-read\n", encoding="utf-8")
    loose.chmod(0o644)
    finished = subprocess.run(
        [sys.executable, "-m", "sandbox", "--port", "0", "--data-dir", str(tmp_path / "d"),
         f"--admin-token-file={loose}"],
        capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 2
    assert "chmod 600" in finished.stderr
    assert "a-token-everyone-can-read" not in finished.stdout + finished.stderr


def test_wrong_tokens_are_refused_with_429_after_the_limit(
        sandbox: SandboxProcess, elsewhere: httpx.Client) -> None:
    wrong = {"X-Admin-Token": "guess"}
    right = {"X-Admin-Token": sandbox.admin_token}
    answers = [elsewhere.get("/admin/faults", headers=wrong).status_code
               for _ in range(ALLOWED_FAILURES)]
    assert answers == [401] * ALLOWED_FAILURES
    locked = elsewhere.get("/admin/faults", headers=wrong)
    assert locked.status_code == 429
    assert locked.json()["code"] == "too_many_requests"
    assert 1 <= int(locked.headers["retry-after"]) <= 60
    # While locked out even the right token is refused: guessing learns nothing.
    assert elsewhere.get("/admin/faults", headers=right).status_code == 429
    assert elsewhere.post("/admin/login", data={"token": "guess"}).status_code == 429
    # Only that address is locked out; the admin reset clears the counts.
    assert sandbox.admin.faults().fail_next == 0
    sandbox.admin.reset(data=False)
    assert elsewhere.get("/admin/faults", headers=right).status_code == 200


def test_the_sms_page_signs_in_with_a_form_not_a_url(sandbox: SandboxProcess,
                                                     web: httpx.Client) -> None:
    web.post(f"{sandbox.base_url}/identity/otp",
                 json={"national_id": CLEAN.national_id, "mobile": CLEAN.mobile},
                 headers={"Authorization": f"Bearer {sandbox.api_key}",
                          "Idempotency-Key": "0b9e6f3c-2f7a-4f39-9d43-0d3d2b4f5a61"})
    to_form = web.get("/admin/sms.html").headers["location"]
    assert to_form == "/admin/login?next=%2Fadmin%2Fsms.html"
    by_url = web.get("/admin/sms.html", params={"token": sandbox.admin_token})
    assert by_url.status_code == 303  # a token in the URL is not accepted
    form = web.get(to_form)
    assert "method='post' action='/admin/login?next=%2Fadmin%2Fsms.html" in form.text
    assert "رمز المشرف" in form.text
    assert "Admin token" in web.get(to_form + "&lang=en").text
    wrong = web.post("/admin/login?lang=en", data={"token": "guess"})
    assert wrong.status_code == 401
    assert "The admin token is wrong." in wrong.text
    signed_in = web.post(to_form, data={"token": sandbox.admin_token})
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/admin/sms.html"
    cookie = signed_in.headers["set-cookie"].lower()
    for attribute in ("httponly", "secure", "samesite=strict", "path=/admin"):
        assert attribute in cookie
    assert sandbox.admin_token.lower() not in cookie
    page = web.get("/admin/sms.html")
    assert page.status_code == 200
    assert "dir='rtl'" in page.text
    assert CLEAN.mobile in page.text
    assert "أمانة الأحساء" in page.text
    # The cookie opens this read-only page and nothing else.
    assert web.get("/admin/faults").status_code == 401


def test_the_sms_page_stays_readable_on_a_phone(
        sandbox: SandboxProcess, web: httpx.Client, browser: BrowserContext,
        tmp_path: Path) -> None:
    web.post(f"{sandbox.base_url}/identity/otp",
             json={"national_id": CLEAN.national_id, "mobile": CLEAN.mobile},
             headers={"Authorization": f"Bearer {sandbox.api_key}",
                      "Idempotency-Key": "5c0e2b0a-41f4-4a4e-9b0b-7b1b8f3c2d10"})
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, sandbox.origin, sandbox.admin_token, "/admin/sms.html")
    page.wait_for_selector("table")
    keep_screenshot(page, tmp_path / "sms-outbox-ar-360.png", "sms")
    # Nothing wider than the phone, and no line of one character: each message is a card.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    widths = page.eval_on_selector_all("tbody td", "cells => cells.map(c => c.clientWidth)")
    assert widths
    assert min(widths) > PHONE["width"] // 2
    # References and codes stay whole and in order: one line each, never broken at "-".
    runs = page.eval_on_selector_all(
        "tbody td bdi.num", "runs => runs.map(r => [r.textContent, r.getClientRects().length])")
    assert any(text.count("-") for text, _ in runs)
    assert all(lines == 1 for _, lines in runs), runs
    page.close()
