"""Issue a licence (إصدار رخصة): type -> one page per question -> every problem at once ->
check your answers -> fee -> submit through the outbox -> confirmation (or provisional) -> receipt.

Why it is shaped like this:
- The municipality excludes ~10% of requests as incomplete or ineligible. The kiosk asks
  the server to validate the whole application (`validate_application`, no side effects)
  before anything is submitted, and shows *every* problem it names, each with a way back
  to the page that holds the field.
- Submission is written to the durable outbox first, online or not; the idempotency key
  is made here, once, when the beneficiary presses Submit, and the stored request carries
  a proof bound to that key and these answers (`kiosk.api.proof`), never the token: the
  token stays in the session, in memory. The flow then waits a bounded
  time for the delivery worker: delivered -> the real transaction number; not yet -> a
  provisional confirmation with the outbox's local reference (the worker delivers it
  later, exactly once); refused at delivery -> a calm error with the server's reason.
- Answers are kept as typed in `Session.answers`, so ending the session wipes them. A
  mobile question not answered yet offers the mobile just verified (it is in the session).
- `progress` names where the beneficiary is across the whole journey (licence type,
  identity when it was needed, details, check, fee), one count for every screen of it.
The wait for delivery is `DeliveryWait` and the receipt goes through `ReceiptPrint`, the
same as a payment's. No Qt here: screens render `step` and call the intents.
"""

from __future__ import annotations

import enum
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from pydantic import ValidationError

from kiosk.api.errors import AuthError, RejectedError
from kiosk.api.proof import make_proof
from kiosk.api.schema import (
    ApplicationDraft,
    Catalogue,
    FieldKind,
    FieldSpec,
    LicenceKind,
    LicenceType,
    Problem,
    SubmissionReceipt,
    SubmitApplication,
    ValidationResult,
    json_payload,
)
from kiosk.config import KioskIdentity, Language
from kiosk.devices.printer.receipt import Receipt, ReceiptKind, ReceiptReferences
from kiosk.domain.money import format_sar
from kiosk.domain.requests import RequestKind
from kiosk.domain.session import Session
from kiosk.flows.base import Flow, Notice, Runner, notice_for
from kiosk.flows.delivery import POLL_S, DeliveryWait, OutboxPort
from kiosk.flows.form_pages import answer_value, check_answer, display_value
from kiosk.flows.printing import PrinterPort, ReceiptPrint
from kiosk.flows.progress import Progress, Stage
from kiosk.offline_queue.entry import EntryState, OutboxEntry

log = logging.getLogger(__name__)

WAIT_FOR_DELIVERY_S = 8.0
JOURNEY = "issue"


class IssueApi(Protocol):
    def validate_application(self, token: str, draft: ApplicationDraft) -> ValidationResult: ...


class CatalogueSource(Protocol):
    def get(self) -> Catalogue: ...


class IssueStep(enum.StrEnum):
    LOADING = "loading"
    CHOOSE_TYPE = "choose_type"
    FORM = "form"
    PROBLEMS = "problems"
    CHECK = "check"
    FEE = "fee"
    CONFIRMED = "confirmed"
    PROVISIONAL = "provisional"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One line of "check your answers": the question, the answer, the page to change it
    (each question has a page of its own)."""

    spec: FieldSpec
    value: str
    page: int


NO_TYPES = Notice(
    "no_licence_types", "No licence can be issued at this kiosk right now.",
    "لا يمكن إصدار رخص من هذا الجهاز حاليًا.",
)
NOT_IDENTIFIED = Notice(
    "not_identified", "Your session has ended. Please identify yourself again.",
    "انتهت جلستك. يُرجى التحقق من هويتك مرة أخرى.",
)
IDENTIFY_AGAIN = Notice(
    "identify_again", "Your identification has expired. Confirm it again with a new SMS "
    "code; your answers are kept.",
    "انتهت صلاحية التحقق من هويتك. أكّدها مرة أخرى برمز جديد يصلك برسالة نصية؛ إجاباتك "
    "محفوظة.",
)
NOT_SENT = Notice(
    "not_sent", "Your application could not be saved at this kiosk; nothing was sent. "
    "Please try again, or use another kiosk.",
    "تعذّر حفظ طلبك في هذا الجهاز ولم يُرسل شيء. يُرجى المحاولة مرة أخرى أو استخدام جهاز آخر.",
    retry=True,
)


class IssueFlow(Flow):
    """The licence application as a state machine over the catalogue, API, outbox, printer."""

    def __init__(
        self,
        api: IssueApi,
        catalogue: CatalogueSource,
        outbox: OutboxPort,
        printer: PrinterPort,
        runner: Runner,
        *,
        session: Session,
        kiosk: KioskIdentity,
        verification_url: Callable[[str], str],
        language: Callable[[], str] = lambda: "ar",
        wait_s: float = WAIT_FOR_DELIVERY_S,
        online: Callable[[], bool] = lambda: True,
        poll_s: float = POLL_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(runner)
        self._api = api
        self._catalogue = catalogue
        self._outbox = outbox
        self._delivery = DeliveryWait(outbox, online=online, clock=clock, sleep=sleep,
                                      poll_s=poll_s)
        self._session = session
        self._kiosk = kiosk
        self._verification_url = verification_url
        self._language = language
        self._default_wait_s = wait_s
        self.wait_s = wait_s
        self._now = now
        #: The application receipt: printed, or shown as a QR code when it cannot be.
        self.printing = ReceiptPrint(printer, runner)
        self.printing.subscribe(self._changed)
        self._clear()

    def _clear(self) -> None:
        self.wait_s = self._default_wait_s
        self.step = IssueStep.LOADING
        self.types: list[LicenceType] = []
        self.from_cache = False
        self.licence: LicenceType | None = None
        #: The questions, one per page, in the catalogue's order.
        self.pages: list[FieldSpec] = []
        self._with_identity = self._session.token is None
        self.page = 0
        self.field_problems: dict[str, Problem] = {}
        self.problems: list[Problem] = []
        self.returning = False
        self.fee_halalas: int | None = None
        self.entry: OutboxEntry | None = None
        self._submit_key: tuple[str, ApplicationDraft] | None = None
        self.submission: SubmissionReceipt | None = None
        self.failure_reason = ""
        self.failure_problems: list[Problem] = []
        self.notice = None
        self.printing.reset()

    # -- state ---------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, str]:
        """What was typed, by field name (lives in the session: wiped with it)."""
        return self._session.answers

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The journey's named steps; identity only when the beneficiary was not yet
        identified as the journey began (it is then a step of this journey)."""
        identity = (Stage.IDENTITY,) if self._with_identity else ()
        return (Stage.LICENCE_TYPE, *identity, Stage.DETAILS, Stage.CHECK, Stage.FEE)

    @property
    def progress(self) -> Progress | None:
        """Where the beneficiary is, or None once the application has gone."""
        if self.step in (IssueStep.LOADING, IssueStep.CHOOSE_TYPE):
            return Progress(self.stages, Stage.LICENCE_TYPE)
        if self.step is IssueStep.FORM and self.pages:
            return Progress(self.stages, Stage.DETAILS, self.page + 1, len(self.pages))
        if self.step in (IssueStep.PROBLEMS, IssueStep.CHECK):
            return Progress(self.stages, Stage.CHECK)
        if self.step is IssueStep.FEE:
            return Progress(self.stages, Stage.FEE)
        return None

    @property
    def question(self) -> FieldSpec | None:
        """The question on show (FORM only)."""
        if self.step is IssueStep.FORM and 0 <= self.page < len(self.pages):
            return self.pages[self.page]
        return None

    def answer_for(self, spec: FieldSpec) -> str:
        """What a question's page shows: the answer typed, or for a mobile question not
        answered yet, the mobile the beneficiary has just verified."""
        typed = self.answers.get(spec.name)
        if typed is None and spec.kind is FieldKind.MOBILE:
            return self._session.mobile or ""
        return typed or ""

    def page_of(self, field: str) -> int | None:
        for index, spec in enumerate(self.pages):
            if spec.name == field:
                return index
        return None

    def answer_rows(self, language: str) -> list[AnswerRow]:
        rows: list[AnswerRow] = []
        for index, spec in enumerate(self.pages):
            value = answer_value(spec, self.answers.get(spec.name, ""))
            rows.append(AnswerRow(spec, display_value(spec, value, language), index))
        return rows

    def draft(self) -> ApplicationDraft:
        if self.licence is None:
            raise RuntimeError("no licence type chosen")
        answers = {spec.name: answer_value(spec, self.answers.get(spec.name, ""))
                   for spec in self.licence.fields}
        return ApplicationDraft(licence_type=self.licence.kind, answers=answers)

    # -- intents -------------------------------------------------------------------------

    def start(self) -> None:
        """Loads the catalogue (server, or the cached copy while offline)."""
        if self.step not in (IssueStep.LOADING, IssueStep.CHOOSE_TYPE) or self.busy:
            return
        if self.licence is None:
            self._with_identity = self._session.token is None
        self.step = IssueStep.LOADING
        self._run(self._catalogue.get, self._catalogue_loaded)

    def choose_type(self, kind: LicenceKind | str) -> None:
        if self.step is not IssueStep.CHOOSE_TYPE or self.busy:
            return
        chosen = next((t for t in self.types if t.kind == kind), None)
        if chosen is None:
            return
        if self.licence is None or self.licence.kind != chosen.kind:
            self._session.answers = {}
            self.field_problems = {}
            self.problems = []
        self.licence = chosen
        self._session.journey = JOURNEY
        self.pages = list(chosen.fields)
        self.page = 0
        self.returning = False
        self.step = IssueStep.FORM
        self._changed()

    def continue_page(self, typed: str | None = None) -> None:
        """Keeps the answer typed (or chosen) on the current page, checks it, then moves
        on; None goes on with the answer already kept (a retry after a service problem)."""
        spec = self.question
        if spec is None or self.busy:
            return
        if typed is None:
            typed = self.answer_for(spec)
        self.answers[spec.name] = typed
        problem = check_answer(spec, typed)
        # This page's answer is re-checked now; the server will look at it again.
        self.field_problems.pop(spec.name, None)
        self.problems = [p for p in self.problems if p.field != spec.name]
        if problem is not None:
            self.field_problems[spec.name] = problem
            self.problems.append(problem)
        self.notice = None
        if problem is not None:
            self._changed()
            return
        if self.returning or self.page == len(self.pages) - 1:
            self._validate()
            return
        self.page += 1
        self._changed()

    def keep_typed(self, typed: str) -> None:
        """Remembers what is typed on the current page without checking it (the screen is
        about to be redrawn, e.g. in the other language)."""
        spec = self.question
        if spec is not None:
            self.answers[spec.name] = typed

    def fix(self, field: str) -> None:
        """From the problems list: go to the page holding `field`, then straight back."""
        index = self.page_of(field)
        if index is None or self.busy:
            return
        self.page = index
        self.returning = True
        self.step = IssueStep.FORM
        self._changed()

    def change(self, page: int) -> None:
        """From "check your answers": edit one page, then come straight back."""
        if self.step is not IssueStep.CHECK or not 0 <= page < len(self.pages) or self.busy:
            return
        self.page = page
        self.returning = True
        self.step = IssueStep.FORM
        self._changed()

    def confirm_answers(self) -> None:
        if self.step is IssueStep.CHECK and not self.busy:
            self.step = IssueStep.FEE
            self._changed()

    def submit(self) -> None:
        """Stores the application in the outbox (once) and waits a bounded time for it to
        reach the municipality. A second tap while it runs does nothing."""
        if self.step is not IssueStep.FEE or self.busy:
            return
        token = self._session.token
        if token is None:
            self.notice = NOT_IDENTIFIED
            self._changed()
            return
        try:
            draft = self.draft()
            key = self._submit_key_for(draft)
            payload = json_payload(SubmitApplication(
                application=draft, beneficiary_proof=make_proof(token, key, draft),
                language=Language(self._language())))
        except ValidationError:
            self.notice = NOT_IDENTIFIED
            self._changed()
            return
        self._run(lambda: self._store_and_wait(payload, key), self._submitted,
                  self._not_stored)

    def _submit_key_for(self, draft: ApplicationDraft) -> str:
        """The idempotency key of this confirmed application: made at the first Submit,
        kept while the answers stay the same (a retry after "could not be saved" stores
        the same request under the same key), new once they change."""
        if self._submit_key is None or self._submit_key[1] != draft:
            self._submit_key = (str(uuid.uuid4()), draft)
        return self._submit_key[0]

    def identified_again(self) -> None:
        """Back from identification after the token expired: carry on where they were."""
        if self.notice is IDENTIFY_AGAIN and self._session.token is not None:
            self.notice = None
            self._changed()

    def retry_catalogue(self) -> None:
        self.start()

    def back(self) -> bool:
        """One step back inside the journey; False when the shell should leave it."""
        if self.busy:
            return True
        if self.step is IssueStep.FORM:
            if self.returning:
                self.returning = False
                self.step = IssueStep.PROBLEMS if self.problems else IssueStep.CHECK
                if self.step is IssueStep.CHECK and self.fee_halalas is None:
                    self.step = IssueStep.FORM
                    self.page = len(self.pages) - 1
            elif self.page > 0:
                self.page -= 1
            else:
                self.step = IssueStep.CHOOSE_TYPE
        elif self.step in (IssueStep.PROBLEMS, IssueStep.CHECK):
            self.step = IssueStep.FORM
            self.page = len(self.pages) - 1
            self.returning = False
        elif self.step is IssueStep.FEE:
            self.step = IssueStep.CHECK
        else:
            return False
        self.notice = None
        self._changed()
        return True

    def reset(self) -> None:
        """Forgets everything about the current beneficiary's application."""
        self._session.answers = {}
        if self._session.journey == JOURNEY:
            self._session.journey = None
        self.busy = False
        self._clear()
        self._changed()

    # -- results -------------------------------------------------------------------------

    def _catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.types = list(catalogue.licence_types)
        self.from_cache = bool(getattr(self._catalogue, "from_cache", False))
        self.step = IssueStep.CHOOSE_TYPE
        if not self.types:
            self.notice = NO_TYPES

    def _validate(self) -> None:
        token = self._session.token
        if token is None:
            self.notice = NOT_IDENTIFIED
            self._changed()
            return
        draft = self.draft()
        self._run(lambda: self._api.validate_application(token, draft), self._validated,
                  self._validation_failed)

    def _validated(self, result: ValidationResult) -> None:
        self.returning = False
        if result.ok and not result.problems:
            self.problems = []
            self.field_problems = {}
            self.fee_halalas = result.fee_halalas
            self.step = IssueStep.CHECK
            return
        self._show_problems(result.problems)

    def _validation_failed(self, error: BaseException) -> None:
        if isinstance(error, AuthError):
            # The token lives minutes; the answers stay, only the identity is asked again.
            self._session.token = None
            self.notice = IDENTIFY_AGAIN
            return
        if isinstance(error, RejectedError) and error.problems:
            self.returning = False
            self._show_problems(error.problems)
            return
        self.notice = notice_for(error)

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        self.field_problems = {}
        for problem in problems:
            if problem.field and self.page_of(problem.field) is not None:
                self.field_problems.setdefault(problem.field, problem)
        self.fee_halalas = None
        self.step = IssueStep.PROBLEMS
        log.info("application has problems",
                 extra={"codes": sorted({p.code for p in problems}),
                        "licence_type": self.licence.kind.value if self.licence else None})

    def _store_and_wait(self, payload: dict[str, object], key: str) -> OutboxEntry:
        """Runs off the UI thread: enqueue once, then wait a bounded time for delivery."""
        entry = self.entry
        if entry is None:
            entry = self._outbox.enqueue(RequestKind.SUBMIT_APPLICATION, payload,
                                         idempotency_key=key)
            self.entry = entry  # never enqueue again for this application
        return self._delivery.wait(entry.id, self.wait_s)

    def _submitted(self, entry: OutboxEntry) -> None:
        self.entry = entry
        if entry.state is EntryState.DELIVERED:
            try:
                self.submission = SubmissionReceipt.model_validate(entry.answer or {})
            except ValidationError:
                log.error("delivered answer is not a submission receipt",
                          extra={"entry_id": entry.id})
                self.submission = None
            self.step = IssueStep.CONFIRMED
            log.info("application delivered", extra={"entry_id": entry.id,
                                                      "server_reference":
                                                          entry.server_reference})
        elif entry.state is EntryState.DEAD:
            self.failure_reason = entry.last_error or ""
            self.step = IssueStep.FAILED
            log.warning("application refused at delivery", extra={"entry_id": entry.id})
            self._explain_refusal()
            return
        else:
            self.step = IssueStep.PROVISIONAL
            log.info("application saved for later delivery", extra={"entry_id": entry.id})
        self.printing.start(self._build_receipt())

    def _explain_refusal(self) -> None:
        """The outbox keeps a technician's one-line reason; the beneficiary deserves the
        municipality's own words in their language, so ask it (validation changes nothing)."""
        token = self._session.token
        if token is None or self.licence is None:
            return
        draft = self.draft()

        def explained(result: ValidationResult) -> None:
            self.failure_problems = list(result.problems)

        def unexplained(error: BaseException) -> None:
            if isinstance(error, RejectedError):
                self.failure_problems = list(error.problems)

        self._run(lambda: self._api.validate_application(token, draft), explained,
                  unexplained)

    def _not_stored(self, error: BaseException) -> None:
        if self.entry is not None:
            # Stored but the wait itself failed: it will still be delivered.
            self.step = IssueStep.PROVISIONAL
            self.printing.start(self._build_receipt())
            return
        log.error("application could not be stored", extra={"error": type(error).__name__})
        self.notice = NOT_SENT

    # -- receipt -------------------------------------------------------------------------

    def _build_receipt(self) -> Receipt:
        language = Language(self._language())
        arabic = language is Language.ARABIC
        licence = self.licence
        lines: list[tuple[str, str]] = []
        title = ""
        if licence is not None:
            title = licence.name_ar if arabic else licence.name_en
            lines.append(("نوع الرخصة" if arabic else "Licence type", title))
            for spec in licence.fields:
                if spec.name in ("shop_name", "activity", "district"):
                    value = answer_value(spec, self.answers.get(spec.name, ""))
                    lines.append((spec.label_ar if arabic else spec.label_en,
                                  display_value(spec, value, language.value)))
        fee = self.fee_halalas if self.fee_halalas is not None else (
            licence.fee_halalas if licence else None)
        if fee is not None:
            lines.append(("الرسوم المستحقة" if arabic else "Fee due",
                          format_sar(fee, arabic=arabic)))
        if self.submission is not None:
            invoice = self.submission.invoice
            references = ReceiptReferences(
                transaction_number=self.submission.transaction_number,
                invoice_number=invoice.number if invoice else None)
            reference = self.submission.transaction_number
            kind = ReceiptKind.LICENCE_APPLICATION
            footer = ("احتفظ بهذا الإيصال. ستصلك رسائل نصية بتحديثات معاملتك." if arabic else
                      "Keep this receipt. You will receive SMS updates on your application.")
        else:
            local = self.entry.local_reference if self.entry else ""
            references = ReceiptReferences(queue_reference=local)
            reference = local
            kind = ReceiptKind.PROVISIONAL
            footer = ""
        return Receipt(
            kind=kind, language=language, title=title, issued_at=self._now(),
            kiosk_id=self._kiosk.id, location_ar=self._kiosk.location_ar,
            location_en=self._kiosk.location_en,
            verification_url=(self.submission.verification_url if self.submission else None)
            or self._verification_url(reference), lines=tuple(lines),
            references=references, footer_note=footer,
        )
