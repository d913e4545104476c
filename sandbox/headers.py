"""Security headers on every answer the sandbox sends, the way a government API sends them.

A pure ASGI middleware, outermost (outside the fault switches), so nothing escapes it:
JSON answers, HTML pages, error bodies from the exception handlers, the fault switches'
injected failures and Starlette's last-resort 500 all pass through `send` here.

Caching: every answer is `no-store` (personal data: identity, /me/*, licences, invoices,
transactions, applications, admin) except the successful answers listed in `CACHEABLE`,
which hold nothing personal. The middleware owns these headers: any the app set itself
are replaced, so there is one place that decides them.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=31536000; includeSubDomains"
NO_STORE = "no-store"
# Public, identical for every caller, and without personal data. The OpenAPI document is
# static while the server runs; the catalogue changes when the municipality changes it
# (a flag), so a copy may be kept but must be revalidated.
CACHEABLE = {
    "/v1/openapi.json": "public, max-age=3600",
    "/v1/catalogue": "no-cache",
}
# HTML pages (verification, SMS outbox, admin sign-in) use an inline <style>, images from
# the server itself or data: URLs, and forms that post back to the server; never scripts.
HTML_CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# JSON is never rendered as a document: forbid everything, including framing.
API_CSP = "default-src 'none'; frame-ancestors 'none'"

_OWNED = frozenset({b"strict-transport-security", b"x-content-type-options",
                    b"cache-control", b"referrer-policy", b"content-security-policy",
                    b"server"})


def security_headers(path: str, status: int, content_type: bytes) -> list[tuple[bytes, bytes]]:
    """The headers for an answer to `path` with this status and content type."""
    cache = CACHEABLE.get(path, NO_STORE) if 200 <= status < 300 else NO_STORE
    csp = HTML_CSP if content_type.startswith(b"text/html") else API_CSP
    return [
        (b"strict-transport-security", HSTS.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"cache-control", cache.encode()),
        (b"referrer-policy", b"no-referrer"),
        (b"content-security-policy", csp.encode()),
    ]


class SecurityHeadersMiddleware:
    """Adds `security_headers` to every HTTP answer (and drops any `Server` header)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", [])
                        if k.lower() not in _OWNED]
                content_type = next((v for k, v in kept if k.lower() == b"content-type"), b"")
                message = {**message, "headers": kept + security_headers(
                    path, message["status"], content_type.lower())}
            await send(message)

        await self.app(scope, receive, send_with_headers)
