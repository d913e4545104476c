"""`kiosk queue list|show|retry|purge-delivered`: the technician's view of the outbox.

A technician on site (or over SSH) must be able to see what is waiting, why an entry was
refused, send a refused entry again once the back office fixed the cause, and make sure
nothing personal of delivered requests is left in the files (delivery erases it already;
`purge-delivered` sweeps up after an older release and truncates the WAL). Payload values
are printed only on request: the list and the default `show` never put a beneficiary's
data on a shared screen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from typing import Any

from kiosk.offline_queue import maintenance
from kiosk.offline_queue.entry import EntryState, OutboxEntry
from kiosk.offline_queue.errors import OutboxError
from kiosk.offline_queue.store import Outbox, default_path

EXIT_TROUBLE = 1


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    queue = subparsers.add_parser("queue", help="inspect and repair the offline outbox")
    actions = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="entries, newest first, without personal data")
    listing.add_argument("--state", choices=[s.value for s in EntryState], action="append",
                         help="only entries in this state (repeatable)")
    listing.add_argument("--limit", type=_positive, default=50)
    listing.set_defaults(func=_list)

    show = actions.add_parser("show", help="one entry's details")
    show.add_argument("id", type=_positive)
    show.add_argument("--payload", action="store_true",
                      help="also print the request's values (personal data: mind the screen)")
    show.set_defaults(func=_show)

    retry = actions.add_parser("retry", help="send dead (or waiting) entries again, now")
    target = retry.add_mutually_exclusive_group(required=True)
    target.add_argument("ids", type=_positive, nargs="*", default=[], metavar="ID")
    target.add_argument("--all-dead", action="store_true", help="every dead entry")
    retry.set_defaults(func=_retry)

    purge = actions.add_parser(
        "purge-delivered",
        help="sweep: erase any personal data left in delivered entries and truncate the WAL")
    # Accepted so existing scripts keep working; delivery erases payloads at once now.
    purge.add_argument("--older-than-hours", type=float, default=0.0, help=argparse.SUPPRESS)
    purge.set_defaults(func=_purge)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("expected a number greater than 0")
    return value


def _run(args: argparse.Namespace, action: Any, *, missing_ok: bool = False) -> int:
    from kiosk.cli import config_from_args

    path = default_path(config_from_args(args).storage.data_dir)
    if missing_ok and not path.exists():
        print(f"no outbox at {path} yet: nothing has been queued on this kiosk")
        return 0
    try:
        with Outbox.open(path, create=False) as outbox:
            result: int = action(outbox)
            return result
    except OutboxError as exc:
        print(f"kiosk queue: {exc}", file=sys.stderr)
        return EXIT_TROUBLE


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def _next(entry: OutboxEntry) -> str:
    if entry.state is not EntryState.PENDING:
        return "-"
    wait = entry.next_attempt_at - time.time()
    return "due" if wait <= 0 else f"in {wait:.0f}s"


def _list(args: argparse.Namespace) -> int:
    def action(outbox: Outbox) -> int:
        states = [EntryState(s) for s in args.state] if args.state else None
        entries = outbox.entries(states, limit=args.limit, newest_first=True)
        counts = outbox.counts()
        print("  ".join(f"{state}: {counts[state]}" for state in EntryState))
        if not entries:
            print("no entries")
            return 0
        print(f"{'ID':>6}  {'REFERENCE':<18} {'KIND':<20} {'STATE':<10} {'TRIES':>5}  "
              f"{'CREATED (UTC)':<20} {'NEXT':<8} SERVER REF / LAST ERROR")
        for e in entries:
            note = e.server_reference or e.last_error or ""
            print(f"{e.id:>6}  {e.local_reference:<18} {e.kind:<20} {e.state:<10} "
                  f"{e.attempts:>5}  {_when(e.created_at):<20} {_next(e):<8} {note[:70]}")
        return 0

    return _run(args, action, missing_ok=True)


def _show(args: argparse.Namespace) -> int:
    def action(outbox: Outbox) -> int:
        e = outbox.get(args.id)
        lines = {
            "id": e.id, "reference": e.local_reference, "kind": e.kind, "state": e.state,
            "idempotency key": e.idempotency_key, "created": _when(e.created_at),
            "attempts": e.attempts, "next attempt": _next(e),
            "last error": e.last_error or "-", "server reference": e.server_reference or "-",
            "delivered": _when(e.delivered_at),
        }
        for key, value in lines.items():
            print(f"{key + ':':<18} {value}")
        if e.payload is None:
            print(f"{'payload:':<18} purged (personal data erased on delivery)")
        elif args.payload:
            print(f"{'payload:':<18}")
            print(json.dumps(e.payload, ensure_ascii=False, indent=2, sort_keys=True))
        else:
            print(f"{'payload fields:':<18} {', '.join(sorted(e.payload))}"
                  "  (values hidden; add --payload)")
        return 0

    return _run(args, action)


def _retry(args: argparse.Namespace) -> int:
    def action(outbox: Outbox) -> int:
        ids = list(args.ids)
        if args.all_dead:
            ids = maintenance.dead_ids(outbox)
            if not ids:
                print("no dead entries")
                return 0
        status = 0
        for result in maintenance.retry(outbox, ids):
            if result.entry is None:
                print(f"kiosk queue: {result.error}", file=sys.stderr)
                status = EXIT_TROUBLE
                continue
            print(f"{result.entry.id} {result.entry.local_reference}: pending, will be sent "
                  "again shortly")
        return status

    return _run(args, action)


def _purge(args: argparse.Namespace) -> int:
    def action(outbox: Outbox) -> int:
        count = maintenance.purge_delivered(outbox)
        print(f"personal data erased from {count} delivered entr{'y' if count == 1 else 'ies'}"
              " (delivery erases it already; this sweeps up after older releases);"
              " write-ahead log truncated")
        return 0

    return _run(args, action)
