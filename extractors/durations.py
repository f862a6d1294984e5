"""Find agreement terms: periods ("5 (lima) tahun"), end dates ("sampai dengan ..."), open-ended terms."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from extractors.dates import MONTH_NAME_PATTERN, find_dates
from extractors.lang import en
from extractors.lang import id as lang_id
from extractors.numwords import (
    EN_NUMBER_PHRASE,
    ID_NUMBER_PHRASE,
    parse_en_number_words,
    parse_id_number_words,
)

MAX_MONTHS = 1200
MAX_DAYS = 36_500
UNTIL_LOOKBACK = 40  # characters before a date searched for "sampai dengan" etc.

_UNITS = {**lang_id.DURATION_UNITS, **en.DURATION_UNITS}
_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_QUAL_ALT = "|".join((*lang_id.DAY_QUALIFIERS, *en.DAY_QUALIFIERS))
_WORDS = rf"(?:{ID_NUMBER_PHRASE}|{EN_NUMBER_PHRASE})"
_DIG = r"(?<![\w/.,-])\d{1,4}"
_PERIOD = re.compile(
    # '12 (tweive) months': digits whose spelled-out twin OCR garbled still count (the digits alone)
    rf"(?:(?:(?P<d1>{_DIG})\s*)?\(\s*(?:(?P<w1>{_WORDS})|(?P<garbled>[^\W\d_]{{3,14}}))?\s*\)"
    rf"|(?P<w2>{_WORDS})\s*\(\s*(?P<d2>\d{{1,4}})\s*\)"
    rf"|(?P<d3>{_DIG})|(?P<w3>{_WORDS}))"
    rf"\s*(?P<unit>\b(?:{_UNIT_ALT}))\b(?:\s+(?P<qual>{_QUAL_ALT})\b)?"
    rf"|\b(?P<se>{'|'.join(lang_id.SE_DURATIONS)})\b",
    re.I,
)
_DATE_NOT_PERIOD = re.compile(rf"\s*,?\s*(?:{MONTH_NAME_PATTERN})\b", re.I)  # "bulan Mei" is a date part
# "Peraturan ... Nomor 8 Tahun 2019" cites a regulation: a number before, or a year after, "tahun".
_CITATION_BEFORE = re.compile(r"\b(?:nomor|no)\.?\s*:?\s*$", re.I)
_CITATION_AFTER = re.compile(r"\s*\d{4}(?!\d)")


def _alt(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_UNTIL_BEFORE_DATE = re.compile(
    rf"\b(?P<kw>{_alt((*lang_id.UNTIL_WORDS, *en.UNTIL_WORDS))})\s*(?:tanggal|tgl\.?|the)?[\s,:]*$", re.I
)
_UNTIL_TERMINATED = re.compile(
    rf"(?:\b(?:{_alt(lang_id.UNTIL_WORDS)})\s+(?:(?:perjanjian|nota\s+kesepahaman|kesepakatan)\s+ini\s+)?"
    rf"(?:{_alt(lang_id.TERMINATED_WORDS)})\b(?:\s+oleh\s+(?:{_alt(lang_id.TERMINATED_BY)})\b)?"
    rf"|\b(?:until|till)\s+(?:{_alt(en.TERMINATED_PHRASES)})\b(?:\s+by\s+(?:{_alt(en.TERMINATED_BY)})\b)?)",
    re.I,
)


@dataclass(frozen=True)
class DurationMatch:
    """A term expression: a period in months or days, an end date, or "until terminated"."""

    start: int
    end: int
    text: str
    months: int | None  # None for day-based or until-terminated
    days: int | None
    kind: str  # "period" | "until_date" | "until_terminated"
    until: datetime.date | None
    confidence: float


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same calendar day `months` later (clamped to the month's last day)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def _words(text: str | None) -> int | None:
    if not text:
        return None
    value = parse_id_number_words(text)
    return value if value is not None else parse_en_number_words(text)


def _count(m: re.Match[str]) -> tuple[int, float] | None:
    """The number of units and how sure the reading is (digits and words cross-checked)."""
    if m.group("se"):
        return 1, 0.85
    digits = next((int(m.group(g)) for g in ("d1", "d2", "d3") if m.group(g)), None)
    words = _words(m.group("w1") or m.group("w2") or m.group("w3"))
    if digits is not None and words is not None:
        return (words, 0.95) if digits == words else (words, 0.5)
    if words is not None:
        return words, 0.8 if m.group("w1") else 0.85
    if digits is not None:
        return digits, 0.6 if m.group("garbled") else 0.7 if m.group("d1") else 0.85
    return None


def _period(m: re.Match[str]) -> DurationMatch | None:
    unit = (lang_id.SE_DURATIONS[m.group("se").lower()] if m.group("se") else m.group("unit")).lower()
    if unit == "bulan" and _DATE_NOT_PERIOD.match(m.string, m.end()):
        return None
    if _CITATION_BEFORE.search(m.string[max(0, m.start() - 12) : m.start()]) or _CITATION_AFTER.match(
        m.string, m.end()
    ):
        return None
    count = _count(m)
    if count is None or count[0] <= 0:
        return None
    per_month, per_day = _UNITS[unit]
    months = count[0] * per_month if per_month else None
    days = count[0] * per_day if per_day else None
    if (months or 0) > MAX_MONTHS or (days or 0) > MAX_DAYS:
        return None
    return DurationMatch(m.start(), m.end(), m.group(), months, days, "period", None, count[1])


def _periods(text: str) -> list[DurationMatch]:
    found = []
    pos = 0
    while (m := _PERIOD.search(text, pos)) is not None:
        period = _period(m)
        if period is not None:
            found.append(period)
        pos = m.end() if period is not None else m.start() + 1
    return _merge_year_month(text, found)


def _merge_year_month(text: str, periods: list[DurationMatch]) -> list[DurationMatch]:
    """Join "1 (satu) tahun 6 (enam) bulan" into one period of 18 months."""
    merged: list[DurationMatch] = []
    for p in periods:
        prev = merged[-1] if merged else None
        gap = text[prev.end : p.start] if prev else ""
        if prev and prev.months and p.months and re.fullmatch(r"\s*(?:dan|and|,)?\s*", gap, re.I):
            merged[-1] = DurationMatch(
                prev.start, p.end, text[prev.start : p.end], prev.months + p.months, None, "period", None,
                min(prev.confidence, p.confidence),
            )  # fmt: skip
        else:
            merged.append(p)
    return merged


def _until_dates(text: str, dates: list) -> list[DurationMatch]:
    found = []
    for d in dates:
        before = text[max(0, d.start - UNTIL_LOOKBACK) : d.start]
        m = _UNTIL_BEFORE_DATE.search(before)
        if m is None:
            continue
        start = d.start - len(before) + m.start()
        confidence = d.confidence * (0.8 if m.group("kw").lower() == "to" else 1.0)
        found.append(
            DurationMatch(
                start, d.end, text[start : d.end], None, None, "until_date", d.value, round(confidence, 3)
            )
        )
    return found


def _until_terminated(text: str) -> list[DurationMatch]:
    return [
        DurationMatch(m.start(), m.end(), m.group(), None, None, "until_terminated", None, 0.85)
        for m in _UNTIL_TERMINATED.finditer(text)
    ]


def find_durations(text: str) -> list[DurationMatch]:
    """Every term expression in text, non-overlapping, in text order; date parts are not periods."""
    dates = find_dates(text)
    periods = [p for p in _periods(text) if all(p.end <= d.start or p.start >= d.end for d in dates)]
    candidates = [*_until_dates(text, dates), *_until_terminated(text), *periods]
    chosen: list[DurationMatch] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)
