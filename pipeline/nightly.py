"""Nightly batch logic: re-extract outdated records from stored text, refresh date flags, report, export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pipeline import PIPELINE_VERSION
from pipeline.run import build_record
from pipeline.settings import Settings
from pipeline.store import Store
from schemas.record import DocumentInfo, Record

log = logging.getLogger(__name__)

PARTIAL = "partial: "
EXPORT_NAME = "kerjasama.xlsx"


def reextract(sha256: str, store: Store, settings: Settings, today: date | None = None) -> Record:
    """A current-version record for a stored document, from its stored page text (no OCR, no file access)."""
    document = store.document(sha256)
    if document is None:
        raise KeyError(f"{sha256[:12]}: no such document in the store")
    pages = store.load_pages(sha256)
    if not pages:
        raise ValueError(f"{document.filename} ({sha256[:12]}): no stored page text to re-extract from")
    previous = store.find_record(sha256)
    info = DocumentInfo(
        sha256=sha256,
        filename=document.filename,
        bytes=document.bytes,
        pages=document.pages,
        text_source=document.text_source,  # type: ignore[arg-type]
        ocr_mean_confidence=document.ocr_mean_confidence,
        pipeline_version=PIPELINE_VERSION,
    )
    errors = _partial_errors(previous.record) if previous else []
    record = build_record(info, pages, today=today, settings=settings, errors=errors)
    store.save(record)
    log.info("re-extracted %s (%s) with pipeline %s", document.filename, sha256[:12], PIPELINE_VERSION)
    return record


def _partial_errors(record: dict) -> list[str]:
    """Page failures noted when the file was read: they still hold for the re-extracted record."""
    return [
        r.removeprefix(PARTIAL) for r in record.get("review", {}).get("reasons", []) if r.startswith(PARTIAL)
    ]


def reextract_outdated(store: Store, settings: Settings, today: date | None = None) -> dict:
    """Re-extract each document lacking a record of this version; failures are counted, not raised."""
    done, failed = [], []
    for sha256 in store.outdated(PIPELINE_VERSION):
        try:
            reextract(sha256, store, settings, today)
            done.append(sha256)
        except Exception as exc:  # one bad document never fails the batch
            log.exception("re-extraction of %s failed", sha256[:12])
            failed.append({"sha256": sha256, "error": f"{type(exc).__name__}: {exc}"})
    return {"reextracted": len(done), "failed": failed}


def refresh_flags(store: Store, settings: Settings, today: date | None = None) -> dict:
    """Recompute the flags of every latest record against `today` (EXPIRED / EXPIRING_SOON move with time)."""
    from extractors.checks import compute_flags

    today = today or date.today()
    changed: list[str] = []
    rows = store.latest_records()
    for row in rows:
        record = Record.model_validate(row.record)
        pages = store.load_pages(row.sha256)
        flags = compute_flags(
            record,
            pages,
            today=today,
            expiring_days=settings.expiring_days,
            low_ocr_confidence=settings.low_ocr_confidence,
        )
        if _codes(flags) != _codes(record.flags):
            log.info("%s: flags %s -> %s", row.sha256[:12], _codes(record.flags), _codes(flags))
            changed.append(row.sha256)
        record.flags = flags
        store.update_record(row.id, record)
    return {"checked": len(rows), "flags_changed": len(changed), "changed": changed}


def _codes(flags) -> list[str]:
    return sorted(flag.code for flag in flags)


def write_outputs(store: Store, settings: Settings) -> dict:
    """The quality report (when the report module is installed) and the Excel export, in reports/."""
    reports = settings.reports_dir
    assert reports is not None
    reports.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, str | None] = {"report": None}
    try:
        from pipeline.report import write_report
    except ImportError as exc:
        log.warning("quality report skipped: pipeline.report is not available (%s)", exc)
    else:
        outputs["report"] = str(write_report(store, settings))
    outputs["export"] = str(_export(store, settings, reports / EXPORT_NAME))
    return outputs


def _export(store: Store, settings: Settings, out: Path) -> Path:
    try:
        from pipeline.export import export_store  # corrections applied, when that module has them
    except ImportError:
        from pipeline.export import write_export

        return write_export([row.record for row in store.latest_records()], out, "xlsx")[0]
    return export_store(store, out, "xlsx", settings.review_threshold)[0]


def run_nightly(
    store: Store, settings: Settings, sweep: Callable[[], dict], today: date | None = None
) -> dict:
    """The whole nightly batch without Prefect: sweep the intake, re-extract, refresh flags, write outputs."""
    summary = {"intake": sweep()}
    summary.update(reextract_outdated(store, settings, today))
    summary.update(refresh_flags(store, settings, today))
    summary.update(write_outputs(store, settings))
    return summary
