"""Every way out of every journey ends the beneficiary's session: the next person at the
kiosk finds Home in the kiosk's own language, and My licences, Issue and Pay each ask them
who they are. Driven on the real screens over the sandbox (HTTPS) and both emulators.

The exits are the ones a person reads as "I am done" or "I walked away": Finish, Stop,
Home, Back out of the journey, Cancel, the idle timeout, switching language on the way,
and the printer and terminal failure pages.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QTextEdit
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import KioskConfig, Language
from kiosk.devices.emulators.printer import PrinterEmulator
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal.messages import AbortRequest, PurchaseRequest
from kiosk.devices.terminal.open_purchase import FILENAME, state_dir
from kiosk.flows.issue import IssueStep
from kiosk.flows.pay import PayStep
from kiosk.journeys.issue import INTRO, issue_screen
from kiosk.journeys.track import licences_screen, track_screen
from kiosk.screens.home import HomeScreen
from kiosk.screens.issue_intro import IssueIntroScreen
from kiosk.shell.signals import QuitOnSignals
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, DEBTOR, RESIDENT, DemoPerson
from tests.e2e.test_issue_journey import PROFESSIONAL
from tests.e2e.test_issue_journey import Beneficiary as Applicant
from tests.e2e.test_pay_journey import Beneficiary as Payer
from tests.fixtures.kiosk import identify_on_screen, tap, wait_idle
from tests.flows.test_pay import seed_invoice

TRACKED = "1447-000105"  # a seeded, issued transaction; tracking needs no identification
# The tracking exit leaves no person behind, only the number that was typed.
NOBODY = DemoPerson(TRACKED, TRACKED, TRACKED, TRACKED)


@dataclass
class Visit:
    kiosk: Kiosk
    qtbot: QtBot
    sandbox: SandboxProcess
    printer: PrinterEmulator
    terminal: TerminalEmulator

    def tap(self, widget: QAbstractButton, *, wait: bool = True) -> None:
        tap(self.kiosk, self.qtbot, widget, wait=wait)

    def tile(self, service: str) -> None:
        home = self.kiosk.router.screen("home")
        assert isinstance(home, HomeScreen)
        self.tap(home.tiles[service])


# --- the journeys, each left at a point where the person is identified ----------------------


def paying(visit: Visit, amount: int = 23_400) -> Payer:
    payer = Payer(visit.kiosk, visit.qtbot, visit.sandbox)
    number = seed_invoice(visit.sandbox, amount)
    payer.open_and_identify()
    payer.choose(number)
    return payer


def paid(visit: Visit) -> Payer:
    payer = paying(visit)
    payer.pay()
    assert payer.settled() is PayStep.DONE
    return payer


def licences(visit: Visit) -> None:
    visit.tile("licences")
    identify_on_screen(visit.kiosk, visit.qtbot, visit.sandbox, DEBTOR)
    assert visit.kiosk.router.current == "licences"
    visit.qtbot.waitUntil(lambda: bool(licences_screen(visit.kiosk).licence_cards))


def applying(visit: Visit) -> Applicant:
    applicant = Applicant(visit.kiosk, visit.qtbot, visit.sandbox)
    applicant.open_journey()
    applicant.choose("professional", CLEAN)
    return applicant


# --- the exits ---------------------------------------------------------------------------


def pay_finish(visit: Visit) -> DemoPerson:
    payer = paid(visit)
    payer.tap(payer.screen.done_page.finish_button)
    return RESIDENT


def pay_stop_after_decline(visit: Visit) -> DemoPerson:
    payer = paying(visit, 23_451)  # ...51: the emulator declines (insufficient funds)
    payer.pay()
    assert payer.settled() is PayStep.DECLINED
    payer.tap(payer.screen.problem_page.stop_button)
    return RESIDENT


def pay_stop_terminal_unavailable(visit: Visit) -> DemoPerson:
    payer = paying(visit)
    visit.terminal.unplug()
    payer.pay()
    assert payer.settled() is PayStep.NOT_CHARGED
    payer.tap(payer.screen.problem_page.stop_button)
    return RESIDENT


def pay_finish_out_of_paper(visit: Visit) -> DemoPerson:
    visit.printer.set_state(paper_out=True)
    payer = paid(visit)
    assert payer.screen.done_page.qr.isVisible()  # the receipt, on screen
    payer.tap(payer.screen.done_page.finish_button)
    return RESIDENT


def pay_home(visit: Visit) -> DemoPerson:
    paying(visit)
    visit.tap(visit.kiosk.window.home_button)
    return RESIDENT


def pay_back_out(visit: Visit) -> DemoPerson:
    paying(visit)
    while visit.kiosk.router.current != "home":
        visit.tap(visit.kiosk.window.back_button)
    return RESIDENT


def pay_cancel(visit: Visit) -> DemoPerson:
    paying(visit)
    visit.tap(visit.kiosk.window.end_button)
    return RESIDENT


def pay_timeout(visit: Visit) -> DemoPerson:
    paying(visit)
    visit.kiosk.idle.configure(idle_ms=100, warning_s=2, tick_ms=30)
    visit.kiosk.idle.poke()
    with visit.qtbot.waitSignal(visit.kiosk.idle.expired, timeout=5000):
        pass
    return RESIDENT


def pay_in_english_then_home(visit: Visit) -> DemoPerson:
    paying(visit)
    visit.tap(visit.kiosk.window.language_button)
    assert visit.kiosk.language.current is Language.ENGLISH
    visit.tap(visit.kiosk.window.home_button)
    return RESIDENT


def licences_home(visit: Visit) -> DemoPerson:
    licences(visit)
    visit.tap(visit.kiosk.window.home_button)
    return DEBTOR


def licences_back_out(visit: Visit) -> DemoPerson:
    licences(visit)
    visit.tap(visit.kiosk.window.back_button)
    return DEBTOR


def licences_printed_out_of_paper_then_home(visit: Visit) -> DemoPerson:
    visit.printer.set_state(paper_out=True)
    licences(visit)
    screen = licences_screen(visit.kiosk)
    visit.tap(screen.licence_cards[0].print_button)
    wait_idle(visit.kiosk, visit.qtbot)
    visit.tap(visit.kiosk.window.home_button)
    return DEBTOR


def track_home_after_a_lookup(visit: Visit) -> DemoPerson:
    visit.tile("track")
    screen = track_screen(visit.kiosk)
    visit.qtbot.keyClicks(screen.number_page.field, TRACKED)
    visit.tap(screen.number_page.continue_button)
    assert screen.timeline.cards
    visit.tap(visit.kiosk.window.home_button)
    return NOBODY


def issue_home_mid_form(visit: Visit) -> DemoPerson:
    applying(visit)
    visit.tap(visit.kiosk.window.home_button)
    return CLEAN


def issue_pay_later_and_finish(visit: Visit) -> DemoPerson:
    applicant = applying(visit)
    applicant.answer_all(PROFESSIONAL)
    applicant.submit()
    assert applicant.screen.flow.step is IssueStep.CONFIRMED
    applicant.tap(applicant.screen.done_page.finish_button)
    return CLEAN


EXITS: dict[str, Callable[[Visit], DemoPerson]] = {
    "pay: finish after paying": pay_finish,
    "pay: stop after a decline": pay_stop_after_decline,
    "pay: stop when the terminal is unavailable": pay_stop_terminal_unavailable,
    "pay: finish with the receipt on screen (no paper)": pay_finish_out_of_paper,
    "pay: home": pay_home,
    "pay: back out": pay_back_out,
    "pay: cancel": pay_cancel,
    "pay: idle timeout": pay_timeout,
    "pay: switch to English, then home": pay_in_english_then_home,
    "licences: home": licences_home,
    "licences: back out": licences_back_out,
    "licences: printer out of paper, then home": licences_printed_out_of_paper_then_home,
    "track: home after looking a transaction up": track_home_after_a_lookup,
    "issue: home mid-form": issue_home_mid_form,
    "issue: pay later and finish": issue_pay_later_and_finish,
}


def every_text(kiosk: Kiosk) -> str:
    texts = [w.text() for w in QApplication.allWidgets()
             if isinstance(w, QLabel | QLineEdit | QAbstractButton)]
    texts += [w.toPlainText() for w in QApplication.allWidgets() if isinstance(w, QTextEdit)]
    return "\n".join(texts)


def assert_next_person_starts_afresh(visit: Visit, last: DemoPerson) -> None:
    kiosk, qtbot = visit.kiosk, visit.qtbot
    qtbot.waitUntil(lambda: kiosk.router.current == "home", timeout=5000)
    wait_idle(kiosk, qtbot)
    assert kiosk.session.empty
    assert kiosk.language.current is kiosk.language.default
    assert kiosk.keyboard is not None
    assert not kiosk.keyboard.keyboard.isVisible()  # no keypad left for the next person
    shown = every_text(kiosk)
    for value in (last.national_id, last.mobile, last.name_ar, last.name_en):
        assert value not in shown, f"{value!r} is still on a widget"

    visit.tile("licences")
    assert kiosk.router.current == "identify"
    visit.tap(kiosk.window.home_button)

    visit.tile("pay")
    assert kiosk.router.current == "identify"
    visit.tap(kiosk.window.home_button)

    visit.tile("issue")
    intro = kiosk.router.screen(INTRO)
    assert isinstance(intro, IssueIntroScreen)
    visit.tap(intro.start_button)
    screen = issue_screen(kiosk)
    qtbot.waitUntil(lambda: bool(screen.type_page.choose_buttons), timeout=5000)
    visit.tap(screen.type_page.choose_buttons["professional"])
    assert kiosk.router.current == "identify"
    visit.tap(kiosk.window.home_button)
    assert kiosk.session.empty


@pytest.mark.parametrize("leave", EXITS.values(), ids=EXITS.keys())
def test_every_exit_ends_the_session_for_the_next_person(
        leave: Callable[[Visit], DemoPerson], live_kiosk: Kiosk, qtbot: QtBot,
        sandbox: SandboxProcess, printer_emulator: PrinterEmulator,
        terminal_emulator: TerminalEmulator) -> None:
    visit = Visit(live_kiosk, qtbot, sandbox, printer_emulator, terminal_emulator)
    last = leave(visit)
    printer_emulator.set_state(paper_out=False)
    assert_next_person_starts_afresh(visit, last)


def test_sigterm_mid_payment_wipes_the_session_and_leaves_the_card_to_recovery(
        live_kiosk: Kiosk, qtbot: QtBot, sandbox: SandboxProcess,
        printer_emulator: PrinterEmulator, terminal_emulator: TerminalEmulator,
        kiosk_config: KioskConfig) -> None:
    # systemd's stop arrives while a beneficiary's card is slow on the terminal. The event
    # loop is the one `kiosk run` runs (tests/test_app_stop.py runs the real command).
    visit = Visit(live_kiosk, qtbot, sandbox, printer_emulator, terminal_emulator)
    terminal_emulator.slow_card_delay_s = 30.0
    payer = paying(visit, 23_437)  # ...37: a slow card
    payer.pay()
    qtbot.waitUntil(lambda: any(isinstance(r, PurchaseRequest)
                                for r in terminal_emulator.requests), timeout=10000)
    sender = threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGTERM))
    with QuitOnSignals(live_kiosk.app):
        sender.start()
        status = live_kiosk.app.exec()
    sender.join()
    assert status == 0
    assert live_kiosk.shutdown()  # every part stopped cleanly, the card not waited for

    assert live_kiosk.session.empty
    assert RESIDENT.national_id not in every_text(live_kiosk)
    # The purchase is left open for last-transaction recovery at the next start, and
    # nobody told the terminal to abort it.
    record = state_dir(kiosk_config.storage.data_dir) / FILENAME
    assert record.exists()
    assert not any(isinstance(r, AbortRequest) for r in terminal_emulator.requests)
