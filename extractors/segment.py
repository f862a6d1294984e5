"""Segmentation into title block, opening, parties, considerations, articles, annexes and signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.vocab import HEADING_KINDS

ARTICLE_RE = re.compile(
    r"^[ \t]*(?:[\"'.|~\-][ \t]*){0,2}(?:(?P<pasal>PASAL|Pasal|pasal)|(?P<art>ARTICLE|Article))[ \t]*"
    r"(?P<num>\d{1,3}|[IVXL]{1,6})\b[ \t.:]*"
    r"(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
# A chapter heading ('BAB II', 'CHAPTER 3'): the articles of an agreement written in chapters without Pasal.
CHAPTER_RE = re.compile(
    r"^[ \t]*(?:[\"'.|~\-][ \t]*){0,2}(?:BAB|Bab|CHAPTER|Chapter)[ \t]*"
    r"(?P<num>\d{1,3}|[IVXL]{1,6})\b[ \t.:]*"
    r"(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
# '2. Obligations of the Parties', 'II. RUANG LINGKUP', 'B. Hak dan Kewajiban', '3, Confidentiality'.
NUMBERED_RE = re.compile(
    r"^[ \t]*(?P<num>\d{1,2}|[IVX]{1,5}|[A-H])[.,)][ \t]+(?P<rest>[A-Za-z][^\n]{2,80})$", re.MULTILINE
)
ANNEX_RE = re.compile(r"^[ \t]*(?:LAMPIRAN|Lampiran|ANNEX|Annex|APPENDIX|Appendix)\b[^\n]*$", re.MULTILINE)
# The opening formula ('Pada hari ini ...', 'This Agreement is made ...'); OCR may put a speck before 'ini'.
OPENING_RE = re.compile(
    # OCR may misread one letter of 'hari' ('hati') or glue a speck to 'ini' ('di bawah i init')
    r"\bPada\s+h(?!al\b)[a-z]{2,3}\s+(?:\w{1,2}\s+)?ini\b|\bPada\s+tanggal\b|\bpada\s+hari\s+\w+,?\s+tanggal\b|\b(?:This|The)\s+(?:[\w&-]+\s+){0,6}?(?:Agreement|Memorandum|Letter|Contract)\b[^.]{0,80}"
    r"\b(?:made|entered|signed)\b|\bis\s+made\s+and\s+entered\b|\byang\s+bertanda\s*tangan\s+di\s*bawah\s+(?:\w{1,2}\s+)?in[a-z]?\b",
    re.IGNORECASE,
)
CONSIDER_RE = re.compile(
    r"menerangkan\s+(?:terlebih\s+dahulu\s+)?hal|terlebih\s+dahulu\s+menerangkan|dengan\s+mempertimbangkan"
    r"|\bmengingat\b|\bmenimbang\b|\bWHEREAS\b|\bwitnesseth\b|\bRecitals?\b|\bbahwa\b",
    re.IGNORECASE,
)
SIGNATURE_RE = re.compile(
    r"dibuat\s+dalam\s+rangkap|ditandatangani\s+(?:oleh\s+)?PARA\s+PIHAK|IN\s+WITNESS\s+WHEREOF|"
    r"\bSigned\s+(?:by|at|in)\b|\bAgreed\s+(?:in|at)\b|in\s+(?:two|duplicate|2)\b[^.]{0,40}\boriginals?"
    r"|\bDemikian\b[^.]{0,80}?\bdibuat\b|\bDone\s+(?:in\s+(?:duplicate|triplicate|two|three)\s+)?(?:at|in)\s+[A-Z]",
    re.IGNORECASE,
)
_TRAILING_DEBRIS = re.compile(r"[ \t]+[:;,|~\-.]+$")
PAGE_NUMBER_LINE = re.compile(r"[ \t]*[-(]?[ \t]*\d{1,3}[ \t]*[-)]?[ \t]*$")
_HEADING_KIND_RES = {k: re.compile("|".join(v), re.IGNORECASE) for k, v in HEADING_KINDS.items()}


@dataclass
class Section:
    kind: str  # title | opening | parties | considerations | article | annex | signature
    start: int
    end: int
    number: int | None = None
    heading: str = ""
    body_start: int = 0
    heading_kinds: list[str] = field(default_factory=list)


@dataclass
class Segments:
    sections: list[Section]

    def of_kind(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]

    def first(self, kind: str) -> Section | None:
        found = self.of_kind(kind)
        return found[0] if found else None

    def articles_of(self, heading_kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == "article" and heading_kind in s.heading_kinds]

    def has_heading(self, heading_kind: str) -> bool:
        return bool(self.articles_of(heading_kind))


def heading_kinds(heading: str) -> list[str]:
    heading = re.sub(r"(?<=[^\W\d_])[.|_]+(?=[^\W\d_])", " ", heading)  # 'RUANG.LINGKUP': a speck for a space
    return [k for k, rx in _HEADING_KIND_RES.items() if rx.search(heading)]


def _roman(s: str) -> int | None:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total, prev = 0, 0
    for ch in reversed(s):
        v = vals.get(ch, 0)
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total or None


def _is_heading_line(line: str, strict: bool = False) -> bool:
    s = line.strip()
    if _shouted(s):
        s = _TRAILING_DEBRIS.sub("", s)  # 'RUANG LINGKUP :' (a speck read after the heading)
    letters = [c for c in s if c.isalpha()]
    if not letters or len(s) > 90 or s.endswith((",", ";", ":")):
        return False
    if sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    if strict:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", s) if len(w) > 3]
    capital = sum(w[0].isupper() for w in words)
    return len(s) < 60 and not s.endswith(".") and bool(words) and capital / len(words) >= 0.6


def _shouted(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _initials_debris(line: str) -> bool:
    """A short mixed-case line without a real word: OCR of an initials box or stamp ('1 Ara ea Iu')."""
    s = line.strip()
    return len(s) < 20 and not _shouted(s) and not re.search(r"[A-Za-z]{4}", s)


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _next_line(text: str, pos: int) -> tuple[int, int] | None:
    """Next non-empty line after position `pos` (the end of a line), skipping bare page numbers."""
    for m in re.finditer(r"[^\s][^\n]*", text[pos : pos + 400]):
        if not (PAGE_NUMBER_LINE.fullmatch(m.group(0)) or _initials_debris(m.group(0))):
            return pos + m.start(), pos + m.end()
    return None


def _prev_line(text: str, pos: int) -> tuple[int, int] | None:
    head = text[:pos].rstrip()
    if not head:
        return None
    start = head.rfind("\n") + 1
    return start, len(head)


def _opening_kinds(text: str, pos: int) -> list[str]:
    """Kinds of an article without a heading, from its first line when that announces a list ('PIHAK KEDUA
    mempunyai tugas dan tanggung jawab sebagai berikut:')."""
    nxt = _next_line(text, pos)
    if not nxt:
        return []
    line = text[nxt[0] : nxt[1]].strip()
    return heading_kinds(line) if len(line) < 120 and line.endswith(":") else []


def find_articles(text: str, heading_re: re.Pattern[str] = ARTICLE_RE) -> list[Section]:
    """Article headings (Pasal N / Article N, or with CHAPTER_RE the chapters) with their headings, either
    after or before the number line."""
    found: list[Section] = []
    for m in heading_re.finditer(text):
        rest = m.group("rest").strip()
        rest = "" if re.fullmatch(r"[^\w(]*", rest) else rest  # '"Pasal1 | |': scan debris, no heading
        if rest and not _is_heading_line(rest) and not rest.startswith(("/", "-")):
            continue  # a reference inside a sentence ("Pasal 2 ayat (1) ...")
        num_s = m.group("num")
        number = int(num_s) if num_s.isdigit() else _roman(num_s)
        start, body_start, heading = m.start(), m.end(), rest
        if not heading:
            nxt = _next_line(text, m.end())
            prv = _prev_line(text, m.start())
            if (
                nxt
                and _is_heading_line(text[nxt[0] : nxt[1]])
                and not ARTICLE_RE.match(text[nxt[0] : nxt[1]])
            ):
                heading, body_start = text[nxt[0] : nxt[1]].strip(), nxt[1]
            elif (
                prv
                and _is_heading_line(text[prv[0] : prv[1]])
                and not ARTICLE_RE.match(text[prv[0] : prv[1]])
                and not text[prv[0] : prv[1]].rstrip().endswith((".", ","))  # the end of a sentence
            ):
                heading, start = text[prv[0] : prv[1]].strip(), prv[0]
        kinds = heading_kinds(heading) if heading else _opening_kinds(text, body_start)
        found.append(Section("article", start, len(text), number, heading, body_start, kinds))
    found = [s for i, s in enumerate(found) if i == 0 or s.start >= found[i - 1].body_start]
    for a, b in zip(found, found[1:], strict=False):
        a.end = b.start
    return found


def _numbered_value(num: str) -> tuple[str, int]:
    if num.isdigit():
        return "digit", int(num)
    if len(num) == 1 and num not in "IVX":
        return "letter", ord(num) - ord("A") + 1
    return "roman", _roman(num) or 0


def find_numbered_headings(text: str) -> list[Section]:
    """Articles headed by a number without the word Pasal/Article ('2. Obligations of the Parties',
    'II. RUANG LINGKUP', 'B. Hak dan Kewajiban').

    A numbered line is a heading when it reads as one (short, capitalised, no final stop or colon). A
    heading of a known kind, or shouted, anchors the sequence; a plain capitalised line ('1. Joint
    Research', an item of a list) is taken only where it fills the one number missing between two
    anchors. The longest run of one numbering family (digits, roman numerals, capital letters) that
    counts up from 1 or 2 wins; at least three headings, two of them of a known kind."""
    families: dict[str, list[tuple[int, bool, Section]]] = {}
    for m in NUMBERED_RE.finditer(text):
        rest = m.group("rest").strip()
        if not _is_heading_line(rest) or rest.endswith("."):
            continue
        family, value = _numbered_value(m.group("num"))
        kinds = heading_kinds(rest)
        anchor = bool(kinds) or (_shouted(rest) and len(rest.split()) <= 6)
        if family == "roman" and m.group("num") in "IVX" and not anchor:
            continue
        section = Section("article", m.start(), len(text), value, rest, m.end(), kinds)
        families.setdefault(family, []).append((value, anchor, section))
    best: list[Section] = []
    for found in families.values():
        chain = _heading_chain(found)
        if len(chain) >= 3 and sum(bool(s.heading_kinds) for s in chain) >= 2 and len(chain) > len(best):
            best = chain
    for a, b in zip(best, best[1:], strict=False):
        a.end = b.start
    return best


def _heading_chain(found: list[tuple[int, bool, Section]]) -> list[Section]:
    """Headings counting up (1, 2, 3 ... one number may be skipped) in text order, anchors first."""
    anchors = [(v, s) for v, a, s in found if a]
    plain = {v: s for v, a, s in reversed(found) if not a}
    chain: list[tuple[int, Section]] = []
    for value, sec in anchors:
        last = chain[-1][0] if chain else 0
        if not chain and value > 2:
            continue
        if chain and not last < value <= last + 2:
            continue
        if (
            value == last + 2
            and (last + 1) in plain
            and plain[last + 1].start > (chain[-1][1].start if chain else -1)
        ):
            filler = plain[last + 1]
            if filler.start < sec.start:
                chain.append((last + 1, filler))
        chain.append((value, sec))
    return [s for _, s in chain]


def segment(text: str) -> Segments:
    """Split the normalised document text into sections (character spans of `text`)."""
    articles = find_articles(text)
    if len(articles) < 2:  # no Pasal: chapters ('BAB I MAKSUD DAN TUJUAN') are the articles
        chapters = find_articles(text, CHAPTER_RE)
        if len(chapters) >= 2:
            articles = chapters
    if len(articles) < 2:
        numbered = find_numbered_headings(text)
        if len(numbered) > len(articles):
            articles = numbered
    first_art = articles[0].start if articles else len(text)
    sections: list[Section] = []
    opening = OPENING_RE.search(text, 0, first_art)
    title_end = opening.start() if opening else min(first_art, len(text))
    sections.append(Section("title", 0, title_end, body_start=0))
    if opening:
        consider = CONSIDER_RE.search(text, opening.end(), first_art)
        par_end = consider.start() if consider else first_art
        sections.append(Section("opening", opening.start(), par_end, body_start=opening.start()))
        sections.append(Section("parties", opening.start(), par_end, body_start=opening.start()))
        if consider:
            sections.append(
                Section("considerations", consider.start(), first_art, body_start=consider.start())
            )
    annexes = [m for m in ANNEX_RE.finditer(text) if articles and m.start() > articles[-1].body_start]
    sig = _signature(text, articles)
    if articles and annexes:
        articles[-1].end = min(articles[-1].end, annexes[0].start())
    if sig:
        sections.append(sig)
        if articles and articles[-1].end > sig.start >= articles[-1].body_start:
            articles[-1].end = sig.start  # the closing formula and the signatures are not the last article's
    sections.extend(articles)
    for i, m in enumerate(annexes):
        end = annexes[i + 1].start() if i + 1 < len(annexes) else len(text)
        sections.append(Section("annex", m.start(), end, heading=m.group(0).strip(), body_start=m.end()))
    sections.sort(key=lambda s: s.start)
    return Segments(sections)


def _signature(text: str, articles: list[Section]) -> Section | None:
    """The signature block: after the closing formula in the last article (or the last 25% of the text)."""
    region_start = articles[-1].body_start if articles else int(len(text) * 0.6)
    matches = list(SIGNATURE_RE.finditer(text, region_start))
    if not matches:
        return None
    m = matches[-1]
    start, _ = _line_at(text, m.start())
    end = text.find("\n\n", m.end())
    end = len(text) if end < 0 else end
    return Section("signature", start, len(text), body_start=end)
