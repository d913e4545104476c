"""Every exclusion rule, through the real client: validate reports all problems at once,
and submit refuses the same application with the same problems."""

from __future__ import annotations

import re
import uuid

import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.errors import RejectedError
from kiosk.api.schema import ApplicationDraft
from sandbox.catalogue import HOME_BUILDING_FLAG
from sandbox.runner import SandboxProcess
from sandbox.seed import (
    CLEAN,
    DEBTOR,
    EXPIRED,
    OWNER,
    RESIDENT,
    SPECIALIST_EXPIRED,
    SPECIALIST_OK,
    DemoPerson,
)
from tests.fixtures.sandbox import identify

ARABIC = re.compile(r"[\u0600-\u06FF]")


def draft(kind: str, **answers: object) -> ApplicationDraft:
    return ApplicationDraft.model_validate({"licence_type": kind, "answers": answers})


def shop(lease: str, district: str, activity: str, cr: str, mobile: str,
         **more: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "shop_name": "محل تجريبي", "cr_number": cr, "lease_number": lease,
        "district": district, "activity": activity, "area_m2": 50, "contact_mobile": mobile}
    answers.update(more)
    return answers


CASES = [
    pytest.param(CLEAN, draft("professional", shop_name="", area_m2=None),
                 {"required"}, id="incomplete"),
    pytest.param(CLEAN, draft("professional", **shop("10000000011", "hofuf-kut", "tailor",
                                                     "22500", "0512", area_m2=3)),
                 {"invalid", "out_of_range"}, id="malformed-answers"),
    pytest.param(EXPIRED, draft("professional", **shop("10000000031", "omran-north", "tailor",
                                                       "2250000031", EXPIRED.mobile)),
                 {"cr_expired", "lease_expired"}, id="expired-cr-and-lease"),
    pytest.param(CLEAN, draft("professional", **shop("10000000099", "hofuf-kut", "tailor",
                                                     "2250000011", CLEAN.mobile)),
                 {"lease_not_found"}, id="lease-missing"),
    pytest.param(RESIDENT, draft("health", **shop("10000000041", "hofuf-muhammadiyah",
                                                  "restaurant", "2250000041", RESIDENT.mobile)),
                 {"activity_not_allowed", "health_specialist_required"},
                 id="zoning-and-no-specialist"),
    pytest.param(RESIDENT, draft("health", **shop("10000000042", "hofuf-naathel", "bakery",
                                                  "2250000041", RESIDENT.mobile,
                                                  health_specialist_id=SPECIALIST_EXPIRED)),
                 {"health_specialist_not_registered"}, id="specialist-certificate-expired"),
    pytest.param(DEBTOR, draft("commercial", **shop("10000000021", "oyoun-centre", "grocery",
                                                    "2250000021", DEBTOR.mobile)),
                 {"outstanding_invoices"}, id="overdue-invoices"),
    pytest.param(CLEAN, draft("professional", **shop("10000000012", "mubarraz-shuabah",
                                                     "tailor", "2250000011", CLEAN.mobile)),
                 {"licence_exists"}, id="active-licence-for-the-shop"),
    pytest.param(CLEAN, draft("professional", **shop("10000000011", "mubarraz-shuabah",
                                                     "tailor", "2250000011", CLEAN.mobile)),
                 {"lease_district_mismatch"}, id="district-not-the-leased-one"),
    pytest.param(OWNER, draft("professional", **shop("10000000051", "hofuf-kut", "tailor",
                                                     "2250000011", OWNER.mobile)),
                 {"cr_not_found"}, id="someone-elses-cr"),
    pytest.param(CLEAN, draft("home_building", deed_number="310000000011",
                              district="oyoun-marah", floors=2, built_area_m2=300,
                              engineering_office="office-01", contact_mobile=CLEAN.mobile),
                 {"not_offered"}, id="home-building-behind-flag"),
]


@pytest.mark.parametrize(("person", "application", "codes"), CASES)
def test_validate_reports_every_problem_in_both_languages(
        api_client: MunicipalityClient, sandbox: SandboxProcess, person: DemoPerson,
        application: ApplicationDraft, codes: set[str]) -> None:
    token = identify(sandbox, api_client, person).token
    result = api_client.validate_application(token, application)
    assert not result.ok
    assert {p.code for p in result.problems} == codes
    for found in result.problems:
        assert ARABIC.search(found.message_ar)
        assert found.message_en
        assert not ARABIC.search(found.message_en)

    before = len(sandbox.admin.records("transactions"))
    with pytest.raises(RejectedError) as refused:
        api_client.submit_application(token, application, str(uuid.uuid4()))
    assert refused.value.code == "application_rejected"
    assert {p.code for p in refused.value.problems} == codes
    assert len(sandbox.admin.records("transactions")) == before


def test_overdue_invoices_are_counted_in_arabic_plural_forms(
        api_client: MunicipalityClient, sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, DEBTOR).token  # two overdue invoices
    result = api_client.validate_application(token, draft("commercial", **shop(
        "10000000021", "oyoun-centre", "grocery", "2250000021", DEBTOR.mobile)))
    [owed] = [p for p in result.problems if p.code == "outstanding_invoices"]
    assert owed.message_ar.startswith("عليك فاتورتان متأخرتان بمبلغ")  # not "2 فواتير"
    assert "سدّدهما" in owed.message_ar
    assert owed.message_en.startswith("You have 2 overdue invoices totalling")


@pytest.mark.parametrize(("person", "application"), [
    pytest.param(CLEAN, draft("professional", **shop("10000000011", "hofuf-kut", "tailor",
                                                     "2250000011", CLEAN.mobile)),
                 id="professional"),
    pytest.param(RESIDENT, draft("health", **shop("10000000042", "hofuf-naathel", "bakery",
                                                  "2250000041", RESIDENT.mobile,
                                                  health_specialist_id=SPECIALIST_OK)),
                 id="health-with-specialist"),
    pytest.param(CLEAN, draft("commercial", **shop("10000000011", "hofuf-kut", "dates_shop",
                                                   "2250000011", CLEAN.mobile),
                              opening_date="2027-01-15"), id="commercial"),
])
def test_a_complete_application_passes(api_client: MunicipalityClient, sandbox: SandboxProcess,
                                       person: DemoPerson, application: ApplicationDraft) -> None:
    token = identify(sandbox, api_client, person).token
    result = api_client.validate_application(token, application)
    assert result.problems == []
    assert result.ok


def test_home_building_permit_when_the_flag_is_on(api_client: MunicipalityClient,
                                                  sandbox: SandboxProcess) -> None:
    sandbox.admin.set_flag(HOME_BUILDING_FLAG, True)
    token = identify(sandbox, api_client, CLEAN).token
    application = draft("home_building", deed_number="310000000011", district="oyoun-marah",
                        floors=2, built_area_m2=300, engineering_office="office-01",
                        contact_mobile=CLEAN.mobile)
    assert api_client.validate_application(token, application).ok
    receipt = api_client.submit_application(token, application, str(uuid.uuid4()))
    assert receipt.invoice is not None
    assert receipt.invoice.amount_halalas == 150_000


def test_validate_changes_nothing(api_client: MunicipalityClient,
                                  sandbox: SandboxProcess) -> None:
    token = identify(sandbox, api_client, CLEAN).token
    tables = ("transactions", "invoices", "idempotency")
    before = [len(sandbox.admin.records(t)) for t in tables]
    api_client.validate_application(token, draft("professional"))
    assert [len(sandbox.admin.records(t)) for t in tables] == before
