"""Text per page: the text-layer predicate, OCR of scans, rotation and skew correction, input types."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from PIL import Image

from pipeline.errors import CorruptFileError, EncryptedPdfError, UnsupportedFileError
from pipeline.text import ocr
from pipeline.text.ocr import TesseractEngine, TextGeometry, estimate_skew, text_geometry
from pipeline.text.read import read_document
from pipeline.text.textlayer import is_text_layer_usable
from tests.docmaker import image_pdf, page_image, text_pdf
from tests.fakes import ExplodingEngine, PassCountingTesseract


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.split()), " ".join(b.split()), autojunk=False).ratio()


@pytest.fixture(scope="module")
def straight(tmp_path_factory) -> tuple[Path, Image.Image, str]:
    folder = tmp_path_factory.mktemp("straight")
    pdf = text_pdf(folder / "agreement.pdf")
    image = page_image(pdf)
    text = TesseractEngine().ocr_page(image, 1, 300).text
    return pdf, image, text


def test_text_layer_pdf_is_read_without_ocr(straight):
    pdf, _, _ = straight
    document = read_document(pdf, engine=ExplodingEngine())
    assert document.text_source == "text_layer"
    assert "NOTA KESEPAHAMAN" in document.pages[0].text
    assert document.pages[0].words[0].bbox is not None


def test_scanned_pdf_is_ocrd_with_words_boxes_and_confidence(straight, tmp_path):
    _, image, _ = straight
    document = read_document(image_pdf(tmp_path / "scan.pdf", image))
    page = document.pages[0]
    assert document.text_source == "ocr"
    assert "KESEPAHAMAN" in page.text and "Padjadjaran".upper() in page.text.upper()
    assert 0.8 < (document.ocr_mean_confidence or 0) <= 1
    word = page.words[0]
    assert page.text[word.start : word.end] == word.text and word.bbox is not None


@pytest.mark.parametrize("angle", [90, 180])
def test_rotated_page_reads_like_the_straight_one(straight, tmp_path, angle):
    _, image, reference = straight
    rotated = image.rotate(angle, expand=True, fillcolor=255)
    text = read_document(image_pdf(tmp_path / f"rot{angle}.pdf", rotated)).pages[0].text
    assert similarity(text, reference) >= 0.95


OFFICE_SCAN = Path(__file__).resolve().parents[1] / "samples" / "fixed" / "docs" / "02-mou-office-scan.pdf"


@pytest.fixture(scope="module")
def full_page() -> tuple[Image.Image, str]:
    """Page 1 of a committed office scan: running text in a document font, as agreements have."""
    image = page_image(OFFICE_SCAN)
    return image, TesseractEngine().ocr_page(image, 1, 300).text


def test_text_lines_tell_an_upside_down_page(full_page):
    image, _ = full_page
    upright, flipped = text_geometry(image), text_geometry(image.rotate(180))
    assert not upright.upside_down and upright.ascender_share > 0.5 and upright.lines_up > upright.lines_down
    assert flipped.upside_down and flipped.ascender_share < 0.4
    # a page with few lines of body text is left to the OSD fallback rather than guessed
    assert not TextGeometry(0.0, 0.2, 1, 5).upside_down


def test_upside_down_page_is_read_in_one_tesseract_pass(full_page):
    image, reference = full_page
    engine = PassCountingTesseract()
    page = engine.ocr_page(image.rotate(180), 1, 300)
    assert similarity(page.text, reference) >= 0.95
    assert (engine.passes, engine.osd) == (1, 0)
    assert any("rotated by 180" in note for note in page.notes)


def test_a_wrong_upside_down_guess_is_undone_by_osd(full_page, monkeypatch):
    image, reference = full_page
    monkeypatch.setattr(ocr, "text_geometry", lambda _: TextGeometry(0.0, 0.2, 0, 20))
    engine = PassCountingTesseract()
    page = engine.ocr_page(image, 1, 300)
    assert similarity(page.text, reference) >= 0.95
    assert (engine.passes, engine.osd) == (2, 1)


def test_skewed_page_reads_like_the_straight_one(straight, tmp_path):
    _, image, reference = straight
    skewed = image.rotate(3, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)
    assert abs(estimate_skew(skewed) - (-3)) <= 0.5 or abs(estimate_skew(skewed) - 3) <= 0.5
    text = read_document(image_pdf(tmp_path / "skew.pdf", skewed)).pages[0].text
    assert similarity(text, reference) >= 0.95


def test_multipage_tiff_and_png(straight, tmp_path):
    _, image, _ = straight
    small = image.resize((image.width // 2, image.height // 2))
    tiff = tmp_path / "scan.tiff"
    small.save(tiff, save_all=True, append_images=[small], dpi=(150, 150))
    assert [p.number for p in read_document(tiff).pages] == [1, 2]
    png = tmp_path / "scan.png"
    small.save(png, dpi=(150, 150))
    assert "KESEPAHAMAN" in read_document(png).pages[0].text


def test_docx_is_read_as_text(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("PERJANJIAN KERJA SAMA")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Kegiatan"
    table.rows[0].cells[1].text = "Waktu"
    path = tmp_path / "pks.docx"
    document.save(path)
    page = read_document(path, engine=ExplodingEngine()).pages[0]
    assert "PERJANJIAN KERJA SAMA" in page.text and "Kegiatan | Waktu" in page.text


def test_encrypted_pdf_with_empty_user_password_opens(tmp_path):
    pdf = text_pdf(tmp_path / "empty-password.pdf", password="")
    assert "KESEPAHAMAN" in read_document(pdf, engine=ExplodingEngine()).pages[0].text


def test_encrypted_pdf_with_unknown_password_fails_clearly(tmp_path):
    pdf = text_pdf(tmp_path / "locked.pdf", password="rahasia")
    with pytest.raises(EncryptedPdfError, match="locked.pdf"):
        read_document(pdf)


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.pdf", b"", CorruptFileError),
        ("page.pdf", b"<html><body>not a pdf</body></html>", CorruptFileError),
        ("notes.txt", b"hello", UnsupportedFileError),
        ("scan.png", b"\x89PNG\r\n\x1a\n broken", CorruptFileError),
    ],
)
def test_bad_inputs_raise_errors_naming_the_file(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error, match=name.replace(".", r"\.")):
        read_document(path)


def test_near_empty_digital_page_with_nothing_to_ocr_is_not_ocrd(tmp_path):
    pdf = text_pdf(tmp_path / "signatures.pdf", ["PIHAK PERTAMA", "PIHAK KEDUA"])
    page = read_document(pdf, engine=ExplodingEngine()).pages[0]
    assert page.source == "text_layer" and "PIHAK KEDUA" in page.text


def test_near_empty_page_over_an_image_is_ocrd():
    assert not is_text_layer_usable(
        "Paraf", ["Paraf"], covered_by_image=True, nothing_to_ocr=False
    ).use_text_layer


@pytest.mark.parametrize(
    ("text", "over_image", "usable"),
    [
        ("Nota Kesepahaman ini berlaku untuk jangka waktu lima tahun sejak ditandatangani " * 2, False, True),
        (
            "THE tnlrvERsITY OF BENGKULU, INDONESTA Indonesi4 UNWERSITY deparfinents fiT#& ~~ ,.,. " * 2,
            True,
            False,
        ),
        ("   ", False, False),
    ],
)
def test_text_layer_predicate(text, over_image, usable):
    verdict = is_text_layer_usable(text, text.split(), over_image)
    assert verdict.use_text_layer is usable
    assert verdict.reason
