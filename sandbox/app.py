"""Builds the sandbox's ASGI application: routes, error handlers, fault and header middleware.

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

from kiosk.api.schema import API_VERSION, ErrorBody, Problem
from sandbox import admin, api, pages
from sandbox.core import ApiProblem, Sandbox, purge_idempotency
from sandbox.db import Database
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
    body = ErrorBody(code="invalid_request", message_ar="الطلب غير مكتمل أو غير صحيح.",
                     message_en="The request is incomplete or malformed.", problems=problems)
    return JSONResponse(body.model_dump(mode="json"), status_code=422)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    body = ErrorBody(code=code, message_ar="المسار أو الطريقة غير مدعومة.",
                     message_en=str(exc.detail))
    return JSONResponse(body.model_dump(mode="json"), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


def _crash(request: Request, exc: Exception) -> JSONResponse:
    body = ErrorBody(code="internal_error", message_ar="حدث خلل داخلي في الخادم.",
                     message_en="Internal server error.")
    return JSONResponse(body.model_dump(mode="json"), status_code=500)


def build_fastapi(sandbox: Sandbox | None = None) -> FastAPI:
    app = FastAPI(title=TITLE, version=api.VERSION, openapi_url=f"/{API_VERSION}/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="The contract between Al-Ahsa self-service kiosks and the "
                              "municipality. Money in halalas, times in UTC. See docs/api.md.")
    app.include_router(api.router)
    app.include_router(admin.router)
    app.include_router(admin.pages_router)
    app.include_router(pages.router)
    app.add_exception_handler(ApiProblem, _problem_handler)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _crash)
    if sandbox is not None:
        app.state.sandbox = sandbox
    return app


def create_app(data_dir: Path, admin_token: str, *,
               verify_limit: str = VERIFY_LIMIT) -> tuple[ASGIApp, Sandbox]:
    """The served application over the database in `data_dir` (seeded on first use).
    The security headers wrap everything, fault answers included. `verify_limit` is the
    per-client allowance of the verification pages (`limits` notation, "30/minute")."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(data_dir / "sandbox.sqlite3")
    seed(db)
    purge_idempotency(db)
    sandbox = Sandbox(db=db, admin_token=admin_token,
                      limits=RateLimits(verify=verify_limit),
                      verify_secret=load_or_create_secret(data_dir))
    app = build_fastapi(sandbox)
    return SecurityHeadersMiddleware(FaultMiddleware(app, sandbox.switches)), sandbox
