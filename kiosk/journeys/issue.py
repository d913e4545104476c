"""Wires "issue a licence": IssueFlow over the catalogue, API, outbox and printer, and
IssueScreen under the home tile's name "issue", with the page before it ("what you will
need, and how long it takes") that Home's tile opens first.

The licence type is chosen before identification (the catalogue is public, and a
beneficiary may just want to see what a licence needs and costs); choosing one sends an
unidentified beneficiary through "who are you" and back, because validation and
submission need the token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.api.schema import VerificationKind
from kiosk.api.verification import verification_url
from kiosk.domain.pilot import Journey, JourneyStep
from kiosk.flows.issue import IssueFlow, IssueStep
from kiosk.flows.progress import Stage
from kiosk.journeys.figures import report_progress
from kiosk.journeys.identify import identify_screen, require_identity
from kiosk.journeys.pay import pay_invoice
from kiosk.screens.home import HomeScreen
from kiosk.screens.issue import IssueScreen
from kiosk.screens.issue_intro import IssueIntroScreen
from kiosk.shell.router import HOME

if TYPE_CHECKING:
    from kiosk.journeys.port import KioskPort
    from kiosk.services import Services

SCREEN = "issue"
#: "What you will need, and how long it takes": Home's issue tile opens it first.
INTRO = "issue_intro"


def application_url(api_base_url: str, reference: str) -> str:
    """Where a provisional application receipt's QR code points (the unsigned page of the
    local reference: "not yet received"); a delivered one prints the signed URL of
    `SubmissionReceipt.verification_url`."""
    return verification_url(api_base_url, VerificationKind.TRANSACTION, reference)


def install(kiosk: KioskPort, services: Services) -> None:
    def make() -> IssueScreen:
        flow = IssueFlow(
            services.client, services.catalogue, services.outbox, services.printer,
            kiosk.background, session=kiosk.session, kiosk=services.config.kiosk,
            verification_url=lambda ref: application_url(services.config.api.base_url, ref),
            language=lambda: kiosk.language.current.value,
            online=lambda: services.connectivity.online,
        )
        report_progress(kiosk, services.events, Journey.ISSUE, SCREEN,
                        flows=(flow, flow.printing),
                        step=lambda: issue_step(flow, identified=kiosk.session.identified),
                        done=lambda: flow.step in (IssueStep.CONFIRMED, IssueStep.PROVISIONAL))
        return IssueScreen(
            flow,
            is_identified=lambda: kiosk.session.identified,
            identify=lambda: require_identity(kiosk, SCREEN, flow.stages),
            identify_again=lambda: _identify_again(kiosk, flow),
            pay=lambda: require_identity(kiosk, "pay"),
            pay_invoice=lambda number: pay_invoice(kiosk, number),
            finish=lambda: kiosk.end_session("licence application finished"),
        )

    kiosk.router.register(SCREEN, make)
    kiosk.router.register(INTRO, lambda: IssueIntroScreen(lambda: kiosk.router.go(SCREEN)))
    home = kiosk.router.screen(HOME)
    assert isinstance(home, HomeScreen)
    home.entries[SCREEN] = INTRO


def issue_step(flow: IssueFlow, *, identified: bool) -> JourneyStep | None:
    """The pilot's name for where the application is: its step indicator's stage. The
    first question's page is not reached until the beneficiary is identified (choosing a
    type sends them to identification first)."""
    progress = flow.progress
    if progress is None or (progress.current is Stage.DETAILS and not identified):
        return None
    return JourneyStep(progress.current.value)


def _identify_again(kiosk: KioskPort, flow: IssueFlow) -> None:
    """The token expired mid-application: the "who are you" step starts afresh (its own
    state still says done) and comes back here, where the answers are waiting."""
    identify_screen(kiosk).reset()
    require_identity(kiosk, SCREEN, flow.stages)


def issue_screen(kiosk: KioskPort) -> IssueScreen:
    screen = kiosk.router.screen(SCREEN)
    assert isinstance(screen, IssueScreen)
    return screen


__all__ = ["INTRO", "SCREEN", "application_url", "install", "issue_screen", "issue_step"]
