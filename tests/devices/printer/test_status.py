"""DLE EOT decoding: every state a printer can report, and bytes no printer would send."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.printer.status import (
    PrinterState,
    StatusByteError,
    decode_status,
    encode_status,
)


@pytest.mark.parametrize(("flags", "state"), [
    ({}, PrinterState.READY),
    ({"paper_near_end": True}, PrinterState.PAPER_NEAR_END),
    ({"paper_out": True}, PrinterState.PAPER_OUT),
    ({"cover_open": True}, PrinterState.COVER_OPEN),
    ({"error": True}, PrinterState.FAULT),
    ({"cover_open": True, "paper_out": True}, PrinterState.PAPER_OUT),
])
def test_states_round_trip(flags: dict[str, bool], state: PrinterState) -> None:
    assert decode_status(encode_status(**flags)).state is state


def test_bits_that_do_not_matter_are_ignored() -> None:
    # DLE EOT 1 bit 2 is the cash-drawer pin; DLE EOT 4 0x1E is "near end" by the spec.
    status = decode_status({1: 0x16, 2: 0x12, 3: 0x12, 4: 0x1E})
    assert status.online
    assert status.paper_near_end
    assert not status.paper_out
    assert status.describe() == "printer is ready; paper roll is nearly finished"


def test_offline_without_cause_is_not_ready() -> None:
    status = decode_status({1: 0x1A, 2: 0x12, 3: 0x12, 4: 0x12})
    assert status.state is PrinterState.OFFLINE
    assert not status.can_print


@given(st.integers(0, 255))
def test_bytes_with_wrong_fixed_bits_are_refused(value: int) -> None:
    answers = {1: 0x12, 2: 0x12, 3: 0x12, 4: value}
    if value & 0x93 == 0x12:
        decode_status(answers)
    else:
        with pytest.raises(StatusByteError):
            decode_status(answers)


def test_missing_answer_is_an_error() -> None:
    with pytest.raises(ValueError, match="missing"):
        decode_status({1: 0x12})
