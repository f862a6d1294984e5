"""Segmentation and normalisation on short snippets with the OCR noise seen in real scans."""

from __future__ import annotations

import pytest

from extractors.normalise import build_doctext
from extractors.segment import segment
from schemas.pages import Page, Word


def _doc(*texts: str):
    return build_doctext([Page(number=i + 1, text=t, source="ocr") for i, t in enumerate(texts)])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PIIIAK KEDUA", "PIHAK KEDUA"),
        ("selanjutnya disebut PIHAK KESATU", "PIHAK KESATU"),
        ("UNTVERSITAS BENGKULU", "UNIVERSITAS BENGKULU"),
        ("Pasa1 2\nRUANG LINGKUP", "Pasal 2"),
        ("PASAL l\nTUJUAN", "PASAL 1"),
        ("berlaku untuk jangka waktu | (satu) tahun", "1 (satu) tahun"),
    ],
)
def test_normalise_repairs_ocr_noise(raw: str, expected: str) -> None:
    assert expected in _doc(raw).text


def test_offsets_map_back_to_each_page() -> None:
    page2 = "Pasal 1\nTUJUAN\nPIIIAK KEDUA wajib melapor."
    words = [Word("PIIIAK", 15, 21, (10, 20, 60, 30), 0.5), Word("KEDUA", 22, 27, (65, 20, 110, 30), 0.9)]
    doc = build_doctext([Page(1, "NOTA KESEPAHAMAN", "ocr"), Page(2, page2, "ocr", words=words)])
    pos = doc.text.index("PIHAK KEDUA")
    (ev,) = doc.evidence(pos, pos + len("PIHAK KEDUA"))
    assert ev.page == 2
    assert ev.text == page2[ev.start : ev.end] == "PIIIAK KEDUA"
    assert ev.bbox == (10, 20, 110, 30)
    assert doc.ocr_conf(pos, pos + 11) == pytest.approx(0.7)


def test_repeated_footers_and_paraf_boxes_removed() -> None:
    pages = [f"Isi halaman {i}\nPIHAK I PIHAK II\nHalaman {i} dari 4" for i in range(1, 5)]
    text = _doc(*pages).text
    assert "Halaman 1 dari 4" not in text
    assert "PIHAK I PIHAK II" not in text


@pytest.mark.parametrize(
    ("text", "headings"),
    [
        ("Pasal 1\nMAKSUD DAN TUJUAN\nTeks.\n\nPasal 2\nRUANG LINGKUP\nTeks.", ["ruang_lingkup"]),
        ("RUANG LINGKUP\nPASAL 3\n\nNota Kesepahaman ini meliputi:\na. satu;", ["ruang_lingkup"]),
        ("Article 6\nTerm of Agreement\n\nThis Agreement is valid for 2 (two) years.", ["jangka_waktu"]),
        ("Pasa1 5\nHAK DAN KEWAJIBAN\n(1) PIHAK PERTAMA", ["hak_kewajiban"]),
        ("ARTICLE 4: PAYMENT\nThe Contractor shall be paid.", ["pembiayaan"]),
    ],
)
def test_articles_and_heading_kinds(text: str, headings: list[str]) -> None:
    segs = segment(_doc(text).text)
    for kind in headings:
        assert segs.has_heading(kind)


def test_reference_to_an_article_in_a_sentence_is_not_a_heading() -> None:
    text = "Pasal 1\nTUJUAN\nsebagaimana dimaksud dalam\nPasal 2 ayat (1) huruf a tersebut."
    assert [a.number for a in segment(_doc(text).text).of_kind("article")] == [1]


def test_sections_title_opening_parties_considerations() -> None:
    text = (
        "NOTA KESEPAHAMAN\nANTARA\nUNIVERSITAS A\nDAN\nPT B\n\nNomor : 1/UN/2022\n\n"
        "Pada hari ini Senin, tanggal satu bulan Maret tahun dua ribu dua puluh dua, yang bertanda tangan:\n"
        "1. Budi, Rektor, selanjutnya disebut PIHAK KESATU.\n\n"
        "PARA PIHAK terlebih dahulu menerangkan hal-hal sebagai berikut:\na. bahwa ...\n\n"
        "Pasal 1\nTUJUAN\nTeks.\n\nNota Kesepahaman ini dibuat dalam rangkap 2 (dua)."
    )
    segs = segment(_doc(text).text)
    kinds = [s.kind for s in segs.sections]
    for kind in ("title", "opening", "parties", "considerations", "article", "signature"):
        assert kind in kinds


ENGLISH_NUMBERED = (
    "RESEARCH AGREEMENT\n\nTHIS RESEARCH AND TEACHING AGREEMENT is made on 1 May 2020 between\n"
    'ALPHA UNIVERSITY (hereinafter referred to as "AU") and BETA INSTITUTE (hereinafter referred to as '
    '"BI").\n\nWHEREAS the Parties wish to cooperate.\n\n'
    "1. Objectives of this Agreement\n\nThe Parties shall cooperate in the following areas:\n"
    "(i) Joint research;\n(ii) Staff exchange.\n\n"
    "2. Obligations of the Parties\n\n2.1 AU's Obligations\n(i) To host visiting staff;\n\n"
    "3, Confidentiality\n\nNeither Party shall disclose the contents of this Agreement.\n\n"
    "4. Term of Agreement\n\nThis Agreement is valid for 3 (three) years.\n"
)


@pytest.mark.parametrize(
    ("text", "numbers", "kinds"),
    [
        (ENGLISH_NUMBERED, [1, 2, 3, 4], ["tujuan", "hak_kewajiban", "kerahasiaan", "jangka_waktu"]),
        (
            "NOTA KESEPAHAMAN\n\nI. MAKSUD DAN TUJUAN\nIsi.\n\nII. RUANG LINGKUP\nRuang lingkup meliputi:\n"
            "1. Pendidikan;\n2. Penelitian.\n\nIII. JANGKA WAKTU\nDua tahun.\n",
            [1, 2, 3],
            ["tujuan", "ruang_lingkup", "jangka_waktu"],
        ),
        (
            "PERJANJIAN\n\nA. Ruang Lingkup\nPelatihan.\n\nB. Hak dan Kewajiban\nPIHAK KESATU wajib hadir."
            "\n\nC. Pembiayaan\nDitanggung bersama.\n",
            [1, 2, 3],
            ["ruang_lingkup", "hak_kewajiban", "pembiayaan"],
        ),
    ],
)
def test_numbered_headings_without_pasal_are_articles(text, numbers, kinds) -> None:
    arts = segment(_doc(text).text).of_kind("article")
    assert [a.number for a in arts] == numbers
    assert [a.heading_kinds[0] for a in arts] == kinds


def test_numbered_list_items_are_not_articles() -> None:
    # A list of short capitalised items inside Pasal articles, or on its own, makes no articles.
    text = (
        "Pasal 1\nRUANG LINGKUP\nmeliputi:\n1. Joint Research\n2. Student Exchange\n3. Staff Mobility\n\n"
        "Pasal 2\nJANGKA WAKTU\nDua tahun."
    )
    assert [a.number for a in segment(_doc(text).text).of_kind("article")] == [1, 2]
    items = "Bidang kerja sama:\n1. Joint Research\n2. Student Exchange\n3. Staff Mobility\n"
    assert segment(_doc(items).text).of_kind("article") == []


def test_opening_with_words_between_this_and_agreement() -> None:
    segs = segment(_doc(ENGLISH_NUMBERED).text)
    opening = segs.first("opening")
    assert opening is not None
    assert _doc(ENGLISH_NUMBERED).text[opening.start :].startswith("THIS RESEARCH AND TEACHING AGREEMENT")


def test_article_without_heading_takes_its_kind_from_the_list_it_announces() -> None:
    text = (
        "Pasal 7\nTUGAS DAN TANGGUNG JAWAB\nPIHAK PERTAMA menyalurkan dana kepada PIHAK\nKEDUA.\n\n"
        "Pasal 8\n\nPIHAK KEDUA mempunyai tugas dan tanggung jawab sebagai berikut:\n"
        "a. Menyeleksi calon penerima;\nb. Menyampaikan laporan.\n\nPasal 9\nJANGKA WAKTU\nDua tahun."
    )
    arts = segment(_doc(text).text).of_kind("article")
    assert [(a.number, a.heading) for a in arts] == [
        (7, "TUGAS DAN TANGGUNG JAWAB"),
        (8, ""),
        (9, "JANGKA WAKTU"),
    ]
    assert "hak_kewajiban" in arts[1].heading_kinds
