"""Term of the agreement: duration as written (with months) and the expiry date."""

from __future__ import annotations

import re

from extractors.dateslots import _dates_in, parse_iso, term_regions
from extractors.durations import DurationMatch, add_months, find_durations
from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.normalise import DocText
from extractors.segment import Segments
from schemas.record import Duration, ExtractedField

TERM_CUE = re.compile(
    r"jangka\s+waktu|berlaku|masa\s+berlaku|for\s+a\s+period|valid|in\s+force|term\s+of|effective|selama",
    re.I,
)
# The heading of the agreement's own term article ('JANGKA WAKTU', 'JANGKA WAKTU PERJANJIAN', 'Term of
# Agreement'), not an activity's ('JANGKA WAKTU PEMBERIAN BEASISWA').
_AGREEMENT_TERM = re.compile(
    r"(?:PASAL|Pasal|ARTICLE|Article)?\s*\w{0,4}[\s.:]*"
    r"(?i:(?:jangka\s+waktu|masa\s+berlaku|term|duration|validity|period)"
    r"(?:\s+(?:dan\s+)?(?:berlakunya|berlaku|perjanjian|kerja\s*sama|nota\s+kesepahaman|kesepakatan|mou"
    r"|of\s+(?:the\s+)?(?:agreement|memorandum|mou|cooperation)|and\s+termination|dan\s+pengakhiran"
    r"|(?:perjanjian|kerja\s*sama)\s+ini))*)"
)
END_CUE = re.compile(
    r"(?:sampai\s+dengan|hingga|s\.?\s?d\.?|berakhir(?:\s+pada)?|until|till|through|completed\s+by|ending\s+on"
    r"|expires?\s+on|to)\s*(?:tanggal\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def _durations_in(doc: DocText, start: int, end: int) -> list[DurationMatch]:
    out = []
    for d in find_durations(doc.text[start:end]):
        out.append(
            DurationMatch(
                d.start + start, d.end + start, d.text, d.months, d.days, d.kind, d.until, d.confidence
            )
        )
    return out


def find_term(doc: DocText, segs: Segments) -> tuple[DurationMatch | None, float]:
    """The first period in the term article, else the first period near a term cue anywhere."""
    arts = segs.articles_of("jangka_waktu")
    own = [a for a in arts if _AGREEMENT_TERM.fullmatch(a.heading.strip(" .:"))]
    for a in own or arts:  # an activity's term article ('JANGKA WAKTU PEMAGANGAN') only without the own
        periods = [d for d in _durations_in(doc, a.start, a.end) if d.kind == "period"]
        if periods:
            return periods[0], STRONG
    if own:
        # the agreement's own term article gives no period ('berlaku sejak ditandatangani sampai dengan
        # selesainya program'): a period elsewhere is an activity's length ('magang selama 6 bulan')
        return None, 0.0
    for d in _durations_in(doc, 0, len(doc.text)):
        if d.kind == "period" and TERM_CUE.search(doc.text[max(0, d.start - 80) : d.start]):
            return d, GOOD
    return None, 0.0


def extract_duration(doc: DocText, segs: Segments) -> ExtractedField:
    d, strength = find_term(doc, segs)
    if d is None:
        return ExtractedField()
    value = Duration(text=d.text.strip(), months=d.months)
    return make(doc, value, [(d.start, d.end)], strength * d.confidence)


def find_end_date(doc: DocText, segs: Segments) -> tuple[int, int, str] | None:
    """A stated end date ('sampai dengan 19 Oktober 2026', 'until 6 July 2016', 'completed by ...')."""
    for start, end in term_regions(doc, segs):
        for d in _dates_in(doc, start, end):
            if END_CUE.search(doc.text[max(0, d.start - 30) : d.start]):
                return d.start, d.end, d.value.isoformat()
    return None


def extract_expiry(
    doc: DocText, segs: Segments, duration: ExtractedField, effective: ExtractedField, signing: ExtractedField
) -> ExtractedField:
    """The stated end date, else start (effective or signing) + duration in months."""
    stated = find_end_date(doc, segs)
    if stated:
        s, e, value = stated
        return make(doc, value, [(s, e)], STRONG if segs.has_heading("jangka_waktu") else GOOD)
    start_field = effective if effective.value else signing
    start = parse_iso(start_field.value)
    months = duration.value.months if duration.value else None
    if not start or not months:
        return ExtractedField()
    value = add_months(start, months).isoformat()
    strength = GOOD if effective.value else WEAK
    conf = min(duration.confidence, start_field.confidence)
    field = ExtractedField(value=value, confidence=round(conf * strength / STRONG, 3))
    field.evidence = duration.evidence + start_field.evidence
    return field
