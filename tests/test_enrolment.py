"""`kiosk enrol` as a technician runs it, against the real sandbox over HTTPS: a good code
enrols the kiosk (its identity, its own key, the pinned CA, all 0600) and is proved with
an authenticated call; a wrong, expired, used or revoked code, a CA that is not the pinned
one, an unreachable server or a failed proof end in one line on stderr, a non-zero exit
and the data folder exactly as it was."""

from __future__ import annotations

import os
import socket
import ssl
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from kiosk.api.schema import Branch, EnrolmentCodeOrder, IssuedEnrolmentCode
from kiosk.config import load_config
from kiosk.config_source import ENROLMENT_OVERLAY, write_overlay, write_private_file
from kiosk.enrolment import CA_FILE
from sandbox.runner import SandboxProcess

ORDER = EnrolmentCodeOrder(kiosk_id="AHS-OYN-04", branch=Branch.OYOUN,
                           location_ar="سوق العيون", location_en="Al-Oyoun market",
                           valid_hours=1)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    """A fresh install's kiosk.toml: the development defaults and a named data folder."""
    (tmp_path / "data").mkdir(mode=0o700)
    path = tmp_path / "kiosk.toml"
    path.write_text('[storage]\ndata_dir = "data"\n', encoding="utf-8")
    return path


def enrol(config_path: Path, server: str, code: str, pin: str,
          **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")} | environment
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config_path), "enrol",
         "--server", server, "--code", code, "--ca-sha256", pin],
        capture_output=True, text=True, timeout=60, check=False, env=env)


def test_a_good_code_enrols_the_kiosk_and_proves_it(
        sandbox: SandboxProcess, config_path: Path) -> None:
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    typed = issued.code.lower().replace("-", " ")  # as a person may type it
    done = enrol(config_path, issued.server, typed, issued.ca_sha256.upper())

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(
        "kiosk enrol: enrolled as AHS-OYN-04 (oyoun, Al-Oyoun market)")
    data = config_path.parent / "data"
    assert sorted(p.name for p in data.iterdir()) == sorted([CA_FILE, ENROLMENT_OVERLAY])
    assert mode(data / ENROLMENT_OVERLAY) == 0o600
    assert mode(data / CA_FILE) == 0o600
    # The saved CA is the sandbox's own.
    assert ssl.PEM_cert_to_DER_cert((data / CA_FILE).read_text(encoding="ascii")) == \
        ssl.PEM_cert_to_DER_cert(sandbox.ca_path.read_text(encoding="ascii"))

    # What `kiosk run` will read: the enrolled identity and key over the main file.
    config = load_config(config_path)
    assert (config.kiosk.id, config.kiosk.branch, config.kiosk.location_ar) == (
        "AHS-OYN-04", "oyoun", "سوق العيون")
    assert config.api.base_url == sandbox.base_url
    assert config.api.ca_bundle == data / CA_FILE
    key = config.api.api_key
    assert key not in done.stdout + done.stderr  # never printed
    assert sandbox.admin.records("enrolment_codes")[0]["used_at"] is not None
    with httpx.Client(verify=ssl.create_default_context(cafile=str(data / CA_FILE))) as http:
        answer = http.get(f"{config.api.base_url}/catalogue",
                          headers={"Authorization": f"Bearer {key}"})
    assert answer.status_code == 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _used(sandbox: SandboxProcess, issued: IssuedEnrolmentCode) -> None:
    with httpx.Client(verify=sandbox.ssl_context()) as http:
        assert http.post(f"{sandbox.base_url}/enrolment",
                         json={"code": issued.code}).status_code == 201


# Each case: what to do to a freshly issued code (or to the pairing data), and a fragment
# of the one line the technician reads.
CASES: dict[str, tuple[Callable[[SandboxProcess, IssuedEnrolmentCode], dict[str, str]], str]] = {
    "wrong code": (lambda s, i: {"code": "ZZZZ-ZZZZ-ZZZZ"},
                   "refused the code: This enrolment code is not valid"),
    "expired": (lambda s, i: s.admin.advance_clock(hours=2) and {},
                "refused the code: This enrolment code has expired"),
    "reused": (lambda s, i: _used(s, i) or {},
               "refused the code: This enrolment code has already been used"),
    "revoked": (lambda s, i: s.admin.revoke_enrolment_code(i.code_id) or {},
                "refused the code: This enrolment code has been revoked"),
    "CA not the pinned one": (lambda s, i: {"pin": "ab" * 32},
                              "does not present the CA the pairing data pins"),
    "unreachable": (lambda s, i: {"server": f"https://127.0.0.1:{_free_port()}/v1"},
                    "cannot reach 127.0.0.1:"),
    "not a code": (lambda s, i: {"code": "12-34"}, "the code should be 12 letters and digits"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_failed_enrolment_says_why_in_one_line_and_changes_nothing(
        sandbox: SandboxProcess, config_path: Path, case: str) -> None:
    data = config_path.parent / "data"
    # A kiosk enrolled before: a failed enrolment must leave that enrolment as it was.
    write_private_file(data, CA_FILE, sandbox.ca_path.read_bytes())
    write_overlay(data, ENROLMENT_OVERLAY, {"kiosk": {"id": "AHS-OLD-09"},
                                            "api": {"api_key": "o" * 40}})
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    change, expected = CASES[case]
    given = {"server": issued.server, "code": issued.code, "pin": issued.ca_sha256}
    given.update(change(sandbox, issued))

    done = enrol(config_path, given["server"], given["code"], given["pin"])

    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kiosk enrol: ")
    assert expected in lines[0]
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_proof_that_fails_takes_back_what_was_written(
        sandbox: SandboxProcess, config_path: Path) -> None:
    # The environment outranks the overlay: the kiosk would run with this key, not the
    # enrolled one, so the proof fails and nothing stays written.
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    done = enrol(config_path, issued.server, issued.code, issued.ca_sha256,
                 KIOSK_API__API_KEY="sandbox-kiosk-key-AHS-HOF-01")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "kiosk enrol: the environment (KIOSK_API__API_KEY or KIOSK_API__BASE_URL) overrides "
        "what enrolment writes; unset it and enrol again with a new code"]
    assert list((config_path.parent / "data").iterdir()) == []


def test_a_configuration_without_a_data_folder_is_refused(
        sandbox: SandboxProcess, tmp_path: Path) -> None:
    bare = tmp_path / "bare.toml"
    bare.write_text("[ui]\nlanguage = \"en\"\n", encoding="utf-8")
    issued = sandbox.admin.issue_enrolment_code(ORDER)
    done = enrol(bare, issued.server, issued.code, issued.ca_sha256)
    assert done.returncode == 2
    assert "names no storage.data_dir" in done.stderr
    assert sandbox.admin.records("enrolment_codes")[0]["used_at"] is None
