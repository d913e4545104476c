"""`MunicipalityClient`: the kiosk's only way to talk to the municipality API.

Synchronous on purpose (httpx.Client): callers run it on worker threads, never on the UI
thread. It verifies the server against the configured CA bundle (never `verify=False`),
sends the kiosk's API key, applies explicit per-phase timeouts, parses every answer into
the contract's models and turns every failure into one of `kiosk.api.errors`. It retries
only where that is safe: a connect failure (the request never left), and for keyed
requests (`Idempotency-Key`) or reads, a dropped connection, a 502/503/504 or a garbled
answer. The caller makes the idempotency key once, when the beneficiary confirms.

Offline-queue payloads (`send(kind, payload, key)`), plain JSON:
- `submit_application`: `SubmitApplication` — `{"application": {"licence_type", "answers"},
  "beneficiary_proof": {"token_id", "mac"}}` (`kiosk.api.proof`): a MAC bound to this
  application and its idempotency key, never the token itself. The server accepts it
  for 24 hours (`BeneficiaryToken.submit_until`), so the queue can deliver after the
  session ended.
- `record_payment`: `RecordPayment` — `{"invoice_number", "payment": {...}}`. No token:
  the invoice number, the matching amount and the kiosk's key authorise it.
- `journey_events`: `RecordJourneyEvents` — `{"kiosk_id", "batch": {"day", "events"}}`:
  one session's anonymous events for the pilot's figures (enums only).
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
import uuid
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from kiosk.api.errors import (
    ApiError,
    AuthError,
    MalformedResponseError,
    NotFoundError,
    OfflineError,
    RejectedError,
    ServerError,
    TlsError,
)
from kiosk.api.proof import make_proof
from kiosk.api.schema import (
    ApplicationDraft,
    BeneficiaryToken,
    Catalogue,
    EnrolmentGrant,
    EnrolmentRequest,
    ErrorBody,
    EventsReceipt,
    Health,
    Heartbeat,
    HeartbeatReply,
    Invoice,
    InvoiceList,
    JourneyEvents,
    Licence,
    LicenceList,
    OtpChallenge,
    OtpRequest,
    OtpVerify,
    Payment,
    PaymentReceipt,
    RecordJourneyEvents,
    RecordPayment,
    SubmissionReceipt,
    SubmitApplication,
    Transaction,
    TransactionList,
    ValidationResult,
    VerificationKind,
)
from kiosk.api.tls import client_context
from kiosk.api.verification import verification_url
from kiosk.config import ApiSettings, Language
from kiosk.domain.requests import RequestKind
from kiosk.health.model import ComponentHealth, Status

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

_RETRY_STATUSES = frozenset({502, 503, 504})
TOKEN_HEADER = "X-Beneficiary-Token"  # noqa: S105 (a header name)


def _tls_failure(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


# Handshake refusals about the TLS version or cipher: the two ends share no acceptable
# protocol (our policy is TLS 1.2+, AEAD only), a configuration problem, not the link.
_NEGOTIATION_FAILURES = frozenset({
    "SSLV3_ALERT_HANDSHAKE_FAILURE", "NO_SHARED_CIPHER", "NO_CIPHERS_AVAILABLE",
    "UNSUPPORTED_PROTOCOL", "NO_PROTOCOLS_AVAILABLE", "TLSV1_ALERT_PROTOCOL_VERSION",
    "TLSV1_ALERT_INSUFFICIENT_SECURITY",
})


def _negotiation_failure(exc: BaseException) -> ssl.SSLError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) and seen.reason in _NEGOTIATION_FAILURES:
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _tls_context(settings: ApiSettings) -> ssl.SSLContext:
    """Trusts exactly the configured CA bundle (or the system's when none is set), over
    TLS 1.2 or newer with AEAD ciphers only (`kiosk.api.tls`)."""
    bundle = settings.ca_bundle
    try:
        return client_context(str(bundle) if bundle else None)
    except FileNotFoundError:
        raise TlsError(f"The CA bundle {bundle} does not exist (check api.ca_bundle).",
                       "ملف شهادات الأمانة غير موجود على الجهاز.", code="ca_bundle_missing",
                       ) from None
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise TlsError(f"The CA bundle {bundle} cannot be used: {exc}.",
                       "ملف شهادات الأمانة على الجهاز غير صالح.", code="ca_bundle_invalid",
                       ) from None


class MunicipalityClient:
    """One kiosk's HTTPS connection pool to the municipality; thread-safe for calls.
    Raises TlsError at construction when the configured CA bundle is missing or unusable."""

    def __init__(self, settings: ApiSettings, *, max_attempts: int = 2,
                 retry_delay_s: float = 0.3,
                 transport: httpx.BaseTransport | None = None) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._settings = settings
        self._max_attempts = max_attempts
        self._retry_delay_s = retry_delay_s
        verify = _tls_context(settings)
        timeout = httpx.Timeout(connect=settings.connect_timeout_s,
                                read=settings.read_timeout_s,
                                write=settings.read_timeout_s,
                                pool=settings.connect_timeout_s)
        self._http = httpx.Client(
            base_url=settings.base_url + "/", verify=verify, timeout=timeout,
            headers={"Authorization": f"Bearer {settings.api_key}",
                     "Accept": "application/json", "User-Agent": "alahsa-kiosk/1"},
            transport=transport, follow_redirects=False,
        )
        self._lock = threading.Lock()
        self._last_ok: datetime | None = None
        self._last_error: ApiError | None = None

    # --- lifecycle ------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> MunicipalityClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- public, no beneficiary --------------------------------------------------------

    def probe(self) -> Health:
        """A cheap round trip (GET /health) for the connectivity monitor; no retries."""
        return self._call("GET", "health", Health, attempts=1)

    def catalogue(self) -> Catalogue:
        return self._call("GET", "catalogue", Catalogue)

    def transaction(self, number: str) -> Transaction:
        """Status and timeline by number; public, no personal data."""
        return self._call("GET", f"transactions/{quote(number, safe='')}", Transaction)

    def invoice(self, number: str) -> Invoice:
        return self._call("GET", f"invoices/{quote(number, safe='')}", Invoice)

    def verification_url(self, kind: VerificationKind | str, reference: str) -> str:
        """The unsigned public page of `reference` (no network call), for a receipt with
        no answer to take the signed URL from: a provisional receipt, a sample. It shows
        the status only (`kiosk.api.verification`)."""
        return verification_url(self._settings.base_url, kind, reference)

    # --- enrolment --------------------------------------------------------------------

    def enrol(self, code: str) -> EnrolmentGrant:
        """Exchanges a one-time enrolment code for this kiosk's identity and API key.

        Sent without the configured key (the kiosk has none of its own yet) and never
        repeated: the first answer spends the code."""
        return self._call("POST", "enrolment", EnrolmentGrant,
                          body=EnrolmentRequest(code=code), attempts=1, anonymous=True)

    # --- identity ---------------------------------------------------------------------

    def request_otp(self, national_id: str, mobile: str,
                    language: Language | None = None) -> OtpChallenge:
        """Sends an SMS code, in `language`, to the mobile registered for the ID. Not
        retried (a repeat would send a second SMS); its key only guards against a replay
        by the network."""
        body = OtpRequest(national_id=national_id, mobile=mobile, language=language)
        return self._call("POST", "identity/otp", OtpChallenge, body=body,
                          idempotency_key=_new_key(), attempts=1)

    def verify_otp(self, challenge_id: str, code: str) -> BeneficiaryToken:
        body = OtpVerify(challenge_id=challenge_id, code=code)
        return self._call("POST", "identity/verify", BeneficiaryToken, body=body,
                          idempotency_key=_new_key(), attempts=1)

    # --- beneficiary ------------------------------------------------------------------

    def validate_application(self, token: str, draft: ApplicationDraft) -> ValidationResult:
        """All problems at once; no side effects on the server."""
        return self._call("POST", "applications/validate", ValidationResult, body=draft,
                          token=token)

    def submit_application(self, token: str, draft: ApplicationDraft,
                           idempotency_key: str,
                           language: Language | None = None) -> SubmissionReceipt:
        """Submits directly (no outbox), with the proof made from `token` for this key;
        the transaction's SMS are in `language`."""
        payload = SubmitApplication(application=draft,
                                    beneficiary_proof=make_proof(token, idempotency_key, draft),
                                    language=language)
        return self._submit(payload, idempotency_key)

    def _submit(self, payload: SubmitApplication, idempotency_key: str) -> SubmissionReceipt:
        return self._call("POST", "applications", SubmissionReceipt, body=payload,
                          idempotency_key=idempotency_key)

    def my_transactions(self, token: str) -> list[Transaction]:
        return self._call("GET", "me/transactions", TransactionList, token=token).items

    def licences(self, token: str) -> list[Licence]:
        return self._call("GET", "me/licences", LicenceList, token=token).items

    def invoices(self, token: str) -> list[Invoice]:
        """The beneficiary's unpaid invoices."""
        return self._call("GET", "me/invoices", InvoiceList, token=token).items

    # --- payments ---------------------------------------------------------------------

    def record_payment(self, invoice_number: str, payment: Payment,
                       idempotency_key: str) -> PaymentReceipt:
        """Tells the municipality about an approved terminal payment (no token needed)."""
        return self._call("POST", f"invoices/{quote(invoice_number, safe='')}/payments",
                          PaymentReceipt, body=payment, idempotency_key=idempotency_key)

    # --- the pilot's figures -------------------------------------------------------------

    def record_events(self, kiosk_id: str, batch: JourneyEvents,
                      idempotency_key: str) -> EventsReceipt:
        """Reports one session's anonymous journey events (through the outbox)."""
        return self._call("POST", f"kiosks/{quote(kiosk_id, safe='')}/events", EventsReceipt,
                          body=batch, idempotency_key=idempotency_key)

    # --- the offline queue's entry point --------------------------------------------------

    def send(self, kind: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        """Delivers a stored request by kind; returns the server's answer as JSON.
        A payload that can never be valid raises RejectedError (code `invalid_payload`)."""
        try:
            request = RequestKind(kind)
        except ValueError:
            raise RejectedError(f"unknown request kind {kind!r}", "نوع طلب غير معروف.",
                                code="unknown_kind") from None
        try:
            if request is RequestKind.SUBMIT_APPLICATION:
                stored = SubmitApplication.model_validate(payload)
                receipt: BaseModel = self._submit(stored, idempotency_key)
            elif request is RequestKind.JOURNEY_EVENTS:
                events = RecordJourneyEvents.model_validate(payload)
                receipt = self.record_events(events.kiosk_id, events.batch, idempotency_key)
            else:
                paying = RecordPayment.model_validate(payload)
                receipt = self.record_payment(paying.invoice_number, paying.payment,
                                              idempotency_key)
        except ValidationError as exc:
            raise RejectedError(
                f"stored {kind} payload is not valid: {exc.error_count()} problem(s)",
                "بيانات الطلب المحفوظ غير صالحة.", code="invalid_payload",
            ) from None
        return receipt.model_dump(mode="json")

    # --- fleet ------------------------------------------------------------------------

    def heartbeat(self, heartbeat: Heartbeat) -> HeartbeatReply:
        """Sends this kiosk's health and takes the operators' commands. Never retried:
        the next heartbeat, with a newer snapshot, replaces one that did not get through."""
        return self._call("POST", f"kiosks/{quote(heartbeat.kiosk_id, safe='')}/heartbeat",
                          HeartbeatReply, body=heartbeat, attempts=1)

    # --- health -----------------------------------------------------------------------

    def health(self) -> ComponentHealth:
        """From the last call's outcome; never does I/O (the probe does)."""
        with self._lock:
            last_ok, last_error = self._last_ok, self._last_error
        details: dict[str, str | None] = {
            "base_url": self._settings.base_url,
            "last_ok": last_ok.isoformat() if last_ok else None,
            "last_error": type(last_error).__name__ if last_error else None,
        }
        if last_error is None:
            summary = "reachable" if last_ok else "not contacted yet"
            return ComponentHealth("api", Status.OK, summary, details)
        status = Status.ERROR if isinstance(last_error, TlsError | AuthError) else Status.WARNING
        return ComponentHealth("api", status, last_error.message_en, details)

    # --- the one request path -----------------------------------------------------------

    def _call(self, method: str, path: str, model: type[M], *, body: BaseModel | None = None,
              token: str | None = None, idempotency_key: str | None = None,
              attempts: int | None = None, anonymous: bool = False) -> M:
        headers: dict[str, str] = {}
        if token is not None:
            headers[TOKEN_HEADER] = token
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        content = body.model_dump_json().encode() if body is not None else None
        if content is not None:
            headers["Content-Type"] = "application/json"
        safe_to_repeat = method == "GET" or idempotency_key is not None
        limit = attempts or self._max_attempts
        attempt = 0
        while True:
            attempt += 1
            try:
                result = self._once(method, path, model, headers=headers, content=content,
                                    keyed=safe_to_repeat, anonymous=anonymous)
            except ApiError as error:
                self._remember(error)
                if attempt >= limit or not self._worth_retrying(error, safe_to_repeat):
                    raise
                log.info("api retry", extra={"path": _template(path), "attempt": attempt,
                                             "error": type(error).__name__})
                time.sleep(self._retry_delay_s * attempt)
                continue
            self._remember(None)
            return result

    @staticmethod
    def _worth_retrying(error: ApiError, safe_to_repeat: bool) -> bool:
        if isinstance(error, OfflineError):
            return safe_to_repeat or error.code == "connect_failed"
        if isinstance(error, ServerError):
            return safe_to_repeat and error.status in _RETRY_STATUSES
        if isinstance(error, MalformedResponseError):
            return safe_to_repeat
        return False

    def _remember(self, error: ApiError | None) -> None:
        with self._lock:
            if error is None:
                self._last_ok, self._last_error = datetime.now(UTC), None
            elif not isinstance(error, RejectedError | NotFoundError):
                self._last_error = error
            else:  # the server answered: the link itself is fine
                self._last_ok, self._last_error = datetime.now(UTC), None

    def _once(self, method: str, path: str, model: type[M], *, headers: dict[str, str],
              content: bytes | None, keyed: bool, anonymous: bool = False) -> M:
        started = time.perf_counter()
        request = self._http.build_request(method, path, headers=headers, content=content)
        if anonymous:
            del request.headers["Authorization"]
        try:
            response = self._http.send(request)
        except httpx.TimeoutException as exc:
            code = "connect_failed" if isinstance(exc, httpx.ConnectTimeout) else "timeout"
            raise OfflineError(f"The municipality service did not answer in time ({code}).",
                               code=code) from exc
        except httpx.TransportError as exc:
            cert_problem = _tls_failure(exc)
            if cert_problem is not None:
                raise TlsError(
                    f"The server's certificate was refused: {cert_problem.verify_message}.",
                    code="certificate_refused",
                ) from exc
            refused = _negotiation_failure(exc)
            if refused is not None:
                raise TlsError(
                    "The server offers no TLS version or cipher the kiosk accepts "
                    f"(TLS 1.2+ with AEAD ciphers): {refused.reason}.",
                    "تعذّر الاتفاق على اتصال آمن مع خادم الأمانة.",
                    code="tls_negotiation_failed",
                ) from exc
            code = "connect_failed" if isinstance(exc, httpx.ConnectError) else "connection_lost"
            raise OfflineError(code=code) from exc
        log.debug("api call", extra={"method": method, "path": _template(path),
                                     "status": response.status_code,
                                     "ms": round((time.perf_counter() - started) * 1000, 1)})
        if response.is_success:
            return _parse(response, model, keyed)
        raise _error_for(response, keyed)


def _new_key() -> str:
    return str(uuid.uuid4())


def _template(path: str) -> str:
    """The path with numbers kept (they are not personal) but nothing else appended."""
    return path.split("?", 1)[0]


def _parse(response: httpx.Response, model: type[M], keyed: bool) -> M:
    try:
        return model.model_validate_json(response.content)
    except (ValidationError, ValueError) as exc:
        raise MalformedResponseError(
            f"Unexpected answer from the municipality service (HTTP {response.status_code}).",
            code="malformed_response", status=response.status_code, retryable=keyed,
        ) from exc


def _error_body(response: httpx.Response) -> ErrorBody | None:
    try:
        return ErrorBody.model_validate_json(response.content)
    except (ValidationError, ValueError):
        return None


def _error_for(response: httpx.Response, keyed: bool) -> ApiError:
    status = response.status_code
    body = _error_body(response)
    en = body.message_en if body else None
    ar = body.message_ar if body else None
    code = body.code if body else f"http_{status}"
    if status >= 500:
        return ServerError(en, ar, code=code, status=status, retryable=keyed)
    if status in (401, 403):
        return AuthError(en, ar, code=code, status=status)
    if status == 404:
        return NotFoundError(en, ar, code=code, status=status)
    if body is None and status not in (400, 409, 422, 429):
        return MalformedResponseError(
            f"Unexpected HTTP {status} from the municipality service.",
            code=code, status=status, retryable=keyed,
        )
    return RejectedError(en, ar, code=code, status=status,
                         problems=list(body.problems) if body else [])
