"""Helpers that turn a matched span into an ExtractedField with evidence and a calibrated confidence."""

from __future__ import annotations

from typing import Any

from extractors.normalise import DocText
from schemas.record import Evidence, ExtractedField

STRONG = 0.95  # explicit labelled pattern (e.g. "Nomor :", "selanjutnya disebut")
GOOD = 0.85  # a clear pattern with some layout guessing
WEAK = 0.6  # fallback or heuristic


def confidence(doc: DocText, spans: list[tuple[int, int]], strength: float) -> float:
    """Rule strength scaled by the mean OCR confidence of the words under the evidence."""
    confs = [c for s, e in spans if (c := doc.ocr_conf(s, e)) is not None]
    ocr = sum(confs) / len(confs) if confs else 1.0
    return round(max(0.0, min(1.0, strength * (0.45 + 0.55 * ocr))), 3)


def evidence(doc: DocText, spans: list[tuple[int, int]]) -> list[Evidence]:
    out: list[Evidence] = []
    for s, e in spans:
        out.extend(doc.evidence(s, e))
    return out


def make(doc: DocText, value: Any, spans: list[tuple[int, int]], strength: float) -> ExtractedField:
    """An ExtractedField for `value` read from `spans` of the normalised text."""
    if value is None:
        return ExtractedField()
    return ExtractedField(
        value=value, confidence=confidence(doc, spans, strength), evidence=evidence(doc, spans)
    )
