"""The settings a technician may change on site: the default language, the idle timeout
and its warning, and the receipt printer's connection.

Each change goes through `config_source.write_overlay` into the data folder's
`site.toml`: checked by the same `RULES` as the configuration file (a refused value gets
the file check's own message and nothing is written), written atomically. The kiosk reads
the overlay when it starts, so a change applies after a restart; the tool says which
saved values differ from the running ones.

Typed values arrive as text from the on-screen keyboard and are read as the key's kind by
`config_source.from_text`, the conversion environment variables go through. The printer
is set as a network printer (address and port, composed into `tcp://ADDRESS:PORT`) or
none; USB and serial printers are set in the configuration file.
"""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.config import KioskConfig
from kiosk.config_source import (
    RULES,
    SITE_OVERLAY,
    ConfigError,
    Language,
    from_text,
    read_overlay,
    write_overlay,
)
from kiosk.flows.base import Runner, notice_for
from kiosk.technician.base import Audit, Tool

NO_PRINTER = "none"
NETWORK_SCHEME = "tcp://"
DEFAULT_PRINTER_PORT = 9100  # ESC/POS network printers' raw port ("JetDirect")


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """The values a technician may change (`OVERLAYS[SITE_OVERLAY]`, without the PIN)."""

    language: Language
    idle_timeout_s: int
    idle_warning_s: int
    printer_connection: str

    @classmethod
    def of(cls, config: KioskConfig) -> SiteSettings:
        return cls(config.ui.language, config.ui.idle_timeout_s, config.ui.idle_warning_s,
                   config.printer.connection)

    def overlaid(self, overlay: dict[str, dict[str, Any]]) -> SiteSettings:
        """These values with the site overlay's on top (what the next start reads)."""
        ui, printer = overlay.get("ui", {}), overlay.get("printer", {})
        return replace(
            self,
            language=Language(ui.get("language", self.language)),
            idle_timeout_s=int(ui.get("idle_timeout_s", self.idle_timeout_s)),
            idle_warning_s=int(ui.get("idle_warning_s", self.idle_warning_s)),
            printer_connection=str(printer.get("connection", self.printer_connection)),
        )


class AddressProblem(enum.StrEnum):
    """What is wrong with a network printer typed as address and port."""

    ADDRESS = "address"  #: not four numbers 0-255 separated by dots
    PORT = "port"        #: not a whole number from 1 to 65535


def network_printer(address: str, port: str) -> str | AddressProblem:
    """`tcp://ADDRESS:PORT` from what was typed, or what is wrong with it."""
    try:
        host = ipaddress.IPv4Address(address.strip())
    except ValueError:
        return AddressProblem.ADDRESS
    text = port.strip()
    number = int(text) if text.isascii() and text.isdigit() else 0
    if not 1 <= number <= 65535:
        return AddressProblem.PORT
    return f"{NETWORK_SCHEME}{host}:{number}"


def network_parts(connection: str) -> tuple[str, str] | None:
    """(address, port) of a `tcp://` connection, for the fields; None for any other."""
    if not connection.startswith(NETWORK_SCHEME):
        return None
    host, _, port = connection.removeprefix(NETWORK_SCHEME).rpartition(":")
    return (host, port) if host else (port, str(DEFAULT_PRINTER_PORT))


class SettingsTool(Tool):
    """Reads and changes the site overlay of the kiosk that runs with `running`."""

    def __init__(self, running: KioskConfig, runner: Runner, audit: Audit) -> None:
        super().__init__(runner, audit)
        self.data_dir: Path = running.storage.data_dir
        self.running = SiteSettings.of(running)
        #: What the next start will read (None until `refresh` has read the overlay).
        self.saved: SiteSettings | None = None
        #: The configuration check's words for the last refused value, and its key.
        self.problem: str | None = None
        self.problem_key: str | None = None
        self.address_problem: AddressProblem | None = None
        #: The key of the last change written, for the screen to confirm it.
        self.changed_key: str | None = None

    @property
    def restart_needed(self) -> bool:
        """Whether a saved value waits for a restart to apply."""
        return self.saved is not None and self.saved != self.running

    def refresh(self) -> bool:
        self.problem = self.address_problem = self.problem_key = None
        return self._run(self._read, self._seen, self._unreadable)

    def set_language(self, language: Language) -> bool:
        return self.change("ui", "language", language.value)

    def set_idle_timeout(self, typed: str) -> bool:
        return self.change("ui", "idle_timeout_s", typed)

    def set_idle_warning(self, typed: str) -> bool:
        return self.change("ui", "idle_warning_s", typed)

    def set_network_printer(self, address: str, port: str) -> bool:
        connection = network_printer(address, port)
        if isinstance(connection, AddressProblem):
            self.problem, self.address_problem, self.changed_key = None, connection, None
            self.problem_key = None
            self._changed()
            return False
        return self.change("printer", "connection", connection)

    def set_no_printer(self) -> bool:
        return self.change("printer", "connection", NO_PRINTER)

    def change(self, section: str, key: str, typed: Any) -> bool:
        """Checks and writes one value (text is read as the key's kind first)."""
        value = from_text(RULES[section][key], typed) if isinstance(typed, str) else typed
        name = f"{section}.{key}"
        self.problem, self.address_problem, self.changed_key = None, None, None
        self.problem_key = None

        def work() -> SiteSettings:
            write_overlay(self.data_dir, SITE_OVERLAY, {section: {key: value}})
            return self._read()

        def written(saved: SiteSettings) -> None:
            self.changed_key = name
            self._seen(saved)

        def refused(error: BaseException) -> None:
            self._unreadable(error)
            if self.problem is not None:
                self.problem_key = name

        return self._act(f"settings.{name}", work, lambda _saved: f"set to {value}", written,
                         refused)

    def _read(self) -> SiteSettings:
        return self.running.overlaid(read_overlay(self.data_dir, SITE_OVERLAY))

    def _seen(self, saved: SiteSettings) -> None:
        self.saved = saved

    def _unreadable(self, error: BaseException) -> None:
        if isinstance(error, ConfigError):
            # Refused, nothing written: the check's own words, less the file they name.
            self.problem = str(error).removeprefix(f"{self.data_dir / SITE_OVERLAY}: ")
        else:
            self.notice = notice_for(error)
