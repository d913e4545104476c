"""The technician's printer tool: the printer's state, a test receipt, a paper-change
assistant and the last error.

The test receipt is `kiosk print-test`'s own (`samples.print_test`). The paper-change
assistant follows the printer through a roll change: it waits to see the paper out (or
the cover open), then waits until the printer reports paper again and can print, and
says so. It asks the printer once per `poll()`; the screen calls `poll()` on a timer while
the assistant waits, and each question runs off the UI thread like every other.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from kiosk.devices.printer.errors import PrinterError
from kiosk.devices.printer.status import PrinterState, PrinterStatus
from kiosk.flows.base import Runner, notice_for
from kiosk.technician.base import Audit, Tool, failure_outcome

if TYPE_CHECKING:  # the test print lays out a receipt with Qt; this module needs no Qt
    from kiosk.devices.printer.samples import PrintCheck


class PrinterPort(Protocol):
    """What the tool needs of the receipt printer (the kiosk's `ReceiptPrinter`)."""

    @property
    def configured(self) -> bool: ...
    @property
    def last_error(self) -> PrinterError | None: ...
    @property
    def last_error_at(self) -> datetime | None: ...
    def status(self) -> PrinterStatus: ...


class PaperStep(enum.StrEnum):
    """Where the paper-change assistant is."""

    IDLE = "idle"          #: not running
    OPEN = "open"          #: waiting to see the old roll out (paper out or cover open)
    LOAD = "load"          #: waiting for the printer to report paper again, cover closed
    DONE = "done"          #: the printer has paper and can print: confirmed


#: The printer's states in which the roll can be changed (the paper is out of reach of
#: the head): the assistant moves from OPEN to LOAD on seeing one.
_ROLL_OUT = (PrinterState.PAPER_OUT, PrinterState.COVER_OPEN)

TestPrint = Callable[[], "PrintCheck"]


class PrinterTool(Tool):
    """State, test print and paper change for the kiosk's one receipt printer.

    `test_print` runs the CLI's test print (in the kiosk: `samples.print_test` with this
    kiosk's identity and API address), `clock` stamps when the printer was last asked.
    """

    def __init__(self, printer: PrinterPort, test_print: TestPrint, runner: Runner,
                 audit: Audit, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(runner, audit)
        self._printer = printer
        self._test_print = test_print
        self._clock = clock or (lambda: datetime.now(UTC))
        self.status: PrinterStatus | None = None
        self.checked_at: datetime | None = None
        self.check: PrintCheck | None = None
        self.paper = PaperStep.IDLE
        self._polling = False
        self._paper_run = 0  # a poll answering after cancel or restart reports to nobody

    @property
    def configured(self) -> bool:
        return self._printer.configured

    @property
    def last_error(self) -> tuple[PrinterError, datetime] | None:
        """The last failed print (a beneficiary's receipt or the test) and when."""
        error, at = self._printer.last_error, self._printer.last_error_at
        return None if error is None or at is None else (error, at)

    def refresh(self) -> bool:
        """Asks the printer how it is (shown each time the tool opens)."""
        return self._run(self._ask, self._seen)

    def print_test(self) -> bool:
        """Prints the test receipt if the printer can; `check` says what happened."""
        self.check = None
        return self._act("printer.test_print", self._test_print, _check_outcome,
                         self._checked)

    # -- the paper-change assistant ------------------------------------------------------

    def start_paper_change(self) -> None:
        """Starts the assistant; the first poll decides whether the roll is out already."""
        if self.paper in (PaperStep.OPEN, PaperStep.LOAD):
            return
        self._paper_run += 1
        self.paper = PaperStep.OPEN
        self._note("printer.paper_change", "started")
        self._changed()
        self.poll()

    def cancel_paper_change(self) -> None:
        if self.paper in (PaperStep.OPEN, PaperStep.LOAD):
            self._note("printer.paper_change", "cancelled")
        self._paper_run += 1
        self.paper = PaperStep.IDLE
        self._polling = False
        self._changed()

    @property
    def waiting_for_paper(self) -> bool:
        """Whether the screen should keep calling `poll()`."""
        return self.paper in (PaperStep.OPEN, PaperStep.LOAD)

    def poll(self) -> None:
        """Asks the printer once (unless a question is still out) and moves the assistant."""
        if not self.waiting_for_paper or self._polling:
            return
        self._polling = True
        run = self._paper_run

        def answered(status: PrinterStatus) -> None:
            if run != self._paper_run:
                return
            self._polling = False
            self._seen(status)
            self._advance(status)
            self._changed()

        def failed(error: BaseException) -> None:
            # `status()` never raises; anything here is a bug: stop, and say so.
            if run != self._paper_run:
                return
            self._polling = False
            self.paper = PaperStep.IDLE
            self._note("printer.paper_change", failure_outcome(error))
            self.notice = notice_for(error)
            self._changed()

        self._runner.submit(self._ask, answered, failed)

    def _advance(self, status: PrinterStatus) -> None:
        if self.paper is PaperStep.OPEN and status.state in _ROLL_OUT:
            self.paper = PaperStep.LOAD
        elif self.paper is PaperStep.LOAD and status.can_print:
            self.paper = PaperStep.DONE
            self._note("printer.paper_change", "paper back")

    # -- plumbing -----------------------------------------------------------------------

    def _ask(self) -> PrinterStatus:
        return self._printer.status()

    def _seen(self, status: PrinterStatus) -> None:
        self.status = status
        self.checked_at = self._clock()

    def _checked(self, check: PrintCheck) -> None:
        self.check = check
        self._seen(check.after or check.before)


def _check_outcome(check: PrintCheck) -> str:
    if check.printed:
        return "printed"
    if check.error is not None:
        return f"not printed: {type(check.error).__name__}"
    return f"not printed: {check.before.state.value}"
