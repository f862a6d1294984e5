"""Collects what the analyst report shows from the store: run summary, coverage, flags, review queue."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import select

from pipeline.analyst.export import review_rows
from pipeline.analyst.report.accuracy import SAMPLE_LABELS, GoldSource, gold_sources
from pipeline.analyst.report.crops import crop_data_uri
from pipeline.analyst.report.portfolio import PortfolioView, portfolio_view
from pipeline.store.corrected import corrections_by_document
from pipeline.store.effective import effective_record
from pipeline.store.models import CORRECTABLE_FIELDS, Document, PageRow
from schemas.record import LIST_FIELDS, SCALAR_FIELDS

FLAG_SECTIONS = ("NO_DETAILED_WORKPLAN", "EXPIRED", "EXPIRING_SOON", "MISSING_SECTION")
MAX_CROPS = 200  # page crops embedded in the review queue (about 20-40 kB each)


@dataclass
class DocumentView:
    """One stored agreement as the report shows it: the corrected record plus where its original is."""

    sha256: str
    filename: str
    record: dict  # corrections applied; record["corrections"] holds the machine values
    archive_path: str | None
    pages: dict[int, dict]  # page number -> {"source", "width", "height"}

    @property
    def anchor(self) -> str:
        return f"doc-{self.sha256[:12]}"


@dataclass
class ReportData:
    generated_at: datetime
    threshold: float
    expiring_days: int
    documents: list[DocumentView]
    summary: dict
    coverage: list[dict]
    accuracy: list[GoldSource]
    flags: dict[str, list[dict]]
    queue: list[dict]
    corrections: list[dict] = field(default_factory=list)
    portfolio: PortfolioView | None = None  # per partner and year, the unfollowed, counts by status


def collect(
    store,
    settings,
    gold_dirs: list[Path] | None = None,
    sample_labels: Path | None = SAMPLE_LABELS,
    crops: bool = True,
) -> ReportData:
    """Read everything the report needs in a few queries; crops are rendered from archived originals."""
    rows = store.latest_records()
    corrections = corrections_by_document(store)
    documents = _documents(store, rows, corrections, settings.expiring_days)
    queue = review_queue(documents, settings.review_threshold, settings.dpi if crops else None)
    return ReportData(
        generated_at=datetime.now().astimezone(),
        threshold=settings.review_threshold,
        expiring_days=settings.expiring_days,
        documents=documents,
        summary=run_summary(store, documents),
        coverage=coverage([d.record for d in documents]),
        accuracy=gold_sources([row.record for row in rows], corrections, gold_dirs or [], sample_labels),
        flags=flag_sections(documents),
        queue=queue,
        corrections=[
            {"doc": d, "field": k, **v} for d in documents for k, v in d.record["corrections"].items()
        ],
        portfolio=portfolio_view(store, settings),
    )


def _documents(store, rows, corrections: dict[str, list], expiring_days: int) -> list[DocumentView]:
    with store.sessions() as session:
        archive = dict(session.execute(select(Document.sha256, Document.archive_path)).all())
        pages: dict[str, dict[int, dict]] = {}
        for row in session.scalars(select(PageRow)):
            layout = row.layout or {}
            pages.setdefault(row.sha256, {})[row.number] = {
                "source": row.source,
                "width": layout.get("width"),
                "height": layout.get("height"),
            }
    views = [
        DocumentView(
            row.sha256,
            row.record["document"]["filename"],
            effective_record(
                row.record,
                corrections.get(row.sha256, []),
                expiring_days=expiring_days,
                pages=partial(store.load_pages, row.sha256),
            ),
            archive.get(row.sha256),
            pages.get(row.sha256, {}),
        )
        for row in rows
    ]
    return sorted(views, key=lambda view: view.filename.casefold())


def run_summary(store, documents: list[DocumentView]) -> dict:
    """Counts for the run summary: documents, pages by source, OCR confidence, outcomes, timings."""
    with store.sessions() as session:
        page_rows = list(session.execute(select(PageRow.source, PageRow.ocr_confidence)).all())
    events = store.events()
    outcomes = Counter(event.outcome for event in events)
    seconds = [
        event.seconds for event in events if event.seconds is not None and event.outcome == "processed"
    ]
    sources = Counter(doc.record["document"]["text_source"] for doc in documents)
    return {
        "documents": len(documents),
        "pages": len(page_rows),
        "pages_by_source": Counter(source for source, _ in page_rows),
        "documents_by_source": sources,
        "ocr_confidences": [conf for source, conf in page_rows if source == "ocr" and conf is not None],
        "outcomes": outcomes,
        "failures": [e for e in events if e.outcome not in ("processed", "duplicate")],
        "reasons": Counter(
            (e.reason or "tidak diketahui").split(":")[0] for e in events if e.outcome == "quarantined"
        ),
        "duplicates": [e for e in events if e.outcome == "duplicate"],
        "timing": _timing(seconds),
        "runs": store.runs()[-10:][::-1],
        "needs_review": sum(1 for doc in documents if doc.record["review"]["needs_review"]),
    }


def _timing(seconds: list[float]) -> dict:
    if not seconds:
        return {}
    return {
        "count": len(seconds),
        "total": sum(seconds),
        "mean": statistics.fmean(seconds),
        "median": statistics.median(seconds),
        "max": max(seconds),
    }


def coverage(records: list[dict]) -> list[dict]:
    """Per field: share of documents where it was found, and the confidences it was found with."""
    result = []
    total = len(records) or 1
    for name in SCALAR_FIELDS:
        found = [r[name]["confidence"] for r in records if r[name]["value"] is not None]
        result.append({"field": name, "found": len(found), "share": len(found) / total, "confidences": found})
    for name in LIST_FIELDS:
        found = [r for r in records if any(item["value"] is not None for item in r[name])]
        confidences = [item["confidence"] for r in records for item in r[name] if item["value"] is not None]
        result.append(
            {"field": name, "found": len(found), "share": len(found) / total, "confidences": confidences}
        )
    return result


def flag_sections(documents: list[DocumentView]) -> dict[str, list[dict]]:
    """Flagged agreements per flag code (other codes under "OTHER"), each with the flag's evidence."""
    sections: dict[str, list[dict]] = {code: [] for code in (*FLAG_SECTIONS, "OTHER")}
    for doc in documents:
        for flag in doc.record["flags"]:
            code = flag["code"] if flag["code"] in sections else "OTHER"
            sections[code].append({"doc": doc, "flag": flag, "evidence": flag.get("evidence") or []})
    return sections


def review_queue(documents: list[DocumentView], threshold: float, dpi: int | None) -> list[dict]:
    """Fields under the confidence threshold (or named in review reasons), lowest first, with evidence crops.

    Crops are made for the first MAX_CROPS items only (they are what makes the file large), one
    document at a time so each page is rendered once.
    """
    queue = [
        {"doc": doc, **row, "crop": None}
        for doc in documents
        for row in review_rows(doc.record, threshold)
        if row["field"] in CORRECTABLE_FIELDS
    ]
    queue.sort(key=lambda item: (item["confidence"], item["doc"].filename))
    if dpi:
        for item in sorted(queue[:MAX_CROPS], key=lambda item: (item["doc"].sha256, item.get("page") or 0)):
            item["crop"] = _crop(item, dpi)
    return queue


def _crop(item: dict, dpi: int) -> str | None:
    doc, number = item["doc"], item.get("page")
    if not number:
        return None
    page = doc.pages.get(number, {})
    size = (page.get("width"), page.get("height"))
    return crop_data_uri(doc.archive_path, number, item.get("bbox"), size, page.get("source", "ocr"), dpi)
