"""Workplan (stub)."""
from schemas.record import ExtractedField


def extract_workplan(doc, segs):
    return ExtractedField()
