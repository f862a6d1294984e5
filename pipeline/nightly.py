"""Nightly batch logic: re-extract outdated records from stored text, refresh date flags, report, export;
re-read stored documents from their archived originals (operators' `--reprocess`, `--reocr-failed`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pipeline import PIPELINE_VERSION
from pipeline.document import build_record, extract_document, sha256_file
from pipeline.errors import EnvironmentFault, KerjasamaError
from pipeline.outcome import Outcome, failed, skipped
from pipeline.run import fault_of
from pipeline.settings import Settings
from pipeline.store.database import Store
from pipeline.store.models import PageRow
from pipeline.store.portfolio import child_types, follow_up_flags, newest_effective
from schemas.pages import OCR_FAILED_NOTE
from schemas.record import DocumentInfo, Flag, Record
from schemas.status import ErrorCategory, ErrorItem, OutcomeKind, Stage

log = logging.getLogger(__name__)

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


def _partial_errors(record: dict) -> list[ErrorItem]:
    """Page failures noted when the file was read: they still hold for the re-extracted record."""
    return page_failures(Record.model_validate(record))


def reextracted(sha256: str, store: Store, settings: Settings, today: date | None = None) -> Outcome:
    """One outdated document re-extracted, as its outcome: processed (with its record's status and error
    items), or failed with the reason when it cannot be; one bad document never fails the batch (the
    nightly flow runs this as its task, so both count the same way)."""
    try:
        record = reextract(sha256, store, settings, today)
    except Exception as exc:
        fault = exc if isinstance(exc, EnvironmentFault) else fault_of(exc, Stage.STORE, settings)
        if fault is not None:  # the machine (the database, a full disk): said as such, not the document's
            log.warning("re-extraction of %s: %s", sha256[:12], fault.line())
            return skipped(sha256[:12], Stage.EXTRACT, fault.line(), sha256=sha256)
        log.exception("re-extraction of %s failed", sha256[:12])
        reason = f"{type(exc).__name__}: {exc}"
        return failed(sha256[:12], Stage.EXTRACT, reason, ErrorCategory.BUG, sha256=sha256)
    flags: list[str] = [flag.code for flag in record.flags]
    return Outcome(
        record.document.filename,
        OutcomeKind.PROCESSED,
        sha256,
        flags=flags,
        status=record.status,
        errors=list(record.errors),
    )


def reextraction_summary(outcomes: list[Outcome]) -> dict:
    """The counts of a re-extraction pass: how many were re-extracted, and each document that was not."""
    return {
        "reextracted": sum(o.outcome == OutcomeKind.PROCESSED for o in outcomes),
        "failed": [
            {"sha256": o.sha256, "error": o.reason} for o in outcomes if o.outcome != OutcomeKind.PROCESSED
        ],
    }


def reextract_outdated(store: Store, settings: Settings, today: date | None = None) -> dict:
    """Re-extract each document lacking a record of this version; failures are counted, not raised."""
    outdated = store.outdated(PIPELINE_VERSION)
    return reextraction_summary([reextracted(sha256, store, settings, today) for sha256 in outdated])


class RereadError(KerjasamaError):
    """A stored document that cannot be read again (its archived original is gone or changed)."""

    stage = Stage.REREAD
    hint = "Put the original back at its archive path (or give the file itself), then re-read it."


def reread(
    sha256: str,
    store: Store,
    settings: Settings,
    *,
    source: Path | None = None,
    engine=None,
    today: date | None = None,
) -> Record:
    """A new record of a stored document read again (text and OCR, then extraction) from its archived
    original, or from `source` holding the same bytes. The original is only read: it stays where it is,
    its archive path is kept. Corrections live apart (by SHA-256) and apply to the new record too. Raises
    a `KerjasamaError` when it cannot be read (the stored record is kept), `EnvironmentFault` as ever."""
    document = store.document(sha256)
    if document is None:
        raise KeyError(f"{sha256[:12]}: no such document in the store")
    name = f"{document.filename} ({sha256[:12]})"
    path = source or (Path(document.archive_path) if document.archive_path else None)
    if path is None or not path.is_file():
        raise RereadError(f"{name}: the archived original is not there ({path or 'no archive path'})")
    if sha256_file(path) != sha256:
        raise RereadError(f"{name}: {path} does not hold the stored bytes (its SHA-256 differs)")
    extraction = extract_document(path, today=today, settings=settings, engine=engine, sha256=sha256)
    record = extraction.record
    record.document.filename = document.filename  # the name it was dropped as, not the archive name
    if path.name != document.filename:
        record.review.reasons = [r.replace(path.name, document.filename) for r in record.review.reasons]
        for error in record.errors:
            error.message = error.message.replace(path.name, document.filename)
    store.save(record, extraction.text.pages)
    log.info("re-read %s: %d pages, %d failed", name, len(extraction.text.pages), len(extraction.text.errors))
    return record


def page_failures(record: Record) -> list[ErrorItem]:
    """The error items of the pages of a record that failed to be read."""
    return [error for error in record.errors if error.category == ErrorCategory.PAGE]


def failed_documents(store: Store) -> list[str]:
    """Documents with a stored page whose OCR failed, or whose newest record notes failed pages."""
    failed = {row.sha256 for row in store.latest_records() if _partial_errors(row.record)}
    with store.sessions() as session:
        rows = session.execute(select(PageRow.sha256, PageRow.layout).where(PageRow.source == "ocr"))
        failed |= {
            sha256
            for sha256, layout in rows
            if any(str(note).startswith(OCR_FAILED_NOTE) for note in (layout or {}).get("notes", []))
        }
    return sorted(failed)


def reocr_failed(store: Store, settings: Settings, *, engine=None, today: date | None = None) -> dict:
    """Re-read only the documents whose pages failed OCR; a document that cannot be read is counted (its
    record kept), an environment fault stops the batch."""
    reread_done, still_partial, failed = [], [], []
    for sha256 in failed_documents(store):
        try:
            record = reread(sha256, store, settings, engine=engine, today=today)
        except EnvironmentFault:
            raise
        except Exception as exc:  # one bad document never fails the batch
            if not isinstance(exc, KerjasamaError):
                log.exception("re-reading %s failed", sha256[:12])
            failed.append({"sha256": sha256, "error": f"{type(exc).__name__}: {exc}"})
            continue
        reread_done.append(sha256)
        if page_failures(record):
            still_partial.append(sha256)
    return {"reread": len(reread_done), "still_partial": len(still_partial), "reread_failed": failed}


def refresh_flags(store: Store, settings: Settings, today: date | None = None) -> dict:
    """Recompute the flags of every latest record against `today` (EXPIRED / EXPIRING_SOON and the follow-up
    flags move with time)."""
    from extractors.checks import compute_flags

    today = today or date.today()
    changed: list[str] = []
    rows = store.latest_records()
    # the follow-up flags (pipeline/store/portfolio.py), corrections applied
    with store.sessions() as session:
        records = newest_effective(session, [row.sha256 for row in rows])
        children = child_types(session, records)
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
        effective = records[row.sha256][1]
        follow_up = follow_up_flags(effective, children.get(row.sha256, []), today, settings.follow_up_months)
        flags += [Flag.model_validate(flag) for flag in follow_up]
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
        from pipeline.analyst.report import write_report
    except ImportError as exc:
        log.warning("quality report skipped: pipeline.analyst.report is not available (%s)", exc)
    else:
        outputs["report"] = str(write_report(store, settings))
    outputs["export"] = str(_export(store, settings, reports / EXPORT_NAME))
    return outputs


def _export(store: Store, settings: Settings, out: Path) -> Path:
    from pipeline.store.partners import own_names

    try:
        from pipeline.analyst.export import export_store  # corrections applied, when that module has them
    except ImportError:
        from pipeline.analyst.export import write_export

        return write_export([row.record for row in store.latest_records()], out, "xlsx")[0]
    own = own_names(settings.own_institution)
    threshold, days = settings.review_threshold, settings.expiring_days
    return export_store(store, out, "xlsx", threshold, days, own=own)[0]


def run_nightly(
    store: Store,
    settings: Settings,
    sweep: Callable[[], dict],
    today: date | None = None,
    *,
    reocr: bool = False,
    engine=None,
) -> dict:
    """The whole nightly batch without Prefect: sweep the intake, (with `reocr`, re-read the documents
    whose pages failed OCR), re-extract, refresh flags, write outputs."""
    summary = {"intake": sweep()}
    if reocr:
        summary.update(reocr_failed(store, settings, engine=engine, today=today))
    summary.update(reextract_outdated(store, settings, today))
    summary.update(refresh_flags(store, settings, today))
    summary.update(write_outputs(store, settings))
    return summary
