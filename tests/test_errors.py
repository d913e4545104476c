"""One family of known errors: every part's failures speak both languages and say
whether trying again may help, so callers decide by type."""

from __future__ import annotations

import re

import pytest

from kiosk.api.errors import (
    AuthError,
    MalformedResponseError,
    NotFoundError,
    OfflineError,
    RejectedError,
    ServerError,
    TlsError,
)
from kiosk.devices.printer.errors import (
    CoverOpen,
    PaperOut,
    PrinterConfigError,
    PrinterFault,
    PrinterUnreachable,
    ReceiptTooLong,
)
from kiosk.devices.terminal.errors import (
    ProtocolError,
    PurchaseUnresolved,
    TerminalUnavailable,
)
from kiosk.devices.terminal.open_purchase import OpenPurchaseStoreError
from kiosk.errors import KnownError
from kiosk.offline_queue.errors import (
    EntryNotFoundError,
    InvalidEntryError,
    OutboxCorruptedError,
    OutboxFullError,
    OutboxLockedError,
    OutboxUnavailableError,
    OutboxVersionError,
    UndeliverableError,
)

ARABIC = re.compile(r"[\u0600-\u06ff]")
EVERY_PART = [
    OfflineError, TlsError, RejectedError, AuthError, NotFoundError, ServerError,
    MalformedResponseError,
    PrinterUnreachable, PaperOut, CoverOpen, PrinterFault, PrinterConfigError, ReceiptTooLong,
    TerminalUnavailable, ProtocolError, OpenPurchaseStoreError,
    OutboxUnavailableError, OutboxFullError, OutboxLockedError, OutboxCorruptedError,
    OutboxVersionError, InvalidEntryError, EntryNotFoundError, UndeliverableError,
]


@pytest.mark.parametrize("kind", EVERY_PART, ids=lambda kind: kind.__name__)
def test_every_parts_error_is_known_and_speaks_both_languages(kind: type[KnownError]) -> None:
    error = kind("the line for the log")

    assert isinstance(error, KnownError)
    assert str(error) == "the line for the log"
    assert error.text("en") == error.message_en
    assert error.text("ar") == error.message_ar
    assert ARABIC.search(error.message_ar)
    assert not ARABIC.search(KnownError.default_en + type(error).default_en)


def test_device_errors_say_what_happened_and_whether_to_try_again() -> None:
    assert PaperOut("status 0x0C").text("ar") == "نفد الورق من الطابعة."
    assert not PaperOut().retryable  # a technician must load paper
    assert PrinterUnreachable().retryable
    assert OutboxLockedError("busy").retryable
    assert not OutboxFullError("disk full").retryable
    unavailable = TerminalUnavailable("port gone")
    assert unavailable.retryable
    assert "not been charged" in unavailable.message_en


def test_only_an_unresolved_purchase_does_not_promise_the_card_was_not_charged() -> None:
    unresolved = PurchaseUnresolved("INV-1447-000202-5F0C9A1E", 30_000,
                                    TerminalUnavailable("silent"))
    assert "Do not pay again" in unresolved.message_en
    assert "not been charged" not in unresolved.message_en
    assert "INV-1447-000202" in str(unresolved)  # the log line, never the screen
