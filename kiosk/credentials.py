"""Whether this kiosk still holds the development credentials, and what to do about it.

Every fresh install starts with the development API key and technician PIN (1234): they
let the demo and a developer's machine work without setup, and they are public. A kiosk
in a mall holding either would talk to the municipality as nobody in particular, or open
technician mode to anyone who read the README, so it stays out of service (as an ATM
does with a default password) until a technician enrols it (`kiosk enrol`, which gives
it a key of its own) and sets its own PIN. `kiosk doctor` names which and what to run.

The PIN is checked by what it opens, not by its hash: a fresh hash of 1234 (another
salt) is still the default PIN. That costs one PBKDF2 (~0.1 s), so it is worked out off
the UI thread, with the services (`kiosk.services.build_services`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import KioskConfig
from kiosk.config_source import DEV_API_KEY, DEV_PIN
from kiosk.domain.pin import verify_pin
from kiosk.health.model import ComponentHealth, Status

COMPONENT = "credentials"
ENROL_COMMAND = "kiosk enrol --server URL --code CODE --ca-sha256 HEX"

# What the public reads on the out-of-service screen: nothing about keys or PINs.
PUBLIC_REASON_EN = "This kiosk is still being set up."
PUBLIC_REASON_AR = "هذا الجهاز قيد التجهيز."


@dataclass(frozen=True, slots=True)
class DefaultCredential:
    """One development credential still in use: the key it sits in, and the remedy."""

    key: str
    what: str
    remedy: str

    def sentence(self) -> str:
        return f"{self.what} is still in use ({self.key}): {self.remedy}"


API_KEY = DefaultCredential(
    "api.api_key", "the development API key",
    f"enrol this kiosk with the municipality's code: {ENROL_COMMAND} (docs/enrolment.md)")
PIN = DefaultCredential(
    "technician.pin_hash", "the default technician PIN",
    "change it in technician mode, or set technician.pin_hash to the output of "
    "`kiosk hash-pin`")


def default_credentials(config: KioskConfig) -> tuple[DefaultCredential, ...]:
    """The development credentials `config` still holds (empty: the kiosk may serve)."""
    found: list[DefaultCredential] = []
    if config.api.api_key == DEV_API_KEY:
        found.append(API_KEY)
    if verify_pin(DEV_PIN, config.technician.pin_hash):
        found.append(PIN)
    return tuple(found)


def health(found: tuple[DefaultCredential, ...]) -> ComponentHealth:
    """The credentials in operators' and technicians' words (`kiosk doctor`)."""
    if not found:
        return ComponentHealth(COMPONENT, Status.OK, "this kiosk's own API key and PIN")
    summary = "out of service until fixed: " + "; ".join(c.sentence() for c in found)
    return ComponentHealth(COMPONENT, Status.ERROR, summary,
                           {"defaults": ", ".join(c.key for c in found)})
