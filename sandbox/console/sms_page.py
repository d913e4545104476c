"""The SMS outbox as a console page: what a citizen's phone would have received (sandbox only).

Newest first, each text in the language it was sent in, its references and codes kept
whole (`<bdi>`): a table on a wide screen, one card per message on a phone. Opened with a
signed-in operator's session, or by a tool with the admin token header.
"""

from __future__ import annotations

import html
import re
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, Response

from kiosk.domain.text import LRI, PDI
from sandbox import sms
from sandbox.console.auth import require_admin, signed_in, to_sign_in
from sandbox.console.layout import Language, cards_table, e, language_of, num, page
from sandbox.core import sandbox_of

SMS_PAGE = "/admin/sms.html"
router = APIRouter(prefix="/admin", include_in_schema=False)


def _sms_text(text: str) -> str:
    """An SMS text as HTML: its direction-isolated runs (references, codes) become
    unbreakable isolated spans, so a narrow phone never wraps "1447-000104" at its hyphen."""
    return re.sub(f"{LRI}(.*?){PDI}", r"<bdi dir='ltr' class='num'>\1</bdi>",
                  html.escape(text))


@router.get("/sms.html", response_class=HTMLResponse)
def sms_page(
    request: Request,
    mobile: str | None = None,
    x_admin_token: Annotated[str | None, Header()] = None,
) -> Response:
    if x_admin_token is not None:
        require_admin(request, x_admin_token)
    elif not signed_in(request):
        return to_sign_in(request)
    ar = language_of(request) is Language.ARABIC
    labels = (("الوقت (UTC)", "الجوال", "النوع", "النص") if ar else
              ("Time (UTC)", "Mobile", "Kind", "Text"))
    with sandbox_of(request).db.transaction() as conn:
        messages = sms.messages(conn, mobile)
    rows = "".join(
        f"<tr><td data-label='{labels[0]}'>{num(f'{m.sent_at:%Y-%m-%d %H:%M}')}</td>"
        f"<td data-label='{labels[1]}'>{num(m.mobile)}</td>"
        f"<td data-label='{labels[2]}'>{e(m.kind)}</td>"
        f"<td data-label='{labels[3]}' lang='{m.language.value}' "
        f"dir='{'ltr' if m.language is Language.ENGLISH else 'rtl'}'>{_sms_text(m.text)}</td>"
        "</tr>"
        for m in reversed(messages))
    title = ("صندوق الرسائل النصية (بيئة تجريبية)", "SMS outbox (sandbox)")
    body = (f"<h1>{title[0] if ar else title[1]}</h1>"
            f"<p class='muted'>{'الأحدث أولًا.' if ar else 'Newest first.'}</p>"
            f"<div class='card'>{cards_table(labels, rows)}</div>")
    return HTMLResponse(page(request, title[0], title[1], body))
