"""The kiosk's configuration: one TOML file, environment overrides, one clear error.

A technician edits `kiosk.toml` on site; a mistake there must end in a single readable line
naming the file, the key and what was expected — never a traceback on a kiosk screen.
Environment variables (`KIOSK_<SECTION>__<KEY>`, e.g. `KIOSK_UI__IDLE_TIMEOUT_S=90`) win
over the file, so provisioning and tests can change one value without copying the file.
"""

from __future__ import annotations

import os
import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

CONFIG_ENV = "KIOSK_CONFIG"


class ConfigError(Exception):
    """A configuration the kiosk cannot run with; `str()` is the one line to show."""


class Language(StrEnum):
    ARABIC = "ar"
    ENGLISH = "en"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KioskIdentity(_Section):
    """Who this kiosk is and where it stands (shown on receipts, sent with heartbeats)."""

    id: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{2,31}$")] = "AHS-DEV-01"
    location_ar: Annotated[str, Field(min_length=1, max_length=120)] = "مبنى الأمانة الرئيسي"
    location_en: Annotated[str, Field(min_length=1, max_length=120)] = "Municipality main building"
    branch: Literal["hofuf", "mubarraz", "omran", "oyoun"] = "hofuf"


class ApiSettings(_Section):
    """How to reach the municipality API (HTTPS only, verified against `ca_bundle`)."""

    base_url: str = "https://127.0.0.1:8443/v1"
    ca_bundle: Path | None = None
    api_key: Annotated[str, Field(min_length=16)] = "dev-kiosk-key-please-change"
    connect_timeout_s: Annotated[float, Field(gt=0, le=30)] = 3.0
    read_timeout_s: Annotated[float, Field(gt=0, le=120)] = 10.0
    probe_interval_s: Annotated[float, Field(ge=1, le=600)] = 15.0

    @field_validator("base_url")
    @classmethod
    def _https_only(cls, value: str) -> str:
        if not re.fullmatch(r"https://[^\s/:]+(:\d{1,5})?(/\S*)?", value):
            raise ValueError("expected an https:// URL such as https://api.example.sa/v1")
        return value.rstrip("/")


class UiSettings(_Section):
    """What the beneficiary sees: language, idle timeout, window mode."""

    language: Language = Language.ARABIC
    idle_timeout_s: Annotated[int, Field(ge=15, le=900)] = 60
    # WCAG 2.2.1: at least 20 seconds to ask for more time.
    idle_warning_s: Annotated[int, Field(ge=20, le=120)] = 30
    windowed: bool = False


class PrinterSettings(_Section):
    """The receipt printer. `connection` is one of:
    `tcp://HOST:PORT`, `usb://VENDOR:PRODUCT` (hex), `serial:///dev/ttyS0?baudrate=19200`,
    `file:///dev/usb/lp0`, or `none` for a kiosk without a printer."""

    connection: Annotated[str, Field(pattern=r"^(tcp|usb|serial|file)://\S+$|^none$")] = (
        "tcp://127.0.0.1:9100"
    )
    profile: Annotated[str, Field(min_length=1)] = "TM-T20II"
    dot_width: Annotated[int, Field(ge=256, le=832, multiple_of=8)] = 576
    timeout_s: Annotated[float, Field(gt=0, le=60)] = 5.0
    near_end_is_warning: bool = True


class TerminalSettings(_Section):
    """The card payment terminal on a serial port (a device path or a pyserial URL)."""

    port: Annotated[str, Field(min_length=1)] = "/dev/ttyUSB0"
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = 115200
    ack_timeout_s: Annotated[float, Field(gt=0, le=10)] = 1.0
    response_timeout_s: Annotated[float, Field(gt=0, le=300)] = 90.0


class StorageSettings(_Section):
    """Where the kiosk keeps its outbox, catalogue cache and logs."""

    data_dir: Path = Path("var/kiosk")


class TechnicianSettings(_Section):
    """Technician mode; the PIN is stored only as a PBKDF2 hash (`kiosk hash-pin`)."""

    pin_hash: Annotated[str, Field(pattern=r"^pbkdf2_sha256\$\d+\$[0-9a-f]+\$[0-9a-f]+$")] = (
        # PIN 1234 for development only; provisioning replaces it.
        "pbkdf2_sha256$200000$6b696f736b2d6465762d73616c74$1ba18c3588"
        "d40992e6397be36f7ed39f279372275d8631e218987fea4bcc90b4"
    )


class KioskConfig(BaseSettings):
    """The whole configuration; every section is optional and has a safe default."""

    model_config = SettingsConfigDict(
        env_prefix="KIOSK_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    kiosk: KioskIdentity = KioskIdentity()
    api: ApiSettings = ApiSettings()
    ui: UiSettings = UiSettings()
    printer: PrinterSettings = PrinterSettings()
    terminal: TerminalSettings = TerminalSettings()
    storage: StorageSettings = StorageSettings()
    technician: TechnicianSettings = TechnicianSettings()

    # The file's values arrive as init kwargs; environment variables must beat them.
    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (env_settings, init_settings)

    @field_validator("kiosk", "api", "ui", "printer", "terminal", "storage", "technician",
                     mode="before")
    @classmethod
    def _section_is_table(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, dict | BaseModel):
            raise ValueError("expected a [section] table")
        return value


def _describe(error: Any) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"{key}: unknown key"
    msg = str(error["msg"]).removeprefix("Value error, ")
    got = error.get("input")
    shown = "" if isinstance(got, dict) else f" (got {got!r})"
    return f"{key}: {msg[:1].lower()}{msg[1:]}{shown}"


def load_config(path: Path | None = None) -> KioskConfig:
    """Reads `path` (or $KIOSK_CONFIG; none at all means defaults + environment).

    Raises ConfigError with one line: `<file>: <key>: <what was expected>`.
    Relative paths inside the file are taken relative to the file's folder.
    """
    if path is None and os.environ.get(CONFIG_ENV):
        path = Path(os.environ[CONFIG_ENV])
    data: dict[str, Any] = {}
    origin = "environment"
    if path is not None:
        origin = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{path}: file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        config = KioskConfig(**data)
    except ValidationError as exc:
        first = _describe(exc.errors()[0])
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ConfigError(f"{origin}: {first}{suffix}") from None
    if path is not None:
        config = _resolve_paths(config, path.parent)
    bundle = config.api.ca_bundle
    if bundle is not None and not bundle.is_file():
        # Checked here, not at the first request: a kiosk that cannot trust its server
        # must not start and show Home as if it could.
        raise ConfigError(f"{origin}: api.ca_bundle: no such file (got {str(bundle)!r})")
    return config


def _resolve_paths(config: KioskConfig, base: Path) -> KioskConfig:
    def absolute(value: Path) -> Path:
        return value if value.is_absolute() else (base / value).resolve()

    storage = config.storage.model_copy(update={"data_dir": absolute(config.storage.data_dir)})
    api = config.api
    if api.ca_bundle is not None:
        api = api.model_copy(update={"ca_bundle": absolute(api.ca_bundle)})
    return config.model_copy(update={"storage": storage, "api": api})
