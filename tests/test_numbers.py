"""Document numbers (wrapped, spaced, unlabelled colon-less, cover page) and the cited parent agreement."""

from __future__ import annotations

from extractors import extract_fields
from schemas.pages import Page


def _fields(*pages: str) -> dict:
    return extract_fields([Page(number=i + 1, text=t, source="text_layer") for i, t in enumerate(pages)])


def _numbers(*pages: str) -> list[str]:
    return [n.value for n in _fields(*pages)["numbers"]]


HEAD = "PERJANJIAN KERJA SAMA\nANTARA\nDINAS KESEHATAN KOTA MAKMUR\nDAN\nUNIVERSITAS SENTOSA\n"
OPENING = (
    "Pada hari ini Senin tanggal 3 Februari 2020, bertempat di Makmur, yang bertanda tangan di bawah ini:\n"
)
BODY = "Pasal 1\nMAKSUD DAN TUJUAN\nTeks tujuan.\n"


def test_wrapped_number_goes_on_over_the_next_line() -> None:
    text = HEAD + "Nomor: 12/DKK/\nIV/2020\nNomor: 4660/UN\n30/KS/2020\n" + OPENING + BODY
    assert _numbers(text) == ["12/DKK/IV/2020", "4660/UN30/KS/2020"]


def test_wrapped_number_with_year_suffix_on_the_next_line() -> None:
    text = HEAD + "Nomor: W9-HM.05.02\n-1234 Tahun 2020\n" + OPENING + BODY
    assert _numbers(text) == ["W9-HM.05.02-1234 Tahun 2020"]


def test_a_complete_number_does_not_swallow_the_next_line() -> None:
    text = HEAD + "Nomor: 12/DKK/IV/2020\nTAHUN ANGGARAN\n" + OPENING + BODY
    assert _numbers(text) == ["12/DKK/IV/2020"]


def test_number_label_without_colon() -> None:
    text = HEAD + "No.15 /27/DKom/Bn\n\nNo. 7549/UN30/DN/2013\n" + OPENING + BODY
    assert _numbers(text) == ["15/27/DKom/Bn", "7549/UN30/DN/2013"]


def test_parent_number_alone_across_a_line_break() -> None:
    recital = (
        "PARA PIHAK terlebih dahulu menerangkan:\na. bahwa PARA PIHAK telah menandatangani Nota Kesepahaman"
        " Nomor\nAB.HM.05.02-769 tanggal 2 Januari 2019 tentang Kerja Sama;\n"
    )
    fields = _fields(HEAD + "Nomor: 11/DKK/2020\n" + OPENING + recital + BODY)
    assert fields["parent_agreement"].value == "AB.HM.05.02-769"


def test_parent_number_with_year_suffix() -> None:
    recital = (
        "bahwa telah ditandatangani Nota Kesepahaman Nomor W8-HM.05.02-4144\nTahun 2021 tanggal 5 Mei 2021;\n"
    )
    fields = _fields(HEAD + "Nomor: 11/DKK/2020\n" + OPENING + recital + BODY)
    assert fields["parent_agreement"].value == "W8-HM.05.02-4144 Tahun 2021"


def test_addendum_cites_the_agreement_it_amends_not_its_own_number() -> None:
    head = "ADENDUM PERTAMA ATAS PERJANJIAN KERJA SAMA\nANTARA\nDINAS A\nDAN\nUNIVERSITAS B\n"
    recital = (
        "bahwa PARA PIHAK telah menandatangani Perjanjian Kerja Sama Nomor 77/DA/2019 tanggal 1 Mei 2019;\n"
    )
    fields = _fields(head + "Nomor: 88/DA/2020\n" + OPENING + recital + BODY)
    assert fields["parent_agreement"].value == "77/DA/2019"


def test_english_memorandum_of_understanding_no() -> None:
    text = (
        "COOPERATION AGREEMENT\nBETWEEN\nUNIVERSITY OF NORTHLAND\nAND\nUNIVERSITAS SENTOSA\n"
        "This Agreement is made on 3 February 2020.\nWHEREAS the Parties signed the Memorandum of "
        "Understanding No. 45/INT/2018 on 1 March 2018;\nArticle 1\nPURPOSE\nText.\n"
    )
    assert _fields(text)["parent_agreement"].value == "45/INT/2018"


def test_a_pks_own_number_is_not_its_parent() -> None:
    text = (
        HEAD
        + "Nomor: 11/DKK/2020\n"
        + OPENING
        + "Perjanjian Kerja Sama Nomor 11/DKK/2020 ini mengatur.\n"
        + BODY
    )
    assert _fields(text)["parent_agreement"].value is None


def test_wrapped_number_cut_after_a_hyphen() -> None:
    text = HEAD + "Nomor: W9-HM.05.02-\n1234 Tahun 2020\n" + OPENING + BODY
    assert _numbers(text) == ["W9-HM.05.02-1234 Tahun 2020"]


def test_colonless_label_needs_the_number_alone_on_its_line() -> None:
    text = HEAD + "No. 12/A Jalan Merdeka, Kota Makmur\nNomor..12..JUN30/KS/2020\n" + OPENING + BODY
    assert _numbers(text) == []


def test_wrapped_number_whose_first_part_has_no_digit() -> None:
    text = HEAD + "Nomor: M.HH-\n34.HM.05.02 Tahun 2024\nNomor: 119/3340/HK/2024\n" + OPENING + BODY
    assert _numbers(text) == ["M.HH-34.HM.05.02 Tahun 2024", "119/3340/HK/2024"]


def test_two_numbers_side_by_side_on_one_line() -> None:
    text = HEAD + "Nomor : 12/UN21/KS/2020      Nomor : 034/DP-KRC/V/2020\n" + OPENING + BODY
    assert _numbers(text) == ["12/UN21/KS/2020", "034/DP-KRC/V/2020"]
