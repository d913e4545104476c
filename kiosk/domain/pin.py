"""Technician PIN hashing: the config holds only a salted PBKDF2 hash, never the PIN."""

from __future__ import annotations

import enum
import hashlib
import hmac
import itertools
import secrets

ITERATIONS = 200_000


def hash_pin(pin: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """`pbkdf2_sha256$<iterations>$<salt hex>$<digest hex>` for the config file."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Constant-time comparison against a stored hash; a malformed hash never matches."""
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex),
                                     int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


#: A technician PIN's length: long enough that five tries before the lock are no
#: real chance, short enough to type on a touch pad.
MIN_DIGITS = 6
MAX_DIGITS = 12
# Fewer different digits than this is a pattern (121212, 112233 is allowed).
_MIN_DISTINCT = 3


class PinProblem(enum.StrEnum):
    """Why a new technician PIN is refused (the screen and `kiosk hash-pin` say it)."""

    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    #: One digit repeated, two digits alternating, or a straight run up or down
    #: (111111, 121212, 123456, 987654): the first PINs anyone would try.
    WEAK = "weak"
    #: The second typing differs from the first (`pin_problem` checks one PIN and never
    #: says this; the "change the PIN" page does).
    MISMATCH = "mismatch"


def pin_problem(pin: str) -> PinProblem | None:
    """What is wrong with `pin` as a new technician PIN, or None when it may be used."""
    if not (pin.isascii() and pin.isdigit()):
        return PinProblem.NOT_DIGITS
    if len(pin) < MIN_DIGITS:
        return PinProblem.TOO_SHORT
    if len(pin) > MAX_DIGITS:
        return PinProblem.TOO_LONG
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if len(set(pin)) < _MIN_DISTINCT or steps in ({1}, {9}):
        return PinProblem.WEAK
    return None
