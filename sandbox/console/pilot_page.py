"""The pilot's figures for operators: the console page, and the same report as JSON and CSV.

- `GET /admin/pilot.html?from=&to=&lang=`: a funnel per journey (how many chose it,
  reached each step, completed it; where and why the others left; what failed) and each
  kiosk's daily use as charts, for a range of Riyadh days.
- `GET /admin/pilot?from=&to=`: the same as JSON (`sandbox.pilot.PilotReport`).
- `GET /admin/pilot.csv?from=&to=`: every count as a spreadsheet row.

The page needs a signed-in operator; the JSON and CSV take the admin token header too
(tools) or the operator's cookie (the page links to the CSV). A bad date is one clear
422: the problem body for JSON and CSV, the form with the message on the page.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from sandbox.console.auth import require_admin_or_operator, signed_in, to_sign_in
from sandbox.console.charts import COMPLETED, STARTED, Column, bar, columns
from sandbox.console.layout import Language, e, language_of, num, page, with_language
from sandbox.core import ApiProblem, sandbox_of
from sandbox.pilot import (
    FAILURE_NAMES,
    REASON_NAMES,
    STEP_NAMES,
    TIME_ZONE,
    JourneyFunnel,
    KioskUse,
    PilotReport,
    date_range,
    pilot_report,
    report_csv,
)

PILOT_PAGE = "/admin/pilot.html"

data_router = APIRouter(prefix="/admin", include_in_schema=False,
                        dependencies=[Depends(require_admin_or_operator)])
router = APIRouter(prefix="/admin", include_in_schema=False)


def _report(request: Request) -> PilotReport:
    with sandbox_of(request).db.transaction() as conn:
        first, last = date_range(conn, request.query_params.get("from"),
                                 request.query_params.get("to"))
        return pilot_report(conn, first, last)


@data_router.get("/pilot")
def pilot_json(request: Request) -> JSONResponse:
    """The report as JSON; `from` and `to` are ISO days (Riyadh), both included."""
    return JSONResponse(_report(request).model_dump(mode="json", by_alias=True))


@data_router.get("/pilot.csv")
def pilot_csv(request: Request) -> Response:
    with sandbox_of(request).db.transaction() as conn:
        first, last = date_range(conn, request.query_params.get("from"),
                                 request.query_params.get("to"))
        text = report_csv(conn, first, last)
    name = f"pilot-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


_STYLE = (
    "<style>"
    ".range{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:flex-end}"
    ".range input{width:11rem}.range div{min-width:0}"
    "table.funnel th{font-weight:400;width:42%}table.funnel td.n{width:1%;"
    "white-space:nowrap;text-align:end}table.funnel tr.total th{font-weight:700}"
    "svg.bar{display:block;width:100%;height:.95rem;min-width:4rem}"
    "svg.days{display:block;width:100%;height:auto}"
    ".legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;margin:.3rem 0;font-size:.9rem}"
    ".swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;"
    "margin-inline-end:.3em;border-radius:2px}"
    "ul.facts{margin:.2rem 0;padding-inline-start:1.2rem}"
    "</style>"
)


def _t(language: Language, ar: str, en: str) -> str:
    return ar if language is Language.ARABIC else en


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _funnel(journey: JourneyFunnel, language: Language) -> str:
    ar = language is Language.ARABIC
    rows = [(_t(language, "اختاروا الخدمة", "Chose the service"), journey.started, STARTED,
             "total")]
    rows += [(step.name_ar if ar else step.name_en, step.reached, STARTED, "")
             for step in journey.steps]
    rows.append((_t(language, "أكملوا", "Completed"), journey.completed, COMPLETED, "total"))
    body = "".join(
        f"<tr class='{kind}'><th scope='row'>{e(label)}</th>"
        f"<td>{bar(value, journey.started, language, colour=colour)}</td>"
        f"<td class='n'>{num(value)} <span class='muted'>"
        f"({num(_percent(value, journey.started))})</span></td></tr>"
        for label, value, colour, kind in rows)
    before = _t(language, "قبل أول خطوة", "Before the first step")
    left = [
        f"<li>{e(STEP_NAMES[a.step][0 if ar else 1]) if a.step else before}"
        f" · {e(REASON_NAMES[a.reason][0 if ar else 1])}: {num(a.count)}</li>"
        for a in journey.abandoned]
    failed = [f"<li>{e(FAILURE_NAMES[f.failure][0 if ar else 1])}: {num(f.count)}</li>"
              for f in journey.failures]
    none = f"<p class='muted'>{_t(language, 'لا شيء.', 'None.')}</p>"
    return (
        f"<section class='card' aria-labelledby='j-{journey.journey.value}'>"
        f"<h3 id='j-{journey.journey.value}'>{e(journey.name_ar if ar else journey.name_en)}"
        f"</h3><table class='funnel'>{body}</table>"
        f"<h4>{_t(language, 'تركوا الخدمة: أين ولماذا', 'Left: where and why')}</h4>"
        + (f"<ul class='facts'>{''.join(left)}</ul>" if left else none)
        + f"<h4>{_t(language, 'الأعطال', 'Failures')}</h4>"
        + (f"<ul class='facts'>{''.join(failed)}</ul>" if failed else none)
        + "</section>")


def _kiosk(kiosk: KioskUse, language: Language) -> str:
    label = _t(language, f"الجلسات اليومية في {kiosk.location_ar} ({kiosk.kiosk_id})",
               f"Daily sessions at {kiosk.kiosk_id}")
    chart = columns([Column(d.day, d.sessions, d.completed) for d in kiosk.days], language,
                    label)
    place = (f"{e(kiosk.location_ar)} {num(kiosk.kiosk_id)}" if language is Language.ARABIC
             else f"{num(kiosk.kiosk_id)} <bdi lang='ar'>{e(kiosk.location_ar)}</bdi>")
    return (
        f"<section class='card'><h3>{place}</h3>"
        f"<p>{_t(language, 'الجلسات', 'Sessions')}: {num(kiosk.sessions)} · "
        f"{_t(language, 'خدمات مكتملة', 'Journeys completed')}: {num(kiosk.completed)}</p>"
        f"{chart}</section>")


def _legend(language: Language) -> str:
    return (
        "<p class='legend'>"
        f"<span><span class='swatch' style='background:{STARTED}'></span>"
        f"{_t(language, 'الجلسات', 'Sessions')}</span>"
        f"<span><span class='swatch' style='background:{COMPLETED}'></span>"
        f"{_t(language, 'خدمات مكتملة', 'Journeys completed')}</span></p>")


def _form(request: Request, language: Language, start: str, end: str,
          problem: str = "") -> str:
    alert = f"<p class='bad' role='alert'>{e(problem)}</p>" if problem else ""
    return (
        f"{alert}<form class='range card no-print' method='get' action='{PILOT_PAGE}'>"
        f"<div><label for='from'>{_t(language, 'من يوم', 'From')}</label>"
        f"<input id='from' name='from' type='date' dir='ltr' value='{e(start)}'></div>"
        f"<div><label for='to'>{_t(language, 'إلى يوم', 'To')}</label>"
        f"<input id='to' name='to' type='date' dir='ltr' value='{e(end)}'></div>"
        f"<input type='hidden' name='lang' value='{language.value}'>"
        f"<div><button type='submit'>{_t(language, 'عرض', 'Show')}</button></div></form>")


@router.get(PILOT_PAGE.removeprefix("/admin"), response_class=HTMLResponse)
def pilot_page(request: Request) -> Response:
    if not signed_in(request):
        return to_sign_in(request)
    language = language_of(request)
    title = ("أرقام التجربة", "Pilot figures")
    heading = f"<h1>{_t(language, *title)}</h1>{_STYLE}"
    asked = (request.query_params.get("from") or "", request.query_params.get("to") or "")
    try:
        report = _report(request)
    except ApiProblem as problem:
        message = problem.body.message_ar if language is Language.ARABIC \
            else problem.body.message_en
        body = heading + _form(request, language, *asked, problem=message)
        return HTMLResponse(page(request, *title, body), status_code=problem.status)
    start, end = report.start.isoformat(), report.end.isoformat()
    csv = with_language("/admin/pilot.csv", language, **{"from": start, "to": end})
    summary = _t(
        language,
        f"من {num(start)} إلى {num(end)} بتوقيت الرياض · الجلسات: {num(report.sessions)}",
        f"From {num(start)} to {num(end)}, Riyadh time ({e(TIME_ZONE)}) · Sessions: "
        f"{num(report.sessions)}")
    body = (
        heading + _form(request, language, start, end)
        + f"<p>{summary}</p><p class='no-print'><a class='button' href='{e(csv)}' download>"
        + _t(language, "تنزيل جدول البيانات (CSV)", "Download the spreadsheet (CSV)")
        + "</a></p>"
        + f"<h2>{_t(language, 'مسار كل خدمة', 'Each service, step by step')}</h2>"
        + "<p class='muted'>" + _t(
            language,
            "النسب من عدد من اختاروا الخدمة. لا يُسجَّل أي رقم هوية أو جوال أو اسم أو مرجع.",
            "Percentages are of those who chose the service. No ID, mobile, name or "
            "reference is ever recorded.") + "</p>"
        + "<div class='grid'>" + "".join(_funnel(j, language) for j in report.journeys)
        + "</div>"
        + f"<h2>{_t(language, 'الاستخدام اليومي لكل جهاز', 'Daily use per kiosk')}</h2>"
        + _legend(language)
        + "<div class='grid'>" + "".join(_kiosk(k, language) for k in report.kiosks)
        + "</div>"
        + (f"<p class='muted'>{_t(language, 'أعطال خارج الخدمات', 'Failures outside a service')}: "
           + ", ".join(f"{e(FAILURE_NAMES[f.failure][0 if language is Language.ARABIC else 1])}"
                       f" {num(f.count)}" for f in report.other_failures) + "</p>"
           if report.other_failures else "")
    )
    return HTMLResponse(page(request, *title, body))

