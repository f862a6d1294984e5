"""Checks on a record: flags (workplan, expiry, missing sections, numbers, OCR) and review status."""

from __future__ import annotations

import datetime

from extractors.dateslots import parse_iso
from extractors.normalise import build_doctext
from extractors.segment import segment
from extractors.vocab import EXPECTED_ALL, EXPECTED_PKS, HEADING_LABELS
from schemas.pages import SKIPPED_NOTE, Page
from schemas.record import LIST_FIELDS, SCALAR_FIELDS, Evidence, ExtractedField, Flag, Record, Review

NOT_AGREEMENTS = ("report",)  # an implementation report has no workplan, articles or numbers to miss


def _workplan_flag(record: Record) -> list[Flag]:
    level = record.workplan.value
    if record.doc_type.value in NOT_AGREEMENTS:
        return []
    if level == "detailed":
        return []
    message = {
        "mentioned": "The agreement only says a workplan/programme will be drawn up later; none is attached.",
        "none": "The agreement contains no workplan (activities with schedule, responsible unit or budget).",
    }.get(level or "none", "No workplan could be found.")
    evidence = record.workplan.evidence if level == "mentioned" else []
    return [Flag(code="NO_DETAILED_WORKPLAN", severity="warning", message=message, evidence=evidence)]


def _expiry_flags(record: Record, today: datetime.date, expiring_days: int) -> list[Flag]:
    expiry = parse_iso(record.expiry_date.value)
    if expiry is None:
        return []
    ev = record.expiry_date.evidence
    if expiry < today:
        return [
            Flag(code="EXPIRED", severity="info", message=f"Expired on {expiry.isoformat()}.", evidence=ev)
        ]
    if (expiry - today).days <= expiring_days:
        days = (expiry - today).days
        msg = f"Expires on {expiry.isoformat()} (in {days} days)."
        return [Flag(code="EXPIRING_SOON", severity="warning", message=msg, evidence=ev)]
    return []


def _section_flags(record: Record, pages: list[Page]) -> list[Flag]:
    segs = segment(build_doctext(pages).text)
    if not segs.of_kind("article") or record.doc_type.value in NOT_AGREEMENTS:
        expected: list[str] = []  # letters of intent, one-page forms and reports have no articles to miss
    else:
        expected = EXPECTED_ALL + (EXPECTED_PKS if record.doc_type.value == "PKS" else [])
    flags = []
    for kind in expected:
        if not segs.has_heading(kind):
            flags.append(Flag(code="MISSING_SECTION", severity="warning",
                              message=f"No article on {HEADING_LABELS[kind]} was found."))  # fmt: skip
    return flags


def _number_flags(record: Record) -> list[Flag]:
    if len(record.parties) > len(record.numbers) and record.doc_type.value not in ("other", *NOT_AGREEMENTS):
        msg = f"{len(record.numbers)} document number(s) for {len(record.parties)} parties."
        return [Flag(code="NUMBER_MISSING", severity="warning", message=msg)]
    return []


def _skipped_flag(pages: list[Page]) -> list[Flag]:
    """The pages not OCR'd for want of printed text (pipeline/text/skippage.py), each with its reason."""
    skipped = [(p.number, note) for p in pages for note in p.notes if note.startswith(SKIPPED_NOTE)]
    if not skipped:
        return []
    reasons = "; ".join(f"page {n}: {note.removeprefix(SKIPPED_NOTE).strip(': ')}" for n, note in skipped)
    evidence = [Evidence(page=n, start=0, end=0, text="", bbox=None) for n, _ in skipped]
    return [Flag(code="PAGES_SKIPPED", severity="info", message=f"Not OCR'd, no printed text: {reasons}.",
                 evidence=evidence)]  # fmt: skip


def _ocr_flag(pages: list[Page], low_ocr_confidence: float) -> list[Flag]:
    confs = [p.mean_confidence for p in pages if p.source == "ocr" and p.mean_confidence is not None]
    if confs and sum(confs) / len(confs) < low_ocr_confidence:
        mean = sum(confs) / len(confs)
        return [Flag(code="LOW_OCR_CONFIDENCE", severity="warning",
                     message=f"Mean OCR confidence {mean:.2f} < {low_ocr_confidence:.2f}.")]  # fmt: skip
    return []


def compute_flags(record: Record, pages: list[Page], *, today: datetime.date, expiring_days: int = 90,
                  low_ocr_confidence: float = 0.70) -> list[Flag]:  # fmt: skip
    """All flags of a record, recomputable against any `today`."""
    flags = _workplan_flag(record) + _expiry_flags(record, today, expiring_days)
    flags += _section_flags(record, pages) + _number_flags(record)
    if record.signing_date.value is None:
        flags.append(Flag(code="NO_SIGNING_DATE", severity="warning", message="No signing date was found."))
    return flags + _ocr_flag(pages, low_ocr_confidence) + _skipped_flag(pages)


def flags_of(record: Record, codes: set[str], *, today: datetime.date, expiring_days: int = 90,
             pages: list[Page] | None = None) -> list[Flag]:  # fmt: skip
    """The flags of `codes` only, made as `compute_flags` makes them, for a record whose values changed
    (an analyst's correction). MISSING_SECTION needs the page text; LOW_OCR_CONFIDENCE is never asked."""
    flags: list[Flag] = []
    if "NO_DETAILED_WORKPLAN" in codes:
        flags += _workplan_flag(record)
    if codes & {"EXPIRED", "EXPIRING_SOON"}:
        flags += _expiry_flags(record, today, expiring_days)
    if "MISSING_SECTION" in codes and pages is not None:
        flags += _section_flags(record, pages)
    if "NUMBER_MISSING" in codes:
        flags += _number_flags(record)
    if "NO_SIGNING_DATE" in codes and record.signing_date.value is None:
        flags.append(Flag(code="NO_SIGNING_DATE", severity="warning", message="No signing date was found."))
    return flags


def _low(name: str, field: ExtractedField, threshold: float) -> str | None:
    if field.value is not None and field.confidence < threshold:
        return f"{name}: confidence {field.confidence:.2f} < {threshold:.2f}"
    return None


def review_status(record: Record, *, threshold: float = 0.6) -> Review:
    """Needs review when any extracted value's confidence is under the threshold (reasons name the fields)."""
    reasons = [r for name in SCALAR_FIELDS if (r := _low(name, getattr(record, name), threshold))]
    for name in LIST_FIELDS:
        for i, field in enumerate(getattr(record, name)):
            if r := _low(f"{name}[{i}]", field, threshold):
                reasons.append(r)
    return Review(needs_review=bool(reasons), reasons=reasons)
