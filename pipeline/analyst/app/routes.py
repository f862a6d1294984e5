"""The workspace application: its state, the guard middleware, the CSRF refusal, the routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request

from pipeline.analyst.app import review, site
from pipeline.analyst.app.security import CsrfError, Guard
from pipeline.analyst.app.web import Workspace, environment, guard_requests, workspace


def build(store, settings, *, token: str | None, allowed_hosts: set[str]) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, title="Kerjasama")
    cache_dir = Path(settings.home) / "cache" / "pages"
    app.state.workspace = Workspace(store, settings, Guard(token=token, allowed_hosts=allowed_hosts),
                                    environment(), cache_dir)  # fmt: skip
    app.middleware("http")(guard_requests)
    app.exception_handler(CsrfError)(_csrf_refused)
    app.include_router(review.router)
    app.include_router(site.router)
    return app


async def _csrf_refused(request: Request, exc: CsrfError):
    return workspace(request).message(request, 403, str(exc), title="CSRF")
