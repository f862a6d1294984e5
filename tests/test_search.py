"""Search (issue 13): full text over stored pages and record fields, on SQLite FTS5 and a real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.analyst.corrections import add_correction
from pipeline.analyst.search import (
    HIGHLIGHT,
    SearchError,
    SearchFilters,
    fts5_query,
    parse_query,
    search,
    tsquery,
)
from pipeline.store.database import MIGRATIONS, Store
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Flag, Party, Record

POSTGRES_URL = os.environ.get("KERJASAMA_TEST_POSTGRES_URL")
SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "fixed"
TODAY = date(2026, 6, 1)
START, END = HIGHLIGHT


def make_record(
    sha: str,
    *,
    doc_type: str = "MoU",
    partner: str = "Universitas Bengkulu",
    expiry: str | None = None,
    flags: tuple[str, ...] = (),
    numbers: tuple[str, ...] = (),
    version: str = "0.1.0",
    title: str = "NOTA KESEPAHAMAN",
    workplan: str | None = None,
) -> Record:
    info = DocumentInfo(
        sha256=sha,
        filename=f"{sha[:4]}.pdf",
        bytes=10,
        pages=1,
        text_source="ocr",
        ocr_mean_confidence=0.9,
        pipeline_version=version,
    )
    return Record(
        document=info,
        doc_type=ExtractedField[str](value=doc_type, confidence=0.9),
        title=ExtractedField[str](value=title, confidence=0.9),
        numbers=[ExtractedField[str](value=n, confidence=0.9) for n in numbers],
        parties=[ExtractedField[Party](value=Party(name=partner, order=1), confidence=0.8)],
        expiry_date=ExtractedField[str](value=expiry, confidence=0.9 if expiry else 0.0),
        workplan=ExtractedField[str](value=workplan, confidence=0.9 if workplan else 0.0),
        flags=[Flag(code=code, severity="warning", message=code) for code in flags],
    )


def pages(*texts: str) -> list[Page]:
    return [Page(number, body, "ocr", [], 0.9) for number, body in enumerate(texts, 1)]


def sha(n: int) -> str:
    return f"{n:02d}" * 32


def found(result) -> list[tuple[str, int | None]]:
    return [(hit.sha256, hit.page) for hit in result.hits]


# query parsing -----------------------------------------------------------------------------------
def test_query_terms_split_on_punctuation_and_keep_phrases():
    assert parse_query('kekayaan  "hak cipta" W20-HM.05.02 ..') == [
        ("kekayaan",),
        ("hak", "cipta"),
        ("W20", "HM", "05", "02"),
    ]
    terms = parse_query("kekayaan di W20-HM.05")
    assert fts5_query(terms, True) == '("kekayaan"*) AND ("di") AND ("W20"* + "HM" + "05")'
    assert tsquery(terms, False) == "('kekayaan':*) | ('di') | ('W20':* <-> 'HM' <-> '05')"


def test_an_empty_query_or_a_bad_status_is_refused(any_store):
    with pytest.raises(SearchError, match="at least one word"):
        search(any_store, ' "" .. ')
    with pytest.raises(SearchError, match="unknown status"):
        search(any_store, "kerja", SearchFilters(status="lapsed"))  # type: ignore[arg-type]


# matching and ranking ----------------------------------------------------------------------------
def test_the_better_match_ranks_first_and_every_word_must_match(any_store):
    filler = "Para pihak sepakat melaksanakan kegiatan bersama sesuai ketentuan yang berlaku. " * 6
    any_store.save(
        make_record(sha(1)),
        pages(filler + "Perlindungan kekayaan intelektual diatur tersendiri.", "Penutup."),
    )
    any_store.save(
        make_record(sha(2)),
        pages(
            "Pasal 7 Kekayaan Intelektual. Kekayaan intelektual yang dihasilkan dimiliki bersama; "
            "pendaftaran kekayaan intelektual dilakukan PARA PIHAK."
        ),
    )
    any_store.save(make_record(sha(3)), pages("Kekayaan negara dikelola oleh PIHAK PERTAMA."))
    result = search(any_store, "kekayaan intelektual")
    assert result.every_term
    assert found(result) == [(sha(2), 1), (sha(1), 1)]
    assert result.hits[0].score > result.hits[1].score
    assert f"{START}Kekayaan{END}" in result.hits[0].snippet
    assert result.hits[0].filename == "0202.pdf" and result.hits[0].doc_type == "MoU"


def test_when_no_page_has_every_word_pages_with_some_are_shown(any_store):
    any_store.save(make_record(sha(1)), pages("Kekayaan negara dikelola oleh PIHAK PERTAMA."))
    result = search(any_store, "kekayaan zqxwv")
    assert not result.every_term and found(result) == [(sha(1), 1)]


def test_case_and_diacritics_are_folded_and_words_match_as_prefixes(any_store):
    any_store.save(make_record(sha(1)), pages("Kerja sama dengan ÉCOLE NATIONALE dan kerjasamanya."))
    for query in ("ecole", "École", "ÉCOLE nationale", "Kerjasama", "nasional ecole"):
        result = search(any_store, query)
        assert found(result) == [(sha(1), 1)], query
    assert search(any_store, "Ecole").hits[0].snippet.count(START) == 1
    assert not search(any_store, "nasional ecole").every_term  # 'nasional' is not 'nationale'


def test_record_fields_are_searched_once_for_the_newest_record(any_store):
    number = "W20-HM.05.02-2846"
    any_store.save(make_record(sha(1), numbers=(number,), version="0.1.0"), pages("Isi perjanjian."))
    any_store.save(make_record(sha(1), numbers=(number,), version="0.2.0"), None)
    result = search(any_store, number)
    assert found(result) == [(sha(1), None)]
    assert "2846" in result.hits[0].snippet
    assert found(search(any_store, "bengkulu")) == [(sha(1), None)]
    assert found(search(any_store, "HM.05.02-2846 Tahun")) == [(sha(1), None)]  # 'Tahun' is missing
    assert not search(any_store, "HM.05.02-2846 Tahun").every_term


def test_a_re_extracted_document_is_not_duplicated_in_the_index(any_store):
    record = make_record(sha(1), numbers=("12/UN30/2023",))
    any_store.save(record, pages("Hibah penelitian.", "Hibah pengabdian."))
    any_store.save(record, pages("Hibah penelitian.", "Hibah pengabdian."))  # same version again
    any_store.save(make_record(sha(1), numbers=("12/UN30/2023",), version="0.2.0"), None)  # re-extraction
    assert sorted(found(search(any_store, "hibah"))) == [(sha(1), 1), (sha(1), 2)]
    assert found(search(any_store, "UN30")) == [(sha(1), None)]
    any_store.save(make_record(sha(1), version="0.2.0"), pages("Beasiswa mahasiswa."))  # pages re-read
    assert search(any_store, "hibah").hits == []
    assert found(search(any_store, "beasiswa")) == [(sha(1), 1)]


def test_a_document_deleted_leaves_the_index(any_store):
    any_store.save(make_record(sha(1)), pages("Hibah penelitian."))
    with any_store.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    assert search(any_store, "hibah").hits == [] and search(any_store, "bengkulu").hits == []


# filters -----------------------------------------------------------------------------------------
@pytest.fixture
def archive(any_store):
    body = "Kerja sama pendidikan dan penelitian."
    any_store.save(make_record(sha(1), expiry="2026-01-31", flags=("EXPIRED",)), pages(body))
    any_store.save(
        make_record(
            sha(2),
            doc_type="PKS",
            partner="PT Pegadaian (Persero)",
            expiry="2026-07-15",
            workplan="none",
            flags=("NO_DETAILED_WORKPLAN", "EXPIRING_SOON"),
        ),
        pages(body),
    )
    any_store.save(
        make_record(sha(3), partner="Universitas Hasanuddin", expiry="2029-03-01", workplan="detailed"),
        pages(body),
    )
    any_store.save(make_record(sha(4), doc_type="addendum", partner="Universitas Bengkulu"), pages(body))
    return any_store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(), {1, 2, 3, 4}),
        (SearchFilters(partner="universitas"), {1, 3, 4}),
        (SearchFilters(partner="BENGKULU"), {1, 4}),
        (SearchFilters(partner="pegadaian (persero)"), {2}),
        (SearchFilters(partner="100%_"), set()),
        (SearchFilters(doc_type="pks"), {2}),
        (SearchFilters(doc_type="MoU", partner="bengkulu"), {1}),
        (SearchFilters(flag="NO_DETAILED_WORKPLAN"), {2}),
        (SearchFilters(flag="expired"), {1}),
        (SearchFilters(flag="EXPIRE"), set()),
        (SearchFilters(expires_before=date(2026, 7, 15)), {1, 2}),
        (SearchFilters(expires_before=date(2026, 7, 14)), {1}),
        (SearchFilters(status="expired"), {1}),
        (SearchFilters(status="expiring"), {2}),
        (SearchFilters(status="active"), {3}),
        (SearchFilters(status="unknown"), {4}),
    ],
)
def test_filters_restrict_the_documents_searched(archive, filters, expected):
    result = search(archive, "penelitian", filters, today=TODAY, expiring_days=90)
    assert {int(hit.sha256[:2]) for hit in result.hits} == expected


@pytest.mark.parametrize("first_chunk", [1, 2, 200])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_filtered_results_do_not_depend_on_how_many_matches_are_tested_first(
    archive, monkeypatch, first_chunk, limit
):
    monkeypatch.setattr("pipeline.analyst.search.FIRST_CHUNK", first_chunk)
    for filters in (SearchFilters(partner="universitas"), SearchFilters(status="expiring"), SearchFilters()):
        result = search(archive, "penelitian", filters, limit=limit, today=TODAY)
        everything = search(archive, "penelitian", filters, limit=10, today=TODAY)
        assert found(result) == found(everything)[:limit]


def test_filters_read_the_newest_record_only(archive):
    archive.save(make_record(sha(2), doc_type="MoU", version="0.2.0"), None)  # re-extracted: now an MoU
    result = search(archive, "penelitian", SearchFilters(doc_type="PKS"), today=TODAY)
    assert result.hits == []
    hits = search(archive, "penelitian", SearchFilters(doc_type="MoU", partner="bengkulu"), today=TODAY).hits
    assert {hit.sha256 for hit in hits} == {sha(1), sha(2)} and {hit.doc_type for hit in hits} == {"MoU"}


def test_filters_follow_the_analysts_corrections(archive):
    add_correction(archive, sha(4), "doc_type", "PKS", analyst="t")
    add_correction(archive, sha(3), "expiry_date", "2026-02-01", analyst="t")
    add_correction(archive, sha(3), "expiry_date", "2026-03-01", analyst="t")  # the newest wins
    add_correction(archive, sha(2), "workplan", "detailed", analyst="t")
    add_correction(archive, sha(1), "workplan", "mentioned", analyst="t")

    def shas(**kwargs) -> set[int]:
        result = search(archive, "penelitian", SearchFilters(**kwargs), today=TODAY)
        return {int(hit.sha256[:2]) for hit in result.hits}

    assert shas(doc_type="PKS") == {2, 4}
    assert shas(status="expired") == {1, 3}
    assert shas(expires_before=date(2026, 3, 1)) == {1, 3}
    assert shas(flag="NO_DETAILED_WORKPLAN") == {1}
    hit = next(h for h in search(archive, "penelitian", today=TODAY).hits if h.sha256 == sha(3))
    assert hit.expiry_date == "2026-03-01"


def test_limit_keeps_the_best(any_store):
    for n in range(1, 6):
        any_store.save(make_record(sha(n)), pages("hibah " * n + "penelitian lain-lain " * 10))
    result = search(any_store, "hibah", limit=2)
    assert found(result) == [(sha(5), 1), (sha(4), 1)]


# migration and a real OCR'd page -----------------------------------------------------------------
def test_migration_indexes_what_was_stored_before_it_and_downgrades(any_store):
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    any_store.save(make_record(sha(1), numbers=("77/KS/2024",)), pages("Hibah penelitian."))
    with any_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")  # the index goes, the pages and records stay
    with any_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert found(search(any_store, "hibah")) == [(sha(1), 1)]
    assert found(search(any_store, "77/KS/2024")) == [(sha(1), None)]


@pytest.fixture(scope="module")
def ocr_extraction():
    """One generated scanned addendum (a JPEG photo of a page) read by Tesseract through the pipeline."""
    scan = SAMPLES / "docs" / "07-addendum-jpg.jpg"
    if not scan.is_file():
        pytest.skip("samples/fixed/docs has not been generated yet")
    from pipeline.document import extract_document

    return extract_document(scan)


def test_search_finds_a_word_on_an_ocr_page(any_store, ocr_extraction):
    record = ocr_extraction.record
    assert record.document.text_source == "ocr"
    any_store.save(record, ocr_extraction.text.pages)
    for query in ("harmonisasi", "HARMONISASI rancangan", "pegadaian"):
        result = search(any_store, query)
        pages_found = [hit.page for hit in result.hits if hit.page]
        assert result.every_term and 1 in pages_found, query
        assert all(hit.filename == "07-addendum-jpg.jpg" for hit in result.hits)
    hit = next(h for h in search(any_store, "harmonisasi").hits if h.page == 1)
    assert f"{START}" in hit.snippet and "armonisasi" in hit.snippet.lower()


def test_search_command_prints_file_page_and_snippet(tmp_path):
    database = f"sqlite:///{tmp_path / 'k.db'}"
    store = Store(database)
    store.save(
        make_record(sha(1), doc_type="PKS"), pages("Judul.", "Pasal 9 Kekayaan Intelektual dimiliki bersama.")
    )
    store.close()
    env = {**os.environ, "KERJASAMA_DATABASE_URL": database, "KERJASAMA_HOME": str(tmp_path)}
    cli = [sys.executable, "-c", "from flows.cli import main; main()", "search"]
    result = subprocess.run(
        [*cli, "kekayaan intelektual", "--type", "PKS"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "0101.pdf page 2 · PKS" in result.stdout and "Kekayaan Intelektual dimiliki" in result.stdout
    assert START not in result.stdout
    none = subprocess.run([*cli, "kekayaan", "--type", "MoU"], capture_output=True, text=True, env=env)
    assert none.returncode == 0 and "no match" in none.stderr
    bad = subprocess.run([*cli, "kekayaan", "--status", "lapsed"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "unknown status 'lapsed'" in bad.stderr
