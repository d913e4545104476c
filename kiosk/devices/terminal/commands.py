"""`kiosk terminal-test`: a technician's check of the card terminal, in plain English.

By default it only settles a purchase left open by a crash and asks for status; a real
purchase happens only with `--purchase-halalas N` and a typed "yes" (or `--yes`). Ctrl-C
during that purchase aborts it on the terminal.
"""

from __future__ import annotations

import argparse
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kiosk.domain.money import format_sar

if TYPE_CHECKING:  # the driver (pyserial) loads only when the command runs
    from kiosk.devices.terminal import PaymentTerminal, PurchaseOutcome

EXIT_OK, EXIT_FAULT, EXIT_USAGE = 0, 1, 2

_STEPS = {
    "waiting_for_card": "Waiting for a card (tap, insert or swipe)...",
    "card_read": "Card read.",
    "pin_entry": "PIN entry on the terminal...",
    "authorising": "Authorising with the bank...",
}


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "terminal-test",
        help="check the card payment terminal (status only, unless a purchase is asked for)",
    )
    parser.add_argument("--port", default=None,
                        help="use this port instead of [terminal] port (path or pyserial URL)")
    parser.add_argument("--purchase-halalas", type=int, default=None, metavar="N",
                        help="also charge N halalas to a card (100 = 1.00 SAR); asks first")
    parser.add_argument("--yes", action="store_true",
                        help="do not ask for confirmation before the purchase")
    parser.set_defaults(func=_terminal_test)


def _terminal_test(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args
    from kiosk.devices.terminal import PaymentTerminal, PurchaseUnresolved, TerminalError
    from kiosk.devices.terminal.open_purchase import state_dir as terminal_state_dir

    config = config_from_args(args)
    settings = config.terminal
    if args.port:
        settings = settings.model_copy(update={"port": args.port})
    amount: int | None = args.purchase_halalas
    if amount is not None and amount <= 0:
        print("terminal-test: --purchase-halalas must be a positive number of halalas")
        return EXIT_USAGE
    print(f"Payment terminal on {settings.port}.")
    terminal = PaymentTerminal(settings, terminal_state_dir(config.storage.data_dir))
    try:
        settled = terminal.recover()
        if settled is not None:
            print(f"A purchase left open earlier was settled: {describe(settled)}")
        status = terminal.status()
        print(f"Status: terminal {status.terminal_id} ({status.model}) answers and is "
              f"{status.state.value}.")
        if amount is None:
            print("No purchase made (add --purchase-halalas N to charge a card).")
            return EXIT_OK
        if not args.yes and not _confirmed(amount):
            print("No purchase made.")
            return EXIT_FAULT
        return _purchase(terminal, amount)
    except PurchaseUnresolved as exc:
        print(f"The outcome of purchase {exc.reference} is not known yet: {exc.cause}.")
        print("Do not charge the card again. Run `kiosk terminal-test` once the terminal "
              "answers: it asks the terminal and settles it.")
        return EXIT_FAULT
    except TerminalError as exc:
        print(f"Terminal problem: {exc}.")
        return EXIT_FAULT
    finally:
        terminal.close()


def _confirmed(amount: int) -> bool:
    try:
        answer = input(f"This charges {format_sar(amount)} to a real card. "
                       "Type yes to continue: ")
    except EOFError:
        return False
    return answer.strip().lower() == "yes"


def _purchase(terminal: PaymentTerminal, amount: int) -> int:
    from kiosk.devices.terminal import PurchaseProgress, TerminalError

    reference = f"TEST-{datetime.now(UTC):%Y%m%d%H%M%S}"
    print(f"Purchase {reference} of {format_sar(amount)}: present a card to the terminal.")
    results: list[PurchaseOutcome | TerminalError] = []

    def progress(step: PurchaseProgress) -> None:
        print(f"  {_STEPS[step.value]}", flush=True)

    def run() -> None:
        try:
            results.append(terminal.purchase(amount, reference, on_progress=progress))
        except TerminalError as exc:
            results.append(exc)

    worker = threading.Thread(target=run, name="terminal-test-purchase")
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        print("Cancelling on the terminal...")
        terminal.cancel()
        worker.join()
    result = results[0]
    if isinstance(result, TerminalError):
        raise result
    print(describe(result))
    return EXIT_OK if result.approved else EXIT_FAULT


def describe(outcome: PurchaseOutcome) -> str:
    """One line about a `PurchaseOutcome`, for people."""
    from kiosk.devices.terminal import PurchaseResult

    amount = format_sar(outcome.amount_halalas)
    via = " (learned through last transaction)" if outcome.recovered else ""
    if outcome.result is PurchaseResult.APPROVED:
        scheme = outcome.scheme.value if outcome.scheme else "card"
        return (f"APPROVED: {outcome.reference}, {amount}, approval code "
                f"{outcome.approval_code}, {scheme} card {outcome.masked_pan}, terminal "
                f"reference {outcome.terminal_reference or '-'}{via}.")
    if outcome.result is PurchaseResult.DECLINED and outcome.decline is not None:
        return (f"DECLINED: {outcome.reference}, {amount}: {outcome.decline.text_en} "
                f"(code {outcome.decline.code}){via}.")
    label = outcome.result.value.replace("_", " ").upper()
    return f"{label}: {outcome.reference}, {amount}: {outcome.message}{via}."
