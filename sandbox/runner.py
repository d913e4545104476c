"""`SandboxProcess`: the sandbox as a real subprocess, for the demo and end-to-end tests.

Tests talk to the same server a technician would run (`python -m sandbox`), over real
HTTPS on 127.0.0.1. The runner starts it, waits for its `SANDBOX_READY` line and for
`/v1/health` to answer, and offers `admin` to flip fault switches, move the workflow clock,
read the SMS outbox and read records. `restart()` keeps the data directory and the port,
which is how the "repeat after a server restart" idempotency test works.

The runner makes the admin token and the scrape credential and hands them over in 0600
files, never on the command line; the child's output goes to a 0600 log file and never
contains either.

The child never outlives its parent: it runs in its own process group (a Ctrl+C in the
terminal reaches the parent, which stops the child in order) and, given `--parent-pid`,
asks Linux for SIGTERM the moment the parent dies, however it dies (`die_with_parent`).
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import secrets
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from kiosk.api.schema import (
    CommandRequest,
    CommandState,
    EnrolmentCodeOrder,
    Faults,
    Fleet,
    IssuedEnrolmentCode,
    OperatorCommandKind,
    SmsList,
    SmsMessage,
)
from kiosk.api.tls import client_context
from sandbox.private import ADMIN_TOKEN_FILE, SCRAPE_TOKEN_FILE, open_private, write_private

# The line `python -m sandbox` prints (with a JSON object) once it accepts connections.
READY_PREFIX = "SANDBOX_READY "
START_TIMEOUT_S = 30.0
OTP_RE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """Makes this process receive SIGTERM when `parent_pid` (the process that started it)
    ends, even by SIGKILL; exits at once if it has already ended.

    Called first thing in the child, not in a `preexec_fn` (unsafe in a parent with
    threads). The signal follows the parent *thread* that started the child, so a
    `SandboxProcess` is started from a thread that lives as long as it should (the main
    thread in the demo and the tests). Only Linux has the call; elsewhere this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)  # the running program's symbols: libc's prctl
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died between our fork and the prctl: we were re-parented.
    if os.getppid() != parent_pid:
        raise SystemExit("sandbox: the process that started it has ended")


class SandboxError(RuntimeError):
    """The sandbox did not start (or stop) as expected; the message quotes its log."""


class SandboxAdmin:
    """A small client for the sandbox's admin endpoints (not part of the contract)."""

    def __init__(self, origin: str, ca_path: Path, token: str) -> None:
        self._http = httpx.Client(
            base_url=f"{origin}/admin", verify=client_context(str(ca_path)),
            headers={"X-Admin-Token": token}, timeout=10.0,
        )

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    def faults(self) -> Faults:
        return Faults.model_validate(self._call("GET", "/faults"))

    def set_faults(self, **switches: Any) -> Faults:
        """E.g. `set_faults(fail_next=2, fail_status=503)`; unnamed switches go off."""
        return Faults.model_validate(self._call("PUT", "/faults", json=switches))

    def reset(self, *, data: bool = True) -> None:
        """All fault switches off; with `data`, the database back to its seeded state
        (clock, flags, everything created since)."""
        self._call("POST", "/reset", params={"data": str(data).lower()})

    def advance_clock(self, hours: float) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", "/clock/advance", json={"hours": hours})
        return result

    def set_flag(self, name: str, enabled: bool) -> None:
        self._call("PUT", f"/flags/{name}", json={"enabled": enabled})

    def sms(self, mobile: str | None = None, kind: str | None = None) -> list[SmsMessage]:
        params = {k: v for k, v in (("mobile", mobile), ("kind", kind)) if v}
        return SmsList.model_validate(self._call("GET", "/sms", params=params)).items

    def latest_otp(self, mobile: str) -> str:
        """The code in the newest OTP text sent to `mobile` (as the beneficiary reads it)."""
        messages = self.sms(mobile=mobile, kind="otp")
        if not messages:
            raise SandboxError(f"no OTP was sent to {mobile[:3]}*****")
        match = OTP_RE.search(messages[-1].text_ar)
        if match is None:
            raise SandboxError("the OTP text carries no 6-digit code")
        return match.group(1)

    def records(self, table: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self._call("GET", f"/records/{table}")
        return rows

    def set_licence_status(self, number: str, status: str, *, by: str | None = None,
                           reason_ar: str = "", reason_en: str = "") -> None:
        """Suspend or cancel a licence as the Labour Office / Zakat authority would."""
        self._call("POST", f"/licences/{number}/status",
                   json={"status": status, "by": by, "reason_ar": reason_ar,
                         "reason_en": reason_en})

    def reject_transaction(self, number: str) -> None:
        self._call("POST", f"/transactions/{number}/reject", json={})

    def issue_enrolment_code(self, order: EnrolmentCodeOrder) -> IssuedEnrolmentCode:
        """A one-time enrolment code for `order`'s kiosk, with its pairing data."""
        return IssuedEnrolmentCode.model_validate(
            self._call("POST", "/enrolment-codes", json=order.model_dump(mode="json")))

    def revoke_enrolment_code(self, code_id: str) -> None:
        self._call("POST", f"/enrolment-codes/{code_id}/revoke")

    def pilot(self, start: str | None = None, end: str | None = None) -> dict[str, Any]:
        """The pilot's figures (`GET /admin/pilot`) for Riyadh days `start`..`end`."""
        params = {k: v for k, v in (("from", start), ("to", end)) if v}
        report: dict[str, Any] = self._call("GET", "/pilot", params=params)
        return report

    def fleet(self) -> Fleet:
        """Every active kiosk as the municipality last heard from it."""
        return Fleet.model_validate(self._call("GET", "/fleet"))

    def command(self, kiosk_id: str, kind: OperatorCommandKind | str, *,
                reason_en: str = "", reason_ar: str = "") -> CommandState:
        """Queues an operator's command for `kiosk_id` (taken with its next heartbeat)."""
        body = CommandRequest(kind=OperatorCommandKind(kind), reason_en=reason_en,
                              reason_ar=reason_ar)
        return CommandState.model_validate(self._call(
            "POST", f"/kiosks/{kiosk_id}/commands", json=body.model_dump(mode="json")))

    def screenshot(self, kiosk_id: str) -> bytes:
        """The kiosk's last screenshot (PNG bytes)."""
        response = self._http.get(f"/kiosks/{kiosk_id}/screenshot.png")
        response.raise_for_status()
        return response.content


class SandboxProcess:
    """Runs `python -m sandbox` in `data_dir`; use as a context manager or call stop()."""

    def __init__(self, data_dir: Path, *, host: str = "127.0.0.1", port: int = 0,
                 admin_token: str | None = None, verify_limit: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        # Per-client allowance of the verification pages ("30/minute"; None: the default).
        self.verify_limit = verify_limit
        self.host = host
        self.port = port
        self.admin_token = admin_token or secrets.token_urlsafe(18)
        # The bearer credential Prometheus scrapes /metrics with.
        self.scrape_token = secrets.token_urlsafe(18)
        self._proc: subprocess.Popen[bytes] | None = None
        self._out: IO[bytes] | None = None
        self._admin: SandboxAdmin | None = None
        self.base_url = ""
        self.ca_path = Path()
        self.api_key = ""

    # --- lifecycle ------------------------------------------------------------------

    def __enter__(self) -> SandboxProcess:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def origin(self) -> str:
        """`https://host:port` without the `/v1` suffix (admin and public pages)."""
        return self.base_url.removesuffix("/v1")

    @property
    def sms_page_url(self) -> str:
        """The SMS outbox for a person's browser (it asks for the admin token once)."""
        return f"{self.origin}/admin/sms.html"

    @property
    def admin_token_path(self) -> Path:
        """The 0600 file holding the admin token (what a person signs in with)."""
        return self.data_dir / ADMIN_TOKEN_FILE

    @property
    def scrape_token_path(self) -> Path:
        """The 0600 file holding the scrape credential (Prometheus's `credentials_file`)."""
        return self.data_dir / SCRAPE_TOKEN_FILE

    @property
    def metrics_url(self) -> str:
        return f"{self.origin}/metrics"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def admin(self) -> SandboxAdmin:
        if self._admin is None:
            raise SandboxError("the sandbox is not running")
        return self._admin

    def open_admin(self) -> SandboxAdmin:
        """A new admin client of its own (for another thread); the caller closes it."""
        if not self.running:
            raise SandboxError("the sandbox is not running")
        return SandboxAdmin(self.origin, self.ca_path, self.admin_token)

    def ssl_context(self) -> ssl.SSLContext:
        """A client context trusting only the sandbox's CA (for raw httpx calls), with the
        kiosk's TLS policy."""
        return client_context(str(self.ca_path))

    @property
    def log_path(self) -> Path:
        return self.data_dir / "sandbox.log"

    def start(self) -> None:
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        write_private(self.admin_token_path, self.admin_token + "\n")
        write_private(self.scrape_token_path, self.scrape_token + "\n")
        self._out = open_private(self.log_path)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "sandbox", "--host", self.host, "--port", str(self.port),
             "--data-dir", str(self.data_dir),
             f"--admin-token-file={self.admin_token_path}",
             f"--scrape-token-file={self.scrape_token_path}", f"--parent-pid={os.getpid()}",
             *([f"--verify-limit={self.verify_limit}"] if self.verify_limit else [])],
            stdin=subprocess.DEVNULL, stdout=self._out, stderr=subprocess.STDOUT, env=env,
            # Its own process group: the terminal's Ctrl+C goes to the parent only, which
            # then stops the child after the parts that still talk to it.
            process_group=0,
        )
        try:
            ready = self._wait_ready()
            self.base_url = ready["base_url"]
            self.port = int(ready["port"])
            self.ca_path = Path(ready["ca_path"])
            self.api_key = ready["api_key"]
            self._admin = SandboxAdmin(self.origin, self.ca_path, self.admin_token)
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.terminate()
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait(timeout=10)
            self._proc = None
        if self._out is not None:
            self._out.close()
            self._out = None

    def restart(self) -> None:
        """Stops and starts again on the same data directory and port."""
        self.stop()
        self.start()

    # --- waiting --------------------------------------------------------------------

    def _log_tail(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""

    def _wait_ready(self) -> dict[str, Any]:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            for line in self._log_tail().splitlines():
                if line.startswith(READY_PREFIX):
                    ready: dict[str, Any] = json.loads(line[len(READY_PREFIX):])
                    return ready
            if self._proc is not None and self._proc.poll() is not None:
                raise SandboxError(f"the sandbox exited during start:\n{self._log_tail()}")
            time.sleep(0.05)
        raise SandboxError(f"the sandbox did not get ready in {START_TIMEOUT_S} s:\n"
                           f"{self._log_tail()}")

    def _wait_healthy(self) -> None:
        context = self.ssl_context()
        deadline = time.monotonic() + START_TIMEOUT_S
        with httpx.Client(verify=context, timeout=2.0) as http:
            while time.monotonic() < deadline:
                try:
                    if http.get(f"{self.base_url}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        raise SandboxError(f"the sandbox never answered /v1/health:\n{self._log_tail()}")
