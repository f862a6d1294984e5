"""Links between documents (issue 13): child -> parent by a cited number, both arrival orders, two engines."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select, text

from pipeline.analyst.corrections import add_correction
from pipeline.store.database import Store
from pipeline.store.links import cited_numbers, links_of, parse_number, relink_all, set_link
from pipeline.store.models import AgreementNumber, Link
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Record

POSTGRES_URL = os.environ.get("KERJASAMA_TEST_POSTGRES_URL")
MOU_NUMBER = "W11-HM.05.02-1688 Tahun 2018"
PKS_NUMBER = "180/442/PKS/II/2019"


def sha(n: int) -> str:
    return f"{n:02d}" * 32


def record(n: int, doc_type: str, numbers=(), parent: str | None = None, version: str = "0.1.0") -> Record:
    info = DocumentInfo(
        sha256=sha(n), filename=f"{doc_type.lower()}-{n}.pdf", bytes=1, pages=1, text_source="ocr",
        pipeline_version=version,
    )  # fmt: skip
    return Record(
        document=info,
        doc_type=ExtractedField[str](value=doc_type, confidence=0.9),
        numbers=[ExtractedField[str](value=value, confidence=0.9) for value in numbers],
        parent_agreement=ExtractedField[str](value=parent, confidence=0.8 if parent else 0.0),
    )


def pages(body: str = "Isi perjanjian.") -> list[Page]:
    return [Page(1, body, "ocr", [], 0.9)]


def pairs(store: Store) -> set[tuple[int, int, str]]:
    with store.sessions() as session:
        rows = session.scalars(select(Link))
        return {(int(r.child_sha256[:2]), int(r.parent_sha256[:2]), r.method) for r in rows}


@pytest.mark.parametrize("mou_first", [True, False], ids=["mou-first", "pks-first"])
def test_a_pks_citing_its_mou_is_linked_in_either_arrival_order(any_store, mou_first):
    mou = (record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    pks = (record(2, "PKS", numbers=[PKS_NUMBER], parent="W11-HM.05.02-1688 Tahun 2018"), pages())
    for item in (mou, pks) if mou_first else (pks, mou):
        any_store.save(*item)
    assert pairs(any_store) == {(2, 1, "parent_agreement")}
    (link,) = links_of(any_store, sha(1))
    assert link.confidence == 0.95 and link.source == "auto"
    assert link.evidence == {"cited": MOU_NUMBER, "matched": MOU_NUMBER, "match": "exact", "page": None}


@pytest.mark.parametrize("report_first", [True, False], ids=["report-first", "pks-first"])
def test_a_number_cited_in_the_text_links_an_addendum_or_report(any_store, report_first):
    body = "Adendum ini mengubah Perjanjian Kerja Sama Nomor 180 / 442 / PKS / II / 2019 tanggal 3 Mei 2019."
    child = (record(3, "addendum", numbers=["12/ADD/UN30/2020"]), pages(body))
    parent = (record(2, "PKS", numbers=[PKS_NUMBER]), pages())
    for item in (child, parent) if report_first else (parent, child):
        any_store.save(*item)
    (link,) = links_of(any_store, sha(2))
    assert (link.child_sha256, link.parent_sha256, link.method) == (sha(3), sha(2), "cited_number")
    assert link.confidence == 0.8 and link.evidence["page"] == 1


def test_an_mou_citing_a_number_in_its_text_is_not_made_a_child(any_store):
    any_store.save(record(2, "PKS", numbers=[PKS_NUMBER]), pages())
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages(f"Merujuk Nomor {PKS_NUMBER}."))
    assert pairs(any_store) == set()


@pytest.mark.parametrize(
    ("parent", "expected"),
    [
        ("W11-HM.05.02-1688", ("year", 0.9)),  # no 'Tahun' on the citation
        ("W11 HM 05 02 1688 TAHUN 2018", ("exact", 0.95)),  # spacing and case
        ("W11-HM.O5.02-1688 Tahun 2018", ("ocr", 0.75)),  # O read for 0
        ("W11-HM.05.02-1688 Tahun 2019", None),  # another year: another agreement
        ("W11-HM.05.02-1689 Tahun 2018", None),
        ("2018", None),  # too short to link on
    ],
)
def test_number_matching(any_store, parent, expected):
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    any_store.save(record(2, "PKS", parent=parent), pages())
    links = links_of(any_store, sha(2))
    if expected is None:
        assert links == []
    else:
        assert [(link.evidence["match"], link.confidence) for link in links] == [expected]


@pytest.mark.parametrize("pks_position", [0, 1, 2])
def test_a_number_held_by_two_documents_links_to_both_at_lower_confidence(any_store, pks_position):
    docs = [
        (record(1, "MoU", numbers=[MOU_NUMBER]), pages()),
        (record(4, "MoU", numbers=[MOU_NUMBER]), pages()),
    ]
    docs.insert(pks_position, (record(2, "PKS", parent=MOU_NUMBER), pages()))
    for item in docs:
        any_store.save(*item)
    links = links_of(any_store, sha(2))
    assert {link.parent_sha256 for link in links} == {sha(1), sha(4)}
    assert {(link.confidence, link.evidence["candidates"]) for link in links} == {(0.475, 2)}
    any_store.save(record(4, "MoU", numbers=["99/MOU/UNIB/2017"], version="0.2.0"), None)  # read again
    (link,) = links_of(any_store, sha(2))
    assert link.parent_sha256 == sha(1) and link.confidence == 0.95 and "candidates" not in link.evidence


def test_re_extraction_remakes_links_without_duplicates(any_store):
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    any_store.save(record(2, "PKS", parent=MOU_NUMBER), pages())
    any_store.save(record(2, "PKS", parent=MOU_NUMBER), pages())  # the same again
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER], version="0.2.0"), None)  # the parent re-extracted
    assert pairs(any_store) == {(2, 1, "parent_agreement")}
    any_store.save(record(2, "PKS", version="0.2.0"), None)  # re-extracted: no parent cited any more
    assert pairs(any_store) == set()
    with any_store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AgreementNumber)) == 1  # the MoU's own


def test_an_analysts_link_survives_re_linking_and_a_corrected_parent_is_used(any_store):
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    any_store.save(record(4, "MoU", numbers=["99/MOU/UNIB/2017"]), pages())
    any_store.save(record(2, "PKS", parent="unreadable 77/XX/2016"), pages())
    assert pairs(any_store) == set()
    set_link(any_store, sha(2), sha(4), analyst="t", note="read on the paper copy")
    add_correction(any_store, sha(2), "parent_agreement", MOU_NUMBER, analyst="t")
    assert relink_all(any_store) == 2
    assert pairs(any_store) == {(2, 4, "analyst"), (2, 1, "parent_agreement")}
    any_store.save(record(2, "PKS", version="0.2.0"), None)  # re-extraction keeps both
    assert pairs(any_store) == {(2, 4, "analyst"), (2, 1, "parent_agreement")}


def test_a_rejected_link_is_not_made_again(any_store):
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    any_store.save(record(2, "PKS", parent=MOU_NUMBER), pages())
    set_link(any_store, sha(2), sha(1), analyst="t", keep=False)
    any_store.save(record(2, "PKS", parent=MOU_NUMBER, version="0.2.0"), None)
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER], version="0.2.0"), None)
    relink_all(any_store)
    (link,) = links_of(any_store, sha(2))
    assert (link.method, link.confidence, link.source) == ("rejected", 0.0, "analyst")
    with pytest.raises(ValueError, match="itself"):
        set_link(any_store, sha(1), sha(1), analyst="t")


def test_deleting_a_document_removes_its_links(any_store):
    any_store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    any_store.save(record(2, "PKS", parent=MOU_NUMBER), pages())
    with any_store.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM documents WHERE sha256 = '{sha(1)}'"))
    assert pairs(any_store) == set()


def test_cited_number_shapes():
    text = (
        "Nomor 12/UN30/HK/2023 dan W20-HM.05.02-2846 Tahun 2018; tanggal 24.09.2018, biaya Rp 1.000.000, "
        "surat 01/2023, Pasal 5-6, 180 / 442 / PKS / II / 2019."
    )
    assert [n.number for n in cited_numbers(1, text)] == [
        "12/UN30/HK/2023",
        "W20-HM.05.02-2846 Tahun 2018",
        "180 / 442 / PKS / II / 2019",
    ]
    number = parse_number("W20-HM.05.02-2846 Tahun 2018", "own")
    assert number is not None and (number.base_key, number.year) == ("W20HM05022846", "2018")
    assert parse_number("12/2020", "own") is None


def test_records_links_command_shows_both_directions(tmp_path):
    database = f"sqlite:///{tmp_path / 'k.db'}"
    store = Store(database)
    store.save(record(2, "PKS", numbers=[PKS_NUMBER], parent=MOU_NUMBER), pages())
    store.save(record(1, "MoU", numbers=[MOU_NUMBER]), pages())
    store.close()
    env = {**os.environ, "KERJASAMA_DATABASE_URL": database, "KERJASAMA_HOME": str(tmp_path)}
    cli = [sys.executable, "-c", "from flows.cli import main; main()", "records", "links"]
    result = subprocess.run([*cli, sha(1)[:8]], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f"{sha(2)[:12]} pks-2.pdf → {sha(1)[:12]} this document" in result.stdout
    assert (
        f"cited {MOU_NUMBER} = {MOU_NUMBER}  (parent_agreement, exact) confidence 0.95, auto" in result.stdout
    )
    refreshed = subprocess.run([*cli, "--refresh"], capture_output=True, text=True, env=env)
    assert refreshed.returncode == 0 and "1 link(s)" in refreshed.stderr
    manual = subprocess.run(
        [*cli, sha(2)[:8], "--reject-parent", sha(1)[:8], "--note", "another MoU"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert manual.returncode == 0, manual.stderr
    assert "(rejected) confidence 0.00, analyst" in manual.stdout and "another MoU" in manual.stdout
    missing = subprocess.run([*cli, "ffff"], capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and "no stored document" in missing.stderr
