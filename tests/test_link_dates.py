"""Links by date (issue 13): failing a cited number, a PKS or report referring to 'Nota Kesepahaman ...
tanggal <date>' links to the stored agreement signed that day by the same parties; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.analyst.corrections import add_correction
from pipeline.store.linkdates import cited_dates, same_parties
from pipeline.store.links import links_of
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Party, Record

OWN = "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Bengkulu"
RECITAL = (
    "PARA PIHAK terlebih dahulu menerangkan bahwa PARA PIHAK telah menandatangani Nota Kesepahaman "
    "tanggal 22 Agustus 2022 tentang Penyuluhan Hukum, dan sepakat membuat Perjanjian Kerja Sama ini."
)


def sha(n: int) -> str:
    return f"{n:02d}" * 32


def save(store, n: int, doc_type: str, parties: list[str], *, signed: str | None = None, number=None,
         parent=None, text: str = "Isi.") -> None:  # fmt: skip
    info = DocumentInfo(sha256=sha(n), filename=f"d{n}.pdf", bytes=1, pages=1, text_source="ocr",
                        pipeline_version="t")  # fmt: skip
    record = Record(
        document=info,
        doc_type=ExtractedField[str](value=doc_type, confidence=0.9),
        numbers=[ExtractedField[str](value=number, confidence=0.9)] if number else [],
        parties=[ExtractedField[Party](value=Party(name=p), confidence=0.9) for p in parties],
        signing_date=ExtractedField[str](value=signed, confidence=0.9 if signed else 0.0),
        parent_agreement=ExtractedField[str](value=parent, confidence=0.8 if parent else 0.0),
    )
    store.save(record, [Page(1, text, "ocr", [], 0.9)])


def test_cited_dates_follow_an_agreement_name():
    assert cited_dates(RECITAL) == [date(2022, 8, 22)]
    english = "pursuant to the Memorandum of Understanding dated 3 March 2021 between the Parties"
    assert cited_dates(english) == [date(2021, 3, 3)]
    assert cited_dates("Kegiatan dilaksanakan tanggal 22 Agustus 2022 di Bengkulu.") == []
    assert cited_dates("Nota Kesepahaman ini berlaku. Pada tanggal 1 Mei 2020 para pihak ...") == []


def test_same_parties_are_compared_as_partners():
    assert same_parties([OWN, "Fakultas Hukum Universitas Bengkulu"], [OWN, "Universitas Bengkulu"])
    assert not same_parties([OWN, "Universitas Muhammadiyah Bengkulu"], [OWN, "Universitas Bengkulu"])
    assert not same_parties([OWN], [OWN, "Universitas Bengkulu"])  # one partner named: too little to go on


@pytest.mark.parametrize("mou_first", [True, False], ids=["mou-first", "pks-first"])
def test_a_pks_citing_its_mou_by_date_is_linked_in_either_order(any_store, mou_first):
    mou = (1, "MoU", [OWN, "Universitas Bengkulu"])
    pks = (2, "PKS", [OWN, "Fakultas Hukum Universitas Bengkulu"])
    steps = [
        lambda: save(any_store, *mou, signed="2022-08-22", number="W7.HM.05.02-3505"),
        lambda: save(any_store, *pks, signed="2023-01-10", number="12/UN30/KS/2023", text=RECITAL),
    ]
    for step in steps if mou_first else steps[::-1]:
        step()
    (link,) = links_of(any_store, sha(1))
    assert (link.child_sha256, link.method, link.confidence) == (sha(2), "cited_date", 0.6)
    assert link.evidence == {"cited": "2022-08-22", "matched": "2022-08-22", "match": "date", "page": 1}


def test_no_date_link_to_other_parties_or_when_a_number_links(any_store):
    save(
        any_store,
        1,
        "MoU",
        [OWN, "Universitas Muhammadiyah Bengkulu"],
        signed="2022-08-22",
        number="W7.HM.05.02-1",
    )
    save(any_store, 2, "PKS", [OWN, "Universitas Bengkulu"], signed="2023-01-10", text=RECITAL)
    assert links_of(any_store, sha(2)) == []  # the same day, another university
    save(any_store, 3, "MoU", [OWN, "Universitas Bengkulu"], signed="2022-08-22", number="W7.HM.05.02-3505")
    save(any_store, 4, "MoU", [OWN, "Universitas Bengkulu"], signed="2021-01-05", number="W7.HM.05.02-0042")
    (link,) = links_of(any_store, sha(2))
    assert (link.parent_sha256, link.method) == (sha(3), "cited_date")
    save(any_store, 2, "PKS", [OWN, "Universitas Bengkulu"], signed="2023-01-10", text=RECITAL,
         parent="W7.HM.05.02-0042")  # fmt: skip
    (link,) = links_of(any_store, sha(2))
    assert (link.parent_sha256, link.method) == (sha(4), "parent_agreement")  # a cited number wins


def test_a_corrected_signing_date_makes_the_date_link(any_store):
    save(any_store, 1, "MoU", [OWN, "Universitas Bengkulu"], signed="2022-08-02", number="W7.HM.05.02-3505")
    save(any_store, 2, "PKS", [OWN, "Universitas Bengkulu"], signed="2023-01-10", text=RECITAL)
    assert links_of(any_store, sha(1)) == []
    add_correction(any_store, sha(1)[:8], "signing_date", "2022-08-22", analyst="ana")  # OCR read 02 for 22
    (link,) = links_of(any_store, sha(1))
    assert link.child_sha256 == sha(2) and link.method == "cited_date"
