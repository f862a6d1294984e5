"""Title blocks: the topic after numbers printed between parties and 'TENTANG', a restated heading."""

from __future__ import annotations

from extractors import extract_fields
from schemas.pages import Page


def _title(*pages: str) -> str | None:
    fields = extract_fields([Page(number=i + 1, text=t, source="text_layer") for i, t in enumerate(pages)])
    return fields["title"].value


OPENING = "Pada hari ini Senin tanggal 3 Februari 2020, yang bertanda tangan di bawah ini:\n"


def test_topic_after_the_numbers_belongs_to_the_title() -> None:
    text = (
        "NOTA KESEPAHAMAN\n\nDINAS PERTANIAN KOTA MAKMUR\nDENGAN\nUNIVERSITAS SENTOSA\n\n"
        "Nomor : 39/DP/IX/2020\nNomor : 6776/US/HK/2020\n\nTENTANG\nKERJA SAMA ANTAR LEMBAGA\n\n" + OPENING
    )
    assert _title(text) == (
        "NOTA KESEPAHAMAN DINAS PERTANIAN KOTA MAKMUR DENGAN UNIVERSITAS SENTOSA"
        " TENTANG KERJA SAMA ANTAR LEMBAGA"
    )


def test_numbers_without_a_topic_still_end_the_title() -> None:
    text = "NOTA KESEPAHAMAN\nDINAS A\nDENGAN\nUNIVERSITAS B\nNomor : 39/DP/IX/2020\n" + OPENING
    assert _title(text) == "NOTA KESEPAHAMAN DINAS A DENGAN UNIVERSITAS B"


def test_heading_restated_on_the_title_page_is_not_repeated() -> None:
    cover = "RESEARCH AGREEMENT\n\nBETWEEN\n\nNORTHLAND UNIVERSITY\n\nAND\n\nUNIVERSITAS SENTOSA\n"
    page2 = "RESEARCH AGREEMENT\n\nTHIS RESEARCH AGREEMENT is made this 13th day of December, 2019.\n"
    assert _title(cover, page2) == "RESEARCH AGREEMENT BETWEEN NORTHLAND UNIVERSITY AND UNIVERSITAS SENTOSA"


def test_lowercase_connector_lines_inside_a_mixed_case_title() -> None:
    text = (
        "Memorandum of Understanding\nbetween\nNorthland University\nand\nUniversitas Sentosa\n\n"
        "This Memorandum of Understanding is made on 3 February 2020 by and between the parties.\n"
    )
    assert _title(text) == "Memorandum of Understanding between Northland University and Universitas Sentosa"


def test_title_stops_at_the_first_article_or_recitals_without_an_opening() -> None:
    text = (
        "NOTA KESEPAHAMAN\nANTARA\nDINAS A\nDAN\nUNIVERSITAS B\n\nPASAL 1\nMAKSUD DAN TUJUAN\nTeks tujuan.\n"
    )
    assert _title(text) == "NOTA KESEPAHAMAN ANTARA DINAS A DAN UNIVERSITAS B"
    text = (
        "COOPERATION AGREEMENT\nBETWEEN\nNORTHLAND UNIVERSITY\nAND\nSENTOSA UNIVERSITY\n"
        "WHEREAS\nThe parties agree.\n"
    )
    assert _title(text) == "COOPERATION AGREEMENT BETWEEN NORTHLAND UNIVERSITY AND SENTOSA UNIVERSITY"


def test_no_dot_numbers_and_an_indonesian_opening_end_the_title() -> None:
    text = (
        "PERJANJIAN DASAR KERJASAMA\nANTARA\nYAYASAN BHAKTI NUSA\nDAN\nINSTITUT TEKNOLOGI JAMBI\n\n"
        "No. 01/YBN/2019\nNo. 002/ITJ/2019\n\nPerjanjian Dasar Kerjasama ini dibuat pada tanggal 5 Mei 2019\n"
    )
    assert (
        _title(text) == "PERJANJIAN DASAR KERJASAMA ANTARA YAYASAN BHAKTI NUSA DAN INSTITUT TEKNOLOGI JAMBI"
    )
    opening_only = "PERJANJIAN KERJASAMA\nPROGRAM MAGANG\n\nPerjanjian Kerjasama ini dibuat di Medan\n"
    assert _title(opening_only) == "PERJANJIAN KERJASAMA PROGRAM MAGANG"


def test_naskah_kesepakatan_under_a_letterhead_is_an_mou_title() -> None:
    text = (
        "KEMENTERIAN PENDIDIKAN DAN KEBUDAYAAN\nUNIVERSITAS JAMBI\nFAKULTAS TEKNIK\n\n"
        "NASKAH KESEPAKATAN KERJA SAMA SWAKELOLA\nANTARA\nDINAS PARIWISATA KABUPATEN KERINCI\nDENGAN\n"
        "FAKULTAS TEKNIK UNIVERSITAS JAMBI\n\nNomor : 12/DP/2020\n\n" + OPENING
    )
    fields = extract_fields([Page(number=1, text=text, source="text_layer")])
    assert fields["title"].value == (
        "NASKAH KESEPAKATAN KERJA SAMA SWAKELOLA ANTARA DINAS PARIWISATA KABUPATEN KERINCI DENGAN"
        " FAKULTAS TEKNIK UNIVERSITAS JAMBI"
    )
    assert fields["doc_type"].value == "MoU"
