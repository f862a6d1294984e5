"""Splitting an article body into list items, tolerant of OCR that detaches 'a.' markers from their text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# 'a.', '1)', 'ii.', '-'; OCR doubles the dot or floats one after the marker ('a..', 'e. . Text').
TOP_MARKER = re.compile(
    r"^[ \t]*(?:\(?(?:(?P<r>ii|iii|iv|vi|vii|viii|ix|xi|xii|II|III|IV|VI|VII|VIII|IX|XI|XII)"
    r"|(?P<n>\d{1,2}|[a-zA-Z]))[.)][.,]?|(?P<b>[-•*·]))[ \t]+(?:[.,][ \t]+)?(?=\S)"
)
SUB_MARKER = re.compile(r"^[ \t]*\d{1,2}\.\d{1,2}\.?[ \t]+")
BARE_MARKER = re.compile(r"^[ \t]*\(?(?:\d{1,2}|[a-zA-Z])[.)]?[ \t]*$")  # a marker alone on its line ('d')
# Dash padding of typed contracts ('text.-----', 'text.— nn nnn', OCR of the dashes) and the rest of its line.
_PADDING = re.compile(r"[ \t]*[-\u2014\u2013=_~]{3,}.*$|(?<=[.;:])[ \t]*[-\u2014\u2013]+(?:[ \t][^\n]*)?$")
# OCR of a lost or garbled marker ('&', '(2?)') or a speck before the first word.
_DEBRIS = re.compile(r"^[\s&|'\"~`]*(?:\(\d{1,2}[^\w\s)]\)[ \t]*)?")
# A marker OCR garbled into a speck or a short token with a speck ('er \u2018Exchange', '\u00a2. Prevention').
_MARKER_SPECK = re.compile(
    r"^(?:[A-Za-z]{1,2}[.,)]?[ \t]+[\"'`\u2018\u2019\u201c\u201d]|[^\w\s|(\[]{1,3}[.,]?[ \t]+)"
)
ENDS_ITEM = re.compile(r"(?:[;:.]|[,;:]\s*(?:dan|serta|atau|and|or))\s*$")


@dataclass
class Item:
    start: int
    end: int
    text: str


_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman_value(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s.lower()):
        v = _ROMAN[ch]
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total


def _marker(m: re.Match[str], top_kind: str | None, expected: int | None, sub_kind: str | None):
    """(kind, value) of a list marker: digit, letter, roman or bullet. A lone 'i', 'v' or 'x' is a letter
    where the letter list expects it, a roman numeral in a roman list or where a list starts with 'i'."""
    if m.group("b"):
        return "bullet", None
    if m.group("r"):
        return "roman", _roman_value(m.group("r"))
    n = m.group("n")
    if n.isdigit():
        return "digit", int(n)
    letter = ord(n.lower()) - ord("a") + 1
    if n.lower() in "ivx" and not (top_kind == "letter" and expected == letter):
        if "roman" in (top_kind, sub_kind) or (n.lower() == "i" and top_kind != "letter"):
            return "roman", _roman_value(n)
        if top_kind == "letter" and n.lower() == "i":
            return "roman", 1
    return "letter", letter


def _furniture(line: str) -> bool:
    """Page furniture between items: a page number ('Hlm 2 dari 8'), a paraf box ('Pihak 1: Pihak 2:')."""
    s = line.strip()
    if len(re.findall(r"\bpihak\s*(?:\d|[IVX]{1,4}\b|[|!]|l\b)", s, re.IGNORECASE)) >= 2 and len(s) < 60:
        return True
    if re.fullmatch(r"paraf\W*|-\s*\d{1,3}\s*-.*", s, re.IGNORECASE) and len(s) < 60:
        return True
    if len(s) < 90 and re.search(
        r"\b(?:page|halaman|hal|hlm)\.?\s*\d{1,3}(?:\s*(?:of|dari)\s*\d{1,3})?$", s, re.I
    ):
        return True  # a running footer: 'University A & University B, Indonesia Page 2'
    return len(s) < 30 and bool(re.search(r"\b\d{1,3}\s+(?:dari|of)\s+\d{1,3}\b", s))


def marker_of(line: str, previous: tuple[str, int | None] | None = None) -> tuple[str, int | None] | None:
    """(kind, value) of the list marker a line opens with, read in the light of the previous marker."""
    m = TOP_MARKER.match(line)
    if not m:
        return None
    kind, expected = previous if previous else (None, None)
    return _marker(m, kind, (expected or 0) + 1 if expected else None, None)


def _lines(text: str, offset: int) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if line.strip() and not BARE_MARKER.match(line) and not _furniture(line):
            out.append((offset + m.start(), offset + m.end(), line))
    return out


def split_items(text: str, offset: int = 0) -> list[Item]:
    """Items of an enumeration; sub-items (1.1, 1.2, or a list of another marker kind after an item that
    ends with a colon: 'a. ... berikut:' then '1) ...', 'i. ...') stay inside their parent."""
    items: list[list[tuple[int, int, str]]] = []
    expected: int | None = None
    top_kind: str | None = None
    sub_kind: str | None = None  # marker kind of the sub-list inside the current item
    has_sub = False
    for start, end, line in _lines(text, offset):
        top = TOP_MARKER.match(line)
        kind, value = _marker(top, top_kind, expected, sub_kind) if top else (None, None)
        prev = _PADDING.sub("", items[-1][-1][2]).rstrip(" \t|'\"") if items else ""  # 'PERTAMA: | |'
        if SUB_MARKER.match(line):
            new, has_sub = not items, True
        elif top and items and top_kind and kind != top_kind and (sub_kind or _opens_list(prev)):
            new, has_sub, sub_kind = False, True, kind  # a nested list of another marker kind
        elif top and (value is None or expected is None or value in (expected, 1) or not has_sub):
            new, has_sub, sub_kind = True, False, None
            top_kind = top_kind or kind
            expected = (value or 0) + 1 if value else expected
        elif top:
            new = False
        else:
            starts_upper = _MARKER_SPECK.sub("", _DEBRIS.sub("", line))[:1].isupper()
            new = not items or (not has_sub and starts_upper and bool(ENDS_ITEM.search(prev)))
            new = new or (not has_sub and starts_upper and prev.rstrip().endswith(","))
        if new:
            items.append([(start, end, line)])
        else:
            items[-1].append((start, end, line))
    return [Item(group[0][0], group[-1][1], _item_text(group)) for group in items]


def _opens_list(line: str) -> bool:
    """An item line announcing sub-items: it ends with a colon ('dalam hal:', 'sebagai berikut:')."""
    return _PADDING.sub("", line).rstrip(" |").endswith(":")


def _item_text(group: list[tuple[int, int, str]]) -> str:
    # OCR reads the dash padding of typed contracts ('text.-----') and the rest of its line as debris.
    text = "\n".join(_PADDING.sub("", line) for _, _, line in group)
    text = _DEBRIS.sub("", TOP_MARKER.sub("", text, count=1))
    text = _MARKER_SPECK.sub("", text) if not TOP_MARKER.match(group[0][2]) else text
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)
    text = re.sub(r"\n[ \t]*\d{1,2}\.\d{1,2}\.?[ \t]+", "; ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"[,;]?\s*(?:dan|serta|atau|and|or)\s*$", "", text).strip()
    return text.strip(" ;:,.|")


def split_sentence_enumeration(text: str) -> list[str]:
    """'a, b dan c, d, and e' -> fields; a trailing 'especially ...' qualifier is dropped."""
    text = re.split(r",\s*(?:especially|particularly|terutama|khususnya|in\s+particular)\b", text)[0]
    parts = re.split(r",\s*(?:dan|and|serta)\s+|,\s*|\s+(?:dan|and)\s+(?=[^,]*$)", text)
    return [p.strip(" .;:") for p in parts if p.strip(" .;:")]
