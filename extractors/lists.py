"""Splitting an article body into list items, tolerant of OCR that detaches 'a.' markers from their text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# 'a.', '1)', '-'; OCR doubles the dot or floats one after the marker ('a..', 'e. . Text').
TOP_MARKER = re.compile(
    r"^[ \t]*(?:\(?(?P<n>\d{1,2}|[a-zA-Z])[.)][.,]?|(?P<b>[-•*·]))[ \t]+(?:[.,][ \t]+)?(?=\S)"
)
SUB_MARKER = re.compile(r"^[ \t]*\d{1,2}\.\d{1,2}\.?[ \t]+")
BARE_MARKER = re.compile(r"^[ \t]*\(?(?:\d{1,2}|[a-zA-Z])[.)][ \t]*$")
_PADDING = re.compile(r"[ \t]*[-\u2014\u2013=_~]{3,}.*$")
ENDS_ITEM = re.compile(r"(?:[;:.]|[,;]\s*(?:dan|serta|atau|and|or)|\b(?:dan|serta|and))\s*$")


@dataclass
class Item:
    start: int
    end: int
    text: str


def _marker_value(m: re.Match[str]) -> int | None:
    n = m.group("n")
    if n is None:
        return None
    return int(n) if n.isdigit() else ord(n.lower()) - ord("a") + 1


def _lines(text: str, offset: int) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if line.strip() and not BARE_MARKER.match(line):
            out.append((offset + m.start(), offset + m.end(), line))
    return out


def split_items(text: str, offset: int = 0) -> list[Item]:
    """Items of an enumeration; sub-items (1.1, 1.2) stay inside their parent."""
    items: list[list[tuple[int, int, str]]] = []
    expected: int | None = None
    has_sub = False
    for start, end, line in _lines(text, offset):
        top = TOP_MARKER.match(line)
        value = _marker_value(top) if top else None
        prev = items[-1][-1][2] if items else ""
        if SUB_MARKER.match(line):
            new, has_sub = not items, True
        elif top and (value is None or expected is None or value in (expected, 1) or not has_sub):
            new, has_sub = True, False
            expected = (value or 0) + 1 if value else expected
        elif top:
            new = False
        else:
            starts_upper = line.strip()[:1].isupper()
            new = not items or (not has_sub and starts_upper and bool(ENDS_ITEM.search(prev)))
            new = new or (not has_sub and starts_upper and prev.rstrip().endswith(","))
        if new:
            items.append([(start, end, line)])
        else:
            items[-1].append((start, end, line))
    return [Item(group[0][0], group[-1][1], _item_text(group)) for group in items]


def _item_text(group: list[tuple[int, int, str]]) -> str:
    # OCR reads the dash padding of typed contracts ('text.-----') and the rest of its line as debris.
    text = "\n".join(_PADDING.sub("", line) for _, _, line in group)
    text = TOP_MARKER.sub("", text, count=1)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)
    text = re.sub(r"\n[ \t]*\d{1,2}\.\d{1,2}\.?[ \t]+", "; ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"[,;]?\s*(?:dan|serta|atau|and|or)\s*$", "", text).strip()
    return text.strip(" ;:,.")


def split_sentence_enumeration(text: str) -> list[str]:
    """'a, b dan c, d, and e' -> fields; a trailing 'especially ...' qualifier is dropped."""
    text = re.split(r",\s*(?:especially|particularly|terutama|khususnya|in\s+particular)\b", text)[0]
    parts = re.split(r",\s*(?:dan|and|serta)\s+|,\s*|\s+(?:dan|and)\s+(?=[^,]*$)", text)
    return [p.strip(" .;:") for p in parts if p.strip(" .;:")]
