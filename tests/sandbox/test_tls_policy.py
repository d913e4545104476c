"""The running sandbox speaks TLS 1.2 or newer with AEAD ciphers only (`kiosk.api.tls`).

Each case is a raw handshake from a client deliberately configured to offer only what is
under test, so the answer depends on the server's policy alone.
"""

from __future__ import annotations

import socket
import ssl
import warnings

import pytest

from sandbox.runner import SandboxProcess

# TLS 1.2 suites without AEAD (CBC with HMAC); the first two are what uvicorn's and
# Python's default cipher strings still allowed with the sandbox's ECDSA certificate.
CBC_ONLY = "ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:AES128-SHA"


def handshake(sandbox: SandboxProcess, context: ssl.SSLContext) -> tuple[str, str]:
    """(protocol, cipher) the sandbox agreed to; ssl.SSLError when it refused."""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        cipher = tls.cipher()
        assert cipher is not None
        return cipher[1], cipher[0]


def client(sandbox: SandboxProcess, version: ssl.TLSVersion) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(sandbox.ca_path))
    with warnings.catch_warnings():  # TLS 1.0/1.1 are deprecated: that is the point
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = context.maximum_version = version
    return context


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1],
                         ids=["TLSv1.0", "TLSv1.1"])
def test_tls_1_0_and_1_1_are_refused(sandbox: SandboxProcess,
                                     version: ssl.TLSVersion) -> None:
    context = client(sandbox, version)
    # Security level 0: this OpenSSL (3.x) will then really offer TLS 1.0/1.1 with the old
    # suites, so the refusal is the server's. A build that cannot offer them at all fails
    # the handshake on its own side, which the assertion accepts too: either way no
    # connection below TLS 1.2 is ever made.
    context.set_ciphers("ALL:@SECLEVEL=0")
    with pytest.raises(ssl.SSLError):
        handshake(sandbox, context)


def test_tls_1_2_with_only_cbc_suites_is_refused(sandbox: SandboxProcess) -> None:
    context = client(sandbox, ssl.TLSVersion.TLSv1_2)
    context.set_ciphers(CBC_ONLY)
    with pytest.raises(ssl.SSLError):
        handshake(sandbox, context)


def test_tls_1_2_with_aead_is_accepted(sandbox: SandboxProcess) -> None:
    context = client(sandbox, ssl.TLSVersion.TLSv1_2)
    context.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:" + CBC_ONLY)
    assert handshake(sandbox, context) == ("TLSv1.2", "ECDHE-ECDSA-AES128-GCM-SHA256")


def test_tls_1_3_is_accepted(sandbox: SandboxProcess) -> None:
    protocol, cipher = handshake(sandbox, client(sandbox, ssl.TLSVersion.TLSv1_3))
    assert protocol == "TLSv1.3"
    assert cipher.startswith("TLS_")
