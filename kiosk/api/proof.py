"""The beneficiary's proof for one queued submission: what the outbox stores instead of
the bearer token.

A queued application may be delivered hours after the session ended, so the server must
still learn who confirmed it. Storing the token would let anyone who copies the kiosk's
disk act as the beneficiary for a day. Instead the kiosk stores, beside the application,
`{"token_id": sha256_hex(token), "mac": base64url(HMAC-SHA256(submit_key, message))}`
where `submit_key = SHA-256("submit:" + token)` and `message` is the request's
Idempotency-Key, a newline, and the canonical JSON of the application. The server keeps
`submit_key` beside the token's hash when it issues the token, so it can check the MAC.
A copied proof repeats only that exact request under that exact key, which the server
answers from its idempotency store.

Both sides import this one module (the sandbox does), so the canonical form cannot drift.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from kiosk.api.schema import ApplicationDraft, BeneficiaryProof

_SUBMIT_KEY_PREFIX = b"submit:"


def token_id(token: str) -> str:
    """How the server finds the token's row: the SHA-256 of the token, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def submit_key(token: str) -> bytes:
    """The MAC key derived from the token (the server stores it when issuing the token)."""
    return hashlib.sha256(_SUBMIT_KEY_PREFIX + token.encode()).digest()


def canonical_application(application: ApplicationDraft) -> bytes:
    """The application as the MAC sees it: JSON with sorted keys, no spaces, UTF-8."""
    return json.dumps(application.model_dump(mode="json"), sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def application_mac(key: bytes, idempotency_key: str, application: ApplicationDraft) -> str:
    """base64url (no padding) HMAC-SHA256 over `idempotency_key + "\\n" + canonical JSON`."""
    message = idempotency_key.encode() + b"\n" + canonical_application(application)
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def make_proof(token: str, idempotency_key: str,
               application: ApplicationDraft) -> BeneficiaryProof:
    """The kiosk's side: the proof to store with the queued request (the token is not)."""
    return BeneficiaryProof(token_id=token_id(token),
                            mac=application_mac(submit_key(token), idempotency_key, application))


def proof_matches(key: bytes, proof: BeneficiaryProof, idempotency_key: str,
                  application: ApplicationDraft) -> bool:
    """The server's side: constant-time check of the MAC against this request."""
    expected = application_mac(key, idempotency_key, application)
    return hmac.compare_digest(expected.encode(), proof.mac.encode())
