"""Side-by-side bilingual pages (extractors.sidebyside): read column by column, evidence still on the
page's own text. Pages are laid out by hand (tests/layout.py), no realdocs text."""

from __future__ import annotations

from extractors import extract_fields
from extractors.normalise import build_doctext
from extractors.sidebyside import column_order
from tests.layout import layout_page

LEFT = [
    "Pasal 2",
    "RUANG LINGKUP",
    "Ruang lingkup Nota Kesepahaman ini",
    "meliputi:",
    "a. Penyuluhan hukum kepada",
    "   masyarakat;",
    "b. Pembentukan dan pembinaan desa",
    "   sadar hukum;",
    "c. Pendokumentasian dan",
    "   penyebarluasan informasi hukum;",
    "d. Pemberian bantuan hukum bagi",
    "   masyarakat miskin.",
]
RIGHT = [
    "Article 2",
    "SCOPE OF COOPERATION",
    "The scope of this Memorandum of",
    "Understanding covers:",
    "a. Legal counselling for the",
    "   public;",
    "b. Establishing law-aware villages;",
    "",
    "c. Documentation and dissemination",
    "   of legal information;",
    "d. Legal aid for the poor.",
    "",
]
TITLE = "          NOTA KESEPAHAMAN ANTARA KANTOR WILAYAH DAN UNIVERSITAS"


def _layout(left: list[str], right: list[str]) -> str:
    rows = [f"{a:<40}{b}" for a, b in zip(left, right, strict=True)]
    return "\n".join([TITLE, *rows])


def test_a_bilingual_page_side_by_side_is_read_column_by_column():
    page = layout_page(_layout(LEFT, RIGHT))
    assert column_order(page) is not None
    text = build_doctext([page]).text
    assert text.startswith("NOTA KESEPAHAMAN")  # the line across the gutter stays first
    assert "a. Penyuluhan hukum kepada\nmasyarakat;\nb. Pembentukan" in text
    assert text.index("d. Pemberian bantuan") < text.index("Article 2")


def test_scope_items_of_a_side_by_side_page_are_whole_and_in_one_language():
    page = layout_page(_layout(LEFT, RIGHT))
    scope = [" ".join(f.value.split()) for f in extract_fields([page])["scope"]]
    assert "Penyuluhan hukum kepada masyarakat" in [s.rstrip(";.") for s in scope]
    assert not any("Legal counselling" in s and "Penyuluhan" in s for s in scope)
    for f in extract_fields([page])["scope"]:
        for ev in f.evidence:
            assert page.text[ev.start : ev.end] == ev.text  # evidence points at the page's own text


def test_two_columns_in_one_language_are_left_as_read():
    english = [line.replace("Penyuluhan", "Legal") for line in RIGHT]
    other = ["The parties shall meet once a", "year to evaluate the work of"] * 6
    assert column_order(layout_page(_layout(other, english))) is None


def test_a_single_column_page_is_left_as_read():
    prose = [
        "Pada hari ini Senin tanggal Tiga bulan Mei tahun Dua Ribu Dua Puluh Satu kami yang bertanda",
        "tangan di bawah ini sepakat untuk mengadakan kerja sama dengan ketentuan sebagai berikut dan",
    ] * 8
    assert column_order(layout_page("\n".join(prose))) is None


def test_a_centred_line_whose_word_gap_falls_on_the_gutter_stays_whole():
    centred = " " * 33 + "LEIDEN UNIVERSITY"  # the gap between its words sits where the gutter is
    page = layout_page(
        "\n".join([TITLE, centred, *(f"{a:<40}{b}" for a, b in zip(LEFT, RIGHT, strict=True))])
    )
    assert column_order(page) is not None
    assert "\nLEIDEN UNIVERSITY\n" in build_doctext([page]).text
