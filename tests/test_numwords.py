"""Tests for Indonesian and English number-word parsing."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.numwords import (
    format_id_number_words,
    parse_en_number_words,
    parse_id_number_words,
    read_ocr_digits,
)

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dua ribu dua puluh tiga", 2023),
        ("Lima Belas", 15),
        ("seratus", 100),
        ("Delapan Belas", 18),
        ("sebelas", 11),
        ("sepuluh", 10),
        ("Dua Ribu Dua Puluh Dua", 2022),
        ("dua  ribu\ndelapan belas", 2018),
        ("seratus delapan puluh", 180),
        ("seratus dua puluh", 120),
        ("seribu sembilan ratus sembilan puluh sembilan", 1999),
        ("satu juta dua ratus ribu", 1_200_000),
        ("nol", 0),
        ("duapuluh satu", 21),  # OCR glued the words
        ("DUA PULUH EMPAT", 24),
    ],
)
def test_id_number_words(text: str, expected: int) -> None:
    assert parse_id_number_words(text) == expected


@pytest.mark.parametrize("text", ["", "tahun", "dua tiga", "belas", "puluh dua", "ribu", "dua ribu tahun"])
def test_id_not_a_number(text: str) -> None:
    assert parse_id_number_words(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty-three", 23),
        ("two thousand and fifteen", 2015),
        ("ninth", 9),
        ("twenty-first", 21),
        ("Thirty First", 31),
        ("one hundred and eighty", 180),
        ("two", 2),
        ("twelve", 12),
        ("two thousand nineteen", 2019),
    ],
)
def test_en_number_words(text: str, expected: int) -> None:
    assert parse_en_number_words(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "nineteen ninety", "and", "twenty twenty"])
def test_en_not_a_number(text: str) -> None:
    assert parse_en_number_words(text) is None


@pytest.mark.parametrize(
    ("token", "expected"),
    [("2023", (2023, False)), ("2O21", (2021, True)), ("20l9", (2019, True)), ("lo", None)],
)
def test_read_ocr_digits(token: str, expected: tuple[int, bool] | None) -> None:
    assert read_ocr_digits(token) == expected


@given(st.integers(min_value=0, max_value=999_999_999))
def test_id_round_trip(n: int) -> None:
    assert parse_id_number_words(format_id_number_words(n)) == n


@given(st.integers(min_value=1, max_value=999_999))
def test_id_round_trip_upper_case_and_newlines(n: int) -> None:
    assert parse_id_number_words(format_id_number_words(n).upper().replace(" ", " \n ")) == n


@given(st.text(max_size=60))
def test_random_text_never_raises(text: str) -> None:
    for parse in (parse_id_number_words, parse_en_number_words):
        result = parse(text)
        assert result is None or (isinstance(result, int) and result >= 0)


@pytest.mark.parametrize(
    ("n", "words"),
    [(2023, "dua ribu dua puluh tiga"), (1000, "seribu"), (111, "seratus sebelas"), (18, "delapan belas")],
)
def test_format_id_number_words(n: int, words: str) -> None:
    assert format_id_number_words(n) == words


def test_format_rejects_out_of_range() -> None:
    with pytest.raises(ValueError, match="cannot spell"):
        format_id_number_words(-1)
