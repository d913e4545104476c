"""What a receipt says, in plain Python: the journeys fill it in, Qt only draws it.

Kept free of Qt so flows (which must not import Qt) can build receipts, and tests can
compare them field by field. Labels for each kind and reference live here too, marked for
the translation file (`kiosk.i18n.translations`): the Arabic printed is the Arabic a
translator sees beside every other word of the kiosk.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.config import Language
from kiosk.i18n.translations import QT_TRANSLATE_NOOP, translate


class ReceiptKind(enum.Enum):
    """Why the receipt was printed; PROVISIONAL means accepted while the kiosk was offline."""

    LICENCE_APPLICATION = "licence_application"
    PAYMENT = "payment"
    INQUIRY_SUMMARY = "inquiry_summary"
    PROVISIONAL = "provisional"


# The context of every word printed on a receipt, in the translation file.
CONTEXT = "Receipt"

KIND_LABELS: dict[ReceiptKind, str] = {
    ReceiptKind.LICENCE_APPLICATION: QT_TRANSLATE_NOOP("Receipt", "Licence application receipt"),
    ReceiptKind.PAYMENT: QT_TRANSLATE_NOOP("Receipt", "Payment receipt"),
    ReceiptKind.INQUIRY_SUMMARY: QT_TRANSLATE_NOOP("Receipt", "Inquiry summary"),
    ReceiptKind.PROVISIONAL: QT_TRANSLATE_NOOP("Receipt", "Provisional receipt"),
}

PROVISIONAL_NOTICE = QT_TRANSLATE_NOOP(
    "Receipt", "Accepted while the kiosk was offline. It will be sent to the municipality "
    "automatically; an SMS will confirm the final number.")


def printed(source: str, language: Language) -> str:
    """A marked receipt word in `language` (the translation file's Arabic)."""
    return translate(CONTEXT, source, language.value)


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
        for name, source in _REFERENCE_LABELS.items():
            value = getattr(self, name)
            if value:
                out.append((printed(source, language), value))
        return out


_REFERENCE_LABELS: dict[str, str] = {
    "transaction_number": QT_TRANSLATE_NOOP("Receipt", "Transaction no."),
    "licence_number": QT_TRANSLATE_NOOP("Receipt", "Licence no."),
    "invoice_number": QT_TRANSLATE_NOOP("Receipt", "Invoice no."),
    "approval_code": QT_TRANSLATE_NOOP("Receipt", "Approval code"),
    "masked_card": QT_TRANSLATE_NOOP("Receipt", "Card"),
    "terminal_reference": QT_TRANSLATE_NOOP("Receipt", "Terminal ref."),
    "queue_reference": QT_TRANSLATE_NOOP("Receipt", "Provisional ref."),
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
        return printed(KIND_LABELS[self.kind], self.language)

    @property
    def location(self) -> str:
        return self.location_ar if self.arabic else self.location_en
