"""Document numbers printed in the title block ("Nomor :", "Number :") and the parent agreement of a PKS."""

from __future__ import annotations

import re

from extractors.fields import GOOD, STRONG, make
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from schemas.record import ExtractedField

NUMBER_LINE = re.compile(
    r"^[ \t'\"`.,|~\-]*(?P<label>(?:Nomor|NOMOR|No\.?|NO\.?|Number|NUMBER|[A-Z][A-Za-z]{1,20})[^\n:]{0,40}?)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]*\S)",
    re.MULTILINE,
)
LOOSE_VALUE = re.compile(r"^[ \t]*:[ \t]*(?P<value>[^\s:][^\n]*/[^\n]*\S)", re.MULTILINE)
PARENT_RE = re.compile(
    r"(?:Nota\s+Kesepa(?:haman|katan)|Kesepa(?:haman|katan)\s+Bersama|Memorandum\s+of\s+Understanding|\bMoU\b)"
    r"[^.;]{0,160}?(?:Nomor|No\.?|Number)\s*:?\s*(?P<num>[^\s,;]+/[^\s,;]+)",
    re.IGNORECASE,
)
_ROMANISH = re.compile(r"^[IVXl1!|]{1,4}$")


def _fix_segment(seg: str) -> str:
    if _ROMANISH.match(seg) and re.search(r"[IVX]", seg) and not seg.isdigit():
        return re.sub(r"[l1!|]", "I", seg)
    return seg


def normalise_number(value: str) -> str:
    """Spaces around '/' removed, '$' read as 5, Roman month segments repaired."""
    value = clean(value.split("  ")[0]).rstrip(" |")
    value = re.sub(r"\s*/\s*", "/", value).replace("$", "5")
    value = value.split(" ")[0] if " " in value and "/" in value.split(" ")[0] else value
    value = re.sub(r"\s+(?=Tahun\b)", " ", value)
    parts = re.split(r"([/\-.])", value)
    return "".join(_fix_segment(p) for p in parts).strip(" .,;:|")


def _looks_like_number(value: str, labelled: bool = False) -> bool:
    """A document number: digits with '/' separators, or (after a 'Nomor' label) dotted/hyphenated codes."""
    shaped = "/" in value or (labelled and bool(re.search(r"[A-Za-z0-9][.\-][A-Za-z0-9]", value)))
    return shaped and bool(re.search(r"\d", value)) and len(value) <= 60


def _region_end(doc: DocText, segs: Segments) -> int:
    title = segs.first("title")
    if title and title.end > 0:
        return title.end
    first_article = segs.first("article")
    return min(first_article.start if first_article else len(doc.text), 2500)


def extract_numbers(doc: DocText, segs: Segments) -> list[ExtractedField]:
    """One field per printed number line in the title block (numbers cited in recitals are not ours)."""
    end = _region_end(doc, segs)
    found: list[tuple[str, int, int, float]] = []
    for m in NUMBER_LINE.finditer(doc.text, 0, end):
        value = normalise_number(m.group("value"))
        label = m.group("label").lower()
        labelled = bool(re.match(r"\s*(nomor|no|number)", label))
        if re.search(r"tahun|tanggal|telp|fax|date", label) or not _looks_like_number(value, labelled):
            continue
        strength = STRONG if labelled else GOOD
        found.append((value, m.start("value"), m.end("value"), strength))
    for m in LOOSE_VALUE.finditer(doc.text, 0, end):
        value = normalise_number(m.group("value"))
        if _looks_like_number(value) and all(abs(m.start("value") - f[1]) > 2 for f in found):
            found.append((value, m.start("value"), m.end("value"), GOOD))
    out: list[ExtractedField] = []
    seen: set[str] = set()
    for value, s, e, strength in sorted(found, key=lambda f: f[1]):
        key = re.sub(r"\W", "", value.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(make(doc, value, [(s, e)], strength))
    return out


def extract_parent(doc: DocText, segs: Segments, doc_type: str | None) -> ExtractedField:
    """The MoU a PKS implements, when its recitals cite it by number."""
    if doc_type == "MoU":
        return ExtractedField()
    first_article = segs.first("article")
    end = first_article.start if first_article else min(len(doc.text), 6000)
    m = PARENT_RE.search(doc.text, 0, end)
    if not m:
        return ExtractedField()
    return make(doc, clean(doc.text[m.start() : m.end()]), [(m.start(), m.end())], GOOD)
