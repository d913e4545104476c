"""The kiosk's configuration as read and checked before anything heavy is imported.

`kiosk run` must refuse a bad `kiosk.toml` (one line, exit status 2) before a window
appears, yet importing pydantic costs more than painting a bare Qt window. So this module,
with the standard library only, reads the file and the environment overrides into plain
data and checks every key against `RULES`: the one statement of what each key accepts and
its default. `kiosk.config` builds its typed pydantic models from the same `RULES` and
validates the same data after Home is on screen; the two are tested to agree, message for
message, over a table of bad inputs (tests/test_config_source.py).

Values are taken as TOML types them: a number where a number is expected, `true`/`false`
for a switch. Environment variables (`KIOSK_<SECTION>__<KEY>`, any case) are text, so they
are converted by the key's kind here, once, before either check sees them.

Two files in the data folder (`OVERLAYS`) are written by the kiosk itself, because the
main file (`/etc/kiosk/kiosk.toml`, root's) is not the kiosk's to change: `kiosk enrol`
writes its identity and credentials, technician mode the few settings a technician may
change on site. Each may hold only its own keys, is checked by the same `RULES` (a problem
names that file), and lies over the main file and under the environment.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

CONFIG_ENV = "KIOSK_CONFIG"
ENV_PREFIX = "KIOSK_"
ENV_NESTING = "__"
# The exit status of every configuration error, whichever command meets it.
EXIT_CONFIG = 2


class ConfigError(Exception):
    """A configuration the kiosk cannot run with; `str()` is the one line to show."""


class Language(StrEnum):
    """The languages the kiosk speaks (also its translation files and receipts)."""

    ARABIC = "ar"
    ENGLISH = "en"


class Kind(Enum):
    """What type of value a key takes (TOML's own types)."""

    INTEGER = "integer"
    NUMBER = "number"  # an integer or a float
    SWITCH = "switch"  # true or false
    TEXT = "text"
    PATH = "path"
    CHOICE = "choice"  # one of `Rule.choices`


SECTION_NOT_A_TABLE = "expected a [section] table"
HTTPS_URL = re.compile(r"https://[^\s/:]+(:\d{1,5})?(/\S*)?")
HTTPS_URL_EXPECTED = "expected an https:// URL such as https://api.example.sa/v1"


def https_url_problem(value: str) -> str | None:
    """What is wrong with an API base URL, or None: HTTPS only, no spaces."""
    return None if HTTPS_URL.fullmatch(value) else HTTPS_URL_EXPECTED


@dataclass(frozen=True)
class Rule:
    """What one key accepts and its default; `kiosk.config` turns it into a pydantic Field."""

    kind: Kind
    default: Any
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    multiple_of: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[Any, ...] = ()
    # A last check of a well-typed value: returns what is wrong, or None.
    problem: Callable[[Any], str | None] | None = None


# The development credentials: a kiosk still holding either stays out of service
# (`kiosk.credentials`) until it is enrolled (`kiosk enrol`) and its PIN changed.
DEV_API_KEY = "dev-kiosk-key-please-change"
DEV_PIN = "1234"
# The development PIN's hash; provisioning always replaces it (`kiosk hash-pin`).
_DEV_PIN_HASH = (
    "pbkdf2_sha256$200000$6b696f736b2d6465762d73616c74$1ba18c3588"
    "d40992e6397be36f7ed39f279372275d8631e218987fea4bcc90b4"
)

# Section by section, key by key, in the order the models declare them (which is the
# order errors are reported in). config/kiosk.example.toml documents each key.
RULES: dict[str, dict[str, Rule]] = {
    "kiosk": {
        "id": Rule(Kind.TEXT, "AHS-DEV-01", pattern=r"^[A-Z0-9][A-Z0-9-]{2,31}$"),
        "location_ar": Rule(Kind.TEXT, "مبنى الأمانة الرئيسي", min_length=1, max_length=120),
        "location_en": Rule(Kind.TEXT, "Municipality main building",
                            min_length=1, max_length=120),
        "branch": Rule(Kind.CHOICE, "hofuf", choices=("hofuf", "mubarraz", "omran", "oyoun")),
    },
    "api": {
        "base_url": Rule(Kind.TEXT, "https://127.0.0.1:8443/v1", problem=https_url_problem),
        "ca_bundle": Rule(Kind.PATH, None),
        "api_key": Rule(Kind.TEXT, DEV_API_KEY, min_length=16),
        "connect_timeout_s": Rule(Kind.NUMBER, 3.0, gt=0, le=30),
        "read_timeout_s": Rule(Kind.NUMBER, 10.0, gt=0, le=120),
        "probe_interval_s": Rule(Kind.NUMBER, 15.0, ge=1, le=600),
        "heartbeat_interval_s": Rule(Kind.NUMBER, 30.0, ge=1, le=600),
    },
    "ui": {
        "language": Rule(Kind.CHOICE, Language.ARABIC, choices=tuple(Language)),
        "idle_timeout_s": Rule(Kind.INTEGER, 60, ge=15, le=900),
        # WCAG 2.2.1: at least 20 seconds to ask for more time.
        "idle_warning_s": Rule(Kind.INTEGER, 30, ge=20, le=120),
        "windowed": Rule(Kind.SWITCH, False),
        # The municipality's number the Help panel gives (digits, an optional leading +).
        "hotline": Rule(Kind.TEXT, "940", pattern=r"^\+?[0-9]{3,15}$"),
    },
    "printer": {
        "connection": Rule(Kind.TEXT, "tcp://127.0.0.1:9100",
                           pattern=r"^(tcp|usb|serial|file)://\S+$|^none$"),
        "profile": Rule(Kind.TEXT, "TM-T20II", min_length=1),
        "dot_width": Rule(Kind.INTEGER, 576, ge=256, le=832, multiple_of=8),
        "timeout_s": Rule(Kind.NUMBER, 5.0, gt=0, le=60),
        "near_end_is_warning": Rule(Kind.SWITCH, True),
    },
    "terminal": {
        "port": Rule(Kind.TEXT, "/dev/ttyUSB0", min_length=1),
        "baudrate": Rule(Kind.CHOICE, 115200, choices=(9600, 19200, 38400, 57600, 115200)),
        "ack_timeout_s": Rule(Kind.NUMBER, 1.0, gt=0, le=10),
        "response_timeout_s": Rule(Kind.NUMBER, 90.0, gt=0, le=300),
    },
    "storage": {
        "data_dir": Rule(Kind.PATH, Path("var/kiosk")),
    },
    "technician": {
        "pin_hash": Rule(Kind.TEXT, _DEV_PIN_HASH,
                         pattern=r"^pbkdf2_sha256\$\d+\$[0-9a-f]+\$[0-9a-f]+$"),
    },
}


#: The kiosk's own files in its data folder, in the order they are laid over the main
#: file, each with the only keys it may hold.
ENROLMENT_OVERLAY = "enrolment.toml"
SITE_OVERLAY = "site.toml"
OVERLAYS: dict[str, dict[str, tuple[str, ...]]] = {
    ENROLMENT_OVERLAY: {
        "kiosk": ("id", "location_ar", "location_en", "branch"),
        "api": ("base_url", "ca_bundle", "api_key"),
    },
    SITE_OVERLAY: {
        "ui": ("language", "idle_timeout_s", "idle_warning_s"),
        "printer": ("connection",),
        "technician": ("pin_hash",),
    },
}


@dataclass(frozen=True)
class ConfigSource:
    """The configuration as read: the file's tables with the environment's values on top.

    `origin` names where it came from in messages (the file, or "environment");
    relative paths are taken from `folder` (the file's folder; None: the working folder).
    """

    origin: str
    folder: Path | None
    data: Mapping[str, Any]


@dataclass(frozen=True)
class UiValues:
    """The few values the shell needs to paint Home, before the full models exist."""

    language: Language
    idle_timeout_s: int
    idle_warning_s: int
    windowed: bool
    hotline: str


@dataclass(frozen=True)
class CheckedConfig:
    """A source that passed `precheck`: every key known and every value acceptable."""

    source: ConfigSource
    ui: UiValues

    def value(self, section: str, key: str) -> Any:
        """One checked value (its default when the file and environment leave it out)."""
        return _value(self.source, section, key)


def read_source(path: Path | None = None,
                environ: Mapping[str, str] | None = None) -> ConfigSource:
    """Reads `path` (or $KIOSK_CONFIG; none at all means defaults + environment).

    The data folder's `OVERLAYS` are laid over the file when the folder is named (in the
    file or the environment; the built-in default folder has none). Raises ConfigError
    when a file is missing, unreadable or not TOML, or an overlay holds a key that is not
    its own or a value its rule refuses.
    """
    environ = os.environ if environ is None else environ
    if path is None and environ.get(CONFIG_ENV):
        path = Path(environ[CONFIG_ENV])
    data: dict[str, Any] = {} if path is None else _read_toml(path)
    folder = None if path is None else path.parent
    from_environment = _apply_environment(data, environ)
    data_dir = _named_data_dir(data, folder)
    if data_dir is not None:
        for name in OVERLAYS:
            for section, table in read_overlay(data_dir, name).items():
                into = data.setdefault(section, {})
                if isinstance(into, dict):
                    for key, value in table.items():
                        if (section, key) not in from_environment:
                            into[key] = value
    return ConfigSource(origin="environment" if path is None else str(path),
                        folder=folder, data=data)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def overlay_folder(source: ConfigSource) -> Path | None:
    """The data folder whose overlays `read_source` lays over `source`, or None when the
    file and the environment name none (the built-in default folder has no overlays)."""
    return _named_data_dir(source.data, source.folder)


def _named_data_dir(data: Mapping[str, Any], folder: Path | None) -> Path | None:
    storage = data.get("storage")
    named = storage.get("data_dir") if isinstance(storage, dict) else None
    if not isinstance(named, str | os.PathLike):
        return None  # unnamed (or wrong: precheck reports it)
    return resolve_path(Path(named), folder)


def read_overlay(data_dir: Path, name: str) -> dict[str, dict[str, Any]]:
    """One overlay's tables, checked (empty when the file does not exist).

    A relative `ca_bundle` is made absolute from the data folder, where it was written.
    """
    path = data_dir / name
    if not path.exists():
        return {}
    data = _read_toml(path)
    allowed = OVERLAYS[name]
    problems: list[str] = []
    for section, table in data.items():
        if section not in allowed or not isinstance(table, dict):
            problems.append(f"{section}: not kept in this file")
            continue
        for key, value in table.items():
            if key not in allowed[section]:
                problems.append(f"{section}.{key}: not kept in this file")
                continue
            problem = value_problem(RULES[section][key], value)
            if problem is not None:
                problems.append(describe(f"{section}.{key}", problem, value))
    if problems:
        raise config_error(str(path), problems)
    api = data.get("api", {})
    if isinstance(api.get("ca_bundle"), str):
        api["ca_bundle"] = str(resolve_path(Path(api["ca_bundle"]), data_dir))
    return data


def write_overlay(data_dir: Path, name: str, values: Mapping[str, Mapping[str, Any]]) -> Path:
    """Checks `values` and merges them into the overlay `name`, atomically.

    Every key must be the overlay's own and pass its rule, or ConfigError names the first
    problem and nothing is written. The file is written beside itself and renamed over
    the old one (a reader sees the old file or the new, never half of one), mode 0600,
    and owned like the data folder when written by root (`kiosk enrol` runs as root; the
    kiosk reads as the `kiosk` user).
    """
    allowed = OVERLAYS[name]
    problems: list[str] = []
    for section, table in values.items():
        for key, value in table.items():
            if key not in allowed.get(section, ()):
                problems.append(f"{section}.{key}: not kept in {name}")
                continue
            problem = value_problem(RULES[section][key], value)
            if problem is not None:
                problems.append(describe(f"{section}.{key}", problem, value))
    if problems:
        raise config_error(str(data_dir / name), problems)
    import tomli_w  # only writers need it

    merged = read_overlay(data_dir, name)
    for section, table in values.items():
        merged.setdefault(section, {}).update(
            {k: str(v) if isinstance(v, os.PathLike) else v for k, v in table.items()})
    return write_private_file(data_dir, name, tomli_w.dumps(merged).encode("utf-8"))


def write_private_file(data_dir: Path, name: str, data: bytes) -> Path:
    """Writes `data_dir/name` atomically: beside itself, fsynced, renamed over the old
    file (a reader sees the old or the new, never half), mode 0600, and owned like the
    data folder when written by root. The one way the kiosk writes its own files there."""
    path = data_dir / name
    handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        if os.geteuid() == 0:
            owner = data_dir.stat()
            os.chown(temporary, owner.st_uid, owner.st_gid)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    sync_folder(data_dir)
    return path


def sync_folder(folder: Path) -> None:
    """Makes a rename or removal in `folder` durable (best effort)."""
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _apply_environment(data: dict[str, Any], environ: Mapping[str, str]) -> set[tuple[str, str]]:
    """Lays the environment's keys over `data`; returns the (section, key)s it set."""
    applied: set[tuple[str, str]] = set()
    for name, text in environ.items():
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or ENV_NESTING not in upper:
            continue  # KIOSK_CONFIG and other KIOSK_ settings are not keys
        section, key = upper.removeprefix(ENV_PREFIX).lower().split(ENV_NESTING, 1)
        if section not in RULES:
            continue
        table = data.setdefault(section, {})
        if not isinstance(table, dict):
            continue  # the file's `section = <not a table>` is the problem to report
        rule = RULES[section].get(key)
        table[key] = text if rule is None else from_text(rule, text)
        applied.add((section, key))
    return applied


_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+(\.0*)?")
_NUMBER_TEXT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_TRUE_TEXTS = frozenset({"1", "true", "yes", "on", "t", "y"})
_FALSE_TEXTS = frozenset({"0", "false", "no", "off", "f", "n"})


def from_text(rule: Rule, text: str) -> Any:
    """An environment variable's text as the value its key takes, when it reads as one.

    Text that does not read as the key's kind is kept as text, so the check names the key
    and shows what was given.
    """
    stripped = text.strip()
    kind = rule.kind
    if kind is Kind.CHOICE and all(isinstance(choice, int) for choice in rule.choices):
        kind = Kind.INTEGER
    if kind is Kind.INTEGER and _INTEGER_TEXT.fullmatch(stripped):
        return int(stripped.partition(".")[0])
    if kind is Kind.NUMBER and _NUMBER_TEXT.fullmatch(stripped):
        return float(stripped)
    if kind is Kind.SWITCH and stripped.lower() in _TRUE_TEXTS | _FALSE_TEXTS:
        return stripped.lower() in _TRUE_TEXTS
    return text


def resolve_path(value: Path, folder: Path | None) -> Path:
    """A path from the configuration: relative ones are taken from the file's folder."""
    if folder is None or value.is_absolute():
        return value
    return (folder / value).resolve()


def describe(location: str, message: str, got: Any = None) -> str:
    """One problem as `<section.key>: <what was expected> (got <value>)`.

    `kiosk.config` phrases pydantic's errors through this too, so both checks read alike.
    """
    shown = "" if isinstance(got, dict) else f" (got {got!r})"
    return f"{location}: {message[:1].lower()}{message[1:]}{shown}"


def precheck(source: ConfigSource) -> CheckedConfig:
    """Checks every key of `source` as the full models would; raises ConfigError.

    The message is `<origin>: <first problem>` plus how many more there are, the same
    line `kiosk.config` gives for the same data.
    """
    problems: list[str] = []
    for section, rules in RULES.items():
        if section not in source.data:
            continue
        table = source.data[section]
        if not isinstance(table, dict):
            problems.append(describe(section, SECTION_NOT_A_TABLE, table))
            continue
        for key, rule in rules.items():
            if key in table:
                problem = value_problem(rule, table[key])
                if problem is not None:
                    problems.append(describe(f"{section}.{key}", problem, table[key]))
        problems.extend(f"{section}.{key}: unknown key" for key in table if key not in rules)
    problems.extend(f"{key}: unknown key" for key in source.data if key not in RULES)
    if problems:
        raise config_error(source.origin, problems)
    bundle = _value(source, "api", "ca_bundle")
    if bundle is not None:
        resolved = resolve_path(Path(bundle), source.folder)
        if not resolved.is_file():
            # Checked before Home, not at the first request: a kiosk that cannot trust
            # its server must not start and show Home as if it could.
            raise ConfigError(
                f"{source.origin}: api.ca_bundle: no such file (got {str(resolved)!r})")
    return CheckedConfig(source, UiValues(
        language=Language(_value(source, "ui", "language")),
        idle_timeout_s=int(_value(source, "ui", "idle_timeout_s")),
        idle_warning_s=int(_value(source, "ui", "idle_warning_s")),
        windowed=bool(_value(source, "ui", "windowed")),
        hotline=str(_value(source, "ui", "hotline")),
    ))


def config_error(origin: str, problems: list[str]) -> ConfigError:
    """The one line for a list of problems: the first, and how many more."""
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return ConfigError(f"{origin}: {problems[0]}{suffix}")


def _value(source: ConfigSource, section: str, key: str) -> Any:
    table = source.data.get(section, {})
    return table.get(key, RULES[section][key].default)


def value_problem(rule: Rule, value: Any) -> str | None:
    """What is wrong with `value` for a key with `rule`, worded as pydantic words it."""
    kind = rule.kind
    if kind is Kind.INTEGER:
        if type(value) is not int:
            return "input should be a valid integer"
        return _bounds_problem(rule, value)
    if kind is Kind.NUMBER:
        if type(value) not in (int, float):
            return "input should be a valid number"
        return _bounds_problem(rule, value)
    if kind is Kind.SWITCH:
        return None if type(value) is bool else "input should be a valid boolean"
    if kind is Kind.PATH:
        optional = rule.default is None and value is None
        return None if optional or isinstance(value, str | os.PathLike) else (
            "input is not a valid path for <class 'pathlib.Path'>")
    if kind is Kind.CHOICE:
        return None if _is_choice(rule, value) else f"input should be {_either(rule.choices)}"
    if not isinstance(value, str):
        return "input should be a valid string"
    return _text_problem(rule, value)


def _is_choice(rule: Rule, value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if all(isinstance(choice, str) for choice in rule.choices):
        return isinstance(value, str) and value in rule.choices
    # Numbers compare by value, as pydantic's literals do: 9600.0 is 9600.
    return isinstance(value, int | float) and value in rule.choices


def _either(choices: tuple[Any, ...]) -> str:
    shown = [repr(choice.value if isinstance(choice, Enum) else choice) for choice in choices]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def _bounds_problem(rule: Rule, value: float) -> str | None:
    # pydantic's order: multiple_of, le, ge, gt. NaN fails every comparison.
    if rule.multiple_of is not None and value % rule.multiple_of != 0:
        return f"input should be a multiple of {rule.multiple_of}"
    if rule.le is not None and not value <= rule.le:
        return f"input should be less than or equal to {rule.le}"
    if rule.ge is not None and not value >= rule.ge:
        return f"input should be greater than or equal to {rule.ge}"
    if rule.gt is not None and not value > rule.gt:
        return f"input should be greater than {rule.gt}"
    return None


def _text_problem(rule: Rule, value: str) -> str | None:
    if rule.max_length is not None and len(value) > rule.max_length:
        return f"string should have at most {_characters(rule.max_length)}"
    if rule.min_length is not None and len(value) < rule.min_length:
        return f"string should have at least {_characters(rule.min_length)}"
    if rule.pattern is not None and not _compiled(rule.pattern).search(value):
        return f"string should match pattern '{rule.pattern}'"
    return None if rule.problem is None else rule.problem(value)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # pydantic's regular expressions (Rust) end `$` at the end of the text; Python's `$`
    # would also match before a final newline, letting "AHS-01\n" through.
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _characters(count: int) -> str:
    return f"{count} character{'' if count == 1 else 's'}"
