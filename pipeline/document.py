"""The document's stages: hash, text (read or OCR), extract, check — one file in, one record out (no
database, no Prefect; the runner, pipeline/run.py, puts them in order)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline import PIPELINE_VERSION
from pipeline.errors import OcrError
from pipeline.settings import Settings
from pipeline.text.ocr import TesseractEngine, configure_threads
from pipeline.text.read import DocumentText, ReadOptions, read_document
from schemas.pages import OCR_FAILED_NOTE, Page
from schemas.record import DocumentInfo, Record
from schemas.status import DATE_FLAGS, ErrorCategory, ErrorItem, FlagCode, Stage, Status, status_of

log = logging.getLogger(__name__)
HASH_CHUNK = 1 << 20
ALL_FAILED = (
    "No page could be read: check the scan (or raise KERJASAMA_OCR_TIMEOUT when Tesseract timed out), "
    "then drop the file into the intake again."
)


@dataclass
class Extraction:
    """A record with the page text it came from (kept so re-extraction never OCRs again)."""

    record: Record
    text: DocumentText


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def extract_file(
    path: Path,
    *,
    today: date | None = None,
    settings: Settings | None = None,
    engine=None,
    sha256: str | None = None,
) -> Record:
    """The record of one file (raises a `KerjasamaError` naming the file when it cannot be read)."""
    return extract_document(path, today=today, settings=settings, engine=engine, sha256=sha256).record


def extract_document(
    path: Path,
    *,
    today: date | None = None,
    settings: Settings | None = None,
    engine=None,
    sha256: str | None = None,
) -> Extraction:
    settings = settings or Settings()
    configure_threads()
    engine = engine or TesseractEngine(
        lang=settings.ocr_lang,
        timeout=settings.ocr_timeout,
        invert_retry=settings.ocr_invert_retry,
        in_process=settings.ocr_in_process,
    )
    options = ReadOptions(
        dpi=settings.dpi,
        min_dpi=settings.ocr_min_dpi,
        upsample=settings.ocr_upsample,
        decode_scans=settings.ocr_decode_scans,
        max_pages=settings.max_pages,
        page_workers=settings.page_workers,
        detect_language=settings.ocr_detect_language,
    )
    info_hash = sha256 or sha256_file(path)
    text = read_document(path, engine, options)
    errors = page_errors(path.name, text.pages)
    if status_of(errors, len(text.pages)) == Status.FAILED:
        # nothing was read: a failed document (quarantined, dropped again once fixed), not an empty record
        first = errors[0].message.removeprefix(f"{path.name}: ")
        raise OcrError(f"{path.name}: OCR failed on every page ({len(text.pages)}); {first}", hint=ALL_FAILED)
    info = DocumentInfo(
        sha256=info_hash,
        filename=path.name,
        bytes=path.stat().st_size,
        pages=len(text.pages),
        text_source=text.text_source,  # type: ignore[arg-type]
        ocr_mean_confidence=text.ocr_mean_confidence,
        pipeline_version=PIPELINE_VERSION,
    )
    record = build_record(info, text.pages, today=today, settings=settings, errors=errors)
    return Extraction(record, text)


def page_errors(filename: str, pages: list[Page]) -> list[ErrorItem]:
    """One error item per page whose OCR failed, in page order (the reader keeps such a page, empty,
    with the note "OCR failed: <error>")."""
    prefix = f"{OCR_FAILED_NOTE}: "
    return [
        ErrorItem(
            stage=Stage.OCR,
            page=page.number,
            category=ErrorCategory.PAGE,
            message=f"{filename}: page {page.number}: {note.removeprefix(prefix)}",
        )
        for page in pages
        for note in page.notes
        if note.startswith(prefix)
    ]


def build_record(
    info: DocumentInfo,
    pages: list[Page],
    *,
    today: date | None,
    settings: Settings,
    errors: list[ErrorItem] | None = None,
) -> Record:
    """Extract fields from page text and compute flags and review status (also used to re-extract)."""
    from extractors import extract_fields
    from extractors.checks import compute_flags, review_status

    record = Record(document=info, **extract_fields(pages))
    record.flags = compute_flags(
        record,
        pages,
        today=today or date.today(),
        expiring_days=settings.expiring_days,
        low_ocr_confidence=settings.low_ocr_confidence,
    )
    record.review = review_status(record, threshold=settings.review_threshold)
    return record.with_errors(errors or [])


def dated(extraction: Extraction, settings: Settings, today: date | None = None) -> Extraction:
    """The (possibly cached) extraction with its date flags made against `today`: a value cached last
    month does not keep last month's EXPIRED / EXPIRING_SOON (the flags are where compute_flags puts them:
    after the workplan flag)."""
    from extractors.checks import flags_of

    record = extraction.record
    fresh = flags_of(
        record, set(DATE_FLAGS), today=today or date.today(), expiring_days=settings.expiring_days
    )
    kept = [flag for flag in record.flags if flag.code not in DATE_FLAGS]
    at = sum(1 for flag in kept if flag.code == FlagCode.NO_DETAILED_WORKPLAN)
    extraction.record = record.model_copy(update={"flags": kept[:at] + fresh + kept[at:]})
    return extraction
