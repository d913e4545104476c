"""Enrolment: one-time codes that turn a freshly installed kiosk into a known one.

An operator orders a code for one kiosk identity (id, branch, location); the technician
types it at the kiosk (`kiosk enrol`), which exchanges it once, unauthenticated, for that
identity and a new API key of its own. The code expires, can be revoked before use and is
spent by its first successful exchange; every refusal is one clear answer of the
contract's error shape, never a 500. Codes and keys are stored only as SHA-256 hashes:
what the database holds can neither enrol a kiosk nor call the API. Enrolling an id that
already has a key replaces the key (a kiosk's machine was swapped), so the old one stops
working at once.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import datetime, timedelta

from kiosk.api.schema import (
    ENROLMENT_ALPHABET,
    Branch,
    EnrolmentCodeOrder,
    EnrolmentGrant,
    IssuedEnrolmentCode,
)
from sandbox.core import ApiProblem
from sandbox.db import iso, parse
from sandbox.seed import key_sha256

CODE_GROUPS = 3
GROUP_LENGTH = 4


def code_sha256(code: str) -> str:
    return hashlib.sha256(f"enrolment:{code}".encode()).hexdigest()


def new_code() -> str:
    """12 random symbols of Crockford's base32 in groups of four (60 bits)."""
    symbols = "".join(secrets.choice(ENROLMENT_ALPHABET)
                      for _ in range(CODE_GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i:i + GROUP_LENGTH]
                    for i in range(0, len(symbols), GROUP_LENGTH))


def enrol_command(server: str, code: str, ca_sha256: str) -> str:
    """The one command a technician runs (what the pairing QR code stands for)."""
    return f"kiosk enrol --server {server} --code {code} --ca-sha256 {ca_sha256}"


def issue(conn: sqlite3.Connection, order: EnrolmentCodeOrder, *, now: datetime,
          server: str, ca_sha256: str) -> IssuedEnrolmentCode:
    code = new_code()
    code_id = secrets.token_hex(8)
    expires = now + timedelta(hours=order.valid_hours)
    conn.execute(
        "INSERT INTO enrolment_codes (id, code_sha256, kiosk_id, branch, location_ar, "
        "location_en, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (code_id, code_sha256(code), order.kiosk_id, order.branch.value, order.location_ar,
         order.location_en, iso(now), iso(expires)),
    )
    return IssuedEnrolmentCode(code_id=code_id, code=code, kiosk_id=order.kiosk_id,
                               expires_at=expires, server=server, ca_sha256=ca_sha256,
                               command=enrol_command(server, code, ca_sha256))


def revoke(conn: sqlite3.Connection, code_id: str, *, now: datetime) -> None:
    row = conn.execute("SELECT * FROM enrolment_codes WHERE id = ?", (code_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "enrolment_code_not_found", "لا يوجد رمز تسجيل بهذا المعرّف.",
                         "No enrolment code has this id.")
    if row["used_at"] is not None:
        raise ApiProblem(409, "enrolment_code_used",
                         "استُخدم رمز التسجيل هذا؛ أوقف الجهاز نفسه بدلًا من ذلك.",
                         "This enrolment code has been used; withdraw the kiosk instead.")
    if row["revoked_at"] is None:
        conn.execute("UPDATE enrolment_codes SET revoked_at = ? WHERE id = ?",
                     (iso(now), code_id))


def _refused(code: str, message_ar: str, message_en: str) -> ApiProblem:
    return ApiProblem(422, code, message_ar, message_en)


def exchange(conn: sqlite3.Connection, code: str, *, now: datetime) -> EnrolmentGrant:
    """Spends `code` for its kiosk identity and a new API key; refuses a code that is
    unknown, expired, revoked or already used (422, each with its own `code`)."""
    row = conn.execute("SELECT * FROM enrolment_codes WHERE code_sha256 = ?",
                       (code_sha256(code),)).fetchone()
    if row is None:
        raise _refused("enrolment_code_invalid",
                       "رمز التسجيل غير صحيح. تحقق منه أو اطلب رمزًا جديدًا من الأمانة.",
                       "This enrolment code is not valid. Check it, or ask the "
                       "municipality for a new one.")
    if row["revoked_at"] is not None:
        raise _refused("enrolment_code_revoked", "أُلغي رمز التسجيل هذا. اطلب رمزًا جديدًا.",
                       "This enrolment code has been revoked. Ask for a new one.")
    if row["used_at"] is not None:
        raise _refused("enrolment_code_used", "استُخدم رمز التسجيل هذا من قبل. اطلب رمزًا جديدًا.",
                       "This enrolment code has already been used. Ask for a new one.")
    if now > parse(row["expires_at"]):
        raise _refused("enrolment_code_expired", "انتهت صلاحية رمز التسجيل. اطلب رمزًا جديدًا.",
                       "This enrolment code has expired. Ask for a new one.")
    api_key = secrets.token_urlsafe(32)
    conn.execute("UPDATE enrolment_codes SET used_at = ? WHERE id = ?", (iso(now), row["id"]))
    conn.execute(
        "INSERT INTO kiosks (id, key_sha256, branch, location_ar, location_en, active) "
        "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET "
        "key_sha256 = excluded.key_sha256, branch = excluded.branch, "
        "location_ar = excluded.location_ar, location_en = excluded.location_en, active = 1",
        (row["kiosk_id"], key_sha256(api_key), row["branch"], row["location_ar"],
         row["location_en"]),
    )
    return EnrolmentGrant(kiosk_id=row["kiosk_id"], branch=Branch(row["branch"]),
                          location_ar=row["location_ar"], location_en=row["location_en"],
                          api_key=api_key)
