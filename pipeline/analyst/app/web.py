"""The workspace's shared parts: its state (store, settings, guard, templates), page rendering, and the
middleware every request passes (Host check, access token, session, language, security headers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from pipeline.analyst.app.i18n import language, translator
from pipeline.analyst.app.security import HEADERS, SESSION_COOKIE, TOKEN_COOKIE, Guard, new_session
from pipeline.analyst.app.views import LIST_COLUMNS, input_kind, scalar_entry
from pipeline.analyst.corrections import ENUMS, default_analyst
from pipeline.analyst.labels import flag_message
from pipeline.analyst.search import HIGHLIGHT

if TYPE_CHECKING:
    from pipeline.settings import Settings
    from pipeline.store.database import Store

HERE = Path(__file__).parent
OPEN = ("/login", "/static/", "/favicon.ico")  # reachable without the access token
LANG_COOKIE = "kj_lang"
ANALYST_COOKIE = "kj_analyst"


@dataclass
class Workspace:
    store: Store
    settings: Settings
    guard: Guard
    env: Environment
    cache_dir: Path  # rendered page images

    def render(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        """A page in the request's language; every value is autoescaped, every form gets the CSRF token."""
        lang = request.state.lang
        html = self.env.get_template(name).render(
            t=translator(lang),
            flag_text=lambda flag: flag_message(flag["code"], flag["message"], lang),
            lang=lang,
            csrf=self.guard.csrf_token(request.state.session),
            analyst=analyst_of(request),
            path=request.url.path,
            **context,
        )
        return HTMLResponse(html, status)

    def message(self, request: Request, status: int, text: str, title: str | None = None) -> HTMLResponse:
        return self.render(request, "message.html.j2", status, title=title or str(status), message=text)


def workspace(request: Request) -> Workspace:
    return request.app.state.workspace


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(pct=_pct, show=show, snippet=_snippet)
    env.globals.update(
        input_kind=input_kind, enums=ENUMS, scalar_entry=scalar_entry, list_columns=LIST_COLUMNS, quote=quote
    )
    return env


def _pct(value) -> str:
    return "-" if value is None else f"{float(value) * 100:.0f}%"


def show(value) -> str:
    """A value as plain text (the template escapes it): a list item by item, a party by its name."""
    if value is None or value == "":
        return "-"
    if isinstance(value, list):
        return "; ".join(show(item) for item in value) or "-"
    if isinstance(value, dict):
        return value.get("text") or value.get("name") or ", ".join(f"{k}: {v}" for k, v in value.items() if v)
    return str(value)


def _snippet(text: str) -> Markup:
    """A search snippet: escaped, with the matched words in <mark>."""
    start, end = HIGHLIGHT
    return Markup(str(escape(text)).replace(start, "<mark>").replace(end, "</mark>"))


async def guard_requests(request: Request, call_next) -> Response:
    """Host check, then (unless the path is open) the access token; a session cookie and the language."""
    guard = workspace(request).guard
    if not guard.host_ok(request):
        return secured(PlainTextResponse("unknown Host header: open the workspace by its address", 400))
    requested = request.query_params.get("lang")
    request.state.lang = language(requested or request.cookies.get(LANG_COOKIE))
    session = request.cookies.get(SESSION_COOKIE)
    request.state.session = session or new_session()
    refused = None if request.url.path.startswith(OPEN) else _token_refusal(request, guard)
    response = refused or await call_next(request)
    if not session:
        response.set_cookie(SESSION_COOKIE, request.state.session, httponly=True, samesite="strict")
    if requested and requested == request.state.lang:
        response.set_cookie(LANG_COOKIE, requested, samesite="strict")
    return secured(response)


def _token_refusal(request: Request, guard: Guard) -> Response | None:
    """None when the request carries the access token (or none is set), else where to go instead."""
    path = request.url.path
    query_token = request.query_params.get("token")
    if query_token is not None and request.method == "GET" and guard.token_ok(query_token):
        response = RedirectResponse(path, 303)  # the token leaves the address bar, a cookie keeps it
        response.set_cookie(TOKEN_COOKIE, query_token, httponly=True, samesite="strict")
        return response
    if guard.token_ok(request.cookies.get(TOKEN_COOKIE) or _bearer(request)):
        return None
    if request.method == "GET":
        return RedirectResponse(f"/login?next={quote(path)}", 303)
    return PlainTextResponse("the access token is missing or wrong: sign in again", 401)


def secured(response: Response) -> Response:
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization") or ""
    return header[7:] if header.lower().startswith("bearer ") else None


def local_target(target: str) -> str:
    """A redirect target on this server only ('/x', not '//evil.example' or 'https://...')."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/queue"


def analyst_of(request: Request) -> str:
    return unquote(request.cookies.get(ANALYST_COOKIE) or "") or default_analyst()
