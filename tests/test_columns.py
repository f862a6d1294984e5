"""Two-column party rows read with word boxes: a name or post wrapped inside its column (no OCR)."""

from __future__ import annotations

from layout import layout_page as _page

from extractors.normalise import build_doctext
from extractors.parties import extract_parties
from extractors.segment import segment
from schemas.pages import Page

LAYOUT = (
    "Pada hari ini Jumat tanggal 11 Juni 2021, kami yang bertanda tangan di bawah ini:\n"
    "\n"
    "I.  Dr. Eng. Ahmad Dwi                 :  Dekan Fakultas Matematika dan Ilmu Pengetahuan\n"
    "    Santoso, S.Si., M.T.                  Alam Universitas Tadulako, yang berkedudukan di\n"
    "                                          Palu, selanjutnya disebut PIHAK PERTAMA\n"
    "II. RINA MARLINA                       :  Dekan Fakultas Sains dan Teknologi Universitas\n"
    "    HARAHAP                               Jambi, selanjutnya disebut PIHAK KEDUA\n"
    "\n"
    "Pasal 1\nRUANG LINGKUP\nPenelitian bersama.\n"
)


def test_wrapped_names_and_posts_are_read_column_by_column() -> None:
    doc = build_doctext([_page(LAYOUT)])
    parties = [f.value for f in extract_parties(doc, segment(doc.text), None)]
    assert [p.representative for p in parties] == ["Ahmad Dwi Santoso", "Rina Marlina Harahap"]
    assert [p.name for p in parties] == [
        "Fakultas Matematika dan Ilmu Pengetahuan Alam Universitas Tadulako",
        "Fakultas Sains dan Teknologi Universitas Jambi",
    ]


def test_without_boxes_the_row_is_read_as_text() -> None:
    """A text layer without word boxes: the first line of the name still counts (nothing invented)."""
    page = _page(LAYOUT)
    doc = build_doctext([Page(1, page.text, "text_layer")])
    parties = [f.value for f in extract_parties(doc, segment(doc.text), None)]
    assert [p.representative for p in parties][1] == "Rina Marlina"
