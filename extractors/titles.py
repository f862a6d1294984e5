"""Title block: the document heading, its type (MoU/PKS/addendum/report/other) and the document language."""

from __future__ import annotations

import re

from extractors.bilingual import text_language
from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.lang import en as lang_en
from extractors.lang import id as lang_id
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from extractors.vocab import DOC_TYPE_PATTERNS
from schemas.record import ExtractedField

_SPECKS = r"[\s(\"'|.,:~_-]+"  # what OCR reads between the words of a document type: 'NOTA (KESEPAHAMAN'
_DOC_TYPE_RES = [(re.compile(p.replace(r"\s+", _SPECKS), re.IGNORECASE), t) for p, t in DOC_TYPE_PATTERNS]
_ANY_TYPE = re.compile(
    "|".join(f"(?:{p})" for p, _ in DOC_TYPE_PATTERNS).replace(r"\s+", _SPECKS), re.IGNORECASE
)
_STOP_LINE = re.compile(
    r"^\s*(?:(?:Nomor|NOMOR|Number|NUMBER)\b|No\.|NO\.)|:\s*\S*\d\S*/|^\s*\d{1,2}\s+\w+\s+\d{4}\s*$"
    r"|^\s*(?:Pada\s+hari|This\s|The\s+\w+\s+(?:is|was)\b)"
    # what follows a title: the opening, recitals, the first article, the role labels of the parties
    r"|^\s*(?i:pada\s+hari\s+ini|this\s+\w+(?:\s+\w+){0,4}\s+is\s+made|\w+(?:\s+\w+){0,4}\s+ini\s+dibuat|yang\s+bertanda\s+tangan|the\s+undersigned"
    r"|whereas|recitals?\b|preamble\b|menimbang|mengingat)"
    r"|^\s*(?:Pasal|PASAL|Article|ARTICLE|BAB|Chapter|CHAPTER)\s+(?:\d+|[IVXL]+)\b"
    r"|^\s*(?:PIHAK\s+(?:PERTAMA|KEDUA|KETIGA|KESATU)|PARA\s+PIHAK|FIRST\s+PARTY|SECOND\s+PARTY)\b",
)
_ID_WORDS = re.compile(rf"\b(?:{'|'.join(lang_id.FUNCTION_WORDS)})\b", re.I)
_EN_WORDS = re.compile(rf"\b(?:{'|'.join(lang_en.FUNCTION_WORDS)})\b", re.I)
MAX_TITLE_LINES = 16
_CONNECTOR_LINE = re.compile(
    r"(?i:between|and|antara|dan|dengan|tentang|mengenai|on|concerning|regarding|about|for|with)[ \t:,]*"
)
_TOPIC_LINE = re.compile(r"^\s*(?:TENTANG|Tentang|MENGENAI|ABOUT|ON|CONCERNING|REGARDING)\b")
# A postal address is never part of a title: a street, a postal code, a phone or mail line.
_ADDRESS_LINE = re.compile(
    r"(?i:\b(?:jalan|jl|jln)\.?\s+\w|\b(?:street|road|drive|avenue|boulevard)\b|\b(?:telp?|telepon|phone|fax"
    r"|faks|e-?mail|website|kode\s+pos|p\.?\s?o\.?\s+box)\b\.?\s*:?)|\b[A-Z]{2,3}\s+\d{4,5}\b|\b\d{5}\b(?!\s*/)"
)
# The word that joins the parties' names in a title: 'antara A dengan B', 'between A and B'.
_JOINS = re.compile(r"\b(?:dengan|dan|and|with)\b", re.IGNORECASE)


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
    shouted = bool(lines) and _shouted(lines[0].group(0))
    for i, lm in enumerate(lines):
        line = lm.group(0).strip()
        line_start = pos + lm.start()
        if shouted and count and not _STOP_LINE.search(line):
            line = _despeckle(line)  # OCR specks around an upper-case title's words
            if not line:
                continue
        if _STOP_LINE.search(line) and count and _topic_follows(lines, i):
            continue  # numbers printed between the parties and the 'TENTANG ...' topic
        if _STOP_LINE.search(line) or (count and not _heading_like(line)) or count >= MAX_TITLE_LINES:
            break
        if count and (_ADDRESS_LINE.search(line) or _party_block_follows(doc, blocks[-1], lm, pos)):
            break
        if count and blocks[0] and _same_line(doc.text[slice(*blocks[-1][0])], line):
            break  # the heading restated (a cover page, then the title page)
        if count and len(blocks) == 1 and _switches_language(_text(doc, blocks[0]), line):
            blocks.append([])
        blocks[-1].append((line_start, line_start + len(lm.group(0).rstrip())))
        count += 1
    if shouted:  # each line without its specks
        return [
            (text, b[0][0], b[-1][1])
            for b in blocks
            if b and (text := clean(" ".join(_despeckle(doc.text[s:e]) for s, e in b)))
        ]
    return [(text, b[0][0], b[-1][1]) for b in blocks if b and (text := _text(doc, b))]


_CONNECTORS = {
    "dan",
    "and",
    "of",
    "the",
    "antara",
    "dengan",
    "between",
    "tentang",
    "on",
    "for",
    "atas",
    "ke",
    "di",
}


def _shouted(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > 3]
    return bool(words) and sum(w.isupper() for w in words) / len(words) > 0.8


def _name_letter(tokens: list[str], i: int, kept: list[str]) -> bool:
    """A lone capital that ends a name at the end of its line ('DINAS A', 'UNIVERSITAS B'), not a speck
    between two words ('KANTOR R WILAYAH') or after a connector ('DAN J')."""
    rest = [t for t in tokens[i + 1 :] if re.sub(r"[^A-Z]", "", t) and t.isupper()]
    prev = kept[-1] if kept else ""
    return not rest and len(prev) >= 3 and prev.isupper() and prev.lower() not in _CONNECTORS


def _despeckle(text: str) -> str:
    """An upper-case title without the specks OCR reads around it: tokens that are not upper-case words
    ('ee', 'foe', 'Lana', ':', '|', a lone letter), connectors in any case kept; brackets and inner
    punctuation of real words kept ('(PERSERO)', 'TIMOR-LESTE')."""
    kept: list[str] = []
    tokens = text.split()
    for i, tok in enumerate(tokens):
        core = tok.strip(".,:;|'\"`~_-()[]{}")
        letters = re.sub(r"[^A-Za-z]", "", core)
        if core.lower() in _CONNECTORS:
            kept.append(tok)
        elif len(re.sub(r"\D", "", core)) >= 2 and not letters:
            kept.append(tok)  # a year or a number inside the title
        elif (
            letters
            and letters.isupper()
            and (len(letters) > 1 or letters in "IVX" or _name_letter(tokens, i, kept))
            and len(letters) * 2 >= len(core)
        ):
            tok = tok.strip("'\"`")
            if tok.count("(") != tok.count(")"):  # a bracket OCR read from a speck
                tok = tok.strip("()")
            kept.append(tok)
    # a line's own end keeps its comma or stop ('... JAPAN INC.,'): the title's names are split there
    return re.sub(r"\s*[|]\s*", " ", " ".join(kept)).lstrip(" .,:;-'\"").rstrip(" :;-'\"")


def _party_block_follows(doc: DocText, block: list[tuple[int, int]], lm: re.Match[str], pos: int) -> bool:
    """After an upper-case title that has named both parties ('... BETWEEN A AND B'), a blank line and
    then a line in mixed case opens the parties' own blocks ('The University of X', its address ...)."""
    if not block or not re.search(r"\n[ \t]*\n", doc.text[block[-1][1] : pos + lm.start()]):
        return False
    line = lm.group(0).strip()
    if _CONNECTOR_LINE.fullmatch(line) or _TOPIC_LINE.match(line):
        return False
    letters = [c for c in line if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return False
    title = _text(doc, block)
    head = [c for c in title if c.isalpha()]
    joined = _JOINS.search(title)
    return (
        sum(c.isupper() for c in head) / len(head) > 0.8
        and joined is not None
        and len(title[joined.end() :].split()) >= 2
    )


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
