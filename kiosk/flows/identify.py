"""Who are you: national/resident ID, mobile, and the OTP sent to that mobile by SMS.

Shared by every journey that reveals or changes a beneficiary's data. The ID and mobile
are checked at the kiosk first (length, prefix, check digit) so a typo is explained at
once instead of costing an SMS; the beneficiary token lands only in the session.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import Protocol

from kiosk.api.errors import RejectedError
from kiosk.api.schema import BeneficiaryToken, OtpChallenge
from kiosk.config import Language
from kiosk.domain.identifiers import (
    IdProblem,
    check_mobile,
    check_national_id,
    normalize_digits,
    parse_mobile,
)
from kiosk.domain.session import Session
from kiosk.flows.base import Flow, Notice, Runner, notice_for

RESEND_AFTER_S = 60


class IdentityApi(Protocol):
    def request_otp(self, national_id: str, mobile: str,
                    language: Language | None = None) -> OtpChallenge: ...
    def verify_otp(self, challenge_id: str, code: str) -> BeneficiaryToken: ...


class IdentifyStep(enum.StrEnum):
    NATIONAL_ID = "national_id"
    MOBILE = "mobile"
    OTP = "otp"
    DONE = "done"


class IdentifyFlow(Flow):
    """ID -> mobile -> OTP -> done. `back()` returns False at the first step."""

    def __init__(
        self,
        api: IdentityApi,
        runner: Runner,
        session: Session,
        *,
        clock: Callable[[], float] = time.monotonic,
        resend_after_s: int = RESEND_AFTER_S,
        language: Callable[[], str] = lambda: "ar",
    ) -> None:
        """`language`: the screen's language now; the SMS with the code is sent in it."""
        super().__init__(runner)
        self._api = api
        self._language = language
        self._session = session
        self._clock = clock
        self._resend_after_s = resend_after_s
        self.step = IdentifyStep.NATIONAL_ID
        self.id_problem: IdProblem | None = None
        self.mobile_problem: IdProblem | None = None
        self.otp_notice: Notice | None = None
        self.challenge: OtpChallenge | None = None
        self._sent_at = 0.0

    # -- intents -----------------------------------------------------------------------

    def submit_id(self, typed: str) -> None:
        self.id_problem = check_national_id(typed)
        if self.id_problem is None:
            self._session.national_id = normalize_digits(typed)
            self.step = IdentifyStep.MOBILE
        self._changed()

    def submit_mobile(self, typed: str) -> None:
        self.mobile_problem = check_mobile(typed)
        if self.mobile_problem is not None:
            self._changed()
            return
        self._session.mobile = parse_mobile(typed).value
        self._request_otp()

    def resend(self) -> None:
        if self.resend_in() == 0:
            self._request_otp()

    def submit_otp(self, typed: str) -> None:
        code = normalize_digits(typed)
        if self.challenge is None:
            return
        if not (len(code) == 6 and code.isdigit()):
            self.otp_notice = Notice(
                "otp_format", "The code is the 6 digits in the SMS.",
                "رمز التحقق هو الأرقام الستة الواردة في الرسالة النصية.",
            )
            self._changed()
            return
        challenge_id = self.challenge.challenge_id
        self._run(lambda: self._api.verify_otp(challenge_id, code), self._verified,
                  self._otp_failed)

    def back(self) -> bool:
        """Goes one step back; False when already at the first step."""
        if self.step is IdentifyStep.OTP:
            self.step = IdentifyStep.MOBILE
        elif self.step is IdentifyStep.MOBILE:
            self.step = IdentifyStep.NATIONAL_ID
        else:
            return False
        self.notice = None
        self._changed()
        return True

    def reset(self) -> None:
        self.step = IdentifyStep.NATIONAL_ID
        self.id_problem = self.mobile_problem = None
        self.otp_notice = self.notice = None
        self.challenge = None
        self.busy = False
        self._changed()

    # -- state -------------------------------------------------------------------------

    def resend_in(self) -> int:
        """Seconds until a new code may be asked for (0: now)."""
        left = self._resend_after_s - (self._clock() - self._sent_at)
        return max(0, int(left + 0.999))

    @property
    def done(self) -> bool:
        return self.step is IdentifyStep.DONE

    # -- results -----------------------------------------------------------------------

    def _request_otp(self) -> None:
        national_id, mobile = self._session.national_id, self._session.mobile
        if national_id is None or mobile is None:
            self.step = IdentifyStep.NATIONAL_ID
            self._changed()
            return
        language = Language(self._language())
        self._run(lambda: self._api.request_otp(national_id, mobile, language), self._otp_sent)

    def _otp_sent(self, challenge: OtpChallenge) -> None:
        self.challenge = challenge
        self.otp_notice = None
        self._sent_at = self._clock()
        self.step = IdentifyStep.OTP

    def _verified(self, token: BeneficiaryToken) -> None:
        self._session.token = token.token
        self._session.name_ar = token.name_ar
        self._session.name_en = token.name_en
        self.step = IdentifyStep.DONE

    def _otp_failed(self, error: BaseException) -> None:
        if isinstance(error, RejectedError):
            self.otp_notice = notice_for(error)
        else:
            self.notice = notice_for(error)
