"""The pilot's figures at the municipality: events in over the contract (HTTPS, the kiosk's
own client), funnels and daily use out as JSON and as a CSV a spreadsheet opens intact.

Several seeded kiosks report with their own keys; the report is read the way an
operator's tool reads it (admin token) and checked against what was sent.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import AuthError, RejectedError
from kiosk.api.schema import JourneyEvent, JourneyEvents
from kiosk.domain.dates import local_day
from kiosk.domain.pilot import AbandonReason, EventKind, FailureKind, Journey, JourneyStep
from sandbox.runner import SandboxProcess
from sandbox.seed import KIOSKS
from tests.fixtures.sandbox import settings_for

HOFUF = next(k for k in KIOSKS if k.id == "AHS-HOF-01")
MALL = next(k for k in KIOSKS if k.id == "AHS-MUB-01")
K = EventKind


def today() -> date:
    return local_day(datetime.now(UTC))


@pytest.fixture
def web(sandbox: SandboxProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context(),
                      headers={"X-Admin-Token": sandbox.admin_token}) as client:
        yield client


def client_of(sandbox: SandboxProcess, key: str) -> MunicipalityClient:
    return MunicipalityClient(settings_for(sandbox, api_key=key), retry_delay_s=0.05)


def ev(kind: EventKind, journey: Journey | None = None, step: JourneyStep | None = None,
       reason: AbandonReason | None = None, failure: FailureKind | None = None) -> JourneyEvent:
    return JourneyEvent(kind=kind, journey=journey, step=step, reason=reason, failure=failure)


PAID = [ev(K.SESSION_STARTED), ev(K.JOURNEY_CHOSEN, Journey.PAY),
        ev(K.STEP_REACHED, Journey.PAY, JourneyStep.IDENTITY),
        ev(K.STEP_REACHED, Journey.PAY, JourneyStep.INVOICES),
        ev(K.STEP_REACHED, Journey.PAY, JourneyStep.CONFIRM),
        ev(K.STEP_REACHED, Journey.PAY, JourneyStep.CARD), ev(K.COMPLETED, Journey.PAY)]
DECLINED = [ev(K.SESSION_STARTED), ev(K.JOURNEY_CHOSEN, Journey.PAY),
            ev(K.STEP_REACHED, Journey.PAY, JourneyStep.IDENTITY),
            ev(K.STEP_REACHED, Journey.PAY, JourneyStep.INVOICES),
            ev(K.STEP_REACHED, Journey.PAY, JourneyStep.CONFIRM),
            ev(K.STEP_REACHED, Journey.PAY, JourneyStep.CARD),
            ev(K.FAILED, Journey.PAY, JourneyStep.CARD, failure=FailureKind.DECLINED),
            ev(K.ABANDONED, Journey.PAY, JourneyStep.CARD, AbandonReason.TIMEOUT)]
WALKED_AWAY = [ev(K.SESSION_STARTED), ev(K.JOURNEY_CHOSEN, Journey.ISSUE),
               ev(K.STEP_REACHED, Journey.ISSUE, JourneyStep.INTRO),
               ev(K.ABANDONED, Journey.ISSUE, JourneyStep.INTRO, AbandonReason.HOME)]


def funnel(report: dict[str, Any], journey: Journey) -> dict[str, Any]:
    [found] = [j for j in report["journeys"] if j["journey"] == journey.value]
    return found


def test_a_repeated_batch_is_counted_once_and_the_funnel_adds_up(
        sandbox: SandboxProcess) -> None:
    day = today()
    key = str(uuid.uuid4())
    with client_of(sandbox, HOFUF.key) as hofuf, client_of(sandbox, MALL.key) as mall:
        first = hofuf.record_events(HOFUF.id, JourneyEvents(day=day, events=PAID), key)
        again = hofuf.record_events(HOFUF.id, JourneyEvents(day=day, events=PAID), key)
        hofuf.record_events(HOFUF.id, JourneyEvents(day=day, events=DECLINED),
                            str(uuid.uuid4()))
        mall.record_events(MALL.id, JourneyEvents(day=day - timedelta(days=1),
                                                  events=WALKED_AWAY), str(uuid.uuid4()))
    assert first.accepted == again.accepted == len(PAID)
    report = sandbox.admin.pilot((day - timedelta(days=6)).isoformat(), day.isoformat())
    assert report["from"] == (day - timedelta(days=6)).isoformat()
    assert report["time_zone"] == "Asia/Riyadh"
    assert report["sessions"] == 3
    pay = funnel(report, Journey.PAY)
    assert pay["started"] == 2
    assert [(s["step"], s["reached"]) for s in pay["steps"]] == [
        ("identity", 2), ("invoices", 2), ("confirm", 2), ("card", 2)]
    assert pay["completed"] == 1
    assert pay["abandoned"] == [{"step": "card", "reason": "timeout", "count": 1}]
    assert pay["failures"] == [{"failure": "declined", "count": 1}]
    issue = funnel(report, Journey.ISSUE)
    assert (issue["started"], issue["completed"]) == (1, 0)
    assert issue["abandoned"] == [{"step": "intro", "reason": "home", "count": 1}]
    # Every journey adds up: each one chosen ended either completed or abandoned.
    for each in report["journeys"]:
        assert each["started"] == each["completed"] + sum(a["count"] for a in each["abandoned"])
    kiosks = {k["kiosk_id"]: k for k in report["kiosks"]}
    assert {k.id for k in KIOSKS if k.active} <= set(kiosks)  # unused kiosks show as zero
    assert (kiosks[HOFUF.id]["sessions"], kiosks[HOFUF.id]["completed"]) == (2, 1)
    days = {d["day"]: d for d in kiosks[MALL.id]["days"]}
    assert len(days) == 7
    assert days[(day - timedelta(days=1)).isoformat()]["abandoned"] == 1
    assert days[day.isoformat()]["sessions"] == 0
    assert kiosks["AHS-OYN-01"]["sessions"] == 0


def test_the_default_range_is_the_last_seven_riyadh_days(sandbox: SandboxProcess) -> None:
    report = sandbox.admin.pilot()
    assert report["to"] == today().isoformat()
    assert report["from"] == (today() - timedelta(days=6)).isoformat()


def test_a_kiosk_reports_only_for_itself_and_only_up_to_today(
        sandbox: SandboxProcess) -> None:
    with client_of(sandbox, HOFUF.key) as hofuf:
        with pytest.raises(RejectedError) as other:
            hofuf.record_events(MALL.id, JourneyEvents(day=today(), events=PAID),
                                str(uuid.uuid4()))
        with pytest.raises(RejectedError) as ahead:
            hofuf.record_events(HOFUF.id, JourneyEvents(day=today() + timedelta(days=3),
                                                        events=PAID), str(uuid.uuid4()))
    # 422, not 403: the outbox parks such a batch instead of holding up payments behind it.
    assert (other.value.status, other.value.code) == (422, "kiosk_id_mismatch")
    assert (ahead.value.status, ahead.value.code) == (422, "events_day_implausible")
    with client_of(sandbox, "not-a-key-of-any-kiosk") as stranger, \
            pytest.raises(AuthError):
        stranger.record_events(HOFUF.id, JourneyEvents(day=today(), events=PAID),
                               str(uuid.uuid4()))
    assert sandbox.admin.pilot()["sessions"] == 0


def test_an_event_with_anything_but_its_words_is_refused(sandbox: SandboxProcess) -> None:
    with httpx.Client(verify=sandbox.ssl_context(),
                      headers={"Authorization": f"Bearer {HOFUF.key}"}) as raw:
        for event in ({"kind": "session_started", "mobile": "0551234567"},
                      {"kind": "journey_chosen", "journey": "Ahmed"},
                      {"kind": "failed", "failure": "declined", "reference": "1447-000101"}):
            answer = raw.post(f"{sandbox.base_url}/kiosks/{HOFUF.id}/events",
                              json={"day": today().isoformat(), "events": [event]},
                              headers={"Idempotency-Key": str(uuid.uuid4())})
            assert answer.status_code == 422
            assert answer.json()["code"] == "invalid_request"
    assert sandbox.admin.records("pilot_counts") == []


@pytest.mark.parametrize(("params", "code", "field"), [
    ({"from": "2025-02-30"}, "date_invalid", "from"),
    ({"to": "yesterday"}, "date_invalid", "to"),
    ({"from": "01/03/2025", "to": "2025-03-05"}, "date_invalid", "from"),
    ({"from": "2025-03-05", "to": "2025-03-01"}, "date_range_reversed", "from"),
    ({"from": "2023-01-01", "to": "2025-03-01"}, "date_range_too_long", "from"),
])
def test_bad_dates_are_one_clear_422(web: httpx.Client, params: dict[str, str], code: str,
                                     field: str) -> None:
    for path in ("/admin/pilot", "/admin/pilot.csv"):
        answer = web.get(path, params=params)
        assert answer.status_code == 422
        body = answer.json()
        assert body["code"] == code
        assert body["problems"][0]["field"] == field
        assert body["message_en"]
        assert body["message_ar"]


def test_the_figures_need_the_admin_token_or_an_operator(sandbox: SandboxProcess) -> None:
    with httpx.Client(base_url=sandbox.origin, verify=sandbox.ssl_context()) as anonymous:
        assert anonymous.get("/admin/pilot").status_code == 401
        assert anonymous.get("/admin/pilot.csv").status_code == 401
        assert anonymous.get("/admin/pilot", headers={"X-Admin-Token": "guess"}).status_code \
            == 401


def test_the_csv_opens_in_a_spreadsheet_with_the_arabic_intact(
        sandbox: SandboxProcess, web: httpx.Client) -> None:
    day = today()
    with client_of(sandbox, MALL.key) as mall:
        mall.record_events(MALL.id, JourneyEvents(day=day, events=DECLINED),
                           str(uuid.uuid4()))
    answer = web.get("/admin/pilot.csv", params={"from": day.isoformat(),
                                                 "to": day.isoformat()})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == \
        f'attachment; filename="pilot-{day.isoformat()}-{day.isoformat()}.csv"'
    # The UTF-8 byte order mark first: Excel then reads UTF-8, not the legacy code page.
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert sum(int(r["count"]) for r in rows) == len(DECLINED)
    declined = next(r for r in rows if r["failure"] == "declined")
    assert declined["location_ar"] == MALL.location_ar == "العثيم مول المبرز"
    assert declined["failure_ar"] == "رفض البطاقة"
    assert declined["journey_ar"] == "السداد"
    assert declined["step_ar"] == "الدفع بالبطاقة"
    assert declined["kiosk_id"] == MALL.id
    assert declined["day"] == day.isoformat()
    # Encoded as UTF-8 bytes, not escaped or transliterated.
    assert "العثيم مول المبرز".encode() in answer.content
