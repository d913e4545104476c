"""What a purchase on the terminal can end in, in words the journeys and receipts use.

These types are the driver's public vocabulary; no vendor detail leaks into them. The
kiosk only ever holds a *masked* card number: `mask_pan` is the guard applied to whatever
the terminal sends, so a misconfigured terminal cannot put a full PAN on a receipt or in
a log line.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from kiosk.domain.payment import CardScheme


class PurchaseResult(enum.StrEnum):
    """How a purchase ended; only APPROVED means money moved."""

    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    TIMED_OUT = "timed_out"
    ERROR = "error"


class PurchaseProgress(enum.StrEnum):
    """Steps the terminal reports while the beneficiary handles the card."""

    WAITING_FOR_CARD = "waiting_for_card"
    CARD_READ = "card_read"
    PIN_ENTRY = "pin_entry"
    AUTHORISING = "authorising"


class TerminalState(enum.StrEnum):
    """Whether the terminal is free for a new transaction."""

    IDLE = "idle"
    BUSY = "busy"


@dataclass(frozen=True, slots=True)
class TerminalStatus:
    """The terminal's answer to a status request (or `BUSY` while a purchase runs here)."""

    state: TerminalState
    terminal_id: str
    model: str
    port: str


# ISO 8583 response codes, as mada and the schemes use them.
_DECLINE_TEXTS: dict[str, tuple[str, str]] = {
    "05": ("Declined by the card issuer", "رفض البنك المصدر العملية"),
    "14": ("Invalid card number", "رقم البطاقة غير صحيح"),
    "51": ("Insufficient funds", "الرصيد غير كافٍ"),
    "54": ("Card expired", "البطاقة منتهية الصلاحية"),
    "55": ("Incorrect PIN", "الرقم السري غير صحيح"),
    "57": ("This card cannot be used for this payment", "لا يمكن استخدام هذه البطاقة لهذه العملية"),
    "61": ("Amount exceeds the card's limit", "المبلغ يتجاوز حد البطاقة"),
    "62": ("Card restricted", "البطاقة مقيدة"),
    "75": ("Too many incorrect PIN attempts", "تجاوزت عدد محاولات إدخال الرقم السري"),
    "91": ("Card issuer not reachable", "تعذر الاتصال بالبنك المصدر"),
}


@dataclass(frozen=True, slots=True)
class DeclineReason:
    """Why a card was declined: the scheme's code plus text for both languages."""

    code: str
    text_en: str
    text_ar: str

    @classmethod
    def from_code(cls, code: str, terminal_text: str = "") -> DeclineReason:
        known = _DECLINE_TEXTS.get(code)
        if known is not None:
            return cls(code, *known)
        english = terminal_text.strip() or "Declined"
        return cls(code, f"{english} (code {code})", "رُفضت العملية")


@dataclass(frozen=True, slots=True)
class PurchaseOutcome:
    """The settled result of one purchase, identified by the kiosk's own reference.

    `recovered` is true when the outcome was learned through *last transaction* after the
    direct answer was lost (link drop, crash): the charge is the same, only the path differs.
    """

    result: PurchaseResult
    reference: str
    amount_halalas: int
    approval_code: str | None = None
    masked_pan: str | None = None
    scheme: CardScheme | None = None
    terminal_reference: str | None = None
    decline: DeclineReason | None = None
    message: str = ""
    recovered: bool = False

    @property
    def approved(self) -> bool:
        return self.result is PurchaseResult.APPROVED


_PAN_CHARS = re.compile(r"^[0-9*Xx #-]{4,25}$")
_CANONICAL = re.compile(r"^(?:\d{6}\*{2,9}|\*{2,15})\d{4}$")


def mask_pan(text: str) -> str:
    """The terminal's masked PAN in one canonical shape, never more than 6+4 digits.

    Terminals write masks in many ways (`4321 **** **** 1234`, `432109XXXXXX1234`); the
    kiosk keeps either `432109******1234` (first 6 + last 4) or `************1234`, the
    shapes receipts and the municipality API accept. A full PAN is cut to its last 4;
    anything that is not a card mask becomes `****`.
    """
    text = text.strip()
    if not _PAN_CHARS.fullmatch(text):
        return "****"
    compact = "".join("*" if ch in "*Xx#" else ch for ch in text if ch not in " -")
    if _CANONICAL.fullmatch(compact):
        return compact
    digits = "".join(ch for ch in compact if ch.isdigit())
    if len(digits) < 4 or not compact.endswith(digits[-4:]):
        return "****"
    return "*" * 12 + digits[-4:]
