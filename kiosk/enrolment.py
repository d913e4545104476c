"""`kiosk enrol`: a technician's one-time code turns a fresh install into a known kiosk.

The municipality gives the technician three things (a pairing QR code carries the same):
the API's address, a one-time code bound to this kiosk's identity, and the SHA-256 of the
municipality's CA certificate. Enrolling then goes, in this order:

1. Read the certificates the server presents and find the one whose SHA-256 is the pin.
   Nothing is sent before that: on a network that intercepts HTTPS the code never leaves.
2. Exchange the code over a connection verified against that CA (`POST /enrolment`): the
   answer is the kiosk's id, branch, location and an API key of its own.
3. Write the CA (`municipality-ca.pem`) and `enrolment.toml` into the data folder, each
   atomically and 0600 (owned like the folder when run as root), through
   `config_source.write_private_file` / `write_overlay`.
4. Read the configuration again, as `kiosk run` will, and prove it with an authenticated
   call (`GET /catalogue`). If that fails, both files go back to what they were.

Any failure ends in `EnrolmentError`: one line for the technician, nothing half-written.
The code is spent by step 2 even when step 4 fails (ask for a new one); the code and the
key are never logged or printed.
"""

from __future__ import annotations

import re
import ssl
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.api.errors import ApiError, OfflineError, RejectedError, TlsError
from kiosk.api.schema import ENROLMENT_ALPHABET, EnrolmentGrant
from kiosk.api.tls import certificate_sha256, presented_chain
from kiosk.config import KioskConfig
from kiosk.config_source import (
    ENROLMENT_OVERLAY,
    ConfigError,
    https_url_problem,
    write_overlay,
    write_private_file,
)
from kiosk.errors import KnownError

CA_FILE = "municipality-ca.pem"
CODE_EXAMPLE = "7K3M-Q9XA-D2HF"
# Crockford's base32 reads the letters people confuse with digits as those digits.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_PIN = re.compile(r"[0-9a-f]{64}")


class EnrolmentError(KnownError):
    """Enrolment did not happen; `str()` is the one line the technician reads."""

    default_en = "The kiosk could not be enrolled."
    default_ar = "تعذّر تسجيل الجهاز لدى الأمانة."


@dataclass(frozen=True, slots=True)
class Enrolled:
    """What enrolment wrote, for the technician's confirmation line."""

    kiosk_id: str
    branch: str
    location_en: str
    overlay: Path
    ca_bundle: Path


def normalise_code(text: str) -> str:
    """The code as issued (`7K3M-Q9XA-D2HF`) from what was typed: any case, spaces or
    dashes anywhere, O for 0 and I or L for 1."""
    symbols = re.sub(r"[\s-]", "", text).upper().translate(_LOOKALIKES)
    if len(symbols) != 12 or any(s not in ENROLMENT_ALPHABET for s in symbols):
        raise EnrolmentError(f"the code should be 12 letters and digits, like {CODE_EXAMPLE}")
    return "-".join(symbols[i:i + 4] for i in range(0, 12, 4))


def normalise_pin(text: str) -> str:
    """A SHA-256 fingerprint as 64 lower-case hex digits (colons and spaces dropped)."""
    pin = re.sub(r"[\s:]", "", text).lower()
    if not _PIN.fullmatch(pin):
        raise EnrolmentError("--ca-sha256 should be the 64 hex digits of the CA's SHA-256")
    return pin


def _address(server: str) -> tuple[str, int]:
    problem = https_url_problem(server)
    if problem is not None:
        raise EnrolmentError(f"--server: {problem} (got {server!r})")
    parts = urlsplit(server)
    return parts.hostname or "", parts.port or 443


def pinned_ca(server: str, pin: str, *, timeout_s: float) -> bytes:
    """The DER of the CA certificate `server` presents whose SHA-256 is `pin`."""
    host, port = _address(server)
    try:
        chain = presented_chain(host, port, timeout_s=timeout_s)
    except ssl.SSLError as exc:
        raise EnrolmentError(f"no secure connection with {host}:{port} "
                             f"({exc.reason or exc}); nothing was sent") from None
    except OSError as exc:
        raise EnrolmentError(f"cannot reach {host}:{port} "
                             f"({exc.strerror or type(exc).__name__}); nothing was sent"
                             ) from None
    for der in chain:
        if certificate_sha256(der) == pin and _is_ca(der):
            return der
    raise EnrolmentError(
        f"the server at {host}:{port} does not present the CA the pairing data pins "
        "(--ca-sha256); nothing was sent. Check the pairing data, or whether this "
        "network intercepts HTTPS")


def _is_ca(der: bytes) -> bool:
    from cryptography import x509

    try:
        constraints = x509.load_der_x509_certificate(der).extensions.get_extension_for_class(
            x509.BasicConstraints)
    except (ValueError, x509.ExtensionNotFound):
        return False
    return constraints.value.ca


def _exchange(config: KioskConfig, server: str, ca_pem: str, code: str) -> EnrolmentGrant:
    from kiosk.api.client import MunicipalityClient

    with tempfile.TemporaryDirectory(prefix="kiosk-enrol-") as folder:
        bundle = Path(folder) / CA_FILE
        bundle.write_text(ca_pem, encoding="ascii")
        settings = config.api.model_copy(update={"base_url": server.rstrip("/"),
                                                 "ca_bundle": bundle})
        try:
            with MunicipalityClient(settings) as client:
                return client.enrol(code)
        except RejectedError as exc:
            raise EnrolmentError(f"the municipality refused the code: {exc.message_en}"
                                 ) from None
        except TlsError as exc:
            raise EnrolmentError(f"the server's certificate does not verify under the "
                                 f"pinned CA: {exc.message_en}; nothing was sent") from None
        except OfflineError as exc:
            raise EnrolmentError(f"cannot reach {server}: {exc.message_en}") from None
        except ApiError as exc:
            raise EnrolmentError(f"enrolment failed: {exc.message_en}") from None


def _restore(data_dir: Path, name: str, previous: bytes | None) -> None:
    if previous is None:
        (data_dir / name).unlink(missing_ok=True)
    else:
        write_private_file(data_dir, name, previous)


def _previous(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _prove(reload: Callable[[], KioskConfig], grant: EnrolmentGrant, server: str) -> None:
    """The configuration `kiosk run` will read now calls the API as the enrolled kiosk."""
    from kiosk.api.client import MunicipalityClient

    try:
        effective = reload()
    except ConfigError as exc:
        raise EnrolmentError(f"the configuration no longer reads: {exc}") from None
    if effective.api.api_key != grant.api_key or effective.api.base_url != server.rstrip("/"):
        raise EnrolmentError(
            "the environment (KIOSK_API__API_KEY or KIOSK_API__BASE_URL) overrides what "
            "enrolment writes; unset it and enrol again with a new code")
    try:
        with MunicipalityClient(effective.api) as client:
            client.catalogue()
    except ApiError as exc:
        raise EnrolmentError(f"the new credentials did not work: {exc.message_en}") from None


def enrol(config: KioskConfig, data_dir: Path, *, server: str, code: str, ca_sha256: str,
          reload: Callable[[], KioskConfig]) -> Enrolled:
    """Enrols this kiosk (see the module docstring); raises EnrolmentError.

    `config` is the configuration as it stands (for timeouts), `data_dir` the folder whose
    overlays it reads, `reload` reads it again as `kiosk run` will.
    """
    code = normalise_code(code)
    pin = normalise_pin(ca_sha256)
    if not data_dir.is_dir():
        raise EnrolmentError(f"the data folder {data_dir} does not exist "
                             "(the install script makes it)")
    ca_pem = ssl.DER_cert_to_PEM_cert(pinned_ca(server, pin,
                                                timeout_s=config.api.connect_timeout_s))
    grant = _exchange(config, server, ca_pem, code)
    overlay, bundle = data_dir / ENROLMENT_OVERLAY, data_dir / CA_FILE
    before = {ENROLMENT_OVERLAY: _previous(overlay), CA_FILE: _previous(bundle)}
    try:
        write_private_file(data_dir, CA_FILE, ca_pem.encode("ascii"))
        write_overlay(data_dir, ENROLMENT_OVERLAY, {
            "kiosk": {"id": grant.kiosk_id, "branch": grant.branch.value,
                      "location_ar": grant.location_ar, "location_en": grant.location_en},
            "api": {"base_url": server.rstrip("/"), "ca_bundle": CA_FILE,
                    "api_key": grant.api_key},
        })
        _prove(reload, grant, server)
    except BaseException as exc:
        for name, previous in before.items():
            _restore(data_dir, name, previous)
        if isinstance(exc, ConfigError | OSError):
            raise EnrolmentError(f"the enrolment could not be written: {exc}") from None
        raise
    return Enrolled(grant.kiosk_id, grant.branch.value, grant.location_en, overlay, bundle)
