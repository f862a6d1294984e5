"""What the document view and the search page show, gathered from the store (no HTTP here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pipeline.analyst.app.queue import document_queue
from pipeline.analyst.corrections import ENUMS, field_versions
from pipeline.analyst.search import status_of
from pipeline.store.effective import effective_record_of, effective_records
from pipeline.store.links import links_of
from pipeline.store.models import LIST_CORRECTABLE, SCALAR_CORRECTABLE, Document, PageRow
from pipeline.text.pagerender import IMAGE_SUFFIXES

LIST_COLUMNS = {
    "numbers": (),
    "scope": (),
    "parties": ("name", "role", "representative", "position"),
    "obligations": ("party", "text"),
}
BOX_FIELDS = SCALAR_CORRECTABLE + LIST_CORRECTABLE
PAGE_SUFFIXES = (".pdf", *IMAGE_SUFFIXES)


@dataclass
class PageView:
    number: int
    width: float | None
    height: float | None
    source: str
    text: str
    boxes: list[dict]  # {"field", "x", "y", "w", "h", "text"}


@dataclass
class DocumentView:
    sha256: str
    record: dict
    versions: dict[str, int]  # field -> id of its newest correction (0: none)
    queue: list
    pages: list[PageView]
    archive_path: str | None
    links: list[dict]

    @property
    def filename(self) -> str:
        return self.record["document"]["filename"]

    @property
    def has_images(self) -> bool:
        """Its pages can be drawn: the archived original is there and is a PDF or an image (not DOCX)."""
        path = Path(self.archive_path) if self.archive_path else None
        return path is not None and path.suffix.lower() in PAGE_SUFFIXES and path.is_file()


def scalar_entry(record: dict, field: str) -> dict:
    if field == "duration_months":
        duration = record["duration"]
        return {**duration, "value": (duration["value"] or {}).get("months")}
    return record[field]


def input_kind(field: str) -> str:
    if field in ENUMS:
        return "select"
    if field.endswith("_date"):
        return "date"
    return "number" if field == "duration_months" else "text"


def document_view(store, settings, sha256: str) -> DocumentView | None:
    record = effective_record_of(store, sha256, expiring_days=settings.expiring_days)
    if record is None:
        return None
    versions = {field: row.id for field, row in field_versions(store, sha256).items()}
    with store.sessions() as session:
        document = session.get(Document, sha256)
        rows = list(session.scalars(select(PageRow).where(PageRow.sha256 == sha256).order_by(PageRow.number)))
        pages = [_page_view(row, record) for row in rows]
        archive = document.archive_path if document else None
        names = dict(session.execute(select(Document.sha256, Document.filename)).all())
    links = [
        {
            "sha256": link.parent_sha256 if link.child_sha256 == sha256 else link.child_sha256,
            "filename": names.get(link.parent_sha256 if link.child_sha256 == sha256 else link.child_sha256),
            "direction": "parent" if link.child_sha256 == sha256 else "child",
            "confidence": link.confidence,
        }
        for link in links_of(store, sha256)
        if link.confidence > 0  # an analyst's rejection
    ]
    queue = document_queue(record, settings.review_threshold)
    return DocumentView(sha256, record, versions, queue, pages, archive, links)


def _page_view(row: PageRow, record: dict) -> PageView:
    layout = row.layout or {}
    boxes = []
    for field in BOX_FIELDS:
        entries = record[field] if field in LIST_CORRECTABLE else [scalar_entry(record, field)]
        for entry in entries:
            for evidence in entry.get("evidence") or []:
                if evidence.get("page") == row.number and evidence.get("bbox"):
                    x0, y0, x1, y1 = evidence["bbox"]
                    boxes.append(
                        {
                            "field": field,
                            "x": x0,
                            "y": y0,
                            "w": x1 - x0,
                            "h": y1 - y0,
                            "text": evidence["text"],
                        }
                    )
    return PageView(row.number, layout.get("width"), layout.get("height"), row.source, row.text, boxes)


# search page facets -----------------------------------------------------------------------------
FACETS = ("type", "flag", "partner", "year", "status")


def facet_values(record: dict, today: date, expiring_days: int) -> dict[str, set[str]]:
    signed = record["signing_date"]["value"] or ""
    return {
        "type": {record["doc_type"]["value"] or "-"},
        "flag": {flag["code"] for flag in record["flags"]},
        "partner": {p["value"]["name"] for p in record["parties"] if p.get("value")},
        "year": {signed[:4]} if signed else {"-"},
        "status": {status_of(record["expiry_date"]["value"], today, expiring_days)},
    }


def browse(store, settings, chosen: dict[str, str], today: date | None = None):
    """(records passing every chosen facet, {facet: Counter of its values over the records passing the
    other facets})."""
    today = today or date.today()
    records = effective_records(store, today=today, expiring_days=settings.expiring_days)
    values = [(record, facet_values(record, today, settings.expiring_days)) for record in records]

    def passes(facets: dict[str, set[str]], skip: str | None = None) -> bool:
        return all(value in facets[name] for name, value in chosen.items() if value and name != skip)

    counts = {
        name: Counter(v for _, facets in values if passes(facets, name) for v in facets[name])
        for name in FACETS
    }
    kept = [record for record, facets in values if passes(facets)]
    return kept, counts
