"""The sandbox against a hostile client, over real HTTPS on one kept-alive connection.

Each refusal must come in the contract's one error shape with a code the kiosk can test,
and the same connection must answer the next request: a server that answers and then
hangs up (or hangs up instead of answering) breaks every client that keeps connections
alive. The property-based half generates the same kinds of bad input (lone surrogates,
non-ASCII digits, amounts that are not JSON integers, timestamps that are not RFC 3339
or not plausible, deep nesting) instead of naming a few.
"""

from __future__ import annotations

import http.client
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import PAID_AT_AHEAD, PAID_AT_EARLIEST, ErrorBody
from sandbox.edge import MAX_BODY_BYTES, MAX_DEPTH
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN
from tests.fixtures.sandbox import identify

INVOICE = "INV-1447-000704"  # unpaid, 300.00 SAR, of transaction 1447-000104
AMOUNT = 30_000
PAYMENT = {"amount_halalas": AMOUNT, "approval_code": "A1B2C3",
           "masked_pan": "588845******1234", "scheme": "mada",
           "terminal_reference": "T-0001", "paid_at": "2026-01-01T09:00:00Z"}
PROOF = {"token_id": "0" * 64, "mac": "A" * 43}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def error(self) -> ErrorBody:
        return ErrorBody.model_validate_json(self.body)


class KeptAlive:
    """One HTTPS connection for a whole test. `send` fails when the server closed it, so
    a hostile request the server answers by hanging up fails the test."""

    def __init__(self, sandbox: SandboxProcess) -> None:
        origin = urlsplit(sandbox.origin)
        assert origin.hostname is not None
        self._conn = http.client.HTTPSConnection(origin.hostname, origin.port, timeout=10,
                                                 context=sandbox.ssl_context())
        self._conn.connect()
        self._socket = self._conn.sock
        self._auth = {"Authorization": f"Bearer {sandbox.api_key}"}

    def send(self, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> Answer:
        assert self._conn.sock is self._socket, "the server closed the connection"
        self._conn.request(method, path, body=body, headers={**self._auth, **(headers or {})})
        response = self._conn.getresponse()
        answer = Answer(response.status, response.read())
        assert self._conn.sock is self._socket, "the server answered, then closed"
        return answer

    def post(self, path: str, body: bytes, headers: dict[str, str] | None = None) -> Answer:
        """A hostile POST; the same connection must then still answer a health check."""
        answer = self.send("POST", path, body, {"Content-Type": "application/json",
                                                "Idempotency-Key": str(uuid.uuid4()),
                                                **(headers or {})})
        assert self.send("GET", "/v1/health").status == 200
        return answer

    def close(self) -> None:
        self._conn.close()


@pytest.fixture
def wire(sandbox: SandboxProcess) -> Iterator[KeptAlive]:
    connection = KeptAlive(sandbox)
    yield connection
    connection.close()


@pytest.fixture
def token(sandbox: SandboxProcess, api_client: MunicipalityClient) -> str:
    return identify(sandbox, api_client, CLEAN).token


def refused(answer: Answer, status: int = 422, code: str = "invalid_request") -> ErrorBody:
    assert answer.status == status, answer.body
    body = answer.error()
    assert (body.code, bool(body.message_ar), bool(body.message_en)) == (code, True, True)
    return body


def problem_codes(body: ErrorBody) -> dict[str | None, str]:
    return {p.field: p.code for p in body.problems}


def payment(**changes: Any) -> bytes:
    return json.dumps({**PAYMENT, **changes}, ensure_ascii=False).encode()


def invoice_status(sandbox: SandboxProcess) -> str:
    rows = {r["number"]: r for r in sandbox.admin.records("invoices")}
    status: str = rows[INVOICE]["status"]
    return status


def server_now(wire: KeptAlive) -> datetime:
    return datetime.fromisoformat(json.loads(wire.send("GET", "/v1/health").body)["time"])


# --- lone surrogates --------------------------------------------------------------------

SURROGATE_CASES = [
    # (path, raw JSON, the field the problem names)
    ("/v1/applications/validate",
     r'{"licence_type": "professional", "answers": {"\ud800": "x"}}', "answers"),
    ("/v1/applications/validate",
     r'{"licence_type": "professional", "answers": {"shop_name": "Tailor \udfff"}}',
     "answers.shop_name"),
    ("/v1/applications",
     '{"application": {"licence_type": "professional", "answers": {"shop_name": '
     r'"\ud83d"}}, "beneficiary_proof": ' + json.dumps(PROOF) + "}",
     "application.answers.shop_name"),
    ("/v1/identity/otp", r'{"national_id": "\udc00", "mobile": "0551000001"}', "national_id"),
]


@pytest.mark.parametrize(("path", "raw", "field"), SURROGATE_CASES)
def test_a_lone_surrogate_is_refused_and_the_connection_serves_on(
        wire: KeptAlive, token: str, path: str, raw: str, field: str) -> None:
    answer = wire.post(path, raw.encode(), {"X-Beneficiary-Token": token})
    assert refused(answer).problems[0].model_dump(include={"field", "code"}) == {
        "field": field, "code": "json_unpaired_surrogate"}


def test_a_surrogate_pair_is_a_character_and_is_accepted(wire: KeptAlive, token: str) -> None:
    raw = r'{"licence_type": "professional", "answers": {"shop_name": "Tailor \ud83d\udc54"}}'
    answer = wire.post("/v1/applications/validate", raw.encode(),
                       {"X-Beneficiary-Token": token})
    assert answer.status == 200


JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


@given(document=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8), surrogate=st.characters(categories=["Cs"]), data=st.data())
@PROPERTY
def test_any_lone_surrogate_anywhere_is_refused(
        wire: KeptAlive, token: str, document: Any, surrogate: str, data: st.DataObject) -> None:
    # Into one string of a plausible draft (a member name or a value, at its start or its
    # end) goes one escaped surrogate with no partner next to it.
    raw = json.dumps({"licence_type": "professional", "answers": {"shop_name": document}})
    string = data.draw(st.sampled_from(list(JSON_STRING.finditer(raw))), label="string")
    spot = data.draw(st.sampled_from([string.start() + 1, string.end() - 1]), label="end")
    hostile = raw[:spot] + json.dumps(surrogate)[1:-1] + raw[spot:]
    answer = wire.post("/v1/applications/validate", hostile.encode(),
                       {"X-Beneficiary-Token": token})
    assert "json_unpaired_surrogate" in problem_codes(refused(answer)).values()


# --- digits -----------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body", "field"), [
    ("POST", f"/v1/invoices/{INVOICE}/payments",
     payment(masked_pan="588845******1234".translate(ARABIC_INDIC)), "masked_pan"),
    ("POST", "/v1/identity/verify",
     json.dumps({"challenge_id": "c" * 24, "code": "123456".translate(ARABIC_INDIC)}).encode(),
     "code"),
    ("GET", "/v1/transactions/" + quote("1447-000101".translate(ARABIC_INDIC)), None, "number"),
    ("GET", "/v1/invoices/" + quote(INVOICE.translate(ARABIC_INDIC)), None, "number"),
])
def test_arabic_indic_digits_do_not_match_a_published_pattern(
        wire: KeptAlive, sandbox: SandboxProcess, method: str, path: str, body: bytes | None,
        field: str) -> None:
    headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
    answer = wire.send(method, path, body, headers)
    assert refused(answer).problems[0].field == field
    assert invoice_status(sandbox) == "unpaid"


def test_an_answer_in_arabic_indic_digits_is_invalid_not_looked_up(
        wire: KeptAlive, token: str) -> None:
    # The kiosk turns typed Arabic-Indic digits into ASCII before sending (form_pages);
    # the server holds the published pattern to the letter.
    draft = {"licence_type": "professional", "answers": {
        "cr_number": "2250000011".translate(ARABIC_INDIC),
        "lease_number": "10000000011".translate(ARABIC_INDIC)}}
    answer = wire.post("/v1/applications/validate", json.dumps(draft).encode(),
                       {"X-Beneficiary-Token": token})
    problems = {p["field"]: p["code"] for p in json.loads(answer.body)["problems"]}
    assert (problems["cr_number"], problems["lease_number"]) == ("invalid", "invalid")


@given(digit=st.characters(categories=["Nd"]).filter(lambda c: not c.isascii()),
       field=st.sampled_from(["masked_pan", "approval_code"]), data=st.data())
@PROPERTY
def test_any_non_ascii_digit_in_a_payment_is_refused(
        wire: KeptAlive, sandbox: SandboxProcess, digit: str, field: str,
        data: st.DataObject) -> None:
    value = str(PAYMENT[field])
    spots = [i for i, c in enumerate(value) if c.isdigit()]
    spot = data.draw(st.sampled_from(spots), label="which digit")
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments",
                       payment(**{field: value[:spot] + digit + value[spot + 1:]}))
    assert problem_codes(refused(answer)) == {field: "string_pattern_mismatch"}
    assert invoice_status(sandbox) == "unpaid"


@given(digit=st.characters(categories=["Nd"]).filter(lambda c: not c.isascii()),
       spot=st.integers(0, 9))
@PROPERTY
def test_any_non_ascii_digit_in_an_id_is_refused(wire: KeptAlive, digit: str,
                                                 spot: int) -> None:
    national_id = CLEAN.national_id[:spot] + digit + CLEAN.national_id[spot + 1:]
    body = json.dumps({"national_id": national_id, "mobile": CLEAN.mobile}).encode()
    answer = wire.post("/v1/identity/otp", body)
    assert problem_codes(refused(answer)) == {"national_id": "string_pattern_mismatch"}


# --- money ------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["30000", 30000.0, 30000.5, True])
def test_an_amount_must_be_a_json_integer(wire: KeptAlive, sandbox: SandboxProcess,
                                          amount: object) -> None:
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", payment(amount_halalas=amount))
    assert problem_codes(refused(answer)) == {"amount_halalas": "int_type"}
    assert invoice_status(sandbox) == "unpaid"


@given(amount=st.from_type(str).map(lambda s: f"{AMOUNT}{s}")
       | st.floats(allow_nan=False, allow_infinity=False) | st.booleans()
       | st.integers().map(str))
@PROPERTY
def test_any_amount_that_is_not_a_json_integer_is_refused(
        wire: KeptAlive, sandbox: SandboxProcess, amount: object) -> None:
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", payment(amount_halalas=amount))
    assert problem_codes(refused(answer)) == {"amount_halalas": "int_type"}
    assert invoice_status(sandbox) == "unpaid"


def test_a_repeated_member_name_is_refused_not_resolved(wire: KeptAlive,
                                                        sandbox: SandboxProcess) -> None:
    # Which of two amounts is meant? Parsers disagree (first or last wins); the server
    # must not pick one.
    raw = payment().replace(b'"amount_halalas": 30000',
                            b'"amount_halalas": 1, "amount_halalas": 30000')
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", raw)
    assert problem_codes(refused(answer)) == {None: "json_duplicate_key"}
    assert invoice_status(sandbox) == "unpaid"


# --- timestamps -------------------------------------------------------------------------


@pytest.mark.parametrize("paid_at", [0, 1_767_258_000, 1.767e9, "0", "1767258000",
                                     "2026-01-01 09:00:00Z"])
def test_paid_at_must_be_rfc3339_text_with_an_offset(wire: KeptAlive, sandbox: SandboxProcess,
                                                     paid_at: object) -> None:
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", payment(paid_at=paid_at))
    assert set(problem_codes(refused(answer))) == {"paid_at"}
    assert invoice_status(sandbox) == "unpaid"


@pytest.mark.parametrize("paid_at", ["1970-01-01T00:00:00Z", "2000-01-01T00:00:00+03:00",
                                     "2999-12-31T23:59:59Z"])
def test_an_implausible_payment_time_is_refused(wire: KeptAlive, sandbox: SandboxProcess,
                                                paid_at: str) -> None:
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", payment(paid_at=paid_at))
    body = refused(answer, code="paid_at_implausible")
    assert body.problems[0].field == "paid_at"
    assert invoice_status(sandbox) == "unpaid"


@pytest.mark.parametrize("skew", [timedelta(days=-30), timedelta(hours=-3),
                                  timedelta(hours=20)])
def test_a_payment_from_a_kiosk_whose_clock_is_off_is_recorded(
        wire: KeptAlive, sandbox: SandboxProcess, skew: timedelta) -> None:
    # The other side of the window: a real payment from a kiosk whose clock is hours or
    # days off (a wrong time zone, a queue that waited) is never refused for its time.
    riyadh = timezone(timedelta(hours=3))
    paid_at = (server_now(wire) + skew).astimezone(riyadh).isoformat()
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", payment(paid_at=paid_at))
    assert answer.status == 201, answer.body
    assert invoice_status(sandbox) == "paid"


def test_a_payment_dated_ahead_moves_no_other_application(wire: KeptAlive,
                                                          sandbox: SandboxProcess) -> None:
    before = {r["number"]: r["status"] for r in sandbox.admin.records("transactions")}
    paid_at = (server_now(wire) + timedelta(hours=20)).isoformat()
    assert wire.post(f"/v1/invoices/{INVOICE}/payments",
                     payment(paid_at=paid_at)).status == 201
    after = {r["number"]: r["status"] for r in sandbox.admin.records("transactions")}
    changed = {number for number in before if before[number] != after[number]}
    # Only the paid transaction moves on (from payment to issuance), and only as far as
    # the server's own clock allows: not issued 20 hours early.
    assert changed == {"1447-000104"}
    assert after["1447-000104"] == "approved"


@given(when=st.datetimes() | st.timedeltas(min_value=timedelta(days=-1000),
                                           max_value=timedelta(days=3)),
       offset_minutes=st.integers(-23 * 60 - 59, 23 * 60 + 59))
@PROPERTY
def test_any_payment_time_is_judged_by_the_published_window(
        wire: KeptAlive, when: datetime | timedelta, offset_minutes: int) -> None:
    # `when` is any moment at all, or one near the server's clock (where kiosks are).
    zone = timezone(timedelta(minutes=offset_minutes))
    now = server_now(wire)
    paid_at = (now + when).astimezone(zone) if isinstance(when, timedelta) \
        else when.replace(tzinfo=zone)
    # The server's clock has moved on a little by the time it judges: keep off the edge.
    assume(abs(paid_at - (now + PAID_AT_AHEAD)) > timedelta(minutes=1))
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments",
                       payment(paid_at=paid_at.isoformat()))
    plausible = PAID_AT_EARLIEST <= paid_at <= now + PAID_AT_AHEAD
    event("plausible" if plausible else "implausible")
    if plausible:
        assert answer.status in (201, 409), answer.body  # 409: an earlier example paid it
    else:
        refused(answer, code="paid_at_implausible")


@given(stamp=st.integers() | st.floats(allow_nan=False, allow_infinity=False)
       | st.datetimes(timezones=st.none() | st.just(UTC)).map(
           lambda moment: moment.isoformat(sep=" ") if moment.tzinfo else moment.isoformat())
       | st.dates().map(str) | st.integers(0, 10**10).map(str))
@PROPERTY
def test_any_payment_time_that_is_not_rfc3339_is_refused(
        wire: KeptAlive, sandbox: SandboxProcess, stamp: object) -> None:
    answer = wire.post(f"/v1/invoices/{INVOICE}/payments", payment(paid_at=stamp))
    assert set(problem_codes(refused(answer))) == {"paid_at"}
    assert invoice_status(sandbox) == "unpaid"


# --- shape and size of the body ---------------------------------------------------------


def nested(depth: int, opener: str) -> str:
    inner, closer = ('{"a": ', "}") if opener == "{" else ("[", "]")
    return inner * depth + "1" + closer * depth


@pytest.mark.parametrize("body", [nested(5000, "["), nested(5000, "{"),
                                  '{"national_id": ' + nested(5000, "[") + "}",
                                  nested(MAX_DEPTH + 1, "[")])
def test_a_deeply_nested_body_is_refused_as_such(wire: KeptAlive, body: str) -> None:
    answer = wire.post("/v1/identity/otp", body.encode())
    assert "json_too_deep" in problem_codes(refused(answer)).values()


@given(depth=st.integers(1, 3 * MAX_DEPTH), opener=st.sampled_from(["[", "{"]))
@PROPERTY
def test_nesting_is_refused_exactly_past_the_limit(wire: KeptAlive, depth: int,
                                                   opener: str) -> None:
    answer = wire.post("/v1/identity/otp", nested(depth, opener).encode())
    codes = problem_codes(refused(answer)).values()
    assert ("json_too_deep" in codes) == (depth > MAX_DEPTH)


@pytest.mark.parametrize(("body", "field", "code"), [
    (b'{"national_id": NaN, "mobile": "0551000001"}', None, "json_invalid"),
    (b'{"national_id": Infinity, "mobile": "0551000001"}', None, "json_invalid"),
    (b'{"national_id": "1084123452", "mobile": "0551000001"', None, "json_invalid"),
    (b'{"national_id": ' + b"9" * 5000 + b"}", None, "json_invalid"),
    (b'{"national_id": 1e400}', "national_id", "json_number_out_of_range"),
    ('{"national_id": "١"}'.encode("utf-16"), None, "json_not_utf8"),
    (b'{"national_id": "\xed\xa0\x80"}', None, "json_not_utf8"),  # a UTF-8 encoded surrogate
])
def test_a_body_that_is_not_i_json_is_refused(wire: KeptAlive, body: bytes, field: str | None,
                                              code: str) -> None:
    answer = wire.post("/v1/identity/otp", body)
    assert problem_codes(refused(answer)) == {field: code}


def test_an_oversized_body_is_refused_and_the_connection_serves_on(wire: KeptAlive) -> None:
    padding = "x" * (MAX_BODY_BYTES + 1)
    body = json.dumps({"national_id": CLEAN.national_id, "mobile": CLEAN.mobile,
                       "padding": padding}).encode()
    refused(wire.post("/v1/identity/otp", body), status=413, code="request_too_large")


def test_an_oversized_chunked_body_is_refused(wire: KeptAlive) -> None:
    # No Content-Length to go by (http.client sends an iterable chunked): the server
    # counts as the chunks arrive.
    chunks = [b"[" + b"0," * 8192] * 8 + [b"0]"]
    answer = wire.send("POST", "/v1/identity/otp", iter(chunks),  # type: ignore[arg-type]
                       {"Content-Type": "application/json",
                        "Idempotency-Key": str(uuid.uuid4())})
    refused(answer, status=413, code="request_too_large")
    assert wire.send("GET", "/v1/health").status == 200
