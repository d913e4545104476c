"""The public verification page a receipt's QR code opens on a phone.

Anyone can scan a receipt, and anyone can type a URL, so the page:
- leads with the document's status in the municipality's words and colour (valid,
  expired, suspended or cancelled by whom, rejected, received, paid), Arabic first and
  right to left, then English, with the day of the last change in both calendars;
- shows the details (shop, district, amounts) only when the URL carries the receipt's
  signature (`sandbox.signing`); a bare or wrongly signed reference gets the status alone
  and is told that the receipt's QR code shows the rest;
- never repeats the URL's text: a not-found page says what to do (check the number on
  the receipt, ask the municipality's staff, call 940), so nobody can make an official
  page say "this licence is forged, call 05...";
- counts requests per client (`sandbox.ratelimit`) and answers 429 with `Retry-After`;
- keeps numbers in order inside Arabic (`<bdi dir="ltr">`), needs nothing external (inline
  CSS, system fonts) and reads at 360 px.
"""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kiosk.api.schema import VerificationKind
from kiosk.domain.dates import format_dual_date
from sandbox import verify
from sandbox.core import client_address, sandbox_of
from sandbox.verify import Finding, Tone

router = APIRouter(include_in_schema=False)

_STYLE = (
    "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:#f2f3f1;color:#1b1b1b;font-size:17px;line-height:1.6;"
    "font-family:'IBM Plex Sans Arabic','Noto Sans Arabic','Noto Naskh Arabic',Tahoma,"
    "'DejaVu Sans',sans-serif}"
    "main{max-width:40rem;margin:0 auto;padding:12px}"
    ".org{margin:2px 2px 10px;font-size:.95rem;color:#3d3d3d}"
    ".card{background:#fff;border-radius:8px;border-inline-start:8px solid var(--c);"
    "padding:12px 14px;margin:0 0 12px;overflow-wrap:anywhere}"
    "h1,h2{color:var(--c);font-size:1.45rem;line-height:1.35;margin:0 0 .35em}"
    "p{margin:.3em 0}.muted{color:#3d3d3d}"
    ".note{background:#f2f3f1;border-radius:6px;padding:.45em .7em;margin-top:.6em}"
    "dl{margin:.6em 0 0}dt{font-size:.9rem;color:#555}dd{margin:0 0 .45em;font-weight:600}"
    "footer{padding:0 6px 10px;font-size:.95rem;color:#3d3d3d}"
    "bdi[dir=ltr]{white-space:nowrap}"
    # One colour per kind of status, each at least 5:1 on white (WCAG AA).
    ".good{--c:#0a6b2d}.progress{--c:#0b4f8a}.warn{--c:#7a5a00}.expired{--c:#5a5a5a}"
    ".suspended{--c:#b23c00}.bad{--c:#a11212}"
)

_KIND_WORDS: dict[VerificationKind, tuple[str, str]] = {
    VerificationKind.LICENCE: ("رخصة رقم", "Licence number"),
    VerificationKind.TRANSACTION: ("طلب رقم", "Application number"),
    VerificationKind.PAYMENT: ("إيصال سداد رقم", "Payment receipt number"),
}
_HELP_AR = ("للمساعدة اسأل موظفي الأمانة أو اتصل بالرقم الموحد "
            "<bdi dir='ltr'>940</bdi> (بلدي).")
_HELP_EN = "For help, ask the municipality's staff or call the unified number 940 (Balady)."
_MAX_SIGNATURE = 64


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _ltr(text: str) -> str:
    """A reference or number kept whole and in order inside Arabic (a direction isolate)."""
    return f"<bdi dir='ltr'>{_e(text)}</bdi>"


def _isolated(text: str) -> str:
    """Mixed text (a date in words, an amount) isolated from its neighbours, own direction."""
    return f"<bdi>{_e(text)}</bdi>"


def _page(tone: Tone, arabic: str, english: str, *, status: int,
          headers: dict[str, str] | None = None) -> HTMLResponse:
    page = (
        "<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta name='robots' content='noindex'>"
        "<title>التحقق من مستند — أمانة الأحساء | Document check — Al-Ahsa Municipality"
        f"</title><style>{_STYLE}</style></head><body><main>"
        "<p class='org'>أمانة الأحساء · التحقق من المستندات</p>"
        f"<section class='card {tone.value}' lang='ar' dir='rtl'>{arabic}</section>"
        f"<section class='card {tone.value}' lang='en' dir='ltr'>{english}</section>"
        f"<footer lang='ar' dir='rtl'>{_HELP_AR}</footer>"
        f"<footer lang='en' dir='ltr'>{_HELP_EN}</footer></main></body></html>"
    )
    return HTMLResponse(page, status_code=status, headers=headers)


def _found(found: Finding, detailed: bool) -> HTMLResponse:
    kind_ar, kind_en = _KIND_WORDS[found.kind]
    ar = [f"<h1>{_e(found.status_ar)}</h1>",
          f"<p class='muted'>{kind_ar} {_ltr(found.reference)}</p>"]
    en = [f"<h2>{_e(found.status_en)}</h2>",
          f"<p class='muted'>{kind_en} {_ltr(found.reference)}</p>"]
    if detailed and found.reason_ar:
        ar.append(f"<p>السبب: {_e(found.reason_ar)}</p>")
    if detailed and found.reason_en:
        en.append(f"<p>Reason: {_e(found.reason_en)}</p>")
    if found.changed_on is not None:
        ar.append(f"<p>تاريخ آخر تغيير: {_isolated(format_dual_date(found.changed_on, 'ar'))}"
                  "</p>")
        en.append(f"<p>Last changed: {_isolated(format_dual_date(found.changed_on, 'en'))}</p>")
    if detailed:
        ar.append("<dl>" + "".join(
            f"<dt>{_e(d.label_ar)}</dt><dd>{_ltr(d.value_ar) if d.ltr else _isolated(d.value_ar)}"
            "</dd>" for d in found.details) + "</dl>")
        en.append("<dl>" + "".join(
            f"<dt>{_e(d.label_en)}</dt><dd>{_ltr(d.value_en) if d.ltr else _e(d.value_en)}</dd>"
            for d in found.details) + "</dl>")
    else:
        ar.append("<p class='note'>تظهر التفاصيل الكاملة عند مسح رمز QR المطبوع على الإيصال.</p>")
        en.append("<p class='note'>The full details are shown when the QR code printed on "
                  "the receipt is scanned.</p>")
    return _page(found.tone, "".join(ar), "".join(en), status=200)


def _not_found() -> HTMLResponse:
    return _page(
        Tone.BAD,
        "<h1>لم نعثر على مستند بهذا الرقم</h1>"
        "<p>تأكد أن الرقم المطبوع على الإيصال هو نفسه في الرابط، وامسح رمز QR من الإيصال "
        "مرة أخرى.</p><p>لا تعتمد على أي رقم هاتف أو تعليمات في الرابط نفسه.</p>",
        "<h2>No document found with this number</h2>"
        "<p>Check that the number printed on the receipt is the one in the link, and scan "
        "the receipt's QR code again.</p><p>Do not rely on any phone number or instruction "
        "in the link itself.</p>",
        status=404)


def _not_yet_received() -> HTMLResponse:
    return _page(
        Tone.WARN,
        "<h1>لم يصل هذا الطلب إلى الأمانة بعد</h1>"
        "<p>هذا رقم إيصال مؤقت طبعه جهاز الخدمة الذاتية أثناء انقطاع الاتصال. يرسل الجهاز "
        "الطلب تلقائيًا، وتصلك رسالة نصية برقم المعاملة عند استلامه؛ تابع حالته بذلك الرقم.</p>",
        "<h2>Not yet received by the municipality</h2>"
        "<p>This is a provisional receipt number, printed by a self-service kiosk while it "
        "was offline. The kiosk sends the request on its own, and an SMS gives you the "
        "transaction number once it arrives; follow it with that number.</p>",
        status=200)


def _throttled(request: Request) -> HTMLResponse:
    wait = sandbox_of(request).limits.retry_after_s("verify", client_address(request))
    return _page(
        Tone.WARN,
        "<h1>طلبات كثيرة</h1><p>وصلت طلبات كثيرة من هذا الجهاز. انتظر دقيقة ثم امسح رمز "
        "QR مرة أخرى.</p>",
        "<h2>Too many requests</h2><p>Too many requests came from this device. Wait a "
        "minute, then scan the QR code again.</p>",
        status=429, headers={"Retry-After": str(wait)})


def _allowed(request: Request) -> bool:
    return sandbox_of(request).limits.hit("verify", client_address(request))


@router.get("/verify/test", response_class=HTMLResponse)
def test_print_page(request: Request) -> HTMLResponse:
    """Where a technician's test print points: proves the QR code reaches this server."""
    if not _allowed(request):
        return _throttled(request)
    return _page(
        Tone.PROGRESS,
        "<h1>طباعة تجريبية: ليست مستندًا</h1><p>ظهور هذه الصفحة يعني أن رمز QR المطبوع من "
        "جهاز الخدمة الذاتية يعمل. هذا الإيصال لا قيمة له.</p>",
        "<h2>Test print: not a document</h2><p>This page shows that the QR code printed by "
        "the self-service kiosk works. The receipt has no value.</p>",
        status=200)


@router.get("/verify/{kind}/{reference}", response_class=HTMLResponse)
def verify_page(request: Request, kind: str, reference: str,
                s: str | None = None) -> HTMLResponse:
    if not _allowed(request):
        return _throttled(request)
    if kind not in {k.value for k in VerificationKind}:
        return _not_found()
    known = VerificationKind(kind)
    with sandbox_of(request).db.transaction() as conn:
        found = verify.find(conn, known, reference)
    if found is None:
        if (verify.PROVISIONAL_REFERENCE.fullmatch(reference)
                and not verify.NUMBER_PATTERNS[known].fullmatch(reference)):
            return _not_yet_received()
        return _not_found()
    signature = s[:_MAX_SIGNATURE] if s else None
    return _found(found, verify.is_signed(request, known, reference, signature))
