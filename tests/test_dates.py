"""Tests for date finding in Indonesian and English agreement text, including OCR noise."""

from __future__ import annotations

import datetime
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import DateMatch, find_dates, parse_date
from extractors.numwords import format_id_number_words as id_words

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

D = datetime.date
ID_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Selasa tanggal Delapan Belas Bulan Mei Tahun Dua Ribu Dua Puluh Satu, berlokasi di Bengkulu",
         D(2021, 5, 18), "spelled"),
        ("Pada hari ini Tanggal Delapan Belas Bulan Agustus tahun Dua Ribu Dua Puluh Satu",
         D(2021, 8, 18), "spelled"),
        ("Kamis, tanggal dua belas, bulan Maret, tahun dua ribu dua puluh, bertempat",
         D(2020, 3, 12), "spelled"),
        ("Jumat tanggal Tiga\nbelas bulan Agustus tahun Dua ribu\ndua puluh satu", D(2021, 8, 13), "spelled"),
        ("8 November 2023", D(2023, 11, 8), "month_name"),
        ("08 Nopember 2023", D(2023, 11, 8), "month_name"),
        ("8 Nop. 2023", D(2023, 11, 8), "month_name"),
        ("tgl. 8 Pebruari 2020", D(2020, 2, 8), "month_name"),
        ("03 Mei 2021", D(2021, 5, 3), "month_name"),
        ("12 Okt. 2021", D(2021, 10, 12), "month_name"),
        ("08-11-2023", D(2023, 11, 8), "numeric"),
        ("8/11/2023", D(2023, 11, 8), "numeric"),
        ("08.11.2023", D(2023, 11, 8), "numeric"),
        ("(27 - 4 - 2022)", D(2022, 4, 27), "numeric"),
        ("this 8th day of November 2023", D(2023, 11, 8), "english"),
        ("9th day of July 2015", D(2015, 7, 9), "english"),
        ("July 8th, 2015", D(2015, 7, 8), "english"),
        ("November 8, 2023", D(2023, 11, 8), "english"),
        ("made and entered on Wednesday, 28th of January 2015", D(2015, 1, 28), "english"),
        ("the ninth day of July, two thousand and fifteen", D(2015, 7, 9), "english"),
        ("Agreed in Jakarta on 23 September 2019", D(2019, 9, 23), "month_name"),
        ("9 July 2015", D(2015, 7, 9), "english"),
    ],
)  # fmt: skip
def test_find_dates_reads(text: str, expected: datetime.date, kind: str) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert (found[0].value, found[0].kind) == (expected, kind)
    assert text[found[0].start : found[0].end] == found[0].text


def test_spelled_date_covers_bracketed_digits() -> None:
    text = (
        "Pada hari ini Rabu tanggal delapan bulan November tahun dua ribu dua puluh tiga (08-11-2023) "
        "bertempat di Jakarta"
    )
    [match] = find_dates(text)
    assert match.text == "Rabu tanggal delapan bulan November tahun dua ribu dua puluh tiga (08-11-2023)"
    assert match.value == D(2023, 11, 8) and match.kind == "spelled"
    assert match.confidence >= 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 0ktober 2O21", D(2021, 10, 12)),  # zero for O in the month, O for zero in the year
        ("5 Agustus 20l9", D(2019, 8, 5)),  # l for 1
        ("19 Desernber 2021", D(2021, 12, 19)),  # rn for m
        ("tanggal 1O Januari 2019", D(2019, 1, 10)),
        ("8\nNovember\n2023", D(2023, 11, 8)),
        ("8November 2023", D(2023, 11, 8)),
    ],
)
def test_ocr_noise_is_tolerated_with_lower_confidence(text: str, expected: datetime.date) -> None:
    [match] = find_dates(text)
    assert match.value == expected
    clean = find_dates(expected.strftime("%d ") + ID_MONTHS[expected.month - 1] + expected.strftime(" %Y"))[0]
    assert match.confidence <= clean.confidence


def test_weekday_mismatch_lowers_confidence() -> None:
    # Regression (realdocs 01): "Senin" although 10 October 2018 was a Wednesday; the written date stands.
    wrong = find_dates("Senin, tanggal sepuluh, bulan Oktober, tahun dua ribu delapan belas")[0]
    right = find_dates("Rabu, tanggal sepuluh, bulan Oktober, tahun dua ribu delapan belas")[0]
    assert wrong.value == right.value == D(2018, 10, 10)
    assert wrong.confidence < right.confidence


def test_bracket_disagreement_keeps_spelled_value_with_low_confidence() -> None:
    [match] = find_dates("Rabu tanggal delapan bulan November tahun dua ribu dua puluh tiga (09-11-2023)")
    assert match.value == D(2023, 11, 8)
    assert match.confidence <= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "31 Februari 2020",
        "29 Februari 2021",
        "8 November 1900",
        "8 November 2101",
        "32-01-2020",
        "Pada hari ini",
        "hari ini tanggal",
        "Nomor 074/261/B.1/Litbang/2012",
        "5259/UN30/KS/2021",
        "Pasal 5 (1) 2 (dua) tahun 2021",
        "Rp 1.578.949.075",
    ],
)
def test_rejects_impossible_or_non_dates(text: str) -> None:
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_several_dates_in_order() -> None:
    found = find_dates("work period 03 Mei 2021 sampai dengan 28 Oktober 2021; report by 6/4/2020.")
    assert [d.value for d in found] == [D(2021, 5, 3), D(2021, 10, 28), D(2020, 4, 6)]


def test_parse_date_returns_first() -> None:
    assert parse_date("from 7 July 2014 until 6 July 2016") == D(2014, 7, 7)


# --- property tests -------------------------------------------------------------------------------

dates = st.dates(min_value=D(1945, 1, 1), max_value=D(2100, 12, 31))


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


RENDERERS = {
    "spelled": lambda d: (
        f"{ID_DAYS[d.weekday()]} tanggal {id_words(d.day)} bulan {ID_MONTHS[d.month - 1]} "
        f"tahun {id_words(d.year)} ({d:%d-%m-%Y})"
    ),
    "spelled_upper": lambda d: (
        f"Tanggal {id_words(d.day).title()} Bulan {ID_MONTHS[d.month - 1]} Tahun {id_words(d.year).title()}"
    ),
    "numeric": lambda d: f"{d.day}/{d.month}/{d.year}",
    "numeric_dash": lambda d: f"{d:%d-%m-%Y}",
    "month_name": lambda d: f"{d.day} {ID_MONTHS[d.month - 1]} {d.year}",
    "nopember": lambda d: f"{d:%d} {'Nopember' if d.month == 11 else ID_MONTHS[d.month - 1]} {d.year}",
    "english_ordinal": lambda d: f"this {_ordinal(d.day)} day of {EN_MONTHS[d.month - 1]} {d.year}",
    "english_mdy": lambda d: f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
}


@pytest.mark.parametrize("style", sorted(RENDERERS))
@given(d=dates)
def test_round_trip(style: str, d: datetime.date) -> None:
    text = "Pada hari ini " + RENDERERS[style](d) + " bertempat di Bengkulu."
    found = find_dates(text)
    assert [m.value for m in found] == [d]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_random_text_never_raises(text: str) -> None:
    _check_typed(find_dates(text), text)


@given(d=dates, noise=st.lists(st.tuples(st.integers(0, 200), st.sampled_from(" \n.,()-/0lOo")), max_size=4))
def test_mutated_dates_never_raise(d: datetime.date, noise: list[tuple[int, str]]) -> None:
    chars = list(RENDERERS["spelled"](d))
    for pos, ch in noise:
        chars.insert(min(pos, len(chars)), ch)
    text = "".join(chars)
    _check_typed(find_dates(text), text)


def _check_typed(found: list[DateMatch], text: str) -> None:
    last_end = 0
    for m in found:
        assert isinstance(m.value, datetime.date) and 1945 <= m.value.year <= 2100
        assert m.kind in {"spelled", "numeric", "month_name", "english"}
        assert 0.0 <= m.confidence <= 1.0
        assert last_end <= m.start < m.end <= len(text) and m.text == text[m.start : m.end]
        last_end = m.end


# --- signing and effective dates in whole documents (generated shapes) ---

from extractors import extract_fields  # noqa: E402
from schemas.pages import Page  # noqa: E402

_HEAD_ID = (
    "NOTA KESEPAHAMAN\nANTARA\nDINAS PERTANIAN KOTA MAKMUR\nDAN\nUNIVERSITAS SENTOSA\nNomor: 12/DP/2021\n"
)
_BODY_ID = (
    "Pasal 1\nMAKSUD DAN TUJUAN\nTeks tujuan.\nPasal 2\nJANGKA WAKTU\n"
    "Nota Kesepahaman ini berlaku selama 2 (dua) tahun terhitung sejak tanggal ditandatangani"
    " oleh PARA PIHAK.\n"
    "Pasal 3\nPENUTUP\nNota Kesepahaman ini dibuat"
    " dalam rangkap 2 (dua) asli.\n"
)


def _doc(text: str) -> dict:
    return extract_fields([Page(number=1, text=text, source="text_layer")])


def test_parties_signing_on_different_days_the_later_counts() -> None:
    sig = (
        "Ditandatangani di Makmur, 17 September 2021\nPIHAK PERTAMA,\nBudi Santoso\n"
        "Ditandatangani di Sentosa, 22 September 2021\nPIHAK KEDUA,\nSiti Aminah\n"
    )
    opening = (
        "Yang bertanda tangan di bawah ini:\nI. Budi Santoso, Kepala Dinas,"
        " selanjutnya disebut PIHAK PERTAMA.\n"
    )
    fields = _doc(_HEAD_ID + opening + _BODY_ID + sig)
    assert fields["signing_date"].value == "2021-09-22"
    assert fields["effective_date"].value == "2021-09-22"


def test_a_decree_date_in_the_opening_is_not_the_signing_date() -> None:
    opening = (
        "Yang bertanda tangan di bawah ini:\nI. Budi Santoso, Kepala Dinas, berdasarkan Keputusan Walikota"
        " Nomor 5 tanggal 9 Juni 2016, selanjutnya disebut PIHAK PERTAMA.\n"
    )
    sig = "Makmur, 2 Desember 2021\nPIHAK PERTAMA,\nBudi Santoso\nPIHAK KEDUA,\nSiti Aminah\n"
    assert _doc(_HEAD_ID + opening + _BODY_ID + sig)["signing_date"].value == "2021-12-02"


def test_signed_in_line_above_the_signature_block() -> None:
    text = (
        "MEMORANDUM OF UNDERSTANDING\nBETWEEN\nNORTHLAND UNIVERSITY\nAND\nUNIVERSITAS SENTOSA\n"
        "This Memorandum of Understanding is made by and between:\n1. Northland University (FIRST PARTY)\n"
        "Article 1\nPURPOSE\nText.\nArticle 2\nTERM\nThis Memorandum comes into force upon signature.\n"
        "Article 3\nCLOSING\nThis Memorandum is made in 2 (two) originals.\n"
        "Signed in Padang, 5 March 2022\nFor and on behalf of\nNorthland University\nJohn Smith\n"
        "Signed in Padang, 28 February 2022\nSigned by:\nSiti Aminah\n"
    )
    fields = _doc(text)
    assert fields["signing_date"].value == "2022-03-05"
    assert fields["signing_place"].value == "Padang"
    assert fields["effective_date"].value == "2022-03-05"


def test_ordinal_suffix_misread_before_day_of() -> None:
    found = find_dates("is made this 134% day of\nDecember , 2019 (hereinafter")
    assert [d.value for d in found] == [D(2019, 12, 13)]


@pytest.mark.parametrize(
    "phrase",
    [
        "This Agreement shall remain in effect for five (5) years from the date of this Agreement.",
        "This Agreement shall come into effect on the date of signing and last for two years.",
    ],
)
def test_effective_from_signing_english(phrase: str) -> None:
    text = (
        "COOPERATION AGREEMENT\nBETWEEN\nNORTHLAND UNIVERSITY\nAND\nUNIVERSITAS SENTOSA\n"
        "This Agreement is made on 3 February 2020 by and between the parties.\n"
        f"Article 1\nTERM\n{phrase}\nArticle 2\nCLOSING\nText.\n"
    )
    fields = _doc(text)
    assert fields["signing_date"].value == "2020-02-03"
    assert fields["effective_date"].value == "2020-02-03"


def test_title_region_fallback_prefers_the_making_date_over_a_cited_one() -> None:
    from extractors.dateslots import find_signing
    from extractors.normalise import build_doctext
    from extractors.segment import Section, Segments

    text = (
        "RESEARCH AGREEMENT\nBETWEEN\nNORTHLAND UNIVERSITY\nAND\nUNIVERSITAS SENTOSA\n"
        "THIS AGREEMENT is made this 13th day of December, 2019.\n"
        "C. Following a Memorandum of Understanding dated 11 April 2018 signed by the Parties,\n"
    )
    doc = build_doctext([Page(number=1, text=text, source="text_layer")])
    end = len(doc.text)
    found = find_signing(doc, Segments([Section("title", 0, end), Section("signature", end, end)]))
    assert found is not None and found[0].value == D(2019, 12, 13)


def test_effective_as_of_a_stated_date() -> None:
    text = (
        "MEMORANDUM OF UNDERSTANDING\nBETWEEN\nNORTHLAND UNIVERSITY\nAND\nUNIVERSITAS SENTOSA\n"
        "This Memorandum of Understanding is made on this 8th day of May 2017 by and between:\n"
        "Article 1\nDURATION\nThis Memorandum of Understanding shall come into effect as of 1 June 2017"
        " and remain in force for a period of 3 (three) years.\nArticle 2\nCLOSING\nText.\n"
    )
    fields = _doc(text)
    assert fields["signing_date"].value == "2017-05-08"
    assert fields["effective_date"].value == "2017-06-01"


def test_from_signing_with_the_word_split_over_a_line_break() -> None:
    split = "sejak tanggal ditanda\ntanganinya Nota Kesepahaman ini"
    body = _BODY_ID.replace("sejak tanggal ditandatangani", split)
    opening = "Pada hari ini Senin tanggal 7 Juni 2021, yang bertanda tangan di bawah ini:\n"
    assert _doc(_HEAD_ID + opening + body)["effective_date"].value == "2021-06-07"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pada tanggal 10 (sepuluh) bulan Desember tahun 2020 (dua ribu dua puluh)", D(2020, 12, 10)),
        ("Pada hari ini Rabu tanggal 12 (dua belas) Mei 2021", D(2021, 5, 12)),
        ("Signed on 2021-10-05 at Northland", D(2021, 10, 5)),
    ],
)
def test_digits_with_words_in_brackets_and_iso_dates(text: str, expected: datetime.date) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


def test_iso_shape_inside_a_number_is_not_a_date() -> None:
    assert find_dates("Nomor 2021-10-05/UN30/2021") == []


@pytest.mark.parametrize(
    "phrase",
    [
        "This Agreement shall enter into force on the date of the last signature.",
        "This Agreement shall be effective as from the date of execution by both Parties.",
    ],
)
def test_effective_from_the_last_signature_or_execution(phrase: str) -> None:
    text = (
        "COOPERATION AGREEMENT\nBETWEEN\nNORTHLAND UNIVERSITY\nAND\nUNIVERSITAS SENTOSA\n"
        "This Agreement is made on 3 February 2020 by and between the parties.\n"
        f"Article 1\nTERM\n{phrase}\nArticle 2\nCLOSING\nText.\n"
    )
    assert _doc(text)["effective_date"].value == "2020-02-03"


@pytest.mark.parametrize(
    "phrase",
    [
        "Nota Kesepahaman ini berlaku 3 (tiga) tahun terhitung sejak Nota Kesepahaman ini ditandatangani.",
        "Nota Kesepahaman ini berlaku sejak saat ditandatangani oleh PARA PIHAK.",
        "This Memorandum shall become effective from the date it is signed by both Parties.",
        "This Memorandum shall be valid when signed by both Parties.",
    ],
)
def test_effective_from_signing_more_phrasings(phrase: str) -> None:
    opening = "Pada hari ini Senin tanggal 7 Juni 2021, yang bertanda tangan di bawah ini:\n"
    body = f"Pasal 1\nJANGKA WAKTU\n{phrase}\nPasal 2\nPENUTUP\nTeks.\n"
    assert _doc(_HEAD_ID + opening + body)["effective_date"].value == "2021-06-07"


def test_place_from_signed_by_the_parties_at_in_the_closing_article() -> None:
    closing = (
        "Nota Kesepahaman ini ditandatangani oleh PIHAK PERTAMA dan PIHAK KEDUA di Makmur pada hari itu.\n"
    )
    opening = "Pada hari ini Senin tanggal 7 Juni 2021, yang bertanda tangan di bawah ini:\n"
    assert _doc(_HEAD_ID + opening + _BODY_ID + closing)["signing_place"].value == "Makmur"
