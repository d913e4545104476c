"""Example receipts: the technician's test print and the tour's sample images.

The test receipt exercises what breaks first on a new printer: Arabic shaping, right to
left order, the QR code, the cut; its QR code opens the server's "test print" page. The
samples show each kind in both languages; their QR codes are the unsigned verification
URLs (`kiosk.api.verification`, status only) of documents the sandbox seeds, so scanning
a sample in the demo opens a real page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from kiosk.api.schema import VerificationKind
from kiosk.api.verification import test_print_url, verification_url
from kiosk.config import KioskIdentity, Language
from kiosk.devices.printer.driver import ReceiptPrinter
from kiosk.devices.printer.errors import PrinterError
from kiosk.devices.printer.layout import receipt_png
from kiosk.devices.printer.receipt import Receipt, ReceiptKind, ReceiptReferences
from kiosk.devices.printer.status import PrinterStatus
from kiosk.domain.payment import CardScheme
from kiosk.domain.references import card, provisional_reference

SANDBOX_BASE_URL = "https://127.0.0.1:8443/v1"
# Documents the sandbox seeds (sandbox/seed.py, docs/api.md): the paid invoice's receipt,
# a transaction awaiting payment, and a provisional (offline) reference of kiosk AHS-HOF-01.
SAMPLE_RECEIPT = "RC-1446-000901"
SAMPLE_INVOICE = "INV-1446-000101"
SAMPLE_TRANSACTION = "1447-000104"
SAMPLE_KIOSK = "AHS-HOF-01"
SAMPLE_PROVISIONAL = provisional_reference(SAMPLE_KIOSK, 42)


def print_test_receipt(identity: KioskIdentity, *, base_url: str = SANDBOX_BASE_URL,
                       now: datetime | None = None) -> Receipt:
    """What `kiosk print-test` prints: Arabic text, an amount, a QR code."""
    moment = now or datetime.now(UTC)
    return Receipt(
        kind=ReceiptKind.INQUIRY_SUMMARY, language=Language.ARABIC,
        title="طباعة تجريبية — Test print",
        issued_at=moment, kiosk_id=identity.id,
        location_ar=identity.location_ar, location_en=identity.location_en,
        verification_url=test_print_url(base_url),
        lines=(("الطابعة", "تعمل بشكل سليم"),
               ("النص العربي", "متصل ومن اليمين إلى اليسار"),
               ("English", "left to right 0123456789")),
        amount_halalas=123450,
        footer_note="هذا إيصال تجريبي وليس له قيمة — test receipt, no value",
    )


@dataclass(frozen=True, slots=True)
class PrintCheck:
    """What a test print found: the status before, and after printing or why it did not.

    `after` is None when nothing was printed: either `before` forbade it, or `error`
    says what went wrong on the way.
    """

    before: PrinterStatus
    receipt: Receipt | None = None
    after: PrinterStatus | None = None
    error: PrinterError | None = None

    @property
    def printed(self) -> bool:
        return self.after is not None


def print_test(printer: ReceiptPrinter, identity: KioskIdentity, *,
               base_url: str = SANDBOX_BASE_URL, png: Path | None = None) -> PrintCheck:
    """Prints the test receipt if the printer says it can: the one test print that
    `kiosk print-test` and the technician's printer tool both run. Blocking (a worker
    thread); needs a QGuiApplication for the layout; never raises a PrinterError."""
    before = printer.status()
    if not before.can_print:
        return PrintCheck(before)
    receipt = print_test_receipt(identity, base_url=base_url)
    if png is not None:
        receipt_png(receipt, printer.settings.dot_width, png)
    try:
        after = printer.print_receipt(receipt)
    except PrinterError as exc:
        return PrintCheck(before, receipt, error=exc)
    return PrintCheck(before, receipt, after)


def sample_receipts(now: datetime | None = None,
                    base_url: str = SANDBOX_BASE_URL) -> dict[str, Receipt]:
    """Named sample receipts of every kind, Arabic and English."""
    moment = now or datetime(2026, 11, 23, 9, 15, tzinfo=UTC)
    identity = KioskIdentity(id=SAMPLE_KIOSK, location_ar="مجمع الأحساء التجاري - الهفوف",
                             location_en="Al-Ahsa Mall, Al-Hofuf")
    base = Receipt(kind=ReceiptKind.PAYMENT, language=Language.ARABIC, title="",
                   issued_at=moment, kiosk_id=identity.id, location_ar=identity.location_ar,
                   location_en=identity.location_en,
                   verification_url=verification_url(base_url, VerificationKind.PAYMENT,
                                                     SAMPLE_RECEIPT))
    application_url = verification_url(base_url, VerificationKind.TRANSACTION,
                                       SAMPLE_TRANSACTION)
    provisional_url = verification_url(base_url, VerificationKind.TRANSACTION,
                                       SAMPLE_PROVISIONAL)
    payment_refs = ReceiptReferences(
        transaction_number=None, invoice_number=SAMPLE_INVOICE,
        approval_code="482913", masked_card=card(CardScheme.MADA, "************4417"),
        terminal_reference="RRN 633012")
    provisional_refs = ReceiptReferences(queue_reference=SAMPLE_PROVISIONAL)
    application_refs = ReceiptReferences(transaction_number=SAMPLE_TRANSACTION,
                                         invoice_number="INV-1447-000704")
    return {
        "payment-ar": replace(
            base,
            kind=ReceiptKind.PAYMENT, language=Language.ARABIC,
            title="سداد رسوم رخصة مهنية",
            lines=(("نوع الرخصة", "رخصة مهنية"), ("النشاط", "بيع المواد الغذائية بالتجزئة"),
                   ("الحي", "المزروعية")),
            amount_halalas=123450, references=payment_refs,
            footer_note="احتفظ بهذا الإيصال. ستصلك رسالة نصية بتحديثات معاملتك."),
        "payment-en": replace(
            base,
            kind=ReceiptKind.PAYMENT, language=Language.ENGLISH,
            title="Professional licence fee",
            lines=(("Licence type", "Professional licence"),
                   ("Activity", "Retail sale of foodstuffs"), ("District", "Al-Mazrouiya")),
            amount_halalas=123450, references=payment_refs,
            footer_note="Keep this receipt. You will receive SMS updates on your transaction."),
        "provisional-ar": replace(
            base,
            kind=ReceiptKind.PROVISIONAL, language=Language.ARABIC,
            title="طلب رخصة صحية",
            verification_url=provisional_url,
            lines=(("نوع الرخصة", "رخصة صحية"), ("النشاط", "صالون حلاقة")),
            references=provisional_refs, footer_note=""),
        "provisional-en": replace(
            base,
            kind=ReceiptKind.PROVISIONAL, language=Language.ENGLISH,
            title="Health licence application",
            verification_url=provisional_url,
            lines=(("Licence type", "Health licence"), ("Activity", "Barber shop")),
            references=provisional_refs, footer_note=""),
        "application-ar": replace(
            base,
            kind=ReceiptKind.LICENCE_APPLICATION, language=Language.ARABIC,
            title="طلب رخصة مهنية",
            verification_url=application_url,
            lines=(("نوع الرخصة", "رخصة مهنية"), ("الحالة", "تم الاستلام")),
            amount_halalas=30000, references=application_refs,
            footer_note="ستصلك رسالة نصية عند كل خطوة في معاملتك."),
        "application-en": replace(
            base,
            kind=ReceiptKind.LICENCE_APPLICATION, language=Language.ENGLISH,
            title="Professional licence application",
            verification_url=application_url,
            lines=(("Licence type", "Professional licence"), ("Status", "Received")),
            amount_halalas=30000, references=application_refs,
            footer_note="You will receive an SMS at every step of your transaction."),
        "inquiry-ar": replace(
            base,
            kind=ReceiptKind.INQUIRY_SUMMARY, language=Language.ARABIC,
            title="ملخص معاملة",
            verification_url=application_url,
            lines=(("الحالة", "قيد المراجعة"), ("الإدارة الحالية", "إدارة الرقابة الميدانية")),
            references=application_refs, footer_note=""),
        "inquiry-en": replace(
            base,
            kind=ReceiptKind.INQUIRY_SUMMARY, language=Language.ENGLISH,
            title="Transaction summary",
            verification_url=application_url,
            lines=(("Status", "Under review"), ("Current department", "Field inspection")),
            references=application_refs, footer_note=""),
    }


def write_sample_receipts(out_dir: Path, dot_width: int = 576) -> list[Path]:
    """Writes the samples as 1-bit PNGs (for the tour); needs a QGuiApplication."""
    return [receipt_png(receipt, dot_width, Path(out_dir) / f"receipt-{name}.png")
            for name, receipt in sample_receipts().items()]


def main(argv: list[str] | None = None) -> int:
    """`python -m kiosk.devices.printer.samples OUT_DIR`: writes the sample PNGs."""
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kiosk.devices.printer.samples OUT_DIR", file=sys.stderr)
        return 2
    _app = QGuiApplication.instance() or QGuiApplication([])
    for path in write_sample_receipts(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
