"""End-to-end on the real labelled agreements in ../shared/realdocs: macro F1 and workplan flag, per fold.

The folds (tests/realdocs_folds.toml) split the documents by template family: `develop` is what rules
were written against, `validate` is judged only. The thresholds are a ratchet: each is what the code
measured when it was last raised (README, "Extraction quality"); raise them as the code improves, never
lower them to pass.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

REALDOCS = Path(__file__).parents[2] / "shared" / "realdocs"
FOLDS = Path(__file__).with_name("realdocs_folds.toml")
TODAY = datetime.date(2024, 1, 1)
# fold -> (min macro F1, min NO_DETAILED_WORKPLAN balanced accuracy, min workplan 3-way accuracy)
# Start of issue 12 (2026-12-02): macro F1 all 0.799, develop 0.845, validate 0.711; workplan accuracy
# 0.769 / 0.960 / 0.429. Raised at the end of each session to what the code measured (2026-12-02: all 0.831,
# develop 0.878, validate 0.741); now (2026-12-03), each rounded down to 3 decimals:
MINIMUM = {
    "all": (0.910, 1.0, 0.948),
    "develop": (0.945, 1.0, 1.0),
    "validate": (0.838, 1.0, 0.857),
}
# fold -> field -> min F1, for the fields the issue names (parties and representatives; issue target 0.90).
FIELD_MINIMUM = {
    "all": {"parties": 0.896, "representatives": 0.922},
    "develop": {"parties": 0.971, "representatives": 0.941},
    "validate": {"parties": 0.766, "representatives": 0.884},
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.realdocs,
    pytest.mark.skipif(not (REALDOCS / "pdf").is_dir(), reason=f"real documents not available at {REALDOCS}"),
]


@pytest.fixture(scope="session")
def predictions() -> dict[str, dict]:
    """Records of every real PDF, their page text cached by content hash and reading-code fingerprint.

    OCR of all 39 takes about 25 minutes on 2 cores, so the cache lives outside the checkout (a clean clone
    on the same machine reuses it); `KERJASAMA_REALDOCS_CACHE` names another folder.
    """
    from pipeline.quality.pagecache import cached_record

    env = os.environ.get("KERJASAMA_REALDOCS_CACHE")
    cache = Path(env) if env else Path.home() / ".cache" / "kerjasama" / "realdocs-pages"
    return {
        pdf.stem: cached_record(pdf, cache, today=TODAY).to_json_dict()
        for pdf in sorted((REALDOCS / "pdf").glob("*.pdf"))
    }


@pytest.fixture(scope="session")
def reports(predictions: dict[str, dict]):
    from pipeline.quality.evaluate import evaluate_folds, load_folds, load_labels

    return evaluate_folds(load_labels(REALDOCS / "labels"), predictions, load_folds(FOLDS))


def test_every_document_yields_a_record(predictions: dict[str, dict]) -> None:
    labels = {p.stem for p in (REALDOCS / "labels").glob("*.json")}
    assert labels <= set(predictions)


def test_every_labelled_document_is_in_a_fold(reports) -> None:
    assert {"develop", "validate", "all"} <= set(reports)
    assert len(reports["all"].documents) == len(reports["develop"].documents) + len(
        reports["validate"].documents
    )


@pytest.mark.parametrize("fold", sorted(MINIMUM))
def test_macro_f1(reports, fold: str) -> None:
    report = reports[fold]
    table = {name: round(c.f1, 3) for name, c in report.fields.items() if c.f1 is not None}
    assert report.macro_f1 >= MINIMUM[fold][0], table


@pytest.mark.parametrize("fold", sorted(MINIMUM))
def test_no_detailed_workplan_flag(reports, fold: str) -> None:
    flag = reports[fold].flag
    assert flag.balanced_accuracy >= MINIMUM[fold][1], flag.confusion


@pytest.mark.parametrize("fold", sorted(MINIMUM))
def test_workplan_level(reports, fold: str) -> None:
    workplan = reports[fold].workplan
    assert workplan.accuracy >= MINIMUM[fold][2], workplan.confusion


@pytest.mark.parametrize(("fold", "field"), [(f, n) for f, fields in FIELD_MINIMUM.items() for n in fields])
def test_party_fields(reports, fold: str, field: str) -> None:
    counts = reports[fold].fields[field]
    assert counts.f1 is not None and counts.f1 >= FIELD_MINIMUM[fold][field], (
        counts.tp,
        counts.fp,
        counts.fn,
    )
