"""One way a journey prints its receipt, and what the beneficiary gets when paper does not
come out.

Issue (the application receipt), track and "my licences" (inquiry summaries) and pay (the
payment receipt) each hand their receipt to a `ReceiptPrint`. It prints off the UI thread
through the flow's runner; if the printer fails (out of paper, cover open, unreachable,
or a kiosk bug) it keeps the receipt, so the screen can show the receipt's verification
URL as a QR code instead, and `again()` prints the same receipt once the printer is back.
The words on each screen stay the journey's own; the states, the kinds of failure and the
fallback QR code are the same everywhere.
"""

from __future__ import annotations

import enum
import logging
from typing import Protocol

from kiosk.devices.printer.errors import CoverOpen, PaperOut, PrinterError
from kiosk.devices.printer.receipt import Receipt
from kiosk.flows.base import Flow, Runner

log = logging.getLogger(__name__)


class PrinterPort(Protocol):
    """What a journey needs of the receipt printer (the kiosk's `ReceiptPrinter`)."""

    def print_receipt(self, receipt: Receipt) -> object: ...


class PrintState(enum.StrEnum):
    """Where the journey's receipt is: not asked for yet, on its way, out, or not out."""

    IDLE = "idle"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


class PrintFailure(enum.StrEnum):
    """Why the receipt did not come out, in the words a screen needs."""

    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    UNAVAILABLE = "unavailable"  # unreachable, faulty, not configured, or a kiosk bug


def print_failure(error: BaseException) -> PrintFailure:
    """Classifies a failed print; anything that is not a printer error is logged as a bug
    (with its traceback for engineers; the beneficiary still gets the QR code)."""
    if isinstance(error, PaperOut):
        return PrintFailure.PAPER_OUT
    if isinstance(error, CoverOpen):
        return PrintFailure.COVER_OPEN
    if not isinstance(error, PrinterError):
        log.error("unexpected failure while printing a receipt", exc_info=error)
    return PrintFailure.UNAVAILABLE


class ReceiptPrint(Flow):
    """Prints one receipt at a time; on failure keeps it so the screen can offer its QR
    code (`fallback_url`) and a second try (`again`)."""

    def __init__(self, printer: PrinterPort, runner: Runner) -> None:
        super().__init__(runner)
        self._printer = printer
        self.state = PrintState.IDLE
        self.failure: PrintFailure | None = None
        #: The receipt last sent to the printer (what `again` prints, what the QR shows).
        self.receipt: Receipt | None = None
        self._job = 0  # a print that finishes after `reset` reports to nobody

    @property
    def settled(self) -> bool:
        """Whether the last receipt came out or failed to (nothing is on its way)."""
        return self.state in (PrintState.PRINTED, PrintState.FAILED)

    @property
    def fallback_url(self) -> str | None:
        """The verification URL to show as a QR code while the receipt is not on paper."""
        if self.state is PrintState.FAILED and self.receipt is not None:
            return self.receipt.verification_url
        return None

    def start(self, receipt: Receipt) -> bool:
        """Sends `receipt` to the printer; ignored (False) while a print is running."""
        if self.busy:
            return False
        self.receipt = receipt
        self.state = PrintState.PRINTING
        self.failure = None
        job = self._job

        def printed(_status: object) -> None:
            if job == self._job:
                self.state = PrintState.PRINTED

        def failed(error: BaseException) -> None:
            if job == self._job:
                self._failed(error)

        return self._run(lambda: self._printer.print_receipt(receipt), printed, failed)

    def again(self) -> bool:
        """Prints the receipt that did not come out (the printer has been seen to)."""
        if self.state is not PrintState.FAILED or self.receipt is None:
            return False
        return self.start(self.receipt)

    def fail(self, error: BaseException, receipt: Receipt) -> None:
        """Shows the outcome of a failed print of `receipt` (the tour uses it to show the
        state without a broken printer)."""
        self.busy = False
        self.receipt = receipt
        self._failed(error)
        self._changed()

    def reset(self) -> None:
        """Forgets the receipt (the beneficiary has gone, or moved on to another one)."""
        self.state = PrintState.IDLE
        self.failure = None
        self.receipt = None
        self.notice = None
        self.busy = False
        self._job += 1
        self._changed()

    def _failed(self, error: BaseException) -> None:
        self.failure = print_failure(error)
        self.state = PrintState.FAILED
        if isinstance(error, PrinterError) and self.receipt is not None:
            log.warning("receipt not printed; its QR code is shown on screen",
                        extra={"error": type(error).__name__,
                               "receipt_kind": self.receipt.kind.value})
