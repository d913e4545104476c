"""Real-time printer status: the `DLE EOT n` requests and the decoding of their answers.

Decoded here rather than through python-escpos: its 3.1 `is_online()` always answers
False and `paper_status()` reports "paper adequate" when the printer says nothing. Here
no answer is *unreachable*, never fine, and a byte whose fixed bits are wrong is a fault.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

DLE_EOT = b"\x10\x04"
# n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor.
STATUS_REQUESTS = (1, 2, 3, 4)
_FIXED_MASK, _FIXED_VALUE = 0x93, 0x12  # bits 1 and 4 always set, bits 0 and 7 clear


class PrinterState(enum.Enum):
    """The one word a technician needs, most serious first when several apply."""

    UNREACHABLE = "unreachable"
    PAPER_OUT = "paper out"
    COVER_OPEN = "cover open"
    FAULT = "fault"
    OFFLINE = "offline"
    PAPER_NEAR_END = "paper near end"
    READY = "ready"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What the printer said to DLE EOT 1-4 (or that it said nothing)."""

    reachable: bool
    online: bool = False
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False
    error: bool = False
    cutter_error: bool = False
    unrecoverable_error: bool = False
    detail: str = ""

    @classmethod
    def unreachable(cls, detail: str) -> PrinterStatus:
        return cls(reachable=False, detail=detail)

    @property
    def state(self) -> PrinterState:
        if not self.reachable:
            return PrinterState.UNREACHABLE
        if self.paper_out:
            return PrinterState.PAPER_OUT
        if self.cover_open:
            return PrinterState.COVER_OPEN
        if self.error:
            return PrinterState.FAULT
        if not self.online:
            return PrinterState.OFFLINE
        if self.paper_near_end:
            return PrinterState.PAPER_NEAR_END
        return PrinterState.READY

    @property
    def can_print(self) -> bool:
        return self.state in (PrinterState.READY, PrinterState.PAPER_NEAR_END)

    def describe(self) -> str:
        """A plain-English sentence for the technician."""
        state = self.state
        if state is PrinterState.UNREACHABLE:
            return f"printer unreachable ({self.detail})" if self.detail else (
                "printer unreachable")
        if state is PrinterState.FAULT:
            causes = [name for flag, name in ((self.cutter_error, "cutter error"),
                                              (self.unrecoverable_error, "unrecoverable error"))
                      if flag]
            if self.detail:
                causes.append(self.detail)
            text = "printer reports an error"
            return f"{text}: {', '.join(causes)}" if causes else text
        words = {
            PrinterState.PAPER_OUT: "printer is out of paper",
            PrinterState.COVER_OPEN: "printer cover is open",
            PrinterState.OFFLINE: "printer is offline",
            PrinterState.PAPER_NEAR_END: "printer is ready; paper roll is nearly finished",
            PrinterState.READY: "printer is ready",
        }
        return words[state]


class StatusByteError(ValueError):
    """A status answer whose fixed bits are wrong: not an ESC/POS printer, or line noise."""


def _check(n: int, value: int) -> int:
    if value & _FIXED_MASK != _FIXED_VALUE:
        raise StatusByteError(f"invalid answer 0x{value:02x} to DLE EOT {n}")
    return value


def decode_status(answers: dict[int, int]) -> PrinterStatus:
    """Decodes the answers to DLE EOT 1..4 (each one byte). Raises StatusByteError."""
    missing = [n for n in STATUS_REQUESTS if n not in answers]
    if missing:
        raise ValueError(f"missing answers to DLE EOT {missing}")
    printer, offline, error, paper = (_check(n, answers[n]) for n in STATUS_REQUESTS)
    return PrinterStatus(
        reachable=True,
        online=not printer & 0x08,
        cover_open=bool(offline & 0x04),
        paper_out=bool(offline & 0x20) or paper & 0x60 == 0x60,
        paper_near_end=paper & 0x0C == 0x0C,
        error=bool(offline & 0x40) or bool(error & 0x68),
        cutter_error=bool(error & 0x08),
        unrecoverable_error=bool(error & 0x20),
    )


def encode_status(*, cover_open: bool = False, paper_near_end: bool = False,
                  paper_out: bool = False, error: bool = False) -> dict[int, int]:
    """The bytes a printer in this state answers to DLE EOT 1..4 (used by the emulator)."""
    offline = cover_open or paper_out or error
    return {
        1: _FIXED_VALUE | (0x08 if offline else 0),
        2: _FIXED_VALUE | (0x04 if cover_open else 0) | (0x20 if paper_out else 0)
        | (0x40 if error else 0),
        3: _FIXED_VALUE | (0x08 if error else 0),
        4: _FIXED_VALUE | (0x0C if paper_near_end or paper_out else 0)
        | (0x60 if paper_out else 0),
    }
