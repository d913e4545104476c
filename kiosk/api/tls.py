"""The TLS policy both ends of the municipality API use: TLS 1.2 or newer, AEAD ciphers only.

One place for it, so the kiosk's client, the sandbox server and the sandbox's own admin
client cannot drift apart. Set explicitly rather than left to Python's or OpenSSL's
defaults, which change between releases and, for TLS 1.2, still allow CBC suites.
TLS 1.3 suites are all AEAD and are not affected by the cipher string.

Enrolment starts before the kiosk trusts anything: `presented_chain` reads the
certificates a server presents, and the technician's pin (`certificate_sha256` of the
municipality's CA) decides which of them, if any, becomes the kiosk's `ca_bundle`. From
then on every connection is verified against that CA as usual.
"""

from __future__ import annotations

import hashlib
import socket
import ssl

MINIMUM_VERSION = ssl.TLSVersion.TLSv1_2

# TLS 1.2 suites: ephemeral ECDH key exchange (forward secrecy) with AES-GCM or
# ChaCha20-Poly1305; ECDSA certificates (the sandbox's) and RSA ones (most CAs') alike.
AEAD_CIPHERS = ":".join((
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
))


def apply_policy(context: ssl.SSLContext) -> ssl.SSLContext:
    """Sets the minimum version and the cipher list on `context` (client or server)."""
    context.minimum_version = MINIMUM_VERSION
    context.set_ciphers(AEAD_CIPHERS)
    return context


def client_context(cafile: str | None = None) -> ssl.SSLContext:
    """A verifying client context trusting `cafile` (or the system's CAs), with the policy."""
    return apply_policy(ssl.create_default_context(cafile=cafile))


def certificate_sha256(der: bytes) -> str:
    """A certificate's pin: the SHA-256 of its DER encoding, in lower-case hex."""
    return hashlib.sha256(der).hexdigest()


def presented_chain(host: str, port: int, *, timeout_s: float) -> list[bytes]:
    """The certificates the server at `host:port` presents in its handshake (DER, its own
    first), *not verified*: only for finding the certificate a pin names. Nothing is
    sent over this connection; it is closed once the handshake is done. Raises OSError
    (not reached) or ssl.SSLError (no acceptable handshake)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # Verification is what the pin provides here: the chain is read, not trusted.
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    apply_policy(context)
    with socket.create_connection((host, port), timeout=timeout_s) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        public = getattr(tls, "get_unverified_chain", None)
        if public is not None:  # Python 3.13 and newer
            return [bytes(der) for der in public()]
        # Python 3.10-3.12 have the same call on the underlying object only.
        private = getattr(getattr(tls, "_sslobj", None), "get_unverified_chain", None)
        if private is not None:
            return [cert.public_bytes(ssl._ssl.ENCODING_DER)  # type: ignore[attr-defined]
                    for cert in private()]
        own = tls.getpeercert(binary_form=True)
        return [own] if own else []
