"""Scores extracted records against gold labels: per-field P/R/F1, workplan flag accuracy, calibration."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

NAME_THRESHOLD = 0.85  # SequenceMatcher ratio for titles, party names, places, representatives
TEXT_THRESHOLD = 0.6  # token F1 for scope items and obligation texts
CONFIDENCE_BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0))
FLAG_CODE = "NO_DETAILED_WORKPLAN"
LABEL_KEYS = ("doc_type", "title", "parties", "signing_date", "workplan_detail")
# Academic and honorific titles dropped before comparing people's names (labels carry names without them).
NAME_TITLES = frozenset(
    "dr dra drs ir prof h hj s se sh si st mh mhum hum msc sc mm ma mt ms mpd spd pd skm mkes kes phd mba "
    "ak cpa rer nat m sp ssi mi mkom kom ph d".split()
)

Json = dict[str, Any]


def _norm(text: str) -> str:
    """Case-folded, punctuation turned into spaces, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _norm(a), _norm(b)).ratio()


def _token_f1(a: str, b: str) -> float:
    ta, tb = _norm(a).split(), _norm(b).split()
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    return 0.0 if not common else 2 * common / (len(ta) + len(tb))


def _person(name: str) -> str:
    return " ".join(t for t in _norm(name).split() if t not in NAME_TITLES)


def _person_ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _person(a), _person(b)).ratio()


def _compact(number: str) -> str:
    return re.sub(r"\s+", "", number.casefold().replace("–", "-").replace("—", "-"))


def _exact(a: Any, b: Any) -> bool:
    return a == b


def _fuzzy(a: Any, b: Any) -> bool:
    return _ratio(str(a), str(b)) >= NAME_THRESHOLD


@dataclass
class Counts:
    """True/false positives and false negatives of one field, summed over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> Json:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support}  # fmt: skip


@dataclass
class Mismatch:
    field: str
    outcome: str  # "FP" | "FN" | "FP+FN"
    gold: Any
    predicted: Any


@dataclass
class DocResult:
    stem: str
    missing_prediction: bool
    counts: dict[str, Counts]
    mismatches: list[Mismatch]


@dataclass
class Accuracy:
    """Document-level accuracy with a confusion table keyed "gold->predicted"."""

    correct: int = 0
    total: int = 0
    confusion: dict[str, int] = field(default_factory=dict)

    def record(self, gold: Any, predicted: Any) -> None:
        self.total += 1
        self.correct += gold == predicted
        key = f"{gold}->{predicted}"
        self.confusion[key] = self.confusion.get(key, 0) + 1

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def balanced_accuracy(self) -> float | None:
        """Mean of the per-class recalls over the gold classes present (a rare class weighs as much)."""
        per_class: dict[str, list[int]] = {}
        for key, n in self.confusion.items():
            gold, predicted = key.split("->", 1)
            hits = per_class.setdefault(gold, [0, 0])
            hits[0] += n * (gold == predicted)
            hits[1] += n
        recalls = [c / t for c, t in per_class.values() if t]
        return sum(recalls) / len(recalls) if recalls else None


@dataclass
class Band:
    low: float
    high: float
    count: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.count if self.count else None


@dataclass
class EvalReport:
    fields: dict[str, Counts]
    documents: list[DocResult]
    flag: Accuracy
    workplan: Accuracy
    calibration: list[Band]
    extra: dict[str, Counts] = field(default_factory=dict)  # scored where labelled, outside the macro F1

    @property
    def macro_f1(self) -> float | None:
        scores = [c.f1 for c in self.fields.values() if c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    def to_dict(self) -> Json:
        return {
            "macro_f1": self.macro_f1,
            "fields": {name: c.to_dict() for name, c in self.fields.items()},
            "extra_fields": {name: c.to_dict() for name, c in self.extra.items()},
            "no_detailed_workplan": {**asdict(self.flag), "accuracy": self.flag.accuracy,
                                     "balanced_accuracy": self.flag.balanced_accuracy},
            "workplan": {**asdict(self.workplan), "accuracy": self.workplan.accuracy,
                         "balanced_accuracy": self.workplan.balanced_accuracy},
            "calibration": [{**asdict(b), "accuracy": b.accuracy} for b in self.calibration],
            "documents": [
                {"stem": d.stem, "missing_prediction": d.missing_prediction,
                 "counts": {k: asdict(c) for k, c in d.counts.items()},
                 "mismatches": [asdict(m) for m in d.mismatches]}
                for d in self.documents
            ],
        }  # fmt: skip


def _value(record: Json, key: str) -> Any:
    slot = record.get(key) or {}
    return slot.get("value") if isinstance(slot, dict) else None


# Scalar fields: (label key, record key, same?). The record key also holds the confidence.
SCALARS: dict[str, tuple[str, str, Callable[[Any, Any], bool]]] = {
    "doc_type": ("doc_type", "doc_type", _exact),
    "language": ("language", "language", _exact),
    "title": ("title", "title", _fuzzy),
    "signing_date": ("signing_date", "signing_date", _exact),
    "signing_place": ("signing_place", "signing_place", _fuzzy),
    "effective_date": ("effective_date", "effective_date", _exact),
    "duration_months": ("duration_months", "duration", _exact),
    "expiry_date": ("expiry_date", "expiry_date", _exact),
    "workplan": ("workplan_detail", "workplan", _exact),
}


def _predicted_scalar(name: str, record: Json) -> Any:
    value = _value(record, SCALARS[name][1])
    return (value or {}).get("months") if name == "duration_months" else value


def _values(record: Json, key: str) -> list[Any]:
    return [f["value"] for f in record.get(key) or [] if isinstance(f, dict) and f.get("value") is not None]


def _items(name: str, doc: Json, predicted: bool) -> list[Any]:
    """The items of a list field from a label (predicted=False) or a record."""
    key = "parties" if name in ("party_roles", "representatives") else name
    items = [x for x in (_values(doc, key) if predicted else doc.get(key) or []) if x]
    if key == "parties":
        parties = [p for p in items if p.get("name")]
        if name == "parties":
            return [p["name"] for p in parties]
        if name == "party_roles":
            return [p for p in parties if p.get("role")]
        return [p["representative"] for p in parties if p.get("representative")]
    return [o["text"] for o in items if o.get("text")] if name == "obligations" else items


def _role_pair(a: Json, b: Json) -> float:
    same_role = _norm(a.get("role") or "") == _norm(b.get("role") or "")
    return _ratio(a["name"], b["name"]) if same_role else 0.0


# List fields: (similarity of two items, threshold for a match).
LISTS: dict[str, tuple[Callable[[Any, Any], float], float]] = {
    "numbers": (lambda a, b: float(_compact(a) == _compact(b)), 1.0),
    "parties": (_ratio, NAME_THRESHOLD),
    "party_roles": (_role_pair, NAME_THRESHOLD),
    "representatives": (_person_ratio, NAME_THRESHOLD),
    "scope": (_token_f1, TEXT_THRESHOLD),
    "obligations": (_token_f1, TEXT_THRESHOLD),
}
# Fields scored only where the label has the key (generated labels do; realdocs labels do not), outside
# the macro F1 so that figures stay comparable across label sets.
EXTRAS: dict[str, tuple[str, str, Callable[[Any, Any], bool]]] = {
    "parent_agreement": ("parent_agreement", "parent_agreement", lambda a, b: _compact(a) == _compact(b)),
}
FIELDS = ("doc_type", "language", "title", "numbers", "parties", "party_roles", "representatives",
          "signing_date", "signing_place", "effective_date", "duration_months", "expiry_date", "scope",
          "obligations", "workplan")  # fmt: skip


def match_items(gold: list[Any], pred: list[Any], sim: Callable[[Any, Any], float], threshold: float) -> list:
    """Greedy one-to-one matching: highest-similarity pairs first, each item used at most once."""
    pairs = sorted(
        ((sim(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), key=lambda t: -t[0]
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if score >= threshold and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched.append((i, j))
    return matched


def _score_scalar(name: str, gold: Json, record: Json, doc: DocResult) -> None:
    _score_values(name, gold.get(SCALARS[name][0]), _predicted_scalar(name, record), SCALARS[name][2], doc)


def _score_values(name: str, g: Any, p: Any, same: Callable[[Any, Any], bool], doc: DocResult) -> None:
    if g is None and p is None:
        doc.counts[name] = Counts(tp=1)  # correct abstention
    elif g is not None and p is not None and same(g, p):
        doc.counts[name] = Counts(tp=1)
    else:
        counts = Counts(fp=int(p is not None), fn=int(g is not None))
        doc.counts[name] = counts
        outcome = "FP+FN" if counts.fp and counts.fn else "FP" if counts.fp else "FN"
        doc.mismatches.append(Mismatch(name, outcome, g, p))


def _score_list(name: str, gold: Json, record: Json, doc: DocResult) -> None:
    sim, threshold = LISTS[name]
    g_items, p_items = _items(name, gold, False), _items(name, record, True)
    if not g_items and not p_items:
        doc.counts[name] = Counts(tp=1)  # correct abstention
        return
    matched = match_items(g_items, p_items, sim, threshold)
    doc.counts[name] = Counts(tp=len(matched), fp=len(p_items) - len(matched), fn=len(g_items) - len(matched))
    hit_g, hit_p = {i for i, _ in matched}, {j for _, j in matched}
    doc.mismatches += [Mismatch(name, "FN", x, None) for i, x in enumerate(g_items) if i not in hit_g]
    doc.mismatches += [Mismatch(name, "FP", None, x) for j, x in enumerate(p_items) if j not in hit_p]


def _missing(stem: str, gold: Json) -> DocResult:
    """A label without a prediction: every field counts as missed (never as an abstention)."""
    counts = {n: Counts(fn=1) for n in SCALARS}
    counts.update({n: Counts(fn=max(1, len(_items(n, gold, False)))) for n in LISTS})
    return DocResult(stem, True, {n: counts[n] for n in FIELDS}, [Mismatch("*", "FN", "label", None)])


def _calibrate(gold: Json, record: Json, bands: list[Band]) -> None:
    for name, (gold_key, key, same) in SCALARS.items():
        p, g = _predicted_scalar(name, record), gold.get(gold_key)
        confidence = (record.get(key) or {}).get("confidence")
        if p is None or confidence is None:
            continue
        band = next(b for b in bands if b.low <= confidence < b.high or b.high == 1.0 and confidence >= b.low)
        band.count += 1
        band.correct += g is not None and same(g, p)


def evaluate(gold: dict[str, Json], predicted: dict[str, Json]) -> EvalReport:
    """Score predicted record dicts against gold labels, both keyed by file stem."""
    report = EvalReport({n: Counts() for n in FIELDS}, [], Accuracy(), Accuracy(),
                        [Band(lo, hi) for lo, hi in CONFIDENCE_BANDS])  # fmt: skip
    for stem in sorted(gold):
        label, record = gold[stem], predicted.get(stem)
        # an implementation report is not an agreement: no workplan flag is expected (extractors/checks.py)
        gold_flag = label.get("workplan_detail") != "detailed" and label.get("doc_type") != "report"
        if record is None:
            doc = _missing(stem, label)
            report.flag.record(gold_flag, "missing")
            report.workplan.record(label.get("workplan_detail"), "missing")
        else:
            doc = DocResult(stem, False, {}, [])
            for name in FIELDS:
                (_score_scalar if name in SCALARS else _score_list)(name, label, record, doc)
            flags = {f.get("code") for f in record.get("flags") or []}
            report.flag.record(gold_flag, FLAG_CODE in flags)
            report.workplan.record(label.get("workplan_detail"), _value(record, "workplan"))
            _calibrate(label, record, report.calibration)
            for name, (gold_key, key, same) in EXTRAS.items():
                if gold_key in label:
                    _score_values(name, label[gold_key], _value(record, key), same, doc)
                    report.extra.setdefault(name, Counts()).add(doc.counts.pop(name))
        for name, counts in doc.counts.items():
            report.fields[name].add(counts)
        report.documents.append(doc)
    return report


def load_labels(gold_dir: Path) -> dict[str, Json]:
    """Gold labels `<stem>.json` from a directory, or from its `labels/` subfolder."""
    folder = gold_dir / "labels" if (gold_dir / "labels").is_dir() else gold_dir
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ValueError(f"no gold labels (*.json) in {folder}: point --gold at a labels folder")
    labels = {}
    for path in files:
        label = json.loads(path.read_text(encoding="utf-8"))
        missing = [k for k in LABEL_KEYS if k not in label]
        if missing:
            raise ValueError(f"{path} is not a gold label: it lacks {', '.join(missing)}")
        labels[path.stem] = label
    return labels


def load_predictions(pred_dir: Path) -> dict[str, Json]:
    """Record JSON files `<stem>.json` as written by `kerjasama extract --out`."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(pred_dir.glob("*.json"))}


def load_folds(path: Path) -> dict[str, str]:
    """`{stem prefix: fold}` from a folds file ([families.NAME] with `fold` and `members`)."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the folds file ({exc})") from exc
    folds: dict[str, str] = {}
    for family, spec in (data.get("families") or {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("fold"), str) or not spec.get("members"):
            raise ValueError(f"{path}: family {family!r} needs a fold name and a non-empty members list")
        for member in spec["members"]:
            if member in folds:
                raise ValueError(f"{path}: {member!r} is in two families (a family never straddles folds)")
            folds[str(member)] = spec["fold"]
    if not folds:
        raise ValueError(f"{path}: no [families.NAME] tables")
    return folds


def fold_of(stem: str, folds: dict[str, str]) -> str | None:
    """The fold of a document: its stem's longest matching member prefix."""
    hits = [m for m in folds if stem == m or stem.startswith(m) and not stem[len(m)].isalnum()]
    return folds[max(hits, key=len)] if hits else None


def evaluate_folds(
    gold: dict[str, Json], predicted: dict[str, Json], folds: dict[str, str]
) -> dict[str, EvalReport]:
    """One report per fold, plus "all"; a labelled document outside every fold raises (the split is stale)."""
    by_fold: dict[str, dict[str, Json]] = {}
    for stem, label in gold.items():
        fold = fold_of(stem, folds)
        if fold is None:
            raise ValueError(f"{stem} is in no fold: add it to a family of the folds file")
        by_fold.setdefault(fold, {})[stem] = label
    reports = {f: evaluate(labels, predicted) for f, labels in sorted(by_fold.items())}
    reports["all"] = evaluate(gold, predicted)
    return reports
