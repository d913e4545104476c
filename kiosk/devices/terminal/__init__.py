"""The card payment terminal: a plain-Python driver the journeys call from a worker thread.

The kiosk never sees a card number or PIN; it asks a certified terminal on a serial line
to charge an amount and gets back an outcome. Everything vendor-specific (framing, message
layout) sits behind `TerminalAdapter`, so a real vendor protocol can replace ours without
touching the journeys. See docs/terminal-protocol.md.
"""

from kiosk.devices.terminal.driver import PaymentTerminal
from kiosk.devices.terminal.errors import (
    ProtocolError,
    PurchaseUnresolved,
    TerminalError,
    TerminalUnavailable,
)
from kiosk.devices.terminal.model import (
    DeclineReason,
    PurchaseOutcome,
    PurchaseProgress,
    PurchaseResult,
    TerminalState,
    TerminalStatus,
)
from kiosk.devices.terminal.probe import probe_terminal
from kiosk.domain.payment import CardScheme  # the terminal reports the API's schemes

__all__ = [
    "CardScheme",
    "DeclineReason",
    "PaymentTerminal",
    "ProtocolError",
    "PurchaseOutcome",
    "PurchaseProgress",
    "PurchaseResult",
    "PurchaseUnresolved",
    "TerminalError",
    "TerminalState",
    "TerminalStatus",
    "TerminalUnavailable",
    "probe_terminal",
]
