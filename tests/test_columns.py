"""Two-column party rows read with word boxes: a name or post wrapped inside its column (no OCR)."""

from __future__ import annotations

from extractors.normalise import build_doctext
from extractors.parties import extract_parties
from extractors.segment import segment
from schemas.pages import Page, Word

CHAR = 20  # pixels per character column of the layout


def _page(layout: str) -> Page:
    """A page whose text is read line by line, single-spaced as OCR gives it, while each word's box keeps
    the column it has in `layout` (so columns can be told apart only from the boxes)."""
    lines, words, pos = [], [], 0
    for y, row in enumerate(layout.split("\n")):
        parts = []
        col = 0
        for token in row.split(" "):
            if token:
                start = pos + len(" ".join(parts)) + (1 if parts else 0)
                words.append(
                    Word(
                        token,
                        start,
                        start + len(token),
                        (col * CHAR, y * 50, (col + len(token)) * CHAR, y * 50 + 40),
                        0.9,
                    )
                )
                parts.append(token)
            col += len(token) + 1
        line = " ".join(parts)
        lines.append(line)
        pos += len(line) + 1
    return Page(1, "\n".join(lines), "ocr", words=words)


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
