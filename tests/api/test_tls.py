"""The client refuses servers it should not trust, and reports the link being down.

The expired and wrong-host cases need a server presenting such a certificate; a small TLS
listener on 127.0.0.1 serves certificates signed by the sandbox's own CA, so the only
thing wrong is the property under test.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme
from pydantic import ValidationError

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import OfflineError, TlsError
from kiosk.config import ApiSettings
from kiosk.health.model import Status
from sandbox.runner import SandboxProcess
from sandbox.tls import issue_server_certificate
from tests.fixtures.sandbox import settings_for

Serve = Callable[..., ApiSettings]


class TlsListener:
    """Accepts connections and attempts a TLS handshake with the given certificate."""

    def __init__(self, cert: Path, key: Path, *, ciphers: str | None = None) -> None:
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        if ciphers is not None:  # TLS 1.2 suites only mean anything up to TLS 1.2
            self._context.maximum_version = ssl.TLSVersion.TLSv1_2
            self._context.set_ciphers(ciphers)
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    with self._context.wrap_socket(conn, server_side=True):
                        pass
                except (ssl.SSLError, OSError):
                    pass  # the client refused us: that is what is being tested

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()


@pytest.fixture
def serve_certificate(sandbox: SandboxProcess, tmp_path: Path) -> Iterator[Serve]:
    listeners: list[TlsListener] = []

    def serve(ciphers: str | None = None, **cert_args: object) -> ApiSettings:
        ca_key = sandbox.data_dir / "tls" / "ca-key.pem"
        cert, key = tmp_path / f"c{len(listeners)}.pem", tmp_path / f"k{len(listeners)}.pem"
        issue_server_certificate(sandbox.ca_path, ca_key, cert, key, **cert_args)
        listener = TlsListener(cert, key, ciphers=ciphers)
        listeners.append(listener)
        return settings_for(sandbox, base_url=f"https://127.0.0.1:{listener.port}/v1")

    yield serve
    for listener in listeners:
        listener.close()


def test_a_server_signed_by_another_ca_is_refused(sandbox: SandboxProcess,
                                                   tmp_path: Path) -> None:
    stranger = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    with MunicipalityClient(settings_for(sandbox, ca_bundle=stranger)) as client:
        with pytest.raises(TlsError) as refused:
            client.probe()
        assert not refused.value.retryable
        assert refused.value.message_ar
        assert client.health().status is Status.ERROR


def test_an_expired_certificate_is_refused(serve_certificate: Serve) -> None:
    past = datetime.now(UTC) - timedelta(days=10)
    settings = serve_certificate(not_before=past - timedelta(days=30), not_after=past)
    with MunicipalityClient(settings) as client, pytest.raises(TlsError) as refused:
        client.catalogue()
    assert "expired" in refused.value.message_en


def test_a_certificate_for_another_host_is_refused(serve_certificate: Serve) -> None:
    settings = serve_certificate(hosts=("api.alahsa.example",))
    with MunicipalityClient(settings) as client, pytest.raises(TlsError) as refused:
        client.catalogue()
    assert "mismatch" in refused.value.message_en.lower()


def test_a_server_offering_only_cbc_suites_is_refused(serve_certificate: Serve) -> None:
    """TLS 1.2 at most, CBC suites only: the kiosk's policy (AEAD only) finds nothing to
    agree on; a configuration problem, not the link, so never retried as offline."""
    settings = serve_certificate(
        ciphers="ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA")
    with MunicipalityClient(settings, max_attempts=1) as client, \
            pytest.raises(TlsError) as refused:
        client.catalogue()
    assert refused.value.code == "tls_negotiation_failed"
    assert not refused.value.retryable


def test_the_same_listener_with_a_good_certificate_is_trusted(
        serve_certificate: Serve) -> None:
    """Control case: the refusals above come from the certificate, not the listener."""
    settings = serve_certificate()
    with MunicipalityClient(settings, max_attempts=1) as client, \
            pytest.raises(OfflineError):  # handshake passes; the listener then hangs up
        client.catalogue()


def test_plain_http_is_refused_by_the_sandbox(sandbox: SandboxProcess) -> None:
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as raw:
        raw.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = raw.recv(1024)
    assert not answer.startswith(b"HTTP/1.1 200")


def test_plain_http_urls_are_refused_by_the_config() -> None:
    with pytest.raises(ValidationError):
        ApiSettings(base_url="http://127.0.0.1:8443/v1")


def test_nothing_listening_is_an_offline_error(sandbox: SandboxProcess) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    settings = settings_for(sandbox, base_url=f"https://127.0.0.1:{free_port}/v1")
    with MunicipalityClient(settings, retry_delay_s=0.01) as client:
        with pytest.raises(OfflineError) as down:
            client.probe()
        assert down.value.retryable
        assert down.value.code == "connect_failed"
        assert client.health().status is Status.WARNING


def test_a_slow_server_is_a_timeout(sandbox: SandboxProcess) -> None:
    sandbox.admin.set_faults(latency_ms=1500)
    settings = settings_for(sandbox, read_timeout_s=0.3)
    with MunicipalityClient(settings, max_attempts=1) as client, \
            pytest.raises(OfflineError) as slow:
        client.transaction("1447-000101")
    assert slow.value.code == "timeout"


def test_a_missing_ca_bundle_is_a_clear_configuration_error(sandbox: SandboxProcess,
                                                            tmp_path: Path) -> None:
    with pytest.raises(TlsError) as missing:
        MunicipalityClient(settings_for(sandbox, ca_bundle=tmp_path / "nope.pem"))
    assert missing.value.code == "ca_bundle_missing"
    assert "nope.pem" in missing.value.message_en


def test_a_garbage_ca_bundle_is_a_clear_configuration_error(sandbox: SandboxProcess,
                                                            tmp_path: Path) -> None:
    garbage = tmp_path / "ca.pem"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\n\x00\xff not base64\n")
    with pytest.raises(TlsError) as invalid:
        MunicipalityClient(settings_for(sandbox, ca_bundle=garbage))
    assert invalid.value.code == "ca_bundle_invalid"
