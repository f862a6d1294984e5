"""Tests for agreement-term finding: periods, end dates, open-ended terms, and month arithmetic."""

from __future__ import annotations

import datetime
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.durations import DurationMatch, add_months, find_durations
from extractors.numwords import format_id_number_words as id_words

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

D = datetime.date


@pytest.mark.parametrize(
    ("text", "span", "months", "days"),
    [
        ("berlaku untuk jangka waktu 5 (lima) tahun sejak ditandatangani", "5 (lima) tahun", 60, None),
        ("24 (dua puluh empat) bulan", "24 (dua puluh empat) bulan", 24, None),
        ("jangka waktu 3 (Tiga) tahun", "3 (Tiga) tahun", 36, None),
        ("jangka waktu ( tiga) tahun", "( tiga) tahun", 36, None),  # numeral missing in the scan
        ("berlaku untuk jangka waktu (Satu) tahun", "(Satu) tahun", 12, None),
        ("for a period of 2 (two) years", "2 (two) years", 24, None),
        ("two (2) years", "two (2) years", 24, None),
        ("for a period of three years", "three years", 36, None),
        ("180 (seratus delapan puluh) hari kalender", "180 (seratus delapan puluh) hari kalender", None, 180),
        ("120 (seratus dua puluh) hari kerja", "120 (seratus dua puluh) hari kerja", None, 120),
        ("2 (dua) minggu", "2 (dua) minggu", None, 14),
        ("1 (satu) tahun 6 (enam) bulan", "1 (satu) tahun 6 (enam) bulan", 18, None),
        ("berlaku selama setahun", "setahun", 12, None),
        ("six months", "six months", 6, None),
    ],
)
def test_periods(text: str, span: str, months: int | None, days: int | None) -> None:
    [match] = find_durations(text)
    assert (match.kind, match.text, match.months, match.days, match.until) == (
        "period",
        span,
        months,
        days,
        None,
    )
    assert text[match.start : match.end] == match.text


def test_digits_and_words_disagree_lowers_confidence() -> None:
    [bad] = find_durations("5 (enam) tahun")
    [good] = find_durations("5 (lima) tahun")
    assert bad.months == 72  # the words prevail
    assert bad.confidence < 0.6 < good.confidence


def test_missing_numeral_is_less_sure_than_both() -> None:
    assert find_durations("(tiga) tahun")[0].confidence < find_durations("3 (tiga) tahun")[0].confidence


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("sampai dengan tanggal 31 Desember 2025", D(2025, 12, 31)),
        ("s/d 31 Desember 2025", D(2025, 12, 31)),
        ("hingga 30 Juni 2024", D(2024, 6, 30)),
        ("commencing from 7 July 2014 until 6 July 2016", D(2016, 7, 6)),
        ("The Service shall be completed by 30 April 2020", D(2020, 4, 30)),
        (
            "sampai dengan tanggal tiga puluh satu bulan Desember tahun dua ribu dua puluh lima",
            D(2025, 12, 31),
        ),
    ],
)
def test_until_date(text: str, until: datetime.date) -> None:
    [match] = [m for m in find_durations(text) if m.kind == "until_date"]
    assert match.until == until and match.months is None and match.days is None
    assert match.text.endswith(text[-4:])


def test_period_and_end_date_both_found() -> None:
    # Regression (realdocs 07): a stated end date beside a period; the extractor decides which wins.
    text = (
        "berlaku untuk jangka waktu 5 (lima) tahun sejak tanggal ditandatangani "
        "sampai dengan 31 Desember 2027"
    )
    kinds = [(m.kind, m.months, m.until) for m in find_durations(text)]
    assert kinds == [("period", 60, None), ("until_date", None, D(2027, 12, 31))]


@pytest.mark.parametrize(
    "text",
    [
        "berlaku sampai dengan diakhiri oleh PARA PIHAK",
        "berlaku sampai diakhiri oleh salah satu pihak",
        "shall remain in force until terminated by either party",
        "until either party terminates",
    ],
)
def test_until_terminated(text: str) -> None:
    [match] = find_durations(text)
    assert (match.kind, match.months, match.days, match.until) == ("until_terminated", None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Selasa tanggal Delapan Belas Bulan Mei Tahun Dua Ribu Dua Puluh Satu",  # "Belas Bulan" is a date
        "tanggal 8 bulan November tahun 2023",
        "Pada hari ini Rabu",
        "tahun anggaran 2021",
        "0 (nol) tahun",
        "Peraturan Rektor Universitas Bengkulu Nomor 8 Tahun 2019 tentang Pedoman",  # regulation citation
        "Undang-Undang No. 12 Tahun 2012",
        "Peraturan Pemerintah 4 tahun 2014",
    ],
)
def test_no_period_in_dates_and_non_terms(text: str) -> None:
    assert [m for m in find_durations(text) if m.kind == "period"] == []


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2021, 5, 18), 36, D(2024, 5, 18)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2021, 8, 13), 24, D(2023, 8, 13)),
        (D(2022, 5, 24), 60, D(2027, 5, 24)),
        (D(2020, 3, 31), -1, D(2020, 2, 29)),
        (D(2023, 12, 15), 1, D(2024, 1, 15)),
    ],
)
def test_add_months(start: datetime.date, months: int, expected: datetime.date) -> None:
    assert add_months(start, months) == expected


@given(st.dates(min_value=D(1945, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 120))
def test_add_months_properties(start: datetime.date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or end.day < start.day and (end + datetime.timedelta(days=1)).day == 1


@given(st.integers(1, 99), st.sampled_from(["tahun", "bulan", "hari", "minggu"]))
def test_period_round_trip(n: int, unit: str) -> None:
    [match] = find_durations(f"jangka waktu {n} ({id_words(n)}) {unit} sejak")
    per = {"tahun": (12, None), "bulan": (1, None), "hari": (None, 1), "minggu": (None, 7)}[unit]
    assert match.months == (n * per[0] if per[0] else None)
    assert match.days == (n * per[1] if per[1] else None)


@given(st.text(max_size=120))
def test_random_text_never_raises(text: str) -> None:
    for m in find_durations(text):
        assert isinstance(m, DurationMatch) and m.text == text[m.start : m.end]
        assert m.kind in {"period", "until_date", "until_terminated"}
        assert 0.0 <= m.confidence <= 1.0
        assert m.months is None or m.months > 0
