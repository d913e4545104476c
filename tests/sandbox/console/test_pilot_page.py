"""The pilot page in a real headless browser (Debian's chromium, driven by Playwright):
an operator signs in, reads a funnel per journey and each kiosk's days as charts, in
Arabic (right to left) and English, on a 1280 px screen and on a phone.

The figures come in the way kiosks send them (the contract, each kiosk with its own key).
Screenshots of each page go to the test's tmp dir and to var/screenshots/console/.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import JourneyEvent, JourneyEvents
from kiosk.domain.dates import local_day
from kiosk.domain.pilot import AbandonReason, EventKind, FailureKind, Journey, JourneyStep
from sandbox.runner import SandboxProcess
from sandbox.seed import KIOSKS
from tests.fixtures.browser import PHONE, keep_screenshot, operator_page
from tests.fixtures.sandbox import settings_for

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

K = EventKind
WIDE = {"width": 1280, "height": 900}


def ev(kind: EventKind, journey: Journey | None = None, step: JourneyStep | None = None,
       reason: AbandonReason | None = None, failure: FailureKind | None = None) -> JourneyEvent:
    return JourneyEvent(kind=kind, journey=journey, step=step, reason=reason, failure=failure)


def issue_session(last: JourneyStep, *, done: bool, reason: AbandonReason = AbandonReason.TIMEOUT,
                  failure: FailureKind | None = None) -> list[JourneyEvent]:
    steps = [JourneyStep.INTRO, JourneyStep.LICENCE_TYPE, JourneyStep.IDENTITY,
             JourneyStep.DETAILS, JourneyStep.CHECK, JourneyStep.FEE]
    reached = steps[:steps.index(last) + 1]
    events = [ev(K.SESSION_STARTED), ev(K.JOURNEY_CHOSEN, Journey.ISSUE)]
    events += [ev(K.STEP_REACHED, Journey.ISSUE, s) for s in reached]
    if failure is not None:
        events.append(ev(K.FAILED, Journey.ISSUE, last, failure=failure))
    events.append(ev(K.COMPLETED, Journey.ISSUE) if done
                  else ev(K.ABANDONED, Journey.ISSUE, last, reason))
    return events


def pay_session(*, declined: bool) -> list[JourneyEvent]:
    events = [ev(K.SESSION_STARTED), ev(K.JOURNEY_CHOSEN, Journey.PAY)]
    events += [ev(K.STEP_REACHED, Journey.PAY, s) for s in
               (JourneyStep.IDENTITY, JourneyStep.INVOICES, JourneyStep.CONFIRM, JourneyStep.CARD)]
    if declined:
        return [*events, ev(K.FAILED, Journey.PAY, JourneyStep.CARD, failure=FailureKind.DECLINED),
                ev(K.ABANDONED, Journey.PAY, JourneyStep.CARD, AbandonReason.CANCEL)]
    return [*events, ev(K.COMPLETED, Journey.PAY)]


TRACKED = [ev(K.SESSION_STARTED), ev(K.JOURNEY_CHOSEN, Journey.TRACK),
           ev(K.STEP_REACHED, Journey.TRACK, JourneyStep.NUMBER),
           ev(K.STEP_REACHED, Journey.TRACK, JourneyStep.RESULT), ev(K.COMPLETED, Journey.TRACK)]


def today() -> date:
    return local_day(datetime.now(UTC))


@pytest.fixture
def reported(sandbox: SandboxProcess) -> date:
    """A week of use at three kiosks, sent over the contract with each kiosk's key."""
    plan = {
        "AHS-HOF-01": [issue_session(JourneyStep.FEE, done=True),
                       issue_session(JourneyStep.IDENTITY, done=False),
                       pay_session(declined=False), TRACKED],
        "AHS-MUB-01": [pay_session(declined=True), TRACKED, TRACKED,
                       issue_session(JourneyStep.DETAILS, done=False,
                                     reason=AbandonReason.HOME,
                                     failure=FailureKind.OFFLINE)],
        "AHS-OMR-01": [TRACKED],
    }
    last = today()
    for kiosk in KIOSKS:
        sessions = plan.get(kiosk.id)
        if not sessions:
            continue
        with MunicipalityClient(settings_for(sandbox, api_key=kiosk.key)) as client:
            for back in range(7):
                for index, events in enumerate(sessions):
                    if (back + index) % 3 == 2:
                        continue  # quieter days
                    client.record_events(kiosk.id, JourneyEvents(
                        day=last - timedelta(days=back), events=events), str(uuid.uuid4()))
    return last


@pytest.fixture
def operator(browser: BrowserContext, sandbox: SandboxProcess) -> Iterator[Page]:
    """A page signed in through the form, the way an operator does it; nothing is ever
    loaded from elsewhere."""
    with operator_page(browser, sandbox.origin, sandbox.admin_token, "/admin/pilot.html",
                       "**/admin/pilot.html") as page:
        yield page


def shoot(page: Page, tmp_path: Path, name: str) -> Path:
    return keep_screenshot(page, tmp_path / f"{name}.png", "console")


def assert_numbers_whole(page: Page) -> None:
    """Every number, day and kiosk ID is a left-to-right isolate on one line."""
    runs = page.eval_on_selector_all(
        "main bdi.num", "runs => runs.map(r => [r.textContent, r.dir, "
        "r.getClientRects().length])")
    assert runs
    assert all(direction == "ltr" and lines == 1 for _, direction, lines in runs), runs


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "phone"])
def test_the_pilot_page_in_arabic_then_english(
        operator: Page, reported: date, viewport: dict[str, int], tmp_path: Path) -> None:
    page = operator
    page.set_viewport_size(viewport)
    page.reload()
    width = viewport["width"]
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.inner_text("h1") == "أرقام التجربة"
    funnels = page.locator("table.funnel")
    assert funnels.count() == 4
    issue = page.locator("section:has(h3#j-issue)")
    assert "إصدار رخصة" in issue.inner_text()
    assert "التحقق من الهوية" in issue.inner_text()
    # Charts are inline SVG drawn by the server: one column chart per active kiosk.
    assert page.locator("svg.days").count() == sum(1 for k in KIOSKS if k.active)
    assert page.locator("img, script, link[rel=stylesheet]").count() == 0
    # In Arabic a partial bar grows from the right edge.
    xs = page.eval_on_selector_all(
        "table.funnel svg.bar rect:nth-child(2)",
        "bars => bars.map(b => [Number(b.getAttribute('x')), Number(b.getAttribute('width'))])")
    assert any(0 < w < 100 and abs(x + w - 100) < 0.01 for x, w in xs), xs
    assert_numbers_whole(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, tmp_path, f"pilot-ar-{width}")

    page.click("header a[hreflang=en]")
    page.wait_for_url("**lang=en**")
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.inner_text("h1") == "Pilot figures"
    assert "Issue a licence" in page.locator("section:has(h3#j-issue)").inner_text()
    xs = page.eval_on_selector_all(
        "table.funnel svg.bar rect:nth-child(2)",
        "bars => bars.map(b => Number(b.getAttribute('x')))")
    assert set(xs) == {0}
    assert_numbers_whole(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, tmp_path, f"pilot-en-{width}")
    # The navigation keeps the language.
    assert page.get_attribute("nav a[aria-current=page]", "href") == \
        "/admin/pilot.html?lang=en"


def test_the_range_form_and_a_bad_date(operator: Page, reported: date, sandbox: SandboxProcess,
                                       tmp_path: Path) -> None:
    page = operator
    page.set_viewport_size(WIDE)
    day = reported.isoformat()
    page.fill("#from", day)
    page.fill("#to", day)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**from={day}**")
    assert f"from={day}" in page.url
    assert f"to={day}" in page.url
    summary = page.inner_text("main > p:not(.muted)")
    assert day in summary
    csv_link = page.get_attribute("a[download]", "href")
    assert csv_link == f"/admin/pilot.csv?from={day}&to={day}&lang=ar"
    # The CSV opens with the operator's session (no token needed in the browser).
    answer = page.request.get(f"{sandbox.origin}{csv_link}")
    assert answer.status == 200
    assert answer.body().startswith(b"\xef\xbb\xbf")

    shown = page.goto(f"{sandbox.origin}/admin/pilot.html?from=2025-02-30&lang=en")
    assert shown is not None
    assert shown.status == 422
    alert = page.inner_text("[role=alert]")
    assert alert == ("The 'from' day is not a date. Write it as YYYY-MM-DD, for example "
                     "2025-03-01.")
    assert page.locator("table.funnel").count() == 0
    shoot(page, tmp_path, "pilot-bad-date-en-1280")


def test_the_sign_in_page_in_both_languages(browser: BrowserContext, sandbox: SandboxProcess,
                                            tmp_path: Path) -> None:
    browser.clear_cookies()
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{sandbox.origin}/admin/login")
    assert page.get_attribute("html", "dir") == "rtl"
    page.fill("#token", "guess")
    page.click("button[type=submit]")
    assert page.inner_text("[role=alert]") == "رمز المشرف غير صحيح."
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, tmp_path, "sign-in-ar-phone")
    page.goto(f"{sandbox.origin}/admin/login?lang=en")
    assert page.inner_text("label[for=token]") == "Admin token"
    assert page.locator("nav").count() == 0  # no pages to offer before signing in
    shoot(page, tmp_path, "sign-in-en-phone")
    page.close()
    sandbox.admin.reset(data=False)  # the wrong token above counted against this address
