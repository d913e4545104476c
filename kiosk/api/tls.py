"""The TLS policy both ends of the municipality API use: TLS 1.2 or newer, AEAD ciphers only.

One place for it, so the kiosk's client, the sandbox server and the sandbox's own admin
client cannot drift apart. Set explicitly rather than left to Python's or OpenSSL's
defaults, which change between releases and, for TLS 1.2, still allow CBC suites.
TLS 1.3 suites are all AEAD and are not affected by the cipher string.
"""

from __future__ import annotations

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
