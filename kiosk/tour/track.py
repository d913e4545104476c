""""Track a transaction" and "my licences" in the tour: lookups by number, each answer and
each failure, printing, and a demo beneficiary's licences and transactions.

The numbers are seeded in the demo's sandbox (docs/api.md): an issued, a rejected and a
fresh transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.api.errors import AuthError, MalformedResponseError, OfflineError, ServerError
from kiosk.devices.printer.errors import PaperOut, PrinterUnreachable
from kiosk.flows.mine import MineView, licence_summary
from kiosk.flows.track import ReceiptContext, transaction_summary
from kiosk.journeys.track import (
    LICENCES,
    TRACK,
    licences_screen,
    open_mine,
    summary_context,
    track_screen,
)
from kiosk.screens.track import TrackScreen
from kiosk.tour.steps import TourContext, TourStep, go
from sandbox.seed import DEBTOR, OWNER, RESIDENT, DemoPerson

TOUR_ISSUED = "1447000105"
TOUR_REJECTED = "1447000107"
TOUR_FRESH = "1447000101"


def _summary_context(tour: TourContext) -> ReceiptContext:
    return summary_context(tour.kiosk, tour.services)


def _type_number(tour: TourContext, typed: str) -> TrackScreen:
    screen = track_screen(tour.kiosk)
    tour.kiosk.router.go(TRACK)
    screen.number_page.field.setText(typed)
    screen.number_page.continue_button.click()
    return screen


def _typed(number: str) -> Callable[[TourContext], None]:
    def setup(tour: TourContext) -> None:
        _type_number(tour, number)
    return setup


def _printed(tour: TourContext) -> None:
    screen = _type_number(tour, TOUR_ISSUED)
    tour.settle()
    screen.print_panel.print_button.click()


def _print_failed(tour: TourContext) -> None:
    screen = _type_number(tour, TOUR_ISSUED)
    tour.settle()
    transaction = screen.flow.transaction
    assert transaction is not None
    # The demo's printer emulator has paper: show the state the flow reaches when the
    # printer reports paper out (the e2e tests produce it for real).
    screen.flow.printing.fail(PaperOut("paper out"), transaction_summary(
        transaction, tour.kiosk.language.current.value, _summary_context(tour)))


def _trouble(error: BaseException) -> Callable[[TourContext], None]:
    def setup(tour: TourContext) -> None:
        screen = track_screen(tour.kiosk)
        tour.kiosk.router.go(TRACK)
        screen.number_page.field.setText(TOUR_FRESH)
        # The demo's sandbox is up: show the state a failed lookup leads to (the
        # e2e tests reach it for real with the sandbox's fault switches).
        screen.flow.fail(error, "1447-000101")
    return setup


def _mine(tour: TourContext, person: DemoPerson, view: MineView) -> None:
    tour.identify(person)
    open_mine(tour.kiosk, view)


def _licences(person: DemoPerson, view: MineView) -> Callable[[TourContext], None]:
    return lambda tour: _mine(tour, person, view)


def _timeline(tour: TourContext) -> None:
    _mine(tour, OWNER, MineView.TRANSACTIONS)
    tour.settle()
    licences_screen(tour.kiosk).flow.open_transaction("1447-000105")


def _licence_printed(tour: TourContext) -> None:
    _mine(tour, DEBTOR, MineView.LICENCES)
    tour.settle()
    licences_screen(tour.kiosk).licence_cards[1].print_button.click()


def _licence_print_failed(tour: TourContext) -> None:
    _mine(tour, DEBTOR, MineView.LICENCES)
    tour.settle()
    screen = licences_screen(tour.kiosk)
    number = screen.licence_cards[1].number
    licence = next(lic for lic in screen.flow.licences or [] if lic.number == number)
    screen.flow.printing.fail(PrinterUnreachable("unreachable"), licence_summary(
        licence, tour.kiosk.language.current.value, _summary_context(tour)))


def _expired_session(tour: TourContext) -> None:
    _mine(tour, DEBTOR, MineView.LICENCES)
    tour.settle()
    licences_screen(tour.kiosk).flow.fail(AuthError(code="token_expired", status=401))


def _mine_offline(tour: TourContext) -> None:
    _mine(tour, OWNER, MineView.LICENCES)
    tour.settle()
    licences_screen(tour.kiosk).flow.fail(OfflineError())


def steps() -> list[TourStep]:
    return [
        TourStep("track-number", go(TRACK)),
        TourStep("track-number-error", _typed("1447-0001")),
        TourStep("track-not-found", _typed("1447-999999")),
        TourStep("track-received", _typed(TOUR_FRESH)),
        TourStep("track-rejected", _typed(TOUR_REJECTED)),
        TourStep("track-issued", _typed(TOUR_ISSUED)),
        TourStep("track-printed", _printed),
        TourStep("track-print-failed-qr", _print_failed),
        TourStep("track-offline", _trouble(OfflineError())),
        TourStep("track-server-error", _trouble(ServerError(status=503))),
        TourStep("track-malformed-answer", _trouble(MalformedResponseError())),
        TourStep("licences-identify-first", go(LICENCES)),
        TourStep("licences-cancelled-suspended", _licences(DEBTOR, MineView.LICENCES)),
        TourStep("licences-many", _licences(OWNER, MineView.LICENCES)),
        TourStep("licences-printed", _licence_printed),
        TourStep("licences-print-failed-qr", _licence_print_failed),
        TourStep("licences-none", _licences(RESIDENT, MineView.LICENCES)),
        TourStep("my-transactions", _licences(OWNER, MineView.TRANSACTIONS)),
        TourStep("my-transactions-none", _licences(DEBTOR, MineView.TRANSACTIONS)),
        TourStep("my-transaction-timeline", _timeline),
        TourStep("licences-session-expired", _expired_session),
        TourStep("licences-offline", _mine_offline),
    ]
