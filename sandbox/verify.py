"""What a receipt's QR code verifies: a document's status in words, and (signed) its details.

One lookup serves the JSON answer (`GET /v1/verifications/...`) and the phone page
(`sandbox.pages`). The status leads, in the municipality's words, with who changed it
(today's authority names) and the day it last changed. The details (shop, district,
amounts) are given only when the URL carries the receipt's signature
(`sandbox.signing`): a bare, typed or guessed reference learns the status and nothing
else. Signed URLs are made here too, with the kiosk's one URL builder.
"""

from __future__ import annotations

import enum
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from fastapi import Request

from kiosk.api.schema import (
    LICENCE_NUMBER,
    RECEIPT_NUMBER,
    TRANSACTION_NUMBER,
    Authority,
    Branch,
    LicenceKind,
    LicenceStatus,
    TransactionStatus,
    Verification,
    VerificationKind,
)
from kiosk.api.verification import verification_url
from kiosk.domain.dates import format_dual_date, local_day
from kiosk.domain.money import format_sar
from sandbox.catalogue import ACTIVITY_BY_CODE, DISTRICT_BY_CODE, NAMES
from sandbox.core import sandbox_of
from sandbox.db import parse
from sandbox.signing import sign, signature_ok

# The numbers a document of each kind can have; anything else is never looked up.
NUMBER_PATTERNS: dict[VerificationKind, re.Pattern[str]] = {
    VerificationKind.LICENCE: re.compile(LICENCE_NUMBER),
    VerificationKind.PAYMENT: re.compile(RECEIPT_NUMBER),
    VerificationKind.TRANSACTION: re.compile(TRANSACTION_NUMBER),
}
# The local reference a kiosk prints on a provisional receipt while offline (its outbox's
# `PREFIX-000042`): the municipality cannot know it yet, so it is "not yet received".
PROVISIONAL_REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}-[0-9]{6}$")

# Today's names (DOMAIN.md): the reports' "Zakat and Income" authority is ZATCA since 2021,
# and the Labour Office belongs to the Ministry of Human Resources and Social Development.
AUTHORITY_NAMES: dict[Authority, tuple[str, str]] = {
    Authority.ZAKAT_AUTHORITY: ("هيئة الزكاة والضريبة والجمارك",
                                "the Zakat, Tax and Customs Authority (ZATCA)"),
    Authority.LABOUR_OFFICE: ("وزارة الموارد البشرية والتنمية الاجتماعية",
                              "the Ministry of Human Resources and Social Development"),
    Authority.MUNICIPALITY: ("أمانة الأحساء", "Al-Ahsa Municipality"),
}
BRANCH_NAMES: dict[Branch, tuple[str, str]] = {
    Branch.HOFUF: ("بلدية الهفوف", "Al-Hofuf municipality"),
    Branch.MUBARRAZ: ("بلدية المبرز", "Al-Mubarraz municipality"),
    Branch.OMRAN: ("بلدية العمران", "Al-Omran municipality"),
    Branch.OYOUN: ("بلدية العيون", "Al-Oyoun municipality"),
}
_TRANSACTION_WORDS: dict[TransactionStatus, tuple[str, str]] = {
    TransactionStatus.RECEIVED: ("طلب مستلم لدى الأمانة", "Application received"),
    TransactionStatus.UNDER_REVIEW: ("طلب قيد المراجعة", "Application under review"),
    TransactionStatus.INSPECTION: ("طلب في مرحلة الكشف الميداني",
                                   "Application at field inspection"),
    TransactionStatus.AWAITING_PAYMENT: ("طلب بانتظار سداد الرسوم",
                                         "Application awaiting fee payment"),
    TransactionStatus.APPROVED: ("طلب معتمد، قيد إصدار الرخصة",
                                 "Application approved, licence being issued"),
    TransactionStatus.ISSUED: ("طلب مكتمل وصدرت رخصته", "Application complete, licence issued"),
    TransactionStatus.REJECTED: ("طلب مرفوض", "Application rejected"),
}


class Tone(enum.StrEnum):
    """How the status reads at a glance (the page's colour)."""

    GOOD = "good"            # valid, paid, issued
    PROGRESS = "progress"    # an application on its way
    WARN = "warn"            # awaiting payment, not yet received
    EXPIRED = "expired"      # ran out
    SUSPENDED = "suspended"  # stopped for now by an authority
    BAD = "bad"              # cancelled, rejected, not found


@dataclass(frozen=True, slots=True)
class Detail:
    """One line of a document's details; `ltr` values are numbers kept in their order."""

    label_ar: str
    label_en: str
    value_ar: str
    value_en: str
    ltr: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """A document as the verification page shows it: status first, details if signed."""

    kind: VerificationKind
    reference: str
    status: str
    tone: Tone
    status_ar: str
    status_en: str
    changed_on: date | None
    reason_ar: str = ""
    reason_en: str = ""
    details: tuple[Detail, ...] = ()


def signed_url(request: Request, kind: VerificationKind, reference: str) -> str:
    """The signed verification URL of a document, on the origin the kiosk called."""
    secret = sandbox_of(request).verify_secret
    return verification_url(str(request.base_url), kind, reference,
                            sign(secret, kind.value, reference) if secret else None)


def is_signed(request: Request, kind: VerificationKind, reference: str,
              signature: str | None) -> bool:
    return signature_ok(sandbox_of(request).verify_secret, kind.value, reference, signature)


def find(conn: sqlite3.Connection, kind: VerificationKind, reference: str) -> Finding | None:
    """The document `reference` of `kind`, or None (also for a malformed number)."""
    if not NUMBER_PATTERNS[kind].fullmatch(reference):
        return None
    if kind is VerificationKind.LICENCE:
        return _licence(conn, reference)
    if kind is VerificationKind.TRANSACTION:
        return _transaction(conn, reference)
    return _payment(conn, reference)


def _day(moment: datetime | date) -> date:
    return local_day(moment)


def _licence(conn: sqlite3.Connection, number: str) -> Finding | None:
    row = conn.execute("SELECT * FROM licences WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    status = LicenceStatus(row["status"])
    kind = LicenceKind(row["licence_type"])
    expires = date.fromisoformat(row["expires_on"])
    changed_at = row["status_changed_at"]
    by = AUTHORITY_NAMES.get(Authority(row["status_by"])) if row["status_by"] else None
    if status is LicenceStatus.ACTIVE:
        tone, words = Tone.GOOD, ("رخصة سارية", "Valid licence")
        changed: date | None = _day(parse(row["issued_at"]))
    elif status is LicenceStatus.EXPIRED:
        tone, words, changed = Tone.EXPIRED, ("رخصة منتهية الصلاحية", "Expired licence"), expires
    else:
        suspended = status is LicenceStatus.SUSPENDED
        verb_ar, verb_en = ("موقوفة", "suspended") if suspended else ("ملغاة", "cancelled")
        tone = Tone.SUSPENDED if suspended else Tone.BAD
        words = ((f"رخصة {verb_ar} من {by[0]}", f"Licence {verb_en} by {by[1]}") if by
                 else (f"رخصة {verb_ar}", f"Licence {verb_en}"))
        changed = _day(parse(changed_at)) if changed_at else None
    district = DISTRICT_BY_CODE.get(row["district"])
    activity = ACTIVITY_BY_CODE.get(row["activity"])
    branch = BRANCH_NAMES[Branch(row["branch"])]
    details = (
        Detail("نوع الرخصة", "Licence type", *NAMES[kind]),
        Detail("المنشأة", "Establishment", row["shop_name"], row["shop_name"]),
        Detail("النشاط", "Activity", activity.name_ar if activity else NAMES[kind][0],
               activity.name_en if activity else NAMES[kind][1]),
        Detail("الحي", "District", district.name_ar if district else row["district"],
               district.name_en if district else row["district"]),
        Detail("البلدية", "Branch", *branch),
        Detail("تاريخ الانتهاء", "Expires", format_dual_date(expires, "ar"),
               format_dual_date(expires, "en")),
    )
    return Finding(VerificationKind.LICENCE, number, status.value, tone, *words, changed,
                   row["status_reason_ar"] or "", row["status_reason_en"] or "", details)


def _transaction(conn: sqlite3.Connection, number: str) -> Finding | None:
    row = conn.execute("SELECT * FROM transactions WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    status = TransactionStatus(row["status"])
    kind = LicenceKind(row["licence_type"])
    tone = {TransactionStatus.ISSUED: Tone.GOOD, TransactionStatus.APPROVED: Tone.GOOD,
            TransactionStatus.AWAITING_PAYMENT: Tone.WARN,
            TransactionStatus.REJECTED: Tone.BAD}.get(status, Tone.PROGRESS)
    reason_ar = reason_en = ""
    if status is TransactionStatus.REJECTED:
        note = conn.execute(
            "SELECT note_ar, note_en FROM steps WHERE transaction_number = ? AND state = "
            "'rejected' ORDER BY position LIMIT 1", (number,)).fetchone()
        if note is not None:
            reason_ar, reason_en = note["note_ar"], note["note_en"]
    submitted = parse(row["submitted_at"])
    details = [
        Detail("نوع الطلب", "Application for", *NAMES[kind]),
        Detail("البلدية", "Branch", *BRANCH_NAMES[Branch(row["branch"])]),
        Detail("تاريخ التقديم", "Submitted", format_dual_date(submitted, "ar"),
               format_dual_date(submitted, "en")),
    ]
    shop = str(json.loads(row["answers_json"]).get("shop_name") or "")
    if shop:
        details.insert(1, Detail("المنشأة", "Establishment", shop, shop))
    if row["licence_number"]:
        details.append(Detail("رقم الرخصة", "Licence number", row["licence_number"],
                              row["licence_number"], ltr=True))
    return Finding(VerificationKind.TRANSACTION, number, status.value, tone,
                   *_TRANSACTION_WORDS[status], _day(parse(row["updated_at"])),
                   reason_ar, reason_en, tuple(details))


def _payment(conn: sqlite3.Connection, number: str) -> Finding | None:
    row = conn.execute("SELECT * FROM payments WHERE receipt_number = ?", (number,)).fetchone()
    if row is None:
        return None
    amount = row["amount_halalas"]
    details = (
        Detail("المبلغ", "Amount", format_sar(amount, arabic=True), format_sar(amount)),
        Detail("رقم الفاتورة", "Invoice number", row["invoice_number"], row["invoice_number"],
               ltr=True),
    )
    return Finding(VerificationKind.PAYMENT, number, "paid", Tone.GOOD,
                   "تم السداد لأمانة الأحساء", "Paid to Al-Ahsa Municipality",
                   _day(parse(row["paid_at"])), details=details)


def as_verification(found: Finding, *, detailed: bool) -> Verification:
    """The JSON answer: the status always, the details only for a signed request."""
    status_ar = found.status_ar + (f" — السبب: {found.reason_ar}"
                                   if detailed and found.reason_ar else "")
    status_en = found.status_en + (f" (reason: {found.reason_en})"
                                   if detailed and found.reason_en else "")
    summary_ar, summary_en = status_ar + ".", status_en + "."
    if detailed:
        summary_ar += " " + "، ".join(f"{d.label_ar}: {d.value_ar}" for d in found.details)
        summary_en += " " + "; ".join(f"{d.label_en}: {d.value_en}" for d in found.details)
    return Verification(kind=found.kind, reference=found.reference, genuine=True,
                        status=found.status, summary_ar=summary_ar.strip(),
                        summary_en=summary_en.strip(), status_ar=found.status_ar,
                        status_en=found.status_en, changed_on=found.changed_on,
                        detailed=detailed)
