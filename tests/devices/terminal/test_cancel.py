"""Cancelling really aborts on the terminal, from another thread or by an event."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import (
    PaymentTerminal,
    PurchaseOutcome,
    PurchaseProgress,
    PurchaseResult,
    TerminalState,
)
from kiosk.devices.terminal.messages import AbortRequest, PurchaseRequest
from kiosk.devices.terminal.open_purchase import FILENAME
from kiosk.health.model import Status


def run_waiting_purchase(
    terminal: PaymentTerminal, cancel: threading.Event | None = None
) -> tuple[threading.Thread, threading.Event, list[PurchaseOutcome]]:
    waiting = threading.Event()
    results: list[PurchaseOutcome] = []

    def progress(step: PurchaseProgress) -> None:
        if step is PurchaseProgress.WAITING_FOR_CARD:
            waiting.set()

    worker = threading.Thread(
        target=lambda: results.append(terminal.purchase(5_000, "PAY-ABORT", progress, cancel))
    )
    worker.start()
    return worker, waiting, results


def test_cancel_from_another_thread_aborts_on_the_terminal(
    terminal: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    emulator.set_scenario("no_answer")  # the terminal waits for a card that never comes
    worker, waiting, results = run_waiting_purchase(terminal)
    assert waiting.wait(10)
    terminal.cancel()
    worker.join(10)
    assert not worker.is_alive()
    [outcome] = results
    assert outcome.result is PurchaseResult.CANCELLED
    assert any(isinstance(r, AbortRequest) for r in emulator.requests)
    assert emulator.purchases == []
    assert not (state_dir / FILENAME).exists()


def test_cancel_event_aborts_on_the_terminal(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    emulator.set_scenario("slow_card")
    emulator.slow_card_delay_s = 30
    cancel = threading.Event()
    worker, waiting, results = run_waiting_purchase(terminal, cancel)
    assert waiting.wait(10)
    cancel.set()
    worker.join(10)
    [outcome] = results
    assert outcome.result is PurchaseResult.CANCELLED
    assert any(isinstance(r, AbortRequest) for r in emulator.requests)
    assert emulator.purchases == []


def test_cancel_before_the_purchase_sends_nothing(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    cancel = threading.Event()
    cancel.set()
    outcome = terminal.purchase(5_000, "PAY-EARLY", cancel=cancel)
    assert outcome.result is PurchaseResult.CANCELLED
    assert not [r for r in emulator.requests if isinstance(r, PurchaseRequest)]


def test_cancel_when_idle_sends_an_abort(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    terminal.cancel()
    assert emulator.requests == [AbortRequest()]
    assert terminal.purchase(100, "PAY-AFTER-ABORT").approved


def test_status_and_health_answer_at_once_while_a_purchase_runs(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    emulator.set_scenario("no_answer")
    worker, waiting, results = run_waiting_purchase(terminal)
    try:
        assert waiting.wait(10)
        assert terminal.status().state is TerminalState.BUSY
        health = terminal.health()
        assert health.status is Status.OK
        assert health.summary == "busy with a purchase"
    finally:
        terminal.cancel()
        worker.join(10)
    assert results[0].result is PurchaseResult.CANCELLED
