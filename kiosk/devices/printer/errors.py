"""The printer's failures as types a journey can act on (offer the on-screen receipt,
tell the technician, take the kiosk's printing out of service)."""

from __future__ import annotations


class PrinterError(Exception):
    """Base of every printer failure; `str()` is a plain-English sentence for logs/CLI."""


class PrinterUnreachable(PrinterError):  # noqa: N818 (names the journeys use)
    """No connection, no answer to a status request within the timeout, or the link
    dropped mid-job (the receipt may then be incomplete)."""


class PaperOut(PrinterError):  # noqa: N818 (names the journeys use)
    """The roll is empty: a technician must load paper."""


class CoverOpen(PrinterError):  # noqa: N818 (names the journeys use)
    """The paper cover is open."""


class PrinterFault(PrinterError):  # noqa: N818 (names the journeys use)
    """The printer reports an error (cutter jam, overheating, mechanical) or is offline."""


class PrinterConfigError(PrinterError):
    """The configured connection or profile cannot be used (bad URL, unknown profile)."""


class ReceiptTooLong(PrinterError, ValueError):  # noqa: N818 (sibling of the names above)
    """The laid-out receipt is longer than any receipt should be (a runaway list)."""
