"""The offline queue's end-to-end world: its own sandbox over HTTPS, a beneficiary token,
and a valid application to queue.

The queue's tests stop and restart their sandbox (the long outage), so they get one of
their own instead of sharing the suite's. Everything else is the real thing: the
`python -m sandbox` subprocess, its local CA, the kiosk's MunicipalityClient.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.client import MunicipalityClient
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.reliability.helpers import api_settings


@pytest.fixture(scope="session")
def queue_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    with SandboxProcess(tmp_path_factory.mktemp("queue-sandbox")) as process:
        yield process


@pytest.fixture
def sandbox_up(queue_sandbox: SandboxProcess) -> SandboxProcess:
    """The sandbox, running, fault switches off and data back to the seed (a failed test
    may have left it stopped or faulty; the admin reset also reseeds the database)."""
    queue_sandbox.start()
    queue_sandbox.admin.reset()
    return queue_sandbox


@pytest.fixture
def beneficiary_token(sandbox_up: SandboxProcess) -> str:
    """A token for the seeded beneficiary who applies cleanly (valid 24 h for submits),
    obtained the way a kiosk does: OTP by SMS, read from the sandbox's SMS outbox."""
    with MunicipalityClient(api_settings(sandbox_up)) as client:
        challenge = client.request_otp(CLEAN.national_id, CLEAN.mobile)
        code = sandbox_up.admin.latest_otp(CLEAN.mobile)
        return client.verify_otp(challenge.challenge_id, code).token


@pytest.fixture
def application_template(beneficiary_token: str) -> dict[str, Any]:
    """A professional licence application the sandbox accepts, and the token to prove it
    with (tests/reliability/payloads.py turns it into the queued SubmitApplication JSON);
    tests give each copy a unique shop name to find it on the server."""
    return {
        "application": {
            "licence_type": "professional",
            "answers": {
                "shop_name": "placeholder", "cr_number": "2250000011",
                "lease_number": "10000000011", "district": "hofuf-kut",
                "activity": "tailor", "area_m2": 40, "contact_mobile": CLEAN.mobile,
            },
        },
        "token": beneficiary_token,  # stays here; queued payloads carry a proof
    }


@pytest.fixture
def outbox_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk-data" / "outbox.sqlite3"
