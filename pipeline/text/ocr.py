"""Tesseract OCR of one page image: orientation and skew correction, words with boxes and confidences."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
from PIL import Image

from pipeline.errors import OcrError, OcrLanguageMissingError, TesseractMissingError
from pipeline.text import tessapi
from schemas.pages import Page, Word


def _import_pytesseract():
    """pytesseract imports pandas at import time (0.7 s, for a DataFrame output we never ask for): import
    it with pandas hidden when nothing imported pandas yet. pandas stays importable for everyone else."""
    import sys

    if "pytesseract" in sys.modules or "pandas" in sys.modules:
        import pytesseract
    else:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # makes `import pandas` raise ImportError
        try:
            import pytesseract
        finally:
            del sys.modules["pandas"]
    return pytesseract


pytesseract = _import_pytesseract()

log = logging.getLogger(__name__)

DEFAULT_LANG = "ind+eng"
DEFAULT_DPI = 300
# Below this mean word confidence (0..1) or word count, the page may be rotated: ask OSD.
ROTATION_CHECK_CONFIDENCE = 0.55
ROTATION_CHECK_MIN_WORDS = 15
OSD_MIN_CONFIDENCE = 1.5
MAX_SKEW_DEGREES = 5.0
SKEW_STEP_DEGREES = 0.25
MIN_SKEW_TO_CORRECT = 0.3
SKEW_ANALYSIS_WIDTH = 800
# Text lines of a page reduced to ~800 px wide are this many rows high (body text is ~10 - 13).
MIN_LINE_ROWS, MAX_LINE_ROWS = 5, 40
UPSIDE_DOWN_MAX_SHARE = 0.40  # upright agreement pages measure 0.56 - 0.90, upside-down 0.12 - 0.43
UPSIDE_DOWN_MIN_LINES = 8
# Tesseract 5 reads every line under 0.7 mean confidence a second time inverted (white on black): on
# scans, the stamp, signature and letterhead lines, 7 % of its CPU on 20 upright real pages, and 17 of
# 31,722 characters changed, all in such lines. Off unless asked for (`Settings.ocr_invert_retry`).
INVERT_RETRY = False


def available_cores() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


PROCESS_SLOTS = threading.BoundedSemaphore(available_cores())


class OcrEngine(Protocol):
    """Anything that turns a page image into a `Page` (tests plug in fakes here)."""

    def ocr_page(self, image: Image.Image, number: int, dpi: int) -> Page: ...


@dataclass
class TesseractEngine:
    """Real Tesseract through pytesseract `image_to_data`."""

    lang: str = DEFAULT_LANG
    timeout: float = 0  # seconds per Tesseract call; 0 = none
    correct_orientation: bool = True
    correct_skew: bool = True
    invert_retry: bool = INVERT_RETRY  # Tesseract's second, inverted read of low-confidence lines
    # libtesseract in this process (`pipeline/text/tessapi.py`: languages loaded once, no PGM, no subprocess)
    # when it loads and pytesseract runs the plain `tesseract`; else, or when False, the command.
    in_process: bool = True
    # One slot per Tesseract run, so page- and file-level parallelism together never run more Tesseracts
    # than there are cores. Default: one semaphore for every engine of this process (threads, e.g. the
    # intake flow's task runner); `kerjasama extract` passes one shared by its worker processes.
    slots: AbstractContextManager | None = field(default_factory=lambda: PROCESS_SLOTS)

    def with_lang(self, lang: str) -> TesseractEngine:
        """The same engine reading `lang` (a document found to be in one language)."""
        return replace(self, lang=lang)

    def ocr_page(self, image: Image.Image, number: int, dpi: int = DEFAULT_DPI) -> Page:
        require_languages(self.lang)  # a missing language fails the machine, not the page
        image = _as_gray(image)
        notes: list[str] = []
        geometry = text_geometry(image) if self.correct_skew or self.correct_orientation else TextGeometry()
        if self.correct_skew and abs(geometry.skew) >= MIN_SKEW_TO_CORRECT:
            angle = geometry.skew
            image = image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
            notes.append(f"deskewed by {angle:+.2f} degrees")
        if self.correct_orientation and geometry.upside_down:
            # Read it turned right away: reading it upside down first costs a slow, useless Tesseract pass
            # and an OSD pass. A wrong guess reads poorly and OSD below turns it back.
            image = image.rotate(180)
            notes.append("rotated by 180 degrees (text lines hang below their core band)")
        page = self._recognise(image, number, dpi)
        if self.correct_orientation and needs_orientation_check(page):
            rotation = self._osd_rotation(image)
            if rotation:
                image = image.rotate(-rotation, expand=True)
                page = self._recognise(image, number, dpi)
                notes.append(f"rotated by {rotation} degrees (OSD)")
        page.notes = notes + page.notes
        return page

    def quick_page(self, image: Image.Image, number: int, dpi: int) -> Page:
        """One Tesseract pass as the image is (no skew or orientation correction): a quick look."""
        require_languages(self.lang)
        return self._recognise(_as_gray(image), number, dpi)

    def _recognise(self, image: Image.Image, number: int, dpi: int) -> Page:
        try:
            with self.slots or nullcontext():
                data = self._image_to_data(image, dpi)
        except pytesseract.TesseractNotFoundError as exc:
            message = f"Tesseract is not installed ({tesseract_command()} not found)"
            raise TesseractMissingError(message) from exc
        except pytesseract.TesseractError as exc:  # a RuntimeError too: caught before the timeout below
            if missing := _MISSING_LANGUAGE.search(str(exc.message)):
                raise OcrLanguageMissingError(missing[1]) from exc
            raise OcrError(f"Tesseract failed on page {number}: {exc.message}") from exc
        except RuntimeError as exc:  # pytesseract raises a plain RuntimeError on timeout
            raise OcrError(f"Tesseract timed out after {self.timeout}s on page {number}") from exc
        except tessapi.TessApiTimeout as exc:
            raise OcrError(f"Tesseract timed out after {self.timeout}s on page {number}") from exc
        except tessapi.TessApiLanguageError as exc:
            raise OcrLanguageMissingError(exc.language) from exc
        except tessapi.TessApiError as exc:
            raise OcrError(f"Tesseract failed on page {number}: {exc}") from exc
        return page_from_tesseract(data, number, image.size)

    def _image_to_data(self, image: Image.Image, dpi: int) -> dict:
        if self.reads_in_process():
            return tessapi.image_to_data(
                image, self.lang, dpi, invert_retry=self.invert_retry, timeout=self.timeout
            )
        return pytesseract.image_to_data(
            _for_tesseract(image),
            lang=self.lang,
            config=tesseract_config(dpi, self.invert_retry),
            output_type=pytesseract.Output.DICT,
            timeout=self.timeout,
        )

    def reads_in_process(self) -> bool:
        """Pages go to libtesseract in this process: asked for, the library loads, and pytesseract was not
        pointed at another command (its `tesseract_cmd`, which the command path honours)."""
        return self.in_process and tesseract_command() == "tesseract" and tessapi.library() is not None

    def _osd_rotation(self, image: Image.Image) -> int:
        try:
            with self.slots or nullcontext():
                osd = pytesseract.image_to_osd(
                    _for_tesseract(image), output_type=pytesseract.Output.DICT, timeout=self.timeout
                )
        except (pytesseract.TesseractError, RuntimeError) as exc:
            log.info("OSD failed, keeping orientation: %s", exc)
            return 0
        rotate = int(osd.get("rotate", 0))
        confidence = float(osd.get("orientation_conf", 0.0))
        if rotate and confidence >= OSD_MIN_CONFIDENCE:
            return rotate
        return 0


_MISSING_LANGUAGE = re.compile(r"Failed loading language '([^']+)'")
_INSTALLED: dict[tuple[str, str], frozenset[str]] = {}  # (command, TESSDATA_PREFIX) -> languages


def tesseract_command() -> str:
    return str(pytesseract.pytesseract.tesseract_cmd)


def installed_languages() -> frozenset[str]:
    """The languages Tesseract has data for (`tesseract --list-langs`, once per command and data folder);
    raises `TesseractMissingError` when there is no Tesseract to run."""
    key = (tesseract_command(), os.environ.get("TESSDATA_PREFIX", ""))
    if key not in _INSTALLED:
        try:
            result = subprocess.run([key[0], "--list-langs"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            message = f"Tesseract is not installed ({key[0]} cannot be run: {exc})"
            raise TesseractMissingError(message) from exc
        lines = [line.strip() for line in result.stdout.splitlines()]  # a header, then one language a line
        _INSTALLED[key] = frozenset(line for line in lines if re.fullmatch(r"[\w./-]+", line))
    return _INSTALLED[key]


def missing_languages(lang: str) -> list[str]:
    """The parts of a Tesseract language setting ("ind+eng") that are not installed."""
    installed = installed_languages()
    return [part for part in lang.split("+") if part and part not in installed]


def require_languages(lang: str) -> None:
    """Raise an `OcrLanguageMissingError` for the first language of `lang` that is not installed
    (Tesseract itself reads "xyz+eng" as "eng" without a word when only xyz is missing)."""
    if missing := missing_languages(lang):
        raise OcrLanguageMissingError(missing[0])


def tesseract_config(dpi: int, invert_retry: bool = INVERT_RETRY) -> str:
    """Tesseract's options for a page read: its resolution, and whether low-confidence lines are read
    again inverted (`tessedit_do_invert`, Tesseract 5; older versions ignore an unknown -c parameter)."""
    return f"--dpi {dpi}" + ("" if invert_retry else " -c tessedit_do_invert=0")


def needs_orientation_check(page: Page) -> bool:
    """A page that reads poorly may be sideways or upside down: worth a Tesseract OSD pass."""
    if len(page.words) < ROTATION_CHECK_MIN_WORDS:
        return True
    return (page.mean_confidence or 0.0) < ROTATION_CHECK_CONFIDENCE


def page_from_tesseract(data: dict, number: int, size: tuple[int, int]) -> Page:
    """Lay Tesseract's words out as text (lines by newline, blocks by blank line), keeping spans."""
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    last_line: tuple[int, int, int] | None = None
    last_block: int | None = None
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if last_line is not None:
            sep = " " if line == last_line else ("\n\n" if line[0] != last_block else "\n")
            parts.append(sep)
            length += len(sep)
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text, length, length + len(text), (x, y, x + w, y + h), conf / 100.0))
        parts.append(text)
        length += len(text)
        last_line, last_block = line, line[0]
    mean = float(np.mean([w.conf for w in words])) if words else 0.0
    return Page(number, "".join(parts), "ocr", words, mean, float(size[0]), float(size[1]))


@dataclass
class TextGeometry:
    """What the ink of a page says before OCR: its skew, and how its text lines lean.

    In Latin script far more ink rises above the x-height band (capitals, digits, b d f h k l t) than
    hangs below it (g j p q y): `lines_up` counts the text lines with clearly more ink above their core
    band, `lines_down` those with more below. An upside-down page turns that around."""

    skew: float = 0.0  # degrees to rotate by (counter-clockwise positive) to level the lines
    ascender_share: float = 0.5  # ink above the core bands / ink above + below, over all lines
    lines_up: int = 0
    lines_down: int = 0

    @property
    def upside_down(self) -> bool:
        """Only when the lines say so clearly; a doubtful page is read as it is (OSD still catches it)."""
        return (
            self.ascender_share <= UPSIDE_DOWN_MAX_SHARE
            and self.lines_down >= UPSIDE_DOWN_MIN_LINES
            and self.lines_down >= 2 * self.lines_up
        )


def text_geometry(image: Image.Image) -> TextGeometry:
    """Skew by projection-profile variance, then the ascender/descender balance of the levelled lines."""
    factor = max(1, round(image.width / SKEW_ANALYSIS_WIDTH))
    small = image.reduce(factor) if factor > 1 else image  # box average: 6x cheaper than a resize
    ink = np.asarray(small, dtype=np.uint8) < 128
    if ink.mean() < 0.002:
        return TextGeometry()
    ys, xs = np.nonzero(ink)
    xs = xs - xs.mean()
    best_angle, best_score, best_hist = 0.0, -1.0, None
    for angle in np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, SKEW_STEP_DEGREES):
        shifted = ys + xs * np.tan(np.radians(angle))
        hist = np.bincount(np.clip(shifted, 0, None).astype(np.int64))
        score = float((hist.astype(np.float64) ** 2).sum())
        if score > best_score:
            best_angle, best_score, best_hist = float(angle), score, hist
    assert best_hist is not None  # the angle range is never empty and any score beats -1
    return TextGeometry(-best_angle, *_line_balance(best_hist))


def _line_balance(hist: np.ndarray) -> tuple[float, int, int]:
    """(ascender share, lines leaning up, lines leaning down) from the row profile of levelled ink."""
    hist = hist.astype(np.float64)
    floor = 0.03 * np.percentile(hist[hist > 0], 90)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], (hist > floor).astype(np.int8), [0]))))
    above = below = 0.0
    up = down = 0
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        if not MIN_LINE_ROWS <= bottom - top <= MAX_LINE_ROWS:
            continue
        rows = hist[top:bottom]
        core = np.flatnonzero(rows >= 0.5 * rows.max())  # the x-height band: the densest rows
        a, b = rows[: core[0]].sum(), rows[core[-1] + 1 :].sum()
        above, below = above + a, below + b
        up, down = up + (a > 1.2 * b), down + (b > 1.2 * a)
    share = above / (above + below) if above + below else 0.5
    return float(share), int(up), int(down)


def estimate_skew(image: Image.Image) -> float:
    """Skew angle in degrees: rotating the page by it (counter-clockwise positive) levels the lines."""
    return text_geometry(image).skew


def _as_gray(image: Image.Image) -> Image.Image:
    return image.convert("L") if image.mode != "L" else image


def _for_tesseract(image: Image.Image) -> Image.Image:
    """Mark the image so pytesseract hands it to Tesseract uncompressed (PGM, no PNG encoding)."""
    image.format = "PPM"  # type: ignore[misc]
    return image


def configure_threads() -> None:
    """Tesseract's own OpenMP threads fight our page-level parallelism: pin it to one."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
