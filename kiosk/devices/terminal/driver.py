"""`PaymentTerminal`: charge a card once, and never lose track of a charge.

Every call blocks (bounded by the configured timeouts) and is meant for a worker thread;
`cancel()` is the one call made from another thread while `purchase()` runs.

The rule that shapes this module: a purchase is never sent again after it may have reached
the terminal. Before sending, the purchase is written durably to the data folder; when
the answer is lost (timeout, cable pulled, garbled frames, kiosk crash) the driver asks the
terminal for its *last transaction* by our reference — before any other operation, and
at start-up through `recover()` — and clears the record only once the outcome is known.

The same rule makes stopping quick: `close()` while a card is on the terminal neither
waits for the purchase (up to `response_timeout_s`) nor aborts it. The purchase's thread
stops following it at once, the record stays, and the next start's `recover()` learns
from the terminal whether the card was charged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from kiosk.config import TerminalSettings
from kiosk.devices.terminal.adapter import (
    DeviceInfo,
    LastTransaction,
    TerminalAdapter,
    query_deadline,
)
from kiosk.devices.terminal.ahs_ecr import AhsEcrAdapter
from kiosk.devices.terminal.errors import (
    ProtocolError,
    PurchaseUnresolved,
    TerminalError,
    TerminalUnavailable,
)
from kiosk.devices.terminal.messages import check_amount, check_reference
from kiosk.devices.terminal.model import (
    PurchaseOutcome,
    PurchaseProgress,
    PurchaseResult,
    TerminalState,
    TerminalStatus,
)
from kiosk.devices.terminal.open_purchase import (
    OpenPurchase,
    OpenPurchaseStore,
    OpenPurchaseStoreError,
)
from kiosk.devices.terminal.port import SerialPort
from kiosk.health.model import ComponentHealth, Status

log = logging.getLogger(__name__)

COMPONENT = "payment_terminal"
POLL_S = 0.05  # how quickly a cancel request is noticed during a purchase
RECONNECT_PAUSE_S = 0.1
T = TypeVar("T")

ProgressCallback = Callable[[PurchaseProgress], None]
RecoveredCallback = Callable[[PurchaseOutcome], None]


class PaymentTerminal:
    """The kiosk's card terminal. One instance per terminal, shared by the journeys.

    `on_recovered` receives every outcome that `recover()` settles (explicitly, or
    automatically before a new operation): an approval found there is money the
    municipality must hear about. The open record is cleared only after it returns.
    `adapter` is the vendor protocol spoken on the port (ours, AHS-ECR v1, by default).
    """

    def __init__(
        self,
        settings: TerminalSettings,
        state_dir: Path,
        *,
        on_recovered: RecoveredCallback | None = None,
        adapter: type[TerminalAdapter] = AhsEcrAdapter,
    ) -> None:
        self._settings = settings
        self._store = OpenPurchaseStore(state_dir)
        self._on_recovered = on_recovered
        self._adapter_class = adapter
        self._lock = threading.Lock()
        self._port: SerialPort | None = None
        self._adapter: TerminalAdapter | None = None
        self._purchasing = threading.Event()
        self._abort_requested = threading.Event()
        self._closing = threading.Event()
        self._info: DeviceInfo | None = None

    # -- public API --------------------------------------------------------------------

    def set_recovery_handler(self, handler: RecoveredCallback | None) -> None:
        """Who records an approval found through last transaction (before it is forgotten).

        The composition root sets it once the journey that can record payments exists.
        """
        # A plain assignment: never wait for the lock a purchase may hold for a minute.
        self._on_recovered = handler

    def purchase(
        self,
        amount_halalas: int,
        reference: str,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> PurchaseOutcome:
        """Charges `amount_halalas`; `reference` is ours, unique per intended payment.

        `on_progress` is called on this (the worker's) thread; a Qt caller forwards it
        with a signal. Returns the outcome (approved, declined, cancelled, timed out,
        error). Raises `TerminalUnavailable` or `ProtocolError` when nothing was sent (the
        status check that precedes every purchase failed), `PurchaseUnresolved` when
        something was sent and the outcome could not be learned (the record stays for
        `recover()`; also raised when an earlier open purchase cannot be settled first),
        or `OpenPurchaseStoreError` when the record cannot be written (nothing was sent).
        """
        check_amount(amount_halalas)
        check_reference(reference)
        with self._lock:
            if self._closing.is_set():
                raise TerminalUnavailable("the kiosk is stopping")
            self._purchasing.set()
            self._abort_requested.clear()
            try:
                self._recover_locked()
                return self._purchase_locked(amount_halalas, reference, on_progress, cancel)
            finally:
                self._purchasing.clear()

    def cancel(self) -> None:
        """Aborts the running purchase on the terminal (or any transaction it holds).

        While a purchase runs this only flags it (the purchase's thread sends the abort
        within POLL_S) and never raises; when idle it sends the abort itself and may
        raise `TerminalError` if the terminal cannot be reached.
        """
        if self._purchasing.is_set() or not self._lock.acquire(timeout=POLL_S):
            self._abort_requested.set()
            return
        try:
            self._query(lambda adapter: adapter.abort())
        finally:
            self._lock.release()

    def status(self) -> TerminalStatus:
        """Asks the terminal how it is; BUSY without asking while a purchase runs here.

        Settles an open purchase first, so it may raise `PurchaseUnresolved` as well as
        `TerminalUnavailable` or `ProtocolError`.
        """
        if not self._lock.acquire(timeout=POLL_S * 2):
            return self._as_status(self._info, busy=True)
        try:
            self._recover_locked()
            info = self._query(lambda a: a.device_info(query_deadline(self._ack_timeout)))
        finally:
            self._lock.release()
        self._info = info
        return self._as_status(info, busy=info.busy)

    def last_transaction(self, reference: str) -> PurchaseOutcome | None:
        """The terminal's completed transaction for `reference`, or None if it has none."""
        check_reference(reference)
        with self._lock:
            last = self._last_transaction(reference)
        return last.outcome

    def recover(self) -> PurchaseOutcome | None:
        """Settles a purchase left open by a lost answer or a crash; None if there is none.

        Raises `PurchaseUnresolved` while the terminal cannot be asked.
        """
        with self._lock:
            return self._recover_locked()

    def health(self) -> ComponentHealth:
        details: dict[str, str | int | float | bool | None] = {"port": self._settings.port}
        try:
            record = self._store.load()
        except OpenPurchaseStoreError as exc:
            return ComponentHealth(COMPONENT, Status.ERROR, str(exc), details)
        if record is not None:
            details["open_purchase"] = record.reference
        if self._purchasing.is_set() or not self._lock.acquire(timeout=POLL_S):
            return ComponentHealth(COMPONENT, Status.OK, "busy with a purchase", details)
        try:
            info = self._query(lambda a: a.device_info(query_deadline(self._ack_timeout)))
        except TerminalError as exc:
            return ComponentHealth(COMPONENT, Status.ERROR, f"not answering: {exc}", details)
        finally:
            self._lock.release()
        self._info = info
        details.update(terminal_id=info.terminal_id, model=info.model, busy=info.busy)
        if record is not None:
            return ComponentHealth(
                COMPONENT, Status.WARNING,
                f"ready, but purchase {record.reference} still awaits confirmation", details,
            )
        state = "busy" if info.busy else "idle"
        return ComponentHealth(COMPONENT, Status.OK, f"ready ({state})", details)

    def close(self, timeout_s: float = 1.0) -> None:
        """Lets go of the port. A purchase still running is left to last-transaction
        recovery at the next start: its thread stops following it within POLL_S (no
        abort is sent: the card may be mid-authorisation) and its record stays."""
        self._closing.set()
        if self._purchasing.is_set():
            record = self._open_record()
            log.warning("stopping during a card purchase; it is settled through the "
                        "terminal's last transaction at the next start",
                        extra={"reference": record.reference if record else None})
        if not self._lock.acquire(timeout=timeout_s):
            log.warning("the terminal is still busy at the stop; its port is left to the "
                        "process exit")
            return
        try:
            self._disconnect()
        finally:
            self._lock.release()

    def _open_record(self) -> OpenPurchase | None:
        try:
            return self._store.load()
        except OpenPurchaseStoreError:
            return None

    # -- the purchase --------------------------------------------------------------------

    def _purchase_locked(
        self,
        amount: int,
        reference: str,
        on_progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> PurchaseOutcome:
        if self._cancel_wanted(cancel):
            return PurchaseOutcome(PurchaseResult.CANCELLED, reference, amount,
                                   message="cancelled before the terminal was asked")
        # A status exchange first: it reopens a line that died since the last operation
        # and proves the terminal idle, while a failure still means nothing was sent.
        info = self._query(lambda a: a.device_info(query_deadline(self._ack_timeout)))
        self._info = info
        if info.busy:
            raise TerminalUnavailable("the terminal is busy with another transaction")
        adapter = self._connected()
        record = OpenPurchase.new(reference, amount)
        self._store.save(record)
        log.info("purchase sent to the terminal",
                 extra={"reference": reference, "amount_halalas": amount})
        deadline = time.monotonic() + self._settings.response_timeout_s
        try:
            adapter.start_purchase(amount, reference)
            outcome = self._follow(adapter, record, deadline, on_progress, cancel)
        except (TerminalUnavailable, ProtocolError) as exc:
            log.warning("purchase answer lost; asking the terminal's last transaction",
                        extra={"reference": reference, "error": str(exc)})
            self._disconnect()
            until = max(deadline, time.monotonic() + 5 * self._ack_timeout)
            settled = self._resolve(record, until)
            if isinstance(settled, TerminalError):
                raise PurchaseUnresolved(reference, amount, settled) from exc
            outcome = settled
        self._clear_record()
        log.info("purchase settled", extra={"reference": reference,
                                            "result": outcome.result.value,
                                            "recovered": outcome.recovered})
        return outcome

    def _follow(
        self,
        adapter: TerminalAdapter,
        record: OpenPurchase,
        deadline: float,
        on_progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> PurchaseOutcome:
        abort_sent = False
        while True:
            if self._closing.is_set():
                # The kiosk stops: leave the purchase to the terminal and to recovery.
                raise PurchaseUnresolved(record.reference, record.amount_halalas,
                                         TerminalUnavailable("the kiosk stopped"))
            if not abort_sent and self._cancel_wanted(cancel):
                log.info("asking the terminal to abort", extra={"reference": record.reference})
                adapter.abort()
                abort_sent = True
            now = time.monotonic()
            if now >= deadline:
                return self._after_timeout(adapter, record)
            event = adapter.next_event(record.reference, record.amount_halalas,
                                       min(deadline, now + POLL_S))
            if isinstance(event, PurchaseOutcome):
                return event
            if event is not None:
                _notify(on_progress, event)

    def _after_timeout(self, adapter: TerminalAdapter, record: OpenPurchase) -> PurchaseOutcome:
        log.warning("no purchase result in time; aborting and asking last transaction",
                    extra={"reference": record.reference})
        adapter.abort()
        last = adapter.last_transaction(record.reference, query_deadline(self._ack_timeout))
        if last.in_progress:
            raise TerminalUnavailable("the terminal is still busy with the purchase after abort")
        return self._settle(record, last, timed_out=True)

    def _resolve(self, record: OpenPurchase, until: float) -> PurchaseOutcome | TerminalError:
        """Asks last transaction, reopening the port between tries, until `until`.

        At least two tries: the first may run on a line that died with the answer.
        """
        attempts = 0
        while True:
            attempts += 1
            try:
                adapter = self._connected()
                last = adapter.last_transaction(record.reference,
                                                query_deadline(self._ack_timeout))
                if not last.in_progress:
                    return self._settle(record, last, timed_out=False)
                # We no longer wait for it: have the terminal end it, then ask again.
                adapter.abort()
                error: TerminalError = TerminalUnavailable("the terminal is still busy")
            except (TerminalUnavailable, ProtocolError) as exc:
                self._disconnect()
                error = exc
            if (attempts >= 2 and time.monotonic() >= until) or self._closing.is_set():
                return error
            time.sleep(RECONNECT_PAUSE_S)

    def _settle(
        self, record: OpenPurchase, last: LastTransaction, *, timed_out: bool
    ) -> PurchaseOutcome:
        outcome = last.outcome
        if outcome is None:
            return PurchaseOutcome(
                PurchaseResult.TIMED_OUT, record.reference, record.amount_halalas,
                message="the terminal has no record of this purchase; nothing was charged",
                recovered=True,
            )
        if outcome.amount_halalas != record.amount_halalas:
            raise ProtocolError(
                f"the terminal's last transaction for {record.reference} is "
                f"{outcome.amount_halalas} halalas, not {record.amount_halalas}"
            )
        if timed_out and outcome.result in (PurchaseResult.CANCELLED, PurchaseResult.TIMED_OUT):
            return replace(outcome, result=PurchaseResult.TIMED_OUT,
                           message="no answer from the terminal in time; nothing was charged")
        return outcome

    def _recover_locked(self) -> PurchaseOutcome | None:
        record = self._store.load()
        if record is None:
            return None
        log.warning("settling a purchase left open earlier", extra={"reference": record.reference})
        settled = self._resolve(record, until=time.monotonic())
        if isinstance(settled, TerminalError):
            raise PurchaseUnresolved(record.reference, record.amount_halalas, settled)
        if self._on_recovered is not None:
            self._on_recovered(settled)
        self._clear_record()
        log.info("open purchase settled", extra={
            "reference": record.reference, "result": settled.result.value,
            "amount_halalas": settled.amount_halalas, "approval_code": settled.approval_code,
        })
        return settled

    def _clear_record(self) -> None:
        # The outcome is known and must reach the caller even if the file cannot go: the
        # record then stays and is settled again later (at least once, never lost).
        try:
            self._store.clear()
        except OpenPurchaseStoreError:
            log.exception("cannot clear the open-purchase record; it will be settled again")

    # -- the link --------------------------------------------------------------------------

    @property
    def _ack_timeout(self) -> float:
        return self._settings.ack_timeout_s

    def _cancel_wanted(self, cancel: threading.Event | None) -> bool:
        return self._abort_requested.is_set() or (cancel is not None and cancel.is_set())

    def _last_transaction(self, reference: str) -> LastTransaction:
        return self._query(
            lambda a: a.last_transaction(reference, query_deadline(self._ack_timeout))
        )

    def _connected(self) -> TerminalAdapter:
        if self._adapter is None:
            port = SerialPort(self._settings.port, self._settings.baudrate,
                              write_timeout_s=max(self._ack_timeout, 0.5))
            try:
                port.discard_input()
            except TerminalUnavailable:
                port.close()
                raise
            self._port = port
            self._adapter = self._adapter_class(port, self._ack_timeout)
        return self._adapter

    def _disconnect(self) -> None:
        if self._port is not None:
            self._port.close()
        self._port = None
        self._adapter = None

    def _query(self, request: Callable[[TerminalAdapter], T]) -> T:
        """Runs an idempotent request, reopening the port once if the link dropped."""
        try:
            return request(self._connected())
        except TerminalUnavailable:
            self._disconnect()
        except ProtocolError:
            self._disconnect()  # a garbled stream leaves the decoder's state in doubt
            raise
        try:
            return request(self._connected())
        except TerminalError:
            self._disconnect()
            raise

    def _as_status(self, info: DeviceInfo | None, *, busy: bool) -> TerminalStatus:
        return TerminalStatus(
            TerminalState.BUSY if busy else TerminalState.IDLE,
            info.terminal_id if info else "",
            info.model if info else "",
            self._settings.port,
        )


def _notify(callback: ProgressCallback | None, step: PurchaseProgress) -> None:
    if callback is None:
        return
    try:
        callback(step)
    except Exception:  # a screen's bug must not abandon a card mid-payment
        log.exception("purchase progress callback failed", extra={"step": step.value})
