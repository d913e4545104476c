"""Wires journey 3: "track" (a transaction by number, no identification) and "licences"
(my licences and my transactions, after identification), and their tour steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.flows.mine import MineFlow, MineView, licence_summary
from kiosk.flows.track import ReceiptContext, TrackFlow, transaction_summary
from kiosk.journeys.identify import identify_screen
from kiosk.screens.licences import LicencesScreen
from kiosk.screens.track import TrackScreen

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services import Services
    from kiosk.tour import TourStep

TRACK = "track"
LICENCES = "licences"


def summary_context(kiosk: Kiosk, services: Services) -> ReceiptContext:
    """Where this kiosk's summaries say they were printed, and their QR codes' unsigned
    URLs (for an answer that carries no signed one)."""
    identity = kiosk.config.kiosk
    return ReceiptContext(identity.id, identity.location_ar, identity.location_en,
                          services.client.verification_url)


def install(kiosk: Kiosk, services: Services) -> None:
    context = summary_context(kiosk, services)

    def make_track() -> TrackScreen:
        flow = TrackFlow(services.client, kiosk.background, services.printer, context)
        screen = TrackScreen(flow)
        screen.mine_requested.connect(lambda: open_mine(kiosk, MineView.TRANSACTIONS))
        return screen

    def make_licences() -> LicencesScreen:
        flow = MineFlow(services.client, kiosk.background, kiosk.session, services.printer,
                        context)
        screen = LicencesScreen(flow, lambda: kiosk.session.identified)
        screen.identity_needed.connect(lambda: _identify_first(kiosk))
        return screen

    kiosk.router.register(TRACK, make_track)
    kiosk.router.register(LICENCES, make_licences)


def licences_screen(kiosk: Kiosk) -> LicencesScreen:
    screen = kiosk.router.screen(LICENCES)
    assert isinstance(screen, LicencesScreen)
    return screen


def track_screen(kiosk: Kiosk) -> TrackScreen:
    screen = kiosk.router.screen(TRACK)
    assert isinstance(screen, TrackScreen)
    return screen


def open_mine(kiosk: Kiosk, view: MineView) -> None:
    """Goes to "my licences" on `view`, through identification when needed."""
    screen = licences_screen(kiosk)
    if screen.flow.licences is None and screen.flow.transactions is None:
        screen.start_view = view
    elif kiosk.session.identified:
        screen.flow.open(view)
    kiosk.router.go(LICENCES)


def _identify_first(kiosk: Kiosk) -> None:
    """"licences" was shown to someone not (or no longer) identified: identification takes
    its place in the history, and sends them back to "licences" when done."""
    step = identify_screen(kiosk)
    if step.flow.done:  # an earlier verification that the server no longer accepts
        step.reset()
    step.next_screen = LICENCES
    kiosk.router.replace("identify")



# --- the tour -----------------------------------------------------------------------------
# Seeded in the demo's sandbox (docs/api.md): an issued, a rejected and a fresh transaction.
TOUR_ISSUED = "1447000105"
TOUR_REJECTED = "1447000107"
TOUR_FRESH = "1447000101"


def _type_number(kiosk: Kiosk, typed: str) -> TrackScreen:
    screen = track_screen(kiosk)
    kiosk.router.go(TRACK)
    screen.number_page.field.setText(typed)
    screen.number_page.continue_button.click()
    return screen


def _as(person: str) -> Callable[[Kiosk], None]:
    def identify(kiosk: Kiosk) -> None:
        from kiosk.tour import current_context
        from sandbox.seed import PEOPLE

        who = next(p for p in PEOPLE if p.name_en.startswith(person))
        current_context().identify(kiosk, who.national_id, who.mobile)
    return identify


def _settle(kiosk: Kiosk) -> None:
    from kiosk.tour import settle

    settle(kiosk)


def tour_steps() -> list[TourStep]:
    from kiosk.devices.printer.errors import PaperOut, PrinterUnreachable
    from kiosk.tour import TourStep

    debtor, owner, resident = _as("Fatimah"), _as("Abdulrahman"), _as("Anwar")

    def number_error(kiosk: Kiosk) -> None:
        _type_number(kiosk, "1447-0001")

    def not_found(kiosk: Kiosk) -> None:
        _type_number(kiosk, "1447-999999")

    def result(typed: str) -> Callable[[Kiosk], None]:
        def setup(kiosk: Kiosk) -> None:
            _type_number(kiosk, typed)
        return setup

    def printed(kiosk: Kiosk) -> None:
        screen = _type_number(kiosk, TOUR_ISSUED)
        _settle(kiosk)
        screen.print_panel.print_button.click()

    def print_failed(kiosk: Kiosk) -> None:
        screen = _type_number(kiosk, TOUR_ISSUED)
        _settle(kiosk)
        transaction = screen.flow.transaction
        assert transaction is not None
        # The demo's printer emulator has paper: show the state the flow reaches when the
        # printer reports paper out (the e2e tests produce it for real).
        screen.flow.printing.fail(PaperOut("paper out"), transaction_summary(
            transaction, kiosk.language.current.value, _tour_context(kiosk)))

    def trouble(error: BaseException) -> Callable[[Kiosk], None]:
        def setup(kiosk: Kiosk) -> None:
            screen = track_screen(kiosk)
            kiosk.router.go(TRACK)
            screen.number_page.field.setText(TOUR_FRESH)
            # The demo's sandbox is up: show the state a failed lookup leads to (the
            # e2e tests reach it for real with the sandbox's fault switches).
            screen.flow.fail(error, "1447-000101")
        return setup

    def licences(person: Callable[[Kiosk], None], view: MineView) -> Callable[[Kiosk], None]:
        def setup(kiosk: Kiosk) -> None:
            person(kiosk)
            open_mine(kiosk, view)
        return setup

    def timeline(kiosk: Kiosk) -> None:
        owner(kiosk)
        open_mine(kiosk, MineView.TRANSACTIONS)
        _settle(kiosk)
        licences_screen(kiosk).flow.open_transaction("1447-000105")

    def licence_printed(kiosk: Kiosk) -> None:
        debtor(kiosk)
        open_mine(kiosk, MineView.LICENCES)
        _settle(kiosk)
        licences_screen(kiosk).licence_cards[1].print_button.click()

    def licence_print_failed(kiosk: Kiosk) -> None:
        debtor(kiosk)
        open_mine(kiosk, MineView.LICENCES)
        _settle(kiosk)
        screen = licences_screen(kiosk)
        number = screen.licence_cards[1].number
        licence = next(lic for lic in screen.flow.licences or [] if lic.number == number)
        screen.flow.printing.fail(PrinterUnreachable("unreachable"), licence_summary(
            licence, kiosk.language.current.value, _tour_context(kiosk)))

    def expired_session(kiosk: Kiosk) -> None:
        debtor(kiosk)
        open_mine(kiosk, MineView.LICENCES)
        _settle(kiosk)
        from kiosk.api.errors import AuthError

        licences_screen(kiosk).flow.fail(AuthError(code="token_expired", status=401))

    def mine_offline(kiosk: Kiosk) -> None:
        from kiosk.api.errors import OfflineError

        owner(kiosk)
        open_mine(kiosk, MineView.LICENCES)
        _settle(kiosk)
        licences_screen(kiosk).flow.fail(OfflineError())

    from kiosk.api.errors import MalformedResponseError, OfflineError, ServerError

    return [
        TourStep("track-number", lambda kiosk: kiosk.router.go(TRACK)),
        TourStep("track-number-error", number_error),
        TourStep("track-not-found", not_found),
        TourStep("track-received", result(TOUR_FRESH)),
        TourStep("track-rejected", result(TOUR_REJECTED)),
        TourStep("track-issued", result(TOUR_ISSUED)),
        TourStep("track-printed", printed),
        TourStep("track-print-failed-qr", print_failed),
        TourStep("track-offline", trouble(OfflineError())),
        TourStep("track-server-error", trouble(ServerError(status=503))),
        TourStep("track-malformed-answer", trouble(MalformedResponseError())),
        TourStep("licences-identify-first", lambda kiosk: kiosk.router.go(LICENCES)),
        TourStep("licences-cancelled-suspended", licences(debtor, MineView.LICENCES)),
        TourStep("licences-many", licences(owner, MineView.LICENCES)),
        TourStep("licences-printed", licence_printed),
        TourStep("licences-print-failed-qr", licence_print_failed),
        TourStep("licences-none", licences(resident, MineView.LICENCES)),
        TourStep("my-transactions", licences(owner, MineView.TRANSACTIONS)),
        TourStep("my-transactions-none", licences(debtor, MineView.TRANSACTIONS)),
        TourStep("my-transaction-timeline", timeline),
        TourStep("licences-session-expired", expired_session),
        TourStep("licences-offline", mine_offline),
    ]


def _tour_context(kiosk: Kiosk) -> ReceiptContext:
    assert kiosk.services is not None
    return summary_context(kiosk, kiosk.services)
