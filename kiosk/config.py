"""The kiosk's configuration as typed models: one TOML file, environment overrides, one clear error.

A technician edits `kiosk.toml` on site; a mistake there must end in a single readable line
naming the file, the key and what was expected — never a traceback on a kiosk screen.
Environment variables (`KIOSK_<SECTION>__<KEY>`, e.g. `KIOSK_UI__IDLE_TIMEOUT_S=90`) win
over the file, so provisioning and tests can change one value without copying the file.

Reading the sources and the rules of every key live in `kiosk.config_source`, which needs
no pydantic, so `kiosk run` can refuse a bad file before any window and still paint Home
before pydantic is imported. The models here take their constraints and defaults from
those same rules; `full_config` validates after the precheck, `load_config` does both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk.config_source import (
    CONFIG_ENV,
    RULES,
    SECTION_NOT_A_TABLE,
    CheckedConfig,
    ConfigError,
    ConfigSource,
    Kind,
    Language,
    config_error,
    describe,
    https_url_problem,
    precheck,
    read_source,
    resolve_path,
)

# Kept importable from here, where the rest of the kiosk has always found them.
__all__ = [
    "CONFIG_ENV", "ApiSettings", "ConfigError", "KioskConfig", "KioskIdentity", "Language",
    "PrinterSettings", "StorageSettings", "TechnicianSettings", "TerminalSettings",
    "UiSettings", "full_config", "load_config", "validate_source",
]


def _rule(section: str, key: str) -> Any:
    """The pydantic Field for `RULES[section][key]`: its default and its constraints.

    Numbers and switches are strict: TOML types them, and the environment's text was
    converted by `config_source.from_text` already, so "90" in the file is a mistake.
    """
    rule = RULES[section][key]
    strict = True if rule.kind in (Kind.INTEGER, Kind.NUMBER, Kind.SWITCH) else None
    return Field(default=rule.default, strict=strict, ge=rule.ge, gt=rule.gt, le=rule.le,
                 multiple_of=rule.multiple_of, min_length=rule.min_length,
                 max_length=rule.max_length, pattern=rule.pattern)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskIdentity(_Section):
    """Who this kiosk is and where it stands (shown on receipts, sent with heartbeats)."""

    id: str = _rule("kiosk", "id")
    location_ar: str = _rule("kiosk", "location_ar")
    location_en: str = _rule("kiosk", "location_en")
    branch: Literal["hofuf", "mubarraz", "omran", "oyoun"] = _rule("kiosk", "branch")


class ApiSettings(_Section):
    """How to reach the municipality API (HTTPS only, verified against `ca_bundle`)."""

    base_url: str = _rule("api", "base_url")
    ca_bundle: Path | None = _rule("api", "ca_bundle")
    api_key: str = _rule("api", "api_key")
    connect_timeout_s: float = _rule("api", "connect_timeout_s")
    read_timeout_s: float = _rule("api", "read_timeout_s")
    probe_interval_s: float = _rule("api", "probe_interval_s")
    heartbeat_interval_s: float = _rule("api", "heartbeat_interval_s")

    @field_validator("base_url")
    @classmethod
    def _https_only(cls, value: str) -> str:
        problem = https_url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value.rstrip("/")


class UiSettings(_Section):
    """What the beneficiary sees: language, idle timeout, window mode, the Help hotline."""

    language: Language = _rule("ui", "language")
    idle_timeout_s: int = _rule("ui", "idle_timeout_s")
    idle_warning_s: int = _rule("ui", "idle_warning_s")
    windowed: bool = _rule("ui", "windowed")
    hotline: str = _rule("ui", "hotline")


class PrinterSettings(_Section):
    """The receipt printer. `connection` is one of:
    `tcp://HOST:PORT`, `usb://VENDOR:PRODUCT` (hex), `serial:///dev/ttyS0?baudrate=19200`,
    `file:///dev/usb/lp0`, or `none` for a kiosk without a printer."""

    connection: str = _rule("printer", "connection")
    profile: str = _rule("printer", "profile")
    dot_width: int = _rule("printer", "dot_width")
    timeout_s: float = _rule("printer", "timeout_s")
    near_end_is_warning: bool = _rule("printer", "near_end_is_warning")


class TerminalSettings(_Section):
    """The card payment terminal on a serial port (a device path or a pyserial URL)."""

    port: str = _rule("terminal", "port")
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = _rule("terminal", "baudrate")
    ack_timeout_s: float = _rule("terminal", "ack_timeout_s")
    response_timeout_s: float = _rule("terminal", "response_timeout_s")


class StorageSettings(_Section):
    """Where the kiosk keeps its outbox, catalogue cache and logs."""

    data_dir: Path = _rule("storage", "data_dir")


class TechnicianSettings(_Section):
    """Technician mode; the PIN is stored only as a PBKDF2 hash (`kiosk hash-pin`)."""

    pin_hash: str = _rule("technician", "pin_hash")


class KioskConfig(BaseModel):
    """The whole configuration; every section is optional and has a safe default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kiosk: KioskIdentity = KioskIdentity()
    api: ApiSettings = ApiSettings()
    ui: UiSettings = UiSettings()
    printer: PrinterSettings = PrinterSettings()
    terminal: TerminalSettings = TerminalSettings()
    storage: StorageSettings = StorageSettings()
    technician: TechnicianSettings = TechnicianSettings()

    @field_validator("kiosk", "api", "ui", "printer", "terminal", "storage", "technician",
                     mode="before")
    @classmethod
    def _section_is_table(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict | BaseModel):
            raise ValueError(SECTION_NOT_A_TABLE)
        return value


def _describe(error: Any) -> str:
    location = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"{location}: unknown key"
    message = str(error["msg"]).removeprefix("Value error, ")
    return describe(location, message, error.get("input"))


def validate_source(source: ConfigSource) -> KioskConfig:
    """The full validation of a source by the models; raises ConfigError.

    Gives the same one line as `config_source.precheck` for the same data. Paths are
    left as written; `full_config` takes relative ones from the file's folder.
    """
    try:
        return KioskConfig.model_validate(dict(source.data))
    except ValidationError as exc:
        raise config_error(source.origin, [_describe(e) for e in exc.errors()]) from None


def full_config(checked: CheckedConfig) -> KioskConfig:
    """The typed configuration of a prechecked source, relative paths resolved."""
    config = validate_source(checked.source)
    folder = checked.source.folder
    if folder is None:
        return config
    storage = config.storage.model_copy(
        update={"data_dir": resolve_path(config.storage.data_dir, folder)})
    api = config.api
    if api.ca_bundle is not None:
        api = api.model_copy(update={"ca_bundle": resolve_path(api.ca_bundle, folder)})
    return config.model_copy(update={"storage": storage, "api": api})


def load_config(path: Path | None = None) -> KioskConfig:
    """Reads `path` (or $KIOSK_CONFIG; none at all means defaults + environment).

    Raises ConfigError with one line: `<file>: <key>: <what was expected>`.
    Relative paths inside the file are taken relative to the file's folder.
    """
    return full_config(precheck(read_source(path)))
