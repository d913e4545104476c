"""Builds the sandbox's ASGI application: routes, error handlers, edge, faults, headers.

Separate from `__main__` so tests and the OpenAPI export build the same app without
starting a server.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from kiosk.api.schema import API_VERSION, Problem
from sandbox import admin, api, console, fleet, metrics, pages, pilot
from sandbox.core import ApiProblem, Sandbox, internal_error, invalid_request, purge_idempotency
from sandbox.db import Database
from sandbox.edge import EdgeMiddleware
from sandbox.faults import FaultMiddleware
from sandbox.headers import SecurityHeadersMiddleware
from sandbox.ratelimit import VERIFY_LIMIT, RateLimits
from sandbox.seed import seed
from sandbox.signing import load_or_create_secret

TITLE = "Al-Ahsa Municipality kiosk API"


def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiProblem)
    return exc.response()


def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        Problem(
            field=".".join(str(p) for p in err["loc"][1:]) or str(err["loc"][0]),
            code=str(err["type"]),
            message_ar="قيمة غير صحيحة أو ناقصة في الطلب.",
            message_en=str(err["msg"]),
        )
        for err in exc.errors()
    ]
    return invalid_request(problems).response()


# The framework's own refusals, each in its own words (a 400 is not "path not supported").
_HTTP_ERRORS = {
    400: ("bad_request", "تعذّر قراءة الطلب.", "The request could not be read."),
    404: ("not_found", "لا يوجد شيء على هذا المسار.", "Nothing is served at this path."),
    405: ("method_not_allowed", "هذه الطريقة غير مدعومة على هذا المسار.",
          "This method is not supported on this path."),
}


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, message_ar, message_en = _HTTP_ERRORS.get(
        exc.status_code, ("http_error", "تعذّر قبول الطلب.", "The request was not accepted."))
    problem = ApiProblem(exc.status_code, code, message_ar, message_en,
                         headers=getattr(exc, "headers", None))
    return problem.response()


def _crash(request: Request, exc: Exception) -> JSONResponse:
    return internal_error().response()


def build_fastapi(sandbox: Sandbox | None = None) -> FastAPI:
    app = FastAPI(title=TITLE, version=api.VERSION, openapi_url=f"/{API_VERSION}/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="The contract between Al-Ahsa self-service kiosks and the "
                              "municipality. Money in halalas, times in UTC. See docs/api.md.")
    app.include_router(api.router)
    app.include_router(pilot.events_router)
    app.include_router(fleet.router)
    app.include_router(admin.router)
    app.include_router(metrics.router)
    for router in console.routers:
        app.include_router(router)
    app.include_router(pages.router)
    app.add_exception_handler(ApiProblem, _problem_handler)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _crash)
    if sandbox is not None:
        app.state.sandbox = sandbox
    return app


def create_app(data_dir: Path, admin_token: str, *, scrape_token: str = "",
               verify_limit: str = VERIFY_LIMIT,
               ca_sha256: str = "") -> tuple[ASGIApp, Sandbox]:
    """The served application over the database in `data_dir` (seeded on first use).
    `scrape_token` is the bearer credential of `/metrics` (none: every scrape is refused).
    The security headers wrap everything, fault answers included; inside them the edge
    checks every request body and answers for anything the application lets escape.
    `verify_limit` is the per-client allowance of the verification pages (`limits`
    notation, "30/minute"); `ca_sha256` the pin of the CA it serves under (given with
    every enrolment code)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(data_dir / "sandbox.sqlite3")
    seed(db)
    purge_idempotency(db)
    sandbox = Sandbox(db=db, admin_token=admin_token,
                      limits=RateLimits(verify=verify_limit),
                      verify_secret=load_or_create_secret(data_dir), ca_sha256=ca_sha256,
                      scrape_token=scrape_token)
    app = build_fastapi(sandbox)
    served = EdgeMiddleware(FaultMiddleware(app, sandbox.switches))
    return SecurityHeadersMiddleware(served), sandbox
