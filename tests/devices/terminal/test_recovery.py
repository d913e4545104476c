"""Never charge twice, never forget a charge: lost answers and a crashed kiosk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.config import TerminalSettings
from kiosk.devices.emulators.terminal import TerminalEmulator
from kiosk.devices.terminal import (
    PaymentTerminal,
    PurchaseOutcome,
    PurchaseResult,
    PurchaseUnresolved,
)
from kiosk.devices.terminal.messages import AbortRequest, PurchaseRequest
from kiosk.devices.terminal.open_purchase import FILENAME

CHILD = """
import sys
from pathlib import Path
import pytest

from kiosk.config import TerminalSettings
from kiosk.devices.terminal import PaymentTerminal
settings = TerminalSettings(port=sys.argv[1], ack_timeout_s=0.2, response_timeout_s=120)
PaymentTerminal(settings, Path(sys.argv[2])).purchase(4242, "PAY-CRASH")
"""


def wait_for(condition: object, what: str, limit_s: float = 30.0) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


def test_crash_mid_purchase_is_settled_at_the_next_start(tmp_path: Path) -> None:
    state_dir = tmp_path / "data"
    # The link stays down after approving until we plug it back: the kiosk is killed
    # while the charge exists only on the terminal.
    with TerminalEmulator("link_drop_after_approval", step_delay_s=0.01,
                          link_down_s=None) as emulator:
        child = subprocess.Popen([sys.executable, "-c", CHILD, emulator.device_path,
                                  str(state_dir)], stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: emulator.purchases, "the terminal to approve")
            assert (state_dir / FILENAME).exists(), "written before the purchase was sent"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        emulator.plug_in()
        emulator.set_scenario("approve")

        settled: list[PurchaseOutcome] = []
        settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                                    response_timeout_s=2.0)
        terminal = PaymentTerminal(settings, state_dir, on_recovered=settled.append)
        try:
            outcome = terminal.recover()
            assert outcome is not None
            assert outcome.result is PurchaseResult.APPROVED
            assert outcome.recovered
            [charge] = emulator.purchases
            assert (outcome.reference, outcome.amount_halalas, outcome.approval_code) == (
                "PAY-CRASH", 4242, charge.approval_code)
            assert settled == [outcome]
            assert not (state_dir / FILENAME).exists()
            assert terminal.recover() is None
        finally:
            terminal.close()
        assert len([r for r in emulator.requests if isinstance(r, PurchaseRequest)]) == 1


def test_unresolved_approval_is_settled_before_the_next_purchase(tmp_path: Path) -> None:
    state_dir = tmp_path / "data"
    with TerminalEmulator("link_drop_after_approval", step_delay_s=0.01,
                          link_down_s=None) as emulator:
        settled: list[PurchaseOutcome] = []
        settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                                    response_timeout_s=1.0)
        terminal = PaymentTerminal(settings, state_dir, on_recovered=settled.append)
        try:
            # The outcome cannot be known while the line is down.
            with pytest.raises(PurchaseUnresolved) as caught:
                terminal.purchase(3_300, "PAY-LOST")
            assert caught.value.reference == "PAY-LOST"
            assert (state_dir / FILENAME).exists()
            emulator.plug_in()
            emulator.set_scenario("approve")
            new = terminal.purchase(1_000, "PAY-NEXT")
            assert new.approved
            [old] = settled
            assert (old.reference, old.result, old.recovered) == (
                "PAY-LOST", PurchaseResult.APPROVED, True)
            assert [c.reference for c in emulator.purchases] == ["PAY-LOST", "PAY-NEXT"]
        finally:
            terminal.close()


def test_a_failing_recovery_callback_keeps_the_record(tmp_path: Path) -> None:
    state_dir = tmp_path / "data"
    with TerminalEmulator("link_drop_after_approval", step_delay_s=0.01,
                          link_down_s=None) as emulator:
        settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                                    response_timeout_s=1.0)

        def outbox_full(outcome: PurchaseOutcome) -> None:
            raise OSError("outbox disk full")

        terminal = PaymentTerminal(settings, state_dir, on_recovered=outbox_full)
        try:
            with pytest.raises(PurchaseUnresolved):
                terminal.purchase(3_300, "PAY-KEEP")
            emulator.plug_in()
            with pytest.raises(OSError, match="outbox disk full"):
                terminal.recover()
            assert (state_dir / FILENAME).exists(), "not cleared until someone took it"
        finally:
            terminal.close()


def test_crash_while_the_customer_holds_the_card_is_aborted_and_charges_nothing(
    tmp_path: Path,
) -> None:
    state_dir = tmp_path / "data"
    # The terminal waits for a card; the kiosk dies; at the next start the terminal is
    # still in that transaction ("P"): the driver aborts it and reports the cancellation.
    with TerminalEmulator("no_answer", step_delay_s=0.01) as emulator:
        child = subprocess.Popen([sys.executable, "-c", CHILD, emulator.device_path,
                                  str(state_dir)], stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: any(isinstance(r, PurchaseRequest) for r in emulator.requests),
                     "the purchase to reach the terminal")
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                                    response_timeout_s=2.0)
        terminal = PaymentTerminal(settings, state_dir)
        try:
            outcome = terminal.recover()
        finally:
            terminal.close()
        assert outcome is not None
        assert (outcome.reference, outcome.result) == ("PAY-CRASH", PurchaseResult.CANCELLED)
        assert emulator.purchases == []
        assert not (state_dir / FILENAME).exists()


def test_closing_mid_purchase_leaves_it_to_recovery_at_the_next_start(tmp_path: Path) -> None:
    # The kiosk is stopped (systemd's SIGTERM) while a card is slow on the terminal: the
    # stop does not wait for the card, nor abort it; the next start asks the terminal.
    import threading

    state_dir = tmp_path / "data"
    with TerminalEmulator("slow_card", step_delay_s=0.01, slow_card_delay_s=2.0) as emulator:
        settings = TerminalSettings(port=emulator.device_path, ack_timeout_s=0.2,
                                    response_timeout_s=60.0)
        terminal = PaymentTerminal(settings, state_dir)
        failures: list[BaseException] = []

        def pay() -> None:
            try:
                terminal.purchase(2_537, "PAY-STOPPED")
            except BaseException as exc:  # the purchase thread's outcome, for the test
                failures.append(exc)

        buyer = threading.Thread(target=pay)
        buyer.start()
        wait_for(lambda: any(isinstance(r, PurchaseRequest) for r in emulator.requests),
                 "the purchase to reach the terminal")
        terminal.close()
        buyer.join(timeout=10)
        assert not buyer.is_alive(), "the stop waited for the card"
        [unresolved] = failures
        assert isinstance(unresolved, PurchaseUnresolved)
        assert (state_dir / FILENAME).exists()  # the record stays for recovery
        assert not any(isinstance(r, AbortRequest) for r in emulator.requests)

        # The next start: the terminal finished the purchase meanwhile.
        wait_for(lambda: len(emulator.purchases) == 1, "the terminal to finish the card")
        restarted = PaymentTerminal(settings, state_dir)
        try:
            outcome = restarted.recover()
        finally:
            restarted.close()
        assert outcome is not None
        assert (outcome.reference, outcome.result, outcome.recovered) == (
            "PAY-STOPPED", PurchaseResult.APPROVED, True)
        assert not (state_dir / FILENAME).exists()
