"""The one builder of the public verification URL a receipt's QR code opens.

`{origin}/verify/{kind}/{reference}[?s=signature]`. Only the municipality can sign (the
signature is an HMAC under its secret), so the answers of the API carry the signed URL
of each document (`PaymentReceipt`, `SubmissionReceipt`, `Licence`,
`Transaction.licence_verification_url`) and the kiosk prints that. The kiosk builds an
unsigned URL itself only where it has no answer yet: a provisional receipt printed
while offline, the sample receipts and the technician's test print. An unsigned URL
opens a page that shows the document's status only (or "not yet received").
The sandbox builds its signed URLs with this same function.
"""

from __future__ import annotations

from urllib.parse import quote

from kiosk.api.schema import API_VERSION, VerificationKind

VERIFY_PATH = "/verify"
#: The query parameter that carries the signature.
SIGNATURE_PARAM = "s"
#: The page the technician's test print points to (not a document).
TEST_PRINT_PATH = f"{VERIFY_PATH}/test"


def origin_of(base_url: str) -> str:
    """`https://host:port` from the API base URL (`.../v1`) or from the origin itself."""
    return base_url.rstrip("/").removesuffix(f"/{API_VERSION}")


def verification_url(base_url: str, kind: VerificationKind | str, reference: str,
                     signature: str | None = None) -> str:
    """The verification page of `reference`; signed when `signature` is given."""
    url = (f"{origin_of(base_url)}{VERIFY_PATH}/{VerificationKind(kind).value}/"
           f"{quote(reference, safe='')}")
    return f"{url}?{SIGNATURE_PARAM}={quote(signature, safe='')}" if signature else url


def test_print_url(base_url: str) -> str:
    """Where the test print's QR code points: a page saying it is a test, not a document."""
    return f"{origin_of(base_url)}{TEST_PRINT_PATH}"
