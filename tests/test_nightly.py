"""Nightly logic without Prefect: re-extraction from stored text (no OCR), date flags against today."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from docmaker import AGREEMENT_LINES, text_pdf

from pipeline import PIPELINE_VERSION, nightly
from pipeline.run import default_extract, process_intake
from schemas.record import Flag, Record
from schemas.status import ErrorCategory, ErrorItem, Stage, Status


@pytest.fixture
def stored(settings, store, tmp_path) -> Record:
    """One agreement processed through the intake (text-layer PDF)."""
    text_pdf(settings.intake_dir / "mou.pdf", AGREEMENT_LINES)
    summary = process_intake(store, settings, default_extract(settings))
    assert summary["processed"] == 1, summary
    return Record.model_validate(store.latest_records()[0].record)


def make_outdated(store, record: Record) -> None:
    """Pretend the stored record was made by an older pipeline version."""
    old = record.model_copy(deep=True)
    old.document.pipeline_version = "0.0.1"
    old.with_errors(
        [ErrorItem(stage=Stage.OCR, page=3, category=ErrorCategory.PAGE, message="page 3: OCR timed out")]
    )
    store.save(old)
    with store.sessions.begin() as session:
        from sqlalchemy import delete

        from pipeline.store.models import RecordRow

        session.execute(delete(RecordRow).where(RecordRow.pipeline_version == PIPELINE_VERSION))


def no_reading(*args, **kwargs):
    raise AssertionError("re-extraction must not read or OCR the file again")


def test_reextract_uses_stored_text_only(settings, store, stored, monkeypatch):
    make_outdated(store, stored)
    assert store.outdated(PIPELINE_VERSION) == [stored.document.sha256]
    monkeypatch.setattr("pipeline.text.read.read_document", no_reading)
    monkeypatch.setattr("pipeline.document.read_document", no_reading)
    for path in settings.archive_dir.rglob("*.pdf"):
        path.rename(path.with_suffix(".moved"))  # the original is not even needed
    summary = nightly.reextract_outdated(store, settings)
    assert summary == {"reextracted": 1, "failed": []}
    assert store.outdated(PIPELINE_VERSION) == []
    latest = Record.model_validate(store.latest_records()[0].record)
    assert latest.document.pipeline_version == PIPELINE_VERSION
    assert latest.title.value == stored.title.value and latest.document.filename == "mou.pdf"
    assert "partial: page 3: OCR timed out" in latest.review.reasons  # page failures carried over
    assert [(e.page, e.message) for e in latest.errors] == [(3, "page 3: OCR timed out")]
    assert latest.status == Status.PARTIAL


def test_reextract_failure_is_reported_not_raised(settings, store, stored, monkeypatch):
    make_outdated(store, stored)
    monkeypatch.setattr(nightly, "build_record", lambda *a, **k: 1 / 0)
    summary = nightly.reextract_outdated(store, settings)
    assert summary["reextracted"] == 0 and "ZeroDivisionError" in summary["failed"][0]["error"]


def test_a_database_fault_in_reextraction_is_named_as_the_machines_not_a_bug(
    settings, store, stored, monkeypatch
):
    """Re-extraction judges errors as the runner does: a locked database is an environment fault
    (a skipped outcome naming the database), not 'OperationalError' blamed on the document."""
    import sqlite3

    make_outdated(store, stored)

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(nightly, "build_record", locked)
    [outcome] = [nightly.reextracted(sha, store, settings) for sha in store.outdated(PIPELINE_VERSION)]
    assert outcome.outcome == "skipped" and outcome.errors[0].category == "environment"
    [item] = nightly.reextract_outdated(store, settings)["failed"]
    assert "cannot be used: database is locked" in item["error"] and "OperationalError" not in item["error"]


def test_date_flags_follow_today(settings, store, stored):
    expiry = stored.expiry_date.value
    if expiry is None:
        pytest.skip("extractor found no expiry date in the test agreement")
    end = date.fromisoformat(expiry)
    codes = lambda: store.latest_records()[0].flag_codes.split()  # noqa: E731
    nightly.refresh_flags(store, settings, today=end - timedelta(days=400))
    assert "EXPIRED" not in codes() and "EXPIRING_SOON" not in codes()
    result = nightly.refresh_flags(store, settings, today=end - timedelta(days=30))
    assert "EXPIRING_SOON" in codes() and result["flags_changed"] == 1
    nightly.refresh_flags(store, settings, today=end + timedelta(days=1))
    assert "EXPIRED" in codes()
    record = Record.model_validate(store.latest_records()[0].record)
    assert "EXPIRED" in [f.code for f in record.flags]
    assert len(store.latest_records()) == 1  # updated in place, not a new record


def test_refresh_keeps_record_id(settings, store, stored):
    row_id = store.latest_records()[0].id
    record = Record.model_validate(store.latest_records()[0].record)
    record.flags.append(Flag(code="PAGES_SKIPPED", severity="info", message="stale"))
    store.update_record(row_id, record)
    nightly.refresh_flags(store, settings)
    row = store.latest_records()[0]
    assert row.id == row_id and "PAGES_SKIPPED" not in row.flag_codes


def test_outputs_write_export_and_report_or_skip(settings, store, stored, monkeypatch, caplog):
    outputs = nightly.write_outputs(store, settings)
    assert Path(outputs["export"]).is_file() and Path(outputs["export"]).name == "kerjasama.xlsx"
    assert outputs["report"] is None or Path(outputs["report"]).is_file()
    monkeypatch.setitem(sys.modules, "pipeline.analyst.report", None)  # report module absent: skipped, logged
    skipped = nightly.write_outputs(store, settings)
    assert skipped["report"] is None and "quality report skipped" in caplog.text


def test_run_nightly_end_to_end_without_prefect(settings, store, stored):
    make_outdated(store, stored)
    summary = nightly.run_nightly(store, settings, sweep=lambda: process_intake(store, settings))
    assert summary["intake"]["processed"] == 0 and summary["reextracted"] == 1
    assert summary["checked"] == 1 and Path(summary["export"]).is_file()


def test_a_changed_extractor_makes_nightly_reextract_the_older_records(
    settings, store, stored, tmp_path, monkeypatch
):
    """PIPELINE_VERSION is the package version plus a hash of extractors/ and schemas/: the version of an
    extractor with one more line differs, and nightly re-extracts what the older one made (once)."""
    import shutil

    from pipeline import ROOT, package_version, source_hash

    for folder in ("extractors", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    changed = next((tmp_path / "extractors").rglob("*.py"))
    changed.write_text(changed.read_text() + "\n# a new word list entry\n")
    newer = f"{package_version()}+{source_hash(root=tmp_path)}"
    assert newer != stored.document.pipeline_version == PIPELINE_VERSION
    monkeypatch.setattr(nightly, "PIPELINE_VERSION", newer)
    assert store.outdated(newer) == [stored.document.sha256]
    assert nightly.reextract_outdated(store, settings) == {"reextracted": 1, "failed": []}
    latest = Record.model_validate(store.latest_records()[0].record)
    assert latest.document.pipeline_version == newer and latest.title.value == stored.title.value
    assert store.outdated(newer) == [] and nightly.reextract_outdated(store, settings)["reextracted"] == 0
