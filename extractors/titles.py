"""Title block: the document heading, its type (MoU/PKS/addendum/report/other) and the document language."""

from __future__ import annotations

import re

from extractors.bilingual import text_language
from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from extractors.vocab import DOC_TYPE_PATTERNS
from schemas.record import ExtractedField

_DOC_TYPE_RES = [(re.compile(p, re.IGNORECASE), t) for p, t in DOC_TYPE_PATTERNS]
_ANY_TYPE = re.compile("|".join(f"(?:{p})" for p, _ in DOC_TYPE_PATTERNS), re.IGNORECASE)
_STOP_LINE = re.compile(
    r"^\s*(?:(?:Nomor|NOMOR|Number|NUMBER)\b|No\.|NO\.)|:\s*\S*\d\S*/|^\s*\d{1,2}\s+\w+\s+\d{4}\s*$"
    r"|^\s*(?:Pada\s+hari|This\s|The\s+\w+\s+(?:is|was)\b)"
    # what follows a title: the opening, recitals, the first article, the role labels of the parties
    r"|^\s*(?i:pada\s+hari\s+ini|this\s+\w+(?:\s+\w+){0,4}\s+is\s+made|\w+(?:\s+\w+){0,4}\s+ini\s+dibuat|yang\s+bertanda\s+tangan|the\s+undersigned"
    r"|whereas|recitals?\b|preamble\b|menimbang|mengingat)"
    r"|^\s*(?:Pasal|PASAL|Article|ARTICLE|BAB|Chapter|CHAPTER)\s+(?:\d+|[IVXL]+)\b"
    r"|^\s*(?:PIHAK\s+(?:PERTAMA|KEDUA|KETIGA|KESATU)|PARA\s+PIHAK|FIRST\s+PARTY|SECOND\s+PARTY)\b",
)
_ID_WORDS = re.compile(
    r"\b(?:dan|yang|ini|dengan|untuk|dalam|pada|atau|tersebut|adalah|akan|oleh|sebagai)\b", re.I
)
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|this|shall|with|for|by|is|be|as|which|any)\b", re.I)
MAX_TITLE_LINES = 16
_CONNECTOR_LINE = re.compile(
    r"(?i:between|and|antara|dan|dengan|tentang|mengenai|on|concerning|regarding|about|for|with)[ \t:,]*"
)
_TOPIC_LINE = re.compile(r"^\s*(?:TENTANG|Tentang|MENGENAI|ABOUT|ON|CONCERNING|REGARDING)\b")


def _heading_like(line: str) -> bool:
    if _CONNECTOR_LINE.fullmatch(line.strip()):
        return True  # 'between' / 'and' / 'antara' / 'dengan' alone between the names of a title
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper > 0.6 and re.search(r"\b(?:and|are|is|the|of|in|yang|dan|ini|untuk|dengan|adalah)\b", line):
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > 3]
    capital = sum(w[0].isupper() for w in words) / len(words) if words else 0
    return upper > 0.6 or (capital >= 0.6 and len(line) < 70 and not line.rstrip().endswith("."))


def find_title(doc: DocText, segs: Segments, prevail: str | None = None) -> tuple[str, int, int] | None:
    """The title block in the prevailing language (else the first) of `title_blocks`."""
    blocks = title_blocks(doc, segs)
    chosen = [b for b in blocks if prevail and text_language(b[0]) == prevail]
    candidates = chosen or blocks
    return candidates[0] if candidates else None


def title_blocks(doc: DocText, segs: Segments) -> list[tuple[str, int, int]]:
    """Heading lines from the first document-type keyword down to the numbers or the opening; a stacked
    title in the other language ('NOTA KESEPAHAMAN ...' over 'MEMORANDUM OF UNDERSTANDING ...') is a
    second block."""
    title = segs.first("title")
    region_end = title.end if title and title.end > 0 else min(len(doc.text), 2000)
    m = _ANY_TYPE.search(doc.text, 0, region_end)
    if not m:
        return []
    pos = doc.text.rfind("\n", 0, m.start()) + 1
    blocks: list[list[tuple[int, int]]] = [[]]  # per block: the (start, end) of its lines
    count = 0
    lines = [lm for lm in re.finditer(r"[^\n]*\n?", doc.text[pos:region_end]) if lm.group(0).strip()]
    for i, lm in enumerate(lines):
        line = lm.group(0).strip()
        line_start = pos + lm.start()
        if _STOP_LINE.search(line) and count and _topic_follows(lines, i):
            continue  # numbers printed between the parties and the 'TENTANG ...' topic
        if _STOP_LINE.search(line) or (count and not _heading_like(line)) or count >= MAX_TITLE_LINES:
            break
        if count and blocks[0] and _same_line(doc.text[slice(*blocks[-1][0])], line):
            break  # the heading restated (a cover page, then the title page)
        if count and len(blocks) == 1 and _switches_language(_text(doc, blocks[0]), line):
            blocks.append([])
        blocks[-1].append((line_start, line_start + len(lm.group(0).rstrip())))
        count += 1
    return [(text, b[0][0], b[-1][1]) for b in blocks if b and (text := _text(doc, b))]


def _text(doc: DocText, lines: list[tuple[int, int]]) -> str:
    return clean(" ".join(doc.text[s:e] for s, e in lines))


def _same_line(a: str, b: str) -> bool:
    def key(x: str) -> str:
        return re.sub(r"\W", "", x.lower())

    return len(key(a)) > 8 and key(a) == key(b)


def _topic_follows(lines: list[re.Match[str]], i: int) -> bool:
    """After number lines comes a 'TENTANG' / 'ON' / 'CONCERNING' line that carries the title on."""
    for lm in lines[i + 1 : i + 5]:
        line = lm.group(0).strip()
        if _STOP_LINE.search(line) and not re.match(r"^\s*(?:Pada\s+hari|This\s)", line):
            continue
        return bool(_TOPIC_LINE.match(line))
    return False


def _switches_language(block: str, line: str) -> bool:
    """A line opening with a document-type keyword in the other language starts a second title."""
    if not _ANY_TYPE.match(line):
        return False
    before, after = text_language(block), text_language(line)
    return bool(before and after and before != after)


def extract_title(doc: DocText, segs: Segments, prevail: str | None = None) -> ExtractedField:
    found = find_title(doc, segs, prevail)
    if not found:
        return ExtractedField()
    text, start, end = found
    return make(doc, text, [(start, end)], GOOD)


def extract_doc_type(doc: DocText, segs: Segments, title: ExtractedField) -> ExtractedField:
    """The first document-type keyword of the title decides; else the first one near the top of the text."""
    found = find_title(doc, segs)
    text, offset, strength = (found[0], found[1], STRONG) if found else (doc.text[:3000], 0, WEAK)
    best: tuple[int, str, re.Match[str]] | None = None
    for rx, kind in _DOC_TYPE_RES:
        m = rx.search(doc.text, offset, offset + len(text) + 200) if found else rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind, m)
    if best is None:
        return ExtractedField()
    m = best[2]
    return make(doc, best[1], [(m.start(), m.end())], strength)


def extract_language(doc: DocText) -> ExtractedField:
    """id, en or id+en from the share of function words of each language."""
    n_id = len(_ID_WORDS.findall(doc.text))
    n_en = len(_EN_WORDS.findall(doc.text))
    total = n_id + n_en
    if total < 5:
        return ExtractedField()
    share_en = n_en / total
    if 0.3 <= share_en <= 0.7:
        value, strength = "id+en", GOOD
    else:
        value, strength = ("en", STRONG) if share_en > 0.7 else ("id", STRONG)
    span = (0, min(len(doc.text), 400))
    field = make(doc, value, [span], strength)
    field.confidence = round(min(1.0, 0.5 + abs(share_en - 0.5)), 3) if value != "id+en" else 0.8
    return field
