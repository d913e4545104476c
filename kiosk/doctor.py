"""`kiosk doctor`: every part's health in plain words, for a technician on site.

It reads the same `ComponentHealth` every part reports to operators, but probes actively
(an API round trip, a printer status query, a terminal status query) and never changes
anything: no purchase, no print, no queued request is sent. It also says when the kiosk
still holds the development API key or technician PIN (`kiosk.credentials`): why it is
out of service, and what to run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.config import KioskConfig
from kiosk.health.model import ComponentHealth, HealthSnapshot, Status


def _guarded(name: str, probe: Callable[[], ComponentHealth]) -> ComponentHealth:
    try:
        return probe()
    except Exception as exc:  # a probe must report, never crash the doctor
        return ComponentHealth(name, Status.ERROR, f"check failed: {exc}")


def _api(config: KioskConfig) -> ComponentHealth:
    from kiosk.api.client import MunicipalityClient
    from kiosk.api.errors import ApiError

    with MunicipalityClient(config.api) as client:
        try:
            health = client.probe()
        except ApiError as exc:
            return ComponentHealth("api", Status.ERROR, exc.message_en,
                                   {"base_url": config.api.base_url})
    return ComponentHealth("api", Status.OK, f"reachable (server version {health.version})",
                           {"base_url": config.api.base_url})


def _outbox(config: KioskConfig) -> ComponentHealth:
    from kiosk.offline_queue import Outbox, OutboxError, default_path

    path = default_path(config.storage.data_dir)
    if not path.exists():
        return ComponentHealth("outbox", Status.OK, "no outbox yet (created on first start)",
                               {"path": str(path)})
    try:
        with Outbox.open(path) as outbox:
            return outbox.health()
    except OutboxError as exc:
        return ComponentHealth("outbox", Status.ERROR, str(exc), {"path": str(path)})


def check(config: KioskConfig, *, devices: bool = True, network: bool = True) -> HealthSnapshot:
    from kiosk import credentials

    probes: list[tuple[str, Callable[[], ComponentHealth]]] = [
        ("credentials", lambda: credentials.health(credentials.default_credentials(config))),
        ("outbox", lambda: _outbox(config)),
    ]
    if network:
        probes.append(("api", lambda: _api(config)))
    if devices:
        from kiosk.devices.printer import probe_printer
        from kiosk.devices.terminal import probe_terminal

        probes.append(("printer", lambda: probe_printer(config.printer)))
        probes.append(("terminal", lambda: probe_terminal(config.terminal)))
    components = tuple(_guarded(name, probe) for name, probe in probes)
    return HealthSnapshot(config.kiosk.id, datetime.now(UTC), components)


def format_report(snapshot: HealthSnapshot) -> str:
    marks = {Status.OK: "ok  ", Status.WARNING: "WARN", Status.ERROR: "FAIL"}
    lines = [f"kiosk {snapshot.kiosk_id}: {snapshot.status.label}"]
    for component in snapshot.components:
        lines.append(f"  [{marks[component.status]}] {component.component:<17} "
                     f"{component.summary}")
    return "\n".join(lines)


def as_json(snapshot: HealthSnapshot) -> str:
    return json.dumps(snapshot.as_dict(), ensure_ascii=False, indent=2)
