"""A card payment terminal on a pseudo-terminal, speaking AHS-ECR v1 byte for byte.

The demo and every terminal test use it instead of a real terminal: the driver opens the
pty's device path with pyserial exactly as it opens /dev/ttyUSB0, so framing, ACK/NAK,
timeouts and reconnection are exercised for real. Scenarios cover what a terminal does in
the field — approvals, declines, a customer walking away, slow cards, silence, corrupted
frames, the cable pulled right after approving — chosen per run (`set_scenario`) or, with
no scenario set, by the amount's last two digits (`AMOUNT_SCENARIOS`).

The device path is a symbolic link (like /dev/serial/by-id/...) that follows the current
pty, so "pulling the cable" (`unplug()`, or the link-drop scenario) hangs the line up for
real and plugging in again gives the driver a fresh line at the same path.

Run: `python -m kiosk.devices.emulators.terminal [--scenario NAME]`; the first line of
output is the device path.
"""

from __future__ import annotations

import argparse
import logging
import os
import pty
import queue
import random
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
import tty
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.devices.terminal.errors import ProtocolError
from kiosk.devices.terminal.framing import (
    ACK,
    ETX,
    INTER_BYTE_TIMEOUT_S,
    NAK,
    STX,
    Ack,
    BadFrame,
    Frame,
    FrameDecoder,
    Nak,
    encode_frame,
)
from kiosk.devices.terminal.link import MAX_RETRANSMISSIONS
from kiosk.devices.terminal.messages import (
    AbortRequest,
    LastTransactionReply,
    LastTransactionRequest,
    ProgressMessage,
    PurchaseRequest,
    Request,
    Response,
    ResultMessage,
    StatusReply,
    StatusRequest,
    decode_request,
    encode,
)
from kiosk.devices.terminal.model import PurchaseProgress

log = logging.getLogger(__name__)

SCENARIOS: tuple[str, ...] = (
    "approve",
    "decline_insufficient_funds",
    "decline_wrong_pin",
    "decline_card_expired",
    "customer_cancels",
    "slow_card",
    "no_answer",
    "corrupted_frame",
    "truncated_frame",
    "link_drop_after_approval",
    "silent",
    "garbage",
)
# With no scenario set, a purchase's amount picks one: halalas % 100 (ISO 8583 flavoured).
AMOUNT_SCENARIOS: dict[int, str] = {
    51: "decline_insufficient_funds",
    55: "decline_wrong_pin",
    54: "decline_card_expired",
    17: "customer_cancels",
    37: "slow_card",
    68: "no_answer",
    96: "corrupted_frame",
    97: "truncated_frame",
    98: "link_drop_after_approval",
}
_DECLINES = {
    "decline_insufficient_funds": ("51", "INSUFFICIENT FUNDS"),
    "decline_wrong_pin": ("55", "INCORRECT PIN"),
    "decline_card_expired": ("54", "EXPIRED CARD"),
}
_TICK_S = 0.02


@dataclass(frozen=True, slots=True)
class EmulatedCharge:
    """A charge the emulated terminal approved: what the bank would actually take."""

    reference: str
    amount_halalas: int
    approval_code: str
    rrn: str


@dataclass
class _Transaction:
    reference: str
    amount_halalas: int
    scenario: str


class TerminalEmulator:
    """An AHS-ECR terminal in a background thread; see the module docstring."""

    def __init__(
        self,
        scenario: str | None = None,
        *,
        step_delay_s: float = 0.3,
        slow_card_delay_s: float = 5.0,
        link_down_s: float | None = 1.0,
        ack_timeout_s: float = 1.0,
        link_dir: Path | None = None,
        terminal_id: str = "AHS-T-0001",
        model: str = "AHS-EMU-1",
    ) -> None:
        self._check(scenario)
        self._scenario = scenario
        self.step_delay_s = step_delay_s
        self.slow_card_delay_s = slow_card_delay_s
        self.link_down_s = link_down_s
        self.ack_timeout_s = ack_timeout_s
        self.terminal_id = terminal_id
        self.model = model
        self._own_dir = link_dir is None
        self._dir = Path(tempfile.mkdtemp(prefix="ahs-terminal-")) if link_dir is None else link_dir
        self.device_path = str(self._dir / "ttyAHS-ECR")
        self.pty_path: str | None = None
        self._master: int | None = None
        self._slave: int | None = None
        self._decoder = FrameDecoder()
        self._last_byte_at = time.monotonic()
        self._outbox: list[tuple[bytes, str]] = []  # (frame, "" | "corrupt_first" | "truncate")
        self._sending: tuple[bytes, int, float, str] | None = None  # + attempts, deadline, mangle
        self._schedule: list[tuple[float, Callable[[], None]]] = []
        self._txn: _Transaction | None = None
        self._last: ResultMessage | None = None
        self._commands: queue.Queue[tuple[Callable[[], None], threading.Event]] = queue.Queue()
        self._wake_r, self._wake_w = os.pipe()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._purchases: list[EmulatedCharge] = []
        self._requests: list[Request] = []
        self._random = random.Random(5)  # seeded: the same noise every run
        self._approvals = 0

    # -- control (any thread) ------------------------------------------------------------

    def start(self) -> TerminalEmulator:
        self._plug_in()
        self._thread = threading.Thread(target=self._run, name="terminal-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        os.write(self._wake_w, b"x")
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._unplug()
        os.close(self._wake_r)
        os.close(self._wake_w)
        if self._own_dir:
            shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> TerminalEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_scenario(self, name: str | None) -> None:
        """Forces a scenario for everything from now on; None: choose by amount."""
        self._check(name)
        self._call(lambda: setattr(self, "_scenario", name))

    @property
    def purchases(self) -> list[EmulatedCharge]:
        with self._lock:
            return list(self._purchases)

    @property
    def requests(self) -> list[Request]:
        """Every well-formed request received, retransmissions included."""
        with self._lock:
            return list(self._requests)

    def unplug(self) -> None:
        """Pulls the cable: the line hangs up and the device path disappears."""
        self._call(self._unplug)

    def plug_in(self) -> None:
        self._call(self._plug_in)

    # -- the terminal (emulator thread) ------------------------------------------------

    @staticmethod
    def _check(name: str | None) -> None:
        if name is not None and name not in SCENARIOS:
            raise ValueError(f"unknown scenario {name!r}; one of: {', '.join(SCENARIOS)}")

    def _call(self, action: Callable[[], None]) -> None:
        if self._thread is None or not self._thread.is_alive():
            action()
            return
        done = threading.Event()
        self._commands.put((action, done))
        os.write(self._wake_w, b"x")
        done.wait(timeout=5)

    def _run(self) -> None:
        while not self._stopping.is_set():
            fds = [self._wake_r] + ([self._master] if self._master is not None else [])
            readable, _, _ = select.select(fds, [], [], _TICK_S)
            if self._wake_r in readable:
                os.read(self._wake_r, 64)
            while not self._commands.empty():
                action, done = self._commands.get()
                action()
                done.set()
            if self._master is not None and self._master in readable:
                try:
                    data = os.read(self._master, 4096)
                except OSError:
                    data = b""
                if data:
                    self._last_byte_at = time.monotonic()
                    self._receive(data)
            self._drop_truncated()
            self._run_due()
            self._pump_outbox()

    def _receive(self, data: bytes) -> None:
        scenario = self._scenario
        for event in self._decoder.feed(data):
            if scenario == "silent":
                # It hears (requests are recorded) but its transmit line is dead.
                if isinstance(event, Frame):
                    self._record(event.payload)
                continue
            match event:
                case Frame(payload):
                    if scenario == "garbage":
                        self._write(self._noise())
                        continue
                    # Recorded before the ACK goes out: a caller that returns on the ACK
                    # (an idle abort) must find its request in `requests` at once.
                    request = self._record(payload)
                    self._write(bytes([ACK]))
                    if self._sending is not None:
                        # The kiosk has moved on (e.g. to last transaction): half duplex,
                        # the request wins and our unacknowledged frame is abandoned.
                        log.info("emulator: abandoning an unacknowledged frame")
                        self._sending = None
                    if request is not None:
                        self._handle(request)
                case BadFrame():
                    self._write(bytes([NAK]))
                case Ack() | Nak():
                    self._acknowledged(isinstance(event, Ack))
                case _:
                    pass

    def _record(self, payload: bytes) -> Request | None:
        try:
            request = decode_request(payload)
        except ProtocolError as exc:
            log.warning("emulator: malformed request", extra={"error": str(exc)})
            return None
        with self._lock:
            self._requests.append(request)
        return request

    def _drop_truncated(self) -> None:
        quiet = time.monotonic() - self._last_byte_at
        if (self._decoder.holds_partial_frame and quiet >= INTER_BYTE_TIMEOUT_S
                and self._scenario != "silent"):
            self._decoder.drop_partial()
            self._write(bytes([NAK]))

    def _handle(self, request: Request) -> None:
        match request:
            case PurchaseRequest(amount, reference):
                self._purchase(amount, reference)
            case AbortRequest():
                txn = self._txn
                if txn is not None:
                    self._schedule.clear()
                    self._finish(ResultMessage("C", txn.reference, txn.amount_halalas,
                                               text="CANCELLED BY ECR"))
            case StatusRequest():
                busy = self._txn is not None
                self._send(StatusReply("BUSY" if busy else "IDLE", self.terminal_id, self.model))
            case LastTransactionRequest(reference):
                if self._txn is not None and self._txn.reference == reference:
                    self._send(LastTransactionReply("P", reference))
                elif self._last is not None and self._last.reference == reference:
                    self._send(LastTransactionReply("Y", reference, self._last))
                else:
                    self._send(LastTransactionReply("N", reference))

    def _purchase(self, amount: int, reference: str) -> None:
        if self._txn is not None:
            if self._txn.reference != reference:
                self._send(ResultMessage("E", reference, amount, reason_code="BY",
                                         text="TERMINAL BUSY"))
            return  # a retransmitted request for the running purchase: nothing new
        if self._last is not None and self._last.reference == reference:
            self._send(self._last)  # a repeated reference is answered, never charged again
            return
        scenario = self._scenario or AMOUNT_SCENARIOS.get(amount % 100, "approve")
        self._txn = _Transaction(reference, amount, scenario)
        log.info("emulator: purchase", extra={"reference": reference, "scenario": scenario})
        steps: list[tuple[float, Callable[[], None]]] = [
            (1, self._progress(PurchaseProgress.WAITING_FOR_CARD))]
        card = 2 if scenario != "slow_card" else 2 + self.slow_card_delay_s / self.step_delay_s
        match scenario:
            case "no_answer":
                pass
            case "customer_cancels":
                steps.append((card, lambda: self._finish(
                    ResultMessage("C", reference, amount, text="CANCELLED BY CUSTOMER"))))
            case "decline_card_expired":
                steps += [(card, self._progress(PurchaseProgress.CARD_READ)),
                          (card + 1, self._progress(PurchaseProgress.AUTHORISING)),
                          (card + 2, lambda: self._decline(scenario))]
            case _:
                steps += [(card, self._progress(PurchaseProgress.CARD_READ)),
                          (card + 1, self._progress(PurchaseProgress.PIN_ENTRY)),
                          (card + 2, self._progress(PurchaseProgress.AUTHORISING))]
                final = (self._decline if scenario in _DECLINES else self._approve)
                steps.append((card + 3, lambda: final(scenario)))
        now = time.monotonic()
        self._schedule = [(now + n * self.step_delay_s, action) for n, action in steps]

    def _progress(self, step: PurchaseProgress) -> Callable[[], None]:
        return lambda: self._send(ProgressMessage(step))

    def _decline(self, scenario: str) -> None:
        txn = self._txn
        assert txn is not None
        code, text = _DECLINES[scenario]
        self._finish(ResultMessage("D", txn.reference, txn.amount_halalas, masked_pan="",
                                   scheme="mada", reason_code=code, text=text))

    def _approve(self, scenario: str) -> None:
        txn = self._txn
        assert txn is not None
        self._approvals += 1
        charge = EmulatedCharge(txn.reference, txn.amount_halalas,
                                f"{100000 + self._approvals * 7919 % 900000:06d}",
                                f"{time.time_ns() % 10**12:012d}")
        with self._lock:
            self._purchases.append(charge)
        result = ResultMessage("A", txn.reference, txn.amount_halalas, charge.approval_code,
                               "************1234", "mada", charge.rrn, "00", "APPROVED")
        if scenario == "link_drop_after_approval":
            self._last, self._txn = result, None
            log.info("emulator: approved, now dropping the link")
            self._unplug()
            if self.link_down_s is not None:
                self._schedule.append((time.monotonic() + self.link_down_s, self._plug_in))
            return
        mangle = {"corrupted_frame": "corrupt_first", "truncated_frame": "truncate"}
        self._finish(result, mangle=mangle.get(scenario, ""))

    def _finish(self, result: ResultMessage, *, mangle: str = "") -> None:
        self._last, self._txn = result, None
        self._send(result, mangle=mangle)

    def _run_due(self) -> None:
        now = time.monotonic()
        due = [entry for entry in self._schedule if entry[0] <= now]
        self._schedule = [entry for entry in self._schedule if entry[0] > now]
        for _, action in sorted(due, key=lambda entry: entry[0]):
            action()

    # -- link layer --------------------------------------------------------------------

    def _send(self, message: Response, *, mangle: str = "") -> None:
        self._outbox.append((encode_frame(encode(message)), mangle))

    def _pump_outbox(self) -> None:
        if self._sending is not None:
            frame, attempts, deadline, mangle = self._sending
            if time.monotonic() < deadline:
                return
            if attempts > MAX_RETRANSMISSIONS:
                log.warning("emulator: frame never acknowledged, dropped")
                self._sending = None
            else:
                self._transmit(frame, attempts, mangle)
                return
        if self._outbox:
            frame, mangle = self._outbox.pop(0)
            self._transmit(frame, 0, mangle)

    def _transmit(self, frame: bytes, attempts_so_far: int, mangle: str) -> None:
        wire = frame
        if mangle == "truncate":
            wire = frame[: len(frame) // 2]
        elif mangle == "corrupt_first" and attempts_so_far == 0:
            wire = frame[:-1] + bytes([frame[-1] ^ 0x5A])
        self._write(wire)
        self._sending = (frame, attempts_so_far + 1, time.monotonic() + self.ack_timeout_s, mangle)

    def _acknowledged(self, ok: bool) -> None:
        if self._sending is None:
            return
        frame, attempts, _, mangle = self._sending
        self._sending = None if ok else (frame, attempts, 0.0, mangle)  # NAK: send again now

    def _write(self, data: bytes) -> None:
        if self._master is None:
            return
        try:
            os.write(self._master, data)
        except OSError:
            log.debug("emulator: write on a hung-up line", exc_info=True)

    def _noise(self) -> bytes:
        banned = {STX, ETX, ACK, NAK}
        return bytes(b for b in self._random.randbytes(48) if b not in banned)

    def _unplug(self) -> None:
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None
        self._decoder = FrameDecoder()
        self._outbox.clear()
        self._sending = None
        Path(self.device_path).unlink(missing_ok=True)

    def _plug_in(self) -> None:
        if self._master is not None:
            return
        self._master, self._slave = pty.openpty()
        tty.setraw(self._slave)
        os.set_blocking(self._master, False)
        self.pty_path = os.ttyname(self._slave)
        tmp = Path(self.device_path + ".new")
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(self.pty_path)
        tmp.replace(self.device_path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.devices.emulators.terminal",
        description="An AHS-ECR card terminal on a pseudo-terminal (prints its device path).",
    )
    parser.add_argument("--scenario", choices=SCENARIOS, default=None,
                        help="force one scenario (default: chosen by the amount's halalas)")
    parser.add_argument("--step-delay", type=float, default=0.8, metavar="S",
                        help="seconds between the terminal's steps (default 0.8)")
    parser.add_argument("--link-dir", type=Path, default=None,
                        help="folder for the device-path link (default: a temporary folder)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    # Handlers first: whoever reads the device path may stop us at once, and the link
    # must still be removed.
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    emulator = TerminalEmulator(args.scenario, step_delay_s=args.step_delay,
                                link_dir=args.link_dir).start()
    print(emulator.device_path, flush=True)
    try:
        stop.wait()
    finally:
        emulator.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
