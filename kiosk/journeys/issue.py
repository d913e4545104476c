"""Wires "issue a licence": IssueFlow over the catalogue, API, outbox and printer, and
IssueScreen under the home tile's name "issue".

The licence type is chosen before identification (the catalogue is public, and a
beneficiary may just want to see what a licence needs and costs); choosing one sends an
unidentified beneficiary through "who are you" and back, because validation and
submission need the token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.api.schema import VerificationKind
from kiosk.api.verification import verification_url
from kiosk.flows.issue import IssueFlow, IssueStep
from kiosk.journeys.identify import identify_screen, require_identity
from kiosk.screens.issue import IssueScreen

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services import Services
    from kiosk.tour import TourStep

SCREEN = "issue"


def application_url(api_base_url: str, reference: str) -> str:
    """Where a provisional application receipt's QR code points (the unsigned page of the
    local reference: "not yet received"); a delivered one prints the signed URL of
    `SubmissionReceipt.verification_url`."""
    return verification_url(api_base_url, VerificationKind.TRANSACTION, reference)


def install(kiosk: Kiosk, services: Services) -> None:
    def make() -> IssueScreen:
        flow = IssueFlow(
            services.client, services.catalogue, services.outbox, services.printer,
            kiosk.background, session=kiosk.session, kiosk=services.config.kiosk,
            verification_url=lambda ref: application_url(services.config.api.base_url, ref),
            language=lambda: kiosk.language.current.value,
            online=lambda: services.connectivity.online,
        )
        return IssueScreen(
            flow,
            is_identified=lambda: kiosk.session.identified,
            identify=lambda: require_identity(kiosk, SCREEN),
            identify_again=lambda: _identify_again(kiosk),
            pay=lambda: require_identity(kiosk, "pay"),
            finish=lambda: kiosk.end_session("licence application finished"),
        )

    kiosk.router.register(SCREEN, make)


def _identify_again(kiosk: Kiosk) -> None:
    """The token expired mid-application: the "who are you" step starts afresh (its own
    state still says done) and comes back here, where the answers are waiting."""
    identify_screen(kiosk).reset()
    require_identity(kiosk, SCREEN)


def issue_screen(kiosk: Kiosk) -> IssueScreen:
    screen = kiosk.router.screen(SCREEN)
    assert isinstance(screen, IssueScreen)
    return screen


def _ready(kiosk: Kiosk, person: str | None = None) -> IssueScreen:
    """Opens the journey with the catalogue loaded, optionally as a demo beneficiary."""
    from kiosk.tour import current_context, settle
    from sandbox.seed import PEOPLE

    if person is not None:
        who = next(p for p in PEOPLE if p.name_en.startswith(person))
        current_context().identify(kiosk, who.national_id, who.mobile)
    screen = issue_screen(kiosk)
    kiosk.router.go(SCREEN)
    settle(kiosk)
    return screen


def _fill(kiosk: Kiosk, screen: IssueScreen, answers: dict[str, str], pages: int) -> None:
    """Answers `pages` pages through the real widgets, as fingers would."""
    from kiosk.tour import settle

    for _ in range(pages):
        if screen.flow.step is not IssueStep.FORM:
            return
        page = screen.form_pages[screen.flow.page]
        for block in page.blocks:
            if block.spec.name in answers:
                block.set_value(answers[block.spec.name])
        page.continue_button.click()
        settle(kiosk)


_CLEAN = {
    "shop_name": "خياط الكوت", "cr_number": "2250000011", "lease_number": "10000000011",
    "district": "hofuf-kut", "activity": "tailor", "area_m2": "45",
    "contact_mobile": "0551000001",
}
_EXPIRED = {
    **_CLEAN, "shop_name": "خياط البوعلي", "cr_number": "2250000031",
    "lease_number": "10000000031", "district": "hofuf-muhammadiyah", "activity": "carpentry",
    "contact_mobile": "0551000003",
}
_DEBTOR = {
    **_CLEAN, "shop_name": "مغسلة الملا", "cr_number": "2250000021",
    "lease_number": "10000000021", "district": "oyoun-centre", "activity": "laundry",
    "contact_mobile": "0551000002",
}


def _form(kiosk: Kiosk, person: str, answers: dict[str, str], pages: int) -> IssueScreen:
    screen = _ready(kiosk, person)
    screen.type_page.choose_buttons["professional"].click()
    _fill(kiosk, screen, answers, pages)
    return screen


def _submitted(kiosk: Kiosk, wait_s: float | None = None) -> IssueScreen:
    from kiosk.tour import settle

    screen = _form(kiosk, "Mohammed", _CLEAN, 99)
    screen.check_page.continue_button.click()
    if wait_s is not None:
        screen.flow.wait_s = wait_s
    screen.fee_page.submit_button.click()
    settle(kiosk)
    return screen


def tour_steps() -> list[TourStep]:
    from kiosk.api.schema import Problem
    from kiosk.devices.printer.errors import PaperOut
    from kiosk.tour import TourStep

    def types(kiosk: Kiosk) -> None:
        _ready(kiosk)

    def types_unavailable(kiosk: Kiosk) -> None:
        # Offline with no cached catalogue yet (tested in the flow tests): what shows.
        from kiosk.api.errors import OfflineError
        from kiosk.flows.base import notice_for

        screen = _ready(kiosk)
        screen.flow.reset()
        screen.flow.notice = notice_for(OfflineError())
        screen.refresh()

    def first_page(kiosk: Kiosk) -> None:
        _form(kiosk, "Mohammed", {}, 0)

    def first_page_errors(kiosk: Kiosk) -> None:
        _form(kiosk, "Mohammed", {"shop_name": "خ", "cr_number": "22500"}, 1)

    def district(kiosk: Kiosk) -> None:
        _form(kiosk, "Mohammed", _CLEAN, 1)

    def problems(kiosk: Kiosk) -> None:
        _form(kiosk, "Khalid", _EXPIRED, 99)

    def problems_invoices(kiosk: Kiosk) -> None:
        _form(kiosk, "Fatimah", _DEBTOR, 99)

    def fix(kiosk: Kiosk) -> None:
        from kiosk.tour import settle

        screen = _form(kiosk, "Khalid", _EXPIRED, 99)
        screen.problems_page.fix_buttons["lease_number"].click()
        settle(kiosk)

    def service_error(kiosk: Kiosk) -> None:
        # The demo sandbox's fault switches belong to the operator; the tour shows the
        # notice the flow sets when the server fails while checking (tested end to end).
        from kiosk.api.errors import ServerError
        from kiosk.flows.base import notice_for

        screen = _form(kiosk, "Mohammed", _CLEAN, 3)
        for block in screen.form_pages[screen.flow.page].blocks:
            block.set_value(_CLEAN.get(block.spec.name, ""))
        screen.flow.notice = notice_for(ServerError())
        screen.refresh()

    def check(kiosk: Kiosk) -> None:
        _form(kiosk, "Mohammed", _CLEAN, 99)

    def fee(kiosk: Kiosk) -> None:
        screen = _form(kiosk, "Mohammed", _CLEAN, 99)
        screen.check_page.continue_button.click()

    def confirmed(kiosk: Kiosk) -> None:
        _submitted(kiosk)

    def provisional(kiosk: Kiosk) -> None:
        # No waiting for the municipality's answer: the state a kiosk shows while offline
        # (the entry is still delivered afterwards by the worker).
        _submitted(kiosk, wait_s=0.0)

    def printer_out(kiosk: Kiosk) -> None:
        # The tour cannot empty the demo printer's roll; it shows the state the flow
        # reaches when printing fails (the e2e test drives the real paper-out case).
        screen = _submitted(kiosk)
        receipt = screen.flow.printing.receipt
        assert receipt is not None
        screen.flow.printing.fail(PaperOut("paper out"), receipt)

    def refused(kiosk: Kiosk) -> None:
        # The delivery refusal needs the server to change its mind between check and
        # submit (tested end to end); the tour shows the resulting screen.
        screen = _form(kiosk, "Mohammed", _CLEAN, 99)
        screen.flow.step = IssueStep.FAILED
        screen.flow.failure_problems = [Problem(
            field="lease_number", code="lease_expired",
            message_ar="عقد الإيجار منتهي. جدّد العقد ثم أعد التقديم.",
            message_en="The lease has expired; renew it and apply again.")]
        screen.refresh()

    return [
        TourStep("issue-types", types),
        TourStep("issue-types-unavailable", types_unavailable),
        TourStep("issue-form", first_page),
        TourStep("issue-form-errors", first_page_errors),
        TourStep("issue-form-choice", district),
        TourStep("issue-problems", problems),
        TourStep("issue-problems-invoices", problems_invoices),
        TourStep("issue-fix", fix),
        TourStep("issue-service-error", service_error),
        TourStep("issue-check", check),
        TourStep("issue-fee", fee),
        TourStep("issue-confirmed", confirmed),
        TourStep("issue-provisional", provisional),
        TourStep("issue-printer-out", printer_out),
        TourStep("issue-refused", refused),
    ]


__all__ = ["SCREEN", "application_url", "install", "issue_screen", "tour_steps"]
