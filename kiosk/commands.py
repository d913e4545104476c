"""The kiosk's own commands: run the kiosk, the demo, the screenshot tour, PIN hashing."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.domain.pin import hash_pin


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    pin = subparsers.add_parser("hash-pin", help="hash a technician PIN for the config file")
    pin.set_defaults(func=_hash_pin)


def _hash_pin(args: argparse.Namespace) -> int:
    pin = getpass.getpass("Technician PIN (6+ digits): ") if sys.stdin.isatty() else (
        sys.stdin.readline().strip()
    )
    if not (pin.isdigit() and len(pin) >= 6):
        print("kiosk: a technician PIN is 6 or more digits", file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0
