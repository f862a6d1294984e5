"""Two-column rows read with the OCR word boxes: what a wrapped left column carries on the next lines.

Party tables print 'Name : Post' rows. When the name is long ('Dr. Eng. Ana Dwi / Putri, S.Si., M.T.')
it wraps inside its column, and OCR, which reads line by line across the page, interleaves the rest of
the name with the post ('Putri, S.Si., M.T. Alam Universitas ...'). The words' boxes tell the columns
apart: whatever starts left of the row's separator belongs to the name.
"""

from __future__ import annotations

import re

from extractors.normalise import DocText
from schemas.pages import Word

_NEW_ROW = re.compile(r"^\W*(?:\d{1,2}|[IVXLl]{1,4})[.)]|:")
MAX_WRAPPED_LINES = 2


def words_in(doc: DocText, start: int, end: int) -> list[Word]:
    """The page words that a span of the normalised text covers, in reading order."""
    if end <= start or not doc.src:
        return []
    rs, re_ = doc.raw_span(start, end)
    idx = doc.page_index(rs)
    page, ps = doc.pages[idx], doc.page_starts[idx]
    return [w for w in page.words if w.bbox and w.start >= rs - ps and w.end <= re_ - ps]


def separator_x(doc: DocText, pos: int) -> float | None:
    """Left edge of the word that holds the separator at normalised position `pos` (None without boxes)."""
    words = words_in(doc, pos, pos + 1) or words_in(doc, max(pos - 1, 0), pos + 1)
    return words[0].bbox[0] if words and words[0].bbox else None


def left_continuation(doc: DocText, row_end: int, gutter: float) -> str:
    """Text of the left column on the lines after a row (up to MAX_WRAPPED_LINES), until a new row."""
    parts: list[str] = []
    pos = row_end
    for _ in range(MAX_WRAPPED_LINES):
        if pos >= len(doc.text) or doc.text[pos] != "\n":
            break
        end = doc.text.find("\n", pos + 1)
        end = len(doc.text) if end < 0 else end
        left = [w.text for w in words_in(doc, pos + 1, end) if w.bbox and w.bbox[2] < gutter]
        text = " ".join(left).strip(" |")
        if not re.search(r"[A-Za-z]", text) or _NEW_ROW.match(text):
            break
        parts.append(text)
        pos = end
    return " ".join(parts)


def reflow_row(doc: DocText, row_start: int, gutter: float, end: int) -> str:
    """A two-column row read column by column: the left column's lines, ' : ', the right column's lines
    (from the row's first line to `end`), so wrapped names and posts read whole."""
    left: list[str] = []
    right: list[str] = []
    pos = row_start
    while pos < end:
        line_end = doc.text.find("\n", pos)
        line_end = end if line_end < 0 or line_end > end else line_end
        words = words_in(doc, pos, line_end)
        left += [w.text for w in words if w.bbox and w.bbox[2] < gutter]
        right += [w.text for w in words if w.bbox and w.bbox[2] >= gutter]
        pos = line_end + 1
    name = " ".join(w for w in left if w.strip("|:"))
    return f"{name} : {' '.join(w for w in right if w.strip('|:'))}"
