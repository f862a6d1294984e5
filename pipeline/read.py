"""Read any supported input (PDF, TIFF, PNG, JPG, DOCX) into per-page text, OCR'ing only where needed."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.errors import CorruptFileError, EncryptedPdfError, OcrError, TooLargeError, UnsupportedFileError
from pipeline.ocr import DEFAULT_DPI, OcrEngine, TesseractEngine
from pipeline.textlayer import covered_by_image, is_text_layer_usable, page_from_plumber
from schemas.pages import Page

log = logging.getLogger(__name__)

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | DOCX_SUFFIXES
DEFAULT_MAX_PAGES = 300


@dataclass
class ReadOptions:
    dpi: int = DEFAULT_DPI
    max_pages: int = DEFAULT_MAX_PAGES
    page_workers: int = 1  # pages OCR'd at once for one document
    force_ocr: bool = False


@dataclass
class DocumentText:
    """The pages of one input, with page-level errors kept (a failed page is a partial result)."""

    pages: list[Page]
    errors: list[str] = field(default_factory=list)

    @property
    def text_source(self) -> str:
        sources = {p.source for p in self.pages}
        return sources.pop() if len(sources) == 1 else ("mixed" if sources else "text_layer")

    @property
    def ocr_mean_confidence(self) -> float | None:
        confs = [p.mean_confidence for p in self.pages if p.source == "ocr" and p.mean_confidence is not None]
        return round(sum(confs) / len(confs), 4) if confs else None


def read_document(
    path: Path, engine: OcrEngine | None = None, options: ReadOptions | None = None
) -> DocumentText:
    """Per-page text of `path`; raises a `KerjasamaError` naming the file when it cannot be read."""
    options = options or ReadOptions()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(f"{path.name}: unsupported file type '{suffix or '(none)'}'")
    if path.stat().st_size == 0:
        raise CorruptFileError(f"{path.name}: the file is empty (0 bytes)")
    if suffix in DOCX_SUFFIXES:
        from pipeline.docx import read_docx

        return DocumentText(read_docx(path))
    engine = engine or TesseractEngine()
    if suffix in PDF_SUFFIXES:
        return _ocr_where_needed(path, _pdf_pages(path, options), engine, options)
    return _ocr_where_needed(path, _image_pages(path, options), engine, options)


def _ocr_where_needed(
    path: Path, items: Iterator[Page | tuple[int, Image.Image, int]], engine: OcrEngine, options: ReadOptions
) -> DocumentText:
    """Pages arrive as text (kept) or images (OCR'd, at most `page_workers` in flight)."""
    results: dict[int, Page] = {}
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, options.page_workers)) as pool:
        pending: list[tuple[int, Future[Page]]] = []
        for item in items:
            if isinstance(item, Page):
                results[item.number] = item
                continue
            number, image, dpi = item
            pending.append((number, pool.submit(engine.ocr_page, image, number, dpi)))
            if len(pending) >= max(1, options.page_workers):
                _collect(path, pending.pop(0), results, errors)
        for job in pending:
            _collect(path, job, results, errors)
    return DocumentText([results[n] for n in sorted(results)], errors)


def _collect(path: Path, job: tuple[int, Future[Page]], results: dict[int, Page], errors: list[str]) -> None:
    number, future = job
    try:
        results[number] = future.result()
    except OcrError as exc:
        message = f"{path.name}: page {number}: {exc}"
        log.warning("%s (page kept empty, record is partial)", message)
        errors.append(message)
        results[number] = Page(number, "", "ocr", [], 0.0, notes=[f"OCR failed: {exc}"])


def _pdf_pages(path: Path, options: ReadOptions) -> Iterator[Page | tuple[int, Image.Image, int]]:
    pdf = _open_pdfium(path)
    try:
        count = len(pdf)
        if count > options.max_pages:
            raise TooLargeError(f"{path.name}: {count} pages is over the limit of {options.max_pages}")
        with _open_plumber(path) as plumber:
            for index in range(count):
                page = None if options.force_ocr else _text_layer_page(path, plumber, index)
                if page is not None:
                    yield page
                    continue
                image = pdf[index].render(scale=options.dpi / 72, grayscale=True).to_pil()
                yield index + 1, image, options.dpi
    finally:
        pdf.close()


def _text_layer_page(path: Path, plumber, index: int) -> Page | None:
    """The page from its text layer when `is_text_layer_usable` says so, else None (OCR it)."""
    try:
        plumber_page = plumber.pages[index]
        page = page_from_plumber(plumber_page, index + 1)
        verdict = is_text_layer_usable(
            page.text, [w.text for w in page.words], covered_by_image(plumber_page)
        )
    except Exception as exc:  # a page pdfminer cannot parse is simply OCR'd
        log.info("%s page %d: text layer unreadable (%s): OCR", path.name, index + 1, exc)
        return None
    log.info("%s page %d: %s", path.name, index + 1, verdict.reason)
    if not verdict.use_text_layer:
        return None
    page.notes.append(verdict.reason)
    return page


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdfError(f"{path.name}: the PDF is encrypted with a password") from exc
        raise CorruptFileError(f"{path.name}: not a readable PDF ({exc})") from exc


def _open_plumber(path: Path):
    try:
        return pdfplumber.open(str(path))
    except Exception as exc:
        raise CorruptFileError(f"{path.name}: not a readable PDF ({exc})") from exc


def _image_pages(path: Path, options: ReadOptions) -> Iterator[tuple[int, Image.Image, int]]:
    try:
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= options.max_pages:
                    raise TooLargeError(f"{path.name}: more than {options.max_pages} pages")
                dpi = _image_dpi(frame)
                yield index + 1, frame.convert("L"), dpi
    except Image.DecompressionBombError as exc:
        raise TooLargeError(f"{path.name}: image too large ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise CorruptFileError(f"{path.name}: not a readable image ({exc})") from exc


def _image_dpi(frame: Image.Image) -> int:
    dpi = frame.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError):
        value = 0
    return value if 50 <= value <= 1200 else DEFAULT_DPI
