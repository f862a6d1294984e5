"""The other routes: home, search with facets, the Excel export, sign-in, the analyst's name, static files."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from pipeline.analyst.app.queue import document_queue
from pipeline.analyst.app.security import TOKEN_COOKIE
from pipeline.analyst.app.views import FACETS, browse
from pipeline.analyst.app.web import ANALYST_COOKIE, HERE, local_target, workspace
from pipeline.analyst.search import SearchError, SearchFilters, search
from pipeline.store.partners import own_names

STATIC = {  # the only files served: a request names one of these, never a path
    "htmx.min.js": ("htmx.min.js", "text/javascript"),
    "app.js": ("app.js", "text/javascript"),
    "app.css": ("app.css", "text/css"),
    "icon.svg": ("icon.svg", "image/svg+xml"),
}
SEARCH_LIMIT = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter()


@router.get("/")
def home():
    return RedirectResponse("/queue", 303)


@router.get("/favicon.ico")
def favicon():
    return RedirectResponse("/static/icon.svg", 301)


@router.get("/search")
def find(request: Request, q: str = "", type: str = "", flag: str = "", partner: str = "",
         year: str = "", status: str = ""):  # fmt: skip
    """Facets over the effective records; with words, the matching pages and record fields among them."""
    ws = workspace(request)
    chosen = {"type": type, "flag": flag, "partner": partner, "year": year, "status": status}
    records, counts = browse(ws.store, ws.settings, chosen)
    hits, every_term, error = [], True, None
    if q.strip():
        allowed = {record["document"]["sha256"] for record in records}
        try:
            days = ws.settings.expiring_days
            result = search(ws.store, q, SearchFilters(), limit=SEARCH_LIMIT, expiring_days=days)
            hits, every_term = [hit for hit in result.hits if hit.sha256 in allowed], result.every_term
        except SearchError as exc:
            error = str(exc)
    threshold = ws.settings.review_threshold
    reviewed = {r["document"]["sha256"] for r in records if not document_queue(r, threshold)}
    return ws.render(request, "search.html.j2", q=q, chosen=chosen, records=records, counts=counts,
                     facets=FACETS, hits=hits, every_term=every_term, error=error,
                     reviewed=reviewed)  # fmt: skip


@router.get("/export.xlsx")
def export(request: Request):
    """The Excel export of the effective records, in the interface's language."""
    from pipeline.analyst.export import export_store

    ws = workspace(request)
    with tempfile.TemporaryDirectory(prefix="kerjasama-export-") as folder:
        out = Path(folder) / "kerjasama.xlsx"
        settings = ws.settings
        own = own_names(settings.own_institution)
        threshold, days = settings.review_threshold, settings.expiring_days
        export_store(ws.store, out, "xlsx", threshold, days, lang=request.state.lang, own=own)
        data = out.read_bytes()
    return Response(
        data, media_type=XLSX, headers={"content-disposition": 'attachment; filename="kerjasama.xlsx"'}
    )


@router.post("/analyst")
async def set_analyst(request: Request):
    form = await workspace(request).guard.verified_form(request)
    name = " ".join(str(form.get("analyst") or "").split())[:64]
    response = RedirectResponse(local_target(str(form.get("next") or "/queue")), 303)
    response.set_cookie(ANALYST_COOKIE, quote(name), samesite="strict", httponly=True)
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/queue"):
    return workspace(request).render(request, "login.html.j2", next=local_target(next), wrong=False)


@router.post("/login")
async def login(request: Request):
    ws = workspace(request)
    form = await ws.guard.verified_form(request)
    offered, target = str(form.get("token") or ""), local_target(str(form.get("next") or "/queue"))
    if not ws.guard.token_ok(offered):
        return ws.render(request, "login.html.j2", 401, next=target, wrong=True)
    response = RedirectResponse(target, 303)
    response.set_cookie(TOKEN_COOKIE, offered, httponly=True, samesite="strict")
    return response


@router.get("/static/{name}")
def static(name: str):
    if name not in STATIC:
        return PlainTextResponse("not found", 404)
    filename, media = STATIC[name]
    data = (HERE / "static" / filename).read_bytes()
    return Response(data, media_type=media, headers={"cache-control": "public, max-age=3600"})
