"""Accuracy per field wherever gold exists: committed sample labels, --gold folders, analysts' corrections."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.store.corrected import machine_value

log = logging.getLogger(__name__)

SAMPLE_LABELS = Path(__file__).resolve().parents[3] / "samples" / "fixed" / "labels"


@dataclass
class FieldScore:
    """How often the machine value of one field agreed with the gold."""

    field: str
    documents: int = 0
    correct: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.documents if self.documents else None


@dataclass
class GoldSource:
    """One source of gold and the per-field scores against it."""

    name: str
    documents: int
    scores: list[FieldScore] = field(default_factory=list)
    mismatches: list[dict] = field(default_factory=list)


def label_sources(
    records: list[dict], gold_dirs: list[Path], sample_labels: Path | None = SAMPLE_LABELS
) -> list[GoldSource]:
    """Score machine records against every labels folder whose stems match stored filenames."""
    folders = (
        [("Sampel (samples/fixed/labels)", sample_labels)] if sample_labels and sample_labels.is_dir() else []
    )
    folders += [(f"Gold: {path}", path) for path in gold_dirs]
    by_stem = {Path(r["document"]["filename"]).stem: r for r in records}
    sources = []
    for name, folder in folders:
        source = _score_folder(name, folder, by_stem)
        if source is not None:
            sources.append(source)
    return sources


def _score_folder(name: str, folder: Path, by_stem: dict[str, dict]) -> GoldSource | None:
    from pipeline.quality.evaluate import evaluate, load_labels

    try:
        labels = load_labels(folder)
    except (OSError, ValueError) as exc:
        log.warning("gold labels in %s not used: %s", folder, exc)
        return None
    matched = {stem: label for stem, label in labels.items() if stem in by_stem}
    if not matched:
        return None
    report = evaluate(matched, {stem: by_stem[stem] for stem in matched})
    scores = []
    for field_name, counts in report.fields.items():
        right = sum(1 for doc in report.documents if _all_right(doc.counts.get(field_name)))
        scores.append(
            FieldScore(field_name, len(report.documents), right, counts.precision, counts.recall, counts.f1)
        )
    mismatches = [
        {"stem": doc.stem, "field": m.field, "gold": m.gold, "predicted": m.predicted}
        for doc in report.documents
        for m in doc.mismatches
    ]
    return GoldSource(name, len(matched), scores, mismatches)


def _all_right(counts: Any) -> bool:
    return counts is not None and counts.fp == 0 and counts.fn == 0


def correction_source(machine_records: list[dict], corrections: dict[str, list]) -> GoldSource | None:
    """Corrected values as gold: did the machine value of each corrected field agree with the analyst?"""
    from pipeline.quality.evaluate import SCALARS

    scores: dict[str, FieldScore] = {}
    mismatches = []
    documents = 0
    for record in machine_records:
        latest = {row.field: row for row in corrections.get(record["document"]["sha256"], [])}
        documents += bool(latest)
        for name, row in latest.items():
            predicted = machine_value(record, name)
            same = SCALARS[name][2] if name in SCALARS else _same_text
            agree = predicted == row.value or (
                predicted is not None and row.value is not None and same(row.value, predicted)
            )
            score = scores.setdefault(name, FieldScore(name))
            score.documents += 1
            score.correct += bool(agree)
            if not agree:
                mismatches.append(
                    {
                        "stem": Path(record["document"]["filename"]).stem,
                        "field": name,
                        "gold": row.value,
                        "predicted": predicted,
                    }
                )
    if not scores:
        return None
    ordered = [scores[name] for name in sorted(scores)]
    return GoldSource("Koreksi analis / analysts' corrections", documents, ordered, mismatches)


def _same_text(a: Any, b: Any) -> bool:
    return " ".join(str(a).casefold().split()) == " ".join(str(b).casefold().split())


def gold_sources(
    machine_records: list[dict],
    corrections: dict[str, list],
    gold_dirs: list[Path],
    sample_labels: Path | None = SAMPLE_LABELS,
) -> list[GoldSource]:
    """Every gold source that matches at least one stored document."""
    sources = label_sources(machine_records, gold_dirs, sample_labels)
    corrected = correction_source(machine_records, corrections)
    return sources + ([corrected] if corrected else [])
