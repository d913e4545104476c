"""The kiosk's heartbeat: its health to the municipality, the operators' commands back.

Operators cannot reach a kiosk behind a mall's or a hotel's network, so the kiosk calls
in: every `api.heartbeat_interval_s` a thread of its own takes a fresh health snapshot
(`kiosk.health.model.take_snapshot` over every reporter) and posts it with the software
version, whether the kiosk serves the public, the commands it has carried out and the
screenshot an operator asked for. It does not go through the outbox: a heartbeat that
does not get through is simply replaced by the next one, with a newer snapshot. What
must not be lost (acknowledgements, a screenshot) waits in memory for the next heartbeat
that is delivered.

The answer carries the operators' commands (`OperatorCommands` carries them out): out of
service and back (the `OPERATOR` hold on `ServiceState`, which waits for the current
beneficiary's session to end), and a screenshot (taken by the shell once no session
runs). Each is acknowledged in the next heartbeat after it is carried out; the server
repeats a command until then, and the ids already carried out are kept so a repeat
does nothing twice.

The municipality, not this process, is the source of truth for the operators' hold: every
answer also carries their current wish (`OperatorService`: in service, or out with the
public reason), and the kiosk follows it (`OperatorCommands.follow`). So a kiosk that
restarts, with its holds gone from memory and the command long acknowledged, takes the
hold again with its first heartbeat, and it still waits for a session to end.

No Qt here (the real-stack test and the fleet benchmark run it without a window); a
failure is logged once per outage, never with a traceback, and never touches the UI.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

from kiosk import __version__
from kiosk.api.schema import (
    ComponentReport,
    Heartbeat,
    HeartbeatReply,
    OperatorCommand,
    OperatorCommandKind,
    OperatorService,
)
from kiosk.errors import KnownError
from kiosk.health.model import HealthReporter, HealthSnapshot, take_snapshot
from kiosk.health.service import OPERATOR, ServiceState
from kiosk.logs import redact

log = logging.getLogger(__name__)

#: How many carried-out command ids are remembered (far more than operators queue
#: between two heartbeats).
_SEEN = 256
_TEXT_MAX = 300  # the contract's longest summary or detail text

#: Called with the screenshot's PNG bytes (None: none could be taken), from any thread.
Deliver = Callable[[bytes | None], None]


class HeartbeatClient(Protocol):
    """What the sender needs of `MunicipalityClient`."""

    def heartbeat(self, heartbeat: Heartbeat) -> HeartbeatReply: ...


class ScreenshotTaker(Protocol):
    """The shell's side of a screenshot: waits until no beneficiary session runs, grabs
    the window and calls `deliver` (from any thread)."""

    def take_screenshot(self, deliver: Deliver) -> None: ...


class OperatorCommands:
    """Carries out the operators' commands on this kiosk. Holds may be placed from any
    thread (`ServiceState`); the screenshot is the shell's (None: a kiosk with no window
    acknowledges the request without a picture)."""

    def __init__(self, service: ServiceState, screenshots: ScreenshotTaker | None = None) -> None:
        self.service = service
        self.screenshots = screenshots

    def apply(self, command: OperatorCommand, done: Deliver) -> None:
        """Carries out `command`; `done` is called once it is (with a screenshot's PNG)."""
        log.info("operator command", extra={"command": command.kind.value,
                                            "command_id": command.id})
        if command.kind is OperatorCommandKind.OUT_OF_SERVICE:
            self.service.hold(OPERATOR, command.reason_en, command.reason_ar)
            done(None)
        elif command.kind is OperatorCommandKind.IN_SERVICE:
            self.service.release(OPERATOR)
            done(None)
        elif self.screenshots is None:
            log.info("screenshot asked of a kiosk without a window")
            done(None)
        else:
            self.screenshots.take_screenshot(done)


    def follow(self, wish: OperatorService) -> None:
        """Keeps the `OPERATOR` hold as the municipality says (nothing when it already is)."""
        held = self.service.holding(OPERATOR)
        if wish.in_service:
            if held is not None:
                log.info("operators want the kiosk in service")
                self.service.release(OPERATOR)
        elif held is None or (held.reason_en, held.reason_ar) != (wish.reason_en,
                                                                 wish.reason_ar):
            log.info("operators want the kiosk out of service")
            self.service.hold(OPERATOR, wish.reason_en, wish.reason_ar)


def _text(value: str) -> str:
    return redact(value)[:_TEXT_MAX]


def heartbeat_of(snapshot: HealthSnapshot, *, version: str, in_service: bool,
                 acknowledged: Sequence[str] = (), screenshot: bytes | None = None) -> Heartbeat:
    """The contract's heartbeat for a snapshot. Every text is passed through `redact` on
    its way out: reporters put no personal data in their words, and this is the guard."""
    components = [ComponentReport(
        component=c.component, status=c.status.label, summary=_text(c.summary),
        details={k: _text(v) if isinstance(v, str) else v for k, v in c.details.items()},
    ) for c in snapshot.components]
    return Heartbeat(
        kiosk_id=snapshot.kiosk_id, taken_at=snapshot.taken_at, status=snapshot.status.label,
        components=components, version=version, in_service=in_service,
        acknowledged=list(acknowledged),
        screenshot_png=None if screenshot is None else base64.b64encode(screenshot).decode(),
    )


class HeartbeatSender:
    """Sends this kiosk's heartbeat every `interval_s` on a thread of its own and carries
    out the commands in the answers (see the module docstring). `beat_once` is the one
    heartbeat, for a caller with its own schedule (the fleet benchmark)."""

    def __init__(self, client: HeartbeatClient, kiosk_id: str,
                 reporters: Sequence[HealthReporter], commands: OperatorCommands, *,
                 interval_s: float = 30.0, version: str = __version__) -> None:
        self._client = client
        self._kiosk_id = kiosk_id
        # The live list: reporters attached later (the shell's) are in later snapshots.
        self._reporters = reporters
        self._commands = commands
        self._interval_s = interval_s
        self._version = version
        self._lock = threading.Lock()
        self._acknowledged: list[str] = []
        self._screenshot: bytes | None = None
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._failures = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def failures(self) -> int:
        """Heartbeats in a row that did not get through (0 once one does)."""
        return self._failures

    def start(self) -> None:
        """Starts the thread (the first heartbeat goes at once); again after `stop`."""
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-heartbeat", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ends the thread after the heartbeat it may be sending."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self.beat_once()
            self._wake.wait(self._interval_s)
            self._wake.clear()

    def beat_once(self) -> HeartbeatReply | None:
        """Takes a snapshot, sends it and carries out the answer's commands; None when
        the heartbeat did not get through (logged once per outage). Never raises."""
        try:
            snapshot = take_snapshot(self._kiosk_id, list(self._reporters))
            with self._lock:
                acknowledged = list(self._acknowledged)
                screenshot = self._screenshot
            reply = self._client.heartbeat(heartbeat_of(
                snapshot, version=self._version, in_service=self._commands.service.in_service,
                acknowledged=acknowledged, screenshot=screenshot))
        except Exception as error:  # the thread must outlive any failure, expected or not
            self._failed(error)
            return None
        with self._lock:
            sent = set(acknowledged)
            self._acknowledged = [i for i in self._acknowledged if i not in sent]
            if self._screenshot is screenshot:
                self._screenshot = None
        if self._failures:
            log.info("heartbeat delivered again", extra={"missed": self._failures})
            self._failures = 0
        for command in reply.commands:
            self._take(command)
        if reply.service is not None:
            try:
                self._commands.follow(reply.service)
            except Exception as error:  # a bug; the heartbeat goes on
                log.error("operators' service wish failed", extra={
                    "error": type(error).__name__})
        return reply

    def _failed(self, error: Exception) -> None:
        self._failures += 1
        if self._failures > 1:
            return
        if isinstance(error, KnownError):
            log.warning("heartbeat not delivered; trying again every interval",
                        extra={"error": type(error).__name__, "reason": error.message_en})
        else:  # a bug, but one that must not stop the kiosk: its name, never a traceback
            log.error("heartbeat failed unexpectedly; trying again every interval",
                      extra={"error": type(error).__name__})

    def _take(self, command: OperatorCommand) -> None:
        with self._lock:
            if command.id in self._seen:
                return
            self._seen[command.id] = None
            while len(self._seen) > _SEEN:
                self._seen.popitem(last=False)
        try:
            self._commands.apply(command, lambda png: self._done(command.id, png))
        except Exception as error:  # a bug; the heartbeat goes on, the command is not acked
            log.error("operator command failed", extra={"command": command.kind.value,
                                                        "error": type(error).__name__})

    def _done(self, command_id: str, screenshot: bytes | None) -> None:
        with self._lock:
            self._acknowledged.append(command_id)
            if screenshot is not None:
                self._screenshot = screenshot
        if screenshot is not None:
            # An operator is waiting for the picture: send it now, not a whole interval on.
            self._wake.set()
