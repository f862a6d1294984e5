"""Kerjasama extractors: normalise, segment and read every field of an agreement from its pages."""

from __future__ import annotations

from typing import Any

from extractors.bilingual import prevailing_language
from extractors.dateslots import extract_effective, extract_signing
from extractors.normalise import build_doctext
from extractors.numbers import extract_numbers, extract_parent
from extractors.obligations import extract_obligations
from extractors.parties import extract_parties
from extractors.scope import extract_scope
from extractors.segment import segment
from extractors.terms import extract_duration, extract_expiry
from extractors.titles import extract_doc_type, extract_language, extract_title
from extractors.workplan import extract_workplan
from schemas.pages import Page

__all__ = ["extract_fields"]


def extract_fields(pages: list[Page]) -> dict[str, Any]:
    """Every extracted field of the record (values are ExtractedField instances or lists of them)."""
    doc = build_doctext(pages)
    segs = segment(doc.text)
    language = extract_language(doc)
    prevail = prevailing_language(doc, language.value)
    title = extract_title(doc, segs, prevail)
    doc_type = extract_doc_type(doc, segs, title)
    parties = extract_parties(doc, segs, title.value)
    signing_date, signing_place = extract_signing(doc, segs)
    effective = extract_effective(doc, segs, signing_date)
    duration = extract_duration(doc, segs)
    return {
        "doc_type": doc_type,
        "language": language,
        "title": title,
        "numbers": extract_numbers(doc, segs),
        "parties": parties,
        "signing_date": signing_date,
        "signing_place": signing_place,
        "effective_date": effective,
        "duration": duration,
        "expiry_date": extract_expiry(doc, segs, duration, effective, signing_date),
        "scope": extract_scope(doc, segs, prevail),
        "obligations": extract_obligations(doc, segs, [p.value.role for p in parties if p.value], prevail),
        "workplan": extract_workplan(doc, segs),
        "parent_agreement": extract_parent(doc, segs, doc_type.value),
    }
