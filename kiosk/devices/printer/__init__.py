"""The receipt printer: receipt model, Qt layout, raster, ESC/POS driver and status.

Importing this package does not load Qt; the Qt parts (`render_receipt`, `receipt_png`,
`to_raster`, `write_sample_receipts`) are imported on first use, so `kiosk doctor` and
the health probes stay light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kiosk.devices.printer.driver import ReceiptPrinter, probe_printer
from kiosk.devices.printer.errors import (
    CoverOpen,
    PaperOut,
    PrinterConfigError,
    PrinterError,
    PrinterFault,
    PrinterUnreachable,
    ReceiptTooLong,
)
from kiosk.devices.printer.receipt import Receipt, ReceiptKind, ReceiptReferences
from kiosk.devices.printer.status import PrinterState, PrinterStatus

if TYPE_CHECKING:
    from kiosk.devices.printer.layout import receipt_png, render_receipt
    from kiosk.devices.printer.raster import to_raster
    from kiosk.devices.printer.samples import write_sample_receipts

_LAZY = {
    "render_receipt": "kiosk.devices.printer.layout",
    "receipt_png": "kiosk.devices.printer.layout",
    "to_raster": "kiosk.devices.printer.raster",
    "write_sample_receipts": "kiosk.devices.printer.samples",
}

__all__ = [
    "CoverOpen", "PaperOut", "PrinterConfigError", "PrinterError", "PrinterFault",
    "PrinterState", "PrinterStatus", "PrinterUnreachable", "Receipt", "ReceiptKind",
    "ReceiptPrinter", "ReceiptReferences", "ReceiptTooLong", "probe_printer", "receipt_png",
    "render_receipt", "to_raster", "write_sample_receipts",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
