"""The seam between the driver and a vendor's ECR protocol.

`PaymentTerminal` owns what every terminal needs — the port's life, the durable open-purchase
record, timeouts, cancellation and recovery. An adapter only turns those intentions into one
vendor's bytes and back. Adding a real vendor is a new `TerminalAdapter` subclass plus one
entry in `adapter_class`, chosen by name where the terminal is built; the journeys never
change.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass

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


DEFAULT_PROTOCOL = "ahs-ecr-1"


def adapter_class(protocol: str = DEFAULT_PROTOCOL) -> type[TerminalAdapter]:
    from kiosk.devices.terminal.ahs_ecr import AhsEcrAdapter

    adapters: dict[str, type[TerminalAdapter]] = {"ahs-ecr-1": AhsEcrAdapter}
    try:
        return adapters[protocol]
    except KeyError:
        raise ValueError(f"unknown terminal protocol {protocol!r}") from None
