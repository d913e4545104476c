"""The wire contract of the municipality API (`/v1`), shared by the client and the sandbox.

One set of pydantic models is the single source of truth: the kiosk parses answers with
them, the sandbox declares its endpoints with them, and the OpenAPI document committed in
`docs/openapi.json` is generated from them. Money is integer halalas; every timestamp is
timezone-aware UTC; dates without a time (expiry, due) are plain ISO dates.
"""

from __future__ import annotations

import base64
import binascii
import enum
import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kiosk.config_source import RULES, Language
from kiosk.domain.payment import CardScheme
from kiosk.domain.pilot import (
    JOURNEY_STEPS,
    MAX_SESSION_EVENTS,
    AbandonReason,
    EventKind,
    FailureKind,
    Journey,
    JourneyStep,
)

API_VERSION = "v1"

# Digits are written [0-9], never \d: pydantic's regex engine (and Python's `re`) let \d
# match Arabic-Indic and other Unicode digits, while JSON Schema readers of the OpenAPI
# document take \d as ASCII only. The contract means ASCII digits.
TRANSACTION_NUMBER = r"^[0-9]{4}-[0-9]{6}$"
LICENCE_NUMBER = r"^L-[0-9]{4}-[0-9]{6}$"
INVOICE_NUMBER = r"^INV-[0-9]{4}-[0-9]{6}$"
RECEIPT_NUMBER = r"^RC-[0-9]{4}-[0-9]{6}$"
NATIONAL_ID = r"^[12][0-9]{9}$"
MOBILE = r"^05[0-9]{8}$"
KIOSK_ID = r"^[A-Z0-9][A-Z0-9-]{2,31}$"

Halalas = Annotated[int, Field(ge=0, description="An amount in halalas (1 SAR = 100)")]
# Strict: an answer is what was typed (a string) or a number field's JSON integer; never
# 12.0 or true, which lax parsing would quietly turn into 12 and 1.
AnswerValue = StrictStr | StrictInt | None

# RFC 3339 `date-time` (what the OpenAPI document's `format: date-time` means), with its
# offset. Lax parsing would also take a number or a numeric string as Unix seconds, so
# `0` became 1970-01-01.
_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
                      r"(?:\.[0-9]{1,9})?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})")


def _rfc3339(value: object) -> object:
    """Lets through a `datetime` (built in Python) or RFC 3339 text; refuses the rest."""
    if isinstance(value, datetime) or (isinstance(value, str) and _RFC3339.fullmatch(value)):
        return value
    raise PydanticCustomError("datetime_rfc3339", "Input should be an RFC 3339 date-time "
                              "with an offset, such as 2025-01-01T09:30:00Z")


Timestamp = Annotated[AwareDatetime, BeforeValidator(_rfc3339)]


def _iso_day(value: object) -> object:
    """Lets through a `date` (built in Python) or YYYY-MM-DD text; lax parsing would also
    take a number as Unix seconds, or a date-time at midnight."""
    if (isinstance(value, date) and not isinstance(value, datetime)) or (
            isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)):
        return value
    raise PydanticCustomError("date_iso", "Input should be a day written YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_iso_day)]

# The plausible times of a card payment (`Payment.paid_at`, checked by the server against
# its own clock): none before kiosks took payments, none more than a day ahead. The
# window is wide on purpose: a kiosk clock that is hours off (a wrong time zone) must not
# get a real payment refused for good; 1970 (a reset clock) and next year are refused.
PAID_AT_EARLIEST = datetime(2024, 1, 1, tzinfo=UTC)
PAID_AT_AHEAD = timedelta(hours=24)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- errors ---------------------------------------------------------------------------


class Problem(_Model):
    """One thing wrong with a request: which field (None for the whole request), a stable
    code the kiosk can test, and a sentence in each language for the beneficiary."""

    field: str | None = None
    code: str
    message_ar: str
    message_en: str


class ErrorBody(_Model):
    """The one error shape of every non-2xx answer."""

    code: str
    message_ar: str
    message_en: str
    problems: list[Problem] = []


# --- shared vocabulary -----------------------------------------------------------------


class Branch(enum.StrEnum):
    """The branch municipalities (بلديات) of Al-Ahsa that the pilot covers."""

    HOFUF = "hofuf"
    MUBARRAZ = "mubarraz"
    OMRAN = "omran"
    OYOUN = "oyoun"


class LicenceKind(enum.StrEnum):
    PROFESSIONAL = "professional"
    HEALTH = "health"
    COMMERCIAL = "commercial"
    HOME_BUILDING = "home_building"


class Channel(enum.StrEnum):
    """Who issued a licence: a kiosk, an e-government service office, or a home visit."""

    KIOSK = "kiosk"
    OFFICE = "office"
    HOME_VISIT = "home_visit"


# --- catalogue -------------------------------------------------------------------------


class FieldKind(enum.StrEnum):
    NATIONAL_ID = "national_id"
    CR_NUMBER = "cr_number"
    MOBILE = "mobile"
    NUMBER = "number"
    TEXT = "text"
    CHOICE = "choice"
    DATE = "date"


class Choice(_Model):
    value: str
    label_ar: str
    label_en: str


class FieldSpec(_Model):
    """One question of a licence form. `min`/`max` bound a number's value or a text's
    length; `pattern` is a full-match regular expression over the typed text."""

    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    kind: FieldKind
    label_ar: str
    label_en: str
    required: bool = True
    min: int | None = None
    max: int | None = None
    pattern: str | None = None
    choices: list[Choice] = []
    help_ar: str = ""
    help_en: str = ""


class LicenceType(_Model):
    """A licence the kiosk can issue, with everything needed to render its form."""

    kind: LicenceKind
    name_ar: str
    name_en: str
    description_ar: str
    description_en: str
    fee_halalas: Halalas
    validity_days: Annotated[int, Field(ge=1)]
    fields: list[FieldSpec]


class Catalogue(_Model):
    """What the kiosk may offer now; cached by the kiosk for offline display."""

    version: str
    published_at: AwareDatetime
    licence_types: list[LicenceType]


# --- identity --------------------------------------------------------------------------


#: The language of the SMS a request makes the municipality send: the language on the
#: kiosk's screen. Optional (Arabic when absent), so older kiosks are still understood.
SmsLanguage = Annotated[Language | None, Field(description=(
    "The language of the SMS this request makes the municipality send (the kiosk's "
    "screen language); Arabic when absent"))]


class OtpRequest(_Model):
    national_id: Annotated[str, Field(pattern=NATIONAL_ID)]
    mobile: Annotated[str, Field(pattern=MOBILE)]
    language: SmsLanguage = None


class OtpChallenge(_Model):
    """An OTP was sent by SMS to the beneficiary's registered mobile."""

    challenge_id: str
    expires_at: AwareDatetime
    attempts_left: int
    mobile_masked: str


class OtpVerify(_Model):
    challenge_id: Annotated[str, Field(min_length=8, max_length=64)]
    code: Annotated[str, Field(pattern=r"^[0-9]{6}$")]


class BeneficiaryToken(_Model):
    """Proof that the person at the kiosk owns the ID. Reads of personal data accept it
    until `expires_at` (minutes); a submission accepts it until `submit_until` (hours),
    so the offline queue can deliver an application after the session has ended."""

    token: str
    expires_at: AwareDatetime
    submit_until: AwareDatetime
    name_ar: str
    name_en: str


# --- applications ----------------------------------------------------------------------


class ApplicationDraft(_Model):
    """The beneficiary's answers to a licence type's form, keyed by `FieldSpec.name`.
    Values are what was typed (strings), or integers for number fields."""

    licence_type: LicenceKind
    answers: dict[str, AnswerValue]


class ValidationResult(_Model):
    """All problems at once (never just the first), plus the fee if it went through."""

    ok: bool
    problems: list[Problem]
    fee_halalas: Halalas


class BeneficiaryProof(_Model):
    """Who confirmed a queued submission, without the bearer token: the token's SHA-256
    (`token_id`, hex) and an HMAC-SHA256 (`mac`, base64url without padding) keyed by
    SHA-256("submit:" + token) over the request's Idempotency-Key, a newline and the
    canonical JSON of the application (`kiosk.api.proof`). It authorises that one request
    under that one key and nothing else."""

    token_id: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    mac: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{43}$")]


class SubmitApplication(_Model):
    """The body of `POST /applications`, and the offline queue's stored payload of kind
    `submit_application`: plain JSON, complete in itself, with a proof bound to this
    request instead of the beneficiary's token (the token never reaches the disk)."""

    application: ApplicationDraft
    beneficiary_proof: BeneficiaryProof
    #: Every SMS about this transaction (received, each step, fee due, issued, rejected).
    language: SmsLanguage = None


class InvoiceStatus(enum.StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"


class Invoice(_Model):
    """A bill (فاتورة): a licence fee or a fine. Shows no personal data."""

    number: Annotated[str, Field(pattern=INVOICE_NUMBER)]
    description_ar: str
    description_en: str
    amount_halalas: Halalas
    issued_at: AwareDatetime
    due_on: date
    status: InvoiceStatus
    transaction_number: str | None = None
    licence_number: str | None = None
    paid_at: AwareDatetime | None = None


class TransactionStatus(enum.StrEnum):
    RECEIVED = "received"
    UNDER_REVIEW = "under_review"
    INSPECTION = "inspection"
    AWAITING_PAYMENT = "awaiting_payment"
    APPROVED = "approved"
    ISSUED = "issued"
    REJECTED = "rejected"


class SubmissionReceipt(_Model):
    """What a submission returns: the number to follow it by, and the fee's invoice."""

    transaction_number: Annotated[str, Field(pattern=TRANSACTION_NUMBER)]
    status: TransactionStatus
    licence_type: LicenceKind
    submitted_at: AwareDatetime
    invoice: Invoice | None = None
    #: The signed page the receipt's QR code opens (`kiosk.api.verification`).
    verification_url: str | None = None


# --- transactions ----------------------------------------------------------------------


class StepState(enum.StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"


class TimelineStep(_Model):
    """One department's (إدارة) part in a transaction's journey."""

    department_ar: str
    department_en: str
    state: StepState
    started_at: AwareDatetime | None = None
    finished_at: AwareDatetime | None = None
    note_ar: str = ""
    note_en: str = ""


class Transaction(_Model):
    """A transaction's status and timeline; public by number, so no personal data."""

    number: Annotated[str, Field(pattern=TRANSACTION_NUMBER)]
    licence_type: LicenceKind
    branch: Branch
    status: TransactionStatus
    submitted_at: AwareDatetime
    updated_at: AwareDatetime
    steps: list[TimelineStep]
    licence_number: str | None = None
    #: Once issued: the licence's signed verification page (a summary's QR code).
    licence_verification_url: str | None = None


class TransactionList(_Model):
    items: list[Transaction]


# --- licences --------------------------------------------------------------------------


class LicenceStatus(enum.StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


class Authority(enum.StrEnum):
    """Bodies linked to the licensing system that can suspend or cancel a licence."""

    LABOUR_OFFICE = "labour_office"
    ZAKAT_AUTHORITY = "zakat_authority"
    MUNICIPALITY = "municipality"


class Licence(_Model):
    number: Annotated[str, Field(pattern=LICENCE_NUMBER)]
    licence_type: LicenceKind
    status: LicenceStatus
    branch: Branch
    district_ar: str
    district_en: str
    activity_ar: str
    activity_en: str
    shop_name: str
    issued_at: AwareDatetime
    expires_on: date
    channel: Channel
    status_by: Authority | None = None
    status_reason_ar: str = ""
    status_reason_en: str = ""
    #: The day (Riyadh) a suspended or cancelled licence was suspended or cancelled; None
    #: for other statuses, and from servers older than this field.
    status_changed_on: date | None = None
    #: The signed page a printed summary's QR code opens (`kiosk.api.verification`).
    verification_url: str | None = None


class LicenceList(_Model):
    items: list[Licence]


class InvoiceList(_Model):
    items: list[Invoice]


# --- payments --------------------------------------------------------------------------


class Payment(_Model):
    """The payment terminal's result for an approved card payment. The card number never
    reaches the kiosk: only its masked form."""

    amount_halalas: Annotated[StrictInt, Field(gt=0)]
    approval_code: Annotated[str, Field(pattern=r"^[A-Z0-9]{6}$")]
    # First 6 + last 4 (588845******1234) or last 4 only (************1234): terminals
    # send either, and an approved payment must never be refused over the mask's shape.
    masked_pan: Annotated[str, Field(pattern=r"^(?:[0-9]{6}\*{2,9}|\*{2,15})[0-9]{4}$")]
    scheme: CardScheme
    terminal_reference: Annotated[str, Field(min_length=1, max_length=40)]
    paid_at: Annotated[Timestamp, Field(description=(
        "When the terminal approved the payment. The server refuses a time before "
        f"{PAID_AT_EARLIEST:%Y-%m-%d} or more than {PAID_AT_AHEAD.total_seconds() / 3600:g} "
        "hours ahead of its own clock (422 `paid_at_implausible`)"))]
    #: The payment SMS (the beneficiary paid with the screen in this language).
    language: SmsLanguage = None


class RecordPayment(_Model):
    """The offline queue's stored payload of kind `record_payment` (plain JSON). Only the
    `payment` part is the body of `POST /invoices/{invoice_number}/payments`."""

    invoice_number: Annotated[str, Field(pattern=INVOICE_NUMBER)]
    payment: Payment


class PaymentReceipt(_Model):
    receipt_number: Annotated[str, Field(pattern=RECEIPT_NUMBER)]
    invoice_number: str
    amount_halalas: Halalas
    paid_at: AwareDatetime
    recorded_at: AwareDatetime
    approval_code: str
    masked_pan: str
    scheme: CardScheme
    verification_url: str


# --- the pilot's figures ------------------------------------------------------------------

# The first day kiosks reported events; an earlier day is a kiosk clock that was reset.
EVENTS_EARLIEST = date(2024, 1, 1)


class JourneyEvent(_Model):
    """One anonymous fact about how the kiosk was used (`kiosk.domain.pilot`).

    Enums only, so nothing personal can travel in one: no ID, mobile, name, token,
    reference, amount, free text or time of day. Which fields a kind carries is fixed:
    `journey_chosen` and `completed` name the journey; `step_reached` the journey and one
    of its steps; `abandoned` the journey, the step it was left at (none before the
    first) and the reason; `failed` the kind of failure, and the journey and step it
    happened in when there was one. `session_started` carries nothing else."""

    kind: EventKind
    journey: Journey | None = None
    step: JourneyStep | None = None
    reason: AbandonReason | None = None
    failure: FailureKind | None = None

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> JourneyEvent:
        needs = _EVENT_FIELDS[self.kind]
        for name in ("journey", "step", "reason", "failure"):
            given = getattr(self, name) is not None
            rule = needs.get(name)
            if rule is None and given:
                raise ValueError(f"a {self.kind.value} event carries no {name}")
            if rule == "required" and not given:
                raise ValueError(f"a {self.kind.value} event needs a {name}")
        if self.step is not None and (
                self.journey is None or self.step not in JOURNEY_STEPS[self.journey]):
            raise ValueError(f"{self.step.value} is not a step of the "
                             f"{self.journey.value if self.journey else 'missing'} journey")
        return self


# Per kind: each field "required" or "optional"; a field not named must be absent.
_EVENT_FIELDS: dict[EventKind, dict[str, str]] = {
    EventKind.SESSION_STARTED: {},
    EventKind.JOURNEY_CHOSEN: {"journey": "required"},
    EventKind.STEP_REACHED: {"journey": "required", "step": "required"},
    EventKind.COMPLETED: {"journey": "required"},
    EventKind.ABANDONED: {"journey": "required", "step": "optional", "reason": "required"},
    EventKind.FAILED: {"journey": "optional", "step": "optional", "failure": "required"},
}


class JourneyEvents(_Model):
    """The body of `POST /kiosks/{kiosk_id}/events`: one session's events, in order, on
    the Riyadh day the session began (a day, never a time: an event must not be
    matchable to a payment or an application made at the same minute)."""

    day: Annotated[Day, Field(ge=EVENTS_EARLIEST, description=(
        "The Asia/Riyadh calendar day the session began"))]
    events: Annotated[list[JourneyEvent],
                      Field(min_length=1, max_length=MAX_SESSION_EVENTS)]


class RecordJourneyEvents(_Model):
    """The offline queue's stored payload of kind `journey_events` (plain JSON). Only the
    `batch` part is the body of `POST /kiosks/{kiosk_id}/events`."""

    kiosk_id: Annotated[str, Field(pattern=KIOSK_ID)]
    batch: JourneyEvents


class EventsReceipt(_Model):
    """The municipality counted the batch (a repeat of its key is answered the same and
    counted once)."""

    accepted: Annotated[int, Field(ge=0)]


# --- verification and health -----------------------------------------------------------


class VerificationKind(enum.StrEnum):
    LICENCE = "licence"
    PAYMENT = "payment"
    # An application receipt: the transaction's public status (no personal data).
    TRANSACTION = "transaction"


class Verification(_Model):
    """What anyone scanning a receipt's QR code learns: the document is genuine and its
    current state, in words (`status_ar`/`status_en`: "cancelled by the Zakat, Tax and
    Customs Authority") and since which day (`changed_on`). `detailed` is true when the
    request carried the receipt's signature (`?s=`): only then do the summaries name the
    shop, district or amount; a bare reference gets the status alone."""

    kind: VerificationKind
    reference: str
    genuine: bool
    status: str
    summary_ar: str
    summary_en: str
    status_ar: str = ""
    status_en: str = ""
    changed_on: date | None = None  # the day of the last change (Riyadh)
    detailed: bool = False


class Health(_Model):
    status: Literal["ok"]
    version: str
    time: AwareDatetime


# --- enrolment -------------------------------------------------------------------------

# A one-time code as the municipality hands it to a technician: 12 symbols of Crockford's
# base32 (no I, L, O or U to misread) in three groups, 60 random bits.
ENROLMENT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ENROLMENT_CODE = r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"
# A kiosk's identity takes exactly what its configuration accepts (kiosk.config_source).
KioskId = Annotated[str, Field(pattern=RULES["kiosk"]["id"].pattern)]
Location = Annotated[str, Field(min_length=RULES["kiosk"]["location_ar"].min_length,
                                max_length=RULES["kiosk"]["location_ar"].max_length)]


class EnrolmentRequest(_Model):
    """A one-time enrolment code, exchanged once (`POST /enrolment`, no API key yet)."""

    code: Annotated[str, Field(pattern=ENROLMENT_CODE,
                               description="The code the municipality issued, e.g. 7K3M-Q9XA-D2HF")]


class EnrolmentGrant(_Model):
    """What a kiosk learns by enrolling: who it is, where it stands, and its own API key
    (sent as `Authorization: Bearer` on every later call; shown once, stored hashed)."""

    kiosk_id: KioskId
    branch: Branch
    location_ar: Location
    location_en: Location
    api_key: Annotated[str, Field(min_length=32)]


# --- fleet: heartbeats and operator commands --------------------------------------------

#: A kiosk's identity as enrolled (the same rule as the configuration's `kiosk.id`).
KIOSK_ID = r"^[A-Z0-9][A-Z0-9-]{2,31}$"
UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
#: The largest screenshot a heartbeat may carry (PNG bytes, before base64): a kiosk screen
#: scaled to fit 960 px is well under it.
SCREENSHOT_MAX_BYTES = 512 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_BASE64 = r"^[A-Za-z0-9+/]*={0,2}$"


class HealthLevel(enum.StrEnum):
    """A component's status on the wire (`kiosk.health.model.Status` by its label)."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


# A component's figures (`ComponentHealth.details`): plain values only, never a document.
DetailValue = (Annotated[str, Field(strict=True, max_length=300)] | StrictInt
               | Annotated[float, Field(strict=True, allow_inf_nan=False)] | StrictBool | None)
DetailName = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,63}$")]


class ComponentReport(_Model):
    """One part's health in a heartbeat (`ComponentHealth.as_dict`)."""

    component: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    status: HealthLevel
    summary: Annotated[str, Field(max_length=300)]
    details: Annotated[dict[DetailName, DetailValue], Field(max_length=48)] = {}


class Heartbeat(_Model):
    """What a kiosk sends every `api.heartbeat_interval_s`: its health snapshot
    (`HealthSnapshot.as_dict`), its software version, whether it serves the public, the
    operator commands it has carried out since its last delivered heartbeat, and the
    screenshot an operator asked for (base64 PNG, taken only between sessions)."""

    kiosk_id: Annotated[str, Field(pattern=KIOSK_ID)]
    taken_at: Timestamp
    status: HealthLevel
    components: Annotated[list[ComponentReport], Field(max_length=32)]
    version: Annotated[str, Field(min_length=1, max_length=40)]
    in_service: StrictBool
    acknowledged: Annotated[list[Annotated[str, Field(pattern=UUID)]],
                            Field(max_length=64)] = []
    screenshot_png: Annotated[str | None, Field(
        max_length=(SCREENSHOT_MAX_BYTES + 2) // 3 * 4, pattern=_BASE64,
        description="A PNG image in base64, at most 512 KiB before encoding")] = None

    @field_validator("screenshot_png")
    @classmethod
    def _png(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                png = base64.b64decode(value, validate=True)
            except binascii.Error:
                raise PydanticCustomError(
                    "screenshot_not_base64", "The screenshot is not base64 text") from None
            if not png.startswith(_PNG_SIGNATURE):
                raise PydanticCustomError("screenshot_not_png",
                                          "The screenshot is not a PNG image")
        return value

    @property
    def screenshot(self) -> bytes | None:
        """The screenshot's PNG bytes, if the heartbeat carries one."""
        return None if self.screenshot_png is None else base64.b64decode(self.screenshot_png)


class OperatorCommandKind(enum.StrEnum):
    """What a remote operator can ask of a kiosk."""

    OUT_OF_SERVICE = "out_of_service"
    IN_SERVICE = "in_service"
    SCREENSHOT = "screenshot"


# Shown to the public on the out-of-service screen: one line, no markup.
PublicReason = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]


class OperatorCommand(_Model):
    """A command waiting for a kiosk, answered with every heartbeat until acknowledged.
    The kiosk carries it out at the next moment no beneficiary's session runs."""

    id: Annotated[str, Field(pattern=UUID)]
    kind: OperatorCommandKind
    issued_at: Timestamp
    #: The public reason (`out_of_service` only), shown in the session's language.
    reason_en: PublicReason = ""
    reason_ar: PublicReason = ""


class OperatorService(_Model):
    """Whether the operators want the kiosk serving the public: their latest out-of-service
    or in-service command, whether or not the kiosk acknowledged it. The municipality is
    the source of truth, so a kiosk that restarts comes back held with the same reason."""

    in_service: StrictBool = True
    #: The public reason while held out of service, in both languages (or neither).
    reason_en: PublicReason = ""
    reason_ar: PublicReason = ""


class HeartbeatReply(_Model):
    """The municipality's answer to a heartbeat: the commands not yet acknowledged, and
    the operators' current wish for the kiosk's service (None from a server that keeps
    none: the kiosk then keeps its own state)."""

    received_at: Timestamp
    commands: list[OperatorCommand] = []
    service: OperatorService | None = None


# --- admin (sandbox only; typed here so tests and tools share them) ------------------


class Faults(_Model):
    """The sandbox's fault switches; all off by default and after a reset."""

    latency_ms: Annotated[int, Field(ge=0, le=60_000)] = 0
    fail_next: Annotated[int, Field(ge=0, le=1000)] = 0
    fail_status: Literal[500, 502, 503, 504] = 503
    drop_next: Annotated[int, Field(ge=0, le=1000)] = 0
    malformed_next: Annotated[int, Field(ge=0, le=1000)] = 0
    #: Whether the kiosk's own reports (`/v1/kiosks/...`: heartbeats, journey events) meet
    #: the faults too. Off by default: they run on their own timers, and a fault meant for
    #: a beneficiary's request must not be spent on one of them.
    reports: bool = False


class EnrolmentCodeOrder(_Model):
    """An operator's order for an enrolment code, bound to one kiosk identity."""

    kiosk_id: KioskId
    branch: Branch
    location_ar: Location
    location_en: Location
    valid_hours: Annotated[float, Field(gt=0, le=24 * 30)] = 72


class IssuedEnrolmentCode(_Model):
    """An issued code and the pairing data a QR code would carry to the technician: the
    API's address and the SHA-256 of the CA certificate its chain ends in. `code_id`
    names the code for revoking it (the code itself is kept only as a hash)."""

    code_id: str
    code: str
    kiosk_id: str
    expires_at: AwareDatetime
    server: str
    ca_sha256: str
    command: str


class SmsMessage(_Model):
    """One text in the sandbox's SMS outbox: sent in `language` (`text`), kept in both."""

    id: int
    mobile: str
    text_ar: str
    kind: str
    sent_at: AwareDatetime
    text_en: str = ""
    language: Language = Language.ARABIC

    @property
    def text(self) -> str:
        """What the phone received."""
        return self.text_en if self.language is Language.ENGLISH else self.text_ar


class SmsList(_Model):
    items: list[SmsMessage]


class CommandRequest(_Model):
    """An operator's command for one kiosk (`POST /admin/kiosks/{kiosk_id}/commands`).
    A public reason goes with `out_of_service` only, in both languages or in neither."""

    kind: OperatorCommandKind
    reason_en: PublicReason = ""
    reason_ar: PublicReason = ""

    def model_post_init(self, context: Any, /) -> None:
        if self.kind is not OperatorCommandKind.OUT_OF_SERVICE and (
                self.reason_en or self.reason_ar):
            raise PydanticCustomError("reason_not_expected",
                                      "Only an out_of_service command carries a reason")
        if bool(self.reason_en.strip()) != bool(self.reason_ar.strip()):
            raise PydanticCustomError("reason_in_both_languages",
                                      "Give the public reason in both Arabic and English")


class CommandState(OperatorCommand):
    """A command as the fleet store keeps it: acknowledged once the kiosk carried it out."""

    acknowledged_at: Timestamp | None = None


class FleetKiosk(_Model):
    """One enrolled kiosk as the municipality last heard from it (nothing personal)."""

    kiosk_id: str
    branch: Branch
    location_ar: str
    location_en: str = ""
    last_heartbeat_at: Timestamp | None = None
    taken_at: Timestamp | None = None
    version: str | None = None
    in_service: bool | None = None
    status: HealthLevel | None = None
    components: list[ComponentReport] = []
    #: The newest commands first (at most 20).
    commands: list[CommandState] = []
    screenshot_at: Timestamp | None = None
    #: Up (heard from in the last 3 minutes) or down, and since when (None: never heard).
    up: bool | None = None
    since: Timestamp | None = None
    #: What the operators want of it (their latest out-of-service or in-service command).
    service: OperatorService = OperatorService()


class Fleet(_Model):
    """Every active kiosk, heard from or not (`GET /admin/fleet`)."""

    now: Timestamp
    kiosks: list[FleetKiosk]


def json_payload(model: BaseModel) -> dict[str, Any]:
    """The JSON-ready dict of a model (what the offline queue stores)."""
    return model.model_dump(mode="json")
