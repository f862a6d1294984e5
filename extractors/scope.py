"""Scope items: the enumeration under Ruang Lingkup (or its equivalent), one string per item."""

from __future__ import annotations

import re

from extractors.bilingual import in_language
from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.lists import split_items, split_sentence_enumeration
from extractors.normalise import DocText
from extractors.segment import Section, Segments
from schemas.record import ExtractedField

INTRO = re.compile(
    r"(?:meliputi|mencakup|terdiri\s+(?:atas|dari)|antara\s+lain|sebagai\s+berikut|adalah|yaitu|includes?|"
    r"including|covers?|comprises?|encompass(?:es)?|consists?\s+of|as\s+follows|following)"
    r"(?:[^\n:.;]{0,40}:|\s*:)?",  # 'meliputi kegiatan:', 'in the following areas:'
    re.IGNORECASE,
)
SENTENCE_SCOPE = re.compile(
    r"(?:ruang\s+lingkup[^.:\n]{0,60}?(?:adalah|meliputi|yaitu)|cooperation\s+in|kerja\s*sama\s+(?:di\s+)?bidang"
    r"|collaboration\s+in)\s+(?P<list>[^.]{5,400}?)(?:\.|$)",
    re.IGNORECASE,
)
# A scope list announced inside an article named otherwise ('Ruang lingkup kerja sama ini meliputi:',
# 'The Parties shall cooperate in the following areas:'), its items marked on the lines below.
LIST_INTRO = re.compile(
    r"(?:\b(?:ruang\s+)?lingkup|\bscope)\b[^.:\n]{0,80}?(?:meliputi|mencakup|terdiri\s+(?:atas|dari)|adalah|yaitu"
    r"|sebagai\s+berikut|includes?|covers?|comprises?|are\s+as\s+follows)[^.:\n]{0,40}:"
    r"|\bthe\s+following\s+(?:\w+\s+){0,3}?(?:areas?|fields?|projects?|activities|programs?|programmes?|matters"
    r"|forms?|co-?operation|collaboration)\b[^.:\n]{0,30}:"
    r"|\b(?:agrees?|shall)\s+to\s+(?:co-?operate|collaborate|promote|develop|engage|undertake)\b[^.:\n]{0,80}:"
    r"|\b(?:ber)?sepakat\s+untuk\s+(?:melakukan\s+|menjalin\s+|melaksanakan\s+)?kerja\s*sama\b[^.:\n]{0,80}:"
    r"|\bkerja\s*sama\s+(?:ini\s+)?(?:meliputi|mencakup|terdiri\s+(?:atas|dari))[^.:\n]{0,40}:"
    r"|\bbidang(?:-bidang)?\s+(?:kerja\s*sama\s+)?(?:sebagai\s+berikut|meliputi|berikut)[^.:\n]{0,30}:",
    re.IGNORECASE,
)
_LIST_LEAD = re.compile(
    r"(?:berikut|di\s*mana|di\s*antaranya|antara\s+lain|meliputi|mencakup|yaitu|following|includes?|as\s+follows)"
    r"\W{0,3}:\W*$",
    re.IGNORECASE,
)
_NAMED_SCOPE = re.compile(r"lingkup|scope", re.IGNORECASE)
_MARKED = re.compile(r"^[ \t]*(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]|[-•*·])[ \t|]+\S")


# An item that points back at the others ('Pelaksanaan ruang lingkup sebagaimana dimaksud pada ayat (1) ...')
_REFERS_BACK = re.compile(
    r"sebagaimana\s+dimaksud|as\s+referred\s+to\s+in|referred\s+to\s+in\s+(?:paragraph|article)", re.I
)
# A catch-all tail of an enumeration: '... serta bidang lain yang disepakati', 'and other fields agreed'.
_CATCH_ALL = re.compile(
    r"[,;]?\s*(?:serta|dan|atau|and|or)\s+(?:bidang|kegiatan|hal)(?:-\w+)?\s+lain(?:nya)?\b.*$"
    r"|[,;]?\s*(?:and|or)\s+other\s+(?:fields?|areas?|activities|matters)\b.*$",
    re.IGNORECASE,
)


def _tidy(items: list[ExtractedField]) -> list[ExtractedField]:
    """Items without the catch-all tail ('... serta bidang lain yang disepakati')."""
    out = []
    for f in items:
        text = f.value or ""
        cut = _CATCH_ALL.sub("", text).strip(" ,;.")
        if cut:
            f.value = cut
            out.append(f)
    return out


def _noise(text: str) -> bool:
    """OCR debris such as stamps or slogans read as a short line of tiny words."""
    words = re.findall(r"[A-Za-z]+", text)
    return not words or (len(text) < 15 and sum(map(len, words)) / len(words) < 3.5)


def _body(doc: DocText, art: Section) -> tuple[int, int]:
    start = art.body_start
    intro = INTRO.search(doc.text, start, min(art.end, start + 400))
    return (intro.end() if intro else start), art.end


def extract_scope(doc: DocText, segs: Segments, prevail: str | None = None) -> list[ExtractedField]:
    """Items of the scope article; in a bilingual text those of every scope article, in the prevailing
    language (two-column OCR can carry one version's items into the other's article)."""
    # A 'Ruang Lingkup' / 'Scope' article before one matched by 'Objek Perjanjian' or 'Bidang Kerja Sama'.
    arts = sorted(segs.articles_of("ruang_lingkup"), key=lambda a: not _NAMED_SCOPE.search(a.heading))
    if not arts:
        # A document with articles says its scope in them, not in its title or recitals.
        first = segs.first("article")
        start = first.start if first else 0
        return _listed_scope(doc, segs) or _sentence_scope(doc, start, min(len(doc.text), start + 6000), WEAK)
    found = []
    for art in arts if prevail else arts[:1]:
        found += [f for f in _article_scope(doc, art) if in_language(f.value or "", prevail)]
    return _tidy(found)


_ANNOUNCES = re.compile(
    r"lingkup|\bscope\b|berbunyi|sebagai\s+berikut|as\s+follows|\bcovers?\b", re.IGNORECASE
)


def _lead_in(doc: DocText, items: list) -> bool:
    """An unmarked first 'item' that names the scope before marked ones ('Ruang lingkup ... meli' with its
    'meliputi:' garbled): the list's lead-in, not an item."""
    first = doc.text[items[0].start : items[0].end]
    marked = sum(bool(_MARKED.match(doc.text[i.start : i.end])) for i in items[1:])
    return not _MARKED.match(first) and bool(_ANNOUNCES.search(first)) and marked >= 2


def _article_scope(doc: DocText, art: Section) -> list[ExtractedField]:
    start, end = _body(doc, art)
    items = split_items(doc.text[start:end], start)
    items = [i for i in items if (len(i.text) > 5 or " " in i.text) and not _noise(i.text)]
    if len(items) > 1 and _LIST_LEAD.search(doc.text[items[0].start : items[0].end]):
        items = items[1:]  # 'PARA PIHAK sepakat ... di mana:' announces the items, it is none of them
    elif len(items) > 2 and _lead_in(doc, items):
        items = items[1:]
    first = items[0] if items else None
    if first and (len(items) == 1 or (first.text.count(",") >= 2 and doc.text[first.end - 1] == ".")):
        items = items[:1]
    if len(items) == 1 and "," in items[0].text:
        return _sentence_scope(doc, items[0].start, items[0].end, GOOD, whole=True)
    if not items:
        return _sentence_scope(doc, art.start, end, GOOD)
    return [make(doc, item.text, [(item.start, item.end)], STRONG) for item in items]


def _listed_scope(doc: DocText, segs: Segments) -> list[ExtractedField]:
    """Without a scope article: the marked list after a scope intro in an article (or in the text when it
    has no articles), as far as its items keep their markers."""
    arts = segs.of_kind("article")
    spans = [(a.body_start, a.end) for a in arts]
    if not spans:
        opening = segs.first("opening")
        spans = [(opening.start if opening else 0, len(doc.text))]
    for start, end in spans:
        m = LIST_INTRO.search(doc.text, start, end)
        if not m:
            continue
        items = []
        for item in split_items(doc.text[m.end() : end], m.end()):
            if not _MARKED.match(doc.text[item.start : item.end]):
                break
            if (len(item.text) > 5 or " " in item.text) and not _noise(item.text):
                items.append(make(doc, item.text, [(item.start, item.end)], GOOD))
        if len(items) >= 2:
            return items
    return []


def _sentence_scope(
    doc: DocText, start: int, end: int, strength: float, whole: bool = False
) -> list[ExtractedField]:
    m = SENTENCE_SCOPE.search(doc.text, start, end)
    if m:
        s, e, text = m.start("list"), m.end("list"), m.group("list")
    elif whole:
        s, e, text = start, end, doc.text[start:end]
    else:
        return []
    text = re.sub(r"\s+", " ", text)
    return [make(doc, part, [(s, e)], strength) for part in split_sentence_enumeration(text)]
