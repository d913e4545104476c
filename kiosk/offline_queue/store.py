"""The durable outbox: a SQLite file that keeps every state-changing request until the
municipality has answered it.

Why it is shaped like this:
- `enqueue` returns only after the row is committed with `synchronous=FULL` in WAL mode,
  so a request acknowledged to a beneficiary survives a power cut.
- Claiming happens inside `BEGIN IMMEDIATE` with `UPDATE ... RETURNING`, so two workers
  (or a worker and a technician's CLI) never take the same entry.
- Rows a crash left `in_flight` go back to `pending` when delivery starts again; the
  idempotency key made at enqueue turns the resulting repeat into the server's first answer.
- Every SQLite failure becomes one of the typed errors in `errors.py`, so the app can take
  the kiosk out of service (disk full, locked, corrupted) instead of losing a request.
- Nothing personal outlives its delivery: `mark_delivered` erases the payload in the same
  transaction that records the answer, `secure_delete` zeroes the freed bytes, and the WAL
  (which still holds older page copies) is checkpointed and truncated when the worker
  runs out of work, at open and at close.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from kiosk.domain.references import provisional_reference
from kiosk.health.model import ComponentHealth, Detail, Status
from kiosk.logs import redact
from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.offline_queue.errors import (
    EntryNotFoundError,
    InvalidEntryError,
    OutboxCorruptedError,
    OutboxError,
    OutboxFullError,
    OutboxLockedError,
    OutboxUnavailableError,
    OutboxVersionError,
)
from kiosk.offline_queue.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

OUTBOX_FILENAME = "outbox.sqlite3"
MAX_PAYLOAD_BYTES = 256 * 1024
_KIND = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
# The contract's Idempotency-Key is a UUID (docs/api.md); the sandbox enforces the pattern.
_KEY = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_MAX_ERROR_CHARS = 500
# A TRUNCATE checkpoint waits for readers in other processes (a technician's CLI); it is
# housekeeping, so it waits briefly and tries again at the next quiet moment instead.
_CHECKPOINT_BUSY_MS = 200
# A pending entry that has waited this long makes the outbox report a warning.
STALE_PENDING_S = 6 * 3600
# Past this share of `max_size_bytes` the outbox warns before it has to refuse requests.
NEARLY_FULL = 0.9

# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED = 3, 5, 6
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _translate(exc: sqlite3.Error, path: Path) -> OutboxError:
    """Maps a SQLite failure to the typed error the kiosk reacts to."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    if primary == _SQLITE_FULL or "disk is full" in text:
        return OutboxFullError(f"outbox {path}: no space left to store requests ({text})")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return OutboxLockedError(
            f"outbox {path}: database stayed locked by another process ({text})")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return OutboxCorruptedError(f"outbox {path}: database file is damaged ({text})")
    return OutboxUnavailableError(f"outbox {path}: storage error ({text})")


class Outbox:
    """The kiosk's one write path for requests that change something at the municipality.

    Thread-safe: one SQLite connection guarded by a lock (statements take milliseconds and
    never wait on the network). Blocking (it fsyncs): call it from a worker thread, never
    from the UI thread.
    """

    def __init__(self, path: Path, db: sqlite_utils.Database, *, reference_prefix: str,
                 clock: Callable[[], float], max_size_bytes: int | None = None,
                 busy_timeout_s: float = 5.0) -> None:
        self.path = path
        self._busy_timeout_ms = int(busy_timeout_s * 1000)
        self.max_size_bytes = max_size_bytes
        self._db = db
        self._conn: sqlite3.Connection = db.conn
        self._lock = threading.RLock()
        self._prefix = reference_prefix
        self._clock = clock
        self._problem: OutboxUnavailableError | None = None
        self._enqueued_listeners: list[Callable[[OutboxEntry], None]] = []
        self._closed = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        create: bool = True,
        busy_timeout_s: float = 5.0,
        max_size_bytes: int | None = None,
        reference_prefix: str = "LOCAL",
        clock: Callable[[], float] = time.time,
    ) -> Self:
        """Opens (or creates, mode 0600) the outbox at `path` and brings its schema up to date.

        `max_size_bytes` caps the file so the outbox can never fill the kiosk's disk: past
        it, `enqueue` raises OutboxFullError. A damaged file is renamed aside, never deleted, and
        OutboxCorruptedError names where it went. Opening also erases the payload of any
        delivered entry still holding one (written by an older release) and truncates the
        WAL, so a kiosk that crashed keeps nothing personal past its next start.
        """
        path = Path(path)
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,31}", reference_prefix):
            raise ValueError("reference_prefix: expected upper-case letters, digits and '-'")
        if not path.exists():
            if not create:
                raise OutboxUnavailableError(f"no outbox at {path}")
            _create_private_file(path)
        for file in (path, *_sidecars(path)):
            try:
                os.chmod(file, 0o600)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise OutboxUnavailableError(f"outbox {file}: cannot be secured ({exc.strerror})"
                                        ) from exc
        try:
            conn = sqlite3.connect(
                path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _translate(exc, path) from exc
        try:
            _configure(conn, max_size_bytes)
            _check_integrity(conn, path)
            _migrate(conn, path)
        except (sqlite3.Error, OutboxCorruptedError) as exc:
            conn.close()
            error = exc if isinstance(exc, OutboxError) else _translate(exc, path)
            if isinstance(error, OutboxCorruptedError):
                raise _quarantine(path, error) from exc
            raise error from exc
        except BaseException:
            conn.close()
            raise
        outbox = cls(path, sqlite_utils.Database(conn), reference_prefix=reference_prefix,
                     clock=clock, max_size_bytes=max_size_bytes, busy_timeout_s=busy_timeout_s)
        try:
            outbox.purge_delivered()
        except OutboxError:
            outbox.close()
            raise
        log.info("outbox opened", extra={"outbox": str(path)})
        return outbox

    def close(self) -> None:
        """Truncates the WAL (its old page copies may hold erased payloads), then closes."""
        with self._lock:
            if not self._closed:
                try:
                    self.checkpoint(truncate=True)
                except OutboxError as exc:
                    log.warning("outbox WAL not truncated at close", extra={"error": str(exc)})
                self._closed = True
                self._conn.close()
                log.info("outbox closed", extra={"outbox": str(self.path)})

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing
    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Translates SQLite errors; remembers an unavailable outbox for health()."""
        if self._closed:
            # The kiosk is stopping: a late caller (a delivery that outlasted the stop)
            # gets the storage error it handles, not a bug.
            raise OutboxUnavailableError(f"the outbox {self.path} is closed")
        try:
            yield
        except sqlite3.Error as exc:
            if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
                raise  # a bug in this module, not a storage condition
            error = _translate(exc, self.path)
            if isinstance(error, OutboxUnavailableError):
                self._problem = error
            raise error from exc

    @contextlib.contextmanager
    def _write(self, *, durable: bool = True) -> Iterator[sqlite_utils.Database]:
        """One write transaction. `durable=False` skips the commit's fsync: only for
        changes a power cut may undo harmlessly (a claim: the row is simply pending
        again, which is what start-up does with in-flight rows anyway). The next durable
        commit fsyncs the WAL, earlier frames included."""
        with self._lock, self._guard():
            if not durable:
                self._conn.execute("PRAGMA synchronous = NORMAL")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
            finally:
                if not durable:
                    self._conn.execute("PRAGMA synchronous = FULL")
            self._problem = None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[OutboxEntry]:
        with self._lock, self._guard():
            return [self._entry(row) for row in self._db.query(sql, params)]

    def _entry(self, row: Mapping[str, Any]) -> OutboxEntry:
        return OutboxEntry(
            id=row["id"],
            local_reference=row["local_reference"],
            idempotency_key=row["idempotency_key"],
            kind=row["kind"],
            payload=None if row["payload"] is None else json.loads(row["payload"]),
            state=EntryState(row["state"]),
            created_at=_utc(row["created_at"]),
            attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"],
            last_error=row["last_error"],
            answer=None if row["answer"] is None else json.loads(row["answer"]),
            server_reference=row["server_reference"],
            delivered_at=None if row["delivered_at"] is None else _utc(row["delivered_at"]),
            purged=row["purged_at"] is not None,
        )

    @staticmethod
    def _one(cursor: sqlite3.Cursor) -> dict[str, Any] | None:
        names = [d[0] for d in cursor.description or ()]
        rows = cursor.fetchall()
        return dict(zip(names, rows[0], strict=True)) if rows else None

    # ------------------------------------------------------------------ the write path
    def subscribe_enqueued(self, callback: Callable[[OutboxEntry], None]) -> None:
        """`callback(entry)` after each durable enqueue (the worker uses it to wake up)."""
        self._enqueued_listeners.append(callback)

    def enqueue(self, kind: str, payload: Mapping[str, Any], *,
                idempotency_key: str | None = None) -> OutboxEntry:
        """Stores a request durably and returns it; only then may the kiosk say "received".

        The idempotency key is made here, once, unless the caller brings one it made when
        the beneficiary confirmed: enqueuing the same key again (a double tap) returns the
        existing entry, and the same key with a different request raises InvalidEntryError.
        Raises OutboxFullError / OutboxLockedError / OutboxUnavailableError when it cannot keep it.
        """
        if not _KIND.fullmatch(kind):
            raise InvalidEntryError(f"kind {kind!r}: expected lower_snake_case")
        if not isinstance(payload, Mapping):
            raise InvalidEntryError("payload: expected a JSON object")
        try:
            text = json.dumps(payload, ensure_ascii=False, allow_nan=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise InvalidEntryError(f"payload: not JSON-serialisable ({exc})") from None
        if len(text.encode()) > MAX_PAYLOAD_BYTES:
            raise InvalidEntryError(f"payload: larger than {MAX_PAYLOAD_BYTES} bytes")
        key = idempotency_key or str(uuid.uuid4())
        if not _KEY.fullmatch(key):
            raise InvalidEntryError("idempotency_key: expected a UUID")
        now = self._clock()
        with self._write() as db:
            existing = self._one(db.execute(
                "SELECT * FROM entries WHERE idempotency_key = ?", [key]))
            if existing is not None:
                if existing["kind"] != kind or (
                    existing["payload"] is not None and existing["payload"] != text
                ):
                    raise InvalidEntryError("idempotency_key: already used for a different request")
                return self._entry(existing)
            cursor = db.execute(
                "INSERT INTO entries (local_reference, idempotency_key, kind, payload,"
                " state, created_at, attempts, next_attempt_at, updated_at)"
                " VALUES ('', ?, ?, ?, 'pending', ?, 0, 0, ?)",
                [key, kind, text, now, now],
            )
            entry_id = cursor.lastrowid
            assert entry_id is not None  # an INSERT into a rowid table always sets it
            row = self._one(db.execute(
                "UPDATE entries SET local_reference = ? WHERE id = ? RETURNING *",
                [provisional_reference(self._prefix, entry_id), entry_id],
            ))
        assert row is not None
        entry = self._entry(row)
        log.info("outbox entry stored",
                 extra={"entry_id": entry.id, "kind": kind, "reference": entry.local_reference})
        for listener in list(self._enqueued_listeners):
            try:
                listener(entry)
            except Exception:
                log.exception("outbox enqueue listener failed")
        return entry

    # ------------------------------------------------------------------ reading
    def get(self, entry_id: int) -> OutboxEntry:
        rows = self._rows("SELECT * FROM entries WHERE id = ?", [entry_id])
        if not rows:
            raise EntryNotFoundError(f"no outbox entry {entry_id}")
        return rows[0]

    def get_by_key(self, idempotency_key: str) -> OutboxEntry | None:
        rows = self._rows("SELECT * FROM entries WHERE idempotency_key = ?", [idempotency_key])
        return rows[0] if rows else None

    def entries(self, states: Sequence[EntryState] | None = None, *, limit: int | None = None,
                newest_first: bool = False) -> list[OutboxEntry]:
        """Entries in enqueue order (or newest first), optionally only some states."""
        where, params = "", list[Any]()
        if states:
            where = f" WHERE state IN ({','.join('?' * len(states))})"
            params.extend(str(s) for s in states)
        order = "DESC" if newest_first else "ASC"
        limit_sql = ""
        if limit is not None:
            limit_sql = " LIMIT ?"
            params.append(limit)
        return self._rows(f"SELECT * FROM entries{where} ORDER BY id {order}{limit_sql}", params)  # noqa: S608

    def counts(self) -> dict[EntryState, int]:
        with self._lock, self._guard():
            found = dict(self._conn.execute(
                "SELECT state, count(*) FROM entries GROUP BY state").fetchall())
        return {state: int(found.get(str(state), 0)) for state in EntryState}

    def next_due_at(self) -> float | None:
        """The earliest `next_attempt_at` among pending entries (0 = due now), or None."""
        with self._lock, self._guard():
            (value,) = self._conn.execute(
                "SELECT min(next_attempt_at) FROM entries WHERE state = 'pending'").fetchone()
        return None if value is None else float(value)

    # ------------------------------------------------------------------ the worker's side
    def claim_next(self, now: float, *, horizon_s: float) -> OutboxEntry | None:
        """Takes the oldest pending entry that is due and marks it in flight.

        `now` is the worker's scheduling clock. A `next_attempt_at` further than
        `horizon_s` ahead cannot come from this run's backoff (which is capped): it was
        written before the wall clock jumped back, so it is treated as due.
        """
        with self._write(durable=False) as db:
            row = self._one(db.execute(
                "UPDATE entries SET state = 'in_flight', attempts = attempts + 1,"
                " updated_at = :wall"
                " WHERE id = (SELECT id FROM entries WHERE state = 'pending'"
                "   AND (next_attempt_at <= :now OR next_attempt_at > :horizon)"
                "   ORDER BY id LIMIT 1)"
                " RETURNING *",
                {"now": now, "horizon": now + horizon_s, "wall": self._clock()},
            ))
        return None if row is None else self._entry(row)

    def release(self, entry_id: int, *, error: str, retry_at: float = 0.0) -> None:
        """Puts an in-flight entry back to pending after a failed attempt."""
        with self._write() as db:
            db.execute(
                "UPDATE entries SET state = 'pending', last_error = ?, next_attempt_at = ?,"
                " updated_at = ? WHERE id = ? AND state IN ('in_flight', 'pending')",
                [_clean(error), retry_at, self._clock(), entry_id],
            )

    def mark_delivered(self, entry_id: int, answer: Mapping[str, Any],
                       server_reference: str | None) -> OutboxEntry:
        """Records the server's answer; the entry will never be sent again. The same
        transaction erases the request's payload (personal data, the beneficiary's proof):
        from here on only the answer (which must carry nothing personal: the worker strips
        it), the server's reference, the kind, the times and the state remain."""
        now = self._clock()
        with self._write() as db:
            row = self._one(db.execute(
                "UPDATE entries SET state = 'delivered', payload = NULL, answer = ?,"
                " server_reference = ?, delivered_at = ?, purged_at = ?, last_error = NULL,"
                " updated_at = ?"
                " WHERE id = ? AND state IN ('in_flight', 'pending') RETURNING *",
                [json.dumps(answer, ensure_ascii=False, default=str), server_reference,
                 now, now, now, entry_id],
            ))
        return self._after_settle(entry_id, row)

    def mark_dead(self, entry_id: int, reason: str) -> OutboxEntry:
        """Parks an entry that can never succeed, with its reason, for a technician."""
        with self._write() as db:
            row = self._one(db.execute(
                "UPDATE entries SET state = 'dead', last_error = ?, updated_at = ?"
                " WHERE id = ? AND state IN ('in_flight', 'pending') RETURNING *",
                [_clean(reason), self._clock(), entry_id],
            ))
        return self._after_settle(entry_id, row)

    def _after_settle(self, entry_id: int, row: dict[str, Any] | None) -> OutboxEntry:
        return self.get(entry_id) if row is None else self._entry(row)

    def requeue_in_flight(self) -> int:
        """At start-up: entries a crash left in flight go back to pending (due now)."""
        with self._write() as db:
            count = db.execute(
                "UPDATE entries SET state = 'pending', next_attempt_at = 0, updated_at = ?"
                " WHERE state = 'in_flight'", [self._clock()]).rowcount
        if count:
            log.warning("outbox entries interrupted in flight are pending again",
                        extra={"count": count})
        return count

    # ------------------------------------------------------------------ operators
    def retry(self, entry_id: int) -> OutboxEntry:
        """Operator action: a dead or waiting entry becomes pending and due now."""
        with self._write() as db:
            row = self._one(db.execute(
                "UPDATE entries SET state = 'pending', next_attempt_at = 0, updated_at = ?"
                " WHERE id = ? AND state IN ('dead', 'pending') RETURNING *",
                [self._clock(), entry_id],
            ))
        if row is None:
            entry = self.get(entry_id)
            raise InvalidEntryError(f"entry {entry_id} is {entry.state}; only dead or pending"
                               " entries can be retried")
        log.info("outbox entry retried by operator", extra={"entry_id": entry_id})
        return self._entry(row)

    def purge_delivered(self) -> int:
        """A sweep: erases the payload of delivered entries that still hold one (only an
        older release left such rows; `mark_delivered` erases it now), then truncates the
        WAL. Returns how many entries it erased. Dead entries keep theirs: a technician
        may send them again."""
        with self._write() as db:
            count = db.execute(
                "UPDATE entries SET payload = NULL, purged_at = coalesce(purged_at, ?)"
                " WHERE state = 'delivered' AND (payload IS NOT NULL OR purged_at IS NULL)",
                [self._clock()]).rowcount
        self.checkpoint(truncate=True)
        if count:
            log.info("outbox purged delivered payloads", extra={"count": count})
        return count

    def checkpoint(self, *, truncate: bool = False) -> bool:
        """Copies the WAL into the database file. `truncate=True` also empties the WAL
        file, so the old page copies it holds (payloads erased since) leave the disk; it
        waits at most ~0.2 s for another process's reader. True when the WAL was copied
        in full (and truncated, if asked)."""
        mode = "TRUNCATE" if truncate else "PASSIVE"
        with self._lock, self._guard():
            if truncate:
                self._conn.execute(f"PRAGMA busy_timeout = {_CHECKPOINT_BUSY_MS}")
            try:
                busy, log_frames, copied = self._conn.execute(
                    f"PRAGMA wal_checkpoint({mode})").fetchone()
            finally:
                if truncate:
                    self._conn.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
        done = not busy and log_frames == copied
        if truncate and not done:
            log.info("outbox WAL not truncated: another process is reading; will retry")
        return bool(done)

    # ------------------------------------------------------------------ health
    @property
    def problem(self) -> OutboxUnavailableError | None:
        """The last storage failure, cleared by the next successful write."""
        return self._problem

    def health(self) -> ComponentHealth:
        """Counts, the oldest waiting request and the last error, in operators' words."""
        details: dict[str, Detail] = {"path": str(self.path)}
        if self._closed:
            return ComponentHealth("outbox", Status.ERROR, "the outbox is closed", details)
        quarantined = len(quarantined_files(self.path))
        details["quarantined_files"] = quarantined
        try:
            counts = self.counts()
            with self._lock, self._guard():
                oldest, = self._conn.execute(
                    "SELECT min(created_at) FROM entries WHERE state IN ('pending','in_flight')"
                ).fetchone()
                last = self._conn.execute(
                    "SELECT last_error FROM entries WHERE last_error IS NOT NULL"
                    " AND state IN ('pending','in_flight','dead')"
                    " ORDER BY updated_at DESC LIMIT 1").fetchone()
                pages, = self._conn.execute("PRAGMA page_count").fetchone()
                free, = self._conn.execute("PRAGMA freelist_count").fetchone()
                page_size, = self._conn.execute("PRAGMA page_size").fetchone()
        except OutboxUnavailableError as exc:
            return ComponentHealth("outbox", Status.ERROR, str(exc), details)
        for state, count in counts.items():
            details[str(state)] = count
        age = None if oldest is None else max(0.0, self._clock() - oldest)
        details["oldest_pending_age_s"] = None if age is None else round(age, 1)
        details["last_error"] = None if last is None else last[0]
        waiting = counts[EntryState.PENDING] + counts[EntryState.IN_FLIGHT]
        used = (pages - free) * page_size
        details["size_bytes"] = used
        share = None if not self.max_size_bytes else used / self.max_size_bytes
        if self._problem is not None:
            details["problem"] = self._problem.reason
            return ComponentHealth("outbox", Status.ERROR,
                                   f"cannot store new requests: {self._problem}", details)
        if counts[EntryState.DEAD]:
            return ComponentHealth(
                "outbox", Status.WARNING,
                f"{counts[EntryState.DEAD]} request(s) refused by the municipality need a"
                " technician (kiosk queue list --state dead)", details)
        if share is not None and share >= NEARLY_FULL:
            return ComponentHealth(
                "outbox", Status.WARNING,
                f"outbox {share:.0%} full ({used} of {self.max_size_bytes} bytes):"
                " deliver or purge before it refuses new requests", details)
        if quarantined:
            return ComponentHealth(
                "outbox", Status.WARNING,
                f"{quarantined} damaged outbox file(s) kept aside beside {self.path}", details)
        if age is not None and age > STALE_PENDING_S:
            return ComponentHealth(
                "outbox", Status.WARNING,
                f"{waiting} request(s) waiting; the oldest for {age / 3600:.1f} h", details)
        return ComponentHealth("outbox", Status.OK, f"{waiting} request(s) waiting", details)


# ---------------------------------------------------------------------- helpers
def _clean(text: str) -> str:
    return redact(text)[:_MAX_ERROR_CHARS]


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _create_private_file(path: Path) -> None:
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as exc:
        if path.exists():
            return  # another process created it a moment ago
        raise OutboxUnavailableError(
            f"outbox {path}: cannot be created (a file is in the way)") from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise OutboxFullError(f"outbox {path}: no space left to create it") from exc
        raise OutboxUnavailableError(f"outbox {path}: cannot be created ({exc.strerror})") from exc
    os.close(fd)


def _configure(conn: sqlite3.Connection, max_size_bytes: int | None) -> None:
    # journal_mode reads the header first: a file that is not SQLite fails right here.
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    # Purged personal data is overwritten, not just unlinked from the b-tree.
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    if max_size_bytes is not None:
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        pages = max(1, max_size_bytes // int(page_size))
        conn.execute(f"PRAGMA max_page_count = {pages}").fetchone()


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    results = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if results != ["ok"]:
        raise OutboxCorruptedError(
            f"outbox {path}: integrity check failed ({'; '.join(results[:3])})")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise OutboxVersionError(
            f"outbox {path}: schema version {version} is newer than this kiosk's"
            f" ({SCHEMA_VERSION}); refusing to touch it")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("outbox schema migrated", extra={"outbox": str(path), "version": target})


def quarantined_files(path: Path) -> list[Path]:
    """Damaged outbox files kept aside beside `path` (the operator must look at them)."""
    if not path.parent.is_dir():
        return []
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def _quarantine(path: Path, error: OutboxCorruptedError) -> OutboxCorruptedError:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        os.replace(path, target)
        for sidecar in _sidecars(path):
            if sidecar.exists():
                os.replace(sidecar, target.with_name(target.name + sidecar.name[len(path.name):]))
    except OSError as exc:
        log.error("damaged outbox could not be renamed aside",
                  extra={"outbox": str(path), "error": exc.strerror})
        return OutboxCorruptedError(f"{error}; it could not be renamed aside ({exc.strerror})")
    log.error("damaged outbox renamed aside; a technician must inspect it",
              extra={"outbox": str(path), "kept_as": str(target)})
    return OutboxCorruptedError(
        f"{error}; the damaged file was kept as {target} for a technician and a new empty"
        " outbox will be created on the next start", quarantined=target)


def default_path(data_dir: Path) -> Path:
    """Where the kiosk keeps its outbox inside `storage.data_dir`."""
    return Path(data_dir) / OUTBOX_FILENAME
