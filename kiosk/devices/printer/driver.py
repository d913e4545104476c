"""The receipt printer driver: status before and after, raster, feed, cut — or a typed error.

Blocking by design (sockets, serial, USB): call it from a worker thread, never the UI
thread. Every step has a deadline derived from `PrinterSettings.timeout_s`, so a dead,
slow or half-connected printer ends in a `PrinterError` a journey can act on, not a hang.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from escpos.capabilities import get_profile

from kiosk.config import PrinterSettings
from kiosk.devices.printer.errors import (
    CoverOpen,
    PaperOut,
    PrinterConfigError,
    PrinterError,
    PrinterFault,
    PrinterUnreachable,
)
from kiosk.devices.printer.receipt import Receipt
from kiosk.devices.printer.status import (
    DLE_EOT,
    STATUS_REQUESTS,
    PrinterState,
    PrinterStatus,
    StatusByteError,
    decode_status,
)
from kiosk.devices.printer.transport import (
    Endpoint,
    Link,
    feed_and_cut,
    open_link,
    parse_connection,
)
from kiosk.health.model import ComponentHealth, Status

log = logging.getLogger(__name__)

ESC_INIT = b"\x1b@"
COMPONENT = "printer"


def query_status(link: Link, timeout: float) -> PrinterStatus:
    """Asks DLE EOT 1-4 on an open link; all four answers must arrive within `timeout`."""
    deadline = time.monotonic() + timeout
    link.discard_input()
    answers: dict[int, int] = {}
    for n in STATUS_REQUESTS:
        link.write(DLE_EOT + bytes((n,)), deadline)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return PrinterStatus.unreachable(
                    f"no answer to status request {n} within {timeout:g} s")
            data = link.read(remaining)
            if data:
                answers[n] = data[-1]  # a late answer to an earlier request comes first
                break
    try:
        return decode_status(answers)
    except StatusByteError as exc:
        return PrinterStatus(reachable=True, error=True, detail=str(exc))


def raise_for(status: PrinterStatus, when: str) -> None:
    """Turns a status that forbids printing into the matching typed error."""
    state = status.state
    text = f"{status.describe()} ({when})"
    if state is PrinterState.UNREACHABLE:
        raise PrinterUnreachable(text)
    if state is PrinterState.PAPER_OUT:
        raise PaperOut(text)
    if state is PrinterState.COVER_OPEN:
        raise CoverOpen(text)
    if state in (PrinterState.FAULT, PrinterState.OFFLINE):
        raise PrinterFault(text)


class ReceiptPrinter:
    """One configured receipt printer. Thread-safe: jobs and status checks take turns,
    because most printers accept one connection at a time."""

    def __init__(self, settings: PrinterSettings,
                 *, renderer: Callable[[Receipt, int], bytes] | None = None) -> None:
        """Raises PrinterConfigError for an unusable connection URL or unknown profile."""
        self.settings = settings
        self._endpoint: Endpoint | None = parse_connection(settings.connection)
        try:
            profile = get_profile(settings.profile)
        except (KeyError, ValueError) as exc:
            raise PrinterConfigError(f"unknown printer profile {settings.profile!r}") from exc
        media = profile.profile_data.get("media", {}).get("width", {}).get("pixels")
        self.profile_dot_width: int | None = media if isinstance(media, int) else None
        if self.profile_dot_width and self.profile_dot_width != settings.dot_width:
            log.warning("printer dot width differs from its profile",
                        extra={"dot_width": settings.dot_width,
                               "profile_dot_width": self.profile_dot_width})
        self._cut = feed_and_cut(settings.profile)
        self._render = renderer or _render_raster
        self._lock = threading.Lock()
        self.last_status: PrinterStatus | None = None
        self.printed = 0
        self.failed = 0
        self.last_printed_at: datetime | None = None
        #: Why the last job failed and when (the technician's printer tool shows it).
        self.last_error: PrinterError | None = None
        self.last_error_at: datetime | None = None

    @property
    def configured(self) -> bool:
        return self._endpoint is not None

    def _open(self) -> Link:
        if self._endpoint is None:
            raise PrinterUnreachable("no printer configured (connection = none)")
        return open_link(self._endpoint, self.settings.profile, self.settings.timeout_s)

    def status(self) -> PrinterStatus:
        """Asks the printer now; never raises (an unreachable printer is a status)."""
        with self._lock:
            try:
                link = self._open()
            except PrinterError as exc:
                status = PrinterStatus.unreachable(str(exc))
            else:
                try:
                    status = query_status(link, self.settings.timeout_s)
                except PrinterError as exc:
                    status = PrinterStatus.unreachable(str(exc))
                finally:
                    link.close()
            self.last_status = status
            return status

    def print_receipt(self, receipt: Receipt) -> PrinterStatus:
        """Prints and cuts one receipt; returns the status after printing (which may say
        paper near end). Needs a QGuiApplication for the layout. Raises PrinterError."""
        raster = self._render(receipt, self.settings.dot_width)
        return self.print_raster(raster)

    def print_raster(self, raster: bytes) -> PrinterStatus:
        """Sends ready `GS v 0` raster bytes as one job: init, raster, feed, cut."""
        job = ESC_INIT + raster + self._cut
        with self._lock:
            try:
                after = self._run_job(job)
            except PrinterError as exc:
                self.failed += 1
                self.last_error, self.last_error_at = exc, datetime.now(UTC)
                log.warning("receipt not printed", extra={"reason": str(exc),
                                                          "error": type(exc).__name__})
                raise
            self.printed += 1
            self.last_printed_at = datetime.now(UTC)
            log.info("receipt printed", extra={"bytes": len(job), "state": after.state.value})
            return after

    def _run_job(self, job: bytes) -> PrinterStatus:
        timeout = self.settings.timeout_s
        link = self._open()
        try:
            before = query_status(link, timeout)
            self.last_status = before
            raise_for(before, "before printing")
            rate = self._endpoint.bytes_per_second if self._endpoint else 20_000.0
            link.write(job, time.monotonic() + timeout + len(job) / rate)
            after = query_status(link, timeout)
            self.last_status = after
            if after.state is PrinterState.UNREACHABLE:
                raise PrinterUnreachable(
                    f"{after.describe()} after sending; the receipt may be incomplete")
            raise_for(after, "after printing; the receipt may be incomplete")
            return after
        finally:
            link.close()

    def health(self) -> ComponentHealth:
        """Asks the printer (bounded by timeout_s) and says how it is in plain English."""
        if not self.configured:
            return ComponentHealth(COMPONENT, Status.OK, "no printer configured",
                                   {"connection": "none"})
        status = self.status()
        return _health_from(status, self.settings, {
            "printed": self.printed, "failed": self.failed,
            "last_printed_at": self.last_printed_at.isoformat() if self.last_printed_at
            else None,
        })


def _health_from(status: PrinterStatus, settings: PrinterSettings,
                 extra: dict[str, str | int | None]) -> ComponentHealth:
    state = status.state
    if state is PrinterState.READY:
        level = Status.OK
    elif state is PrinterState.PAPER_NEAR_END:
        level = Status.WARNING if settings.near_end_is_warning else Status.OK
    else:
        level = Status.ERROR
    details: dict[str, str | int | float | bool | None] = {
        "state": state.value, "connection": settings.connection, "profile": settings.profile,
        "dot_width": settings.dot_width, **extra,
    }
    return ComponentHealth(COMPONENT, level, status.describe(), details)


def probe_printer(settings: PrinterSettings) -> ComponentHealth:
    """For `kiosk doctor --devices`: connection and status in plain words; never raises."""
    try:
        printer = ReceiptPrinter(settings)
    except PrinterError as exc:
        return ComponentHealth(COMPONENT, Status.ERROR, f"printer misconfigured: {exc}",
                               {"connection": settings.connection, "profile": settings.profile})
    health = printer.health()
    if printer.profile_dot_width and printer.profile_dot_width != settings.dot_width:
        note = (f"; dot_width {settings.dot_width} differs from profile "
                f"{settings.profile} ({printer.profile_dot_width})")
        return ComponentHealth(health.component, max(health.status, Status.WARNING),
                               health.summary + note, health.details)
    return health


def _render_raster(receipt: Receipt, dot_width: int) -> bytes:
    # Imported here so the driver (status, health, doctor) works without Qt loaded.
    from kiosk.devices.printer.layout import render_receipt
    from kiosk.devices.printer.raster import to_raster

    return to_raster(render_receipt(receipt, dot_width))
