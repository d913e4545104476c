"""Nothing of a beneficiary reaches the operators: a demo person identifies on the real
kiosk (their name on screen, a token in the session) and calls for staff while it
heartbeats every second; then neither the metrics, nor the stored heartbeat, nor the
operator console's fleet and kiosk pages, nor any log line of the kiosk or the sandbox
carries their ID, mobile, name or token."""

from __future__ import annotations

import logging

import httpx
import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.journeys.identify import require_identity
from kiosk.logs import JsonFormatter
from sandbox.runner import SandboxProcess
from sandbox.seed import OWNER
from tests.fixtures.kiosk import identify_on_screen


def _console_pages(sandbox: SandboxProcess, kiosk_id: str) -> str:
    """The fleet and the kiosk's page in both languages, as a signed-in operator sees them."""
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context()) as operator:
        signed = operator.post("/admin/login", data={"token": sandbox.admin_token})
        assert signed.status_code == 303
        pages = []
        for path in ("/admin/fleet.html", f"/admin/kiosks/{kiosk_id}.html"):
            for language in ("ar", "en"):
                shown = operator.get(path, params={"lang": language})
                assert shown.status_code == 200
                pages.append(shown.text)
    return "\n".join(pages)


def test_no_metric_heartbeat_or_log_line_carries_personal_data(
        heartbeating_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess,
        caplog: pytest.LogCaptureFixture) -> None:
    kiosk = heartbeating_kiosk
    caplog.set_level(logging.DEBUG)
    kiosk_id = kiosk.config.kiosk.id

    def heard() -> object:
        return {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[kiosk_id].last_heartbeat_at

    require_identity(kiosk, "licences")
    identify_on_screen(kiosk, qtbot, sandbox, OWNER)
    assert kiosk.session.identified
    token = kiosk.session.token
    assert token
    kiosk.call_staff()
    # Heartbeats taken while the person is there, with the call for staff open.
    before = heard()
    qtbot.waitUntil(lambda: heard() != before, timeout=15000)
    during = heard()
    qtbot.waitUntil(lambda: heard() != during, timeout=15000)
    stored = {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[kiosk_id]
    assert any(c.details.get("staff_called") is True for c in stored.components)
    # The operators' pages while the person is still there, the call for staff open.
    during = _console_pages(sandbox, kiosk_id)
    assert "a beneficiary has called for staff" in during
    kiosk.end_session("finished")

    with httpx.Client(verify=sandbox.ssl_context(), headers={
            "Authorization": f"Bearer {sandbox.scrape_token}"}) as scrape:
        metrics = scrape.get(sandbox.metrics_url).text
    assert f'kiosk_staff_called{{kiosk_id="{kiosk_id}"}} 1.0' in metrics
    heartbeat = sandbox.admin.fleet().model_dump_json()
    console = during + "\n" + _console_pages(sandbox, kiosk_id)
    formatter = JsonFormatter()
    log_lines = "\n".join(formatter.format(record) for record in caplog.records)
    # Before the formatter's own masking: messages and extra fields as the code wrote them.
    raw = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    sandbox_log = sandbox.log_path.read_text(encoding="utf-8", errors="replace")
    personal = (OWNER.national_id, OWNER.mobile, OWNER.name_ar, OWNER.name_en, token)
    for where, text in (("metrics", metrics), ("stored heartbeat", heartbeat),
                        ("console pages", console),
                        ("kiosk log lines", log_lines), ("sandbox log", sandbox_log)):
        for value in personal:
            assert value not in text, f"{where} carries personal data"
    for value in (OWNER.name_ar, OWNER.name_en, token):
        assert value not in raw, "a log record carries personal data"
