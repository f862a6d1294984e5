"""Workplan level: detailed (activities with schedule/budget/outputs in the document), mentioned, or none."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.lang import workplan as words
from extractors.normalise import DocText
from extractors.segment import Segments
from extractors.vocab import FUTURE_WORDS, WORKPLAN_PLAN_WORDS
from schemas.record import ExtractedField

# Families of evidence that a plan of activities is actually in the document (not just promised).
DETAIL_FAMILIES: dict[str, re.Pattern[str]] = {
    "budget_plan": re.compile(
        r"(?<!menyusun )\brencana\s+anggaran\s+(?:biaya|belanja)\b"
        r"(?![^\n]{0,40}\byang\s+(?:akan|diperlukan))"
        r"|\bbudget\s+(?:plan|breakdown|table)\b|\brincian\s+(?:anggaran|biaya)\b",
        re.IGNORECASE,
    ),
    "outputs": re.compile(r"\bluaran\b|\bdeliverables?\b|\bindikator\s+kinerja\b|\btarget\s+luaran\b", re.I),
    "terms_of_reference": re.compile(
        r"^[ \t]*(?:terms\s+of\s+reference|kerangka\s+acuan\s+kerja)[ \t]*$", re.I | re.M
    ),
    "schedule": re.compile(
        r"\bwork\s+period\b|\btime\s*(?:line|schedule|table)\b|\bpayment\s+schedule\b|\bjadwal\s+kegiatan\b"
        r"[^\n]{0,30}(?:terlampir|sebagai\s+berikut)|\bbulan\s+ke-?\s?\d|\bminggu\s+ke-?\s?\d",
        re.IGNORECASE,
    ),
    "yearly": re.compile(
        r"\btahun\s+pertama\b[\s\S]{0,3000}\btahun\s+kedua\b|\bfirst\s+year\b[\s\S]{0,3000}"
        r"\bsecond\s+year\b",
        re.IGNORECASE,
    ),
    "stages": re.compile(
        r"\btahap\s+(?:I|1)\b[\s\S]{0,2000}\btahap\s+(?:II|2)\b[\s\S]{0,2000}\btahap\s+(?:III|3)\b",
        re.IGNORECASE,
    ),
    "annex_plan": re.compile(
        r"^[ \t]*(?:[\"'.|~\-][ \t]*){0,3}(?:LAMPIRAN|ANNEX|APPENDIX|Lampiran|Annex|Appendix)\b[\s\S]{0,200}?"
        r"\b(?:rencana\s+(?:kerja|kegiatan|aksi)"
        r"|work\s*plan|plan\s+of\s+action|action\s+plan|jadwal|schedule|terms\s+of\s+reference)\b(?!\s+sama)",
        re.IGNORECASE | re.MULTILINE,
    ),
}
# Column words of a plan table header: activity, time, responsible unit, budget, indicator.
PLAN_COLUMNS = [
    r"kegiatan|activit|task",
    r"waktu|jadwal|time|schedule|deadline|bulan",
    r"penanggung\s*jawab|responsible|person\s+in\s+charge|pic\b",
    r"anggaran|biaya|budget|cost|dana",
    r"indikator|indicator|target|output|luaran|deliverable",
]
AMOUNT_LINE = re.compile(r"^[^\n]*\b\d{1,3}(?:[.,]\d{3}){2,}\b[^\n]*$", re.MULTILINE)
_NOT_BUDGET = re.compile(r"NPWP|rekening|account", re.IGNORECASE)
MIN_AMOUNT_LINES = 6
MIN_FAMILIES = 3
_PLAN_RE = re.compile("|".join(words.PROMISED_PLAN + WORKPLAN_PLAN_WORDS), re.IGNORECASE)
_FUTURE_RE = re.compile("|".join(words.DEFERRAL + FUTURE_WORDS), re.IGNORECASE)
_REFERENCED_RE = re.compile("|".join(words.REFERENCED_PLAN), re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;]+[.;]?")
_ANNEX_LINE = re.compile(
    r"^[ \t]*(?:[\"'.|~\-][ \t]*){0,3}(?:" + "|".join(words.ANNEX_HEADINGS) + r")\b[^\n]{0,80}$", re.MULTILINE
)
_ACTIVITY_RE = re.compile(r"\b(?:" + "|".join(words.ACTIVITY_COLUMNS) + r")", re.IGNORECASE)
_KIND_RES = {k: re.compile("|".join(v), re.IGNORECASE) for k, v in words.PLAN_COLUMN_KINDS.items()}
_TIME_CELL = re.compile(r"\b(?:bulan|minggu|month|week|tahun|year)\s*(?:ke\s*-?\s*)?\d", re.IGNORECASE)
_NUMBER_COLUMN = re.compile(r"^\W{0,3}No\.?\s", re.IGNORECASE)  # a table's first column: No / No.
ANNEX_WINDOW = 6000  # characters of an annex looked at for its table
MIN_TABLE_AMOUNTS = 3  # rows with a Rupiah-style amount that make a budget table


def _amount_lines(lines: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """Lines with an amount, bank-account and tax-number lines left out (they are not budget rows)."""
    return [m for m in lines if not _NOT_BUDGET.search(m.group(0))]


def detail_signals(doc: DocText) -> dict[str, tuple[int, int]]:
    """The detail families found, each with the span of its first match."""
    found = {name: (m.start(), m.end()) for name, rx in DETAIL_FAMILIES.items() if (m := rx.search(doc.text))}
    for m in re.finditer(r"[^\n]{1,160}", doc.text):
        if (
            sum(bool(re.search(c, m.group(0), re.IGNORECASE)) for c in PLAN_COLUMNS) >= 3
            and len(m.group(0)) < 120
        ):
            found["plan_table"] = found["plan_table_columns"] = (m.start(), m.end())
            break
    lines = _amount_lines(AMOUNT_LINE.finditer(doc.text))
    if len(lines) >= MIN_AMOUNT_LINES:
        found["budget_table"] = (lines[0].start(), lines[-1].end())
    return found


def _plan_header(line: str) -> bool:
    """A table header of activities plus what a plan says of them (when, who, how much, what comes out)."""
    if len(line) > 160 or not _ACTIVITY_RE.search(line):
        return False
    kinds = sum(bool(rx.search(line)) for rx in _KIND_RES.values())
    return kinds >= 2 or (kinds == 1 and bool(_NUMBER_COLUMN.match(line)))


def annex_plan_table(doc: DocText) -> tuple[int, int] | None:
    """The span of a plan table in an annex/schedule: an activity header with time, unit, budget or output
    columns, a row of period columns (month 1, month 2 ...), or several rows of amounts."""
    heads = list(_ANNEX_LINE.finditer(doc.text))
    for i, head in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else len(doc.text)
        start, end = head.start(), min(stop, head.end() + ANNEX_WINDOW)
        lines = list(re.finditer(r"[^\n]+", doc.text[start:end]))
        for m in lines:
            line = m.group(0)
            if _plan_header(line) or len(_TIME_CELL.findall(line)) >= 2:
                return start, start + m.end()
        amounts = _amount_lines(m for m in lines if AMOUNT_LINE.match(m.group(0)))
        if len(amounts) >= MIN_TABLE_AMOUNTS:
            return start, start + amounts[-1].end()
    return None


def plan_sentences(doc: DocText) -> list[tuple[int, int]]:
    """Sentences promising a plan, programme, KAK/RAB or schedule to be drawn up later, or relying on one
    that is not attached ("sesuai RAB")."""
    out = []
    for m in _SENTENCE.finditer(doc.text):
        sentence = m.group(0)
        if (_PLAN_RE.search(sentence) and _FUTURE_RE.search(sentence)) or _REFERENCED_RE.search(sentence):
            out.append((m.start(), m.end()))
    return out


def extract_workplan(doc: DocText, segs: Segments) -> ExtractedField:
    signals = detail_signals(doc)
    table = annex_plan_table(doc)
    if table is not None:
        return make(doc, "detailed", [table], STRONG if len(signals) >= 2 else GOOD)
    if len(signals) >= MIN_FAMILIES:
        spans = sorted(signals.values())[:6]
        strength = GOOD if len(signals) > MIN_FAMILIES else WEAK + 0.1
        return make(doc, "detailed", spans, strength)
    mentions = plan_sentences(doc)
    if mentions:
        return make(doc, "mentioned", mentions[:3], GOOD)
    field = make(doc, "none", [], GOOD)
    field.confidence = 0.75 if not signals else 0.6
    return field
