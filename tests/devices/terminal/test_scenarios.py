"""Every emulator scenario, through the real driver over a real pty."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.devices.emulators.terminal import AMOUNT_SCENARIOS, TerminalEmulator
from kiosk.devices.terminal import (
    CardScheme,
    PaymentTerminal,
    PurchaseProgress,
    PurchaseResult,
    TerminalState,
)
from kiosk.devices.terminal.messages import PurchaseRequest
from kiosk.devices.terminal.open_purchase import FILENAME

ALL_STEPS = [PurchaseProgress.WAITING_FOR_CARD, PurchaseProgress.CARD_READ,
             PurchaseProgress.PIN_ENTRY, PurchaseProgress.AUTHORISING]


def purchase_requests(emulator: TerminalEmulator) -> list[PurchaseRequest]:
    return [r for r in emulator.requests if isinstance(r, PurchaseRequest)]


def test_status_of_an_idle_terminal(terminal: PaymentTerminal) -> None:
    status = terminal.status()
    assert status.state is TerminalState.IDLE
    assert status.terminal_id == "AHS-T-0001"
    assert status.model == "AHS-EMU-1"


def test_approve_reports_the_charge_and_every_step(
    terminal: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    emulator.set_scenario("approve")
    steps: list[PurchaseProgress] = []
    outcome = terminal.purchase(12_500, "PAY-0001", on_progress=steps.append)
    assert outcome.result is PurchaseResult.APPROVED
    assert outcome.approved
    assert not outcome.recovered
    assert outcome.reference == "PAY-0001"
    assert outcome.amount_halalas == 12_500
    assert outcome.masked_pan == "************1234"
    assert outcome.scheme is CardScheme.MADA
    [charge] = emulator.purchases
    assert outcome.approval_code == charge.approval_code
    assert outcome.terminal_reference == charge.rrn
    assert steps == ALL_STEPS
    assert not (state_dir / FILENAME).exists()


@pytest.mark.parametrize(
    ("scenario", "code", "english", "arabic"),
    [
        ("decline_insufficient_funds", "51", "Insufficient funds", "الرصيد غير كافٍ"),
        ("decline_wrong_pin", "55", "Incorrect PIN", "الرقم السري غير صحيح"),
        ("decline_card_expired", "54", "Card expired", "البطاقة منتهية الصلاحية"),
    ],
)
def test_declines_carry_the_reason_in_both_languages(
    terminal: PaymentTerminal, emulator: TerminalEmulator,
    scenario: str, code: str, english: str, arabic: str,
) -> None:
    emulator.set_scenario(scenario)
    outcome = terminal.purchase(5_000, "PAY-DECL")
    assert outcome.result is PurchaseResult.DECLINED
    assert outcome.decline is not None
    assert (outcome.decline.code, outcome.decline.text_en, outcome.decline.text_ar) == (
        code, english, arabic)
    assert outcome.approval_code is None
    assert emulator.purchases == []


def test_customer_cancels_on_the_terminal(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    emulator.set_scenario("customer_cancels")
    steps: list[PurchaseProgress] = []
    outcome = terminal.purchase(5_000, "PAY-CXL", on_progress=steps.append)
    assert outcome.result is PurchaseResult.CANCELLED
    assert steps == [PurchaseProgress.WAITING_FOR_CARD]
    assert emulator.purchases == []


def test_slow_card_is_still_approved_within_the_response_timeout(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    emulator.set_scenario("slow_card")
    steps: list[PurchaseProgress] = []
    outcome = terminal.purchase(5_000, "PAY-SLOW", on_progress=steps.append)
    assert outcome.result is PurchaseResult.APPROVED
    assert steps == ALL_STEPS
    assert len(emulator.purchases) == 1


def test_no_answer_times_out_aborts_and_charges_nothing(
    terminal: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    emulator.set_scenario("no_answer")
    outcome = terminal.purchase(5_000, "PAY-NOANS")
    assert outcome.result is PurchaseResult.TIMED_OUT
    assert "nothing was charged" in outcome.message
    assert emulator.purchases == []
    assert len(purchase_requests(emulator)) == 1, "a timed-out purchase is never resent"
    kinds = [type(r).__name__ for r in emulator.requests]
    assert kinds[-2:] == ["AbortRequest", "LastTransactionRequest"]
    assert not (state_dir / FILENAME).exists()
    assert terminal.status().state is TerminalState.IDLE


def test_corrupted_frame_is_naked_and_the_retransmission_accepted(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    emulator.set_scenario("corrupted_frame")
    outcome = terminal.purchase(5_000, "PAY-CRC")
    assert outcome.result is PurchaseResult.APPROVED
    assert not outcome.recovered
    assert len(emulator.purchases) == 1


def test_link_drop_after_approval_finds_the_charge_through_last_transaction(
    terminal: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    emulator.set_scenario("link_drop_after_approval")
    outcome = terminal.purchase(7_500, "PAY-DROP")
    assert outcome.result is PurchaseResult.APPROVED
    assert outcome.recovered, "the direct answer was lost; it came from last transaction"
    [charge] = emulator.purchases
    assert (outcome.approval_code, outcome.amount_halalas) == (charge.approval_code, 7_500)
    assert len(purchase_requests(emulator)) == 1, "the purchase is never sent twice"
    assert not (state_dir / FILENAME).exists()
    # The line came back: the next purchase works on the re-plugged port.
    emulator.set_scenario("approve")
    assert terminal.purchase(100, "PAY-AFTER").approved
    assert len(emulator.purchases) == 2


@pytest.mark.parametrize(
    ("halalas", "expected"),
    [
        (10_000, PurchaseResult.APPROVED),
        (10_051, PurchaseResult.DECLINED),
        (10_017, PurchaseResult.CANCELLED),
        (10_098, PurchaseResult.APPROVED),
    ],
)
def test_amount_picks_the_scenario_when_none_is_forced(
    terminal: PaymentTerminal, emulator: TerminalEmulator,
    halalas: int, expected: PurchaseResult,
) -> None:
    assert halalas % 100 in AMOUNT_SCENARIOS or expected is PurchaseResult.APPROVED
    outcome = terminal.purchase(halalas, f"PAY-{halalas}")
    assert outcome.result is expected
    assert len(emulator.purchases) == (1 if expected is PurchaseResult.APPROVED else 0)


def test_a_repeated_reference_is_answered_not_charged_again(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    first = terminal.purchase(2_000, "PAY-TWICE")
    second = terminal.purchase(2_000, "PAY-TWICE")
    assert first.approved
    assert second.approved
    assert second.approval_code == first.approval_code
    assert len(emulator.purchases) == 1


def test_last_transaction_by_reference(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    approved = terminal.purchase(3_000, "PAY-LT")
    found = terminal.last_transaction("PAY-LT")
    assert found is not None
    assert found.recovered
    assert (found.result, found.approval_code, found.amount_halalas) == (
        PurchaseResult.APPROVED, approved.approval_code, 3_000)
    assert terminal.last_transaction("PAY-OTHER") is None


def test_truncated_results_become_a_protocol_error_then_last_transaction_finds_the_charge(
    terminal: PaymentTerminal, emulator: TerminalEmulator, state_dir: Path
) -> None:
    # Every sending of the result is cut in half: the driver NAKs, gives up after the
    # retransmissions, and asks last transaction (whose answer arrives intact).
    emulator.set_scenario("truncated_frame")
    outcome = terminal.purchase(6_000, "PAY-CUT")
    assert outcome.result is PurchaseResult.APPROVED
    assert outcome.recovered
    [charge] = emulator.purchases
    assert outcome.approval_code == charge.approval_code
    assert len(purchase_requests(emulator)) == 1
    assert not (state_dir / FILENAME).exists()


def test_a_failing_progress_callback_does_not_abandon_the_card(
    terminal: PaymentTerminal, emulator: TerminalEmulator
) -> None:
    def broken_screen(step: PurchaseProgress) -> None:
        raise RuntimeError("screen bug")

    emulator.set_scenario("approve")
    assert terminal.purchase(1_000, "PAY-BUGGY-UI", on_progress=broken_screen).approved
    assert len(emulator.purchases) == 1
