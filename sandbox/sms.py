"""The SMS outbox: every text the municipality would send, stored instead of sent.

Beneficiaries get SMS about OTPs, received applications, each workflow step and payments.
The sandbox keeps them (number, Arabic text, time) so tests read the real OTP and the demo
shows what a citizen's phone would receive. Every reference and code inside the Arabic text
is a left-to-right isolate (`kiosk.domain.text.isolate_ltr`), or a phone would show
"1447-000105" as "000105-1447".
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from kiosk.domain.money import format_sar
from kiosk.domain.text import isolate_ltr as ltr
from kiosk.domain.text import isolate_runs
from sandbox.db import iso


def send(conn: sqlite3.Connection, mobile: str, kind: str, text_ar: str, now: datetime) -> None:
    conn.execute(
        "INSERT INTO sms (mobile, text_ar, kind, sent_at) VALUES (?, ?, ?, ?)",
        (mobile, text_ar, kind, iso(now)),
    )


def otp_text(code: str, minutes: int) -> str:
    return (f"أمانة الأحساء: رمز التحقق {ltr(code)}. صالح لمدة {ltr(str(minutes))} دقائق. "
            "لا تشاركه مع أي شخص.")


def received_text(number: str, type_ar: str) -> str:
    return (f"أمانة الأحساء: استلمنا طلب {type_ar} برقم المعاملة {ltr(number)}. "
            "تابع حالته من أجهزة الخدمة الذاتية أو برقم المعاملة.")


def step_text(number: str, department_ar: str) -> str:
    return f"أمانة الأحساء: انتقلت معاملتك رقم {ltr(number)} إلى {department_ar}."


def awaiting_payment_text(number: str, invoice: str, amount: int) -> str:
    return (f"أمانة الأحساء: معاملتك رقم {ltr(number)} بانتظار سداد الفاتورة {ltr(invoice)} "
            f"بمبلغ {format_sar(amount, arabic=True)}.")


def issued_text(number: str, licence: str) -> str:
    return f"أمانة الأحساء: صدرت رخصتك رقم {ltr(licence)} للمعاملة {ltr(number)}. نتمنى لك التوفيق."


def rejected_text(number: str, reason_ar: str) -> str:
    return f"أمانة الأحساء: تعذّر اعتماد معاملتك رقم {ltr(number)}: {isolate_runs(reason_ar)}"


_LICENCE_STATUS_AR = {"active": "سارية", "expired": "منتهية", "suspended": "موقوفة",
                      "cancelled": "ملغاة"}


def licence_status_text(number: str, status: str, reason_ar: str) -> str:
    state = _LICENCE_STATUS_AR.get(str(status), str(status))
    reason = f" السبب: {isolate_runs(reason_ar)}" if reason_ar else ""
    return f"أمانة الأحساء: أصبحت رخصتك رقم {ltr(number)} {state}.{reason}"


def payment_text(invoice: str, amount: int, receipt: str) -> str:
    return (f"أمانة الأحساء: تم استلام {format_sar(amount, arabic=True)} لسداد الفاتورة "
            f"{ltr(invoice)}. رقم الإيصال {ltr(receipt)}.")
