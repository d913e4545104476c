"""Pay (السداد الإلكتروني): choose an invoice, charge the card once, record it, print.

The rule that shapes this module: money that moved must reach the municipality, and a
card must never be charged twice. So:

- the purchase reference ties to the invoice and is new for every attempt
  (`INV-1447-000202-5F0C9A1E`), so the terminal can always tell which attempt it holds;
- an approval is written to the outbox (the one write path, durable, offline-safe) on the
  worker thread *inside the same job as the purchase*: a session that ends or times out
  while the card is on the terminal cannot lose it;
- the outbox key is derived from the purchase reference, so the same approval found twice
  (the direct answer, and later the terminal's *last transaction* through `recover()`)
  is stored once and delivered once;
- a purchase whose outcome is unknown blocks every new purchase until the terminal
  answers (`PurchaseUnresolved`); the beneficiary is told not to pay again.

Progress events come from the terminal driver's thread; `post` carries them to the
flow's own thread (the kiosk passes a Qt hop, tests call them inline). Like the other
journeys, the flow sees its parts through Protocols, waits for delivery through
`DeliveryWait` (injected clock and sleep) and prints through `ReceiptPrint`, so a payment
receipt that cannot be printed falls back to the same on-screen QR code as any other.
"""

from __future__ import annotations

import enum
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import ValidationError

from kiosk.api.errors import NotFoundError
from kiosk.api.schema import (
    Invoice,
    InvoiceStatus,
    Payment,
    RecordPayment,
    VerificationKind,
    json_payload,
)
from kiosk.config import KioskIdentity, Language
from kiosk.devices.printer.receipt import (
    Receipt,
    ReceiptKind,
    ReceiptReferences,
    printed,
)
from kiosk.devices.terminal import (
    PurchaseOutcome,
    PurchaseProgress,
    PurchaseResult,
    PurchaseUnresolved,
    TerminalError,
    TerminalUnavailable,
)
from kiosk.domain.identifiers import normalize_digits
from kiosk.domain.payment import CardScheme
from kiosk.domain.references import card
from kiosk.domain.requests import RequestKind
from kiosk.domain.session import Session
from kiosk.flows.base import Flow, Notice, Runner, notice_for
from kiosk.flows.delivery import POLL_S, DeliveryWait, OutboxPort
from kiosk.flows.printing import PrinterPort, ReceiptPrint
from kiosk.i18n.translations import QT_TRANSLATE_NOOP
from kiosk.offline_queue import EntryState, OutboxEntry, OutboxError

log = logging.getLogger(__name__)

DELIVERY_WAIT_S = 5.0  # how long the receipt waits for the municipality's receipt number
# uuid5 namespace for outbox keys made from purchase references (fixed forever: changing
# it would let an old approval be stored a second time under a new key).
_KEY_NAMESPACE = uuid.UUID("6f1d8a52-3c1b-5f0e-9b7a-2d4c8e1a7b33")
_REFERENCE = re.compile(r"^(INV-\d{4}-\d{6})-[0-9A-F]{8}$")
_INVOICE = re.compile(r"^INV-\d{4}-\d{6}$")

Post = Callable[[Callable[[], None]], None]


class PayApi(Protocol):
    """What paying needs of the municipality's API (the kiosk's `MunicipalityClient`)."""

    def invoices(self, token: str) -> list[Invoice]: ...
    def invoice(self, number: str) -> Invoice: ...
    def verification_url(self, kind: VerificationKind, reference: str) -> str: ...


class TerminalPort(Protocol):
    """What paying needs of the card terminal (the kiosk's `PaymentTerminal`)."""

    def purchase(self, amount_halalas: int, reference: str,
                 on_progress: Callable[[PurchaseProgress], None] | None = None,
                 cancel: threading.Event | None = None) -> PurchaseOutcome: ...
    def recover(self) -> PurchaseOutcome | None: ...


def _inline(action: Callable[[], None]) -> None:
    action()


def new_reference(invoice_number: str) -> str:
    """Our purchase reference: the invoice number plus 8 random hex digits (<= 32 chars)."""
    return f"{invoice_number}-{secrets.token_hex(4).upper()}"


def invoice_of(reference: str) -> str | None:
    """The invoice a purchase reference was made for (None if not one of ours)."""
    found = _REFERENCE.fullmatch(reference)
    return found.group(1) if found else None


def outbox_key(reference: str) -> str:
    """The outbox idempotency key for an approval: one per purchase reference, forever."""
    return str(uuid.uuid5(_KEY_NAMESPACE, reference))


class InvoiceProblem(enum.StrEnum):
    EMPTY = "empty"
    FORMAT = "format"


def parse_invoice_number(typed: str) -> str | InvoiceProblem:
    """`1447000202`, `INV-1447-000202` or `inv 1447 000202` -> `INV-1447-000202`."""
    text = normalize_digits(typed).strip().upper()
    if not text:
        return InvoiceProblem.EMPTY
    if _INVOICE.fullmatch(text):
        return text
    digits = re.sub(r"[\s-]", "", text.removeprefix("INV"))
    if len(digits) == 10 and digits.isdigit():
        return f"INV-{digits[:4]}-{digits[4:]}"
    return InvoiceProblem.FORMAT


class PaymentNotRecordable(Exception):  # noqa: N818 (reads as the state it reports)
    """An approved charge could not be written to the outbox (disk full, bad data).

    The money moved: the screen shows the approval code and terminal reference so staff
    can reconcile by hand, and the log says so at ERROR level.
    """

    def __init__(self, outcome: PurchaseOutcome, cause: BaseException) -> None:
        super().__init__(f"approved purchase {outcome.reference} could not be stored: {cause}")
        self.outcome = outcome
        self.cause = cause


class PaymentRecorder:
    """Writes approved charges to the outbox exactly once per purchase reference.

    Used by the flow right after an approval and by the terminal's `on_recovered` hook for
    approvals found later through *last transaction* (possibly after a crash, when no
    screen remembers the invoice: the reference carries it).
    """

    def __init__(self, outbox: OutboxPort, *, clock: Callable[[], datetime] | None = None) -> None:
        self._outbox = outbox
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()

    def record(self, invoice_number: str, outcome: PurchaseOutcome,
               language: Language | None = None) -> OutboxEntry:
        """Durable when it returns; the same approval again returns the first entry. The
        payment SMS is sent in `language` (Arabic when None: an approval recovered after
        a crash has no screen language)."""
        if not outcome.approved:
            raise ValueError("only an approved purchase is recorded")
        key = outbox_key(outcome.reference)
        with self._lock:
            try:
                # Inside the try: an outbox that cannot even be read must not turn an
                # approval into "you have not been charged".
                existing = self._outbox.get_by_key(key)
                if existing is not None:
                    return existing
                payment = Payment(
                    amount_halalas=outcome.amount_halalas,
                    approval_code=(outcome.approval_code or "").strip().upper(),
                    masked_pan=outcome.masked_pan or "",
                    scheme=outcome.scheme or CardScheme.OTHER,
                    terminal_reference=outcome.terminal_reference or outcome.reference,
                    paid_at=self._clock(),
                    language=language,
                )
                body = RecordPayment(invoice_number=invoice_number, payment=payment)
                entry = self._outbox.enqueue(RequestKind.RECORD_PAYMENT, json_payload(body),
                                             idempotency_key=key)
            except (ValidationError, ValueError, OutboxError) as exc:
                log.error("APPROVED CHARGE NOT STORED: reconcile by hand",
                          extra={"reference": outcome.reference,
                                 "approval_code": outcome.approval_code,
                                 "terminal_reference": outcome.terminal_reference,
                                 "amount_halalas": outcome.amount_halalas,
                                 "error": str(exc)})
                raise PaymentNotRecordable(outcome, exc) from exc
        log.info("approved payment stored", extra={"reference": outcome.reference,
                                                   "entry_id": entry.id})
        return entry

    def recorded(self, reference: str) -> OutboxEntry | None:
        return self._outbox.get_by_key(outbox_key(reference))

    def recovered(self, outcome: PurchaseOutcome) -> None:
        """The terminal's `on_recovered` hook: runs before the open record is cleared."""
        if not outcome.approved:
            return
        invoice_number = invoice_of(outcome.reference)
        if invoice_number is None:
            log.error("recovered approval with a reference that names no invoice",
                      extra={"reference": outcome.reference})
            return
        self.record(invoice_number, outcome)


class PayStep(enum.StrEnum):
    INVOICES = "invoices"        # the unpaid list, or a number typed in
    CONFIRM = "confirm"          # the amount, and the Pay button
    PAYING = "paying"            # the card is on the terminal
    DECLINED = "declined"        # the bank said no: reason, retry or stop
    NOT_CHARGED = "not_charged"  # cancelled, timed out, terminal unavailable: retry or stop
    UNRESOLVED = "unresolved"    # outcome unknown: no new purchase until the terminal says
    FINISHING = "finishing"      # approved and stored; receipt on its way
    DONE = "done"


@dataclass(frozen=True, slots=True)
class PaidInvoice:
    """An approved, durably stored payment, and the municipality's receipt number and
    signed verification URL once it has answered (its paper is `PayFlow.printing`)."""

    invoice: Invoice
    outcome: PurchaseOutcome
    entry: OutboxEntry
    paid_at: datetime
    receipt_number: str | None = None
    verification_url: str | None = None

    @property
    def provisional(self) -> bool:
        return self.receipt_number is None

    def answered(self, answer: Mapping[str, Any] | None) -> PaidInvoice:
        """With the receipt number and URL of the municipality's `answer`, if it has them."""
        number = answer.get("receipt_number") if answer is not None else None
        url = answer.get("verification_url") if answer is not None else None
        if isinstance(number, str) and isinstance(url, str):
            return replace(self, receipt_number=number, verification_url=url)
        return self


@dataclass(frozen=True, slots=True)
class _Attempt:
    outcome: PurchaseOutcome
    entry: OutboxEntry | None


_WORDS: dict[str, str] = {
    "receipt_number": QT_TRANSLATE_NOOP("Receipt", "Receipt no."),
    "footer": QT_TRANSLATE_NOOP("Receipt", "Keep this receipt. An SMS confirms the payment."),
}

# The terminal's own errors carry these sentences (kiosk.errors.KnownError); the notices
# keep the codes the screens and logs know.
UNRESOLVED_OURS = Notice("purchase_unresolved", PurchaseUnresolved.default_en,
                         PurchaseUnresolved.default_ar, retry=True)
UNRESOLVED_EARLIER = Notice(
    "earlier_purchase_unresolved",
    "Card payment is paused at this kiosk: an earlier payment is still being confirmed with "
    "the card terminal. You have not been charged. Please try again in a few minutes, or use "
    "another kiosk.",
    "السداد بالبطاقة متوقف مؤقتًا في هذا الجهاز: ما زالت عملية سابقة بانتظار التأكيد من جهاز "
    "الدفع. لم يُخصم منك أي مبلغ. حاول بعد دقائق أو استخدم جهازًا آخر.",
    retry=True,
)
TERMINAL_UNAVAILABLE = Notice("terminal_unavailable", TerminalUnavailable.default_en,
                              TerminalUnavailable.default_ar, retry=True)
CANCELLED = Notice(
    "cancelled", "The payment was cancelled. You have not been charged.",
    "أُلغيت عملية الدفع. لم يُخصم منك أي مبلغ.", retry=True,
)
TIMED_OUT = Notice(
    "timed_out",
    "The terminal's time for this payment ran out. You have not been charged.",
    "انتهت مهلة جهاز الدفع لهذه العملية. لم يُخصم منك أي مبلغ.", retry=True,
)
TERMINAL_FAILED = Notice("terminal_error", TerminalError.default_en, TerminalError.default_ar,
                         retry=True)
ALREADY_PAID = Notice(
    "invoice_already_paid", "This invoice has already been paid. Nothing to pay.",
    "هذه الفاتورة مسددة مسبقًا. لا يوجد مبلغ مستحق.",
)
NOT_FOUND = Notice(
    "invoice_not_found",
    "No invoice has this number. Check the number on your bill or SMS.",
    "لا توجد فاتورة بهذا الرقم. تحقق من الرقم في الفاتورة أو الرسالة النصية.",
)
NOT_RECORDED = Notice(
    "payment_not_stored",
    "Your card was charged, but this kiosk could not store the payment. Please show this "
    "screen to the staff; keep the approval code below.",
    "خُصم المبلغ من بطاقتك، لكن تعذّر على الجهاز حفظ عملية السداد. يُرجى عرض هذه الشاشة على "
    "الموظف والاحتفاظ برمز الموافقة أدناه.",
)


class PayFlow(Flow):
    """Invoices -> confirm -> paying -> (declined | not charged | unresolved | done)."""

    def __init__(
        self,
        *,
        api: PayApi,
        terminal: TerminalPort,
        recorder: PaymentRecorder,
        outbox: OutboxPort,
        printer: PrinterPort,
        identity: KioskIdentity,
        runner: Runner,
        session: Session,
        post: Post = _inline,
        language: Callable[[], str] = lambda: "ar",
        online: Callable[[], bool] = lambda: True,
        delivery_wait_s: float = DELIVERY_WAIT_S,
        poll_s: float = POLL_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(runner)
        self._api = api
        self._terminal = terminal
        self._recorder = recorder
        self._delivery = DeliveryWait(outbox, online=online, clock=clock, sleep=sleep,
                                      poll_s=poll_s)
        self._identity = identity
        self._session = session
        self._post = post
        self._language = language
        self._delivery_wait_s = delivery_wait_s
        self._now = now
        #: The payment receipt: printed, or shown as a QR code when it cannot be.
        self.printing = ReceiptPrint(printer, runner)
        self.printing.subscribe(self._printing_changed)
        self._generation = 0
        self._cancel: threading.Event | None = None
        self.step = PayStep.INVOICES
        self.invoices: list[Invoice] = []
        self.loaded = False
        self.invoice_problem: InvoiceProblem | None = None
        self.invoice: Invoice | None = None
        self.reference: str | None = None
        self.progress: PurchaseProgress | None = None
        self.cancelling = False
        self.outcome: PurchaseOutcome | None = None
        self.paid: PaidInvoice | None = None
        #: When an approved charge that could not be stored was approved (NOT_RECORDED).
        self.charged_at: datetime | None = None
        #: An invoice asked for by number from another journey ("pay the fee now").
        self._wanted: str | None = None

    @property
    def has_token(self) -> bool:
        """Whether the invoices list can be asked for (the beneficiary is identified)."""
        return self._session.token is not None

    @property
    def not_stored(self) -> bool:
        """The card was charged but the kiosk could not store the payment: the screen is
        the only evidence until staff reconcile it by hand."""
        return (self.step is PayStep.DONE and self.paid is None
                and self.outcome is not None and self.outcome.approved)

    def charge_record(self) -> str | None:
        """An approved charge that could not be stored, as plain lines staff can scan
        from the screen (QR code): no card number, nothing about the beneficiary."""
        outcome, invoice, at = self.outcome, self.invoice, self.charged_at
        if not self.not_stored or outcome is None or at is None:
            return None
        return "\n".join((
            "AL-AHSA KIOSK: APPROVED CHARGE NOT STORED",
            f"kiosk: {self._identity.id}",
            f"invoice: {invoice.number if invoice else invoice_of(outcome.reference) or '-'}",
            f"amount_halalas: {outcome.amount_halalas}",
            f"approval_code: {outcome.approval_code or '-'}",
            f"terminal_reference: {outcome.terminal_reference or '-'}",
            f"purchase_reference: {outcome.reference}",
            f"charged_at: {at.astimezone(UTC).isoformat(timespec='seconds')}",
        ))

    # -- intents -----------------------------------------------------------------------

    def want(self, number: str) -> None:
        """Opens on this invoice instead of the list, the next time the journey starts (the
        fee of the application just submitted: one invoice, not every unpaid bill)."""
        self._wanted = number
        self.invoice = self.paid = self.outcome = None
        self.notice = None
        self.printing.reset()
        self.step = PayStep.INVOICES

    def start(self) -> None:
        """Loads the beneficiary's unpaid invoices (none to load without identification),
        or the one invoice asked for by `want`."""
        self.step = PayStep.INVOICES
        wanted, self._wanted = self._wanted, None
        if wanted is not None:
            self.lookup(wanted)
            return
        token = self._session.token
        if token is None:
            self.loaded = True
            self._changed()
            return
        self._run(lambda: self._api.invoices(token), self._listed)

    def lookup(self, typed: str) -> None:
        """An invoice number typed on the numeric keyboard."""
        parsed = parse_invoice_number(typed)
        if isinstance(parsed, InvoiceProblem):
            self.invoice_problem = parsed
            self._changed()
            return
        self.invoice_problem = None
        self._run(lambda: self._api.invoice(parsed), self._chosen, self._lookup_failed)

    def choose(self, number: str) -> None:
        for invoice in self.invoices:
            if invoice.number == number:
                self._chosen(invoice)
                self._changed()
                return

    def pay(self) -> None:
        """Starts one purchase for the chosen invoice (double taps start nothing more)."""
        invoice = self.invoice
        if invoice is None or self.busy or self.step not in (
                PayStep.CONFIRM, PayStep.DECLINED, PayStep.NOT_CHARGED):
            return
        reference = new_reference(invoice.number)
        language = Language(self._language())
        cancel = threading.Event()
        generation = self._generation
        self.reference, self._cancel = reference, cancel
        self.progress, self.cancelling, self.outcome = None, False, None
        self.step = PayStep.PAYING

        def progress(step: PurchaseProgress) -> None:
            self._post(lambda: self._progressed(generation, step))

        def work() -> _Attempt:
            outcome = self._terminal.purchase(invoice.amount_halalas, reference, progress,
                                              cancel)
            # Stored on this thread, before anyone is told: nothing can lose it now.
            entry = (self._recorder.record(invoice.number, outcome, language)
                     if outcome.approved else None)
            return _Attempt(outcome, entry)

        self._run(work, self._attempted, self._purchase_failed)

    def cancel(self) -> None:
        """Asks the terminal to abort (never blocks: the driver's loop sends the abort)."""
        if self.step is PayStep.PAYING and self._cancel is not None and not self.cancelling:
            self._cancel.set()
            self.cancelling = True
            self._changed()

    def check_again(self) -> None:
        """Asks the terminal for the unresolved purchase's outcome (last transaction)."""
        if self.step is not PayStep.UNRESOLVED:
            return
        reference, invoice = self.reference, self.invoice

        def work() -> _Attempt | None:
            settled = self._terminal.recover()  # approvals are stored by the hook first
            if reference is None or invoice is None:
                return None
            if settled is not None and settled.reference == reference:
                entry = (self._recorder.record(invoice.number, settled)
                         if settled.approved else None)
                return _Attempt(settled, entry)
            entry = self._recorder.recorded(reference)
            if entry is not None:  # settled earlier (another purchase recovered it first)
                return _Attempt(_approved_from(entry, reference), entry)
            return None

        self._run(work, self._checked, self._purchase_failed)

    def back(self) -> bool:
        """One step back inside the journey; False when the router should leave."""
        if self.step in (PayStep.PAYING, PayStep.FINISHING, PayStep.UNRESOLVED):
            return True  # never walk away from a card that is on the terminal
        if self.busy:
            return self.step is not PayStep.INVOICES
        if self.step in (PayStep.CONFIRM, PayStep.DECLINED, PayStep.NOT_CHARGED):
            self.step = PayStep.INVOICES
            self.invoice = None
            self.notice = None
            self._changed()
            return True
        return False

    def another(self) -> None:
        """After a payment: back to the (refreshed) list. Not after a charge that could not
        be stored: its details stay on screen until the beneficiary or staff leave."""
        if self.not_stored:
            return
        self.invoice = self.paid = self.outcome = None
        self.printing.reset()
        self.start()

    def reset(self) -> None:
        """The session ended: forget everything; a purchase still running is aborted.

        An approval that lands after this is still stored by the purchase job itself.
        """
        if self._cancel is not None:
            self._cancel.set()
        self._generation += 1
        self._cancel = None
        self.step = PayStep.INVOICES
        self.invoices = []
        self.loaded = False
        self.invoice_problem = None
        self.invoice = None
        self.reference = None
        self.progress = None
        self.cancelling = False
        self.outcome = None
        self.paid = None
        self.charged_at = None
        self._wanted = None
        self.notice = None
        self.busy = False
        self.printing.reset()
        self._changed()

    def delivered(self, entry: OutboxEntry, answer: Any) -> None:
        """The outbox delivered an entry (any thread's news, brought to the flow's)."""
        paid = self.paid
        if paid is None or paid.entry.id != entry.id or not isinstance(answer, dict):
            return
        answered = paid.answered(answer)
        if answered is not paid:
            self.paid = answered
            self._changed()

    # -- results -----------------------------------------------------------------------

    def _listed(self, invoices: list[Invoice]) -> None:
        self.invoices = [i for i in invoices if i.status is InvoiceStatus.UNPAID]
        self.loaded = True

    def _chosen(self, invoice: Invoice) -> None:
        if invoice.status is InvoiceStatus.PAID:
            self.notice = ALREADY_PAID
            return
        self.invoice = invoice
        self.notice = None
        self.step = PayStep.CONFIRM

    def _lookup_failed(self, error: BaseException) -> None:
        self.notice = NOT_FOUND if isinstance(error, NotFoundError) else notice_for(error)

    def _progressed(self, generation: int, step: PurchaseProgress) -> None:
        if generation == self._generation and self.step is PayStep.PAYING:
            self.progress = step
            self._changed()

    def _attempted(self, attempt: _Attempt) -> None:
        outcome = attempt.outcome
        self.outcome = outcome
        self._cancel = None
        if outcome.approved and attempt.entry is not None:
            self._finish(attempt.entry, outcome)
            return
        if outcome.result is PurchaseResult.DECLINED:
            self.step = PayStep.DECLINED
            decline = outcome.decline
            self.notice = Notice(
                "declined",
                decline.text_en if decline else "The card was declined.",
                decline.text_ar if decline else "رُفضت البطاقة.", retry=True)
            return
        self.step = PayStep.NOT_CHARGED
        self.notice = {PurchaseResult.CANCELLED: CANCELLED,
                       PurchaseResult.TIMED_OUT: TIMED_OUT}.get(outcome.result, TERMINAL_FAILED)

    def _checked(self, attempt: _Attempt | None) -> None:
        if attempt is None:
            self.step = PayStep.NOT_CHARGED
            self.notice = TERMINAL_FAILED
            return
        self._attempted(attempt)

    def _purchase_failed(self, error: BaseException) -> None:
        self._cancel = None
        if isinstance(error, PurchaseUnresolved):
            if error.reference == self.reference:
                self.step, self.notice = PayStep.UNRESOLVED, UNRESOLVED_OURS
            else:  # an earlier purchase blocks this one, which was never sent
                self.step, self.notice = PayStep.NOT_CHARGED, UNRESOLVED_EARLIER
            return
        if isinstance(error, PaymentNotRecordable):
            self.outcome = error.outcome
            self.charged_at = self._now()
            self.step = PayStep.DONE
            self.notice = NOT_RECORDED
            return
        self.step = PayStep.NOT_CHARGED if self.step is PayStep.PAYING else self.step
        if isinstance(error, TerminalError):
            self.notice = TERMINAL_UNAVAILABLE
        else:
            self.notice = notice_for(error)

    def _finish(self, entry: OutboxEntry, outcome: PurchaseOutcome) -> None:
        """Approved and stored: wait a bounded time for the municipality's receipt number,
        then print (a provisional receipt if it has not answered)."""
        invoice = self.invoice
        assert invoice is not None
        self.paid = PaidInvoice(invoice, outcome, entry, self._now())
        self.step = PayStep.FINISHING
        language = Language(self._language())
        generation = self._generation
        wait_s = self._delivery_wait_s

        def waited(settled: OutboxEntry) -> None:
            self._print_receipt(generation, settled, language)

        def wait_failed(error: BaseException) -> None:
            log.error("payment stored but the wait for its delivery failed", exc_info=error)
            self._print_receipt(generation, entry, language)  # it is still delivered later

        # We are inside the purchase job's success callback: `busy` is already clear.
        self._run(lambda: self._delivery.wait(entry.id, wait_s), waited, wait_failed)

    def _print_receipt(self, generation: int, entry: OutboxEntry, language: Language) -> None:
        paid = self.paid
        if generation != self._generation or paid is None:
            return  # the beneficiary has gone: no receipt for nobody
        paid = replace(paid, entry=entry)
        if entry.state is EntryState.DELIVERED:
            paid = paid.answered(entry.answer)
        self.paid = paid
        self.printing.start(payment_receipt(paid, language, self._identity,
                                            self._api.verification_url))

    def _printing_changed(self) -> None:
        if self.step is PayStep.FINISHING and self.printing.settled:
            self.step = PayStep.DONE  # the payment is safe; paper or its QR code is out
        self._changed()


def payment_receipt(paid: PaidInvoice, language: Language, identity: KioskIdentity,
                    verification_url: Callable[[VerificationKind, str], str]) -> Receipt:
    """The payment receipt: final with the municipality's receipt number and signed URL,
    provisional (the outbox's local reference, an unsigned URL) until it has answered."""
    invoice, outcome = paid.invoice, paid.outcome
    arabic = language is Language.ARABIC
    lines: list[tuple[str, str]] = []  # the title already says what was paid for
    if paid.receipt_number:
        lines.append((printed(_WORDS["receipt_number"], language), paid.receipt_number))
        url = paid.verification_url or verification_url(VerificationKind.PAYMENT,
                                                         paid.receipt_number)
    else:
        url = verification_url(VerificationKind.PAYMENT, paid.entry.local_reference)
    references = ReceiptReferences(
        transaction_number=invoice.transaction_number,
        licence_number=invoice.licence_number,
        invoice_number=invoice.number,
        approval_code=outcome.approval_code,
        masked_card=card(outcome.scheme, outcome.masked_pan),
        terminal_reference=outcome.terminal_reference,
        queue_reference=None if paid.receipt_number else paid.entry.local_reference,
    )
    return Receipt(
        kind=ReceiptKind.PAYMENT if paid.receipt_number else ReceiptKind.PROVISIONAL,
        language=language,
        title=invoice.description_ar if arabic else invoice.description_en,
        issued_at=paid.paid_at,
        kiosk_id=identity.id,
        location_ar=identity.location_ar,
        location_en=identity.location_en,
        verification_url=url,
        lines=tuple(lines),
        amount_halalas=outcome.amount_halalas,
        references=references,
        footer_note=printed(_WORDS["footer"], language) if paid.receipt_number else "",
    )


def _approved_from(entry: OutboxEntry, reference: str) -> PurchaseOutcome:
    """The approval as stored in the outbox (the terminal already forgot it)."""
    payment = (entry.payload or {}).get("payment", {})
    return PurchaseOutcome(
        PurchaseResult.APPROVED, reference, int(payment.get("amount_halalas", 0)),
        approval_code=payment.get("approval_code"), masked_pan=payment.get("masked_pan"),
        terminal_reference=payment.get("terminal_reference"), recovered=True,
    )
