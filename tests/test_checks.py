"""Flags and review status computed from extracted records."""

from __future__ import annotations

import datetime

import pytest

from extractors import extract_fields
from extractors.checks import compute_flags, review_status
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Record

MOU = """NOTA KESEPAHAMAN
ANTARA UNIVERSITAS A DAN BADAN B
TENTANG RENCANA KERJA SAMA PENDIDIKAN

Nomor : 1/UN/2020

Pada hari ini Senin, tanggal 2 Maret 2020, bertempat di Bengkulu, yang bertanda tangan di bawah ini:
1. Budi Santoso, Rektor Universitas A, bertindak untuk dan atas nama Universitas A,
selanjutnya disebut PIHAK KESATU.
2. Sari Dewi, Kepala Badan B, bertindak untuk dan atas nama Badan B, selanjutnya disebut PIHAK KEDUA.

Pasal 1
RUANG LINGKUP
Ruang lingkup meliputi:
a. Pendidikan;
b. Penelitian.

Pasal 2
JANGKA WAKTU
Nota Kesepahaman ini berlaku untuk jangka waktu 3 (tiga) tahun sejak ditandatangani.
"""

INFO = DocumentInfo(
    sha256="0" * 64, filename="x.pdf", bytes=1, pages=1, text_source="ocr", pipeline_version="t"
)


def _record(text: str, conf: float | None = 0.9) -> tuple[Record, list[Page]]:
    pages = [Page(number=1, text=text, source="ocr", mean_confidence=conf)]
    return Record(document=INFO, **extract_fields(pages)), pages


def _codes(text: str, today: datetime.date, **kw) -> list[str]:
    record, pages = _record(text, kw.pop("conf", 0.9))
    return [f.code for f in compute_flags(record, pages, today=today, **kw)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2023, 6, 1), "EXPIRED"),
        (datetime.date(2023, 1, 1), "EXPIRING_SOON"),  # expiry 2023-03-02 is 60 days away
        (datetime.date(2021, 1, 1), None),
    ],
)
def test_expiry_against_today(today: datetime.date, expected: str | None) -> None:
    record, pages = _record(MOU)
    assert record.expiry_date.value == "2023-03-02"
    codes = {f.code for f in compute_flags(record, pages, today=today, expiring_days=90)}
    assert codes & {"EXPIRED", "EXPIRING_SOON"} == ({expected} if expected else set())


def test_rencana_kerja_sama_in_title_is_no_workplan() -> None:
    record, pages = _record(MOU)
    assert record.workplan.value == "none"
    flags = compute_flags(record, pages, today=datetime.date(2021, 1, 1))
    flag = next(f for f in flags if f.code == "NO_DETAILED_WORKPLAN")
    assert flag.severity == "warning"


def test_missing_sections_for_an_mou_and_a_pks() -> None:
    assert "MISSING_SECTION" not in _codes(MOU, datetime.date(2021, 1, 1))
    pks = MOU.replace("NOTA KESEPAHAMAN\n", "PERJANJIAN KERJA SAMA\n", 1)
    record, pages = _record(pks)
    messages = [f.message for f in compute_flags(record, pages, today=datetime.date(2021, 1, 1))
                if f.code == "MISSING_SECTION"]  # fmt: skip
    assert len(messages) == 2 and any("Pembiayaan" in m for m in messages)


def test_missing_term_section_number_and_signing_date() -> None:
    text = MOU.split("Pasal 2")[0].replace(
        "Pada hari ini Senin, tanggal 2 Maret 2020, bertempat di Bengkulu, ", ""
    )
    codes = _codes(text, datetime.date(2021, 1, 1))
    assert "MISSING_SECTION" in codes
    assert "NO_SIGNING_DATE" in codes
    assert "NUMBER_MISSING" in codes  # one number for two parties


def test_low_ocr_confidence() -> None:
    assert "LOW_OCR_CONFIDENCE" in _codes(MOU, datetime.date(2021, 1, 1), conf=0.5)
    assert "LOW_OCR_CONFIDENCE" not in _codes(MOU, datetime.date(2021, 1, 1), conf=0.9)


def test_review_names_low_confidence_fields() -> None:
    record, _ = _record(MOU)
    record.title = ExtractedField[str](value="X", confidence=0.3)
    review = review_status(record, threshold=0.6)
    assert review.needs_review and any(r.startswith("title") for r in review.reasons)
    record.title = ExtractedField[str](value="X", confidence=0.9)
    assert not any(r.startswith("title") for r in review_status(record).reasons)
