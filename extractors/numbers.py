"""Document numbers printed in the title block ("Nomor :", "Number :") and the parent agreement of a PKS."""

from __future__ import annotations

import re

from extractors.fields import GOOD, STRONG, make
from extractors.lang import numbers as words
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from schemas.record import ExtractedField

NUMBER_LINE = re.compile(
    r"^[ \t'\"`.,|~\-]*(?P<label>(?:Nomor|NOMOR|No\.?|NO\.?|Number|NUMBER|[A-Z][A-Za-z]{1,20})[^\n:]{0,40}?)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]*\S)",
    re.MULTILINE,
)
LOOSE_VALUE = re.compile(r"^[ \t]*:[ \t]*(?P<value>[^\s:][^\n]*/[^\n]*\S)", re.MULTILINE)
# A number without a colon after its label ("No. 12/UN30/2020", "Nomor 12/...", dotted leaders).
BARE_NUMBER_LINE = re.compile(
    rf"^[ \t'\"`.,|~\-]*(?i:{words.NUMBER_LABELS})(?![A-Za-z])[ \t.]*(?P<value>[^\s:.][^\n:]*/[^\n]*\S)",
    re.MULTILINE,
)
# A number token (letters, digits, '/', '.', '-'), with an optional "Tahun 2020" suffix.
_NUM_TOKEN = rf"[A-Za-z0-9][\w./\-]*(?:[ \t]*/[ \t]*[\w.\-]+)*(?:\s+{words.YEAR_SUFFIX}\s+\d{{4}})?"
_WHOLE_LINE_NUMBER = re.compile(
    rf"[A-Za-z0-9](?:[\w/\-]|\.(?!\.)|\s*/\s*)*(?:\s+{words.YEAR_SUFFIX}\s+\d{{4}})?"
)
_CONTINUATION = re.compile(rf"\n[ \t]*(?P<rest>[/.\-]?{_NUM_TOKEN})[ \t]*(?=\n|$)")
_PARENT_NAMES = "|".join(words.PARENT_MOU_NAMES)
_PARENT_ANY = "|".join(words.PARENT_MOU_NAMES + words.PARENT_AGREEMENT_NAMES)
_LABEL = rf"(?<![A-Za-z]){words.NUMBER_LABELS}(?![A-Za-z])"
_PARENT_TAIL = rf"[^.;]{{0,160}}?{_LABEL}\s*[:.]?\s*(?P<num>{_NUM_TOKEN})"
PARENT_RE = re.compile(rf"(?:{_PARENT_NAMES}){_PARENT_TAIL}", re.IGNORECASE)
PARENT_ANY_RE = re.compile(rf"(?:{_PARENT_ANY}){_PARENT_TAIL}", re.IGNORECASE)
_INLINE_LABEL = re.compile(
    r"(?<=\s)(?:Nomor|NOMOR|No\.|NO\.|Number|NUMBER)[ \t]*:[ \t]*(?P<value>[^\s:][^\n:]*?)(?=\s*$)"
)
_ROMANISH = re.compile(r"^[IVXl1!|]{1,4}$")


def _fix_segment(seg: str) -> str:
    if _ROMANISH.match(seg) and re.search(r"[IVX]", seg) and not seg.isdigit():
        return re.sub(r"[l1!|]", "I", seg)
    return seg


def normalise_number(value: str) -> str:
    """Spaces around '/' removed, '$' read as 5, a colon between digits as a stop, stray symbols dropped,
    Roman month segments repaired."""
    value = clean(value.split("  ")[0]).rstrip(" |")
    value = re.sub(r"\s*/\s*", "/", value).replace("$", "5")
    value = re.sub(r"(?<=\d):(?=\d)", ".", value)  # 'KS.00:00': a stop read as a colon
    value = re.sub(r"[\u00a2\u00a9\u00ae\u00b0\u2122\u00a7]", "", value)  # specks read as symbols
    value = re.sub(r"[*#~\"'`]", "", value)  # specks inside the number ('HK.03/*DIR')
    # a speck read as a short word after the number ('W17.HM.05.02-1152 eae')
    value = re.sub(r"(?<=\d)[ \t]+[A-Za-z]{1,4}$", "", value)  # ('Tahun' has five letters: never dropped)
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


def _continued(doc: DocText, value: str, start: int, end: int, region_end: int) -> tuple[str, int]:
    """A number that wraps: the next line carries on when the value ends on, or the next line starts with,
    a separator, or the next line is itself a number fragment ('IV/2016', 'Tahun 2020')."""
    m = _CONTINUATION.match(doc.text, end)
    if not m or m.end() > region_end + 200:
        return value, end
    rest, raw = m.group("rest"), doc.text[start:end].rstrip()
    joins = raw[-1:] in "/.-" or rest[:1] in "/.-"
    fragment = bool(re.fullmatch(rf"(?:[\w.\-]*/[\w./\-]*\d[\w./\-]*|{words.YEAR_SUFFIX}\s+\d{{4}})", rest))
    if not (joins or fragment) or re.match(words.NUMBER_LABELS + r"\b", rest, re.IGNORECASE):
        return value, end
    sep = " " if re.match(words.YEAR_SUFFIX, rest, re.IGNORECASE) else ""
    return normalise_number(raw + sep + rest), m.end("rest")


def extract_numbers(doc: DocText, segs: Segments) -> list[ExtractedField]:
    """One field per printed number line in the title block (numbers cited in recitals are not ours)."""
    end = _region_end(doc, segs)
    found: list[tuple[str, int, int, float]] = []
    for m in NUMBER_LINE.finditer(doc.text, 0, end):
        value = normalise_number(m.group("value"))
        label = m.group("label").lower()
        labelled = bool(re.match(r"\s*(nomor|no|number)", label))
        if re.search(r"tahun|tanggal|telp|fax|date", label):
            continue
        value, stop = _continued(doc, value, m.start("value"), m.end("value"), end)  # before the shape test:
        if not _looks_like_number(value, labelled):  # 'M.HH-' alone has no digit yet
            continue
        strength = STRONG if labelled else GOOD
        found.append((value, m.start("value"), stop, strength))
        for inline in _INLINE_LABEL.finditer(doc.text, m.start("value"), m.end("value")):
            second = normalise_number(inline.group("value"))  # two columns: 'Nomor : A   Nomor : B'
            if _looks_like_number(second, True):
                found.append((second, inline.start("value"), inline.end("value"), strength))
    for rx, strength in ((BARE_NUMBER_LINE, GOOD), (LOOSE_VALUE, GOOD)):
        for m in rx.finditer(doc.text, 0, end):
            value = normalise_number(m.group("value"))
            if rx is BARE_NUMBER_LINE and not _WHOLE_LINE_NUMBER.fullmatch(clean(m.group("value"))):
                continue  # without a colon, the line must be the label and the number alone
            if _looks_like_number(value) and all(abs(m.start("value") - f[1]) > 2 for f in found):
                value, stop = _continued(doc, value, m.start("value"), m.end("value"), end)
                found.append((value, m.start("value"), stop, strength))
    out: list[ExtractedField] = []
    seen: set[str] = set()
    for value, s, e, strength in sorted(found, key=lambda f: f[1]):
        key = re.sub(r"\W", "", value.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(make(doc, value, [(s, e)], strength))
    return out


def _key(value: str) -> str:
    return re.sub(r"\W", "", value.lower())


def extract_parent(doc: DocText, segs: Segments, doc_type: str | None) -> ExtractedField:
    """The agreement a PKS implements (its MoU), an addendum amends or a report reports on, cited in the
    recitals by number: the number alone, never one of this document's own numbers."""
    if doc_type == "MoU":
        return ExtractedField()
    first_article = segs.first("article")
    end = first_article.start if first_article else min(len(doc.text), 6000)
    own = {_key(f.value) for f in extract_numbers(doc, segs) if f.value}
    rx = PARENT_ANY_RE if doc_type in ("addendum", "report") else PARENT_RE  # a report may cite its PKS
    for m in rx.finditer(doc.text, 0, end):
        value = normalise_number(m.group("num"))
        if _key(value) in own or not _looks_like_number(value, labelled=True):
            continue
        if any(_key(value).startswith(k) or k.startswith(_key(value)) for k in own if len(k) > 6):
            continue
        return make(doc, value, [(m.start("num"), m.end("num"))], GOOD)
    return ExtractedField()
