"""`kiosk print-test`: the technician's check that the printer prints Arabic and a QR code.

Reports in plain English what the printer said before and after, and exits non-zero with
the reason when it cannot print, so it also works from an SSH session or a script.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from kiosk.devices.printer.errors import PrinterError

EXIT_OK, EXIT_PRINTER, EXIT_CONFIG = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "print-test", help="print a test receipt (Arabic text and a QR code)")
    parser.add_argument("--png", type=Path, default=None,
                        help="also write the test receipt as a PNG to this path")
    parser.set_defaults(func=_print_test)


def _print_test(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args
    from kiosk.devices.printer.driver import ReceiptPrinter

    config = config_from_args(args)
    settings = config.printer
    if settings.connection == "none":
        print("No printer is configured on this kiosk (printer.connection = none).")
        return EXIT_CONFIG
    try:
        printer = ReceiptPrinter(settings)
    except PrinterError as exc:
        print(f"Printer configuration problem: {exc}")
        return EXIT_CONFIG
    print(f"Printer {settings.connection} (profile {settings.profile}, "
          f"{settings.dot_width} dots wide)")

    # Rendering needs a QGuiApplication but no screen: a technician may run this over SSH.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.devices.printer.samples import print_test

    _app = QGuiApplication.instance() or QGuiApplication([])
    check = print_test(printer, config.kiosk, base_url=config.api.base_url, png=args.png)
    print(f"Status: {check.before.describe()}")
    if check.receipt is None:
        print("Test receipt NOT printed.")
        return EXIT_PRINTER
    if args.png is not None:
        print(f"Receipt image written to {args.png}")
    if check.after is None:
        print(f"Test receipt NOT printed: {check.error}")
        return EXIT_PRINTER
    print(f"Test receipt printed. Status now: {check.after.describe()}")
    print("Check the paper: Arabic joined and right to left, QR code scans to "
          f"{check.receipt.verification_url}")
    return EXIT_OK
