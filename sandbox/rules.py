"""Why the municipality excludes applications, as rules that report every problem at once.

687 of ~7,000 requests last year were excluded as incomplete or not meeting conditions.
These rules reproduce the reasons: missing or malformed answers, an expired commercial
registration, a missing or expired lease, an activity the district's zoning forbids, a
health licence without a registered health specialist, unpaid overdue invoices, and an
active licence already held for the same shop. `check()` never stops at the first problem.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime

from kiosk.api.schema import (
    ApplicationDraft,
    FieldKind,
    FieldSpec,
    LicenceKind,
    LicenceStatus,
    Problem,
)
from kiosk.domain.dates import format_dual_date
from kiosk.domain.identifiers import check_mobile, check_national_id
from kiosk.domain.money import format_sar
from kiosk.domain.text import arabic_plural_form
from sandbox.catalogue import ACTIVITY_BY_CODE, DISTRICT_BY_CODE, licence_type


def problem(field: str | None, code: str, message_ar: str, message_en: str) -> Problem:
    return Problem(field=field, code=code, message_ar=message_ar, message_en=message_en)


def _field_problem(spec: FieldSpec, value: object) -> Problem | None:
    """The form-level check of one answer (the same rules the kiosk applies locally)."""
    label_ar, label_en = spec.label_ar, spec.label_en
    if value is None or (isinstance(value, str) and not value.strip()):
        if spec.required:
            return problem(spec.name, "required", f"الحقل «{label_ar}» مطلوب.",
                           f"{label_en} is required.")
        return None
    text = str(value).strip()
    invalid = problem(spec.name, "invalid", f"قيمة «{label_ar}» غير صحيحة.",
                      f"{label_en} is not valid.")
    if spec.kind is FieldKind.NUMBER:
        if isinstance(value, bool) or not re.fullmatch(r"[0-9]{1,9}", text):
            return problem(spec.name, "invalid", f"«{label_ar}» يجب أن يكون رقمًا صحيحًا.",
                           f"{label_en} must be a whole number.")
        number = int(text)
        if (spec.min is not None and number < spec.min) or (
                spec.max is not None and number > spec.max):
            return problem(
                spec.name, "out_of_range",
                f"«{label_ar}» يجب أن يكون بين {spec.min} و{spec.max}.",
                f"{label_en} must be between {spec.min} and {spec.max}.",
            )
        return None
    if spec.kind is FieldKind.NATIONAL_ID and check_national_id(text) is not None:
        return problem(spec.name, "invalid", f"رقم «{label_ar}» غير صحيح، تأكد من الأرقام العشرة.",
                       f"{label_en} is not a valid ID number; check the ten digits.")
    if spec.kind is FieldKind.MOBILE and check_mobile(text) is not None:
        return problem(spec.name, "invalid", "رقم الجوال يجب أن يبدأ بـ 05 ويتكون من 10 أرقام.",
                       "The mobile number must start with 05 and have 10 digits.")
    if spec.kind is FieldKind.CHOICE and text not in {c.value for c in spec.choices}:
        return problem(spec.name, "invalid_choice", f"اختر «{label_ar}» من القائمة.",
                       f"Choose {label_en} from the list.")
    if spec.kind is FieldKind.DATE:
        try:
            date.fromisoformat(text)
        except ValueError:
            return problem(spec.name, "invalid", f"«{label_ar}» ليس تاريخًا صحيحًا.",
                           f"{label_en} is not a valid date.")
    if spec.kind is FieldKind.TEXT and (
        (spec.min is not None and len(text) < spec.min)
        or (spec.max is not None and len(text) > spec.max)
    ):
        return problem(
            spec.name, "length",
            f"«{label_ar}» يجب أن يكون بين {spec.min} و{spec.max} حرفًا.",
            f"{label_en} must be {spec.min} to {spec.max} characters long.",
        )
    # ASCII: the pattern is published for any reader, and to a JSON Schema or JavaScript
    # reader \d means 0-9 only, where Python's would also take Arabic-Indic digits.
    if spec.pattern is not None and not re.fullmatch(spec.pattern, text, re.ASCII):
        return invalid
    return None


def check(conn: sqlite3.Connection, national_id: str, draft: ApplicationDraft,
          now: datetime, *, home_building: bool) -> list[Problem]:
    """Every problem with `draft` for the beneficiary `national_id`, in form order."""
    kind = draft.licence_type
    if kind is LicenceKind.HOME_BUILDING and not home_building:
        return [problem("licence_type", "not_offered",
                        "رخصة بناء المنزل غير متاحة عبر أجهزة الخدمة الذاتية حاليًا.",
                        "Home building permits are not offered at kiosks yet.")]
    spec = licence_type(kind)
    known = {f.name for f in spec.fields}
    problems = [
        problem(name, "unknown_field", "حقل غير معروف في هذا النموذج.",
                "This form has no such field.")
        for name in sorted(draft.answers) if name not in known
    ]
    bad_fields: set[str] = set()
    for field_spec in spec.fields:
        found = _field_problem(field_spec, draft.answers.get(field_spec.name))
        if found is not None:
            if field_spec.name == "health_specialist_id" and found.code == "required":
                found = problem(
                    "health_specialist_id", "health_specialist_required",
                    "الرخصة الصحية تتطلب أخصائيًا صحيًا مسجلًا يشرف على المحل.",
                    "A health licence needs a registered health specialist to oversee the shop.",
                )
            problems.append(found)
            bad_fields.add(field_spec.name)
    answers = {k: str(v).strip() for k, v in draft.answers.items() if v is not None}
    today = now.date()
    if kind is LicenceKind.HOME_BUILDING:
        problems += _deed_rules(conn, national_id, answers, bad_fields)
    else:
        problems += _shop_rules(conn, national_id, kind, answers=answers, bad=bad_fields,
                                today=today)
    problems += _invoice_rule(conn, national_id, today)
    return problems


def _shop_rules(conn: sqlite3.Connection, national_id: str, kind: LicenceKind, *,
                answers: dict[str, str], bad: set[str], today: date) -> list[Problem]:
    found: list[Problem] = []
    if "cr_number" not in bad and answers.get("cr_number"):
        cr = conn.execute("SELECT * FROM commercial_registrations WHERE number = ?",
                          (answers["cr_number"],)).fetchone()
        if cr is None or cr["owner_id"] != national_id:
            found.append(problem(
                "cr_number", "cr_not_found",
                "لم نجد سجلًا تجاريًا بهذا الرقم باسمك. تأكد من الرقم.",
                "No commercial registration with this number is held in your name.",
            ))
        elif (expired := date.fromisoformat(cr["expires_on"])) < today:
            found.append(problem(
                "cr_number", "cr_expired",
                f"السجل التجاري منتهي منذ {format_dual_date(expired, 'ar')}. "
                "جدّده أولًا من وزارة التجارة.",
                f"The commercial registration expired on {format_dual_date(expired, 'en')}; "
                "renew it with the Ministry of Commerce first.",
            ))
    if "lease_number" not in bad and answers.get("lease_number"):
        lease = conn.execute("SELECT * FROM leases WHERE number = ?",
                             (answers["lease_number"],)).fetchone()
        if lease is None or lease["tenant_id"] != national_id:
            found.append(problem(
                "lease_number", "lease_not_found",
                "لا يوجد عقد إيجار موثّق بهذا الرقم باسمك في منصة إيجار.",
                "No lease with this number is registered in your name on Ejar.",
            ))
        elif (ended := date.fromisoformat(lease["expires_on"])) < today:
            found.append(problem(
                "lease_number", "lease_expired",
                f"عقد الإيجار منتهي منذ {format_dual_date(ended, 'ar')}. "
                "جدّد العقد ثم أعد التقديم.",
                f"The lease expired on {format_dual_date(ended, 'en')}; renew it and apply "
                "again.",
            ))
        elif answers.get("district") and lease["district"] != answers["district"] \
                and "district" not in bad:
            found.append(problem(
                "district", "lease_district_mismatch",
                "الحي المختار لا يطابق موقع المحل في عقد الإيجار.",
                "The chosen district does not match the shop's address in the lease.",
            ))
    district = DISTRICT_BY_CODE.get(answers.get("district", ""))
    activity = ACTIVITY_BY_CODE.get(answers.get("activity", ""))
    if district and activity and "activity" not in bad and district.zone not in activity.zones:
        found.append(problem(
            "activity", "activity_not_allowed",
            f"نشاط «{activity.name_ar}» غير مسموح به في حي {district.name_ar}.",
            f"The activity '{activity.name_en}' is not allowed in {district.name_en}.",
        ))
    if kind is LicenceKind.HEALTH and "health_specialist_id" not in bad \
            and answers.get("health_specialist_id"):
        specialist = conn.execute("SELECT * FROM health_specialists WHERE national_id = ?",
                                  (answers["health_specialist_id"],)).fetchone()
        if specialist is None or date.fromisoformat(
                specialist["certificate_expires_on"]) < today:
            found.append(problem(
                "health_specialist_id", "health_specialist_not_registered",
                "الأخصائي الصحي غير مسجل لدى الأمانة أو انتهت شهادته الصحية.",
                "The health specialist is not registered with the municipality or their "
                "certificate has expired.",
            ))
    if answers.get("lease_number") and "lease_number" not in bad:
        existing = conn.execute(
            "SELECT number FROM licences WHERE lease_number = ? AND licence_type = ? "
            "AND status = ?", (answers["lease_number"], kind.value, LicenceStatus.ACTIVE.value),
        ).fetchone()
        if existing is not None:
            found.append(problem(
                "lease_number", "licence_exists",
                f"يوجد ترخيص ساري لهذا المحل برقم {existing['number']}.",
                f"This shop already has an active licence, number {existing['number']}.",
            ))
    return found


def _deed_rules(conn: sqlite3.Connection, national_id: str, answers: dict[str, str],
                bad: set[str]) -> list[Problem]:
    if "deed_number" in bad or not answers.get("deed_number"):
        return []
    deed = conn.execute("SELECT * FROM deeds WHERE number = ?",
                        (answers["deed_number"],)).fetchone()
    if deed is None or deed["owner_id"] != national_id:
        return [problem("deed_number", "deed_not_found",
                        "لا يوجد صك ملكية بهذا الرقم باسمك.",
                        "No title deed with this number is held in your name.")]
    if answers.get("district") and "district" not in bad \
            and deed["district"] != answers["district"]:
        return [problem("district", "deed_district_mismatch",
                        "الحي المختار لا يطابق موقع الأرض في الصك.",
                        "The chosen district does not match the land's location in the deed.")]
    return []


def _invoice_rule(conn: sqlite3.Connection, national_id: str, today: date) -> list[Problem]:
    row = conn.execute(
        "SELECT COUNT(*) AS n, COALESCE(SUM(amount_halalas), 0) AS total FROM invoices "
        "WHERE national_id = ? AND status = 'unpaid' AND due_on < ?",
        (national_id, today.isoformat()),
    ).fetchone()
    if not row["n"]:
        return []
    total, n = int(row["total"]), int(row["n"])
    owed = _OVERDUE_AR[arabic_plural_form(n)].format(n=n)
    them_ar = "سدّدهما" if n == 2 else "سدّدها"
    them_en = "it" if n == 1 else "them"
    invoices_en = "invoice" if n == 1 else "invoices"
    return [problem(
        None, "outstanding_invoices",
        f"عليك {owed} بمبلغ {format_sar(total, arabic=True)}. {them_ar} أولًا ثم أكمل الطلب.",
        f"You have {n} overdue {invoices_en} totalling {format_sar(total)}. "
        f"Pay {them_en} first, then continue.",
    )]


# "You owe N overdue invoices" in Arabic's six plural forms (kiosk.domain.text), the way
# the kiosk's screens count through Qt: "فاتورتان متأخرتان", never "2 فواتير".
_OVERDUE_AR = ("{n} فاتورة متأخرة", "فاتورة متأخرة واحدة", "فاتورتان متأخرتان",
               "{n} فواتير متأخرة", "{n} فاتورة متأخرة", "{n} فاتورة متأخرة")
