"""The sandbox's SQLite file, its schema, and the workflow clock.

One connection guarded by one lock: the sandbox serves a handful of kiosks, and doing every
read-check-write under the lock is what makes idempotency and "never pay twice" hold under
concurrent repeats without any cleverness. The clock is real time plus an offset that the
admin endpoint advances, so tests can move transactions through their workflow.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kiosks (
    id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE, branch TEXT NOT NULL,
    location_ar TEXT NOT NULL, active INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS beneficiaries (
    national_id TEXT PRIMARY KEY, mobile TEXT NOT NULL, name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS commercial_registrations (
    number TEXT PRIMARY KEY, owner_id TEXT NOT NULL, name_ar TEXT NOT NULL,
    expires_on TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS leases (
    number TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, district TEXT NOT NULL,
    expires_on TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deeds (
    number TEXT PRIMARY KEY, owner_id TEXT NOT NULL, district TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS health_specialists (
    national_id TEXT PRIMARY KEY, name_ar TEXT NOT NULL, certificate_expires_on TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS licences (
    number TEXT PRIMARY KEY, national_id TEXT NOT NULL, licence_type TEXT NOT NULL,
    status TEXT NOT NULL, branch TEXT NOT NULL, district TEXT NOT NULL,
    activity TEXT NOT NULL, shop_name TEXT NOT NULL, lease_number TEXT,
    issued_at TEXT NOT NULL, expires_on TEXT NOT NULL, channel TEXT NOT NULL,
    status_by TEXT, status_reason_ar TEXT NOT NULL DEFAULT '',
    status_reason_en TEXT NOT NULL DEFAULT '', status_changed_at TEXT);
CREATE TABLE IF NOT EXISTS transactions (
    number TEXT PRIMARY KEY, national_id TEXT NOT NULL, licence_type TEXT NOT NULL,
    branch TEXT NOT NULL, status TEXT NOT NULL, submitted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, licence_number TEXT, kiosk_id TEXT, mobile TEXT NOT NULL,
    answers_json TEXT NOT NULL, language TEXT);
CREATE TABLE IF NOT EXISTS steps (
    transaction_number TEXT NOT NULL, position INTEGER NOT NULL, code TEXT NOT NULL,
    department_ar TEXT NOT NULL, department_en TEXT NOT NULL, hours REAL NOT NULL,
    state TEXT NOT NULL, started_at TEXT, finished_at TEXT,
    note_ar TEXT NOT NULL DEFAULT '', note_en TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (transaction_number, position));
CREATE TABLE IF NOT EXISTS invoices (
    number TEXT PRIMARY KEY, national_id TEXT NOT NULL, description_ar TEXT NOT NULL,
    description_en TEXT NOT NULL, amount_halalas INTEGER NOT NULL, issued_at TEXT NOT NULL,
    due_on TEXT NOT NULL, status TEXT NOT NULL, transaction_number TEXT,
    licence_number TEXT, paid_at TEXT);
CREATE TABLE IF NOT EXISTS payments (
    receipt_number TEXT PRIMARY KEY, invoice_number TEXT NOT NULL UNIQUE,
    amount_halalas INTEGER NOT NULL, approval_code TEXT NOT NULL, masked_pan TEXT NOT NULL,
    scheme TEXT NOT NULL, terminal_reference TEXT NOT NULL, paid_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL, kiosk_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS otp_challenges (
    id TEXT PRIMARY KEY, national_id TEXT NOT NULL, code_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, attempts_left INTEGER NOT NULL,
    used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 TEXT PRIMARY KEY, national_id TEXT NOT NULL, kiosk_id TEXT NOT NULL,
    issued_at TEXT NOT NULL, expires_at TEXT NOT NULL, submit_until TEXT NOT NULL,
    submit_key TEXT);
CREATE TABLE IF NOT EXISTS sms (
    id INTEGER PRIMARY KEY AUTOINCREMENT, mobile TEXT NOT NULL, text_ar TEXT NOT NULL,
    kind TEXT NOT NULL, sent_at TEXT NOT NULL, text_en TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'ar');
CREATE TABLE IF NOT EXISTS idempotency (
    kiosk_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, key));
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS enrolment_codes (
    id TEXT PRIMARY KEY, code_sha256 TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL,
    branch TEXT NOT NULL, location_ar TEXT NOT NULL, location_en TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT, revoked_at TEXT);
CREATE TABLE IF NOT EXISTS pilot_counts (
    kiosk_id TEXT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, journey TEXT NOT NULL,
    step TEXT NOT NULL, reason TEXT NOT NULL, failure TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, day, kind, journey, step, reason, failure));
CREATE TABLE IF NOT EXISTS operator_sessions (
    id_sha256 TEXT PRIMARY KEY, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fleet (
    kiosk_id TEXT PRIMARY KEY, heard_at REAL NOT NULL, taken_at TEXT NOT NULL,
    version TEXT NOT NULL, in_service INTEGER NOT NULL, status TEXT NOT NULL,
    components_json TEXT NOT NULL, exposition TEXT NOT NULL,
    screenshot_png BLOB, screenshot_at REAL);
CREATE TABLE IF NOT EXISTS fleet_commands (
    id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL,
    reason_en TEXT NOT NULL, reason_ar TEXT NOT NULL, issued_at TEXT NOT NULL,
    acknowledged_at TEXT);
CREATE INDEX IF NOT EXISTS fleet_commands_by_kiosk ON fleet_commands (kiosk_id, issued_at);
CREATE TABLE IF NOT EXISTS fleet_transitions (
    kiosk_id TEXT NOT NULL, at REAL NOT NULL, up INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, at, up));
"""

# (table, column, declaration) added since the first release, for older data directories.
# tokens.submit_key: SHA-256("submit:" + token) in hex, to check a queued submission's
# proof (kiosk.api.proof); tokens issued before it existed have none and their proofs fail.
# licences.status_changed_at: when a licence was last suspended or cancelled (the
# verification page's "since"); none for older rows.
# sms.text_en, sms.language: each text in English too, and the language it was sent in;
# transactions.language: the language of the application, for the SMS of its later steps.
# kiosks.location_en: the English name of where a kiosk stands (given at enrolment).
ADDED_COLUMNS = (("tokens", "submit_key", "TEXT"), ("licences", "status_changed_at", "TEXT"),
                 ("sms", "text_en", "TEXT NOT NULL DEFAULT ''"),
                 ("sms", "language", "TEXT NOT NULL DEFAULT 'ar'"),
                 ("transactions", "language", "TEXT"),
                 ("kiosks", "location_en", "TEXT NOT NULL DEFAULT ''"))

# Tables the admin endpoint may list (records for tests and the operators' page).
READABLE_TABLES = frozenset({
    "kiosks", "beneficiaries", "licences", "transactions", "steps", "invoices", "payments",
    "sms", "idempotency", "commercial_registrations", "leases", "health_specialists",
    "enrolment_codes",
    "pilot_counts", "fleet_transitions",
})


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Database:
    """The sandbox's state; use `with db.transaction() as conn:` for every access."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Columns added after a data directory was first created (`CREATE TABLE IF NOT
        EXISTS` leaves an existing table as it was): added in place, nothing else touched."""
        for table, column, declaration in ADDED_COLUMNS:
            present = {row["name"] for row in
                       self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    def close(self) -> None:
        with self.lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Serialised read-modify-write; commits on success, rolls back on any error."""
        with self.lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @staticmethod
    def wipe(conn: sqlite3.Connection) -> None:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 (names from sqlite_master)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
            conn.execute("DELETE FROM sqlite_sequence")

    # --- meta and clock ---------------------------------------------------------------

    @staticmethod
    def get_meta(conn: sqlite3.Connection, key: str, default: str = "") -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row["value"]) if row else default

    @staticmethod
    def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value),
        )

    @classmethod
    def now(cls, conn: sqlite3.Connection) -> datetime:
        """The workflow clock: real UTC time plus the admin-set offset."""
        offset = float(cls.get_meta(conn, "clock_offset_s", "0"))
        return datetime.now(UTC) + timedelta(seconds=offset)

    @classmethod
    def advance(cls, conn: sqlite3.Connection, seconds: float) -> None:
        offset = float(cls.get_meta(conn, "clock_offset_s", "0"))
        cls.set_meta(conn, "clock_offset_s", repr(offset + seconds))

    @staticmethod
    def next_number(conn: sqlite3.Connection, name: str, start: int) -> int:
        row = conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        value = (int(row["value"]) + 1) if row else start
        conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value),
        )
        return value
