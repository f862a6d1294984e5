"""Issue 15: typed results — a status and error items on each outcome and on the record; enums whose values
are the strings stored before; records stored before the status existed still read (and say failed pages)."""

from __future__ import annotations

import json
from typing import get_args

import hostile
import pytest
from docmaker import AGREEMENT_LINES, text_pdf
from pydantic import ValidationError

from pipeline.run import default_extract, process_intake
from schemas.record import DocumentInfo, Flag, Record
from schemas.status import (
    ErrorCategory,
    ErrorItem,
    FlagCode,
    FlagCodeName,
    OutcomeKind,
    Stage,
    Status,
    status_of,
)
from tests.fakes import TimingOut


def info(pages: int = 2) -> DocumentInfo:
    return DocumentInfo(
        sha256="ab" * 32, filename="a.pdf", bytes=1, pages=pages, text_source="ocr", pipeline_version="0"
    )


def page_error(page: int) -> ErrorItem:
    return ErrorItem(
        stage=Stage.OCR, page=page, category=ErrorCategory.PAGE, message=f"a.pdf: page {page}: x"
    )


def test_status_follows_the_error_items():
    assert status_of([], 2) == Status.SUCCESS
    assert status_of([page_error(2)], 2) == Status.PARTIAL
    assert status_of([page_error(1), page_error(2)], 2) == Status.FAILED  # every page failed: not processed
    record = Record(document=info()).with_errors([page_error(2)])
    assert record.status == "partial" and record.review.needs_review
    assert record.review.reasons == ["partial: a.pdf: page 2: x"]


def test_enums_are_the_strings_stored_before():
    assert set(get_args(FlagCodeName)) == {code.value for code in FlagCode}
    assert [str(kind) for kind in OutcomeKind] == ["processed", "duplicate", "quarantined", "skipped"]
    record = Record(document=info()).with_errors([page_error(2)])
    record.flags.append(Flag(code=FlagCode.EXPIRED, severity="info", message="Expired."))
    dumped = json.loads(json.dumps(record.to_json_dict()))
    assert dumped["status"] == "partial" and dumped["flags"][0]["code"] == "EXPIRED"
    assert dumped["errors"] == [
        {"stage": "ocr", "page": 2, "category": "page", "message": "a.pdf: page 2: x"}
    ]
    assert Record.model_validate(dumped) == record
    with pytest.raises(ValidationError):
        Flag(code="NO_SUCH_FLAG", severity="info", message="x")  # type: ignore[arg-type]


def test_a_record_stored_before_the_status_reads_with_typed_errors():
    legacy = Record(document=info(3)).to_json_dict()
    del legacy["status"], legacy["errors"]
    legacy["review"]["reasons"] = ["Low confidence: title", "partial: a.pdf: page 3: Tesseract timed out"]
    record = Record.model_validate(legacy)
    assert record.status == Status.PARTIAL
    assert [(e.stage, e.page, e.category) for e in record.errors] == [(Stage.OCR, 3, ErrorCategory.PAGE)]
    assert record.review.reasons == legacy["review"]["reasons"]  # the reasons themselves unchanged
    del legacy["review"]["reasons"][1]
    assert Record.model_validate(legacy).status == Status.SUCCESS


def test_outcomes_carry_status_and_errors(settings, store, tmp_path):
    hostile.mixed_pdf(settings.intake_dir / "mixed.pdf", scan_pages={2})
    text_pdf(settings.intake_dir / "mou.pdf", AGREEMENT_LINES)
    (settings.intake_dir / "note.txt").write_text("not an agreement")
    summary = process_intake(store, settings, default_extract(settings, engine=TimingOut({2}, seconds=1.0)))
    files = {f["name"]: f for f in summary["files"]}
    assert files["mou.pdf"]["status"] == "success" and files["mou.pdf"]["errors"] == []
    mixed = files["mixed.pdf"]
    assert (mixed["outcome"], mixed["status"]) == ("processed", "partial") and summary["partial"] == 1
    [error] = mixed["errors"]
    assert error["stage"] == "ocr" and error["page"] == 2 and error["category"] == "page"
    assert error["message"] == "mixed.pdf: page 2: Tesseract timed out after 1.0s on page 2"
    stored = Record.model_validate(store.find_record(mixed["sha256"]).record)
    assert stored.status == Status.PARTIAL and [e.page for e in stored.errors] == [2]
    note = files["note.txt"]
    assert (note["outcome"], note["status"], note["stage"]) == ("quarantined", "failed", "intake")
    assert note["errors"][0]["category"] == "document"
