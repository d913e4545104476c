"""The few kinds of failure a caller of the municipality API can act on.

Screens need to know *what to tell the beneficiary* and the offline queue needs to know
*whether to try again*; neither should parse HTTP. Every error is a `kiosk.errors.
KnownError`: a short English line (logs, CLI, English screen), an Arabic line (screen)
and `retryable`, plus the server's `code` and HTTP `status` when there was an answer.
Messages never contain a beneficiary's personal data.

| class                   | when                                        | retryable           |
| ----------------------- | ------------------------------------------- | ------------------- |
| OfflineError            | connect failure, timeout, connection dropped | yes                 |
| TlsError                | certificate not trusted, hostname mismatch   | no (configuration)  |
| RejectedError           | 4xx with a code and problems                 | never               |
| AuthError               | 401/403: kiosk key or beneficiary token      | no                  |
| NotFoundError           | 404: unknown transaction/invoice/licence     | no                  |
| ServerError             | 5xx                                          | keyed requests, GETs |
| MalformedResponseError  | a body that is not the contract's shape      | keyed requests, GETs |
"""

from __future__ import annotations

from kiosk.api.schema import Problem
from kiosk.errors import KnownError

__all__ = [
    "ApiError",
    "AuthError",
    "MalformedResponseError",
    "NotFoundError",
    "OfflineError",
    "Problem",
    "RejectedError",
    "ServerError",
    "TlsError",
]


class ApiError(KnownError):
    """Base of every failure the client raises; `str()` is the English message."""

    default_en = "The municipality service could not complete the request."
    default_ar = "تعذّر على خدمة الأمانة إكمال الطلب."
    default_retryable = False

    def __init__(
        self,
        message_en: str | None = None,
        message_ar: str | None = None,
        *,
        code: str = "error",
        status: int | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(message_en, message_en=message_en, message_ar=message_ar,
                         retryable=retryable)
        self.code = code
        self.status = status


class OfflineError(ApiError):
    """The server was not reached, or the connection broke before an answer arrived."""

    default_en = "The municipality service cannot be reached right now."
    default_ar = "لا يمكن الوصول إلى خدمة الأمانة حاليًا."
    default_retryable = True


class TlsError(ApiError):
    """The server's certificate is not trusted or names another host: a configuration
    problem (wrong CA bundle or URL) or an impostor; retrying will not help."""

    default_en = "The municipality server's certificate is not trusted."
    default_ar = "شهادة خادم الأمانة غير موثوقة."


class RejectedError(ApiError):
    """The server refused the request as it stands; `problems` says what to fix."""

    default_en = "The municipality refused the request."
    default_ar = "رفضت الأمانة الطلب."

    def __init__(
        self,
        message_en: str | None = None,
        message_ar: str | None = None,
        *,
        code: str = "rejected",
        status: int | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message_en, message_ar, code=code, status=status, retryable=False)
        self.problems: list[Problem] = list(problems or [])


class AuthError(ApiError):
    """The kiosk's API key was refused, or the beneficiary's token expired."""

    default_en = "Not authorised: the kiosk key or the beneficiary session was refused."
    default_ar = "غير مصرّح: انتهت الجلسة أو رُفض مفتاح الجهاز."


class NotFoundError(ApiError):
    """The number asked for (transaction, invoice, licence) does not exist."""

    default_en = "No record with that number was found."
    default_ar = "لم يُعثر على سجل بهذا الرقم."


class ServerError(ApiError):
    """The server failed (5xx). Safe to retry only when the request carried an
    Idempotency-Key (or was a read); the client sets `retryable` accordingly."""

    default_en = "The municipality service had a problem. Please try again."
    default_ar = "حدث خلل في خدمة الأمانة. يرجى المحاولة مرة أخرى."


class MalformedResponseError(ApiError):
    """The answer was not what the contract promises (bad JSON, missing fields)."""

    default_en = "The municipality service sent an answer the kiosk cannot read."
    default_ar = "وصل من خدمة الأمانة رد لا يمكن قراءته."
