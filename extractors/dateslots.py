"""Signing date and place (opening formula or signature block) and the effective date."""

from __future__ import annotations

import datetime
import re

from extractors.dates import DateMatch, find_dates
from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.lang import numbers as words
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from extractors.signatures import last_page_start
from schemas.record import ExtractedField

PLACE_RE = re.compile(
    r"(?i:bertempat|berlokasi|ditandatangani|dibuat|signed|agreed|made|executed|done)(?:\s+dan\s+ditandatangani)?"
    r"(?:\s+in\s+(?i:duplicate|triplicate|two|three))?"  # 'Done in duplicate at X'
    r"\s+(?:di|in|at)(?:[ \t]*:)?\s+(?P<place>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3})"  # 'Dibuat di : X'
    r"|\b(?:19|20)\d\d,?\s+(?:di|in|at)\s+(?P<place2>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3})",
)
# 'Jambi, 12 Maret 2020' on a line of its own above the signatures.
PLACE_DATE_LINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}),[ \t]*(?:\d{1,2}|[A-Z][a-z]+[ \t]+\d{1,2},?)"
    r"[ \t]+(?:[A-Z][a-z]+[ \t]+)?\d{4}[ \t]*$(?P<place2>)",
    re.MULTILINE,
)
SIGNED_BY_AT_RE = re.compile(
    r"(?i:ditandatangani|signed|executed)\s+(?i:oleh|by)\s+[^.;\n]{3,80}?\s+(?i:di|in|at)\s+"
    r"(?P<place>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3})(?P<place2>)",
)
_SPECKS = (
    r"[\s.,:;\-]+"  # between the words OCR may read specks ('sejak tanggal .\nditandatangani', 'date-of')
)
FROM_SIGNING_RE = re.compile(
    (
        # 'terhitung si tanggal': one garbled short word may follow the cue
        r"(?:sejak|semenjak|mulai|terhitung|pada\s+saat|pada)\s+(?:\w{1,3}\s+)?"
        r"(?:sejak\s+|mulai\s+)?(?:[ts]anggal\s+|saat\s+)?"
        r"(?:(?:[\w-]+\s+){1,4}ini\s+)?"  # 'sejak Nota Kesepahaman ini ditandatangani'
        # 'ditanda\ntanganinya' split at a line break; 'diandetangani', 'sanggal': letters OCR misread
        r"(?:di\s*)?(?:penanda|ditanda|tanda|\w{1,3}nd[ae])\s*tangan"
        r"|(?:effective|valid|in\s+force|into\s+(?:effect|force)|takes?\s+effect|commence\w*)\s+(?:as\s+)?"
        r"(?:on|from|upon|of|when)\s+"
        # 'the date ot signing': a two-letter word OCR garbled from 'of' is allowed too
        r"(?:the\s+)?(?:(?:date|day)\s+(?:of\s+|when\s+|on\s+which\s+|on\s+|[a-z]{2}\s+)?)?"
        r"(?:the\s+|its\s+|it\s+is\s+|it\s+has\s+been\s+|this\s+\w+\s+is\s+)?(?:last\s+|final\s+|duly\s+)?"
        r"(?:sign|execut)"
        r"|from\s+the\s+date\s+of\s+(?:its\s+|the\s+)?(?:last\s+|final\s+)?(?:sign|execut)"
        r"|upon\s+(?:its\s+)?(?:signature|execution)"
        r"|(?:on|upon)\s+(?:the\s+)?(?:date\s+of\s+)?(?:its\s+)?signing"
        r"|from\s+the\s+date\s+of\s+this\s+(?:Agreement|Memorandum|MoU|MoA)"
    ).replace(r"\s+", _SPECKS),
    re.IGNORECASE,
)
CITATION_RE = re.compile(words.CITATION_CUES, re.IGNORECASE)
# A recital before the date ('Bahwa PARA PIHAK telah menandatangani Nota Kesepahaman ... tanggal X',
# 'WHEREAS the Parties have signed ...'): the date is an earlier agreement's, even with its number garbled.
RECITAL_RE = re.compile(
    r"\b(?:bahwa|whereas|telah\s+(?:menandatangani|ditandatangani|bersepakat|sepakat)|have\s+(?:signed|entered))\b",
    re.IGNORECASE,
)
SIGN_LINE_RE = re.compile(
    rf"(?:{words.SIGNATURE_DATE_CUES}[^\n]{{0,60}}|^[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){{0,3}},[ \t]*)$",
    re.MULTILINE,
)
SIGN_LINE_START_RE = re.compile(
    rf"^[ \t]*(?:{words.SIGNATURE_DATE_CUES}[^\n]{{0,60}}|[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){{0,3}},[ \t]*)$"
)
TERM_LINE_RE = re.compile(words.TERM_LINE_CUES)
MAKING_RE = re.compile(words.MAKING_CUES)
START_CUE_RE = re.compile(
    r"(?:commencing|starting|effective|berlaku|dimulai|mulai|terhitung|into\s+(?:effect|force)|in\s+force)"
    r"\s*(?:from|on|as\s+of|sejak|mulai|pada|dari)?\s*"
    r"(?:[a-z]{1,3}\s+)?(?:tanggal\s+)?$",  # 'terhitung mulai ae 1 Juli 2023': a speck word OCR read
    re.IGNORECASE,
)


def _dates_in(doc: DocText, start: int, end: int) -> list[DateMatch]:
    out = []
    for d in find_dates(doc.text[start:end]):
        out.append(DateMatch(d.start + start, d.end + start, d.text, d.value, d.kind, d.confidence))
    return out


def _signature_dates(doc: DocText, segs: Segments) -> list[DateMatch]:
    sig = segs.first("signature")
    start = sig.start if sig else max(0, len(doc.text) - 1500)
    end = sig.end if sig else len(doc.text)
    before = _dates_in(doc, max(0, start - 600), start) if sig else []  # 'Signed in X, <date>' above it
    before = [d for d in before if _on_signing_line(doc, d, strict=True)]
    return before + _dates_in(doc, start, min(end, start + 3000))


def _on_signing_line(doc: DocText, d: DateMatch, strict: bool = False) -> bool:
    """The date stands on a signing line; strict: the line opens with the cue or the place."""
    line = doc.text[doc.text.rfind("\n", 0, d.start) + 1 : d.start]
    rx = SIGN_LINE_START_RE if strict else SIGN_LINE_RE
    return bool(rx.search(line)) and not TERM_LINE_RE.search(line)


def _latest_signed(doc: DocText, dates: list[DateMatch]) -> DateMatch:
    """Parties that sign on different days: the later date counts. Only dates on a signing line
    ('Bengkulu, 2 Mei 2020', 'Ditandatangani di ...', 'Date: ...') compete; else the first date."""
    signed = [d for d in dates if _on_signing_line(doc, d)]
    return max(signed, key=lambda d: (d.value, -d.start)) if signed else dates[0]


def find_signing(doc: DocText, segs: Segments) -> tuple[DateMatch, float] | None:
    """The opening date ('Pada hari ini ...'), else the signature-block date, else a title-page date."""
    opening = segs.first("opening")
    if opening:
        for d in _dates_in(doc, opening.start, min(opening.end, opening.start + 600)):
            before = doc.text[opening.start : d.start]
            if not (CITATION_RE.search(before) or RECITAL_RE.search(before)):
                return d, STRONG
            break  # the opening's first date belongs to a cited decree or an earlier MoU: not this signing
    sig_dates = _signature_dates(doc, segs)
    if sig_dates:
        return _latest_signed(doc, sig_dates), GOOD
    title = segs.first("title")
    if title and title.end > 0:
        dates = _dates_in(doc, 0, title.end)
        made = [d for d in dates if MAKING_RE.search(doc.text, max(0, d.start - 60), d.start)]
        if made:  # 'This Agreement is made this 13th day of ...' on a page the segmenter left in the title
            return made[0], WEAK
        if dates:
            return dates[-1], WEAK
    return None


def extract_signing(doc: DocText, segs: Segments) -> tuple[ExtractedField, ExtractedField]:
    found = find_signing(doc, segs)
    date_field: ExtractedField = ExtractedField()
    if found:
        d, strength = found
        date_field = make(doc, d.value.isoformat(), [(d.start, d.end)], strength * (0.7 + 0.3 * d.confidence))
    return date_field, extract_place(doc, segs)


def extract_place(doc: DocText, segs: Segments) -> ExtractedField:
    """The opening's place ('bertempat di X'), else the title page's, else the signature block's
    ('Ditandatangani di X', 'Dibuat di : X', a 'X, <date>' line), else 'signed by ... at X' anywhere."""
    regions: list[tuple[int, int, float, re.Pattern[str]]] = []
    opening = segs.first("opening")
    if opening:
        regions.append((opening.start, min(opening.end, opening.start + 700), STRONG, PLACE_RE))
    title = segs.first("title")
    if title:
        regions.append((title.start, title.end + 600, GOOD, PLACE_RE))
    sig = segs.first("signature")
    if sig:
        regions.append((sig.start, min(sig.end, sig.start + 2000), GOOD, PLACE_RE))
        regions.append((max(0, sig.start - 600), sig.start, GOOD, PLACE_RE))  # 'Signed in X, <date>' above
        regions.append((max(0, sig.start - 600), min(sig.end, sig.start + 2000), GOOD, PLACE_DATE_LINE_RE))
    else:  # no closing formula: a 'X, <date>' line where the signatures stand (the end of the last page)
        regions.append((last_page_start(doc), len(doc.text), WEAK, PLACE_DATE_LINE_RE))
    regions.append((0, len(doc.text), WEAK, SIGNED_BY_AT_RE))  # 'ditandatangani oleh PARA PIHAK di X'
    for start, end, strength, rx in regions:
        m = rx.search(doc.text, start, end)
        if m:
            group = "place" if m.group("place") else "place2"
            place = clean(re.split(r"\s+(?:pada|on|the|yang|kami|tanggal|by)\b", m.group(group))[0])
            if place and not re.match(r"(?:bawah|atas|hari|tanggal|this)\b", place, re.IGNORECASE):
                return make(doc, place, [(m.start(group), m.end(group))], strength)
    return ExtractedField()


def term_regions(doc: DocText, segs: Segments) -> list[tuple[int, int]]:
    """The term articles (Jangka Waktu / Term), else the whole text."""
    arts = segs.articles_of("jangka_waktu")
    return [(a.start, a.end) for a in arts] or [(0, len(doc.text))]


def extract_effective(doc: DocText, segs: Segments, signing: ExtractedField) -> ExtractedField:
    """An explicit start date, else the signing date when the text says it runs from signing."""
    for start, end in term_regions(doc, segs) + [(0, len(doc.text))]:
        for d in _dates_in(doc, start, end):
            if START_CUE_RE.search(doc.text[max(0, d.start - 40) : d.start]):
                return make(doc, d.value.isoformat(), [(d.start, d.end)], GOOD)
        m = FROM_SIGNING_RE.search(doc.text, start, end)
        if m and signing.value:
            field = make(doc, signing.value, [(m.start(), m.end())], GOOD)
            field.evidence = field.evidence + signing.evidence
            field.confidence = round(min(field.confidence, signing.confidence), 3)
            return field
    return ExtractedField()


def parse_iso(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
