"""Page concatenation and OCR-noise normalisation that keeps an offset map back to every page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from schemas.pages import Page
from schemas.record import Evidence

PAGE_SEPARATOR = "\n\n"
_TRANSLATE = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "\u00a0": " "}
)
_DIGITISH = str.maketrans({"l": "1", "I": "1", "|": "1", "i": "1", "O": "0", "o": "0", "!": "1"})

# OCR-noise repairs: (pattern, replacement builder). Replacements may change the length.
_PIHAK = re.compile(r"\b[PF][Il1|!i][HIl1|!]{0,3}[Aa4][KkX]\b|\bP[Il1|!]HAK\b|\bPIH[AK]\b(?=\s+(?:KE|PER))")
_UNIV = re.compile(r"\bUN[IT1l|!][VY]ERS[IT1l|!]TAS\b|\bN[IT1l]VERS[IT1l]TAS\b", re.IGNORECASE)
_PASAL = re.compile(r"\b(P[Aa][Ss][Aa][Ll1I|])[ \t]+([0-9lIOo|!]{1,3})\b")
_NOISE_LINES = re.compile(
    r"^[ \t]*(?:Halaman|Hal\.?|Page)[ \t]+\d+[ \t]+(?:dari|of|/)[ \t]+\d+[ \t]*$"
    r"|^[ \t]*(?:PARAF[ \t]*)?"
    r"(?:P[Il1]HAK[ \t]*(?:I{1,3}|[1l|!]{1,3}|KESATU|PERTAMA|KEDUA|KETIGA)?[ \t|_]*){2,3}"
    r"(?:PARAF)?[ \t]*$"
    r"|^[ \t]*PARAF\b.{0,20}$",
    re.MULTILINE | re.IGNORECASE,
)


def _case_like(template: str, word: str) -> str:
    if template.isupper():
        return word.upper()
    return word[0].upper() + word[1:].lower() if template[:1].isupper() else word.lower()


def _fix_pihak(m: re.Match[str]) -> str:
    return _case_like(m.group(0), "pihak")


def _fix_univ(m: re.Match[str]) -> str:
    return _case_like(m.group(0), "universitas")


def _fix_pasal(m: re.Match[str]) -> str:
    return _case_like(m.group(1), "pasal") + " " + m.group(2).translate(_DIGITISH)


# 'PIHAK -\nPERTAMA': a stray dash (OCR of a line-end mark) between PIHAK and its ordinal.
_PIHAK_DASH = re.compile(
    r"\b(PIHAK|Pihak)[ \t]*-[ \t]*\n?[ \t]*(?=KE[A-Z]+\b|PERTAMA\b|Ke[a-z]+\b|Pertama\b)"
)
_LONE_ONE = re.compile(r"(?<=\s)[|l!](?=[ \t]+\([A-Za-z ]{3,30}\))")

RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (_NOISE_LINES, lambda m: ""),
    (_PIHAK, _fix_pihak),
    (_UNIV, _fix_univ),
    (_PASAL, _fix_pasal),
    (_PIHAK_DASH, lambda m: m.group(1) + " "),
    (_LONE_ONE, lambda m: "1"),
]


@dataclass
class DocText:
    """Normalised text of a whole document; `src[i]` is the raw offset of normalised char i."""

    text: str
    src: list[int]
    raw: str
    page_starts: list[int]
    pages: list[Page]
    _word_index: dict[int, list] = field(default_factory=dict)

    def page_index(self, raw_pos: int) -> int:
        idx = 0
        for i, start in enumerate(self.page_starts):
            if start <= raw_pos:
                idx = i
        return idx

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            pos = self.src[min(start, len(self.src) - 1)] if self.src else 0
            return pos, pos
        if self.src[end - 1] >= self.src[start]:
            return self.src[start], self.src[end - 1] + 1
        # a span across reordered columns (extractors.sidebyside): the raw text it was taken from
        piece = self.src[start:end]
        return min(piece), max(piece) + 1

    def evidence(self, start: int, end: int) -> list[Evidence]:
        """Evidence pieces (one per page touched) for a span of the normalised text."""
        if not self.src or end <= start:
            return []
        rs, re_ = self.raw_span(start, end)
        out: list[Evidence] = []
        for i, page in enumerate(self.pages):
            ps = self.page_starts[i]
            pe = ps + len(page.text)
            s, e = max(rs, ps), min(re_, pe)
            if s >= e:
                continue
            ls, le = s - ps, e - ps
            while ls < le and page.text[ls].isspace():
                ls += 1
            while le > ls and page.text[le - 1].isspace():
                le -= 1
            if le > ls:
                out.append(
                    Evidence(
                        page=page.number, start=ls, end=le, text=page.text[ls:le], bbox=_bbox(page, ls, le)
                    )
                )
        return out

    def ocr_conf(self, start: int, end: int) -> float | None:
        """Mean OCR confidence of the page words overlapping a normalised span."""
        if not self.src or end <= start:
            return None
        rs, re_ = self.raw_span(start, end)
        confs: list[float] = []
        for i, page in enumerate(self.pages):
            ps = self.page_starts[i]
            confs += [w.conf for w in page.words if w.start < re_ - ps and w.end > rs - ps]
        return sum(confs) / len(confs) if confs else None


def _bbox(page: Page, start: int, end: int) -> tuple[float, float, float, float] | None:
    boxes = [w.bbox for w in page.words if w.bbox and w.start < end and w.end > start]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def apply_rule(
    text: str, src: list[int], pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> tuple[str, list[int]]:
    """re.sub that keeps the offset map: replacement chars map into the replaced raw span."""
    parts: list[str] = []
    new_src: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        parts.append(text[pos : m.start()])
        new_src.extend(src[pos : m.start()])
        rep = repl(m)
        width = max(1, m.end() - m.start())
        parts.append(rep)
        new_src.extend(src[min(m.start() + min(i, width - 1), len(src) - 1)] for i in range(len(rep)))
        pos = m.end()
    parts.append(text[pos:])
    new_src.extend(src[pos:])
    return "".join(parts), new_src


def _repeated_lines(pages: list[Page]) -> set[str]:
    """Short lines repeated on many pages (running headers, footers, initials boxes)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        keys = {_line_key(ln) for ln in page.text.splitlines() if 0 < len(ln.strip()) < 50}
        counts.update(k for k in keys if k and not _HEADING_KEY.match(k))
    need = max(3, int(0.5 * len(pages) + 0.5))
    return {k for k, c in counts.items() if c >= need}


_HEADING_KEY = re.compile(r"(pasal|article|bab|chapter|section|lampiran|annex)\b")


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _in_column_order(text: str, pages: list[Page], starts: list[int]) -> tuple[str, list[int]]:
    """The text with side-by-side bilingual pages read column by column (extractors.sidebyside), and
    the offset map of that permutation."""
    from extractors.sidebyside import column_order

    parts: list[str] = []
    src: list[int] = []
    pos = 0
    for page, ps in zip(pages, starts, strict=True):
        order = column_order(page) if page.words else None
        if order is None:
            continue
        parts.append(text[pos:ps])
        src.extend(range(pos, ps))
        page_end = ps + len(page.text)
        for i, (a, b) in enumerate(order):
            a, b = ps + a, ps + b
            while b > a and text[b - 1] in " \t":
                b -= 1
            parts.append(text[a:b])
            src.extend(range(a, b))
            if i < len(order) - 1:
                parts.append("\n")
                src.append(min(b, page_end - 1))
        pos = page_end
    if not parts:
        return text, list(range(len(text)))
    parts.append(text[pos:])
    src.extend(range(pos, len(text)))
    return "".join(parts), src


def build_doctext(pages: list[Page]) -> DocText:
    """Concatenate page texts and normalise OCR noise, keeping the offset map."""
    raw_parts, starts, pos = [], [], 0
    for page in pages:
        starts.append(pos)
        raw_parts.append(page.text)
        pos += len(page.text) + len(PAGE_SEPARATOR)
    raw = PAGE_SEPARATOR.join(raw_parts)
    text, src = _in_column_order(raw.translate(_TRANSLATE), pages, starts)
    repeated = _repeated_lines(pages)
    if repeated:
        line_re = re.compile(r"^.*$", re.MULTILINE)
        text, src = apply_rule(
            text, src, line_re, lambda m: "" if _line_key(m.group(0)) in repeated else m.group(0)
        )
    for pattern, repl in RULES:
        text, src = apply_rule(text, src, pattern, repl)
    return DocText(text=text, src=src, raw=raw, page_starts=starts, pages=pages)


def clean(value: str) -> str:
    """Collapse whitespace and line-break hyphenation; strip list punctuation at the ends."""
    value = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", value)
    value = re.sub(r"\s+", " ", value).strip()
    return value.strip(" ;:,.-").strip()
