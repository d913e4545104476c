"""The operator console's one page layout: language, direction, navigation, styles.

Every console page is rendered on the server through `page()`, in Arabic (right to left,
the default) or English, chosen by the `lang` query parameter that every link and form of
the console carries on. The header names the municipality and the page, lists the pages
in `NAVIGATION` (a page added later appends itself there), switches language on the same
page, and signs out. Styles are inline and nothing is loaded from anywhere else (no CDN,
no script: the security headers forbid both), so the console works on a closed network,
reads from a phone's 360 px up, and prints.

Numbers, dates and kiosk IDs inside Arabic text go through `num()`: a left-to-right
isolate (`<bdi dir="ltr">`) that keeps "2025-03-01" and "AHS-HOF-01" whole and in order.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request

from kiosk.config_source import Language

__all__ = ["CONSOLE_HOME", "NAVIGATION", "Language", "NavItem", "e", "language_of", "num",
           "page", "with_language"]


@dataclass(frozen=True, slots=True)
class NavItem:
    """A page in the console's navigation."""

    path: str
    name_ar: str
    name_en: str


NAVIGATION: list[NavItem] = [
    NavItem("/admin/fleet.html", "الأجهزة", "Kiosks"),
    NavItem("/admin/pilot.html", "أرقام التجربة", "Pilot figures"),
    NavItem("/admin/sms.html", "الرسائل النصية", "SMS outbox"),
]
#: Where signing in leads when no page asked for it.
CONSOLE_HOME = NAVIGATION[0].path

_STYLE = (
    "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:#f2f3f1;color:#1b1b1b;font-size:16px;line-height:1.55;"
    "font-family:'IBM Plex Sans Arabic','Noto Sans Arabic','Noto Naskh Arabic',Tahoma,"
    "'DejaVu Sans',sans-serif}"
    "header{background:#0b5c36;color:#fff;padding:.6rem 1rem}"
    "header a,header button{color:#fff}"
    ".bar{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;max-width:80rem;"
    "margin:0 auto}.org{font-weight:600;margin-inline-end:auto}"
    "nav ul{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:0;padding:0}"
    "nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}"
    "header form{margin:0}header button{background:none;border:1px solid #fff;"
    "border-radius:4px;padding:.25rem .7rem;font:inherit;cursor:pointer;min-height:36px}"
    "main{max-width:80rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.2rem;margin:0 0 .5rem}"
    "h3{font-size:1rem;margin:.8rem 0 .3rem}"
    ".card{background:#fff;border-radius:8px;padding:.9rem 1rem;margin:0 0 1rem;"
    "overflow-wrap:anywhere;break-inside:avoid}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,22rem),1fr));"
    "gap:0 1rem}"
    ".muted{color:#4a4a4a}.bad{color:#a11212;font-weight:600}"
    "bdi.num{direction:ltr;unicode-bidi:isolate;white-space:nowrap}"
    "label{display:block;margin:.4rem 0 .2rem}"
    "input,button{font:inherit;padding:.45rem .6rem;min-height:44px;max-width:100%}"
    "main button,.button{background:#0b5c36;color:#fff;border:0;border-radius:4px;"
    "padding:.5rem 1rem;text-decoration:none;display:inline-block;cursor:pointer}"
    "input{border:1px solid #767676;border-radius:4px;width:20rem}"
    "form.signin button{display:block;margin-top:.8rem}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{padding:.3rem .4rem;text-align:start;vertical-align:middle}"
    # A table of records: one card per row on a phone, each cell with its column's name.
    "table.cards td,table.cards th{border-bottom:1px solid #ddd;vertical-align:top}"
    "@media (max-width:40em){table.cards thead{display:none}"
    "table.cards,table.cards tbody,table.cards tr,table.cards td{display:block}"
    "table.cards tr{border:1px solid #bbb;border-radius:6px;margin-bottom:.8em}"
    "table.cards td{border:0;padding:.2em .5em}"
    "table.cards td::before{content:attr(data-label) ': ';font-weight:bold}}"
    "@media print{header nav,header form,.no-print{display:none}body{background:#fff}"
    ".card{border:1px solid #bbb}}"
)


def e(text: object) -> str:
    """Text made safe for HTML (quotes too)."""
    return html.escape(str(text), quote=True)


def num(value: object) -> str:
    """A number, date or code kept whole and left to right inside any text."""
    return f"<bdi dir='ltr' class='num'>{e(value)}</bdi>"


def cards_table(labels: Sequence[str], rows: str, css: str = "cards") -> str:
    """A table under a header of `labels` (HTML) whose `rows` become cards on a phone,
    each cell showing its column's label (its `data-label`) through the styles above."""
    head = "".join(f"<th scope='col'>{label}</th>" for label in labels)
    return f"<table class='{css}'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def language_of(request: Request) -> Language:
    """The console's language for this request: `?lang=en` for English, else Arabic."""
    return Language.ENGLISH if request.query_params.get("lang") == "en" else Language.ARABIC


def with_language(path: str, language: Language, **params: str) -> str:
    """A console URL carrying the language (and `params`) on."""
    query = {**{k: v for k, v in params.items() if v}, "lang": language.value}
    return f"{path}?{urlencode(query)}"


def _switch(request: Request, language: Language) -> str:
    """The same page, with the same parameters, in the other language."""
    other = Language.ENGLISH if language is Language.ARABIC else Language.ARABIC
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    label = "English" if other is Language.ENGLISH else "العربية"
    href = with_language(request.url.path, other, **params)
    return f"<a href='{e(href)}' lang='{other.value}' hreflang='{other.value}'>{label}</a>"


def page(request: Request, title_ar: str, title_en: str, body: str, *,
         signed: bool = True, section: str | None = None) -> str:
    """A whole console page around `body` (already HTML, in the request's language);
    `signed` shows the navigation and Sign out (not on the sign-in form); `section` is
    the navigation entry a page below it belongs to (a kiosk's page: the fleet)."""
    language = language_of(request)
    ar = language is Language.ARABIC
    title = title_ar if ar else title_en
    org = "أمانة الأحساء · لوحة المشغّلين" if ar else "Al-Ahsa Municipality · Operator console"
    nav = ""
    if signed:
        items = "".join(
            f"<li><a href='{e(with_language(item.path, language))}'"
            + (" aria-current='page'" if item.path in (request.url.path, section) else "")
            + f">{e(item.name_ar if ar else item.name_en)}</a></li>"
            for item in NAVIGATION)
        sign_out = "خروج" if ar else "Sign out"
        nav = (f"<nav aria-label='{'الصفحات' if ar else 'Pages'}'><ul>{items}</ul></nav>"
               f"<form method='post' action='/admin/logout?lang={language.value}'>"
               f"<button type='submit'>{sign_out}</button></form>")
    return (
        f"<!doctype html><html lang='{language.value}' dir='{'rtl' if ar else 'ltr'}'>"
        "<head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta name='robots' content='noindex'>"
        f"<title>{e(title)} · {e(org)}</title><style>{_STYLE}</style></head><body>"
        f"<header><div class='bar'><span class='org'>{org}</span>{nav}"
        f"{_switch(request, language)}</div></header>"
        f"<main>{body}</main></body></html>"
    )
