"""The workspace's routes: queue, document view, page images, corrections, search, sign-in."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from pipeline.app import pages as page_images
from pipeline.app.i18n import language, translator
from pipeline.app.queue import SORTS, review_queue
from pipeline.app.security import (
    HEADERS,
    SESSION_COOKIE,
    TOKEN_COOKIE,
    CsrfError,
    Guard,
    new_session,
)
from pipeline.app.views import FACETS, LIST_COLUMNS, browse, document_view, input_kind, scalar_entry
from pipeline.corrections import (
    CORRECTABLE_FIELDS,
    ENUMS,
    LIST_CORRECTABLE,
    SCALAR_CORRECTABLE,
    CorrectionConflict,
    CorrectionError,
    add_checked_correction,
    default_analyst,
)
from pipeline.effective import effective_records
from pipeline.labels import flag_message
from pipeline.search import HIGHLIGHT, SearchError, SearchFilters, search

HERE = Path(__file__).parent
STATIC = {  # the only files served: a request names one of these, never a path
    "htmx.min.js": ("htmx.min.js", "text/javascript"),
    "app.js": ("app.js", "text/javascript"),
    "app.css": ("app.css", "text/css"),
    "icon.svg": ("icon.svg", "image/svg+xml"),
}
OPEN = ("/login", "/static/", "/favicon.ico")  # reachable without the access token
LANG_COOKIE = "kj_lang"
ANALYST_COOKIE = "kj_analyst"
MAX_LIST_ROWS = 500
SEARCH_LIMIT = 50
ACCEPTED_NOTE = "accepted: machine value confirmed"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(pct=_pct, show=_show, snippet=_snippet)
    env.globals.update(
        input_kind=input_kind, enums=ENUMS, scalar_entry=scalar_entry, list_columns=LIST_COLUMNS, quote=quote
    )
    return env


def _pct(value) -> str:
    return "-" if value is None else f"{float(value) * 100:.0f}%"


def _show(value) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, list):
        return "; ".join(_show(item) for item in value) or "-"
    if isinstance(value, dict):
        return value.get("text") or value.get("name") or ", ".join(f"{k}: {v}" for k, v in value.items() if v)
    return str(value)


def _snippet(text: str) -> Markup:
    """A search snippet: escaped, with the matched words in <mark>."""
    start, end = HIGHLIGHT
    return Markup(str(escape(text)).replace(start, "<mark>").replace(end, "</mark>"))


def build(store, settings, *, token: str | None, allowed_hosts: set[str]) -> FastAPI:
    guard = Guard(token=token, allowed_hosts=allowed_hosts)
    env = environment()
    cache_dir = Path(settings.home) / "cache" / "pages"
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, title="Kerjasama")

    @app.middleware("http")
    async def guarded(request: Request, call_next):
        if not guard.host_ok(request):
            return _headers(PlainTextResponse("unknown Host header: open the workspace by its address", 400))
        requested = request.query_params.get("lang")
        request.state.lang = language(requested or request.cookies.get(LANG_COOKIE))
        session = request.cookies.get(SESSION_COOKIE)
        request.state.session = session or new_session()
        path = request.url.path
        if not path.startswith(OPEN):
            offered = request.cookies.get(TOKEN_COOKIE) or _bearer(request)
            query_token = request.query_params.get("token")
            if query_token is not None and guard.token_ok(query_token) and request.method == "GET":
                response: Response = RedirectResponse(path, 303)  # the token leaves the address bar
                response.set_cookie(TOKEN_COOKIE, query_token, httponly=True, samesite="strict")
                return _headers(response)
            if not guard.token_ok(offered):
                if request.method == "GET":
                    return _headers(RedirectResponse(f"/login?next={quote(path)}", 303))
                return _headers(PlainTextResponse("the access token is missing or wrong: sign in again", 401))
        response = await call_next(request)
        if not session:
            response.set_cookie(SESSION_COOKIE, request.state.session, httponly=True, samesite="strict")
        if requested and requested == request.state.lang:
            response.set_cookie(LANG_COOKIE, requested, samesite="strict")
        return _headers(response)

    def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        t = translator(request.state.lang)
        lang = request.state.lang
        html = env.get_template(name).render(
            t=t,
            flag_text=lambda flag: flag_message(flag["code"], flag["message"], lang),
            lang=lang,
            csrf=guard.csrf_token(request.state.session),
            analyst=_analyst(request),
            path=request.url.path,
            **context,
        )
        return HTMLResponse(html, status)

    @app.exception_handler(CsrfError)
    async def csrf_refused(request: Request, exc: CsrfError):
        return render(request, "message.html.j2", 403, title="CSRF", message=str(exc))

    @app.get("/")
    def home():
        return RedirectResponse("/queue", 303)

    @app.get("/favicon.ico")
    def favicon():
        return RedirectResponse("/static/icon.svg", 301)

    @app.get("/queue")
    def queue(request: Request, sort: str = "confidence", order: str = "asc"):
        records = effective_records(store, expiring_days=settings.expiring_days)
        items = review_queue(records, settings.review_threshold, sort, order == "desc")
        waiting = {item.sha256 for item in items}
        return render(
            request,
            "queue.html.j2",
            items=items,
            sort=sort if sort in SORTS else "confidence",
            order=order,
            sorts=SORTS,
            documents=len(records),
            reviewed=len(records) - len(waiting),
        )

    def _document(request: Request, sha: str, status: int = 200, **context) -> Response:
        view = document_view(store, settings, sha) if page_images.SHA256.match(sha) else None
        if view is None:
            return render(
                request, "message.html.j2", 404, title="404", message=f"no stored document {sha[:64]}"
            )
        return render(request, "document.html.j2", status, doc=view, **context)

    @app.get("/doc/{sha}")
    def document(request: Request, sha: str, saved: str | None = None):
        return _document(request, sha, saved=saved if saved in CORRECTABLE_FIELDS else None)

    @app.get("/doc/{sha}/page/{number}.png")
    def page_image(sha: str, number: int, dpi: int = page_images.DEFAULT_DPI):
        try:
            page_images.cache_path(cache_dir, sha, number, dpi)  # validates before any look-up
            archive = store.archive_path(sha)
            data = page_images.page_png(cache_dir, sha, number, dpi, archive)
        except page_images.PageNotFound as exc:
            return PlainTextResponse(f"no page image: {exc}", 404)
        return Response(data, media_type="image/png", headers={"cache-control": "private, max-age=86400"})

    @app.get("/doc/{sha}/original")
    def original(sha: str):
        if not page_images.SHA256.match(sha):
            return PlainTextResponse("no such document", 404)
        document = store.document(sha)
        if document is None or not document.archive_path or not Path(document.archive_path).is_file():
            return PlainTextResponse("the archived original of this document is missing", 404)
        return FileResponse(document.archive_path, filename=Path(document.filename).name)

    async def _save(request: Request, sha: str, field: str, accept: bool) -> Response:
        form = await guard.verified_form(request)
        if not page_images.SHA256.match(sha) or store.document(sha) is None:
            return render(request, "message.html.j2", 404, title="404", message="no such document")
        if field not in CORRECTABLE_FIELDS:
            return _document(request, sha, 400, error=f"'{field[:40]}' is not a field that can be corrected")
        try:
            version = int(str(form.get("version") or "0"))
        except ValueError:
            version = -1
        try:
            value = _current_value(store, settings, sha, field) if accept else _form_value(field, form)
            note = ACCEPTED_NOTE if accept else (str(form.get("note") or "").strip() or None)
            add_checked_correction(store, sha, field, value, version, analyst=_analyst(request), note=note)
        except CorrectionConflict as exc:
            return _document(request, sha, 409, error=str(exc), conflict=True)
        except CorrectionError as exc:
            return _document(request, sha, 400, error=str(exc))
        return RedirectResponse(f"/doc/{sha}?saved={field}#field-{field}", 303)

    @app.post("/doc/{sha}/correct/{field}")
    async def correct(request: Request, sha: str, field: str):
        return await _save(request, sha, field, accept=False)

    @app.post("/doc/{sha}/accept/{field}")
    async def accept(request: Request, sha: str, field: str):
        return await _save(request, sha, field, accept=True)

    @app.get("/search")
    def find(request: Request, q: str = "", type: str = "", flag: str = "", partner: str = "",
             year: str = "", status: str = ""):  # fmt: skip
        chosen = {"type": type, "flag": flag, "partner": partner, "year": year, "status": status}
        records, counts = browse(store, settings, chosen)
        hits, every_term, error = [], True, None
        if q.strip():
            allowed = {record["document"]["sha256"] for record in records}
            try:
                result = search(
                    store, q, SearchFilters(), limit=SEARCH_LIMIT, expiring_days=settings.expiring_days
                )
                hits, every_term = [hit for hit in result.hits if hit.sha256 in allowed], result.every_term
            except SearchError as exc:
                error = str(exc)
        return render(request, "search.html.j2", q=q, chosen=chosen, records=records, counts=counts,
                      facets=FACETS, hits=hits, every_term=every_term, error=error)  # fmt: skip

    @app.get("/export.xlsx")
    def export(request: Request):
        """The Excel export of the effective records, in the interface's language."""
        import tempfile

        from pipeline.export import export_store

        with tempfile.TemporaryDirectory(prefix="kerjasama-export-") as folder:
            out = Path(folder) / "kerjasama.xlsx"
            export_store(
                store, out, "xlsx", settings.review_threshold, settings.expiring_days, request.state.lang
            )
            data = out.read_bytes()
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disposition = 'attachment; filename="kerjasama.xlsx"'
        return Response(data, media_type=media, headers={"content-disposition": disposition})

    @app.post("/analyst")
    async def set_analyst(request: Request):
        form = await guard.verified_form(request)
        name = " ".join(str(form.get("analyst") or "").split())[:64]
        back = _local(str(form.get("next") or "/queue"))
        response = RedirectResponse(back, 303)
        response.set_cookie(ANALYST_COOKIE, quote(name), samesite="strict", httponly=True)
        return response

    @app.get("/login")
    def login_page(request: Request, next: str = "/queue"):
        return render(request, "login.html.j2", next=_local(next), wrong=False)

    @app.post("/login")
    async def login(request: Request):
        form = await guard.verified_form(request)
        offered = str(form.get("token") or "")
        if not guard.token_ok(offered):
            return render(
                request, "login.html.j2", 401, next=_local(str(form.get("next") or "/")), wrong=True
            )
        response = RedirectResponse(_local(str(form.get("next") or "/queue")), 303)
        response.set_cookie(TOKEN_COOKIE, offered, httponly=True, samesite="strict")
        return response

    @app.get("/static/{name}")
    def static(name: str):
        if name not in STATIC:
            return PlainTextResponse("not found", 404)
        filename, media = STATIC[name]
        data = (HERE / "static" / filename).read_bytes()
        return Response(data, media_type=media, headers={"cache-control": "public, max-age=3600"})

    return app


def _headers(response: Response) -> Response:
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization") or ""
    return header[7:] if header.lower().startswith("bearer ") else None


def _local(target: str) -> str:
    """A redirect target on this server only ('/x', not '//evil.example' or 'https://...')."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/queue"


def _analyst(request: Request) -> str:
    from urllib.parse import unquote

    return unquote(request.cookies.get(ANALYST_COOKIE) or "") or default_analyst()


def _current_value(store, settings, sha: str, field: str):
    """The value the document view shows, which 'accept' confirms."""
    from pipeline.effective import effective_record_of

    record = effective_record_of(store, sha, expiring_days=settings.expiring_days)
    if record is None:
        raise CorrectionError("no such document")
    if field in LIST_CORRECTABLE:
        return [item["value"] for item in record[field] if item["value"] is not None]
    return scalar_entry(record, field)["value"]


def _form_value(field: str, form):
    if field in SCALAR_CORRECTABLE:
        return str(form.get("value") or "")
    columns = LIST_COLUMNS[field]
    try:
        rows = min(MAX_LIST_ROWS, int(str(form.get("rows") or "0")))
    except ValueError as exc:
        raise CorrectionError("the form is damaged (rows): reload the page") from exc
    items: list = []
    for index in range(rows):
        if form.get(f"remove-{index}"):
            continue
        if not columns:
            text = str(form.get(f"value-{index}") or "").strip()
            if text:
                items.append(text)
            continue
        item: dict = {name: str(form.get(f"{name}-{index}") or "").strip() or None for name in columns}
        if not any(item.values()):
            continue  # the empty row for adding one, left empty
        if field == "parties":
            order = str(form.get(f"order-{index}") or "")
            item["order"] = int(order) if order.isdigit() else None
        items.append(item)
    return items
