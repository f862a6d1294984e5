"""Find and read dates in Indonesian and English agreement text, tolerant of common OCR noise."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extractors.lang import en
from extractors.lang import id as lang_id
from extractors.numwords import (
    EN_NUMBER_PHRASE,
    ID_NUMBER_PHRASE,
    parse_en_number_words,
    parse_id_number_words,
    read_ocr_digits,
)

MIN_YEAR, MAX_YEAR = 1945, 2100
WEEKDAY_MISMATCH_PENALTY = 0.2
OCR_FIX_PENALTY = 0.1
BRACKET_DISAGREES_CONFIDENCE = 0.55

_D = r"[0-9OolI|]"  # a digit, or a letter OCR often puts in its place
_MONTHS: dict[str, int] = {**lang_id.MONTHS, **en.MONTHS}
_OCR_LETTERS = {"o": "[o0]", "i": "[il1]", "l": "[l1i]", "m": "(?:m|rn)"}


def _tolerant(name: str) -> str:
    """Regex for a month name allowing OCR look-alikes; short abbreviations must be exact."""
    if len(name) <= 4:
        return re.escape(name)
    return "".join(_OCR_LETTERS.get(ch, re.escape(ch)) for ch in name)


_MONTH_PATTERNS = [
    (re.compile(_tolerant(n), re.I), n, m) for n, m in sorted(_MONTHS.items(), key=lambda kv: -len(kv[0]))
]
MONTH_NAME_PATTERN = "|".join(p.pattern for p, _, _ in _MONTH_PATTERNS)
_MONTH = rf"(?P<month>(?<![^\W\d_])(?:{MONTH_NAME_PATTERN})\b\.?)"
_ID_DOW = r"(?:(?P<dow>{})\b[\s,]*)?".format("|".join(re.escape(d) for d in lang_id.DAYS))
_EN_DOW = r"(?:(?P<dow>{})\b[\s,]*)?".format("|".join(en.DAYS))
_BRACKET = (
    rf"(?P<bracket>\s*\(\s*(?P<bd>{_D}{{1,2}})\s*[-/.]\s*(?P<bm>{_D}{{1,2}})\s*[-/.]\s*"
    rf"(?P<by>{_D}{{4}})\s*\))?"
)
_ORD = r"(?:st|nd|rd|th)"

_ID_SPELLED = re.compile(
    rf"{_ID_DOW}(?:(?:tanggal|tgl\.?)[\s,:]*)?"
    rf"(?P<day>{ID_NUMBER_PHRASE}|(?<![\w/.-]){_D}{{1,2}})(?:\s*\([A-Za-z \t\n-]{{3,40}}\))?"  # 10 (sepuluh)
    rf"[\s,]*(?:bulan[\s,]*)?{_MONTH}[\s,]*"
    # 'tahun' read garbled ('tika Dua Ribu ...'): a short word that is no number word, before a spelled year
    rf"(?:(?:tahun|(?!{ID_NUMBER_PHRASE})[a-z]{{1,5}}(?=[\s,]+{ID_NUMBER_PHRASE}))[\s,]*)?"
    rf"(?P<year>{ID_NUMBER_PHRASE}|{_D}{{4}}(?![\w])){_BRACKET}",
    re.I,
)
_EN_DMY = re.compile(
    rf"{_EN_DOW}(?:(?:this|the)\s+)?(?P<day>(?<![\w/.-])\d{{1,2}}{_ORD}?|{EN_NUMBER_PHRASE})"
    rf"(?:(?:[^\s\d]{{1,3}}|\d[^\s\d]{{1,2}})(?=\s*day\s+of))?"  # an ordinal suffix misread ('134%' for 13th)
    rf"\s*(?:day\s+)?(?P<of>of)?\s*"
    rf"{_MONTH}[\s,]*(?:in\s+the\s+year\s+)?(?P<year>{_D}{{4}}(?![\w])|{EN_NUMBER_PHRASE})",
    re.I,
)
_EN_MDY = re.compile(
    rf"{_EN_DOW}{_MONTH}\s*(?P<day>\d{{1,2}}){_ORD}?\s*,?\s*(?P<year>{_D}{{4}})(?![\w])",
    re.I,
)
_NUMERIC = re.compile(
    rf"(?<![\w/.-])(?P<day>{_D}{{1,2}})\s*(?P<sep>[-/.])\s*(?P<month>{_D}{{1,2}})\s*(?P=sep)\s*"
    rf"(?P<year>{_D}{{4}})(?![\w]|[-/.]\d)"
)

_ISO = re.compile(r"(?<![\w/.-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\w/]|[-.]\d)")


@dataclass(frozen=True)
class DateMatch:
    """One date expression: its span in the input, the date read, how it was written, how sure."""

    start: int
    end: int
    text: str
    value: datetime.date
    kind: str  # "spelled" | "numeric" | "month_name" | "english"
    confidence: float


def _month(token: str) -> tuple[int, bool] | None:
    """Month number from a name (any listed variant); the flag says an OCR look-alike was needed."""
    name = token.rstrip(".").lower()
    if name in _MONTHS:
        return _MONTHS[name], False
    for pattern, _, number in _MONTH_PATTERNS:
        if pattern.fullmatch(name):
            return number, True
    return None


def _number(token: str, words: Callable[[str], int | None]) -> tuple[int, bool, bool] | None:
    """(value, spelled, ocr_fixed) from digits (an ordinal suffix allowed) or number words."""
    digits = read_ocr_digits(re.sub(rf"{_ORD}$", "", token.strip(), flags=re.I))
    if digits is not None:
        return digits[0], False, digits[1]
    value = words(token)
    return (value, True, False) if value is not None else None


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _weekday_penalty(dow: str | None, value: datetime.date) -> float:
    if not dow:
        return 0.0
    expected = {**lang_id.DAYS, **en.DAYS}.get(dow.lower())
    return 0.0 if expected is None or expected == value.weekday() else WEEKDAY_MISMATCH_PENALTY


def _bracket_date(m: re.Match[str]) -> datetime.date | None:
    parts = [read_ocr_digits(m.group(g)) for g in ("by", "bm", "bd")]
    if any(p is None for p in parts):
        return None
    year, month, day = (p[0] for p in parts if p is not None)
    return _make_date(year, month, day)


def _kind(m: re.Match[str], style: str, spelled: bool) -> str:
    """The kind of a match: spelled or month_name for Indonesian forms, english for English-only forms."""
    name = m.group("month").rstrip(".").lower()
    if style == "id":
        english_month = name in en.MONTHS and name not in lang_id.MONTHS
        return "spelled" if spelled else ("english" if english_month else "month_name")
    english_only = (
        spelled
        or style == "en_mdy"
        or bool(m.groupdict().get("of"))
        or re.search(_ORD + "$", m.group("day"), re.I) is not None
        or name not in lang_id.MONTHS
    )
    return "english" if english_only else "month_name"


def _from_words_match(m: re.Match[str], style: str) -> DateMatch | None:
    words = parse_id_number_words if style == "id" else parse_en_number_words
    day, month, year = (
        _number(m.group("day"), words),
        _month(m.group("month")),
        _number(m.group("year"), words),
    )
    if day is None or month is None or year is None:
        return None
    value = _make_date(year[0], month[0], day[0])
    if value is None:
        return None
    spelled = day[1] or year[1]
    confidence = (0.9 if spelled else 0.92) - OCR_FIX_PENALTY * ((day[2] or year[2]) + month[1])
    confidence -= _weekday_penalty(m.group("dow"), value)
    end = m.end()
    if m.groupdict().get("bracket"):
        bracket = _bracket_date(m)
        if bracket == value:
            confidence = min(0.99, confidence + 0.08)
        elif bracket is not None:
            confidence = min(confidence, BRACKET_DISAGREES_CONFIDENCE)
        else:
            end = m.start("bracket")
    return _build(m.string, m.start(), end, value, _kind(m, style, spelled), confidence)


def _build(text: str, start: int, end: int, value: datetime.date, kind: str, confidence: float) -> DateMatch:
    while end > start and text[end - 1] in " \t\r\n,":
        end -= 1
    return DateMatch(start, end, text[start:end], value, kind, round(max(0.05, min(0.99, confidence)), 3))


def _from_numeric(m: re.Match[str]) -> DateMatch | None:
    day, month, year = (read_ocr_digits(m.group(g)) for g in ("day", "month", "year"))
    if day is None or month is None or year is None:
        return None
    value = _make_date(year[0], month[0], day[0])
    if value is None:
        return None
    confidence = (0.85 if day[0] > 12 or day[0] == month[0] else 0.8) - OCR_FIX_PENALTY * any(
        p[1] for p in (day, month, year)
    )
    return _build(m.string, m.start(), m.end(), value, "numeric", confidence)


def _scan(
    pattern: re.Pattern[str], text: str, read: Callable[[re.Match[str]], DateMatch | None]
) -> Iterator[DateMatch]:
    """Every readable match; after an unreadable one, retry one character further on."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        found = read(m)
        if found is not None:
            yield found
            pos = m.end()
        else:
            pos = m.start() + 1


def find_dates(text: str) -> list[DateMatch]:
    """Every date expression in text, non-overlapping (longest first), in text order."""
    candidates = [
        *_scan(_ID_SPELLED, text, lambda m: _from_words_match(m, "id")),
        *_scan(_EN_DMY, text, lambda m: _from_words_match(m, "en_dmy")),
        *_scan(_EN_MDY, text, lambda m: _from_words_match(m, "en_mdy")),
        *_scan(_NUMERIC, text, _from_numeric),
        *_scan(_ISO, text, _from_numeric),
    ]
    chosen: list[DateMatch] = []
    for cand in sorted(candidates, key=lambda d: (-(d.end - d.start), d.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda d: d.start)


def parse_date(text: str) -> datetime.date | None:
    """The first date in a phrase, or None."""
    found = find_dates(text)
    return found[0].value if found else None
