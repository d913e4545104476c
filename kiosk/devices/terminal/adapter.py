"""The seam between the driver and a vendor's ECR protocol.

`PaymentTerminal` owns what every terminal needs — the port's life, the durable open-purchase
record, timeouts, cancellation and recovery. An adapter only turns those intentions into one
vendor's bytes and back. Adding a real vendor is a new `TerminalAdapter` subclass, passed as
`PaymentTerminal(..., adapter=...)` and `probe_terminal(..., adapter=...)` where the terminal
is built; the journeys never change. This module knows no vendor: adapters import it, never
the other way round.
"""

from __future__ import annotations

import abc
import time
from dataclasses import dataclass
from typing import ClassVar

from kiosk.devices.terminal.link import BytePort
from kiosk.devices.terminal.model import PurchaseOutcome, PurchaseProgress


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    busy: bool
    terminal_id: str
    model: str


@dataclass(frozen=True, slots=True)
class LastTransaction:
    """What the terminal remembers about one of our references."""

    in_progress: bool
    outcome: PurchaseOutcome | None  # None (and not in progress): never seen by the terminal


class TerminalAdapter(abc.ABC):
    """One vendor protocol spoken over an open byte port; all methods block, bounded.

    Methods raise only `TerminalUnavailable` or `ProtocolError`.
    """

    #: The protocol's name, as a technician reads it in `kiosk doctor --devices`.
    protocol: ClassVar[str]

    def __init__(self, port: BytePort, ack_timeout_s: float) -> None:
        self.port = port
        self.ack_timeout_s = ack_timeout_s

    @abc.abstractmethod
    def start_purchase(self, amount_halalas: int, reference: str) -> None:
        """Returns once the terminal has accepted the request (not its outcome)."""

    @abc.abstractmethod
    def next_event(
        self, reference: str, amount_halalas: int, deadline: float
    ) -> PurchaseProgress | PurchaseOutcome | None:
        """The next progress step or the final outcome of `reference`; None at `deadline`."""

    @abc.abstractmethod
    def abort(self) -> None:
        """Asks the terminal to abandon the running transaction (harmless when idle)."""

    @abc.abstractmethod
    def device_info(self, deadline: float) -> DeviceInfo: ...

    @abc.abstractmethod
    def last_transaction(self, reference: str, deadline: float) -> LastTransaction: ...


def query_deadline(ack_timeout_s: float) -> float:
    """How long a status or last-transaction answer may take (the terminal answers at once)."""
    return time.monotonic() + max(5 * ack_timeout_s, 0.5)
