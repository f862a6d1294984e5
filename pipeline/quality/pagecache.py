"""Page text cached by file content, so re-scoring extractors on the same scans never OCRs them again.

Used by `kerjasama eval --page-cache DIR` and by the realdocs test. The cache key is the file's SHA-256
plus the reading options (dpi, OCR language) and a fingerprint of the reading code (the source of the
modules that turn a file into page text), never its path: a change to the OCR code reads the pages again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from datetime import date
from pathlib import Path

from pipeline import PIPELINE_VERSION
from pipeline.document import build_record, extract_document, sha256_file
from pipeline.settings import Settings
from pipeline.text.read import DocumentText
from schemas.pages import Page
from schemas.record import DocumentInfo, Record

PIPELINE_DIR = Path(__file__).resolve().parent.parent
READING_MODULES = (
    "text/read.py",
    "text/ocr.py",
    "text/tessapi.py",
    "text/textlayer.py",
    "text/docx.py",
    "text/pageimage.py",
    "text/skippage.py",
    "text/ocrlang.py",
)  # fmt: skip  (paths under pipeline/)


@functools.cache
def reader_fingerprint() -> str:
    """12 hex digits of the hash of the reading code: cached pages from other code are not reused."""
    digest = hashlib.sha256()
    for name in READING_MODULES:
        digest.update((PIPELINE_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def _key(digest: str, settings: Settings) -> str:
    lang = settings.ocr_lang.replace("+", "_")
    detect = "detect" if settings.ocr_detect_language else "fixed"
    decode = (
        f"decode{settings.ocr_min_dpi}-{settings.ocr_upsample}" if settings.ocr_decode_scans else "render"
    )
    resolution = f"{settings.dpi}-{decode}"
    invert = "-invert" if settings.ocr_invert_retry else ""
    return f"{digest}-{resolution}-{lang}-{detect}{invert}-{reader_fingerprint()}.json"


def _info(path: Path, digest: str, pages: list[Page]) -> DocumentInfo:
    text = DocumentText(pages)
    return DocumentInfo(
        sha256=digest,
        filename=path.name,
        bytes=path.stat().st_size,
        pages=len(pages),
        text_source=text.text_source,  # type: ignore[arg-type]
        ocr_mean_confidence=text.ocr_mean_confidence,
        pipeline_version=PIPELINE_VERSION,
    )


def cached_record(
    path: Path, cache: Path, *, today: date | None = None, settings: Settings | None = None
) -> Record:
    """The record of `path`, its pages read from `cache` when there (and written there when not)."""
    settings = settings or Settings()
    digest = sha256_file(path)
    entry = cache / _key(digest, settings)
    if entry.exists():
        pages = [Page.from_dict(p) for p in json.loads(entry.read_text(encoding="utf-8"))["pages"]]
        return build_record(_info(path, digest, pages), pages, today=today, settings=settings)
    extraction = extract_document(path, today=today, settings=settings, sha256=digest)
    if not extraction.text.errors:  # a partial read is not worth keeping
        cache.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"pages": [p.to_dict() for p in extraction.text.pages]}), encoding="utf-8")
        tmp.replace(entry)
    return extraction.record
