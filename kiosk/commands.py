"""The kiosk's own commands: run it, the screenshot tour, the demo, doctor, enrolment,
PIN hashing."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    run = subparsers.add_parser("run", help="run the kiosk (fullscreen unless --windowed)")
    run.add_argument("--windowed", action="store_true",
                     help="a normal window with a cursor, for development and technicians")
    run.set_defaults(func=_run)

    tour = subparsers.add_parser("tour", help="write a PNG of every screen state")
    tour.add_argument("--out", type=Path, default=Path("tour"), help="output folder")
    tour.add_argument("--shell-only", action="store_true",
                      help="only the shell's screens (no sandbox or emulators needed)")
    tour.set_defaults(func=_tour)

    demo = subparsers.add_parser(
        "demo", help="sandbox + printer and terminal emulators + the kiosk (headless: the tour)"
    )
    demo.add_argument("--dir", type=Path, default=Path("var/demo"),
                      help="where the demo keeps its data, receipts, log and tour")
    shape = demo.add_mutually_exclusive_group()
    shape.add_argument("--portrait", action="store_true",
                       help="a portrait kiosk's window (default: landscape, 16:9)")
    shape.add_argument("--fullscreen", action="store_true",
                       help="fill the screen, standing as it stands (the cursor stays)")
    demo.set_defaults(func=_demo)

    doctor = subparsers.add_parser(
        "doctor", help="check the API link, outbox, printer and terminal; changes nothing"
    )
    doctor.add_argument("--devices", action="store_true",
                        help="only the devices (printer and payment terminal)")
    doctor.add_argument("--json", action="store_true", help="the health snapshot as JSON")
    doctor.set_defaults(func=_doctor)

    enrol = subparsers.add_parser(
        "enrol", help="enrol this kiosk with the municipality (a one-time code; "
                      "docs/enrolment.md)")
    enrol.add_argument("--server", required=True, metavar="URL",
                       help="the API address from the pairing data, e.g. "
                            "https://api.example.sa/v1")
    enrol.add_argument("--code", required=True, metavar="CODE",
                       help="the one-time enrolment code, e.g. 7K3M-Q9XA-D2HF")
    enrol.add_argument("--ca-sha256", required=True, metavar="HEX",
                       help="the SHA-256 of the municipality's CA certificate (64 hex digits)")
    enrol.set_defaults(func=_enrol)

    pin = subparsers.add_parser("hash-pin", help="hash a technician PIN for the config file")
    pin.set_defaults(func=_hash_pin)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run(args: argparse.Namespace) -> int:
    from kiosk.cli import checked_config_from_args

    # Every key checked without pydantic: a bad file stops here, before any window,
    # and the typed models are built once Home is painted.
    config = checked_config_from_args(args)
    if not has_display():
        print("kiosk: no display found (DISPLAY/WAYLAND_DISPLAY unset); "
              "use `kiosk tour` to render the screens offscreen", file=sys.stderr)
        return 1
    windowed = args.windowed or config.ui.windowed
    window = None
    if windowed:
        from kiosk.shell.window_fit import DisplayError, WindowChoice, scale_to_screen

        try:  # the kiosk's whole screen, scaled to fit this one (as in the demo)
            window = scale_to_screen(WindowChoice())
        except DisplayError as exc:
            print(f"kiosk: {exc}", file=sys.stderr)
            return 1
    from kiosk.app import run

    return _without_stragglers(run(config, windowed=windowed, window=window))


# After the stop, how long `kiosk run` waits for its own worker threads (a beneficiary's
# request still waiting on the network) before leaving without them: systemd's stop must
# end the process within 5 s, and everything that matters was closed already.
EXIT_GRACE_S = 0.5


def _without_stragglers(status: int) -> int:
    """`status`, once no worker thread would hold the process at exit (Python joins the
    background pool's threads); past EXIT_GRACE_S it says so in the log and leaves."""
    import logging
    import threading
    import time

    def busy() -> list[threading.Thread]:
        return [t for t in threading.enumerate()
                if t is not threading.main_thread() and not t.daemon and t.is_alive()]

    deadline = time.monotonic() + EXIT_GRACE_S
    while busy() and time.monotonic() < deadline:
        time.sleep(0.02)
    left = busy()
    if not left:
        return status
    logging.getLogger("kiosk").warning(
        "leaving threads still busy at the stop", extra={
            "threads": ", ".join(sorted(t.name for t in left))})
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _tour(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args

    config = config_from_args(args)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.shell_only:
        from kiosk.tour import run_tour

        written = run_tour(args.out, config)
    elif args.config is not None or os.environ.get("KIOSK_CONFIG"):
        from kiosk.demo import tour_with_services

        written = tour_with_services(config, args.out)
    else:
        from kiosk.demo import run_tour_standalone

        written = run_tour_standalone(args.out.resolve())
    print(f"wrote {len(written)} screenshots to {args.out}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from kiosk.demo import run_demo
    from kiosk.shell.window_fit import Orientation, WindowChoice

    display = has_display()
    if not display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    window = WindowChoice(Orientation.PORTRAIT if args.portrait else Orientation.LANDSCAPE,
                          fullscreen=args.fullscreen)
    return run_demo(args.dir.resolve(), display=display, window=window,
                    log_level=args.log_level)


def _doctor(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args
    from kiosk.doctor import as_json, check, format_report
    from kiosk.health.model import Status

    config = config_from_args(args)
    snapshot = check(config, devices=True, network=not args.devices)
    if args.devices:
        from dataclasses import replace

        snapshot = replace(snapshot, components=tuple(
            c for c in snapshot.components if c.component not in ("api", "outbox")))
    print(as_json(snapshot) if args.json else format_report(snapshot))
    return 1 if snapshot.status is Status.ERROR else 0


def _enrol(args: argparse.Namespace) -> int:
    import logging

    from kiosk.cli import checked_config_from_args, config_from_args
    from kiosk.config import full_config
    from kiosk.config_source import EXIT_CONFIG, overlay_folder
    from kiosk.enrolment import EnrolmentError, enrol

    # httpx logs each request at INFO: the technician reads one line, not three.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    checked = checked_config_from_args(args)
    data_dir = overlay_folder(checked.source)
    if data_dir is None:
        print(f"kiosk enrol: {checked.source.origin} names no storage.data_dir, so the kiosk "
              "would not read an enrolment; give --config /etc/kiosk/kiosk.toml",
              file=sys.stderr)
        return EXIT_CONFIG
    try:
        done = enrol(full_config(checked), data_dir, server=args.server, code=args.code,
                     ca_sha256=args.ca_sha256, reload=lambda: config_from_args(args))
    except EnrolmentError as exc:
        print(f"kiosk enrol: {exc}", file=sys.stderr)
        return 1
    print(f"kiosk enrol: enrolled as {done.kiosk_id} ({done.branch}, {done.location_en}) "
          f"and proved with an authenticated call; written to {done.overlay}. "
          "Restart the kiosk to serve with it.")
    return 0


def _hash_pin(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.domain.pin import MAX_DIGITS, MIN_DIGITS, hash_pin, pin_problem

    pin = getpass.getpass(f"Technician PIN ({MIN_DIGITS}+ digits): ") if sys.stdin.isatty() \
        else sys.stdin.readline().strip()
    # The same rule as technician mode's "change the PIN" page.
    if pin_problem(pin) is not None:
        print(f"kiosk: a technician PIN is {MIN_DIGITS} to {MAX_DIGITS} digits, and not a "
              "pattern such as 123456 or 111111", file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0
