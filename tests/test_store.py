"""Storage: migrations, upsert by SHA-256 and pipeline version, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os

from sqlalchemy import func, select

from pipeline.store.database import Store
from pipeline.store.models import PageRow, PartyRow, RecordRow
from schemas.pages import Page, Word
from schemas.record import DocumentInfo, ExtractedField, Party, Record

POSTGRES_URL = os.environ.get("KERJASAMA_TEST_POSTGRES_URL")


def make_record(sha: str = "ab" * 32, version: str = "0.1.0", title: str = "NOTA KESEPAHAMAN") -> Record:
    info = DocumentInfo(
        sha256=sha,
        filename="mou.pdf",
        bytes=10,
        pages=1,
        text_source="ocr",
        ocr_mean_confidence=0.9,
        pipeline_version=version,
    )
    return Record(
        document=info,
        title=ExtractedField[str](value=title, confidence=0.9),
        signing_date=ExtractedField[str](value="2023-11-08", confidence=0.9),
        parties=[
            ExtractedField[Party](
                value=Party(name="Universitas Bengkulu", role="PIHAK PERTAMA", order=1), confidence=0.8
            )
        ],
    )


PAGES = [Page(1, "NOTA KESEPAHAMAN", "ocr", [Word("NOTA", 0, 4, (1, 2, 3, 4), 0.9)], 0.9)]


def count(store: Store, model) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_saving_the_same_document_twice_leaves_one_record(any_store):
    any_store.save(make_record(), PAGES, archive_path="/a/mou.pdf")
    any_store.save(make_record(title="NOTA KESEPAHAMAN (revisi)"), PAGES, archive_path="/a/mou.pdf")
    assert count(any_store, RecordRow) == 1
    assert count(any_store, PartyRow) == 1
    assert count(any_store, PageRow) == 1
    assert any_store.latest_records()[0].title == "NOTA KESEPAHAMAN (revisi)"


def test_a_new_pipeline_version_adds_a_record_and_marks_the_old_outdated(any_store):
    any_store.save(make_record(version="0.1.0"), PAGES)
    assert any_store.outdated("0.2.0") == ["ab" * 32]
    any_store.save(make_record(version="0.2.0"), None)
    assert any_store.outdated("0.2.0") == []
    assert [row.pipeline_version for row in any_store.latest_records()] == ["0.2.0"]


def test_page_text_round_trips_for_re_extraction(any_store):
    any_store.save(make_record(), PAGES)
    pages = any_store.load_pages("ab" * 32)
    assert pages[0].text == "NOTA KESEPAHAMAN" and pages[0].words[0].bbox == (1, 2, 3, 4)


def test_queryable_columns_and_prefix_lookup(any_store):
    any_store.save(make_record(), PAGES)
    row = any_store.find_record("abab")
    assert row is not None and row.signing_date == "2023-11-08"
    assert row.record["parties"][0]["value"]["name"] == "Universitas Bengkulu"
