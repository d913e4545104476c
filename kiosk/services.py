"""The long-lived parts the journeys stand on, built once from the configuration.

API client, offline outbox and its delivery worker, catalogue cache, receipt printer,
payment terminal, and the recorder of the pilot's journey events. `Services.start()` and
`stop()` bound their lifetimes; `health()` gathers every part's state into the one
snapshot operators read. Only the composition
root (app.py, the demo, the tour) builds this.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.config import KioskConfig
from kiosk.health.model import HealthReporter, HealthSnapshot, take_snapshot
from kiosk.journey_events import JourneyRecorder

if TYPE_CHECKING:
    from kiosk.api.client import MunicipalityClient
    from kiosk.catalogue import CatalogueCache
    from kiosk.credentials import DefaultCredential
    from kiosk.devices.printer import ReceiptPrinter
    from kiosk.devices.terminal import PaymentTerminal
    from kiosk.heartbeat import HeartbeatSender
    from kiosk.offline_queue import Connectivity, ConnectivityMonitor, DeliveryWorker, Outbox

log = logging.getLogger(__name__)

# A stop's budget for the services: systemd's SIGTERM must end `kiosk run` within 5 s.
STOP_TIMEOUT_S = 4.0


@dataclass
class Services:
    """Everything a journey may call; each part is thread-safe and blocking."""

    config: KioskConfig
    client: MunicipalityClient
    outbox: Outbox
    worker: DeliveryWorker
    connectivity: Connectivity
    catalogue: CatalogueCache
    printer: ReceiptPrinter
    terminal: PaymentTerminal
    monitor: ConnectivityMonitor | None = None
    #: A beneficiary's call for staff (raised from a screen, read in the health snapshot).
    reporters: list[HealthReporter] = field(default_factory=list)
    #: Development credentials the configuration still holds: the kiosk must not serve.
    default_credentials: tuple[DefaultCredential, ...] = ()
    #: The anonymous journey events of the session in progress (the pilot's figures).
    events: JourneyRecorder = field(default_factory=JourneyRecorder)
    #: The heartbeat to the municipality, started by the shell once it can carry out
    #: the operators' commands (`Kiosk.attach_services`); stopped first.
    heartbeat: HeartbeatSender | None = None

    def start(self) -> None:
        self.worker.start()
        if self.monitor is not None:
            self.monitor.start()

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> bool:
        """Stops every part within about `timeout_s`; True when all stopped cleanly.

        The order keeps every promise of a clean stop: the probe first; the delivery
        worker between entries (a delivery in progress may finish and be recorded); the
        terminal without waiting for a card on it (the purchase is left to
        last-transaction recovery at the next start); then the client and, last, the
        outbox, closed with its WAL truncated."""
        deadline = time.monotonic() + timeout_s

        def left(share: float = 1.0) -> float:
            return max(0.1, (deadline - time.monotonic()) * share)

        clean = True
        heartbeat = self.heartbeat
        stops: list[tuple[str, Callable[[], object]]] = [
            ("heartbeat", lambda: heartbeat.stop() if heartbeat is not None else None),
            ("connectivity probe", lambda: self._stop_monitor(left(0.2))),
            ("delivery worker", lambda: self.worker.stop(left(0.8))),
            ("payment terminal", lambda: self.terminal.close(min(1.0, left()))),
            ("API client", self.client.close),
            ("outbox", self.outbox.close),
        ]
        for name, stop in stops:
            try:
                if stop() is False:
                    clean = False
            except Exception:
                clean = False
                log.exception("a service did not stop cleanly", extra={"service": name})
        return clean

    def _stop_monitor(self, timeout_s: float) -> None:
        if self.monitor is not None:
            self.monitor.stop(timeout_s)

    def health(self) -> HealthSnapshot:
        return take_snapshot(self.config.kiosk.id, self.reporters)


def build_services(config: KioskConfig) -> Services:
    """Opens the outbox and connects the parts; raises OutboxError if storage is unusable."""
    from kiosk.api.client import MunicipalityClient
    from kiosk.catalogue import CatalogueCache
    from kiosk.credentials import default_credentials
    from kiosk.devices.printer import ReceiptPrinter
    from kiosk.devices.terminal import PaymentTerminal
    from kiosk.devices.terminal.open_purchase import state_dir as terminal_state_dir
    from kiosk.health.disk import DiskSpace
    from kiosk.offline_queue import (
        Connectivity,
        ConnectivityMonitor,
        DeliveryWorker,
        Outbox,
        default_path,
    )
    from kiosk.offline_queue.deliverer import ClientDeliverer
    from kiosk.offline_queue.policy import is_link_error

    data_dir = config.storage.data_dir
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    client = MunicipalityClient(config.api)
    outbox = Outbox.open(default_path(data_dir), reference_prefix=config.kiosk.id)
    connectivity = Connectivity()
    monitor = ConnectivityMonitor(connectivity, client.probe, is_link_error=is_link_error,
                                  interval_s=config.api.probe_interval_s)
    worker = DeliveryWorker(outbox, ClientDeliverer(client), connectivity)
    catalogue = CatalogueCache(client, data_dir / "catalogue.json")
    printer = ReceiptPrinter(config.printer)
    terminal = PaymentTerminal(config.terminal, state_dir=terminal_state_dir(data_dir))
    services = Services(config, client, outbox, worker, connectivity, catalogue, printer,
                        terminal, monitor)
    # The API client reports the link's last outcome (reachability, TLS) without I/O.
    services.reporters = [client, outbox, worker, printer, terminal, catalogue,
                          DiskSpace(data_dir)]
    # A PBKDF2 of the PIN: worked out here, off the UI thread (`kiosk run` builds the
    # services in the background).
    services.default_credentials = default_credentials(config)
    return services
