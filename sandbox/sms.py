"""The SMS outbox: every text the municipality would send, stored instead of sent.

Beneficiaries get SMS about OTPs, received applications, each workflow step and payments,
in the language they used at the kiosk: the request that starts them says it (`language`
on the OTP request, the application and the payment; an application's language is kept
with its transaction for the later steps), Arabic when it does not. The sandbox keeps each
message in both languages with the one it was sent in, so tests read the real OTP and the
demo shows what a citizen's phone would receive. Every reference and code inside the
Arabic text is a left-to-right isolate (`kiosk.domain.text.isolate_ltr`), or a phone would
show "1447-000105" as "000105-1447".
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import NamedTuple

from kiosk.api.schema import SmsMessage
from kiosk.config_source import Language
from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_ltr as ltr
from kiosk.domain.text import isolate_runs
from sandbox.db import iso, parse


class SmsText(NamedTuple):
    """One message in both languages; `send` picks the one the beneficiary reads."""

    ar: str
    en: str

    def in_language(self, language: Language) -> str:
        return self.en if language is Language.ENGLISH else self.ar


def send(conn: sqlite3.Connection, mobile: str, kind: str, text: SmsText,
         language: Language | str | None, *, now: datetime) -> None:
    """Stores `text` as sent in `language` (Arabic when None or unknown)."""
    chosen = Language.ENGLISH if language == Language.ENGLISH.value else Language.ARABIC
    conn.execute(
        "INSERT INTO sms (mobile, text_ar, text_en, language, kind, sent_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (mobile, text.ar, text.en, chosen.value, kind, iso(now)),
    )


def messages(conn: sqlite3.Connection, mobile: str | None = None,
             kind: str | None = None) -> list[SmsMessage]:
    """The outbox, oldest first; only one mobile's or one kind's texts when asked."""
    sql = "SELECT * FROM sms WHERE 1 = 1"
    args: list[str] = []
    if mobile:
        sql += " AND mobile = ?"
        args.append(mobile)
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    rows = conn.execute(sql + " ORDER BY id", args).fetchall()
    return [SmsMessage(id=r["id"], mobile=r["mobile"], text_ar=r["text_ar"], kind=r["kind"],
                       sent_at=parse(r["sent_at"]), text_en=r["text_en"],
                       language=r["language"]) for r in rows]


def otp_text(code: str, minutes: int) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: رمز التحقق {ltr(code)}. صالح لمدة {ltr(str(minutes))} دقائق. "
        "لا تشاركه مع أي شخص.",
        f"Al-Ahsa Municipality: your verification code is {code}. Valid for {minutes} "
        "minutes. Do not share it with anyone.")


def received_text(number: str, type_ar: str, type_en: str) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: استلمنا طلب {type_ar} برقم المعاملة {ltr(number)}. "
        "تابع حالته من أجهزة الخدمة الذاتية أو برقم المعاملة.",
        f"Al-Ahsa Municipality: we received your {type_en} application, transaction "
        f"number {number}. Follow it at any self-service kiosk with this number.")


def step_text(number: str, department_ar: str, department_en: str) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: انتقلت معاملتك رقم {ltr(number)} إلى {department_ar}.",
        f"Al-Ahsa Municipality: your transaction {number} has moved to the "
        f"{department_en}.")


def awaiting_payment_text(number: str, invoice: str, amount: int) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: معاملتك رقم {ltr(number)} بانتظار سداد الفاتورة {ltr(invoice)} "
        f"بمبلغ {format_sar(amount, arabic=True)}.",
        f"Al-Ahsa Municipality: your transaction {number} is waiting for invoice {invoice} "
        f"of {format_sar(amount)} to be paid.")


def issued_text(number: str, licence: str) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: صدرت رخصتك رقم {ltr(licence)} للمعاملة {ltr(number)}. "
        "نتمنى لك التوفيق.",
        f"Al-Ahsa Municipality: your licence {licence} has been issued for transaction "
        f"{number}. We wish you success.")


def rejected_text(number: str, reason_ar: str, reason_en: str) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: تعذّر اعتماد معاملتك رقم {ltr(number)}: {isolate_runs(reason_ar)}",
        f"Al-Ahsa Municipality: your transaction {number} could not be approved: "
        f"{reason_en}")


_LICENCE_STATUS = {"active": ("سارية", "active"), "expired": ("منتهية", "expired"),
                   "suspended": ("موقوفة", "suspended"), "cancelled": ("ملغاة", "cancelled")}


def licence_status_text(number: str, status: str, reason_ar: str,
                        reason_en: str) -> SmsText:
    state_ar, state_en = _LICENCE_STATUS.get(str(status), (str(status), str(status)))
    because_ar = f" السبب: {isolate_runs(reason_ar)}" if reason_ar else ""
    because_en = f" Reason: {reason_en}" if reason_en else ""
    return SmsText(
        f"أمانة الأحساء: أصبحت رخصتك رقم {ltr(number)} {state_ar}.{because_ar}",
        f"Al-Ahsa Municipality: your licence {number} is now {state_en}.{because_en}")


def payment_text(invoice: str, amount: int, receipt: str) -> SmsText:
    return SmsText(
        f"أمانة الأحساء: تم استلام {format_sar(amount, arabic=True)} لسداد الفاتورة "
        f"{ltr(invoice)}. رقم الإيصال {ltr(receipt)}.",
        f"Al-Ahsa Municipality: {format_sar(amount)} received for invoice {invoice}. "
        f"Receipt number {receipt}.")
