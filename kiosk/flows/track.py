"""Inquire and track (الاستعلام ومتابعة المعاملة): a transaction by its number alone.

Anyone may follow a transaction with its number, so this flow never asks who the
beneficiary is and the answer carries no personal data: status, the departments it
passed through (with Hijri and Gregorian dates), and the licence number once issued.
The number is checked at the kiosk first (the contract's `TRANSACTION_NUMBER`), so a
typo is explained at once and costs no request.

Also here, because "my licences" shares them: how an inquiry failure is classified
(`Trouble`), the words for statuses on screen and on summaries (`word`), and how a
summary is made (`transaction_summary`, `ReceiptContext`). Printing it, and the QR code
shown when the printer fails, is `kiosk.flows.printing.ReceiptPrint`, as for every receipt.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from kiosk.api.errors import (
    ApiError,
    AuthError,
    NotFoundError,
    OfflineError,
)
from kiosk.api.schema import (
    TRANSACTION_NUMBER,
    Authority,
    Branch,
    Channel,
    LicenceKind,
    LicenceStatus,
    StepState,
    Transaction,
    TransactionStatus,
    VerificationKind,
)
from kiosk.config import Language
from kiosk.devices.printer.receipt import (
    CONTEXT,
    Receipt,
    ReceiptKind,
    ReceiptReferences,
)
from kiosk.domain.dates import format_dual_date, format_dual_datetime
from kiosk.domain.identifiers import ARABIC_INDIC_DIGITS
from kiosk.flows.base import Flow, Runner
from kiosk.flows.printing import PrinterPort, ReceiptPrint
from kiosk.i18n.translations import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

_TRANSACTION_RE = re.compile(TRANSACTION_NUMBER)
# What people type between the year and the serial, or paste from an SMS.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u200e\u200f\u061c/]")
TRANSACTION_DIGITS = 10


# --- the number -------------------------------------------------------------------------


class NumberProblem(enum.StrEnum):
    """Why a typed transaction number was refused before asking the server."""

    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    WRONG_LENGTH = "wrong_length"


def _digits(typed: str) -> str:
    return _SEPARATORS.sub("", typed.translate(ARABIC_INDIC_DIGITS))


def check_transaction_number(typed: str) -> NumberProblem | None:
    """The problem with a typed number (`1447-000101`, `1447000101`, `١٤٤٧٠٠٠١٠١`), or None."""
    digits = _digits(typed)
    if not digits:
        return NumberProblem.EMPTY
    if not (digits.isascii() and digits.isdigit()):
        return NumberProblem.NOT_DIGITS
    if len(digits) != TRANSACTION_DIGITS:
        return NumberProblem.WRONG_LENGTH
    return None


def canonical_transaction_number(typed: str) -> str:
    """The contract's form `YYYY-NNNNNN`; ValueError if `check_transaction_number` objects."""
    problem = check_transaction_number(typed)
    if problem is not None:
        raise ValueError(f"not a transaction number: {problem.value}")
    digits = _digits(typed)
    number = f"{digits[:4]}-{digits[4:]}"
    if not _TRANSACTION_RE.fullmatch(number):  # the contract is the final word
        raise ValueError("not a transaction number: pattern")
    return number


# --- failures ---------------------------------------------------------------------------


class Trouble(enum.StrEnum):
    """What went wrong with an inquiry, as the beneficiary needs to hear it."""

    OFFLINE = "offline"              # no network: try again shortly, or another kiosk
    NOT_FOUND = "not_found"          # no such number
    SESSION_EXPIRED = "session_expired"  # the beneficiary's verification ran out
    SERVICE = "service"              # server error, unreadable answer, or a kiosk bug


def trouble_for(error: BaseException) -> Trouble:
    """Classifies a failure; anything that is not a known API error is logged as a bug.

    Inquiries only read, so whatever happened, nothing was changed at the municipality."""
    if isinstance(error, OfflineError):
        return Trouble.OFFLINE
    if isinstance(error, NotFoundError):
        return Trouble.NOT_FOUND
    if isinstance(error, AuthError) and error.code.startswith("token"):
        # The beneficiary's token (not the kiosk's key, which the operators must fix).
        return Trouble.SESSION_EXPIRED
    if isinstance(error, ApiError):
        log.warning("inquiry failed", extra={"error": type(error).__name__,
                                             "code": error.code, "status": error.status})
        return Trouble.SERVICE
    log.error("unexpected failure in an inquiry", exc_info=error)
    return Trouble.SERVICE


# --- the municipality's words, on screen and on paper ------------------------------------

# The English word for each status, authority, licence type, branch and channel. Marked
# for lupdate with the enum's name as context, so the Arabic lives in kiosk_ar.ts with
# every other text; `word` reads it for paper, screens ask Qt for the same (context,
# source) through `word_source` (kiosk.screens.track_parts.status_word).
WORDS: dict[enum.Enum, str] = {
    TransactionStatus.RECEIVED: QT_TRANSLATE_NOOP("TransactionStatus", "Received"),
    TransactionStatus.UNDER_REVIEW: QT_TRANSLATE_NOOP("TransactionStatus", "Under review"),
    TransactionStatus.INSPECTION: QT_TRANSLATE_NOOP("TransactionStatus", "Field inspection"),
    TransactionStatus.AWAITING_PAYMENT: QT_TRANSLATE_NOOP("TransactionStatus", "Awaiting payment"),
    TransactionStatus.APPROVED: QT_TRANSLATE_NOOP("TransactionStatus", "Approved"),
    TransactionStatus.ISSUED: QT_TRANSLATE_NOOP("TransactionStatus", "Licence issued"),
    TransactionStatus.REJECTED: QT_TRANSLATE_NOOP("TransactionStatus", "Rejected"),
    StepState.PENDING: QT_TRANSLATE_NOOP("StepState", "Not started"),
    StepState.IN_PROGRESS: QT_TRANSLATE_NOOP("StepState", "In progress"),
    StepState.DONE: QT_TRANSLATE_NOOP("StepState", "Completed"),
    StepState.REJECTED: QT_TRANSLATE_NOOP("StepState", "Rejected"),
    LicenceStatus.ACTIVE: QT_TRANSLATE_NOOP("LicenceStatus", "Active"),
    LicenceStatus.EXPIRED: QT_TRANSLATE_NOOP("LicenceStatus", "Expired"),
    LicenceStatus.SUSPENDED: QT_TRANSLATE_NOOP("LicenceStatus", "Suspended"),
    LicenceStatus.CANCELLED: QT_TRANSLATE_NOOP("LicenceStatus", "Cancelled"),
    Authority.LABOUR_OFFICE: QT_TRANSLATE_NOOP("Authority", "the Labour Office"),
    Authority.ZAKAT_AUTHORITY: QT_TRANSLATE_NOOP(
        "Authority", "the Zakat, Tax and Customs Authority (ZATCA)"),
    Authority.MUNICIPALITY: QT_TRANSLATE_NOOP("Authority", "Al-Ahsa Municipality"),
    LicenceKind.PROFESSIONAL: QT_TRANSLATE_NOOP("LicenceKind", "Professional licence"),
    LicenceKind.HEALTH: QT_TRANSLATE_NOOP("LicenceKind", "Health licence"),
    LicenceKind.COMMERCIAL: QT_TRANSLATE_NOOP("LicenceKind", "Commercial licence"),
    LicenceKind.HOME_BUILDING: QT_TRANSLATE_NOOP("LicenceKind", "Home building permit"),
    Branch.HOFUF: QT_TRANSLATE_NOOP("Branch", "Al-Hofuf municipality"),
    Branch.MUBARRAZ: QT_TRANSLATE_NOOP("Branch", "Al-Mubarraz municipality"),
    Branch.OMRAN: QT_TRANSLATE_NOOP("Branch", "Al-Omran municipality"),
    Branch.OYOUN: QT_TRANSLATE_NOOP("Branch", "Al-Oyoun municipality"),
    Channel.KIOSK: QT_TRANSLATE_NOOP("Channel", "Self-service kiosk"),
    Channel.OFFICE: QT_TRANSLATE_NOOP("Channel", "E-government service office"),
    Channel.HOME_VISIT: QT_TRANSLATE_NOOP("Channel", "Home visit"),
}


#: The word for a department a rejected transaction will never reach (the server still
#: calls it "pending": the screen must not say it has merely "not started").
NOT_NEEDED = ("StepState", QT_TRANSLATE_NOOP("StepState", "Not needed"))


def not_reached(transaction: Transaction) -> list[bool]:
    """For each step: True when an earlier department rejected the transaction, so this
    one, still pending on the server, will never be reached."""
    stopped = transaction.status is TransactionStatus.REJECTED
    return [stopped and step.state is StepState.PENDING for step in transaction.steps]


def word_source(value: enum.Enum) -> tuple[str, str]:
    """(context, English source) of `value`'s word in the translation file."""
    return type(value).__name__, WORDS[value]


def word(value: enum.Enum, language: str) -> str:
    """The municipality's word for a status, authority, licence type, branch or channel,
    in `language`, without Qt (the flows print it on summaries)."""
    return translate(*word_source(value), language)


_LABELS: dict[str, str] = {
    "status": QT_TRANSLATE_NOOP("Receipt", "Status"),
    "type": QT_TRANSLATE_NOOP("Receipt", "Type"),
    "branch": QT_TRANSLATE_NOOP("Receipt", "Branch"),
    "submitted": QT_TRANSLATE_NOOP("Receipt", "Submitted"),
    "updated": QT_TRANSLATE_NOOP("Receipt", "Last update"),
    "finished": QT_TRANSLATE_NOOP("Receipt", "Finished"),
    "started": QT_TRANSLATE_NOOP("Receipt", "Started"),
    "shop": QT_TRANSLATE_NOOP("Receipt", "Establishment"),
    "activity": QT_TRANSLATE_NOOP("Receipt", "Activity"),
    "district": QT_TRANSLATE_NOOP("Receipt", "District"),
    "expires": QT_TRANSLATE_NOOP("Receipt", "Expires"),
    "by": QT_TRANSLATE_NOOP("Receipt", "By"),
    "reason": QT_TRANSLATE_NOOP("Receipt", "Reason"),
    "issued_by": QT_TRANSLATE_NOOP("Receipt", "Issued through"),
    "track_title": QT_TRANSLATE_NOOP("Receipt", "Transaction status"),
    "licence_title": QT_TRANSLATE_NOOP("Receipt", "Licence details"),
}


def label(key: str, language: str) -> str:
    """A summary's label in `language` (the translation file's Arabic)."""
    return translate(CONTEXT, _LABELS[key], language)


# --- what a summary says ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReceiptContext:
    """What every summary needs besides its subject: which kiosk, where, and how to make
    the unsigned verification URL its QR code points to when the answer carries no signed
    one (`kiosk.api.verification`)."""

    kiosk_id: str
    location_ar: str
    location_en: str
    verification_url: Callable[[VerificationKind, str], str]
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)


def transaction_summary(transaction: Transaction, language: str,
                        context: ReceiptContext) -> Receipt:
    """An inquiry summary of a transaction whose licence was issued; its QR code opens
    the licence's public verification page. No personal data, like the inquiry itself."""
    if transaction.licence_number is None:
        raise ValueError("a transaction summary is printed once its licence is issued")
    lines: list[tuple[str, str]] = [
        (label("type", language), word(transaction.licence_type, language)),
        (label("branch", language), word(transaction.branch, language)),
        (label("status", language), word(transaction.status, language)),
        (label("submitted", language),
         format_dual_date(transaction.submitted_at, language)),
    ]
    for step in transaction.steps:
        department = step.department_ar if language == "ar" else step.department_en
        lines.append((department, word(step.state, language)))
        if step.finished_at is not None:
            lines.append((label("finished", language),
                          format_dual_date(step.finished_at, language)))
    return Receipt(
        kind=ReceiptKind.INQUIRY_SUMMARY, language=Language(language),
        title=label("track_title", language), issued_at=context.clock(),
        kiosk_id=context.kiosk_id, location_ar=context.location_ar,
        location_en=context.location_en,
        verification_url=transaction.licence_verification_url
        or context.verification_url(VerificationKind.LICENCE, transaction.licence_number),
        lines=tuple(lines),
        references=ReceiptReferences(transaction_number=transaction.number,
                                     licence_number=transaction.licence_number),
    )


# --- the flow ------------------------------------------------------------------------------


class TrackApi(Protocol):
    def transaction(self, number: str) -> Transaction: ...


class TrackStep(enum.StrEnum):
    NUMBER = "number"
    RESULT = "result"
    TROUBLE = "trouble"


class TrackFlow(Flow):
    """Number -> status and timeline. An unknown number stays on the number step with the
    typed value kept; no network or a server failure goes to a calm trouble step."""

    def __init__(self, api: TrackApi, runner: Runner, printer: PrinterPort,
                 context: ReceiptContext) -> None:
        super().__init__(runner)
        self._api = api
        self._context = context
        self.printing = ReceiptPrint(printer, runner)
        self.step = TrackStep.NUMBER
        self.typed = ""
        self.problem: NumberProblem | None = None
        self.not_found: str | None = None
        self.trouble: Trouble | None = None
        self.transaction: Transaction | None = None

    # -- intents -----------------------------------------------------------------------

    def submit_number(self, typed: str) -> None:
        self.typed = typed
        self.not_found = None
        self.problem = check_transaction_number(typed)
        if self.problem is not None:
            self._changed()
            return
        number = canonical_transaction_number(typed)
        self._run(lambda: self._api.transaction(number), self._found,
                  lambda error: self._failed(error, number))

    def retry(self) -> None:
        """Asks again for the last number (from the trouble step)."""
        self.submit_number(self.typed)

    def print_summary(self, language: str) -> bool:
        if not self.can_print or self.transaction is None:
            return False
        return self.printing.start(transaction_summary(self.transaction, language,
                                                       self._context))

    def fail(self, error: BaseException, number: str) -> None:
        """Shows what a failed lookup of `number` leads to (the tour uses it to show the
        trouble states without breaking the demo's sandbox)."""
        self.busy = False
        self.typed = self.typed or number
        self._failed(error, number)
        self._changed()

    def back(self) -> bool:
        """Result or trouble -> the number (kept); False at the number step."""
        if self.step is TrackStep.NUMBER:
            return False
        self.step = TrackStep.NUMBER
        self.trouble = None
        self.transaction = None
        self.printing.reset()
        self._changed()
        return True

    def reset(self) -> None:
        self.step = TrackStep.NUMBER
        self.typed = ""
        self.problem = None
        self.not_found = None
        self.trouble = None
        self.transaction = None
        self.notice = None
        self.busy = False
        self.printing.reset()
        self._changed()

    # -- state -------------------------------------------------------------------------

    @property
    def can_print(self) -> bool:
        return self.transaction is not None and self.transaction.licence_number is not None

    # -- results -----------------------------------------------------------------------

    def _found(self, transaction: Transaction) -> None:
        self.transaction = transaction
        self.trouble = None
        self.step = TrackStep.RESULT
        self.printing.reset()

    def _failed(self, error: BaseException, number: str) -> None:
        trouble = trouble_for(error)
        if trouble is Trouble.NOT_FOUND:
            self.not_found = number
            self.step = TrackStep.NUMBER
        else:
            self.trouble = trouble
            self.step = TrackStep.TROUBLE


def step_dates(started: datetime | None, finished: datetime | None,
               language: str) -> list[tuple[str, str]]:
    """(label, dual date and time) for a timeline step's start and end, when known."""
    out: list[tuple[str, str]] = []
    if started is not None:
        out.append((label("started", language), format_dual_datetime(started, language)))
    if finished is not None:
        out.append((label("finished", language), format_dual_datetime(finished, language)))
    return out
