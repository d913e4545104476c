"""`kiosk <command>`: the one entry point for the kiosk, its demo and technicians' tools.

Each command lives in the module that owns it; this file only lists them, so adding a
tool never means editing another part's code. Heavy imports (Qt, httpx) happen inside the
commands, keeping `kiosk --help` and config errors instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from kiosk.config import ConfigError, KioskConfig, load_config

# Modules exposing `register(subparsers) -> None`; each sets `func` on its parsers,
# a callable taking the parsed namespace and returning the exit status.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.commands",
    "kiosk.offline_queue.commands",
    "kiosk.devices.printer.commands",
    "kiosk.devices.terminal.commands",
)

EXIT_CONFIG = 2


class CommandFunc(Protocol):
    def __call__(self, args: argparse.Namespace) -> int: ...


def config_from_args(args: argparse.Namespace) -> KioskConfig:
    """The config named by --config (or $KIOSK_CONFIG); raises ConfigError."""
    path: Path | None = getattr(args, "config", None)
    return load_config(path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Al-Ahsa Municipality self-service kiosk"
    )
    parser.add_argument(
        "--config", type=Path, default=None,
        help="kiosk TOML file (default: $KIOSK_CONFIG, else built-in defaults)",
    )
    parser.add_argument("--log-level", default="INFO",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
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
    parser = build_parser()
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
