"""PDF text layer: words with boxes from pdfplumber, and the predicate deciding whether it is real text."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils import extract_words

from schemas.pages import Page, Word

log = logging.getLogger(__name__)

LINE_TOLERANCE = 3.0  # points: words whose tops differ less share a line
PARAGRAPH_GAP = 1.6  # a vertical gap over this many line heights starts a paragraph
MIN_CHARS = 40  # fewer characters than this is no text layer at all
MIN_WORDLIKE_SHARE = 0.80  # digital text
MIN_WORDLIKE_SHARE_OVER_IMAGE = (
    0.97  # someone else's OCR over a scan: ours is better unless it is near-perfect
)
FULL_PAGE_IMAGE_SHARE = 0.6
MAX_CURVES_WITHOUT_TEXT = 40  # more curves than this on a page without text may be outlined glyphs

_WORDLIKE = re.compile(
    r"""^[(\["'“‘]*(
        [A-Za-z][a-z]+(-[A-Za-z]?[a-z]+)*     # word, Capitalised word, hyphenated
      | [A-Z]{2,}(-[A-Z]+)*                   # ACRONYM / UPPER CASE
      | [A-Za-z]                              # single letter (a, b, I)
      | \d+([.,:/-]\d+)*                      # numbers, dates, 1.000,00
      | [A-Za-z]?\d+[A-Za-z]?[.)]?            # 1), a), 2a.
      | [\w./-]*\d[\w./-]*                    # reference numbers 123/UN30/KS/2021
    )[)\]"'”’.,;:!?]*$""",
    re.VERBOSE,
)
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_CASE_FLIP = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")  # tnlrvERsITY, UNWERSITy: OCR garbage
_LETTER_DIGIT = re.compile(r"[A-Za-z]{3,}\d|\d[a-z]{3,}")  # Indonesi4


@dataclass(frozen=True)
class TextLayerVerdict:
    use_text_layer: bool
    reason: str
    score: float


def wordlike_share(words: list[str]) -> float:
    """Share of tokens that look like real words or numbers (scanner OCR garbage scores low)."""
    if not words:
        return 0.0
    good = 0
    for token in words:
        if not _WORDLIKE.match(token):
            continue
        letters = re.sub(r"[^A-Za-z]", "", token)
        if len(letters) > 3 and not _VOWEL.search(letters):
            continue
        if _CASE_FLIP.search(token) or _LETTER_DIGIT.search(token):
            continue
        good += 1
    return good / len(words)


def is_text_layer_usable(
    text: str, words: list[str], covered_by_image: bool, nothing_to_ocr: bool = False
) -> TextLayerVerdict:
    """Decide whether a page's PDF text layer is real text, or the page must be OCR'd.

    `nothing_to_ocr`: the page has no image and no outlined glyphs, so OCR could find nothing more.
    """
    chars = len(text.strip())
    if chars < MIN_CHARS:
        if nothing_to_ocr:
            return TextLayerVerdict(True, f"digital page with {chars} characters and nothing to OCR", 1.0)
        return TextLayerVerdict(False, f"text layer has {chars} characters: OCR", 0.0)
    score = wordlike_share(words)
    threshold = MIN_WORDLIKE_SHARE_OVER_IMAGE if covered_by_image else MIN_WORDLIKE_SHARE
    kind = "over a page-size image (scanner OCR layer)" if covered_by_image else "digital"
    if score < threshold:
        return TextLayerVerdict(False, f"text layer {kind} scores {score:.2f} < {threshold}: OCR", score)
    return TextLayerVerdict(True, f"text layer {kind} scores {score:.2f} >= {threshold}: use it", score)


@dataclass(frozen=True)
class PageLayout:
    """What the text-layer decision needs from one pdfplumber page, from one walk over its pdfminer layout.

    `chars` are lean versions of pdfplumber's char dicts: only the keys word extraction reads, with the
    same values (`Page.process_object`'s coordinates); `images` are pdfplumber's own image dicts.
    """

    width: float
    height: float
    chars: list[dict]
    images: list[dict]
    curves: int  # pdfplumber's `page.curves` (LTCurve proper: lines and rects are not curves)


def page_layout(plumber_page) -> PageLayout:
    """Walk `plumber_page.layout` once, as `Page.iter_layout_objects` does, without building pdfplumber's
    full dict of every character (`page.chars` costs more than the layout itself): the chars that
    `extract_words` needs, the images `covered_by_image` needs and the number of curves."""
    height = plumber_page.height
    mb_x0, mb_top = plumber_page.mediabox[:2]
    doctop = plumber_page.initial_doctop
    norm = plumber_page.pdf.unicode_norm
    chars: list[dict] = []
    images: list[dict] = []
    curves = 0
    stack = [iter(plumber_page.layout)]
    while stack:
        for obj in stack[-1]:
            cls = type(obj)
            if cls is LTChar:
                text = obj.get_text()
                top = (height - obj.y1) + mb_top
                fontname = obj.fontname
                chars.append(
                    {
                        "text": normalize_unicode(norm, text) if norm is not None else text,
                        "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                        "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                        "top": top,
                        "bottom": (height - obj.y0) + mb_top,
                        "doctop": doctop + top,
                        "upright": obj.upright,
                        "size": obj.size,
                        "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname,
                    }
                )
            elif isinstance(obj, LTContainer):  # LTFigure (and text boxes, were laparams set): its children
                stack.append(iter(obj))
                break
            elif isinstance(obj, LTImage):
                images.append(plumber_page.process_object(obj))
            elif cls is LTCurve:
                curves += 1
        else:
            stack.pop()
    return PageLayout(float(plumber_page.width), float(height), chars, images, curves)


def page_from_plumber(plumber_page, number: int, layout: PageLayout | None = None) -> Page:
    """Lay out pdfplumber's words into lines and paragraphs, keeping each word's span and box."""
    if layout is None:
        layout = page_layout(plumber_page)
    raw = extract_words(layout.chars, keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    lines: list[list[dict]] = []
    for w in sorted(raw, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    prev_bottom: float | None = None
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        height = max(w["bottom"] - w["top"] for w in line) or 1.0
        if prev_bottom is not None:
            sep = "\n\n" if line[0]["top"] - prev_bottom > PARAGRAPH_GAP * height else "\n"
            parts.append(sep)
            length += len(sep)
        for i, w in enumerate(line):
            if i:
                parts.append(" ")
                length += 1
            text = w["text"]
            words.append(
                Word(text, length, length + len(text), (w["x0"], w["top"], w["x1"], w["bottom"]), 1.0)
            )
            parts.append(text)
            length += len(text)
        prev_bottom = max(w["bottom"] for w in line)
    return Page(number, "".join(parts), "text_layer", words, None, layout.width, layout.height)


def nothing_to_ocr(layout: PageLayout) -> bool:
    """No image and hardly any curves (text drawn as outlines would be curves): OCR would read nothing."""
    return not layout.images and layout.curves < MAX_CURVES_WITHOUT_TEXT


def covered_by_image(layout: PageLayout) -> bool:
    """True when an image covers most of the page: a scan, whatever text lies on top of it."""
    area = layout.width * layout.height or 1.0
    for im in layout.images:
        w = abs(float(im["x1"]) - float(im["x0"]))
        h = abs(float(im["bottom"]) - float(im["top"]))
        if w * h / area >= FULL_PAGE_IMAGE_SHARE:
            return True
    return False
