"""Bilingual pages printed side by side: read the left column, then the right one.

A bilingual agreement often prints the Indonesian text in the left column and the English one in the
right. OCR reads such a page line by line across the gutter, so every line holds half a sentence of each
language ('a. Penyuluhan hukum kepada masyarakat; a. Legal counselling for the public;') and list items,
sentences and headings of the two versions interleave. The words' boxes show the gutter: a vertical band
near the middle of the page that most lines have words on both sides of and none across. Where the two
sides are in different languages, the page is read column by column (runs of lines between lines that
cross the gutter, such as a centred title, stay in place).

The reordering is a permutation of the page's characters, kept in the offset map, so evidence still
points at the page's own text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractors.bilingual import text_language
from schemas.pages import Page

MIN_SPLIT_LINES = 8  # lines with words on both sides of the gutter
MIN_SPLIT_SHARE = 0.35  # of the lines with words
MAX_CROSSING_SHARE = 0.4  # lines with a word across the gutter (a centred title, a full-width opening)
GUTTER_GAP = 2.5  # the gutter's gap on a split line, in word heights (a centred title's word gap is less)
GUTTER_RANGE = (0.3, 0.7)  # where on the page a gutter is looked for (share of the text width)


@dataclass(frozen=True)
class _Line:
    start: int  # page-text offsets of the line (without its newline)
    end: int
    cut: int | None  # offset where the right column starts (None: no word right of the gutter)
    side: str  # 'both' | 'left' | 'right' | 'cross' | 'blank'


def _lines(page: Page) -> list[tuple[int, int, list]]:
    """(start, end, words) of each line of the page text."""
    out = []
    pos = 0
    words = sorted((w for w in page.words if w.bbox), key=lambda w: w.start)
    k = 0
    for line in page.text.split("\n"):
        end = pos + len(line)
        mine = []
        while k < len(words) and words[k].start < end:
            if words[k].start >= pos:
                mine.append(words[k])
            k += 1
        out.append((pos, end, mine))
        pos = end + 1
    return out


def _classify(lines: list[tuple[int, int, list]], gutter: float, min_gap: float = 0.0) -> list[_Line]:
    out = []
    for start, end, words in lines:
        if not words:
            out.append(_Line(start, end, None, "blank"))
            continue
        left = [w for w in words if w.bbox[2] <= gutter]
        right = [w for w in words if w.bbox[0] >= gutter]
        gap = min(w.bbox[0] for w in right) - max(w.bbox[2] for w in left) if left and right else None
        narrow = gap is not None and gap < min_gap
        if len(left) + len(right) < len(words) or narrow:
            out.append(_Line(start, end, None, "cross"))
        elif left and right:
            out.append(_Line(start, end, min(w.start for w in right), "both"))
        elif left:
            out.append(_Line(start, end, None, "left"))
        else:
            out.append(_Line(start, end, start, "right"))
    return out


def _min_gap(boxes: list) -> float:
    """A gutter is wider than a word gap: GUTTER_GAP word heights (the median height)."""
    heights = sorted(b[3] - b[1] for b in boxes)
    return GUTTER_GAP * heights[len(heights) // 2]


def _gutter(lines: list[tuple[int, int, list]]) -> float | None:
    """The x of the gutter that most lines split at, when enough do and few cross it (every candidate x
    tested at once over the word boxes)."""
    rows = [(i, w.bbox) for i, (_, _, words) in enumerate(lines) for w in words]
    with_words = len({i for i, _ in rows})
    if with_words < MIN_SPLIT_LINES:
        return None
    line_of = np.array([i for i, _ in rows])
    min_gap = _min_gap([b for _, b in rows])
    boxes = np.array([(b[0], b[2]) for _, b in rows], dtype=float)
    x0, x1 = boxes[:, 0].min(), boxes[:, 1].max()
    xs = x0 + (x1 - x0) * np.linspace(GUTTER_RANGE[0], GUTTER_RANGE[1], 81)
    starts = np.flatnonzero(np.r_[True, line_of[1:] != line_of[:-1]])  # rows are grouped by line

    def per_line(mask: np.ndarray) -> np.ndarray:  # (words, xs) -> (lines, xs): any word of the line
        return np.maximum.reduceat(mask.astype(np.int8), starts, axis=0).astype(bool)

    cross = per_line((boxes[:, 0:1] < xs) & (boxes[:, 1:2] > xs))
    # the gap at x between the line's last word left of it and its first word right of it
    left_end = np.maximum.reduceat(np.where(boxes[:, 1:2] <= xs, boxes[:, 1:2], -np.inf), starts, axis=0)
    right_start = np.minimum.reduceat(np.where(boxes[:, 0:1] >= xs, boxes[:, 0:1], np.inf), starts, axis=0)
    gap = right_start - left_end
    both = np.isfinite(gap)  # words on both sides (an empty side gives an infinite gap)
    wide = both & (gap >= min_gap)
    split = (wide & ~cross).sum(axis=0)
    crossing = (cross | (both & ~wide)).sum(axis=0)
    ok = (split >= MIN_SPLIT_LINES) & (split >= MIN_SPLIT_SHARE * with_words)
    ok &= crossing <= MAX_CROSSING_SHARE * with_words
    if not ok.any():
        return None
    best = int(np.argmax(np.where(ok, split, -1)))
    return float(xs[best])


def column_order(page: Page) -> list[tuple[int, int]] | None:
    """The page text as (start, end) pieces in column reading order, or None when the page is not two
    columns of different languages. Pieces are joined with newlines."""
    lines = _lines(page)
    gutter = _gutter(lines)
    if gutter is None:
        return None
    classified = _classify(lines, gutter, _min_gap([w.bbox for _, _, words in lines for w in words]))
    left_parts = [page.text[c.start : c.cut or c.end] for c in classified if c.side in ("both", "left")]
    right_parts = [page.text[c.cut : c.end] for c in classified if c.side in ("both", "right") and c.cut]
    left_text, right_text = " ".join(left_parts), " ".join(right_parts)
    lang_left, lang_right = text_language(left_text), text_language(right_text)
    if lang_left is None or lang_right is None or lang_left == lang_right:
        return None
    pieces: list[tuple[int, int]] = []
    left: list[tuple[int, int]] = []
    right: list[tuple[int, int]] = []

    def flush() -> None:
        pieces.extend(left)
        pieces.extend(right)
        left.clear()
        right.clear()

    for c in classified:
        if c.side == "cross":
            flush()
            pieces.append((c.start, c.end))
        elif c.side == "both" and c.cut is not None:
            left.append((c.start, c.cut))
            right.append((c.cut, c.end))
        elif c.side == "left":
            left.append((c.start, c.end))
        elif c.side == "right":
            right.append((c.start, c.end))
        else:  # a blank line separates paragraphs on both sides
            left.append((c.start, c.start))
            right.append((c.start, c.start))
    flush()
    return pieces
