""""Issue a licence" in the tour: choosing a type, identification as a step of the
journey, every question's page (one question per page) and a page's error, the
municipality's problems, check, fee, and each way an application ends.

The answers are the sandbox's demo registries (docs/api.md): a clean shop, one whose
lease and CR expired, and one whose owner has unpaid invoices.
"""

from __future__ import annotations

from kiosk.api.errors import OfflineError, ServerError
from kiosk.api.schema import Problem
from kiosk.devices.printer.errors import PaperOut
from kiosk.flows.base import notice_for
from kiosk.flows.issue import IssueStep
from kiosk.journeys.identify import identify_screen
from kiosk.journeys.issue import SCREEN, issue_screen
from kiosk.screens.home import HomeScreen
from kiosk.screens.issue import IssueScreen
from kiosk.shell.router import HOME
from kiosk.tour.shell import choose
from kiosk.tour.steps import TourContext, TourStep
from sandbox.seed import CLEAN, DEBTOR, EXPIRED, DemoPerson

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


def _ready(tour: TourContext, person: DemoPerson | None = None) -> IssueScreen:
    """Opens the journey with the catalogue loaded, optionally as a demo beneficiary."""
    if person is not None:
        tour.identify(person)
    screen = issue_screen(tour.kiosk)
    tour.kiosk.router.go(SCREEN)
    tour.settle()
    return screen


def _fill(tour: TourContext, screen: IssueScreen, answers: dict[str, str], pages: int) -> None:
    """Answers `pages` questions through the real widgets, as fingers would."""
    for _ in range(pages):
        if screen.flow.step is not IssueStep.FORM:
            return
        page = screen.form_pages[screen.flow.page]
        if page.spec.name in answers:
            page.set_value(answers[page.spec.name])
        page.continue_button.click()
        tour.settle()


def _form(tour: TourContext, person: DemoPerson, answers: dict[str, str],
          pages: int) -> IssueScreen:
    screen = _ready(tour, person)
    screen.type_page.choose_buttons["professional"].click()
    _fill(tour, screen, answers, pages)
    return screen


def _submitted(tour: TourContext, wait_s: float | None = None) -> IssueScreen:
    screen = _form(tour, CLEAN, _CLEAN, 99)
    screen.check_page.continue_button.click()
    if wait_s is not None:
        screen.flow.wait_s = wait_s
    screen.fee_page.submit_button.click()
    tour.settle()
    return screen


def _before_you_start(tour: TourContext, *accessibility: str) -> None:
    """Home's issue tile, as a finger taps it, after the accessibility switches named."""
    choose(*accessibility)(tour)
    home = tour.kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    home.tiles[SCREEN].click()
    tour.settle()


def _form_accessible(tour: TourContext) -> None:
    choose("larger_text", "high_contrast", "lowered")(tour)
    _form(tour, CLEAN, {}, 0)


def _types(tour: TourContext) -> None:
    _ready(tour)


def _types_unavailable(tour: TourContext) -> None:
    # Offline with no cached catalogue yet (tested in the flow tests): what shows.
    screen = _ready(tour)
    screen.flow.reset()
    screen.flow.notice = notice_for(OfflineError())
    screen.refresh()


def _identify(tour: TourContext) -> None:
    # Not identified yet: choosing a licence asks who they are, as step 2 of the journey.
    screen = _ready(tour)
    screen.type_page.choose_buttons["professional"].click()
    tour.settle()
    identify_screen(tour.kiosk).id_page.field.setFocus()


# The professional licence's questions, in the catalogue's order (one page each).
_QUESTIONS = ("shop_name", "cr_number", "lease_number", "district", "activity", "area_m2",
              "contact_mobile")


def _question(answered: int) -> TourStep:
    """The page of the professional licence's question number `answered + 1`."""

    def setup(tour: TourContext) -> None:
        _form(tour, CLEAN, _CLEAN, answered)

    return TourStep(f"issue-form-{_QUESTIONS[answered].replace('_', '-')}", setup)


def _question_error(tour: TourContext) -> None:
    _form(tour, CLEAN, {"shop_name": "خ"}, 1)


def _digits_error(tour: TourContext) -> None:
    _form(tour, CLEAN, {**_CLEAN, "cr_number": "22500"}, 2)


def _problems(tour: TourContext) -> None:
    _form(tour, EXPIRED, _EXPIRED, 99)


def _problems_invoices(tour: TourContext) -> None:
    _form(tour, DEBTOR, _DEBTOR, 99)


def _fix(tour: TourContext) -> None:
    screen = _form(tour, EXPIRED, _EXPIRED, 99)
    screen.problems_page.fix_buttons["lease_number"].click()
    tour.settle()


def _service_error(tour: TourContext) -> None:
    # The demo sandbox's fault switches belong to the operator; the tour shows the
    # notice the flow sets when the server fails while checking (tested end to end).
    screen = _form(tour, CLEAN, _CLEAN, len(_QUESTIONS) - 1)
    page = screen.form_pages[screen.flow.page]
    page.set_value(_CLEAN.get(page.spec.name, ""))
    screen.flow.notice = notice_for(ServerError())
    screen.refresh()


def _check(tour: TourContext) -> None:
    _form(tour, CLEAN, _CLEAN, 99)


def _fee(tour: TourContext) -> None:
    screen = _form(tour, CLEAN, _CLEAN, 99)
    screen.check_page.continue_button.click()


def _confirmed(tour: TourContext) -> None:
    _submitted(tour)


def _provisional(tour: TourContext) -> None:
    # No waiting for the municipality's answer: the state a kiosk shows while offline
    # (the entry is still delivered afterwards by the worker).
    _submitted(tour, wait_s=0.0)


def _printer_out(tour: TourContext) -> None:
    # The tour cannot empty the demo printer's roll; it shows the state the flow
    # reaches when printing fails (the e2e test drives the real paper-out case).
    screen = _submitted(tour)
    receipt = screen.flow.printing.receipt
    assert receipt is not None
    screen.flow.printing.fail(PaperOut("paper out"), receipt)


def _refused(tour: TourContext) -> None:
    # The delivery refusal needs the server to change its mind between check and
    # submit (tested end to end); the tour shows the resulting screen.
    screen = _form(tour, CLEAN, _CLEAN, 99)
    screen.flow.step = IssueStep.FAILED
    screen.flow.failure_problems = [Problem(
        field="lease_number", code="lease_expired",
        message_ar="عقد الإيجار منتهي. جدّد العقد ثم أعد التقديم.",
        message_en="The lease has expired; renew it and apply again.")]
    screen.refresh()


def steps() -> list[TourStep]:
    return [
        TourStep("issue-before-you-start", _before_you_start),
        TourStep("issue-before-you-start-larger-text",
                 lambda tour: _before_you_start(tour, "larger_text")),
        TourStep("issue-types", _types),
        TourStep("issue-types-unavailable", _types_unavailable),
        TourStep("issue-identify", _identify),
        *(_question(answered) for answered in range(len(_QUESTIONS))),
        TourStep("issue-form-error", _question_error),
        TourStep("issue-form-digits-error", _digits_error),
        TourStep("issue-problems", _problems),
        TourStep("issue-problems-invoices", _problems_invoices),
        TourStep("issue-fix", _fix),
        TourStep("issue-service-error", _service_error),
        TourStep("issue-check", _check),
        TourStep("issue-fee", _fee),
        TourStep("issue-confirmed", _confirmed),
        TourStep("issue-provisional", _provisional),
        TourStep("issue-printer-out", _printer_out),
        TourStep("issue-refused", _refused),
        TourStep("issue-form-all-accessibility", _form_accessible),
    ]
