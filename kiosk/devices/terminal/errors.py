"""The terminal's error taxonomy: few types, each one a different thing the caller does.

- `TerminalUnavailable`: nothing usable at the other end (port missing, cable pulled,
  terminal silent). Show "card payment unavailable"; nothing was charged by *this* call.
- `ProtocolError`: the terminal answered, but with bytes we cannot trust (garbage, bad
  checksum, truncated frames after every retransmission, a malformed message).
- `PurchaseUnresolved`: a purchase was sent and its outcome could not be learned. The
  durable open-purchase record is kept; `PaymentTerminal.recover()` resolves it through
  *last transaction* once the terminal answers again. Never offer another payment first.
"""

from __future__ import annotations


class TerminalError(Exception):
    """Base of every error the terminal driver raises; `str()` is plain English."""


class TerminalUnavailable(TerminalError):  # noqa: N818 (the name callers agreed on)
    """The port cannot be opened or the terminal does not answer in time."""


class ProtocolError(TerminalError):
    """The terminal's bytes could not be understood even after retransmissions."""


class PurchaseUnresolved(TerminalError):  # noqa: N818 (reads as the state it reports)
    """A purchase may or may not have been charged; only `recover()` can tell.

    `cause` is the `TerminalUnavailable` or `ProtocolError` that cut the exchange short.
    """

    def __init__(self, reference: str, amount_halalas: int, cause: TerminalError) -> None:
        super().__init__(
            f"purchase {reference} ({amount_halalas} halalas) has an unknown outcome: {cause}; "
            "it stays open until the terminal confirms it through last transaction"
        )
        self.reference = reference
        self.amount_halalas = amount_halalas
        self.cause = cause
