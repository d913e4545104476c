"""Tells systemd how the kiosk is doing, over the sd_notify protocol.

On a provisioned kiosk (`scripts/install_kiosk.sh`) systemd starts the compositor with the
kiosk as its child, as a `Type=notify` service with a watchdog: the service counts as
started only once the kiosk says `READY=1`, and systemd restarts it when the `WATCHDOG=1`
pings stop. The protocol is small enough to speak here without a dependency (no sd_notify
library is among the project's wheels, and `systemd-python` would need libsystemd's
headers to build): one datagram per message, newline-separated `KEY=VALUE` fields, sent to
the AF_UNIX socket named in `$NOTIFY_SOCKET` (a leading `@` names an abstract socket), as
sd_notify(3) describes. The watchdog's period comes from `$WATCHDOG_USEC`, and
`$WATCHDOG_PID`, when set, names the one process that should ping (sd_watchdog_enabled(3)).

Without `$NOTIFY_SOCKET` (development, the tests, the demo) every call does nothing. No
Qt here: the shell's watchdog (`kiosk/shell/watchdog.py`) decides when to speak.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import MutableMapping
from dataclasses import dataclass

log = logging.getLogger(__name__)

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"


@dataclass(frozen=True, slots=True)
class Notifier:
    """The kiosk's line to systemd: where to send, and how often the watchdog wants a ping.

    `address` is what `socket.sendto` takes (a path, or bytes starting with NUL for an
    abstract name), None when systemd is not listening. `watchdog_usec` is systemd's
    watchdog timeout for this process, None when no watchdog watches it.
    """

    address: str | bytes | None = None
    watchdog_usec: int | None = None

    @classmethod
    def from_environment(cls, environ: MutableMapping[str, str] | None = None, *,
                         pid: int | None = None) -> Notifier:
        """Reads systemd's variables and removes them from `environ` (like sd_notify's
        `unset_environment`), so a process this one starts cannot speak for the kiosk."""
        env = os.environ if environ is None else environ
        raw_address = env.pop(NOTIFY_SOCKET, "")
        raw_usec = env.pop(WATCHDOG_USEC, "")
        raw_pid = env.pop(WATCHDOG_PID, "")
        address = _address(raw_address)
        if address is None:
            return cls()
        return cls(address, _watchdog_usec(raw_usec, raw_pid,
                                           os.getpid() if pid is None else pid))

    @property
    def enabled(self) -> bool:
        return self.address is not None

    @property
    def watchdog_interval_ms(self) -> int | None:
        """How often to ping: half the timeout, as sd_watchdog_enabled(3) recommends."""
        if self.watchdog_usec is None:
            return None
        return max(1, self.watchdog_usec // 2000)

    def send(self, *fields: str) -> bool:
        """Sends one message (`"READY=1"`, `"STATUS=..."`); True if systemd got it.

        Never blocks: a full socket buffer (systemd busy) drops this message and the next
        ping tries again, rather than freezing the UI thread that sends it.
        """
        if self.address is None or not fields:
            return False
        message = "\n".join(fields).encode("utf-8")
        try:
            with socket.socket(socket.AF_UNIX,
                               socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(message, socket.MSG_DONTWAIT, self.address)
        except OSError as exc:
            log.warning("systemd notification not sent", extra={"error": str(exc)})
            return False
        return True

    def ready(self, status: str) -> bool:
        return self.send("READY=1", f"STATUS={_one_line(status)}")

    def watchdog(self) -> bool:
        return self.send("WATCHDOG=1")

    def status(self, status: str) -> bool:
        return self.send(f"STATUS={_one_line(status)}")

    def stopping(self, status: str) -> bool:
        return self.send("STOPPING=1", f"STATUS={_one_line(status)}")


def _address(raw: str) -> str | bytes | None:
    if raw.startswith("@") and len(raw) > 1:
        # An abstract socket: the name starts with a NUL byte instead of the "@".
        return b"\0" + raw[1:].encode("utf-8")
    if raw.startswith("/"):
        return raw
    if raw:
        # systemd 253 added vsock addresses (for virtual machines): not a kiosk's case.
        log.warning("NOTIFY_SOCKET is not an AF_UNIX address; not notifying systemd")
    return None


def _watchdog_usec(raw_usec: str, raw_pid: str, pid: int) -> int | None:
    if not raw_usec:
        return None
    # The watchdog watches the process it names; any other one stays quiet.
    if raw_pid and (not raw_pid.isdigit() or int(raw_pid) != pid):
        return None
    if not raw_usec.isdigit() or int(raw_usec) == 0:
        log.warning("WATCHDOG_USEC is not a positive number; not pinging the watchdog")
        return None
    return int(raw_usec)


def _one_line(text: str) -> str:
    # A newline would start a new KEY=VALUE field of its own.
    return " ".join(text.split())
