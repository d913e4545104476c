"""The verification page a receipt's QR code opens, in a real headless browser (chromium).

Each status is opened the way a citizen does, on a phone (360x740, Arabic first) and once
in English; the test asserts what a person notices (the heading leads with the status,
no "genuine" heading on a cancelled licence, numbers kept in order inside <bdi>, nothing
wider than the screen) and writes a screenshot of each page to the test's tmp dir and
to var/screenshots/verify/ for people to look at. HTTP-level tests cover the signature
(details only with it), the per-client limit (429) and the URLs receipts encode.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from kiosk.api.client import MunicipalityClient
from kiosk.api.schema import VerificationKind
from kiosk.api.verification import verification_url
from kiosk.config import KioskIdentity
from kiosk.devices.printer.samples import print_test_receipt, sample_receipts
from sandbox.runner import SandboxProcess
from sandbox.seed import DEBTOR, SEEDED_RECEIPT
from sandbox.signing import SECRET_FILE, sign
from tests.fixtures.browser import PHONE, keep_screenshot
from tests.fixtures.sandbox import identify

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

HOSTILE = "هذه-الرخصة-مزورة-اتصل-0551234567"


def signed(sandbox: SandboxProcess, kind: VerificationKind, reference: str) -> str:
    """The URL a real receipt carries (signed with the sandbox's own secret)."""
    secret = bytes.fromhex((sandbox.data_dir / SECRET_FILE).read_text().strip())
    return verification_url(sandbox.origin, kind, reference, sign(secret, kind.value, reference))


def open_page(browser: BrowserContext, url: str, shot: Path, *,
              viewport: dict[str, int] = PHONE) -> Page:
    """Opens `url` like a phone, screenshots it into the tmp dir and var/screenshots."""
    page = browser.new_page()
    page.set_viewport_size(viewport)
    page.goto(url)
    keep_screenshot(page, shot, "verify")
    return page


def assert_fits(page: Page) -> None:
    """Nothing wider than the phone: no sideways scrolling, no clipped text."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def headings(page: Page) -> tuple[str, str]:
    return page.inner_text("section[lang=ar] h1").strip(), \
        page.inner_text("section[lang=en] h2").strip()


STATUSES = [
    # (screenshot name, kind, reference, Arabic heading, English heading)
    ("licence-valid", VerificationKind.LICENCE, "L-1446-000101", "رخصة سارية",
     "Valid licence"),
    ("licence-expired", VerificationKind.LICENCE, "L-1444-000201", "رخصة منتهية الصلاحية",
     "Expired licence"),
    ("licence-suspended-hrsd", VerificationKind.LICENCE, "L-1446-000202",
     "رخصة موقوفة من وزارة الموارد البشرية والتنمية الاجتماعية",
     "Licence suspended by the Ministry of Human Resources and Social Development"),
    ("licence-cancelled-zatca", VerificationKind.LICENCE, "L-1445-000203",
     "رخصة ملغاة من هيئة الزكاة والضريبة والجمارك",
     "Licence cancelled by the Zakat, Tax and Customs Authority (ZATCA)"),
    ("application-rejected", VerificationKind.TRANSACTION, "1447-000107", "طلب مرفوض",
     "Application rejected"),
    ("application-received", VerificationKind.TRANSACTION, "1447-000101",
     "طلب مستلم لدى الأمانة", "Application received"),
    ("payment-paid", VerificationKind.PAYMENT, SEEDED_RECEIPT, "تم السداد لأمانة الأحساء",
     "Paid to Al-Ahsa Municipality"),
]


@pytest.mark.parametrize(("name", "kind", "reference", "heading_ar", "heading_en"), STATUSES,
                         ids=[s[0] for s in STATUSES])
def test_each_status_leads_the_page_in_arabic_then_english(
        browser: BrowserContext, sandbox: SandboxProcess, tmp_path: Path, name: str,
        kind: VerificationKind, reference: str, heading_ar: str, heading_en: str) -> None:
    page = open_page(browser, signed(sandbox, kind, reference),
                     tmp_path / "screenshots" / f"ar-360-{name}.png")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") \
        == ["ar", "rtl"]
    # The status is the page's first heading, Arabic first, in its own words.
    assert page.inner_text("h1").strip() == heading_ar
    assert headings(page) == (heading_ar, heading_en)
    assert "صحيح" not in heading_ar
    assert "genuine" not in heading_en.lower()
    # The reference reads in its own order inside Arabic: isolated, left to right.
    assert page.locator(f"section[lang=ar] bdi[dir=ltr]:text-is('{reference}')").count() == 1
    assert "تاريخ آخر تغيير" in page.inner_text("section[lang=ar]")
    assert_fits(page)


def test_a_cancelled_licence_never_says_genuine_and_names_the_reason_when_signed(
        browser: BrowserContext, sandbox: SandboxProcess, tmp_path: Path) -> None:
    page = open_page(browser, signed(sandbox, VerificationKind.LICENCE, "L-1445-000203"),
                     tmp_path / "en-desktop-licence-cancelled-zatca.png",
                     viewport={"width": 1024, "height": 700})
    text = page.inner_text("body")
    assert "مستند صحيح" not in text
    assert "Genuine" not in text
    assert "عدم تقديم الإقرار الزكوي" in text
    assert "Zakat return not filed" in text
    assert "مصلحة الزكاة والدخل" not in text  # today's name only
    color = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    assert color == "rgb(161, 18, 18)"  # the "bad" red, not the green of a valid licence


def test_not_found_and_hostile_paths_never_echo_the_url(
        browser: BrowserContext, sandbox: SandboxProcess, tmp_path: Path) -> None:
    for name, path in (("not-found", "/verify/licence/L-1400-000001"),
                       ("hostile", f"/verify/licence/{HOSTILE}"),
                       ("hostile-kind", "/verify/%3Cscript%3E/0551234567")):
        page = open_page(browser, sandbox.origin + path,
                         tmp_path / "screenshots" / f"ar-360-{name}.png")
        text = page.inner_text("body")
        assert page.inner_text("h1").strip() == "لم نعثر على مستند بهذا الرقم"
        assert "0551234567" not in text
        assert "مزورة" not in text
        assert "L-1400" not in text
        assert "940" in text
        assert "QR" in text
        assert_fits(page)


def test_provisional_reference_says_not_yet_received(
        browser: BrowserContext, sandbox: SandboxProcess, tmp_path: Path) -> None:
    page = open_page(browser, f"{sandbox.origin}/verify/transaction/AHS-HOF-01-000042",
                     tmp_path / "screenshots" / "ar-360-provisional.png")
    assert headings(page) == ("لم يصل هذا الطلب إلى الأمانة بعد",
                              "Not yet received by the municipality")
    assert "AHS-HOF-01" not in page.inner_text("body")


# --- signature: details only from a real receipt ---------------------------------------------


def _get(sandbox: SandboxProcess, url: str) -> httpx.Response:
    with httpx.Client(verify=sandbox.ssl_context()) as http:
        return http.get(url)


def test_bare_sequential_reference_shows_the_status_but_no_shop_name(
        sandbox: SandboxProcess) -> None:
    bare = _get(sandbox, f"{sandbox.origin}/verify/licence/L-1446-000202")
    wrong = _get(sandbox, f"{sandbox.origin}/verify/licence/L-1446-000202?s=AAAAAAAAAAAAAAAAAAAAAA")
    for page in (bare, wrong):
        assert page.status_code == 200
        assert "رخصة موقوفة" in page.text
        assert "مطعم بيت الأحساء" not in page.text  # shop name
        assert "الكوت" not in page.text  # district
        assert "تظهر التفاصيل الكاملة عند مسح رمز QR" in page.text
    api = _get(sandbox, f"{sandbox.base_url}/verifications/licence/L-1446-000202").json()
    assert api["detailed"] is False
    assert "مطعم" not in api["summary_ar"]
    assert "restaurant" not in api["summary_en"].lower()


def test_signed_url_from_the_api_shows_the_details(
        sandbox: SandboxProcess, api_client: MunicipalityClient) -> None:
    token = identify(sandbox, api_client, DEBTOR)
    licence = {lic.number: lic for lic in api_client.licences(token.token)}["L-1446-000202"]
    assert licence.verification_url is not None
    assert "?s=" in licence.verification_url
    page = _get(sandbox, licence.verification_url)
    assert "مطعم بيت الأحساء" in page.text
    assert "الكوت" in page.text
    assert "مخالفة نظام العمل" in page.text  # the reason, with the signature
    signature = licence.verification_url.split("?s=")[1]
    api = _get(sandbox, f"{sandbox.base_url}/verifications/licence/L-1446-000202?s={signature}")
    assert api.json()["detailed"] is True
    assert "مطعم بيت الأحساء" in api.json()["summary_ar"]
    # A signature belongs to one document: moved to the next number it proves nothing.
    other = _get(sandbox, f"{sandbox.origin}/verify/licence/L-1446-000204?s={signature}")
    assert "حلاق الملا" not in other.text


def test_too_many_requests_answers_429_with_retry_after(tmp_path: Path) -> None:
    with SandboxProcess(tmp_path / "limited", verify_limit="3/minute") as limited, \
            httpx.Client(verify=limited.ssl_context()) as http:
        pages = [http.get(f"{limited.origin}/verify/licence/L-1446-000101") for _ in range(4)]
        assert [p.status_code for p in pages] == [200, 200, 200, 429]
        assert int(pages[-1].headers["Retry-After"]) >= 1
        assert "طلبات كثيرة" in pages[-1].text
        assert "Too many requests" in pages[-1].text
        api = http.get(f"{limited.base_url}/verifications/licence/L-1446-000101")
        assert api.status_code == 429
        assert api.json()["code"] == "too_many_requests"
        limited.admin.reset()  # the admin reset starts the counts afresh
        assert http.get(f"{limited.origin}/verify/licence/L-1446-000101").status_code == 200


# --- the URLs receipts encode ---------------------------------------------------------------


def test_sample_receipts_and_the_test_print_encode_pages_the_sandbox_serves(
        sandbox: SandboxProcess) -> None:
    urls = {r.verification_url for r in sample_receipts(base_url=sandbox.base_url).values()}
    urls.add(print_test_receipt(KioskIdentity(), base_url=sandbox.base_url).verification_url)
    assert len(urls) >= 4
    for url in sorted(urls):
        assert _get(sandbox, url).status_code == 200, url


def test_receipts_from_the_api_carry_signed_urls(sandbox: SandboxProcess,
                                                 api_client: MunicipalityClient) -> None:
    issued = api_client.transaction("1447-000105")
    assert issued.licence_verification_url is not None
    assert issued.licence_verification_url.startswith(
        f"{sandbox.origin}/verify/licence/{issued.licence_number}?s=")
    page = _get(sandbox, issued.licence_verification_url)
    assert "بقالة النعاثل" in page.text  # its shop: the details of a signed URL
