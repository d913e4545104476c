"""The public verification page a receipt's QR code opens on a phone.

Anyone can scan a receipt, so the page confirms only what the receipt already shows
(the document is genuine, and its current state) in Arabic first, then English.
"""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kiosk.api.schema import VerificationKind
from sandbox.api import verification
from sandbox.core import sandbox_of

router = APIRouter(include_in_schema=False)

_STYLE = ("body{font-family:'IBM Plex Sans Arabic',sans-serif;margin:2em;line-height:1.6}"
          ".ok{color:#0a6b2d}.bad{color:#a11}")


@router.get("/verify/{kind}/{reference}", response_class=HTMLResponse)
def verify_page(request: Request, kind: str, reference: str) -> HTMLResponse:
    found = None
    if kind in {k.value for k in VerificationKind}:
        with sandbox_of(request).db.transaction() as conn:
            found = verification(conn, VerificationKind(kind), reference)
    ref = html.escape(reference)
    if found is None:
        body = (f"<h1 class='bad'>لم يُعثر على مستند برقم {ref}</h1>"
                f"<p dir='ltr' class='bad'>No municipality document has the number {ref}.</p>")
        status = 404
    else:
        body = (f"<h1 class='ok'>مستند صحيح صادر من أمانة الأحساء</h1>"
                f"<p>رقم المستند: {ref}<br>{html.escape(found.summary_ar)}</p>"
                f"<p dir='ltr'>Genuine Al-Ahsa Municipality document {ref}: "
                f"{html.escape(found.summary_en)} Status: {html.escape(found.status)}.</p>")
        status = 200
    page = ("<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width'>"
            f"<title>التحقق من مستند - أمانة الأحساء</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>")
    return HTMLResponse(page, status_code=status)
