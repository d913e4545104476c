"""Who-are-you against the real sandbox: typos caught locally, the real OTP from the SMS
outbox, wrong codes counted, the token kept only in the session."""

from __future__ import annotations

from kiosk.api.client import MunicipalityClient
from kiosk.domain.identifiers import IdProblem
from kiosk.domain.session import Session
from kiosk.flows.base import InlineRunner
from kiosk.flows.identify import IdentifyFlow, IdentifyStep
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN


class FakeClock:
    """The resend countdown needs time to pass; a real minute is too long for a test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_identifies_with_the_code_from_the_sms(
    sandbox: SandboxProcess, api_client: MunicipalityClient
) -> None:
    session = Session()
    flow = IdentifyFlow(api_client, InlineRunner(), session)
    flow.submit_id(CLEAN.national_id)
    assert flow.step is IdentifyStep.MOBILE
    flow.submit_mobile(CLEAN.mobile)
    assert flow.step is IdentifyStep.OTP
    assert flow.challenge is not None
    assert CLEAN.mobile not in flow.challenge.mobile_masked
    flow.submit_otp(sandbox.admin.latest_otp(CLEAN.mobile))
    assert flow.done
    assert session.identified
    assert session.name_en == CLEAN.name_en


def test_typos_are_caught_before_any_sms(
    sandbox: SandboxProcess, api_client: MunicipalityClient
) -> None:
    before = len(sandbox.admin.sms(CLEAN.mobile))
    flow = IdentifyFlow(api_client, InlineRunner(), Session())
    flow.submit_id(CLEAN.national_id[:-1] + str((int(CLEAN.national_id[-1]) + 1) % 10))
    assert flow.id_problem is IdProblem.BAD_CHECK_DIGIT
    assert flow.step is IdentifyStep.NATIONAL_ID
    flow.submit_id(CLEAN.national_id)
    flow.submit_mobile("0451234567")
    assert flow.mobile_problem is IdProblem.WRONG_PREFIX
    assert len(sandbox.admin.sms(CLEAN.mobile)) == before


def test_wrong_code_is_explained_and_resend_waits(
    sandbox: SandboxProcess, api_client: MunicipalityClient
) -> None:
    clock = FakeClock()
    session = Session()
    flow = IdentifyFlow(api_client, InlineRunner(), session, clock=clock, resend_after_s=60)
    flow.submit_id(CLEAN.national_id)
    flow.submit_mobile(CLEAN.mobile)
    real = sandbox.admin.latest_otp(CLEAN.mobile)
    wrong = "000000" if real != "000000" else "111111"
    flow.submit_otp(wrong)
    assert flow.otp_notice is not None
    assert flow.otp_notice.message_ar
    assert not session.identified
    flow.submit_otp("12")
    assert flow.otp_notice.code == "otp_format"
    assert flow.resend_in() == 60
    sent = len(sandbox.admin.sms(CLEAN.mobile))
    flow.resend()  # too early: nothing is sent
    assert len(sandbox.admin.sms(CLEAN.mobile)) == sent
    clock.now += 61
    flow.resend()
    assert len(sandbox.admin.sms(CLEAN.mobile)) == sent + 1
    flow.submit_otp(sandbox.admin.latest_otp(CLEAN.mobile))
    assert session.identified


def test_offline_says_the_network_is_needed(
    sandbox: SandboxProcess, api_client: MunicipalityClient
) -> None:
    sandbox.admin.set_faults(fail_next=10, fail_status=503)
    flow = IdentifyFlow(api_client, InlineRunner(), Session())
    flow.submit_id(CLEAN.national_id)
    flow.submit_mobile(CLEAN.mobile)
    assert flow.step is IdentifyStep.MOBILE
    assert flow.notice is not None
    assert not flow.busy


def test_back_and_reset(sandbox: SandboxProcess, api_client: MunicipalityClient) -> None:
    session = Session()
    flow = IdentifyFlow(api_client, InlineRunner(), session)
    assert flow.back() is False
    flow.submit_id(CLEAN.national_id)
    assert flow.back() is True
    assert flow.step is IdentifyStep.NATIONAL_ID
    flow.reset()
    assert flow.challenge is None
