"""The outbox's table, versioned with `PRAGMA user_version`.

`MIGRATIONS[n]` takes a file from version n-1 to n inside one transaction. Never edit a
released step: kiosks in the field hold files at every version; add a new step instead.
"""

from __future__ import annotations

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """
        CREATE TABLE entries (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            local_reference  TEXT    NOT NULL,
            idempotency_key  TEXT    NOT NULL UNIQUE,
            kind             TEXT    NOT NULL,
            payload          TEXT,
            state            TEXT    NOT NULL
                CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),
            created_at       REAL    NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  REAL    NOT NULL DEFAULT 0,
            last_error       TEXT,
            answer           TEXT,
            server_reference TEXT,
            delivered_at     REAL,
            purged_at        REAL,
            updated_at       REAL    NOT NULL
        )
        """,
        "CREATE INDEX entries_by_state ON entries (state, id)",
    ),
}

SCHEMA_VERSION = max(MIGRATIONS)
