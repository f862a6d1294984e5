"""Read any supported input (PDF, TIFF, PNG, JPG, DOCX) into per-page text, OCR'ing only where needed."""

from __future__ import annotations

import io
import logging
import re
import struct
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.errors import CorruptFileError, EncryptedPdfError, OcrError, TooLargeError, UnsupportedFileError
from pipeline.text.ocr import DEFAULT_DPI, OcrEngine, TesseractEngine
from pipeline.text.ocrlang import choose_ocr_language, misread_language
from pipeline.text.pageimage import MIN_OCR_DPI, Upsample, decode_page_image, plan_page_image
from pipeline.text.skippage import textless_reason
from pipeline.text.textlayer import (
    covered_by_image,
    is_text_layer_usable,
    nothing_to_ocr,
    page_from_plumber,
    page_layout,
)
from schemas.pages import SKIPPED_NOTE, Page

log = logging.getLogger(__name__)

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | DOCX_SUFFIXES
DEFAULT_MAX_PAGES = 300
# Largest page image OCR'd (Pillow's decompression-bomb threshold, ~89 Mpx: A3 at 600 dpi is ~70 Mpx).
MAX_OCR_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
# What a file that should be a PDF or an image really holds, by its first bytes (for clear errors).
MAGIC = (
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"<?xml", "an XML file"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x7fELF", "a Linux program (ELF executable)"),
    (b"MZ", "a Windows program (EXE/DLL)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (DOC/XLS)"),
    (b"{\\rtf", "an RTF document"),
)
IMAGE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError,
                TypeError, KeyError, ZeroDivisionError)  # fmt: skip


@dataclass
class ReadOptions:
    dpi: int = DEFAULT_DPI  # PDFium's render resolution, the most a decoded scan is read at
    min_dpi: int = MIN_OCR_DPI  # a scan under it is raised to `dpi`
    decode_scans: bool = False  # a page that is one scan decoded at its resolution (off: README, issue 16)
    upsample: Upsample = "render"  # how: PDFium's render, or the decoded scan resized by Pillow (Lanczos)
    max_pages: int = DEFAULT_MAX_PAGES
    page_workers: int = 1  # pages OCR'd at once for one document
    force_ocr: bool = False
    detect_language: bool = False  # read a one-language document in that language alone (off: README)
    skip_textless: bool = True  # blank and signature-only pages are recorded as skipped, not OCR'd


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
        from pipeline.text.docx import read_docx

        return DocumentText(read_docx(path))
    engine = engine or TesseractEngine()
    if suffix in PDF_SUFFIXES:
        _check_pdf_header(path)
        return _ocr_where_needed(path, _pdf_pages(path, options), engine, options)
    return _ocr_where_needed(path, _image_pages(path, options), engine, options)


class DocumentLanguage:
    """The OCR language of one document: the configured one (the upper bound) until the text layer or the
    first OCR'd page says the document is in one language; a page then reading as the other language
    puts the document back on the configured one."""

    def __init__(self, engine: OcrEngine, detect: bool) -> None:
        self.full = engine
        self.allowed = getattr(engine, "lang", None) if hasattr(engine, "with_lang") else None
        self.current = engine
        self.decided = not detect or self.allowed is None or "+" not in self.allowed
        self.text = ""  # the text seen before the decision (text-layer pages)

    def learn(self, text: str, source: str) -> None:
        if self.decided or self.allowed is None:
            return
        self.text = f"{self.text}\n{text}"
        lang, reason = choose_ocr_language(self.text, self.allowed)
        if lang is None:
            return
        log.info("OCR language from the %s: %s", source, reason)
        self.decided = True
        if lang != self.allowed:
            self.current = self.full.with_lang(lang)  # type: ignore[attr-defined]

    def read(self, image: Image.Image, number: int, dpi: int) -> Page:
        """OCR one page in the current language; again in the configured one when it reads as another."""
        engine = self.current
        page = engine.ocr_page(image, number, dpi)
        lang = getattr(engine, "lang", None)
        if engine is not self.full and lang and misread_language(page.text, lang):
            log.info(
                "page %d reads as another language than %s: read again in %s", number, lang, self.allowed
            )
            self.current = self.full
            page = self.full.ocr_page(image, number, dpi)
            page.notes.append(f"read again in {self.allowed}: not in {lang} alone")
        elif engine is not self.full:
            page.notes.append(f"read in {lang} (the document's language)")
        return page


def _ocr_where_needed(
    path: Path, items: Iterator[Page | tuple[int, Image.Image, int]], engine: OcrEngine, options: ReadOptions
) -> DocumentText:
    """Pages arrive as text (kept) or images (OCR'd by `page_workers` threads). One more page is rendered
    ahead, and whichever page finishes first frees its slot, so a slow page never idles the other cores.
    Until the document's language is known, each page is read alone and waited for (it decides it)."""
    results: dict[int, Page] = {}
    errors: list[str] = []
    workers = max(1, options.page_workers)
    language = DocumentLanguage(engine, options.detect_language)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[Page], int] = {}
        for item in items:
            if isinstance(item, Page):
                results[item.number] = item
                language.learn(item.text, "text layer")
                continue
            number, image, dpi = item
            if options.skip_textless and (reason := textless_reason(language.full, image, number, dpi)):
                log.info("%s page %d: %s: not OCR'd", path.name, number, reason)
                results[number] = Page(number, "", "ocr", [], None, notes=[f"{SKIPPED_NOTE}: {reason}"])
                continue
            future = pool.submit(language.read, image, number, dpi)
            pending[future] = number
            del item, image  # the pool holds the page until it is read: bounded memory
            if not language.decided:
                _collect(path, (pending.pop(future), future), results, errors)
                language.learn(results[number].text, f"OCR of page {number}")
            while len(pending) > workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    _collect(path, (pending.pop(future), future), results, errors)
        for future, number in pending.items():
            _collect(path, (number, future), results, errors)
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


def sniff(head: bytes) -> str | None:
    """What the first bytes of a file say it really is (None when unknown)."""
    start = head.lstrip().lower()
    return next((kind for magic, kind in MAGIC if start.startswith(magic.lower())), None)


def _check_pdf_header(path: Path) -> None:
    """A PDF starts with `%PDF-` (readers allow junk in the first KiB); else say what the file is."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        kind = sniff(head) or "not a PDF (no %PDF header)"
        raise CorruptFileError(f"{path.name}: named .pdf but the content is {kind}")


def _pdf_pages(path: Path, options: ReadOptions) -> Iterator[Page | tuple[int, Image.Image, int]]:
    pdf = _open_pdfium(path)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFileError(f"{path.name}: the PDF has no pages")
        if count > options.max_pages:
            raise TooLargeError(f"{path.name}: {count} pages is over the limit of {options.max_pages}")
        plumber = _open_plumber(path, pdf)
        try:
            for index in range(count):
                page = None if options.force_ocr else _text_layer_page(path, plumber, index)
                if page is not None:
                    yield page
                    continue
                image, dpi = _page_image(path, pdf, index, options)
                yield index + 1, image, dpi
                del image  # one rendered page alive per worker: bounded memory
        finally:
            _close_quietly(plumber)
    finally:
        pdf.close()


def _page_image(
    path: Path, pdf: pdfium.PdfDocument, index: int, options: ReadOptions
) -> tuple[Image.Image, int]:
    """The page as `plan_page_image` decides: its one scan decoded, else rendered by PDFium."""
    try:
        page = pdf[index]
        plan = plan_page_image(page, options.dpi, options.min_dpi, options.upsample, options.decode_scans)
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"{path.name}: page {index + 1} is damaged, cannot read it ({exc})") from exc
    if plan.method == "decode" and _page_pixels(page, plan.dpi) <= MAX_OCR_PIXELS:
        image = decode_page_image(page, plan)
        if image is not None:
            return image, plan.dpi
    return _render(path, pdf, index, options.dpi)


def _page_pixels(page: pdfium.PdfPage, dpi: int) -> float:
    width, height = page.get_size()
    return (width * dpi / 72) * (height * dpi / 72)


def _render(path: Path, pdf: pdfium.PdfDocument, index: int, dpi: int) -> tuple[Image.Image, int]:
    try:
        page = pdf[index]
        dpi = _render_dpi(path, page, index + 1, dpi)
        return page.render(scale=dpi / 72, grayscale=True).to_pil(), dpi
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"{path.name}: page {index + 1} is damaged, cannot render it ({exc})") from exc


def _close_quietly(plumber) -> None:
    """pdfplumber's close() walks the pages again: on a damaged file that may raise, after we are done."""
    try:
        plumber.close()
    except Exception as exc:
        log.info("%s: closing the PDF parser: %s", getattr(plumber, "stream", "pdf"), exc)


def _render_dpi(path: Path, page: pdfium.PdfPage, number: int, dpi: int) -> int:
    """`dpi`, lowered for an oversized page so its image stays under MAX_OCR_PIXELS (bounded memory)."""
    width, height = page.get_size()
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels <= MAX_OCR_PIXELS:
        return dpi
    lowered = max(1, int(dpi * (MAX_OCR_PIXELS / pixels) ** 0.5))
    log.warning("%s page %d: %.0fx%.0f pt is too large at %d dpi: rendered at %d dpi",
                path.name, number, width, height, dpi, lowered)  # fmt: skip
    return lowered


def _text_layer_page(path: Path, plumber, index: int) -> Page | None:
    """The page from its text layer when `is_text_layer_usable` says so, else None (OCR it)."""
    plumber_page = None
    try:
        plumber_page = plumber.pages[index]
        layout = page_layout(plumber_page)  # one walk of the layout, never pdfplumber's full `objects`
        page = page_from_plumber(plumber_page, index + 1, layout)
        verdict = is_text_layer_usable(
            page.text, [w.text for w in page.words], covered_by_image(layout), nothing_to_ocr(layout)
        )
    except Exception as exc:  # a page pdfminer cannot parse is simply OCR'd
        log.info("%s page %d: text layer unreadable (%s): OCR", path.name, index + 1, exc)
        return None
    finally:
        if plumber_page is not None:  # drop its cached pdfminer layout (chars, a scan's image): flat memory
            plumber_page.close()
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
        raise CorruptFileError(f"{path.name}: not a readable PDF{_truncated(path)} ({exc})") from exc


def _truncated(path: Path) -> str:
    """A PDF ends with %%EOF (give or take trailing blanks): without it, the file was cut short."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 1024))
        return "" if b"%%EOF" in handle.read() else ", the file is truncated (no %%EOF at its end)"


def _open_plumber(path: Path, pdf: pdfium.PdfDocument):
    """pdfplumber on the file; on a damaged cross-reference table, on the copy PDFium repaired."""
    try:
        return pdfplumber.open(str(path))
    except Exception as exc:
        log.warning("%s: damaged PDF structure (%s): reading the copy PDFium repaired", path.name, exc)
    repaired = io.BytesIO()
    try:
        pdf.save(repaired)
        repaired.seek(0)
        return pdfplumber.open(repaired)
    except Exception as exc:
        raise CorruptFileError(f"{path.name}: not a readable PDF, even repaired ({exc})") from exc


def _image_pages(path: Path, options: ReadOptions) -> Iterator[tuple[int, Image.Image, int]]:
    try:
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= options.max_pages:
                    raise TooLargeError(f"{path.name}: more than {options.max_pages} pages")
                _check_pixels(path, frame.size, index + 1)
                dpi = _image_dpi(frame)
                yield index + 1, frame.convert("L"), dpi
    except Image.DecompressionBombError as exc:
        raise TooLargeError(_too_large(path, None, pixels=_bomb_pixels(exc))) from exc
    except IMAGE_ERRORS as exc:
        with path.open("rb") as handle:
            kind = sniff(handle.read(64))
        reason = f"the content is {kind}" if kind else str(exc).replace(str(path), path.name)
        raise CorruptFileError(f"{path.name}: not a readable image ({reason})") from exc


def _check_pixels(path: Path, size: tuple[int, int], number: int) -> None:
    """Refuse a page image too large to OCR before decoding it (Pillow only warns below 2x its limit)."""
    if size[0] * size[1] > MAX_OCR_PIXELS:
        raise TooLargeError(_too_large(path, size, number))


def _too_large(path: Path, size: tuple[int, int] | None, number: int = 1, pixels: int | None = None) -> str:
    limit = f"the limit is {MAX_OCR_PIXELS / 1e6:.0f} megapixels; an A4 page at 600 dpi has 35"
    if size is not None:
        pixels = size[0] * size[1]
        what = f"page {number} is {size[0]}x{size[1]} pixels ({pixels / 1e6:.0f} megapixels)"
    else:
        what = f"the image has {pixels / 1e6:.0f} megapixels" if pixels else "the image is huge"
    return f"{path.name}: {what}, too large for OCR ({limit})"


def _bomb_pixels(exc: Exception) -> int | None:
    """The pixel count in Pillow's DecompressionBombError message ("Image size (N pixels) exceeds ...")."""
    match = re.search(r"\((\d+) pixels\)", str(exc))
    return int(match[1]) if match else None


def _image_dpi(frame: Image.Image) -> int:
    dpi = frame.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError):
        value = 0
    return value if 50 <= value <= 1200 else DEFAULT_DPI
