"""What a receipt says, in plain Python: the journeys fill it in, Qt only draws it.

Kept free of Qt so flows (which must not import Qt) can build receipts, and tests can
compare them field by field. Labels for each kind and reference live here too, in both
languages, so the printed words are the same on paper, on screen and in the SMS fallback.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.config import Language


class ReceiptKind(enum.Enum):
    """Why the receipt was printed; PROVISIONAL means accepted while the kiosk was offline."""

    LICENCE_APPLICATION = "licence_application"
    PAYMENT = "payment"
    INQUIRY_SUMMARY = "inquiry_summary"
    PROVISIONAL = "provisional"


KIND_LABELS: dict[ReceiptKind, dict[Language, str]] = {
    ReceiptKind.LICENCE_APPLICATION: {
        Language.ARABIC: "إيصال طلب رخصة",
        Language.ENGLISH: "Licence application receipt",
    },
    ReceiptKind.PAYMENT: {
        Language.ARABIC: "إيصال سداد",
        Language.ENGLISH: "Payment receipt",
    },
    ReceiptKind.INQUIRY_SUMMARY: {
        Language.ARABIC: "ملخص استعلام",
        Language.ENGLISH: "Inquiry summary",
    },
    ReceiptKind.PROVISIONAL: {
        Language.ARABIC: "إيصال مؤقت",
        Language.ENGLISH: "Provisional receipt",
    },
}

PROVISIONAL_NOTICE: dict[Language, str] = {
    Language.ARABIC: "قُبل الطلب دون اتصال بالأمانة، وسيُرسل تلقائيًا عند عودة الاتصال. "
    "ستصلك رسالة نصية بالرقم النهائي.",
    Language.ENGLISH: "Accepted while the kiosk was offline. It will be sent to the "
    "municipality automatically; an SMS will confirm the final number.",
}


@dataclass(frozen=True, slots=True)
class ReceiptReferences:
    """The numbers a beneficiary or the back office uses to find the operation again.

    Only a masked card number ever reaches the kiosk (from the payment terminal)."""

    transaction_number: str | None = None
    licence_number: str | None = None
    invoice_number: str | None = None
    approval_code: str | None = None
    masked_card: str | None = None
    terminal_reference: str | None = None
    queue_reference: str | None = None

    def labelled(self, language: Language) -> list[tuple[str, str]]:
        """(label, value) pairs of the references that are set, in a fixed order."""
        out: list[tuple[str, str]] = []
        for name, labels in _REFERENCE_LABELS.items():
            value = getattr(self, name)
            if value:
                out.append((labels[language], value))
        return out


_REFERENCE_LABELS: dict[str, dict[Language, str]] = {
    "transaction_number": {Language.ARABIC: "رقم المعاملة", Language.ENGLISH: "Transaction no."},
    "licence_number": {Language.ARABIC: "رقم الرخصة", Language.ENGLISH: "Licence no."},
    "invoice_number": {Language.ARABIC: "رقم الفاتورة", Language.ENGLISH: "Invoice no."},
    "approval_code": {Language.ARABIC: "رمز الموافقة", Language.ENGLISH: "Approval code"},
    "masked_card": {Language.ARABIC: "البطاقة", Language.ENGLISH: "Card"},
    "terminal_reference": {Language.ARABIC: "مرجع الجهاز", Language.ENGLISH: "Terminal ref."},
    "queue_reference": {Language.ARABIC: "مرجع مؤقت", Language.ENGLISH: "Provisional ref."},
}


@dataclass(frozen=True, slots=True)
class Receipt:
    """One receipt, rendered in `language` (each kiosk prints in the beneficiary's language)."""

    kind: ReceiptKind
    language: Language
    title: str
    issued_at: datetime
    kiosk_id: str
    location_ar: str
    location_en: str
    verification_url: str
    lines: tuple[tuple[str, str], ...] = ()
    amount_halalas: int | None = None
    references: ReceiptReferences = field(default_factory=ReceiptReferences)
    footer_note: str = ""

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be timezone-aware")
        if self.amount_halalas is not None and self.amount_halalas < 0:
            raise ValueError("a receipt amount cannot be negative")
        if not self.verification_url.startswith(("https://", "http://")):
            raise ValueError("verification_url must be an http(s) URL")
        # Accept plain strings ("ar"/"en") from callers; store the enum.
        object.__setattr__(self, "language", Language(self.language))

    @property
    def arabic(self) -> bool:
        return self.language is Language.ARABIC

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind][self.language]

    @property
    def location(self) -> str:
        return self.location_ar if self.arabic else self.location_en
