"""OCR noise around headings, list markers, numbers and term clauses (Indonesian and English snippets)."""

from __future__ import annotations

import pytest

from extractors import extract_fields
from extractors.lists import split_items
from extractors.numbers import normalise_number
from extractors.segment import find_articles
from schemas.pages import Page


def _fields(text: str) -> dict:
    return extract_fields([Page(1, text, "ocr")])


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Pasal 2\nRUANG LINGKUP\nIsi.", "RUANG LINGKUP"),
        ("Pasal 2\n1\nRUANG LINGKUP\nIsi.", "RUANG LINGKUP"),  # page number between number and heading
        ("Pasal 2\n- 3 -\nRUANG LINGKUP\nIsi.", "RUANG LINGKUP"),
        ("Pasal 1\nPERUBAHAN RUANG LINGKUP :\nIsi.", "PERUBAHAN RUANG LINGKUP :"),  # speck after heading
        ('"Pasal 2\nJANGKA WAKTU\nIsi.', "JANGKA WAKTU"),  # stray quote before Pasal
        ("Pasal 2\n\n1 Ara ea Iu\n\nRUANG LINGKUP\nIsi.", "RUANG LINGKUP"),  # OCR of an initials box
        ("Pasal 5\nTAX\nAny tax is borne by each Party.", "TAX"),  # a short heading is not debris
        ("- Article 5\nFINANCING\nCosts.", "FINANCING"),
        ("Article 2\nSCOPE OF COOPERATION\nText.", "SCOPE OF COOPERATION"),
    ],
)
def test_article_headings_survive_ocr_debris(text: str, heading: str) -> None:
    (art,) = find_articles(text)
    assert art.heading == heading


def test_a_sentence_ending_in_colon_is_not_a_heading() -> None:
    (art,) = find_articles("Pasal 3\nPara pihak sepakat sebagai berikut:\nIsi.")
    assert art.heading == ""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a.. Student internship programmes;\nb. Exchange of experts.", ["Student internship programmes"]),
        ("d.. Peningkatan kapasitas perancang;\ne. . Pertukaran data.", ["Peningkatan kapasitas perancang"]),
        ("1. Penelitian bersama;\n2., Pengabdian masyarakat.", ["Penelitian bersama"]),
    ],
)
def test_doubled_marker_dots(body: str, expected: list[str]) -> None:
    items = [i.text for i in split_items(body)]
    assert items[: len(expected)] == expected
    assert len(items) == 2


@pytest.mark.parametrize(
    ("scope_sentence", "items"),
    [
        (
            "The scope of this Memorandum of Understanding covers:\na. Joint research;\nb. Staff exchange.",
            ["Joint research", "Staff exchange"],
        ),
        (
            "The cooperation comprises:\n1. Joint research;\n2. Staff exchange.",
            ["Joint research", "Staff exchange"],
        ),
        (
            "Ketentuan Pasal 2 diubah sehingga berbunyi: Ruang lingkup ini meliputi:\n"
            "a. Sosialisasi;\nb. Pelatihan.",
            ["Sosialisasi", "Pelatihan"],
        ),
    ],
)
def test_scope_intro_words(scope_sentence: str, items: list[str]) -> None:
    text = (
        "MEMORANDUM OF UNDERSTANDING\n\nArticle 2\nSCOPE\n" + scope_sentence + "\n\nArticle 3\nTERM\nNone.\n"
    )
    assert [f.value for f in _fields(text)["scope"]] == items


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nomor: W27.HM.05.02-2373 |", "W27.HM.05.02-2373"),
        ("' Nomor: 075/4602/B.Hkm/2021", "075/4602/B.Hkm/2021"),
        ("Number: 643/UN16/KS/2018 -", "643/UN16/KS/2018"),
    ],
)
def test_numbers_with_ocr_specks(line: str, expected: str) -> None:
    text = f"NOTA KESEPAHAMAN\nANTARA A DAN B\n{line}\n\nPada hari ini Senin tanggal 3 Mei 2021.\n"
    assert [f.value for f in _fields(text)["numbers"]] == [expected]
    assert normalise_number(expected + " |") == expected


@pytest.mark.parametrize(
    "clause",
    [
        "This Memorandum of Understanding shall come into effect on the date of signing.",
        "This Agreement shall come into\neffect on the date of signing and remain in force for 2 years.",
        "This Agreement shall enter into force on the date of its signing.",
        "Nota Kesepahaman ini berlaku sejak tanggal ditandatangani oleh PARA PIHAK.",
    ],
)
def test_effective_from_signing(clause: str) -> None:
    text = (
        "MEMORANDUM OF UNDERSTANDING\n\n"
        "This Memorandum of Understanding is made on 1 March 2018 in Taipei.\n\n"
        f"Article 6\nDURATION\n{clause}\n"
    )
    fields = _fields(text)
    assert fields["signing_date"].value == "2018-03-01"
    assert fields["effective_date"].value == "2018-03-01"


@pytest.mark.parametrize(
    ("annex", "expected"),
    [
        ('. "ANNEX »\nWORK PLAN\nNo | Activity Time Person in Charge | Budget | Indicator\n', "detailed"),
        ("LAMPIRAN\nRENCANA KERJA\nNo | Kegiatan Waktu Penanggung Jawab | Anggaran Indikator\n", "detailed"),
        ("ANNEX\nList of participants\nNo | Name | Institution\n", "none"),
    ],
)
def test_workplan_annex_behind_ocr_specks(annex: str, expected: str) -> None:
    text = (
        "MEMORANDUM OF UNDERSTANDING\n\nArticle 1\nPURPOSE\nCooperation.\n\n"
        "Article 9\nFINAL PROVISIONS\nThis Memorandum is made in 2 (two) originals.\n\n"
        + annex
        + "1 Assistance with applications January - March 2016 SECOND PARTY IDR 90,000,000 Participants\n"
    )
    assert _fields(text)["workplan"].value == expected
