"""The technician's card-terminal tool: is the link up, reconnect it, and settle a
purchase whose outcome the kiosk never heard.

Settling is the driver's own recovery (`PaymentTerminal.recover`: the terminal's *last
transaction* for the open purchase), the same call the pay journey's "Check again" and
`kiosk terminal-test` make. An approval found there is money that moved: the terminal's
recovery hook writes it to the outbox before the open record is cleared, and this tool
records it again through the same `PaymentRecorder` (the same key, so never twice) and
reads back where the payment stands, so the technician sees what happens to it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from kiosk.devices.terminal.errors import PurchaseUnresolved
from kiosk.devices.terminal.model import PurchaseOutcome, PurchaseResult
from kiosk.flows.base import Runner
from kiosk.flows.pay import PaymentNotRecordable, invoice_of
from kiosk.health.model import ComponentHealth, Status
from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.technician.base import Audit, Tool

#: The health detail the driver sets while a purchase waits to be settled.
OPEN_PURCHASE = "open_purchase"


class TerminalPort(Protocol):
    """What the tool needs of the card terminal (the kiosk's `PaymentTerminal`)."""

    def health(self) -> ComponentHealth: ...
    def close(self) -> None: ...
    def recover(self) -> PurchaseOutcome | None: ...


class RecorderPort(Protocol):
    """What the tool needs to keep an approval (the pay journey's `PaymentRecorder`)."""

    def recovered(self, outcome: PurchaseOutcome) -> None: ...
    def recorded(self, reference: str) -> OutboxEntry | None: ...


class Settlement(enum.StrEnum):
    """What settling the open purchase found, in the words the screen needs."""

    NOTHING_OPEN = "nothing_open"        #: no purchase was waiting
    STILL_OPEN = "still_open"            #: the terminal could not be asked: try again
    APPROVED_KEPT = "approved_kept"      #: charged; in the outbox, to be sent
    APPROVED_SENT = "approved_sent"      #: charged; the municipality has it already
    APPROVED_NOT_KEPT = "approved_not_kept"  #: charged, but could not be stored
    APPROVED_TEST = "approved_test"      #: charged by a terminal test, not an invoice
    DECLINED = "declined"                #: the bank declined: nothing was charged
    NOT_CHARGED = "not_charged"          #: cancelled, timed out or failed: no charge


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of "settle the open purchase": what it was and what became of it.

    Holds the amount and the approval code (what staff reconcile with), never the card
    or the purchase reference (it names the beneficiary's invoice).
    """

    settlement: Settlement
    amount_halalas: int | None = None
    approval_code: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """The terminal's link as a technician reads it."""

    up: bool
    terminal_id: str
    model: str
    purchase_open: bool
    detail: str  #: the driver's plain-English summary ("not answering: ...")


class TerminalTool(Tool):
    """Status, reconnect and settle for the kiosk's card terminal."""

    def __init__(self, terminal: TerminalPort, recorder: RecorderPort, runner: Runner,
                 audit: Audit) -> None:
        super().__init__(runner, audit)
        self._terminal = terminal
        self._recorder = recorder
        self.link: Link | None = None
        #: The last settle's result (the tool's "last result"), until the next one.
        self.resolution: Resolution | None = None

    def refresh(self) -> bool:
        """Asks the terminal how it is, without settling anything."""
        return self._run(self._ask, self._seen)

    def reconnect(self) -> bool:
        """Closes the serial line and opens it again with a status question."""

        def work() -> Link:
            self._terminal.close()
            return self._ask()

        return self._act("terminal.reconnect", work,
                         lambda link: "link up" if link.up else "link down", self._seen)

    def resolve(self) -> bool:
        """Settles the open purchase through the terminal's last transaction."""

        def work() -> tuple[Resolution, Link]:
            try:
                resolution = self._settle(self._terminal.recover())
            except PurchaseUnresolved as exc:
                resolution = Resolution(Settlement.STILL_OPEN, exc.amount_halalas)
            return resolution, self._ask()

        def done(result: tuple[Resolution, Link]) -> None:
            self.resolution, link = result
            self._seen(link)

        return self._act("terminal.resolve", work, lambda r: r[0].settlement.value, done)

    def _settle(self, outcome: PurchaseOutcome | None) -> Resolution:
        if outcome is None:
            return Resolution(Settlement.NOTHING_OPEN)
        amount = outcome.amount_halalas
        if outcome.result is PurchaseResult.DECLINED:
            return Resolution(Settlement.DECLINED, amount)
        if not outcome.approved:
            return Resolution(Settlement.NOT_CHARGED, amount)
        code = outcome.approval_code
        if invoice_of(outcome.reference) is None:
            return Resolution(Settlement.APPROVED_TEST, amount, code)
        try:
            self._recorder.recovered(outcome)  # kept once: the hook may have done it
        except PaymentNotRecordable:
            return Resolution(Settlement.APPROVED_NOT_KEPT, amount, code)
        entry = self._recorder.recorded(outcome.reference)
        if entry is None:
            return Resolution(Settlement.APPROVED_NOT_KEPT, amount, code)
        if entry.state is EntryState.DELIVERED:
            return Resolution(Settlement.APPROVED_SENT, amount, code)
        return Resolution(Settlement.APPROVED_KEPT, amount, code)

    def _ask(self) -> Link:
        health = self._terminal.health()
        details = health.details
        return Link(
            up=health.status is not Status.ERROR,
            terminal_id=str(details.get("terminal_id") or ""),
            model=str(details.get("model") or ""),
            purchase_open=details.get(OPEN_PURCHASE) is not None,
            detail=health.summary,
        )

    def _seen(self, link: Link) -> None:
        self.link = link
