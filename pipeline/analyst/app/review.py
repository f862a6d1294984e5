"""The review routes: the queue, a document on its page images, page images, the original, corrections."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response

from pipeline.analyst.app import pages as page_images
from pipeline.analyst.app.queue import SORTS, review_queue
from pipeline.analyst.app.views import LIST_COLUMNS, document_view, scalar_entry
from pipeline.analyst.app.web import analyst_of, workspace
from pipeline.analyst.corrections import CorrectionConflict, CorrectionError, add_checked_correction
from pipeline.store.effective import effective_record_of, effective_records
from pipeline.store.models import CORRECTABLE_FIELDS, LIST_CORRECTABLE, SCALAR_CORRECTABLE

MAX_LIST_ROWS = 500
ACCEPTED_NOTE = "accepted: machine value confirmed"

router = APIRouter()


@router.get("/queue")
def queue(request: Request, sort: str = "confidence", order: str = "asc"):
    ws = workspace(request)
    records = effective_records(ws.store, expiring_days=ws.settings.expiring_days)
    items = review_queue(records, ws.settings.review_threshold, sort, order == "desc")
    waiting = {item.sha256 for item in items}
    return ws.render(request, "queue.html.j2", items=items, sort=sort if sort in SORTS else "confidence",
                     order=order, documents=len(records), reviewed=len(records) - len(waiting))  # fmt: skip


def _document(request: Request, sha: str, status: int = 200, **context) -> Response:
    ws = workspace(request)
    view = document_view(ws.store, ws.settings, sha) if page_images.SHA256.match(sha) else None
    if view is None:
        return ws.message(request, 404, f"no stored document {sha[:64]}")
    return ws.render(request, "document.html.j2", status, doc=view, **context)


@router.get("/doc/{sha}")
def document(request: Request, sha: str, saved: str | None = None):
    return _document(request, sha, saved=saved if saved in CORRECTABLE_FIELDS else None)


@router.get("/doc/{sha}/page/{number}.png")
def page_image(request: Request, sha: str, number: int, dpi: int = page_images.DEFAULT_DPI):
    ws = workspace(request)
    try:
        page_images.cache_path(ws.cache_dir, sha, number, dpi)  # validates before any look-up
        data = page_images.page_png(ws.cache_dir, sha, number, dpi, ws.store.archive_path(sha))
    except page_images.PageNotFound as exc:
        return PlainTextResponse(f"no page image: {exc}", 404)
    return Response(data, media_type="image/png", headers={"cache-control": "private, max-age=86400"})


@router.get("/doc/{sha}/original")
def original(request: Request, sha: str):
    document = workspace(request).store.document(sha) if page_images.SHA256.match(sha) else None
    if document is None or not document.archive_path or not Path(document.archive_path).is_file():
        return PlainTextResponse("no archived original of this document", 404)
    return FileResponse(document.archive_path, filename=Path(document.filename).name)


@router.post("/doc/{sha}/correct/{field}")
async def correct(request: Request, sha: str, field: str):
    return await _save(request, sha, field, accept=False)


@router.post("/doc/{sha}/accept/{field}")
async def accept(request: Request, sha: str, field: str):
    return await _save(request, sha, field, accept=True)


async def _save(request: Request, sha: str, field: str, accept: bool) -> Response:
    """Store one correction (or acceptance) if the field is still at the version the form was made from."""
    ws = workspace(request)
    form = await ws.guard.verified_form(request)
    if not page_images.SHA256.match(sha) or ws.store.document(sha) is None:
        return ws.message(request, 404, "no such document")
    if field not in CORRECTABLE_FIELDS:
        return _document(request, sha, 400, error=f"'{field[:40]}' is not a field that can be corrected")
    version = int(str(form.get("version") or "0")) if str(form.get("version") or "0").isdigit() else -1
    try:
        value = _current_value(ws, sha, field) if accept else _form_value(field, form)
        note = ACCEPTED_NOTE if accept else (str(form.get("note") or "").strip() or None)
        add_checked_correction(ws.store, sha, field, value, version, analyst=analyst_of(request), note=note)
    except CorrectionConflict as exc:
        return _document(request, sha, 409, error=str(exc), conflict=True)
    except CorrectionError as exc:
        return _document(request, sha, 400, error=str(exc))
    return RedirectResponse(f"/doc/{sha}?saved={field}#field-{field}", 303)


def _current_value(ws, sha: str, field: str):
    """The value the document view shows, which 'accept' confirms."""
    record = effective_record_of(ws.store, sha, expiring_days=ws.settings.expiring_days)
    if record is None:
        raise CorrectionError("no such document")
    if field in LIST_CORRECTABLE:
        return [item["value"] for item in record[field] if item["value"] is not None]
    return scalar_entry(record, field)["value"]


def _form_value(field: str, form):
    """The corrected value a form posted: the text of a scalar field, or the whole list of a list field
    (rows `<column>-<i>`; ticked `remove-<i>` and empty rows left out)."""
    if field in SCALAR_CORRECTABLE:
        return str(form.get("value") or "")
    rows = str(form.get("rows") or "0")
    if not rows.isdigit():
        raise CorrectionError("the form is damaged (rows): reload the page")
    items = [_row(field, form, index) for index in range(min(MAX_LIST_ROWS, int(rows)))]
    return [item for item in items if item]


def _row(field: str, form, index: int):
    if form.get(f"remove-{index}"):
        return None
    columns = LIST_COLUMNS[field]
    if not columns:
        return str(form.get(f"value-{index}") or "").strip() or None
    item: dict = {name: str(form.get(f"{name}-{index}") or "").strip() or None for name in columns}
    if not any(item.values()):
        return None  # the empty row for adding one, left empty
    if field == "parties":
        order = str(form.get(f"order-{index}") or "")
        item["order"] = int(order) if order.isdigit() else None
    return item
