"""The terminal's error taxonomy: few types, each one a different thing the caller does.

- `TerminalUnavailable`: nothing usable at the other end (port missing, cable pulled,
  terminal silent). Show "card payment unavailable"; nothing was charged by *this* call.
- `ProtocolError`: the terminal answered, but with bytes we cannot trust (garbage, bad
  checksum, truncated frames after every retransmission, a malformed message).
- `PurchaseUnresolved`: a purchase was sent and its outcome could not be learned. The
  durable open-purchase record is kept; `PaymentTerminal.recover()` resolves it through
  *last transaction* once the terminal answers again. Never offer another payment first.

Each is a `kiosk.errors.KnownError`: `str()` is plain English for logs and the CLI,
`message_en`/`message_ar` what the beneficiary reads. Only `PurchaseUnresolved` may have
moved money, so only its words do not say "you have not been charged".
"""

from __future__ import annotations

from kiosk.errors import KnownError


class TerminalError(KnownError):
    """Base of every error the terminal driver raises."""

    default_en = "The card terminal could not complete the payment. You have not been charged."
    default_ar = "تعذّر على جهاز الدفع إتمام العملية. لم يُخصم منك أي مبلغ."
    default_retryable = True


class TerminalUnavailable(TerminalError):  # noqa: N818 (the name callers agreed on)
    """The port cannot be opened or the terminal does not answer in time."""

    default_en = ("The card terminal is not answering. You have not been charged. Try again, "
                  "or pay later.")
    default_ar = "جهاز الدفع لا يستجيب. لم يُخصم منك أي مبلغ. حاول مرة أخرى أو ادفع لاحقًا."


class ProtocolError(TerminalError):
    """The terminal's bytes could not be understood even after retransmissions."""


class PurchaseUnresolved(TerminalError):  # noqa: N818 (reads as the state it reports)
    """A purchase may or may not have been charged; only `recover()` can tell.

    `cause` is the `TerminalUnavailable` or `ProtocolError` that cut the exchange short.
    """

    default_en = (
        "The card terminal stopped answering before it told us whether your card was "
        "charged. Do not pay again. If it was charged, the payment is kept and sent to the "
        "municipality. Press Check again, or ask the staff.")
    default_ar = (
        "توقف جهاز الدفع عن الاستجابة قبل أن يُبلغنا بنتيجة العملية. لا تُعد الدفع. إن خُصم "
        "المبلغ فسيُحفظ السداد ويُرسل إلى الأمانة. اضغط «تحقق مرة أخرى» أو اطلب المساعدة من "
        "الموظف.")

    def __init__(self, reference: str, amount_halalas: int, cause: TerminalError) -> None:
        super().__init__(
            f"purchase {reference} ({amount_halalas} halalas) has an unknown outcome: {cause}; "
            "it stays open until the terminal confirms it through last transaction"
        )
        self.reference = reference
        self.amount_halalas = amount_halalas
        self.cause = cause
