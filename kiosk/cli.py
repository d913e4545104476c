"""`kiosk <command>`: the one entry point for the kiosk, its demo and technicians' tools.

Each command lives in the module that owns it; this file only lists them, so adding a
tool never means editing another part's code. Only the module of the command asked for is
imported (`kiosk run` never loads the printer, terminal or outbox tools), and heavy
imports (Qt, pydantic, httpx) happen inside the commands, keeping `kiosk --help` and
configuration errors instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.config_source import EXIT_CONFIG, CheckedConfig, ConfigError, precheck, read_source

if TYPE_CHECKING:
    from kiosk.config import KioskConfig

# Each command, and the module that registers it. Those modules expose
# `register(subparsers) -> None` and set `func` on their parsers: a callable taking the
# parsed namespace and returning the exit status. (tests/test_cli.py keeps this true.)
COMMANDS: dict[str, str] = {
    "run": "kiosk.commands",
    "tour": "kiosk.commands",
    "demo": "kiosk.commands",
    "doctor": "kiosk.commands",
    "enrol": "kiosk.commands",
    "hash-pin": "kiosk.commands",
    "queue": "kiosk.offline_queue.commands",
    "print-test": "kiosk.devices.printer.commands",
    "terminal-test": "kiosk.devices.terminal.commands",
    "audit": "kiosk.technician.commands",
}
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))


class CommandFunc(Protocol):
    def __call__(self, args: argparse.Namespace) -> int: ...


def checked_config_from_args(args: argparse.Namespace) -> CheckedConfig:
    """The config named by --config (or $KIOSK_CONFIG), every key checked, without pydantic.

    Raises ConfigError. `kiosk run` starts from this, so a bad file stops it before any
    window while Home still paints before the typed models are built.
    """
    path: Path | None = getattr(args, "config", None)
    return precheck(read_source(path))


def config_from_args(args: argparse.Namespace) -> KioskConfig:
    """The typed config named by --config (or $KIOSK_CONFIG); raises ConfigError."""
    from kiosk.config import full_config

    return full_config(checked_config_from_args(args))


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, default=None,
        help="kiosk TOML file (default: $KIOSK_CONFIG, else built-in defaults)",
    )
    parser.add_argument("--log-level", default="INFO",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"])


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv`, if it is one of COMMANDS (options may come first)."""
    options = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _global_options(options)
    try:
        _known, rest = options.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # a malformed option: the full parser will say what is wrong
    words = [word for word in rest if not word.startswith("-")]
    return words[0] if words and words[0] in COMMANDS else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of the module that owns `command`."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Al-Ahsa Municipality self-service kiosk"
    )
    _global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = COMMAND_MODULES if command is None else (COMMANDS[command],)
    for name in modules:
        register: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None] = (
            importlib.import_module(name).register
        )
        register(subparsers)
    _accept_config_after_command(subparsers)
    return parser


def _accept_config_after_command(
        subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`kiosk run --config F` as well as `kiosk --config F run`, at every level."""
    for command in set(subparsers.choices.values()):
        if not any("--config" in action.option_strings for action in command._actions):
            # SUPPRESS: when absent here, the value given before the command stands.
            command.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                                 help="kiosk TOML file (may also come before the command)")
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_config_after_command(action)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_in(argv))
    args = parser.parse_args(argv)
    from kiosk.logs import setup_logging

    setup_logging(args.log_level)
    func: CommandFunc | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_CONFIG
    try:
        return func(args)
    except ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        logging.getLogger("kiosk").info("interrupted")
        return 130
