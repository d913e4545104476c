"""The fleet and a kiosk's page in a real headless browser (Debian's chromium, driven by
Playwright), with a real kiosk heartbeating: an operator reads the fleet table, opens the
kiosk, asks it for a screenshot and sees it, takes it out of service with a reason and
back, in Arabic (right to left) and English, at 1280 px and on a 360 px phone.

Other kiosks call in over the contract with their own keys: one falls silent (the
sandbox's clock moves on two hours, so it is down), one reports its paper out and a call
for staff. Screenshots go to the test's tmp dir and to var/screenshots/console/.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import FleetKiosk, JourneyEvent, JourneyEvents
from kiosk.app import Kiosk
from kiosk.domain.dates import local_day
from kiosk.domain.pilot import AbandonReason, EventKind, FailureKind, Journey, JourneyStep
from sandbox.runner import SandboxProcess
from sandbox.seed import DEMO_KIOSK, KIOSKS
from tests.fixtures.browser import PHONE, operator_page
from tests.fixtures.sandbox import settings_for
from tests.sandbox.console.test_pilot_page import WIDE, assert_numbers_whole, shoot
from tests.sandbox.test_fleet import beat

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

SILENT = next(k for k in KIOSKS if k.id == "AHS-MUB-01")
CALLING = next(k for k in KIOSKS if k.id == "AHS-HOF-01")
REASON_AR = "مغلق للصيانة حتى الساعة 14:00"
REASON_EN = "Closed for maintenance until 14:00"


def _send(sandbox: SandboxProcess, key: str, kiosk_id: str, **changes: Any) -> None:
    with httpx.Client(base_url=sandbox.base_url, verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {key}"}) as http:
        answer = http.post(f"/kiosks/{kiosk_id}/heartbeat", json=beat(kiosk_id, **changes))
        assert answer.status_code == 200, answer.text


def _state(sandbox: SandboxProcess, kiosk_id: str) -> FleetKiosk:
    return {k.kiosk_id: k for k in sandbox.admin.fleet().kiosks}[kiosk_id]


def _heard_again(sandbox: SandboxProcess, kiosk_id: str, qtbot: QtBot) -> None:
    before = _state(sandbox, kiosk_id).last_heartbeat_at
    qtbot.waitUntil(lambda: _state(sandbox, kiosk_id).last_heartbeat_at != before,
                    timeout=15000)


@pytest.fixture
def fleet(heartbeating_kiosk: Kiosk, sandbox: SandboxProcess, qtbot: QtBot) -> Kiosk:
    """The real kiosk heartbeating every second, one kiosk fallen silent two hours ago, one
    with its paper out and a call for staff, and a printer failure counted at the real
    kiosk (anonymous, as every count is)."""
    kiosk = heartbeating_kiosk
    kiosk_id = kiosk.config.kiosk.id
    _heard_again(sandbox, kiosk_id, qtbot)
    _send(sandbox, SILENT.key, SILENT.id)
    sandbox.admin.advance_clock(2)
    _send(sandbox, CALLING.key, CALLING.id, in_service=True, components=[
        {"component": "printer", "status": "error", "summary": "printer is out of paper",
         "details": {"state": "paper out"}},
        {"component": "payment_terminal", "status": "error", "summary": "not answering"},
        {"component": "assistance", "status": "warning", "summary": "staff called",
         "details": {"staff_called": True}},
        {"component": "offline_queue", "status": "warning", "summary": "3 request(s) waiting",
         "details": {"pending": 3, "in_flight": 0, "dead": 1, "oldest_pending_age_s": 1260.0,
                     "online": True}}])
    _heard_again(sandbox, kiosk_id, qtbot)  # its two hours of silence end: one outage
    today = local_day(datetime.now(UTC))
    events = [JourneyEvent(kind=EventKind.SESSION_STARTED),
              JourneyEvent(kind=EventKind.JOURNEY_CHOSEN, journey=Journey.TRACK),
              JourneyEvent(kind=EventKind.STEP_REACHED, journey=Journey.TRACK,
                           step=JourneyStep.NUMBER),
              JourneyEvent(kind=EventKind.FAILED, journey=Journey.TRACK,
                           step=JourneyStep.NUMBER, failure=FailureKind.PRINTER),
              JourneyEvent(kind=EventKind.ABANDONED, journey=Journey.TRACK,
                           step=JourneyStep.NUMBER, reason=AbandonReason.CANCEL)]
    assert kiosk_id == DEMO_KIOSK.id
    with MunicipalityClient(settings_for(sandbox, api_key=DEMO_KIOSK.key)) as client:
        client.record_events(kiosk_id, JourneyEvents(day=today, events=events),
                             str(uuid.uuid4()))
    return kiosk


@pytest.fixture
def operator(browser: BrowserContext, sandbox: SandboxProcess) -> Iterator[Page]:
    """A page signed in through the form; nothing is ever loaded from elsewhere."""
    with operator_page(browser, sandbox.origin, sandbox.admin_token, "/admin/",
                       "**/admin/fleet.html**") as page:
        yield page


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _row(page: Page, kiosk_id: str) -> str:
    return page.locator(f"table.fleet tr:has(a[href*='/admin/kiosks/{kiosk_id}.html'])") \
        .inner_text()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "phone"])
def test_the_fleet_table_in_arabic_then_english(
        fleet: Kiosk, operator: Page, sandbox: SandboxProcess, viewport: dict[str, int],
        tmp_path: Path) -> None:
    page = operator
    width = viewport["width"]
    page.set_viewport_size(viewport)
    page.reload()
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.inner_text("h1") == "الأجهزة"
    assert page.get_attribute("nav a[aria-current=page]", "href") == "/admin/fleet.html?lang=ar"
    assert page.locator("table.fleet tbody tr").count() == len(sandbox.admin.fleet().kiosks)
    real = _row(page, fleet.config.kiosk.id)
    assert "يعمل" in real
    assert "منذ" in real
    silent = _row(page, SILENT.id)
    assert "متوقف" in silent
    calling = _row(page, CALLING.id)
    assert "نفد" in calling  # paper out
    assert "عطل" in calling  # the terminal
    assert "3 منتظرة" in calling
    assert "1 مرفوضة" in calling
    assert "لم يتصل بعد" in _row(page, "AHS-OYN-01")
    assert_numbers_whole(page)
    _fits(page, width)
    shoot(page, tmp_path, f"fleet-ar-{width}")

    page.click("header a[hreflang=en]")
    page.wait_for_url("**lang=en**")
    assert page.get_attribute("html", "dir") == "ltr"
    assert "Down" in _row(page, SILENT.id)
    calling = _row(page, CALLING.id)
    assert "Out" in calling  # paper
    assert "Yes" in calling  # staff called
    assert_numbers_whole(page)
    _fits(page, width)
    shoot(page, tmp_path, f"fleet-en-{width}")


def _img_loaded(page: Page) -> bool:
    return bool(page.evaluate(
        "() => { const i = document.querySelector('figure.shot img');"
        " return !!i && i.complete && i.naturalWidth > 0; }"))


def test_a_kiosks_page_screenshot_and_out_of_service(
        fleet: Kiosk, operator: Page, sandbox: SandboxProcess, qtbot: QtBot,
        tmp_path: Path) -> None:
    page = operator
    kiosk_id = fleet.config.kiosk.id
    page.set_viewport_size(WIDE)
    page.click(f"a[href*='/admin/kiosks/{kiosk_id}.html']")
    page.wait_for_url(f"**/admin/kiosks/{kiosk_id}.html**")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("nav a[aria-current=page]", "href") == "/admin/fleet.html?lang=ar"
    assert "لا توجد لقطة بعد." in page.inner_text("main")

    # Ask for a screenshot: the real kiosk takes it (no session runs) and sends it with a
    # heartbeat; the page shows it.
    page.click("#screenshot")
    page.wait_for_url("**done=screenshot**")
    assert "طُلبت لقطة شاشة" in page.inner_text("[role=status]")
    qtbot.waitUntil(lambda: _state(sandbox, kiosk_id).screenshot_at is not None, timeout=20000)
    page.goto(page.url.replace("done=screenshot&", ""))
    page.wait_for_function("() => { const i = document.querySelector('figure.shot img');"
                           " return !!i && i.complete && i.naturalWidth > 0; }")
    assert _img_loaded(page)
    text = page.inner_text("main")
    assert "الطابعة" in text  # its parts, by name
    assert "جهاز الدفع" in text
    assert "التوقف في آخر" in text
    assert "فترات التوقف" in text  # the two hours it was silent
    assert "الطابعة · متابعة معاملة · إدخال رقم المعاملة" in text  # a failure, anonymous
    assert_numbers_whole(page)
    _fits(page, WIDE["width"])
    shoot(page, tmp_path, "kiosk-ar-1280")
    page.set_viewport_size(PHONE)
    page.reload()
    _fits(page, PHONE["width"])
    assert_numbers_whole(page)
    shoot(page, tmp_path, "kiosk-ar-phone")

    # Out of service with a reason, through the form (with its per-session token).
    page.fill("#reason_ar", REASON_AR)
    page.fill("#reason_en", REASON_EN)
    page.click("#out-of-service")
    page.wait_for_url("**done=out_of_service**")
    qtbot.waitUntil(lambda: fleet.router.current == "out_of_service", timeout=15000)
    qtbot.waitUntil(lambda: _state(sandbox, kiosk_id).in_service is False, timeout=15000)
    page.click("header a[hreflang=en]")
    page.wait_for_url("**lang=en**")
    text = page.inner_text("main")
    assert f"Out of service: {REASON_EN}" in text
    assert "Out of service asked" in page.inner_text("[role=status]")
    _fits(page, PHONE["width"])
    assert_numbers_whole(page)
    shoot(page, tmp_path, "kiosk-en-phone")
    page.set_viewport_size(WIDE)
    page.reload()
    _fits(page, WIDE["width"])
    shoot(page, tmp_path, "kiosk-en-1280")

    page.click("#in-service")
    page.wait_for_url("**done=in_service**")
    qtbot.waitUntil(lambda: fleet.router.current == "home", timeout=15000)


def test_the_forms_want_this_sessions_token(
        fleet: Kiosk, operator: Page, sandbox: SandboxProcess) -> None:
    page = operator
    kiosk_id = fleet.config.kiosk.id
    before = len(_state(sandbox, kiosk_id).commands)
    action = f"{sandbox.origin}/admin/kiosks/{kiosk_id}/actions?lang=en"
    # Another site's form (or a script) has the cookie's session but not its token.
    for form in ({"kind": "out_of_service", "reason_ar": "x", "reason_en": "x"},
                 {"kind": "screenshot", "csrf": "0" * 64}):
        answer = page.request.post(action, form=form)
        assert answer.status == 403
        assert "Nothing was done" in answer.text()
    assert len(_state(sandbox, kiosk_id).commands) == before
    # With the page's own token, but no reason: the form again, nothing queued.
    page.goto(f"{sandbox.origin}/admin/kiosks/{kiosk_id}.html?lang=en")
    token = page.get_attribute("input[name=csrf]", "value")
    assert token
    answer = page.request.post(action, form={"kind": "out_of_service", "csrf": token,
                                             "reason_ar": "", "reason_en": "Closed"})
    assert answer.status == 422
    assert "in Arabic and in English" in answer.text()
    assert len(_state(sandbox, kiosk_id).commands) == before
    sandbox.admin.reset(data=False)  # the wrong tokens above counted against this address


def test_every_part_a_kiosk_reports_has_a_name_on_the_console() -> None:
    """A kiosk's parts are named in the operator's language, none by its code name (the
    disk, added with technician mode, once showed as "disk" on the Arabic page)."""
    from kiosk.credentials import COMPONENT as CREDENTIALS
    from kiosk.devices.printer.driver import COMPONENT as PRINTER
    from kiosk.devices.terminal.driver import COMPONENT as TERMINAL
    from kiosk.health.assistance import COMPONENT as ASSISTANCE
    from kiosk.health.disk import COMPONENT as DISK
    from kiosk.health.service import COMPONENT as SERVICE
    from kiosk.technician.lock import COMPONENT as TECHNICIAN
    from sandbox.console.fleet_page import _COMPONENTS

    # The reporters that name themselves in place (api/client.py, offline_queue, catalogue).
    named_in_place = {"api", "outbox", "offline_queue", "connectivity", "catalogue"}
    reported = {CREDENTIALS, PRINTER, TERMINAL, ASSISTANCE, DISK, SERVICE, TECHNICIAN,
                *named_in_place}
    assert reported <= set(_COMPONENTS), reported - set(_COMPONENTS)
