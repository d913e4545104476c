"""The `/v1` routes: the contract the kiosk's client talks to.

Handlers are thin: authenticate, then read under the database lock or run a keyed
state change through `run_idempotent`. The rules live in `rules`, the workflow in
`workflow`, the wording of SMS in `sms`.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import JSONResponse

from kiosk.api.proof import submit_key, token_id
from kiosk.api.schema import (
    INVOICE_NUMBER,
    PAID_AT_AHEAD,
    PAID_AT_EARLIEST,
    TRANSACTION_NUMBER,
    ApplicationDraft,
    Authority,
    BeneficiaryToken,
    Branch,
    Catalogue,
    Channel,
    EnrolmentGrant,
    EnrolmentRequest,
    ErrorBody,
    Health,
    Invoice,
    InvoiceList,
    InvoiceStatus,
    Licence,
    LicenceKind,
    LicenceList,
    LicenceStatus,
    OtpChallenge,
    OtpRequest,
    OtpVerify,
    Payment,
    PaymentReceipt,
    StepState,
    SubmissionReceipt,
    SubmitApplication,
    TimelineStep,
    Transaction,
    TransactionList,
    TransactionStatus,
    ValidationResult,
    Verification,
    VerificationKind,
)
from kiosk.domain.dates import local_day
from kiosk.domain.identifiers import Mobile
from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_ltr
from sandbox import enrolment, rules, sms, verify, workflow
from sandbox.catalogue import (
    ACTIVITY_BY_CODE,
    DISTRICT_BY_CODE,
    FEES,
    HOME_BUILDING_FLAG,
    NAMES,
    catalogue,
)
from sandbox.core import (
    ApiProblem,
    Beneficiary,
    BeneficiaryTokenDep,
    KioskDep,
    client_address,
    fingerprint,
    resolve_proof,
    resolve_token,
    run_idempotent,
    sandbox_of,
    too_many_requests,
)
from sandbox.db import Database, iso, parse

VERSION = "1.0.0"
OTP_TTL = timedelta(minutes=5)
OTP_ATTEMPTS = 3
OTP_PER_WINDOW = 3
OTP_WINDOW = timedelta(minutes=10)
TOKEN_TTL = timedelta(minutes=15)
SUBMIT_GRACE = timedelta(hours=24)

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

IdempotencyKey = Annotated[str, Header(
    alias="Idempotency-Key", pattern=UUID_PATTERN,
    description="A UUID made once per intended operation; repeats get the first answer",
)]


def errors_of(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route: `codes` and those every route may give."""
    return {code: {"model": ErrorBody} for code in (*codes, 400, 413, 422, 500, 502, 503, 504)}


_errors = errors_of


AUTH = (401, 403)
router = APIRouter(prefix="/v1")


def _flag(conn: sqlite3.Connection, name: str) -> bool:
    return Database.get_meta(conn, f"flag:{name}", "0") == "1"


# --- health and catalogue --------------------------------------------------------------


@router.get("/health", response_model=Health, responses=_errors(), tags=["health"])
def health(request: Request) -> Health:
    """Cheap liveness check for the kiosk's connectivity probe; no authentication."""
    with sandbox_of(request).db.transaction() as conn:
        now = Database.now(conn)
    return Health(status="ok", version=VERSION, time=now)


@router.get("/catalogue", response_model=Catalogue, responses=_errors(*AUTH), tags=["catalogue"])
def get_catalogue(request: Request, kiosk: KioskDep) -> Catalogue:
    with sandbox_of(request).db.transaction() as conn:
        published = parse(Database.get_meta(conn, "seeded_at"))
        return catalogue(published, home_building=_flag(conn, HOME_BUILDING_FLAG))


# --- enrolment -------------------------------------------------------------------------


@router.post("/enrolment", response_model=EnrolmentGrant, status_code=201,
             responses=_errors(429), tags=["enrolment"])
def enrol(request: Request, body: EnrolmentRequest) -> EnrolmentGrant:
    """Exchanges a one-time enrolment code for the kiosk's identity and its own API key.
    No API key (the kiosk has none yet); limited per client. The code is spent by the
    first success; an unknown, expired, revoked or used code is refused (422)."""
    sandbox = sandbox_of(request)
    if not sandbox.limits.hit("enrolment", client_address(request)):
        raise too_many_requests(request, "enrolment")
    with sandbox.db.transaction() as conn:
        return enrolment.exchange(conn, body.code, now=Database.now(conn))


# --- identity --------------------------------------------------------------------------


@router.post("/identity/otp", response_model=OtpChallenge, status_code=201,
             responses=_errors(*AUTH, 429), tags=["identity"])
def request_otp(request: Request, body: OtpRequest, kiosk: KioskDep,
                key: IdempotencyKey) -> JSONResponse:
    """Sends a one-time code by SMS to the mobile registered for the ID."""

    def action(conn: sqlite3.Connection, now: datetime) -> tuple[int, OtpChallenge]:
        person = conn.execute("SELECT * FROM beneficiaries WHERE national_id = ?",
                              (body.national_id,)).fetchone()
        if person is None or person["mobile"] != body.mobile:
            raise ApiProblem(
                422, "identity_mismatch",
                "رقم الجوال لا يطابق الرقم المسجل لهذه الهوية لدى الأمانة.",
                "This mobile number is not the one registered for this ID.",
                [rules.problem("mobile", "identity_mismatch",
                               "تأكد من رقم الهوية ورقم الجوال المسجل.",
                               "Check the ID number and the registered mobile.")],
            )
        recent = conn.execute(
            "SELECT COUNT(*) FROM otp_challenges WHERE national_id = ? AND created_at > ?",
            (body.national_id, iso(now - OTP_WINDOW)),
        ).fetchone()[0]
        if recent >= OTP_PER_WINDOW:
            raise ApiProblem(429, "too_many_otp_requests",
                             "طلبت رموزًا كثيرة. انتظر عشر دقائق ثم حاول مجددًا.",
                             "Too many codes requested. Wait ten minutes and try again.")
        challenge_id = secrets.token_urlsafe(18)
        code = f"{secrets.randbelow(1_000_000):06d}"
        conn.execute(
            "INSERT INTO otp_challenges (id, national_id, code_sha256, created_at, expires_at, "
            "attempts_left) VALUES (?, ?, ?, ?, ?, ?)",
            (challenge_id, body.national_id, _otp_hash(challenge_id, code), iso(now),
             iso(now + OTP_TTL), OTP_ATTEMPTS),
        )
        sms.send(conn, body.mobile, "otp", sms.otp_text(code, 5), body.language, now=now)
        return 201, OtpChallenge(challenge_id=challenge_id, expires_at=now + OTP_TTL,
                                 attempts_left=OTP_ATTEMPTS,
                                 mobile_masked=Mobile(body.mobile).masked())

    sandbox = sandbox_of(request)
    return run_idempotent(sandbox, kiosk, key, fingerprint("POST", request.url.path, body),
                          action)


def _otp_hash(challenge_id: str, code: str) -> str:
    return hashlib.sha256(f"{challenge_id}:{code}".encode()).hexdigest()


@router.post("/identity/verify", response_model=BeneficiaryToken, status_code=201,
             responses=_errors(*AUTH), tags=["identity"])
def verify_otp(request: Request, body: OtpVerify, kiosk: KioskDep,
               key: IdempotencyKey) -> JSONResponse:
    """Exchanges the SMS code for a beneficiary token (three attempts per code)."""

    def action(conn: sqlite3.Connection, now: datetime) -> tuple[int, BeneficiaryToken]:
        row = conn.execute("SELECT * FROM otp_challenges WHERE id = ?",
                           (body.challenge_id,)).fetchone()
        if row is None or row["used"]:
            raise ApiProblem(422, "otp_unknown", "رمز التحقق غير صالح. اطلب رمزًا جديدًا.",
                             "This code is not valid. Ask for a new one.")
        if now > parse(row["expires_at"]):
            raise ApiProblem(422, "otp_expired", "انتهت صلاحية رمز التحقق. اطلب رمزًا جديدًا.",
                             "The code has expired. Ask for a new one.")
        if row["attempts_left"] <= 0:
            raise ApiProblem(422, "otp_locked", "تجاوزت عدد المحاولات. اطلب رمزًا جديدًا.",
                             "Too many wrong attempts. Ask for a new code.")
        if not secrets.compare_digest(row["code_sha256"], _otp_hash(row["id"], body.code)):
            left = row["attempts_left"] - 1
            conn.execute("UPDATE otp_challenges SET attempts_left = ? WHERE id = ?",
                         (left, row["id"]))
            if left == 0:
                raise ApiProblem(422, "otp_locked", "تجاوزت عدد المحاولات. اطلب رمزًا جديدًا.",
                                 "Too many wrong attempts. Ask for a new code.",
                                 keep_changes=True)
            raise ApiProblem(
                422, "otp_wrong", f"رمز التحقق غير صحيح. المحاولات المتبقية: {left}.",
                f"Wrong code. Attempts left: {left}.",
                [rules.problem("code", "otp_wrong", "رمز التحقق غير صحيح.", "Wrong code.")],
                keep_changes=True,
            )
        conn.execute("UPDATE otp_challenges SET used = 1 WHERE id = ?", (row["id"],))
        token = secrets.token_urlsafe(32)
        # The submit key lets a queued submission's proof be checked (kiosk.api.proof)
        # without the kiosk ever storing the token.
        conn.execute(
            "INSERT INTO tokens (token_sha256, national_id, kiosk_id, issued_at, expires_at, "
            "submit_until, submit_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (token_id(token), row["national_id"], kiosk.id,
             iso(now), iso(now + TOKEN_TTL), iso(now + SUBMIT_GRACE), submit_key(token).hex()),
        )
        person = conn.execute("SELECT * FROM beneficiaries WHERE national_id = ?",
                              (row["national_id"],)).fetchone()
        return 201, BeneficiaryToken(token=token, expires_at=now + TOKEN_TTL,
                                     submit_until=now + SUBMIT_GRACE,
                                     name_ar=person["name_ar"], name_en=person["name_en"])

    sandbox = sandbox_of(request)
    return run_idempotent(sandbox, kiosk, key, fingerprint("POST", request.url.path, body),
                          action)


# --- applications ----------------------------------------------------------------------


@router.post("/applications/validate", response_model=ValidationResult,
             responses=_errors(*AUTH), tags=["applications"])
def validate_application(request: Request, body: ApplicationDraft, kiosk: KioskDep,
                         token: BeneficiaryTokenDep) -> ValidationResult:
    """Every problem with the draft at once; changes nothing."""
    with sandbox_of(request).db.transaction() as conn:
        now = Database.now(conn)
        person = resolve_token(conn, kiosk, token, now)
        problems = rules.check(conn, person.national_id, body, now,
                               home_building=_flag(conn, HOME_BUILDING_FLAG))
    return ValidationResult(ok=not problems, problems=problems,
                            fee_halalas=FEES[body.licence_type])


@router.post("/applications", response_model=SubmissionReceipt, status_code=201,
             responses=_errors(*AUTH), tags=["applications"])
def submit_application(request: Request, body: SubmitApplication, kiosk: KioskDep,
                       key: IdempotencyKey) -> JSONResponse:
    """Files the application (re-validated) and opens its transaction and fee invoice."""

    def action(conn: sqlite3.Connection, now: datetime) -> tuple[int, SubmissionReceipt]:
        person = resolve_proof(conn, kiosk, body.beneficiary_proof, idempotency_key=key,
                               application=body.application, now=now)
        draft = body.application
        problems = rules.check(conn, person.national_id, draft, now,
                               home_building=_flag(conn, HOME_BUILDING_FLAG))
        if problems:
            raise ApiProblem(422, "application_rejected",
                             "لا يمكن تقديم الطلب قبل تصحيح الملاحظات.",
                             "The application cannot be filed until these are fixed.",
                             problems)
        answers: dict[str, object] = {
            k: v for k, v in draft.answers.items() if v is not None}
        mobile = str(answers.get("contact_mobile") or person.mobile)
        number = workflow.create_transaction(
            conn, national_id=person.national_id, kind=draft.licence_type,
            district=str(answers["district"]), mobile=mobile, answers=answers,
            kiosk_id=kiosk.id, now=now, language=body.language,
        )
        invoice = _fee_invoice(conn, person, draft.licence_type, number, now)
        return 201, SubmissionReceipt(
            transaction_number=number, status=TransactionStatus.RECEIVED,
            licence_type=draft.licence_type, submitted_at=now, invoice=invoice,
            verification_url=verify.signed_url(request, VerificationKind.TRANSACTION, number),
        )

    sandbox = sandbox_of(request)
    return run_idempotent(sandbox, kiosk, key, fingerprint("POST", request.url.path, body),
                          action)


def _fee_invoice(conn: sqlite3.Connection, person: Beneficiary, kind: LicenceKind,
                 transaction: str, now: datetime) -> Invoice | None:
    amount = FEES[kind]
    if not amount:
        return None
    number = workflow.new_number(conn, "invoice", "INV-", now)
    name_ar, name_en = NAMES[kind]
    conn.execute(
        "INSERT INTO invoices (number, national_id, description_ar, description_en, "
        "amount_halalas, issued_at, due_on, status, transaction_number) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'unpaid', ?)",
        (number, person.national_id, f"رسوم إصدار {name_ar}", f"{name_en} issue fee", amount,
         iso(now), (now + timedelta(days=30)).date().isoformat(), transaction),
    )
    return _invoice(conn.execute("SELECT * FROM invoices WHERE number = ?", (number,)).fetchone())


# --- transactions ----------------------------------------------------------------------


def _transaction(conn: sqlite3.Connection, row: sqlite3.Row, request: Request) -> Transaction:
    steps = [
        TimelineStep(
            department_ar=s["department_ar"], department_en=s["department_en"],
            state=StepState(s["state"]),
            started_at=parse(s["started_at"]) if s["started_at"] else None,
            finished_at=parse(s["finished_at"]) if s["finished_at"] else None,
            note_ar=s["note_ar"], note_en=s["note_en"],
        )
        for s in conn.execute("SELECT * FROM steps WHERE transaction_number = ? ORDER BY position",
                              (row["number"],))
    ]
    return Transaction(
        number=row["number"], licence_type=LicenceKind(row["licence_type"]),
        branch=Branch(row["branch"]), status=TransactionStatus(row["status"]),
        submitted_at=parse(row["submitted_at"]), updated_at=parse(row["updated_at"]),
        steps=steps, licence_number=row["licence_number"],
        licence_verification_url=verify.signed_url(
            request, VerificationKind.LICENCE, row["licence_number"])
        if row["licence_number"] else None,
    )


@router.get("/transactions/{number}", response_model=Transaction,
            responses=_errors(*AUTH, 404), tags=["transactions"])
def get_transaction(request: Request, kiosk: KioskDep,
                    number: Annotated[str, Path(pattern=TRANSACTION_NUMBER)]) -> Transaction:
    """Status and timeline by number alone: public, so it carries no personal data."""
    with sandbox_of(request).db.transaction() as conn:
        workflow.tick(conn, Database.now(conn))
        row = conn.execute("SELECT * FROM transactions WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise ApiProblem(404, "transaction_not_found", "لا توجد معاملة بهذا الرقم.",
                             "No transaction has this number.")
        return _transaction(conn, row, request)


@router.get("/me/transactions", response_model=TransactionList,
            responses=_errors(*AUTH), tags=["beneficiary"])
def my_transactions(request: Request, kiosk: KioskDep,
                    token: BeneficiaryTokenDep) -> TransactionList:
    with sandbox_of(request).db.transaction() as conn:
        now = Database.now(conn)
        person = resolve_token(conn, kiosk, token, now)
        workflow.tick(conn, now)
        rows = conn.execute("SELECT * FROM transactions WHERE national_id = ? "
                            "ORDER BY submitted_at DESC", (person.national_id,)).fetchall()
        return TransactionList(items=[_transaction(conn, r, request) for r in rows])


# --- licences --------------------------------------------------------------------------


def _licence(row: sqlite3.Row, request: Request) -> Licence:
    district = DISTRICT_BY_CODE.get(row["district"])
    activity = ACTIVITY_BY_CODE.get(row["activity"])
    kind = LicenceKind(row["licence_type"])
    status = LicenceStatus(row["status"])
    changed = row["status_changed_at"]
    decided = status in (LicenceStatus.SUSPENDED, LicenceStatus.CANCELLED)
    return Licence(
        number=row["number"], licence_type=kind, status=status,
        branch=Branch(row["branch"]),
        district_ar=district.name_ar if district else row["district"],
        district_en=district.name_en if district else row["district"],
        activity_ar=activity.name_ar if activity else NAMES[kind][0],
        activity_en=activity.name_en if activity else NAMES[kind][1],
        shop_name=row["shop_name"], issued_at=parse(row["issued_at"]),
        expires_on=date.fromisoformat(row["expires_on"]), channel=Channel(row["channel"]),
        status_by=Authority(row["status_by"]) if row["status_by"] else None,
        status_reason_ar=row["status_reason_ar"], status_reason_en=row["status_reason_en"],
        status_changed_on=local_day(parse(changed)) if decided and changed else None,
        verification_url=verify.signed_url(request, VerificationKind.LICENCE, row["number"]),
    )


@router.get("/me/licences", response_model=LicenceList, responses=_errors(*AUTH),
            tags=["beneficiary"])
def my_licences(request: Request, kiosk: KioskDep, token: BeneficiaryTokenDep) -> LicenceList:
    with sandbox_of(request).db.transaction() as conn:
        now = Database.now(conn)
        person = resolve_token(conn, kiosk, token, now)
        workflow.tick(conn, now)
        rows = conn.execute("SELECT * FROM licences WHERE national_id = ? ORDER BY number",
                            (person.national_id,)).fetchall()
        return LicenceList(items=[_licence(r, request) for r in rows])


# --- invoices and payments -------------------------------------------------------------


def _invoice(row: sqlite3.Row) -> Invoice:
    return Invoice(
        number=row["number"], description_ar=row["description_ar"],
        description_en=row["description_en"], amount_halalas=row["amount_halalas"],
        issued_at=parse(row["issued_at"]), due_on=date.fromisoformat(row["due_on"]),
        status=InvoiceStatus(row["status"]), transaction_number=row["transaction_number"],
        licence_number=row["licence_number"],
        paid_at=parse(row["paid_at"]) if row["paid_at"] else None,
    )


@router.get("/me/invoices", response_model=InvoiceList, responses=_errors(*AUTH),
            tags=["beneficiary"])
def my_invoices(request: Request, kiosk: KioskDep, token: BeneficiaryTokenDep) -> InvoiceList:
    """The beneficiary's unpaid invoices, oldest due first."""
    with sandbox_of(request).db.transaction() as conn:
        person = resolve_token(conn, kiosk, token, Database.now(conn))
        rows = conn.execute(
            "SELECT * FROM invoices WHERE national_id = ? AND status = 'unpaid' "
            "ORDER BY due_on, number", (person.national_id,),
        ).fetchall()
        return InvoiceList(items=[_invoice(r) for r in rows])


@router.get("/invoices/{number}", response_model=Invoice, responses=_errors(*AUTH, 404),
            tags=["payments"])
def get_invoice(request: Request, kiosk: KioskDep,
                number: Annotated[str, Path(pattern=INVOICE_NUMBER)]) -> Invoice:
    """An invoice by number (to pay it without identifying); no personal data."""
    with sandbox_of(request).db.transaction() as conn:
        row = conn.execute("SELECT * FROM invoices WHERE number = ?", (number,)).fetchone()
    if row is None:
        raise ApiProblem(404, "invoice_not_found", "لا توجد فاتورة بهذا الرقم.",
                         "No invoice has this number.")
    return _invoice(row)


@router.post("/invoices/{number}/payments", response_model=PaymentReceipt, status_code=201,
             responses=_errors(*AUTH, 404, 409), tags=["payments"])
def record_payment(request: Request, body: Payment, kiosk: KioskDep, key: IdempotencyKey,
                   number: Annotated[str, Path(pattern=INVOICE_NUMBER)]) -> JSONResponse:
    """Records an approved card payment. The amount must match; never paid twice."""
    def action(conn: sqlite3.Connection, now: datetime) -> tuple[int, PaymentReceipt]:
        _check_paid_at(body.paid_at, now)
        row = conn.execute("SELECT * FROM invoices WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise ApiProblem(404, "invoice_not_found", "لا توجد فاتورة بهذا الرقم.",
                             "No invoice has this number.")
        if row["status"] == InvoiceStatus.PAID.value:
            raise ApiProblem(409, "invoice_already_paid", "هذه الفاتورة مسددة مسبقًا.",
                             "This invoice has already been paid.")
        if body.amount_halalas != row["amount_halalas"]:
            raise ApiProblem(
                422, "amount_mismatch",
                "المبلغ المدفوع لا يطابق مبلغ الفاتورة "
                f"({format_sar(row['amount_halalas'], arabic=True)}).",
                "The amount paid does not match the invoice "
                f"({format_sar(row['amount_halalas'])}).",
                [rules.problem("amount_halalas", "amount_mismatch", "المبلغ غير مطابق.",
                               "The amount does not match.")],
            )
        receipt = workflow.new_number(conn, "receipt", "RC-", now)
        conn.execute(
            "INSERT INTO payments (receipt_number, invoice_number, amount_halalas, "
            "approval_code, masked_pan, scheme, terminal_reference, paid_at, recorded_at, "
            "kiosk_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (receipt, number, body.amount_halalas, body.approval_code, body.masked_pan,
             body.scheme.value, body.terminal_reference, iso(body.paid_at), iso(now), kiosk.id),
        )
        conn.execute("UPDATE invoices SET status = 'paid', paid_at = ? WHERE number = ?",
                     (iso(body.paid_at), number))
        mobile = conn.execute("SELECT mobile FROM beneficiaries WHERE national_id = ?",
                              (row["national_id"],)).fetchone()
        if mobile is not None:
            sms.send(conn, mobile["mobile"], "payment",
                     sms.payment_text(number, body.amount_halalas, receipt), body.language, now=now)
        workflow.tick(conn, now)
        return 201, PaymentReceipt(
            receipt_number=receipt, invoice_number=number, amount_halalas=body.amount_halalas,
            paid_at=body.paid_at, recorded_at=now, approval_code=body.approval_code,
            masked_pan=body.masked_pan, scheme=body.scheme,
            verification_url=verify.signed_url(request, VerificationKind.PAYMENT, receipt),
        )

    sandbox = sandbox_of(request)
    return run_idempotent(sandbox, kiosk, key, fingerprint("POST", request.url.path, body),
                          action)


def _check_paid_at(paid_at: datetime, now: datetime) -> None:
    """Refuses a payment time no terminal can have approved: before `PAID_AT_EARLIEST` (a
    clock reset to 1970) or more than `PAID_AT_AHEAD` past the server's clock. A kiosk
    clock that is merely hours off passes, so a real payment is not refused for good."""
    if PAID_AT_EARLIEST <= paid_at <= now + PAID_AT_AHEAD:
        return
    raise ApiProblem(
        422, "paid_at_implausible",
        "وقت الدفع المسجل غير معقول؛ قد تكون ساعة الجهاز غير مضبوطة.",
        "The payment time is not plausible; the kiosk's clock may be wrong.",
        [rules.problem(
            "paid_at", "paid_at_implausible",
            f"يجب ألا يسبق وقت الدفع {isolate_ltr(f'{PAID_AT_EARLIEST:%Y-%m-%d}')} وألا "
            f"يتجاوز ساعة الأمانة بأكثر من {PAID_AT_AHEAD.total_seconds() / 3600:g} ساعة.",
            f"The payment time must not be before {PAID_AT_EARLIEST:%Y-%m-%d} nor more than "
            f"{PAID_AT_AHEAD.total_seconds() / 3600:g} hours ahead of the municipality's clock.",
        )],
    )


# --- verification ----------------------------------------------------------------------


@router.get("/verifications/{kind}/{reference}", response_model=Verification,
            responses=_errors(404, 429), tags=["verification"])
def get_verification(
    request: Request, kind: VerificationKind,
    reference: Annotated[str, Path(pattern=r"^((L|RC)-[0-9]{4}-[0-9]{6}|[0-9]{4}-[0-9]{6})$")],
    s: Annotated[str | None, Query(max_length=64, description=(
        "The receipt's signature, from its QR code: with it the answer has the details "
        "(shop, district, amount); without it, the status alone"))] = None,
) -> Verification:
    """Public (no kiosk key), limited per client: what a receipt's QR code confirms."""
    sandbox = sandbox_of(request)
    if not sandbox.limits.hit("verify", client_address(request)):
        raise too_many_requests(request, "verify")
    with sandbox.db.transaction() as conn:
        found = verify.find(conn, kind, reference)
    if found is None:
        raise ApiProblem(404, "not_found", "لا يوجد مستند بهذا الرقم لدى الأمانة.",
                         "The municipality has no document with this number.")
    return verify.as_verification(found, detailed=verify.is_signed(request, kind, reference, s))
