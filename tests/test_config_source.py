"""The pydantic-free precheck refuses exactly what the full models refuse, in the same words.

`kiosk run` trusts the precheck to stop a bad configuration before any window; the models
validate the same data after Home is painted. Every bad input here goes through both.
"""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig, full_config, load_config, validate_source
from kiosk.config_source import (
    ENROLMENT_OVERLAY,
    RULES,
    SITE_OVERLAY,
    ConfigError,
    ConfigSource,
    Kind,
    Language,
    Rule,
    precheck,
    read_source,
    write_overlay,
)

ORIGIN = "/etc/kiosk/kiosk.toml"

# Values of every type TOML can produce, and texts that look like other types.
COMMON_VALUES: tuple[Any, ...] = (
    0, 1, -1, 3, 15, 2**63 - 1, -(2**63), 0.5, 2.0, 15.0, -0.0, math.nan, math.inf, -math.inf,
    True, False, "", " ", "abc", "15", "15.0", "true", "ar", "AR", "hofuf", "none", "9600",
    "https://api.example.sa/v1", "http://api.example.sa/v1", "https://api example.sa",
    "tcp://127.0.0.1:9100", "AHS-DEV-01", "AHS-DEV-01\n", "x" * 121, "١٢٣",
    [], [1], {}, {"a": 1}, dt.date(2026, 1, 1), dt.time(8, 30),
    dt.datetime(2026, 1, 1, 8, 30, tzinfo=dt.UTC),
)


def values_near(rule: Rule) -> Iterator[Any]:
    """Values on and just past each limit of `rule`, and its choices in other types."""
    yield rule.default
    for limit in (rule.ge, rule.gt, rule.le):
        if limit is not None:
            yield from (limit, limit - 1, limit + 1, limit - 0.5, limit + 0.5, float(limit))
    if rule.multiple_of is not None and rule.ge is not None:
        yield from (int(rule.ge) + 1, int(rule.ge) + rule.multiple_of)
    for length in (rule.min_length, rule.max_length):
        if length is not None:
            yield from ("x" * (length - 1), "x" * length, "x" * (length + 1))
    for choice in rule.choices:
        value = choice.value if isinstance(choice, Language) else choice
        yield from (value, str(value), f"{value} ")
        if isinstance(value, int):
            yield float(value)
            yield value + 1


def cases() -> Iterator[tuple[str, str, Any]]:
    for section, rules in RULES.items():
        for key, rule in rules.items():
            for value in (*COMMON_VALUES, *values_near(rule)):
                if rule.kind is Kind.PATH and key == "ca_bundle" and isinstance(value, str):
                    continue  # a text is a path; whether the file exists has its own test
                yield section, key, value


def verdict_of_precheck(data: dict[str, Any]) -> str:
    try:
        precheck(ConfigSource(ORIGIN, None, data))
    except ConfigError as exc:
        return str(exc)
    return "accepted"


def verdict_of_models(data: dict[str, Any]) -> str:
    try:
        validate_source(ConfigSource(ORIGIN, None, data))
    except ConfigError as exc:
        return str(exc)
    return "accepted"


def test_every_value_of_every_key_gets_the_same_verdict_and_words_from_both() -> None:
    disagreements = []
    checked = 0
    for section, key, value in cases():
        data = {section: {key: value}}
        ours, theirs = verdict_of_precheck(data), verdict_of_models(data)
        checked += 1
        if ours != theirs:
            disagreements.append(f"{section}.{key}={value!r}: precheck {ours!r}, "
                                 f"models {theirs!r}")
    assert checked > 1000
    assert disagreements == []


BAD_CONFIGS: list[dict[str, Any]] = [
    {"ui": {"idle_timeout_s": 3}},
    {"ui": {"idle_timout_s": 60}},
    {"nonsense": {"x": 1}},
    {"ui": {"idle_timeout_s": "soon"}},
    {"ui": 5},
    {"ui": [1, 2]},
    {"printer": {"dot_width": 577}},
    {"api": {"base_url": "http://api.example.sa"}},
    {"ui": {"language": "fr"}},
    {"ui": {"idle_warning_s": 10}},
    {"ui": {"windowed": "yes"}},
    {"terminal": {"baudrate": 9601}},
    {"kiosk": {"id": "ahs-01", "branch": "riyadh", "colour": "green"}},
    {"kiosk": {"colour": "green", "id": "ahs-01"}, "ui": {"idle_timeout_s": 1}},
    {"zzz": 1, "api": {"api_key": "short", "connect_timeout_s": 0}, "aaa": {}},
    {"storage": {"data_dir": 5}, "technician": {"pin_hash": "1234"}},
    {"printer": {"connection": "lpt1", "profile": "", "timeout_s": 61,
                 "near_end_is_warning": 1}},
    {"api": {"ca_bundle": 5}},
]


@pytest.mark.parametrize("data", BAD_CONFIGS, ids=repr)
def test_bad_configurations_are_refused_by_both_in_the_same_words(data: dict[str, Any]) -> None:
    ours, theirs = verdict_of_precheck(data), verdict_of_models(data)
    assert ours.startswith(f"{ORIGIN}: ")
    assert ours == theirs


def test_the_rules_and_the_models_describe_the_same_keys() -> None:
    assert list(RULES) == list(KioskConfig.model_fields)
    for section, field in KioskConfig.model_fields.items():
        model = field.annotation
        assert isinstance(model, type)
        fields = model.model_fields  # type: ignore[attr-defined]
        assert list(RULES[section]) == list(fields), section
        for key, rule in RULES[section].items():
            assert fields[key].default == rule.default, f"{section}.{key}"
            if rule.kind is Kind.CHOICE and typing.get_origin(fields[key].annotation):
                assert typing.get_args(fields[key].annotation) == rule.choices


ENVIRONMENT_TEXTS = [
    ("ui", "idle_timeout_s", ["90", " 90 ", "90.0", "90.5", "", "soon", "1e2", "-3", "٩٠"]),
    ("api", "connect_timeout_s", ["2", "2.5", " 2.5", "1e1", ".5", "nan", "inf", "x", "0"]),
    ("ui", "windowed", ["true", "TRUE", "yes", "on", "1", "0", "off", "no", "maybe", ""]),
    ("terminal", "baudrate", ["9600", "9600.0", "9601", "fast"]),
    ("ui", "language", ["en", "ar", "EN", "fr"]),
    ("storage", "data_dir", ["/srv/kiosk", "relative/dir"]),
    ("kiosk", "id", ["AHS-MALL-03", "ahs"]),
]


@pytest.mark.parametrize(("section", "key", "texts"), ENVIRONMENT_TEXTS)
def test_environment_texts_get_the_same_verdict_from_both(
        section: str, key: str, texts: list[str]) -> None:
    for text in texts:
        source = read_source(None, {f"KIOSK_{section}__{key}".upper(): text})
        assert source.origin == "environment"
        verdict = verdict_of_precheck(dict(source.data))
        assert verdict == verdict_of_models(dict(source.data)), text
        if verdict != "accepted":
            continue
        value = getattr(getattr(full_config(precheck(source)), section), key)
        given = source.data[section][key]
        assert value == (Path(given) if isinstance(value, Path) else given), text


def test_environment_wins_over_the_file_and_unknown_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[ui]\nidle_timeout_s = 30\nlanguage = \"en\"\n", encoding="utf-8")
    source = read_source(path, {"kiosk_ui__idle_timeout_s": "90", "KIOSK_CONFIG": "ignored",
                                "KIOSK_CRASH_TRIALS": "200", "KIOSK_OTHER__X": "1"})
    checked = precheck(source)
    assert checked.ui.idle_timeout_s == 90
    assert checked.ui.language is Language.ENGLISH
    assert full_config(checked).ui.idle_timeout_s == 90
    with pytest.raises(ConfigError, match=r"^environment: ui\.colour: unknown key$"):
        precheck(read_source(None, {"KIOSK_UI__COLOUR": "green"}))


def test_the_shell_values_are_the_models_values(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[ui]\nidle_warning_s = 45\nwindowed = true\n", encoding="utf-8")
    checked = precheck(read_source(path, {}))
    ui = full_config(checked).ui
    assert (checked.ui.language, checked.ui.idle_timeout_s, checked.ui.idle_warning_s,
            checked.ui.windowed) == (ui.language, ui.idle_timeout_s, ui.idle_warning_s,
                                     ui.windowed)
    defaults = precheck(read_source(None, {})).ui
    assert (defaults.language, defaults.idle_timeout_s, defaults.windowed) == (
        Language.ARABIC, 60, False)


# --- the kiosk's own overlays in its data folder -------------------------------------------


def _main_file(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[storage]\ndata_dir = "{data_dir}"\n[ui]\nlanguage = "ar"\n',
                    encoding="utf-8")
    return path


def test_overlays_lie_over_the_file_and_under_the_environment(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    write_overlay(data_dir, ENROLMENT_OVERLAY, {
        "kiosk": {"id": "AHS-MALL-07", "branch": "mubarraz"},
        "api": {"api_key": "k" * 32}})
    write_overlay(data_dir, SITE_OVERLAY, {"ui": {"language": "en", "idle_timeout_s": 90}})
    # A later write keeps what it does not name.
    write_overlay(data_dir, SITE_OVERLAY, {"ui": {"idle_timeout_s": 120}})
    assert oct((data_dir / SITE_OVERLAY).stat().st_mode & 0o777) == "0o600"

    checked = precheck(read_source(_main_file(tmp_path, data_dir),
                                   environ={"KIOSK_UI__IDLE_TIMEOUT_S": "200"}))
    assert checked.value("kiosk", "id") == "AHS-MALL-07"
    assert checked.value("api", "api_key") == "k" * 32
    assert checked.ui.language is Language.ENGLISH
    assert checked.ui.idle_timeout_s == 200  # the environment wins
    assert load_config(_main_file(tmp_path, data_dir)).ui.idle_timeout_s == 120


def test_an_overlay_keeps_only_its_own_keys_and_a_refused_write_changes_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    write_overlay(data_dir, SITE_OVERLAY, {"ui": {"idle_timeout_s": 90}})
    before = (data_dir / SITE_OVERLAY).read_bytes()
    with pytest.raises(ConfigError, match=r"site.toml: api.api_key: not kept in site.toml"):
        write_overlay(data_dir, SITE_OVERLAY, {"api": {"api_key": "x" * 20}})
    with pytest.raises(ConfigError, match=r"ui.idle_timeout_s: input should be greater"):
        write_overlay(data_dir, SITE_OVERLAY, {"ui": {"idle_timeout_s": 5}})
    assert (data_dir / SITE_OVERLAY).read_bytes() == before
    assert [p.name for p in data_dir.iterdir()] == [SITE_OVERLAY]  # no temporary left

    # A hand-edited overlay that takes a key it does not own names itself and the key.
    (data_dir / SITE_OVERLAY).write_text('[api]\napi_key = "stolen-key-0123456789"\n',
                                         encoding="utf-8")
    with pytest.raises(ConfigError, match=r"/site.toml: api: not kept in this file"):
        read_source(_main_file(tmp_path, data_dir))
