"""End-to-end on the real labelled agreements in ../shared/realdocs: macro F1 and workplan-flag accuracy."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from schemas.pages import Page

REALDOCS = Path(__file__).parents[2] / "shared" / "realdocs"
MIN_MACRO_F1 = 0.85
MIN_FLAG_ACCURACY = 0.95
TODAY = datetime.date(2024, 1, 1)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.realdocs,
    pytest.mark.skipif(not (REALDOCS / "pdf").is_dir(), reason=f"real documents not available at {REALDOCS}"),
]


def _record(pdf: Path, cache: Path) -> dict:
    """The record of one PDF; its OCR'd pages are cached by content hash (OCR of all 15 takes minutes)."""
    from pipeline.run import PIPELINE_VERSION, Settings, build_record, extract_document, sha256_file
    from schemas.record import DocumentInfo

    digest = sha256_file(pdf)
    cached = cache / f"{digest}.json"
    if not cached.exists():
        extraction = extract_document(pdf, today=TODAY, sha256=digest)
        cached.write_text(json.dumps({"pages": [p.to_dict() for p in extraction.text.pages]}))
        return extraction.record.to_json_dict()
    pages = [Page.from_dict(p) for p in json.loads(cached.read_text())["pages"]]
    sources = {p.source for p in pages}
    info = DocumentInfo(sha256=digest, filename=pdf.name, bytes=pdf.stat().st_size, pages=len(pages),
                        text_source=sources.pop() if len(sources) == 1 else "mixed",
                        pipeline_version=PIPELINE_VERSION)  # fmt: skip
    return build_record(info, pages, today=TODAY, settings=Settings()).to_json_dict()


@pytest.fixture(scope="session")
def predictions(request: pytest.FixtureRequest) -> dict[str, dict]:
    cache = Path(request.config.cache.mkdir("realdocs_pages"))
    return {pdf.stem: _record(pdf, cache) for pdf in sorted((REALDOCS / "pdf").glob("*.pdf"))}


@pytest.fixture(scope="session")
def report(predictions: dict[str, dict]):
    from pipeline.evaluate import evaluate, load_labels

    gold = load_labels(REALDOCS / "labels")
    return evaluate(gold, predictions)


def test_every_document_yields_a_record(predictions: dict[str, dict]) -> None:
    labels = {p.stem for p in (REALDOCS / "labels").glob("*.json")}
    assert labels <= set(predictions)


def test_macro_f1(report) -> None:
    table = {name: round(c.f1, 3) for name, c in report.fields.items() if c.f1 is not None}
    assert report.macro_f1 >= MIN_MACRO_F1, table


def test_no_detailed_workplan_flag_accuracy(report) -> None:
    assert report.flag.accuracy >= MIN_FLAG_ACCURACY, report.flag.confusion
