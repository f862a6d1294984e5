"""Signatories read from the signature block when the party clauses name nobody (no OCR)."""

from __future__ import annotations

import pytest
from layout import layout_page

from extractors.normalise import build_doctext
from extractors.parties import extract_parties
from extractors.segment import segment
from extractors.signatures import _people_in_line, signatories
from schemas.pages import Page

EN_BODY = (
    "MEMORANDUM OF UNDERSTANDING\n\nBETWEEN\n\nLAKESIDE COLLEGE\n\nAND\n\nUNIVERSITAS TADULAKO\n\n"
    "This Memorandum is made between Lakeside College, a private college in Ohio, USA (hereinafter referred\n"
    'to as "LC"), and Universitas Tadulako, a public university in Palu, Indonesia (hereinafter referred\n'
    'to as "UNTAD").\n\nArticle 1\nScope\n\nThe Parties will exchange students and staff.\n\n'
    "IN WITNESS WHEREOF the Parties have signed this Memorandum in two originals.\n\n"
    "Lakeside College Universitas Tadulako\n\n"
    "{names}\n{posts}\n\n"
)


def _doc(text: str):
    doc = build_doctext([Page(1, text, "ocr")])
    return doc, segment(doc.text)


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("Mary Ellen Cole, MBA., CPA. Dr. Ahmad Fauzi, S.E., M. Sc.", ["Mary Ellen Cole", "Ahmad Fauzi"]),
        ("PROFESSOR DR. JOHN ARIF HASSAN DR. SITI RAHMAH", ["John Arif Hassan", "Siti Rahmah"]),
        (
            "Dr. Ir. Bambang Suryanto, M.Sc. Hj. Rina Marlina, S.E., M.M.",
            ["Bambang Suryanto", "Rina Marlina"],
        ),
        ("Dr. Ana Putri, SE., M.Sc. Wei-Ming Chen", ["Ana Putri", "Wei-Ming Chen"]),
        ("HASSAN", []),  # a wrapped surname alone is not a signatory
    ],
)
def test_a_joined_two_column_name_line_is_split_into_people(line: str, people: list[str]) -> None:
    assert _people_in_line(line) == people


def test_signatories_above_their_posts_fill_the_parties_and_witnesses_do_not() -> None:
    text = EN_BODY.format(
        names="Mary Ellen Cole, MBA. Dr. Ahmad Fauzi, S.E., M. Sc.", posts="President Rector"
    )
    text += "In the presence of:\n\nDr. Lina Hartati, M.Si. Robert Stone\nDean Director\n"
    doc, segs = _doc(text)
    assert signatories(doc, segs) == ["Mary Ellen Cole", "Ahmad Fauzi"]
    parties = [f.value for f in extract_parties(doc, segs, None)]
    assert [p.representative for p in parties] == ["Mary Ellen Cole", "Ahmad Fauzi"]


def test_an_ambiguous_block_names_nobody() -> None:
    """Three names for two parties: which belongs to whom is unknown, so none is given."""
    text = EN_BODY.format(
        names="Dr. Mary Cole, MBA. Dr. Ahmad Fauzi, S.E. Dr. Lina Hartati", posts="President"
    )
    doc, segs = _doc(text)
    parties = [f.value for f in extract_parties(doc, segs, None)]
    assert [p.representative for p in parties] == [None, None]


def test_indonesian_block_names_below_the_posts_and_role_labels_are_not_people() -> None:
    body = (
        "PERJANJIAN KERJA SAMA\n\n"
        "Pada hari ini Senin tanggal 3 Mei 2021, yang bertanda tangan di bawah ini:\n\n"
        "I. Universitas Jambi, berkedudukan di Jambi, selanjutnya disebut PIHAK PERTAMA.\n\n"
        "II. Dinas Pertanian Kabupaten Kerinci, berkedudukan di Sungai Penuh,\n"
        "selanjutnya disebut PIHAK KEDUA.\n\n"
        "Pasal 1\nRUANG LINGKUP\n\nPenelitian bersama.\n\n"
        "Perjanjian ini dibuat dalam rangkap 2 (dua) asli.\n\n"
        "PIHAK PERTAMA, PIHAK KEDUA,\nRektor Universitas Jambi, Kepala Dinas Pertanian,\n\n"
        "Prof. Dr. Sri Handayani, M.Pd.\n\nIr. Budi Hartono, M.Si.\n"
    )
    doc, segs = _doc(body)
    assert signatories(doc, segs) == ["Sri Handayani", "Budi Hartono"]
    parties = [f.value for f in extract_parties(doc, segs, None)]
    assert [p.representative for p in parties] == ["Sri Handayani", "Budi Hartono"]


def test_bracketed_names_below_the_posts() -> None:
    body = (
        "PERJANJIAN KERJA SAMA\n\nYang bertanda tangan di bawah ini:\n\n"
        "I. Universitas Jambi, berkedudukan di Jambi, selanjutnya disebut PIHAK PERTAMA.\n\n"
        "II. CV Sinar Abadi, berkedudukan di Muara Bungo, selanjutnya disebut PIHAK KEDUA.\n\n"
        "Pasal 1\nRUANG LINGKUP\n\nPelatihan bersama.\n\n"
        "Perjanjian ini dibuat dalam rangkap 2 (dua) asli.\n\n"
        "PIHAK PERTAMA, PIHAK KEDUA,\nRektor, Direktur,\n\n"
        "(Prof. Dr. Sri Handayani, M.Pd.) ( Budi Hartono )\n"
    )
    doc, segs = _doc(body)
    assert signatories(doc, segs) == ["Sri Handayani", "Budi Hartono"]


def test_untitled_names_in_two_columns_split_at_the_gap_and_name_labels() -> None:
    sign = (
        "Dongseo University                     Universitas Jambi\n\n"
        "Kim Sung Lee                           Ana Putri Lestari\n"
        "President                              Rector\n"
    )
    text = EN_BODY.format(names="", posts="").rstrip() + "\n\n" + sign
    doc, segs = _doc_boxes(text)
    assert signatories(doc, segs) == ["Kim Sung Lee", "Ana Putri Lestari"]
    labelled = EN_BODY.format(names="Name: Prof. Kim Lee Name: Dr. Ana Putri", posts="Title: President")
    doc, segs = _doc(labelled)
    assert signatories(doc, segs) == ["Kim Lee", "Ana Putri"]


def _doc_boxes(text: str):
    doc = build_doctext([layout_page(text)])
    return doc, segment(doc.text)
