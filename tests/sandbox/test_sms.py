"""SMS texts: references in order inside Arabic (left-to-right isolates), and each text
sent in the language the beneficiary used at the kiosk."""

from __future__ import annotations

import uuid

import httpx

from kiosk.api.client import MunicipalityClient
from kiosk.config_source import Language
from kiosk.domain.text import LRI, PDI, isolate_ltr, unisolated_runs
from sandbox import sms
from sandbox.runner import SandboxProcess
from sandbox.seed import CLEAN, RESIDENT

TEXTS = [
    sms.received_text("1447-000105", "رخصة مهنية", "Professional licence"),
    sms.step_text("1447-000105", "إدارة الرخص التجارية", "Commercial licensing department"),
    sms.awaiting_payment_text("1447-000105", "INV-1447-000704", 30_000),
    sms.issued_text("1447-000105", "L-1447-001001"),
    sms.rejected_text("1447-000105", "السجل التجاري منتهي", "The CR has expired"),
    sms.licence_status_text("L-1446-000202", "suspended", "", ""),
    sms.payment_text("INV-1447-000704", 30_000, "RC-1447-001001"),
    sms.otp_text("123456", 5),
]


def test_references_in_sms_are_isolated_left_to_right() -> None:
    arabic = [text.ar for text in TEXTS]
    for reference in ("1447-000105", "INV-1447-000704", "L-1447-001001", "L-1446-000202",
                      "RC-1447-001001", "123456"):
        for text in arabic:
            bare = text.replace(isolate_ltr(reference), "")
            assert reference not in bare, (reference, text)
    assert all(text.count(LRI) == text.count(PDI) >= 1 for text in arabic)
    # Nothing else escapes either: amounts, counts, and numbers inside a reason.
    assert [unisolated_runs(text) for text in arabic] == [[] for _ in arabic]
    reason = sms.rejected_text("1447-000105", "عقد الإيجار رقم 10000000011 منتهي", "")
    assert unisolated_runs(reason.ar) == []


def test_every_text_has_an_english_version_with_the_same_references() -> None:
    for text in TEXTS:
        assert text.en.startswith("Al-Ahsa Municipality: ")
        assert LRI not in text.en
        for isolated in text.ar.split(LRI)[1:]:
            assert isolated.split(PDI)[0] in text.en


def test_an_otp_asked_for_in_english_is_sent_in_english(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    api_client.request_otp(RESIDENT.national_id, RESIDENT.mobile, Language.ENGLISH)
    [english] = sandbox.admin.sms(RESIDENT.mobile, "otp")[-1:]
    assert english.language is Language.ENGLISH
    assert english.text.startswith("Al-Ahsa Municipality: your verification code is ")
    assert sandbox.admin.latest_otp(RESIDENT.mobile) in english.text
    api_client.request_otp(RESIDENT.national_id, RESIDENT.mobile)  # an older kiosk
    [arabic] = sandbox.admin.sms(RESIDENT.mobile, "otp")[-1:]
    assert arabic.language is Language.ARABIC
    assert arabic.text == arabic.text_ar


def test_an_older_kiosk_without_a_language_still_gets_arabic(
        sandbox: SandboxProcess) -> None:
    with httpx.Client(verify=sandbox.ssl_context(), base_url=sandbox.base_url + "/") as http:
        answer = http.post("identity/otp", json={"national_id": CLEAN.national_id,
                                                 "mobile": CLEAN.mobile},
                           headers={"Authorization": f"Bearer {sandbox.api_key}",
                                    "Idempotency-Key": str(uuid.uuid4())})
    assert answer.status_code == 201, answer.text
    [sent] = sandbox.admin.sms(CLEAN.mobile, "otp")[-1:]
    assert sent.language is Language.ARABIC
    assert "رمز التحقق" in sent.text
