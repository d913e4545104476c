"""The fleet for operators: a table of every kiosk, a page per kiosk, and the admin endpoints
tools use for the same (the fleet as JSON, queueing a command, a kiosk's screenshot).

- `GET /admin/fleet.html?lang=`: each kiosk with whether it is up and since when, in
  service, paper, terminal, outbox, staff called, last heartbeat and version.
- `GET /admin/kiosks/{kiosk_id}.html?lang=`: its parts, its failures of the last 7 days
  (the pilot's anonymous counts: kind, service and step, never a person), its downtime
  over the last 7 days, the operators' commands and their forms (out of service with a
  public reason, back in service, a screenshot), and its last screenshot.
- `POST /admin/kiosks/{kiosk_id}/actions`: the forms, for a signed-in operator with the
  session's form token (`auth.check_csrf`); they queue the same commands as
  `POST /admin/kiosks/{kiosk_id}/commands` (admin token) through `sandbox.fleet.queue`.
- `GET /admin/kiosks/{kiosk_id}/screenshot.png`: the admin token or a signed-in operator.

Times are shown in Riyadh time; numbers, times and kiosk IDs are isolates (`num`). On a
phone the table becomes one card per kiosk.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from kiosk.api.schema import (
    KIOSK_ID,
    CommandRequest,
    CommandState,
    Fleet,
    FleetKiosk,
    HealthLevel,
    OperatorCommandKind,
)
from kiosk.domain.dates import local_day
from sandbox.console.auth import (
    check_csrf,
    csrf_token,
    read_form,
    require_admin,
    require_admin_or_operator,
    signed_in,
    to_sign_in,
)
from sandbox.console.charts import bar
from sandbox.console.layout import (
    Language,
    cards_table,
    e,
    language_of,
    num,
    page,
    with_language,
)
from sandbox.core import ApiProblem, sandbox_of
from sandbox.db import Database
from sandbox.fleet import (
    DOWNTIME_DAYS,
    Availability,
    availability,
    downtime_by_day,
    fleet_state,
    queue,
    screenshot_png,
)
from sandbox.metrics import Figures, figures
from sandbox.pilot import FAILURE_NAMES, JOURNEY_NAMES, STEP_NAMES, TIME_ZONE, failures

FLEET_PAGE = "/admin/fleet.html"
#: The payment terminal's component (`kiosk.devices.terminal.driver.COMPONENT`), and the
#: shorter name some reporters use.
TERMINAL = ("payment_terminal", "terminal")
RIYADH = ZoneInfo(TIME_ZONE)

KioskIdPath = Annotated[str, Path(pattern=KIOSK_ID)]

admin_router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)],
                         include_in_schema=False)
# What a signed-in operator's browser loads too (the kiosk page shows the screenshot).
view_router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin_or_operator)],
                        include_in_schema=False)
router = APIRouter(prefix="/admin", include_in_schema=False)


# --- for tools (admin token) ------------------------------------------------------------


@admin_router.post("/kiosks/{kiosk_id}/commands", status_code=201)
def queue_command(request: Request, kiosk_id: KioskIdPath,
                  body: CommandRequest) -> CommandState:
    """Queues a command; the kiosk takes it with its next heartbeat."""
    with sandbox_of(request).db.transaction() as conn:
        return queue(conn, kiosk_id, body)


@admin_router.get("/fleet")
def fleet(request: Request) -> Fleet:
    """Every active kiosk with its last heartbeat, whether it is up, and recent commands."""
    with sandbox_of(request).db.transaction() as conn:
        return fleet_state(conn)


@view_router.get("/kiosks/{kiosk_id}/screenshot.png")
def screenshot(request: Request, kiosk_id: KioskIdPath) -> Response:
    """The kiosk's last screenshot (taken between sessions, so it shows nobody's data)."""
    with sandbox_of(request).db.transaction() as conn:
        png = screenshot_png(conn, kiosk_id)
    return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})


# --- words ------------------------------------------------------------------------------


def _t(language: Language, ar: str, en: str) -> str:
    return ar if language is Language.ARABIC else en


_LEVELS = {HealthLevel.OK: ("سليم", "OK", "ok"), HealthLevel.WARNING: ("تنبيه", "Warning", "warn"),
           HealthLevel.ERROR: ("عطل", "Error", "bad")}
_PAPER = {"ok": ("متوفر", "OK", "ok"), "near_end": ("قارب على النفاد", "Near end", "warn"),
          "out": ("نفد", "Out", "bad"), "unknown": ("غير معروف", "Unknown", "muted")}
_COMMANDS = {OperatorCommandKind.OUT_OF_SERVICE: ("إيقاف عن الخدمة", "Out of service"),
             OperatorCommandKind.IN_SERVICE: ("إعادة إلى الخدمة", "Back in service"),
             OperatorCommandKind.SCREENSHOT: ("لقطة شاشة", "Screenshot")}
_COMPONENTS = {
    "printer": ("الطابعة", "Printer"), "payment_terminal": ("جهاز الدفع", "Payment terminal"),
    "terminal": ("جهاز الدفع", "Payment terminal"), "api": ("خادم الأمانة", "Municipality API"),
    "credentials": ("بيانات الاعتماد", "Credentials"),
    "technician": ("وضع الفني", "Technician mode"),
    "outbox": ("الطلبات المنتظرة", "Outbox"), "offline_queue": ("إرسال الطلبات", "Delivery"),
    "delivery": ("إرسال الطلبات", "Delivery"), "connectivity": ("الاتصال", "Connection"),
    "catalogue": ("دليل الخدمات", "Catalogue"), "assistance": ("طلب موظف", "Staff call"),
    "service": ("حالة الخدمة", "Service"), "disk": ("مساحة القرص", "Disk space"),
}


def _badge(words: tuple[str, str, str], language: Language) -> str:
    return f"<span class='tag {words[2]}'>{e(_t(language, words[0], words[1]))}</span>"


def _when(moment: datetime | None, language: Language) -> str:
    """A moment in Riyadh time, whole and left to right."""
    if moment is None:
        return f"<span class='muted'>{_t(language, 'لا يوجد', 'never')}</span>"
    return num(f"{moment.astimezone(RIYADH):%Y-%m-%d %H:%M}")


def _duration(seconds: float) -> str:
    """Hours and minutes as H:MM (the column or line says so)."""
    minutes = round(seconds / 60)
    return num(f"{minutes // 60}:{minutes % 60:02d}")


def _place(kiosk: FleetKiosk, language: Language) -> str:
    if language is Language.ARABIC or not kiosk.location_en:
        return f"<bdi lang='ar'>{e(kiosk.location_ar)}</bdi>"
    return e(kiosk.location_en)


def _up(kiosk: FleetKiosk, language: Language) -> str:
    if kiosk.up is None:
        return f"<span class='tag muted'>{_t(language, 'لم يتصل بعد', 'Never heard from')}</span>"
    words = ("يعمل", "Up", "ok") if kiosk.up else ("متوقف", "Down", "bad")
    since = (f" <span class='since'>{_t(language, 'منذ', 'since')} {_when(kiosk.since, language)}"
             "</span>" if kiosk.since is not None else "")
    return _badge(words, language) + since


def _in_service(kiosk: FleetKiosk, language: Language) -> str:
    if kiosk.in_service is None:
        return "<span class='muted'>–</span>"
    shown = _badge(("نعم", "Yes", "ok") if kiosk.in_service else ("لا", "No", "bad"), language)
    if kiosk.in_service and not kiosk.service.in_service:
        shown += (f" <span class='muted'>{_t(language, 'الإيقاف مطلوب', 'stop asked')}"
                  "</span>")
    elif not kiosk.in_service and kiosk.service.in_service is False:
        reason = _t(language, kiosk.service.reason_ar, kiosk.service.reason_en)
        if reason:
            shown += f" <span class='muted'>{e(reason)}</span>"
    return shown


def _component(kiosk: FleetKiosk, names: tuple[str, ...], language: Language) -> str:
    found = next((c for c in kiosk.components if c.component in names), None)
    return "<span class='muted'>–</span>" if found is None else _badge(
        _LEVELS[found.status], language)


def _outbox(f: Figures, language: Language) -> str:
    if f.outbox_pending is None:
        return "<span class='muted'>–</span>"
    waiting = f"{num(f.outbox_pending)} {_t(language, 'منتظرة', 'waiting')}"
    if f.outbox_pending and f.outbox_oldest_age_s and f.outbox_oldest_age_s >= 60:
        waiting += (f" <span class='muted'>({_t(language, 'أقدمها', 'oldest')} "
                    f"{_duration(f.outbox_oldest_age_s)})</span>")
    if f.outbox_dead:
        waiting += f" · <span class='bad'>{num(f.outbox_dead)} " \
                   f"{_t(language, 'مرفوضة', 'refused')}</span>"
    return waiting


def _staff(f: Figures, language: Language) -> str:
    if f.staff_called is None:
        return "<span class='muted'>–</span>"
    return _badge(("نعم", "Yes", "bad") if f.staff_called else ("لا", "No", "ok"), language)


_STYLE = (
    "<style>"
    ".tag{display:inline-block;padding:0 .45em;border-radius:4px;font-weight:600;"
    "white-space:nowrap}.tag.ok{background:#e3f1e8;color:#0b5c36}"
    ".tag.warn{background:#fff1cc;color:#6b4a00}.tag.bad{background:#fbe2e2;color:#a11212}"
    ".tag.muted{background:#eceeec;color:#4a4a4a}.since{white-space:nowrap}"
    "table.fleet td,table.fleet th{font-size:.95rem}table.fleet th{white-space:nowrap}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0}"
    "form.act{margin:.3rem 0 .8rem}form.act input[type=text]{width:100%}"
    ".shot{margin:0}.shot img{display:block;width:100%;max-width:24rem;height:auto;"
    "border:1px solid #bbb}"
    "table.days svg.bar{display:block;width:100%;height:.95rem;min-width:4rem}"
    "td.n{white-space:nowrap;text-align:end;width:1%}"
    "@media (max-width:40em){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}"
    "</style>"
)


# --- the fleet table --------------------------------------------------------------------


_COLUMNS = (("الجهاز", "Kiosk"), ("يعمل أم متوقف", "Up or down"), ("في الخدمة", "In service"),
            ("الورق", "Paper"), ("جهاز الدفع", "Terminal"), ("الطلبات المنتظرة", "Outbox"),
            ("طلب موظف", "Staff called"), ("آخر نبضة", "Last heartbeat"),
            ("الإصدار", "Version"))


def _row(kiosk: FleetKiosk, language: Language) -> str:
    f = figures(kiosk.components)
    link = with_language(f"/admin/kiosks/{kiosk.kiosk_id}.html", language)
    paper = (_badge(_PAPER[f.paper], language) if kiosk.last_heartbeat_at is not None
             else "<span class='muted'>–</span>")
    cells = (
        f"<a href='{e(link)}'>{num(kiosk.kiosk_id)}</a><br>{_place(kiosk, language)}",
        _up(kiosk, language), _in_service(kiosk, language), paper,
        _component(kiosk, TERMINAL, language), _outbox(f, language), _staff(f, language),
        _when(kiosk.last_heartbeat_at, language),
        num(kiosk.version) if kiosk.version else "<span class='muted'>–</span>",
    )
    return "<tr>" + "".join(
        f"<td data-label='{e(_t(language, *label))}'>{cell}</td>"
        for label, cell in zip(_COLUMNS, cells, strict=True)) + "</tr>"


@router.get(FLEET_PAGE.removeprefix("/admin"), response_class=HTMLResponse)
def fleet_page(request: Request) -> Response:
    if not signed_in(request):
        return to_sign_in(request)
    language = language_of(request)
    with sandbox_of(request).db.transaction() as conn:
        state = fleet_state(conn)
    down = sum(1 for k in state.kiosks if k.up is False)
    held = sum(1 for k in state.kiosks if k.in_service is False)
    title = ("الأجهزة", "Kiosks")
    body = (
        f"<h1>{_t(language, *title)}</h1>{_STYLE}"
        f"<p>{_t(language, 'الأجهزة', 'Kiosks')}: {num(len(state.kiosks))} · "
        f"{_t(language, 'متوقفة', 'down')}: {num(down)} · "
        f"{_t(language, 'خارج الخدمة', 'out of service')}: {num(held)}</p>"
        "<p class='muted'>" + _t(
            language,
            f"يُعدّ الجهاز متوقفًا بعد {num(3)} دقائق بلا نبضة. الأوقات بتوقيت الرياض، "
            f"والمدد بالساعات والدقائق. الآن {_when(state.now, language)}.",
            f"A kiosk is down after {num(3)} minutes without a heartbeat. Times are Riyadh "
            f"time, durations hours:minutes. Now {_when(state.now, language)}.") + "</p>"
        "<div class='card'>"
        + cards_table([e(_t(language, *label)) for label in _COLUMNS],
                      "".join(_row(k, language) for k in state.kiosks), "cards fleet")
        + "</div>")
    return HTMLResponse(page(request, *title, body))


# --- a kiosk's page ---------------------------------------------------------------------


_DONE = {
    "out_of_service": ("طُلب إيقاف الجهاز. ينفّذه مع نبضته التالية بعد أن ينهي المستفيد "
                       "جلسته.", "Out of service asked. The kiosk takes it with its next "
                       "heartbeat, once no one is using it."),
    "in_service": ("طُلبت إعادة الجهاز إلى الخدمة. ينفّذها مع نبضته التالية.",
                   "Back in service asked. The kiosk takes it with its next heartbeat."),
    "screenshot": ("طُلبت لقطة شاشة. تصل مع نبضة بعد أن ينهي المستفيد جلسته.",
                   "Screenshot asked. It comes with a heartbeat once no one is using the "
                   "kiosk."),
}


def _components(kiosk: FleetKiosk, language: Language) -> str:
    if not kiosk.components:
        return f"<p class='muted'>{_t(language, 'لا توجد بيانات بعد.', 'Nothing heard yet.')}</p>"
    labels = (_t(language, "الجزء", "Part"), _t(language, "الحالة", "Status"),
              _t(language, "التفاصيل (من الجهاز)", "Detail (as the kiosk reports it)"))
    rows = "".join(
        f"<tr><td data-label='{labels[0]}'>"
        f"{e(_t(language, *_COMPONENTS.get(c.component, (c.component, c.component))))}</td>"
        f"<td data-label='{labels[1]}'>{_badge(_LEVELS[c.status], language)}</td>"
        f"<td data-label='{labels[2]}'><bdi lang='en' dir='ltr'>{e(c.summary)}</bdi></td></tr>"
        for c in kiosk.components)
    return cards_table(labels, rows)


def _downtime(seen: Availability, now: datetime, language: Language) -> str:
    days = downtime_by_day(seen, now, RIYADH)
    unit = _t(language, "ساعات:دقائق، أيام بتوقيت الرياض", "hours:minutes, Riyadh days")
    total = sum(seconds for _, seconds in days)
    rows = "".join(
        f"<tr><th scope='row'>{num(f'{day:%Y-%m-%d}')}</th>"
        f"<td>{bar(round(seconds), 86400, language, colour='#a11212')}</td>"
        f"<td class='n'>{_duration(seconds)}</td></tr>" for day, seconds in days)
    outages = "".join(
        f"<li>{_when(datetime.fromtimestamp(o.start, RIYADH), language)} – "
        + (_when(datetime.fromtimestamp(o.end, RIYADH), language) if o.end is not None
           else _t(language, "مستمر", "going on"))
        + f" ({_duration((o.end if o.end is not None else now.timestamp()) - o.start)})</li>"
        for o in seen.outages)
    return (
        f"<p>{_t(language, 'المجموع', 'Total')}: {_duration(total)} "
        f"<span class='muted'>({unit})</span></p>"
        f"<table class='days'>{rows}</table>"
        + (f"<h3>{_t(language, 'فترات التوقف', 'Outages')}</h3><ul>{outages}</ul>" if outages
           else f"<p class='muted'>{_t(language, 'لم يتوقف.', 'No outage.')}</p>"))


def _failures(conn_failures: list[tuple[str, str]], language: Language) -> str:
    if not conn_failures:
        return f"<p class='muted'>{_t(language, 'لا أعطال.', 'No failures.')}</p>"
    return "<ul>" + "".join(f"<li>{day} · {what}</li>" for day, what in conn_failures) + \
        "</ul>"


def _commands(kiosk: FleetKiosk, language: Language) -> str:
    if not kiosk.commands:
        return f"<p class='muted'>{_t(language, 'لا أوامر.', 'No commands.')}</p>"
    labels = (_t(language, "الأمر", "Command"), _t(language, "طُلب", "Asked"),
              _t(language, "نُفّذ", "Carried out"))
    rows = "".join(
        f"<tr><td data-label='{labels[0]}'>{e(_t(language, *_COMMANDS[c.kind]))}"
        + (f" <span class='muted'>({e(_t(language, c.reason_ar, c.reason_en))})</span>"
           if c.reason_en else "")
        + f"</td><td data-label='{labels[1]}'>{_when(c.issued_at, language)}</td>"
        f"<td data-label='{labels[2]}'>"
        + (_when(c.acknowledged_at, language) if c.acknowledged_at is not None
           else f"<span class='muted'>{_t(language, 'بانتظار الجهاز', 'waiting')}</span>")
        + "</td></tr>" for c in kiosk.commands[:10])
    return cards_table(labels, rows)


def _forms(request: Request, kiosk: FleetKiosk, language: Language,
           typed: dict[str, str]) -> str:
    action = with_language(f"/admin/kiosks/{kiosk.kiosk_id}/actions", language)
    token = f"<input type='hidden' name='csrf' value='{csrf_token(request)}'>"
    public_ar = _t(language, "السبب كما يراه الجمهور (بالعربية)", "Reason the public sees (Arabic)")
    out = (
        f"<form class='act' method='post' action='{e(action)}'>{token}"
        "<input type='hidden' name='kind' value='out_of_service'>"
        f"<label for='reason_ar'>{public_ar}</label>"
        f"<input id='reason_ar' name='reason_ar' type='text' dir='rtl' lang='ar' maxlength='200' "
        f"required value='{e(typed.get('reason_ar', ''))}'>"
        f"<label for='reason_en'>{_t(language, 'السبب (بالإنجليزية)', 'Reason (English)')}</label>"
        f"<input id='reason_en' name='reason_en' type='text' dir='ltr' lang='en' maxlength='200' "
        f"required value='{e(typed.get('reason_en', ''))}'>"
        f"<p><button type='submit' id='out-of-service'>"
        f"{_t(language, 'إيقاف عن الخدمة', 'Take out of service')}</button></p></form>")
    out += (
        f"<form class='act' method='post' action='{e(action)}'>{token}"
        "<input type='hidden' name='kind' value='in_service'>"
        f"<button type='submit' id='in-service'>"
        f"{_t(language, 'إعادة إلى الخدمة', 'Back in service')}</button></form>"
        f"<form class='act' method='post' action='{e(action)}'>{token}"
        "<input type='hidden' name='kind' value='screenshot'>"
        f"<button type='submit' id='screenshot'>"
        f"{_t(language, 'طلب لقطة شاشة', 'Request a screenshot')}</button></form>")
    return out


def _kiosk_page(request: Request, kiosk_id: str, *, status: int = 200,
                problem: str = "", typed: dict[str, str] | None = None) -> Response:
    language = language_of(request)
    with sandbox_of(request).db.transaction() as conn:
        state = fleet_state(conn, kiosk_id)
        if not state.kiosks:
            raise ApiProblem(404, "kiosk_not_found", "لا يوجد جهاز عامل بهذا الرقم.",
                             "No active kiosk has this id.")
        kiosk = state.kiosks[0]
        heard = kiosk.last_heartbeat_at.timestamp() if kiosk.last_heartbeat_at else None
        seen = availability(conn, kiosk_id, heard, state.now.timestamp())
        since = local_day(Database.now(conn)) - timedelta(days=DOWNTIME_DAYS - 1)
        failed = [
            (num(f.day.isoformat()),
             e(_t(language, *FAILURE_NAMES[f.failure]))
             + (f" · {e(_t(language, *JOURNEY_NAMES[f.journey]))}" if f.journey else "")
             + (f" · {e(_t(language, *STEP_NAMES[f.step]))}" if f.step else "")
             + f": {num(f.count)}")
            for f in failures(conn, kiosk_id, since)]
    done = request.query_params.get("done", "")
    notice = (f"<p class='card' role='status'>{e(_t(language, *_DONE[done]))}</p>"
              if done in _DONE else "")
    alert = f"<p class='bad' role='alert'>{e(problem)}</p>" if problem else ""
    wish = kiosk.service
    wanted = (_t(language, "في الخدمة", "In service") if wish.in_service else
              _t(language, "خارج الخدمة", "Out of service")
              + (f": {e(_t(language, wish.reason_ar, wish.reason_en))}"
                 if wish.reason_en else ""))
    shot = (
        f"<figure class='shot'><img src='/admin/kiosks/{e(kiosk.kiosk_id)}/screenshot.png' "
        f"alt='{e(_t(language, 'لقطة شاشة الجهاز', 'The kiosk screen'))}'>"
        f"<figcaption class='muted'>{_t(language, 'التُقطت', 'Taken')} "
        f"{_when(kiosk.screenshot_at, language)}</figcaption></figure>"
        if kiosk.screenshot_at is not None else
        f"<p class='muted'>{_t(language, 'لا توجد لقطة بعد.', 'No screenshot yet.')}</p>")
    title_ar, title_en = f"الجهاز {kiosk.kiosk_id}", f"Kiosk {kiosk.kiosk_id}"
    week = f"{num(DOWNTIME_DAYS)} {_t(language, 'أيام', 'days')}"
    anonymous = _t(language, "من أحداث الاستخدام المجهولة: لا هوية ولا جوال ولا اسم.",
                   "From the anonymous journey events: no ID, mobile or name.")
    body = (
        f"<p class='no-print'><a href='{e(with_language(FLEET_PAGE, language))}'>"
        f"{_t(language, 'كل الأجهزة', 'All kiosks')}</a></p>"
        f"<h1>{_t(language, 'الجهاز', 'Kiosk')} {num(kiosk.kiosk_id)} · "
        f"{_place(kiosk, language)}</h1>{_STYLE}{notice}{alert}"
        "<div class='grid'>"
        f"<section class='card'><h2>{_t(language, 'الحالة', 'Status')}</h2><dl class='facts'>"
        f"<dt>{_t(language, 'يعمل أم متوقف', 'Up or down')}</dt><dd>{_up(kiosk, language)}</dd>"
        f"<dt>{_t(language, 'في الخدمة', 'In service')}</dt>"
        f"<dd>{_in_service(kiosk, language)}</dd>"
        f"<dt>{_t(language, 'ما طلبه المشغّلون', 'Operators asked')}</dt><dd>{wanted}</dd>"
        f"<dt>{_t(language, 'آخر نبضة', 'Last heartbeat')}</dt>"
        f"<dd>{_when(kiosk.last_heartbeat_at, language)}</dd>"
        f"<dt>{_t(language, 'الإصدار', 'Version')}</dt>"
        f"<dd>{num(kiosk.version) if kiosk.version else '–'}</dd></dl></section>"
        f"<section class='card no-print'><h2>{_t(language, 'أوامر', 'Commands')}</h2>"
        f"{_forms(request, kiosk, language, typed or {})}</section>"
        "</div>"
        f"<section class='card'><h2>{_t(language, 'الأجزاء', 'Parts')}</h2>"
        f"{_components(kiosk, language)}</section>"
        "<div class='grid'>"
        f"<section class='card'><h2>{_t(language, 'التوقف في آخر', 'Downtime, last')} "
        f"{week}</h2>{_downtime(seen, state.now, language)}</section>"
        f"<section class='card'><h2>{_t(language, 'الأعطال في آخر', 'Failures, last')} "
        f"{week}</h2><p class='muted'>{anonymous}</p>"
        f"{_failures(failed, language)}</section>"
        "</div>"
        f"<section class='card'><h2>{_t(language, 'لقطة الشاشة', 'Screenshot')}</h2>{shot}"
        "</section>"
        f"<section class='card'><h2>{_t(language, 'آخر الأوامر', 'Recent commands')}</h2>"
        f"{_commands(kiosk, language)}</section>")
    return HTMLResponse(page(request, title_ar, title_en, body, section=FLEET_PAGE),
                        status_code=status)


@router.get("/kiosks/{kiosk_id}.html", response_class=HTMLResponse)
def kiosk_page(request: Request, kiosk_id: KioskIdPath) -> Response:
    if not signed_in(request):
        return to_sign_in(request)
    return _kiosk_page(request, kiosk_id)


@router.post("/kiosks/{kiosk_id}/actions", response_class=HTMLResponse)
async def kiosk_action(request: Request, kiosk_id: KioskIdPath) -> Response:
    """A console form: queues the operator command it names, then back to the page."""
    if not signed_in(request):
        raise ApiProblem(401, "operator_sign_in_required", "سجّل الدخول إلى لوحة المشغّلين.",
                         "Sign in to the operator console.")
    form = await read_form(request)
    language = language_of(request)
    if not check_csrf(request, form.get("csrf", "")):
        return _kiosk_page(request, kiosk_id, status=403, problem=_t(
            language, "لم يُنفَّذ الأمر: النموذج ليس من هذه الجلسة. حاول مرة أخرى من هذه الصفحة.",
            "Nothing was done: the form did not come from this session. Try again from this "
            "page."))
    kind = form.get("kind", "")
    reasons = ({"reason_ar": form.get("reason_ar", "").strip(),
                "reason_en": form.get("reason_en", "").strip()}
               if kind == OperatorCommandKind.OUT_OF_SERVICE.value else {})
    if kind == OperatorCommandKind.OUT_OF_SERVICE.value and not all(reasons.values()):
        return _kiosk_page(request, kiosk_id, status=422, typed=reasons, problem=_t(
            language, "اكتب السبب الذي يراه الجمهور بالعربية وبالإنجليزية.",
            "Write the reason the public sees, in Arabic and in English."))
    try:
        body = CommandRequest.model_validate({"kind": kind, **reasons})
    except ValidationError:
        return _kiosk_page(request, kiosk_id, status=422, typed=reasons, problem=_t(
            language, "لا يُقبل هذا الأمر. السبب سطر واحد لا يزيد على 200 حرف.",
            "This command cannot be taken. A reason is one line of at most 200 characters."))
    with sandbox_of(request).db.transaction() as conn:
        queue(conn, kiosk_id, body)
    back = with_language(f"/admin/kiosks/{kiosk_id}.html", language, done=body.kind.value)
    return RedirectResponse(back, status_code=303)
