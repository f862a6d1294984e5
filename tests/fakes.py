"""Stand-in OCR engines for the tests, in one place (as OCRmyPDF's tests/plugins/). Each has the one
method the reader calls, `ocr_page(image, number, dpi) -> Page`; hand one to `read_document(path,
engine)`, `default_extract(settings, engine=...)` or `nightly.reocr_failed(..., engine=...)`."""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field, replace

from PIL import Image

from pipeline.errors import OcrError
from pipeline.text.ocr import TesseractEngine
from schemas.pages import Page


class ExplodingEngine:
    """OCR must not be called: any call fails the test (text-layer pages never reach OCR)."""

    def ocr_page(self, image, number, dpi):
        raise AssertionError(f"OCR was called on page {number}")


class BlankEngine:
    """Every page reads as an empty OCR page of this mean confidence: for batches that must not need
    real OCR, and for pages where only the ink analysis may decide (no word found anywhere)."""

    def __init__(self, confidence: float = 0.0) -> None:
        self.confidence = confidence

    def ocr_page(self, image, number, dpi):
        return Page(number, "", "ocr", [], self.confidence)


class TimingOut:
    """The pages in `pages` (every page when None) fail as a Tesseract timeout of `seconds` would; the
    others are read by `then` (a blank page of confidence 90 when None; `TesseractEngine()` for real OCR)."""

    def __init__(self, pages: set[int] | None = None, *, seconds: float = 300.0, then=None) -> None:
        self.pages = pages
        self.seconds = seconds
        self.then = then if then is not None else BlankEngine(90.0)

    def ocr_page(self, image, number, dpi):
        if self.pages is None or number in self.pages:
            raise OcrError(f"Tesseract timed out after {self.seconds}s on page {number}")
        return self.then.ocr_page(image, number, dpi)


@dataclass
class RecordingEngine:
    """A fake Tesseract: returns the text given for each page ('' otherwise) at `confidence`, and records
    (page, lang, dpi, image size) per call; `with_lang` makes the same engine in another language, so the
    reader's language choice shows in `calls`."""

    texts: dict[int, str] = field(default_factory=dict)
    lang: str = "ind+eng"
    calls: list[tuple[int, str, int, tuple[int, int]]] = field(default_factory=list)
    confidence: float = 0.9

    @property
    def pages(self) -> list[int]:
        """The page numbers sent to OCR, in call order."""
        return [number for number, *_ in self.calls]

    def with_lang(self, lang: str) -> RecordingEngine:
        return replace(self, lang=lang, calls=self.calls)

    def ocr_page(self, image: Image.Image, number: int, dpi: int) -> Page:
        self.calls.append((number, self.lang, dpi, image.size))
        return Page(
            number,
            self.texts.get(number, ""),
            "ocr",
            [],
            self.confidence,
            float(image.width),
            float(image.height),
        )


class OverlapCounter:
    """Records how many page images are alive and how many OCR calls run at once (each call sleeps 0.1 s
    so that pages overlap even under load); every page reads as 'halaman N'."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[weakref.ref] = []
        self.running = self.max_running = self.max_alive = 0
        self.pixels: list[int] = []

    def ocr_page(self, image, number, dpi):
        with self.lock:
            self.seen.append(weakref.ref(image))
            self.running += 1
            self.max_running = max(self.max_running, self.running)
            self.max_alive = max(self.max_alive, sum(ref() is not None for ref in self.seen))
            self.pixels.append(image.width * image.height)
        time.sleep(0.1)  # longer than reading a page, so pages overlap even under load
        with self.lock:
            self.running -= 1
        return Page(number, f"halaman {number}", "ocr", [], 0.9)


class PassCountingTesseract(TesseractEngine):
    """Real Tesseract, counting its recognition and orientation (OSD) passes."""

    def __init__(self) -> None:
        super().__init__()
        self.passes = 0
        self.osd = 0

    def _image_to_data(self, image, dpi):
        self.passes += 1
        return super()._image_to_data(image, dpi)

    def _osd_rotation(self, image):
        self.osd += 1
        return super()._osd_rotation(image)
