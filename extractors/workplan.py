"""Workplan level: detailed (activities with schedule/budget/outputs in the document), mentioned, or none."""

from __future__ import annotations

import re

from extractors.fields import GOOD, WEAK, make
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
MIN_AMOUNT_LINES = 6
MIN_FAMILIES = 3
_PLAN_RE = re.compile("|".join(WORKPLAN_PLAN_WORDS), re.IGNORECASE)
_FUTURE_RE = re.compile("|".join(FUTURE_WORDS), re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;]+[.;]?")


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
    lines = [
        m for m in AMOUNT_LINE.finditer(doc.text) if not re.search(r"NPWP|rekening|account", m.group(0), re.I)
    ]
    if len(lines) >= MIN_AMOUNT_LINES:
        found["budget_table"] = (lines[0].start(), lines[-1].end())
    return found


def plan_sentences(doc: DocText) -> list[tuple[int, int]]:
    """Sentences promising a plan, programme, KAK/RAB or schedule to be drawn up later."""
    out = []
    for m in _SENTENCE.finditer(doc.text):
        sentence = m.group(0)
        plan = _PLAN_RE.search(sentence)
        if plan and _FUTURE_RE.search(sentence):
            out.append((m.start(), m.end()))
    return out


def extract_workplan(doc: DocText, segs: Segments) -> ExtractedField:
    signals = detail_signals(doc)
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
