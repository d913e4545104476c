"""The long-lived parts the journeys stand on, built once from the configuration.

API client, offline outbox and its delivery worker, catalogue cache, receipt printer and
payment terminal. `Services.start()` and `stop()` bound their lifetimes; `health()`
gathers every part's state into the one snapshot operators read. Only the composition
root (app.py, the demo, the tour) builds this.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.config import KioskConfig
from kiosk.health.model import HealthReporter, HealthSnapshot, take_snapshot

if TYPE_CHECKING:
    from kiosk.api.client import MunicipalityClient
    from kiosk.catalogue import CatalogueCache
    from kiosk.devices.printer import ReceiptPrinter
    from kiosk.devices.terminal import PaymentTerminal
    from kiosk.heartbeat import HeartbeatSender
    from kiosk.offline_queue import Connectivity, ConnectivityMonitor, DeliveryWorker, Outbox

log = logging.getLogger(__name__)


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
    #: The heartbeat to the municipality, started by the shell once it can carry out
    #: the operators' commands (`Kiosk.attach_services`); stopped first.
    heartbeat: HeartbeatSender | None = None

    def start(self) -> None:
        self.worker.start()
        if self.monitor is not None:
            self.monitor.start()

    def stop(self) -> None:
        stops = [self.worker.stop, self.terminal.close, self.client.close, self.outbox.close]
        if self.monitor is not None:
            stops.insert(0, self.monitor.stop)
        if self.heartbeat is not None:
            stops.insert(0, self.heartbeat.stop)
        for stop in stops:
            try:
                stop()
            except Exception:
                log.exception("a service did not stop cleanly")

    def health(self) -> HealthSnapshot:
        return take_snapshot(self.config.kiosk.id, self.reporters)


def build_services(config: KioskConfig) -> Services:
    """Opens the outbox and connects the parts; raises OutboxError if storage is unusable."""
    from kiosk.api.client import MunicipalityClient
    from kiosk.catalogue import CatalogueCache
    from kiosk.devices.printer import ReceiptPrinter
    from kiosk.devices.terminal import PaymentTerminal
    from kiosk.devices.terminal.open_purchase import state_dir as terminal_state_dir
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
    services.reporters = [outbox, worker, printer, terminal, catalogue]
    return services
