"""A local certificate authority and server certificate for the sandbox's HTTPS.

The kiosk never turns verification off, so the sandbox must be a properly certified
server: on first start it creates a CA and a certificate for 127.0.0.1/localhost in its
data directory and reuses them afterwards (the kiosk config points `ca_bundle` at the CA).
`issue_server_certificate` also makes the deliberately bad certificates (expired, wrong
host) that the TLS refusal tests serve.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from kiosk.api.tls import certificate_sha256

DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class TlsFiles:
    ca_cert: Path
    ca_key: Path
    server_cert: Path
    server_key: Path
    server_chain: Path  # the server's certificate followed by the CA's (what it serves)


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "SA"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Al-Ahsa Municipality sandbox"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    path.chmod(0o600)


def _load_key(path: Path) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path}: not an EC private key")
    return key


def create_ca(cert_path: Path, key_path: Path, common_name: str = "Sandbox local CA") -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, key_cert_sign=True, crl_sign=True,
            content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_key(key, key_path)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def issue_server_certificate(
    ca_cert: Path,
    ca_key: Path,
    cert_path: Path,
    key_path: Path,
    *,
    hosts: tuple[str, ...] = DEFAULT_HOSTS,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> None:
    """A server certificate for `hosts` signed by the CA; dates default to valid now."""
    authority = x509.load_pem_x509_certificate(ca_cert.read_bytes())
    authority_key = _load_key(ca_key)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0]))
        .issuer_name(authority.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            authority_key.public_key()), critical=False)
        .sign(authority_key, hashes.SHA256())
    )
    _write_key(key, key_path)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def ensure_tls(data_dir: Path) -> TlsFiles:
    """The sandbox's CA and server certificate, created on first use and then reused."""
    tls_dir = data_dir / "tls"
    tls_dir.mkdir(parents=True, exist_ok=True)
    files = TlsFiles(tls_dir / "ca.pem", tls_dir / "ca-key.pem",
                     tls_dir / "server.pem", tls_dir / "server-key.pem",
                     tls_dir / "server-chain.pem")
    if not (files.ca_cert.exists() and files.ca_key.exists()):
        create_ca(files.ca_cert, files.ca_key)
        files.server_cert.unlink(missing_ok=True)
    if not (files.server_cert.exists() and files.server_key.exists()):
        issue_server_certificate(files.ca_cert, files.ca_key, files.server_cert,
                                 files.server_key)
    files.server_chain.write_bytes(files.server_cert.read_bytes() + files.ca_cert.read_bytes())
    return files


def ca_sha256(ca_cert: Path) -> str:
    """The pin of a CA certificate file: SHA-256 of its DER encoding, in hex."""
    cert = x509.load_pem_x509_certificate(ca_cert.read_bytes())
    return certificate_sha256(cert.public_bytes(serialization.Encoding.DER))
