"""The printer's failures as types a journey can act on (offer the on-screen receipt,
tell the technician, take the kiosk's printing out of service).

Each is a `kiosk.errors.KnownError`: `str()` is a plain-English line for logs and the CLI,
`message_en`/`message_ar` what the beneficiary reads (the same words the screens use).
"""

from __future__ import annotations

from kiosk.errors import KnownError


class PrinterError(KnownError):
    """Base of every printer failure."""

    default_en = "The printer is not available right now."
    default_ar = "الطابعة غير متاحة الآن."


class PrinterUnreachable(PrinterError):  # noqa: N818 (names the journeys use)
    """No connection, no answer to a status request within the timeout, or the link
    dropped mid-job (the receipt may then be incomplete)."""

    default_retryable = True  # a link that dropped may come back


class PaperOut(PrinterError):  # noqa: N818 (names the journeys use)
    """The roll is empty: a technician must load paper."""

    default_en = "The printer has run out of paper."
    default_ar = "نفد الورق من الطابعة."


class CoverOpen(PrinterError):  # noqa: N818 (names the journeys use)
    """The paper cover is open."""

    default_en = "The printer cover is open."
    default_ar = "غطاء الطابعة مفتوح."


class PrinterFault(PrinterError):  # noqa: N818 (names the journeys use)
    """The printer reports an error (cutter jam, overheating, mechanical) or is offline."""


class PrinterConfigError(PrinterError):
    """The configured connection or profile cannot be used (bad URL, unknown profile)."""


class ReceiptTooLong(PrinterError, ValueError):  # noqa: N818 (sibling of the names above)
    """The laid-out receipt is longer than any receipt should be (a runaway list)."""
