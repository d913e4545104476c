"""Contract tests: the real client against the real sandbox over HTTPS, every endpoint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import AuthError, NotFoundError, RejectedError
from kiosk.api.proof import make_proof
from kiosk.api.schema import (
    ApplicationDraft,
    Authority,
    Branch,
    FieldKind,
    LicenceKind,
    LicenceStatus,
    Payment,
    StepState,
    TransactionStatus,
    VerificationKind,
)
from kiosk.domain.payment import CardScheme
from kiosk.domain.requests import RequestKind
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, DEBTOR, OWNER, RETIRED_KIOSK_KEY
from tests.fixtures.sandbox import identify, settings_for


def professional(**answers: object) -> ApplicationDraft:
    base: dict[str, object] = {
        "shop_name": "خياط الكوت", "cr_number": "2250000011", "lease_number": "10000000011",
        "district": "hofuf-kut", "activity": "tailor", "area_m2": 40,
        "contact_mobile": CLEAN.mobile,
    }
    base.update(answers)
    return ApplicationDraft.model_validate({"licence_type": "professional", "answers": base})


def card_payment(amount: int) -> Payment:
    return Payment(amount_halalas=amount, approval_code="A1B2C3", masked_pan="588845******1234",
                   scheme=CardScheme.MADA, terminal_reference=f"T-{uuid.uuid4().hex[:8]}",
                   paid_at=datetime.now(UTC))


def test_probe_answers_without_personal_context(api_client: MunicipalityClient) -> None:
    health = api_client.probe()
    assert health.status == "ok"
    assert health.time.tzinfo is not None
    assert api_client.health().summary == "reachable"


def test_catalogue_describes_every_form_in_both_languages(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    catalogue = api_client.catalogue()
    kinds = [t.kind for t in catalogue.licence_types]
    assert kinds == [LicenceKind.PROFESSIONAL, LicenceKind.HEALTH, LicenceKind.COMMERCIAL]
    for licence_type in catalogue.licence_types:
        assert licence_type.fee_halalas > 0
        assert licence_type.name_ar
        assert licence_type.name_en
        for field in licence_type.fields:
            assert field.label_ar
            assert field.label_en
            if field.kind is FieldKind.CHOICE:
                assert field.choices
                assert all(c.label_ar and c.label_en for c in field.choices)
    health = next(t for t in catalogue.licence_types if t.kind is LicenceKind.HEALTH)
    assert "health_specialist_id" in {f.name for f in health.fields}

    sandbox.admin.set_flag(HOME_BUILDING_FLAG, True)
    kinds = [t.kind for t in api_client.catalogue().licence_types]
    assert LicenceKind.HOME_BUILDING in kinds


def test_transaction_timeline_by_number_shows_steps_and_no_personal_data(
        api_client: MunicipalityClient) -> None:
    received = api_client.transaction("1447-000101")
    assert received.status is TransactionStatus.RECEIVED
    assert received.steps[0].state is StepState.IN_PROGRESS
    assert all(s.department_ar and s.department_en for s in received.steps)

    assert api_client.transaction("1447-000104").status is TransactionStatus.AWAITING_PAYMENT
    issued = api_client.transaction("1447-000105")
    assert issued.status is TransactionStatus.ISSUED
    assert issued.licence_number is not None
    assert all(s.state is StepState.DONE and s.finished_at for s in issued.steps)
    rejected = api_client.transaction("1447-000107")
    assert rejected.status is TransactionStatus.REJECTED
    assert any(s.state is StepState.REJECTED and s.note_ar for s in rejected.steps)

    dumped = received.model_dump_json()
    assert OWNER.national_id not in dumped
    assert OWNER.mobile not in dumped


def test_unknown_and_malformed_numbers_are_typed_errors(api_client: MunicipalityClient) -> None:
    with pytest.raises(NotFoundError) as missing:
        api_client.transaction("1447-999999")
    assert missing.value.message_ar
    assert not missing.value.retryable
    with pytest.raises(RejectedError) as malformed:
        api_client.transaction("not-a-number")
    assert malformed.value.code == "invalid_request"
    with pytest.raises(NotFoundError):
        api_client.invoice("INV-1447-999999")


def test_otp_round_trip_reads_the_code_from_the_sms_outbox(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    challenge = api_client.request_otp(CLEAN.national_id, CLEAN.mobile)
    assert challenge.mobile_masked == "055*****01"
    text = sandbox.admin.sms(mobile=CLEAN.mobile, kind="otp")[-1].text_ar
    assert "رمز التحقق" in text
    token = api_client.verify_otp(challenge.challenge_id, sandbox.admin.latest_otp(CLEAN.mobile))
    assert token.name_ar == CLEAN.name_ar
    assert token.expires_at < token.submit_until


def test_wrong_otp_counts_down_then_locks(api_client: MunicipalityClient,
                                          sandbox: SandboxProcess) -> None:
    challenge = api_client.request_otp(CLEAN.national_id, CLEAN.mobile)
    right = sandbox.admin.latest_otp(CLEAN.mobile)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    codes = []
    for _ in range(3):
        with pytest.raises(RejectedError) as refused:
            api_client.verify_otp(challenge.challenge_id, wrong)
        codes.append(refused.value.code)
    assert codes == ["otp_wrong", "otp_wrong", "otp_locked"]
    with pytest.raises(RejectedError) as locked:
        api_client.verify_otp(challenge.challenge_id, right)
    assert locked.value.code == "otp_locked"


def test_otp_refuses_a_mobile_that_is_not_registered(api_client: MunicipalityClient) -> None:
    with pytest.raises(RejectedError) as refused:
        api_client.request_otp(CLEAN.national_id, "0559999999")
    assert refused.value.code == "identity_mismatch"
    assert refused.value.problems[0].field == "mobile"


def test_otp_requests_are_rate_limited(api_client: MunicipalityClient) -> None:
    for _ in range(3):
        api_client.request_otp(DEBTOR.national_id, DEBTOR.mobile)
    with pytest.raises(RejectedError) as limited:
        api_client.request_otp(DEBTOR.national_id, DEBTOR.mobile)
    assert limited.value.code == "too_many_otp_requests"
    assert limited.value.status == 429


def test_personal_data_needs_a_beneficiary_token(api_client: MunicipalityClient) -> None:
    with pytest.raises(AuthError) as refused:
        api_client.licences("not-a-real-token-at-all")
    assert refused.value.code == "token_invalid"


def test_token_expires_with_the_workflow_clock(api_client: MunicipalityClient,
                                               sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    assert api_client.licences(token)
    sandbox.admin.advance_clock(hours=1)
    with pytest.raises(AuthError) as expired:
        api_client.licences(token)
    assert expired.value.code == "token_expired"


def test_licences_in_every_status_with_the_cancelling_authority(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    licences = api_client.licences(identify(sandbox, api_client, DEBTOR).token)
    by_status = {lic.status: lic for lic in licences}
    assert set(by_status) == set(LicenceStatus)
    assert by_status[LicenceStatus.SUSPENDED].status_by is Authority.LABOUR_OFFICE
    assert by_status[LicenceStatus.CANCELLED].status_by is Authority.ZAKAT_AUTHORITY
    assert by_status[LicenceStatus.CANCELLED].status_reason_ar


def test_owner_of_many_shops_sees_all_branches_and_transactions(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, OWNER).token
    assert {lic.branch for lic in api_client.licences(token)} == set(Branch)
    statuses = {t.status for t in api_client.my_transactions(token)}
    assert {TransactionStatus.RECEIVED, TransactionStatus.UNDER_REVIEW,
            TransactionStatus.INSPECTION, TransactionStatus.AWAITING_PAYMENT,
            TransactionStatus.ISSUED} <= statuses


def test_unpaid_invoices_are_listed_and_readable_by_number(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    invoices = api_client.invoices(identify(sandbox, api_client, DEBTOR).token)
    assert [i.number for i in invoices] == ["INV-1446-000201", "INV-1447-000202"]
    assert all(i.status == "unpaid" and i.amount_halalas > 0 for i in invoices)
    assert api_client.invoice("INV-1446-000201").amount_halalas == 50_000


def test_submit_pay_and_follow_to_an_issued_licence(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    draft = professional(activity="barber", shop_name="حلاق الكوت")
    assert api_client.validate_application(token, draft).ok
    receipt = api_client.submit_application(token, draft, str(uuid.uuid4()))
    assert receipt.status is TransactionStatus.RECEIVED
    assert receipt.invoice is not None
    assert receipt.invoice.amount_halalas == 30_000
    number = receipt.transaction_number
    assert any(number in m.text_ar for m in sandbox.admin.sms(mobile=CLEAN.mobile,
                                                             kind="received"))

    sandbox.admin.advance_clock(hours=14)
    assert api_client.transaction(number).status is TransactionStatus.AWAITING_PAYMENT
    paid = api_client.record_payment(receipt.invoice.number,
                                     card_payment(receipt.invoice.amount_halalas),
                                     str(uuid.uuid4()))
    # Signed by the server (the kiosk prints it as given); the bare URL shows status only.
    assert paid.verification_url.startswith(api_client.verification_url(
        VerificationKind.PAYMENT, paid.receipt_number) + "?s=")
    sandbox.admin.advance_clock(hours=3)
    done = api_client.transaction(number)
    assert done.status is TransactionStatus.ISSUED
    assert done.licence_number

    with httpx.Client(verify=sandbox.ssl_context()) as browser:
        assert done.licence_verification_url is not None
        assert receipt.verification_url is not None
        page = browser.get(done.licence_verification_url)
        # The application receipt's QR code: the transaction's status (signed: details).
        application = browser.get(receipt.verification_url)
    assert page.status_code == 200
    assert "رخصة سارية" in page.text
    assert application.status_code == 200
    assert number in application.text
    assert CLEAN.name_ar not in application.text
    kinds = [m.kind for m in sandbox.admin.sms(mobile=CLEAN.mobile)]
    assert {"step", "payment", "issued"} <= set(kinds)


def test_payment_amount_must_match_and_an_invoice_is_never_paid_twice(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    invoice = api_client.invoice("INV-1447-000501")
    with pytest.raises(RejectedError) as mismatch:
        api_client.record_payment(invoice.number, card_payment(invoice.amount_halalas - 1),
                                  str(uuid.uuid4()))
    assert mismatch.value.code == "amount_mismatch"
    api_client.record_payment(invoice.number, card_payment(invoice.amount_halalas),
                              str(uuid.uuid4()))
    assert api_client.invoice(invoice.number).status == "paid"
    with pytest.raises(RejectedError) as twice:
        api_client.record_payment(invoice.number, card_payment(invoice.amount_halalas),
                                  str(uuid.uuid4()))
    assert twice.value.code == "invoice_already_paid"
    rows = [p for p in sandbox.admin.records("payments") if p["invoice_number"] == invoice.number]
    assert len(rows) == 1


def test_queue_send_delivers_both_kinds_from_plain_json(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    draft = professional(activity="laundry", shop_name="مغسلة الكوت")
    key = str(uuid.uuid4())
    stored = {"application": draft.model_dump(mode="json"),
              "beneficiary_proof": make_proof(token, key, draft).model_dump()}
    answer = api_client.send(RequestKind.SUBMIT_APPLICATION, stored, key)
    invoice = answer["invoice"]
    payment = {"invoice_number": invoice["number"],
               "payment": card_payment(invoice["amount_halalas"]).model_dump(mode="json")}
    paid = api_client.send(RequestKind.RECORD_PAYMENT, payment, str(uuid.uuid4()))
    assert paid["invoice_number"] == invoice["number"]


def test_queue_send_refuses_what_can_never_be_delivered(api_client: MunicipalityClient) -> None:
    with pytest.raises(RejectedError) as unknown:
        api_client.send("print_receipt", {}, str(uuid.uuid4()))
    assert unknown.value.code == "unknown_kind"
    with pytest.raises(RejectedError) as broken:
        api_client.send("record_payment", {"invoice_number": 7}, str(uuid.uuid4()))
    assert broken.value.code == "invalid_payload"


def test_a_queued_submission_is_accepted_after_the_session_token_expired(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    sandbox.admin.advance_clock(hours=2)  # past the 15-minute read window
    draft = professional(activity="electronics", shop_name="إلكترونيات الكوت")
    receipt = api_client.submit_application(token, draft, str(uuid.uuid4()))
    assert receipt.transaction_number
    sandbox.admin.advance_clock(hours=30)  # past the 24-hour submission window
    with pytest.raises(RejectedError) as late:
        api_client.submit_application(token, professional(activity="carpentry"),
                                      str(uuid.uuid4()))
    assert late.value.code == "beneficiary_token_expired"


@pytest.mark.parametrize(("key", "code"), [
    ("wrong-key-of-sixteen-chars", "kiosk_key_invalid"),
    (RETIRED_KIOSK_KEY, "kiosk_disabled"),
])
def test_a_refused_kiosk_key_is_an_auth_error(sandbox: SandboxProcess, key: str,
                                              code: str) -> None:
    with MunicipalityClient(settings_for(sandbox, api_key=key)) as client:
        with pytest.raises(AuthError) as refused:
            client.catalogue()
        assert refused.value.code == code
        assert client.probe().status == "ok"  # health needs no key


def test_verification_of_unknown_documents(sandbox: SandboxProcess,
                                           api_client: MunicipalityClient) -> None:
    with httpx.Client(verify=sandbox.ssl_context()) as browser:
        page = browser.get(api_client.verification_url("licence", "L-1400-000001"))
        assert page.status_code == 404
        assert "لم نعثر" in page.text
        api = browser.get(f"{sandbox.base_url}/verifications/licence/L-1446-000101")
        assert api.json()["genuine"] is True


def test_a_licence_cancelled_by_the_labour_office_shows_at_once(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    sandbox.admin.set_licence_status("L-1446-000101", "cancelled", by="labour_office",
                                     reason_ar="مخالفة نظام العمل", reason_en="Labour law")
    licence = next(lic for lic in api_client.licences(token) if lic.number == "L-1446-000101")
    assert licence.status is LicenceStatus.CANCELLED
    assert licence.status_by is Authority.LABOUR_OFFICE
    text = sandbox.admin.sms(mobile=CLEAN.mobile, kind="licence_status")[-1].text_ar
    assert "ملغاة" in text


def test_the_client_logs_no_personal_data(api_client: MunicipalityClient,
                                          sandbox: SandboxProcess,
                                          caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG", logger="kiosk.api"):
        token = identify(sandbox, api_client, DEBTOR).token
        api_client.licences(token)
        api_client.invoices(token)
        sandbox.admin.set_faults(fail_next=1, fail_status=503)
        api_client.my_transactions(token)  # retried once, and logged as such
    logged = " ".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records)
    assert "api retry" in logged
    for secret in (DEBTOR.national_id, DEBTOR.mobile, token, DEBTOR.name_ar):
        assert secret not in logged
