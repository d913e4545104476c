"""The pilot's figures from real journeys: demo people use the real screens (offscreen) over
the sandbox (HTTPS), the printer and terminal emulators and the real outbox; what the
kiosk reports is what happened, reaches the municipality exactly once, and no event
carries anything of the people who used it.
"""

from __future__ import annotations

import json
from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.api.schema import JourneyEvents
from kiosk.app import Kiosk
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.domain.pilot import EventKind
from kiosk.domain.requests import RequestKind
from kiosk.flows.issue import IssueStep
from kiosk.flows.pay import PayStep
from kiosk.flows.track import TrackStep
from kiosk.journey_events import enqueue_events
from kiosk.journeys.issue import INTRO, issue_screen
from kiosk.journeys.track import track_screen
from kiosk.offline_queue import EntryState, OutboxEntry
from kiosk.screens.issue_intro import IssueIntroScreen
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, DEBTOR, DEMO_KIOSK, RESIDENT
from tests.e2e.test_issue_journey import PROFESSIONAL
from tests.e2e.test_session_exits import TRACKED, Visit, applying, licences, paying
from tests.fixtures.kiosk import seen, wait_idle

DECLINED_AMOUNT = 23_451  # ...51: the terminal emulator declines (insufficient funds)


def time_out(visit: Visit) -> None:
    """Nobody touches the kiosk until the idle timeout (made short) ends the session."""
    idle, ui = visit.kiosk.idle, visit.kiosk.config.ui
    idle.configure(idle_ms=100, warning_s=1, tick_ms=30)
    idle.poke()
    with visit.qtbot.waitSignal(idle.expired, timeout=5000):
        pass
    visit.qtbot.waitUntil(lambda: visit.kiosk.router.current == "home", timeout=5000)
    idle.configure(idle_ms=ui.idle_timeout_s * 1000, warning_s=ui.idle_warning_s)


def delivered(kiosk: Kiosk, qtbot: QtBot) -> None:
    """Waits until the outbox has sent everything it holds."""
    assert kiosk.services is not None
    outbox = kiosk.services.outbox

    def settled() -> bool:
        counts = outbox.counts()
        return counts[EntryState.PENDING] + counts[EntryState.IN_FLIGHT] == 0

    qtbot.waitUntil(settled, timeout=20000)


def funnel(report: dict[str, Any], journey: str) -> dict[str, Any]:
    [found] = [j for j in report["journeys"] if j["journey"] == journey]
    return found


def test_real_journeys_are_counted_once_and_no_event_carries_a_person(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator, terminal_emulator: TerminalEmulator) -> None:
    kiosk = live_kiosk
    assert kiosk.services is not None
    services = kiosk.services
    visit = Visit(kiosk, qtbot, sandbox, printer_emulator, terminal_emulator)
    batches: list[JourneyEvents] = []
    stored: list[OutboxEntry] = []
    tokens: list[str] = []

    def keep(batch: JourneyEvents) -> None:
        # The same outbox the app's own sink uses, on the test's thread so each batch
        # and the entry as stored can be searched.
        batches.append(batch)
        stored.append(enqueue_events(services.outbox, services.config.kiosk.id, batch))

    services.events.attach(keep)

    # 1. An application, sent and confirmed; then End session.
    applicant = applying(visit)
    tokens.append(str(kiosk.session.token))
    applicant.answer_all(PROFESSIONAL)
    applicant.submit()
    assert applicant.screen.flow.step is IssueStep.CONFIRMED
    transaction = seen(applicant.screen.done_page.reference.text())
    visit.tap(kiosk.window.end_button)

    # 2. A card declined, then Home.
    payer = paying(visit, DECLINED_AMOUNT)
    tokens.append(str(kiosk.session.token))
    invoice = payer.screen.flow.invoice
    assert invoice is not None
    payer.pay()
    assert payer.settled() is PayStep.DECLINED
    visit.tap(kiosk.window.home_button)

    # 3. Tracking while the server fails, then again once it answers; then walking away.
    delivered(kiosk, qtbot)  # the faults below are for the lookup, not for these
    sandbox.admin.set_faults(fail_next=2, fail_status=503)
    visit.tile("track")
    track = track_screen(kiosk)
    qtbot.keyClicks(track.number_page.field, TRACKED)
    visit.tap(track.number_page.continue_button)
    assert track.flow.step is TrackStep.TROUBLE
    track.flow.retry()
    wait_idle(kiosk, qtbot)
    assert track.flow.step is TrackStep.RESULT
    time_out(visit)

    # 4. My licences, then Home.
    licences(visit)
    tokens.append(str(kiosk.session.token))
    visit.tap(kiosk.window.home_button)

    # 5. A licence type chosen, then walking away from the identification it leads to:
    #    the first question's page was never on show.
    visit.tile("issue")
    intro = kiosk.router.screen(INTRO)
    assert isinstance(intro, IssueIntroScreen)
    visit.tap(intro.start_button)
    issue_page = issue_screen(kiosk)
    qtbot.waitUntil(lambda: issue_page.flow.step is IssueStep.CHOOSE_TYPE, timeout=5000)
    wait_idle(kiosk, qtbot)
    visit.tap(issue_page.type_page.choose_buttons["professional"])
    assert kiosk.router.current == "identify"
    time_out(visit)

    assert len(batches) == 5
    delivered(kiosk, qtbot)
    report = sandbox.admin.pilot()
    assert report["sessions"] == 5
    issue = funnel(report, "issue")
    assert (issue["started"], issue["completed"]) == (2, 1)
    assert {s["step"]: s["reached"] for s in issue["steps"]} == {
        "intro": 2, "licence_type": 2, "identity": 2, "details": 1, "check": 1, "fee": 1}
    assert issue["abandoned"] == [{"step": "identity", "reason": "timeout", "count": 1}]
    pay = funnel(report, "pay")
    assert (pay["started"], pay["completed"]) == (1, 0)
    assert {s["step"]: s["reached"] for s in pay["steps"]} == {
        "identity": 1, "invoices": 1, "confirm": 1, "card": 1}
    assert pay["abandoned"] == [{"step": "card", "reason": "home", "count": 1}]
    assert pay["failures"] == [{"failure": "declined", "count": 1}]
    track_funnel = funnel(report, "track")
    assert (track_funnel["started"], track_funnel["completed"]) == (1, 1)
    assert track_funnel["failures"] == [{"failure": "server", "count": 1}]
    assert track_funnel["abandoned"] == []  # done before the timeout
    mine = funnel(report, "licences")
    assert (mine["started"], mine["completed"]) == (1, 1)
    [dev] = [k for k in report["kiosks"] if k["kiosk_id"] == DEMO_KIOSK.id]
    assert (dev["sessions"], dev["completed"]) == (5, 3)

    # Exactly once: one outbox entry per session, each counted once however often sent.
    assert all(services.outbox.get(e.id).state is EntryState.DELIVERED for e in stored)
    assert len({e.idempotency_key for e in stored}) == 5

    # Nothing of the people: search every event as recorded, as stored in the outbox and
    # as counted by the municipality.
    needles = {tokens[0], tokens[1], tokens[2], transaction, invoice.number,
               str(DECLINED_AMOUNT), f"{DECLINED_AMOUNT / 100:.2f}", TRACKED}
    for person in (CLEAN, RESIDENT, DEBTOR):
        needles |= {person.national_id, person.mobile, person.name_ar, person.name_en}
    needles |= {value for value in PROFESSIONAL.values() if len(value) > 3}
    haystacks = [batch.model_dump_json() for batch in batches]
    haystacks += [json.dumps(e.payload, ensure_ascii=False) for e in stored]
    haystacks.append(json.dumps(sandbox.admin.records("pilot_counts"), ensure_ascii=False))
    for haystack in haystacks:
        for needle in needles:
            assert needle not in haystack, f"{needle!r} reached an event"
    words = {"kind", "journey", "step", "reason", "failure"}
    for batch in batches:
        for event in json.loads(batch.model_dump_json())["events"]:
            assert set(event) <= words
            assert event["kind"] in {k.value for k in EventKind}


def test_the_app_keeps_each_session_in_the_outbox_by_itself(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator, terminal_emulator: TerminalEmulator) -> None:
    kiosk = live_kiosk
    assert kiosk.services is not None
    visit = Visit(kiosk, qtbot, sandbox, printer_emulator, terminal_emulator)
    visit.tile("track")
    visit.tap(kiosk.window.home_button)
    outbox = kiosk.services.outbox

    def kept() -> list[OutboxEntry]:
        return [e for e in outbox.entries() if e.kind == RequestKind.JOURNEY_EVENTS]

    # The kiosk's own background work (not the session's): waited for by its result.
    qtbot.waitUntil(lambda: len(kept()) == 1, timeout=10000)
    delivered(kiosk, qtbot)
    [entry] = kept()
    assert entry.state is EntryState.DELIVERED
    assert entry.payload is None  # erased on delivery, like every request
    track = funnel(sandbox.admin.pilot(), "track")
    assert track["started"] == 1
    assert track["abandoned"] == [{"step": "number", "reason": "home", "count": 1}]
