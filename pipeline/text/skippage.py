"""Pages with no printed text (blank, or only signatures, stamps, a picture), recognised before OCR."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pipeline.errors import OcrError

ANALYSIS_DPI = 100  # the page is box-reduced to about this resolution first
BLANK_MAX_INK = 0.0002  # share of dark pixels; 20 words of 10 pt text cover about 0.1 % of an A4 page
RULE_MIN_INK = 0.3  # a column or row this dark is a scanner edge, a border or a rule: not text
STRIP_INCHES = 1.0  # the page is cut into strips this wide, so a skew or a vertical rule stays local
# A piece of a printed text line in a strip: a band of rows 0.06 - 0.35 in high holding at least
# LINE_MIN_RUNS separate stretches of ink (letters or words).
LINE_MIN_INCHES, LINE_MAX_INCHES = 0.06, 0.35
LINE_MIN_RUNS = 3
MIN_TEXT_PIECES = 6  # 20 words of body text make 10 or more; a signature with a name makes a few
# A page the ink analysis finds no text on is read once more at CONFIRM_DPI (a ninth of the pixels of 300
# dpi): it is skipped only when that read finds fewer than CONFIRM_MAX_WORDS words (of 2+ letters and
# confidence CONFIRM_MIN_CONF); the analysis alone missed text on 1 of 253 real scanned pages.
CONFIRM_DPI = 100
CONFIRM_MAX_WORDS = 4
CONFIRM_MIN_CONF = 0.6


def skip_reason(image: Image.Image, dpi: int) -> str | None:
    """Why a page image may need no OCR, or None when it holds text (OCR it): it is (nearly) blank, or hardly
    any of its ink is shaped like printed text lines (then `confirm_textless` must agree)."""
    factor = max(1, dpi // ANALYSIS_DPI)
    gray = image.convert("L") if image.mode != "L" else image
    small = gray.reduce(factor) if factor > 1 else gray
    ink = np.asarray(small, dtype=np.uint8) < 128
    share = float(ink.mean()) if ink.size else 0.0
    if share < BLANK_MAX_INK:
        return f"blank page (ink on {share:.3%} of it)"
    pieces = text_pieces(ink, dpi / factor)
    if pieces < MIN_TEXT_PIECES:
        return f"no printed text line (signatures, stamps or pictures only: {pieces} pieces of text lines)"
    return None


def text_pieces(ink: np.ndarray, dpi: float) -> int:
    """Pieces of printed text lines: per strip of the page, bands of rows of text height with several
    separate stretches of ink. Dark columns and rows (edges, borders, rules) are left out first."""
    ink = ink.copy()
    ink[:, ink.mean(axis=0) > RULE_MIN_INK] = False
    ink[ink.mean(axis=1) > RULE_MIN_INK, :] = False
    width = max(8, round(STRIP_INCHES * dpi))
    low, high = LINE_MIN_INCHES * dpi, LINE_MAX_INCHES * dpi
    count = 0
    for left in range(0, ink.shape[1], width):
        strip = ink[:, left : left + width]
        rows = strip.sum(axis=1) > 1  # a lone speck does not join two lines
        for top, bottom in _spans(rows):
            columns = np.asarray(strip[top:bottom].any(axis=0))
            if low <= bottom - top <= high and len(_spans(columns)) >= LINE_MIN_RUNS:
                count += 1
    return count


def _spans(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def confirm_textless(engine, image: Image.Image, number: int, dpi: int) -> int:
    """Words a quick read of the page at CONFIRM_DPI finds (2+ letters, confident); the page is skipped only
    under CONFIRM_MAX_WORDS. `engine` is any OCR engine (its `quick_page` when it has one: no rotation)."""
    factor = max(1, round(dpi / CONFIRM_DPI))
    small = image.reduce(factor) if factor > 1 else image
    read = getattr(engine, "quick_page", engine.ocr_page)
    page = read(small, number, max(1, round(dpi / factor)))
    if page.words:
        texts = [w.text for w in page.words if w.conf >= CONFIRM_MIN_CONF]
    else:  # an engine that gives text without words
        texts = page.text.split()
    return sum(1 for text in texts if sum(c.isalpha() for c in text) >= 2)


def textless_reason(engine, image: Image.Image, number: int, dpi: int) -> str | None:
    """Why the page is not worth OCR (blank; no text, as a quick low-resolution read confirms), else None."""
    reason = skip_reason(image, dpi)
    if reason is None or reason.startswith("blank"):
        return reason
    try:
        words = confirm_textless(engine, image, number, dpi)
    except OcrError:
        return None
    return f"{reason}, {words} words at low resolution" if words < CONFIRM_MAX_WORDS else None
