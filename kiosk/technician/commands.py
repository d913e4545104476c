"""`kiosk audit verify`: checks the technician audit log's hash chain.

Exit status 0 when every line holds and the chain reaches the head written beside it, 1
with one line naming the first line that does not (or the first one missing at the end).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.technician.audit import AuditLog

EXIT_BROKEN = 1


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    audit = subparsers.add_parser("audit", help="the technician audit log")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="check that no line was edited, removed (the last ones too) or reordered")
    verify.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args

    audit = AuditLog.in_folder(config_from_args(args).storage.data_dir)
    if not audit.path.exists() and not audit.head_path.exists():
        print(f"no audit log at {audit.path} yet: no technician has used this kiosk")
        return 0
    try:
        check = audit.verify()
    except OSError as exc:
        print(f"kiosk audit: cannot read {audit.path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BROKEN
    if not check.ok:
        print(f"kiosk audit: {audit.path} is broken at line {check.bad_line}: "
              f"{check.problem}", file=sys.stderr)
        return EXIT_BROKEN
    print(f"audit log intact: {check.records} records in {audit.path}")
    return 0
