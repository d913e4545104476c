"""Signatures that prove a verification URL came from a real receipt.

References are sequential, so anyone can type the next one. The municipality signs
`kind:reference` with an HMAC-SHA256 under a secret only it holds, and hands out the signed
URL in its answers; the QR code on the receipt carries it as `?s=`. The verification page
shows a document's details (shop, district, amount) only with a valid signature, and its
status alone without. The secret lives in `DATA_DIR/verify-secret`, made 0600 on first
start, and is never printed or logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path

from sandbox.private import read_private, write_private

SECRET_FILE = "verify-secret"  # noqa: S105 (a file name)
# 16 bytes (128 bits) of the HMAC: 22 characters in the QR code, far beyond guessing.
SIGNATURE_BYTES = 16


def load_or_create_secret(data_dir: Path) -> bytes:
    """The signing secret of this sandbox, created (owner-only) on first start.
    ValueError (a sentence) when the file is readable by others or damaged."""
    path = data_dir / SECRET_FILE
    if path.exists():
        try:
            return bytes.fromhex(read_private(path))
        except ValueError as exc:
            raise ValueError(f"verification secret: {exc}") from None
    secret = secrets.token_bytes(32)
    write_private(path, secret.hex() + "\n")
    return secret


def sign(secret: bytes, kind: str, reference: str) -> str:
    """base64url (unpadded) of the truncated HMAC-SHA256 of `kind:reference`."""
    digest = hmac.new(secret, f"{kind}:{reference}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:SIGNATURE_BYTES]).rstrip(b"=").decode("ascii")


def signature_ok(secret: bytes, kind: str, reference: str, given: str | None) -> bool:
    """True when `given` is this sandbox's signature of the document (constant time)."""
    if not secret or not given:
        return False
    return hmac.compare_digest(sign(secret, kind, reference).encode(), given.encode())
