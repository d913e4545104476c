"""`probe_terminal`: the technician's one-shot check, for `kiosk doctor --devices`.

It opens the port, asks for status and closes again, within a few ACK timeouts, and
describes the result in plain words. It never starts or recovers a purchase.
"""

from __future__ import annotations

from kiosk.config import TerminalSettings
from kiosk.devices.terminal.adapter import TerminalAdapter, query_deadline
from kiosk.devices.terminal.ahs_ecr import AhsEcrAdapter
from kiosk.devices.terminal.errors import ProtocolError, TerminalUnavailable
from kiosk.devices.terminal.port import SerialPort
from kiosk.health.model import ComponentHealth, Status

COMPONENT = "payment_terminal"


def probe_terminal(
    settings: TerminalSettings, adapter: type[TerminalAdapter] = AhsEcrAdapter
) -> ComponentHealth:
    details: dict[str, str | int | float | bool | None] = {
        "port": settings.port, "protocol": adapter.protocol,
    }
    try:
        port = SerialPort(settings.port, settings.baudrate,
                          write_timeout_s=max(settings.ack_timeout_s, 0.5))
    except TerminalUnavailable as exc:
        return ComponentHealth(COMPONENT, Status.ERROR, str(exc), details)
    try:
        port.discard_input()
        terminal = adapter(port, settings.ack_timeout_s)
        info = terminal.device_info(query_deadline(settings.ack_timeout_s))
    except TerminalUnavailable as exc:
        return ComponentHealth(COMPONENT, Status.ERROR,
                               f"port opens but the terminal is not answering: {exc}", details)
    except ProtocolError as exc:
        return ComponentHealth(COMPONENT, Status.ERROR,
                               f"the terminal answers with unreadable data: {exc}", details)
    finally:
        port.close()
    details.update(terminal_id=info.terminal_id, model=info.model, busy=info.busy)
    state = "busy with a transaction" if info.busy else "idle"
    return ComponentHealth(COMPONENT, Status.OK,
                           f"terminal {info.terminal_id} ({info.model}) answers, {state}", details)
