"""The lean text-layer read (`page_layout`) gives exactly what pdfplumber's own `page.chars` path gives.

`page_layout` walks pdfminer's layout once instead of letting pdfplumber build a full dict of every
character: words, boxes, images and curves must not change, whatever the page's boxes and rotation.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pdfplumber.utils import extract_words
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipeline.text.read import ReadOptions, read_document
from pipeline.text.textlayer import (
    MAX_CURVES_WITHOUT_TEXT,
    covered_by_image,
    nothing_to_ocr,
    page_from_plumber,
    page_layout,
)
from tests.docmaker import AGREEMENT_LINES, image_pdf, page_image, text_pdf
from tests.fakes import RecordingEngine

WORD_OPTIONS = {"keep_blank_chars": False, "use_text_flow": False, "x_tolerance": 1.5}  # as page_from_plumber


def _logo() -> ImageReader:
    buffer = io.BytesIO()
    Image.new("L", (40, 20), 128).save(buffer, "PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def varied_pdf(path: Path, curves: int = 3) -> Path:
    """Three pages: text with lines, rects, curves and a small image; text inside a form XObject (an
    LTFigure) and rotated text; sizes, spacing and accented letters."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 800
    for line in AGREEMENT_LINES:
        pdf.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 11)
        pdf.drawString(60, y, line)
        y -= 22
    pdf.line(60, 400, 500, 400)
    pdf.rect(60, 300, 200, 50)
    for i in range(curves):
        pdf.bezier(60 + i, 200, 120 + i, 260, 180 + i, 140, 240 + i, 200)
    pdf.drawImage(_logo(), 400, 100, width=80, height=40)
    pdf.showPage()

    pdf.beginForm("kop")
    pdf.setFont("Times-Roman", 12)
    pdf.drawString(60, 780, "KOP SURAT: UNIVERSITAS PADJADJARAN, Jl. Raya Bandung Sumedang KM 21")
    pdf.endForm()
    pdf.doForm("kop")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, 700, "Teks di bawah kop surat, Pasal 3 HAK DAN KEWAJIBAN (1) Para Pihak sepakat.")
    pdf.saveState()
    pdf.translate(40, 200)
    pdf.rotate(90)
    pdf.drawString(0, 0, "Paraf PIHAK PERTAMA / PIHAK KEDUA (teks diputar)")
    pdf.restoreState()
    pdf.showPage()

    y = 800
    for size in (7, 9, 14, 20):
        pdf.setFont("Courier", size)
        pdf.drawString(60, y, f"Nomor: 123/UN6.A/HK.07/2023 ukuran {size}")
        y -= size * 2
    text = pdf.beginText(60, 500)
    text.setFont("Helvetica", 11)
    text.setCharSpace(1.2)
    text.textLine("Kafé, Bogotá, naïve: tanda tangan di atas meterai Rp10.000,00")
    text.setCharSpace(0)
    text.setWordSpace(6)
    text.textLine("jarak antar kata yang lebar sekali pada baris ini")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return path


def reboxed(source: Path, target: Path, mediabox=None, cropbox=None, rotation: int = 0) -> Path:
    """A copy of `source` whose every page has the given MediaBox / CropBox / Rotate."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        for page in pdf:
            if mediabox is not None:
                page.set_mediabox(*mediabox)
            if cropbox is not None:
                page.set_cropbox(*cropbox)
            if rotation:
                page.set_rotation(rotation)
        pdf.save(str(target))
    finally:
        pdf.close()
    return target


def assert_same_as_pdfplumber(path: Path, **open_kwargs) -> int:
    """Every page: the lean chars give pdfplumber's words (all keys, exactly), images and curve count."""
    checked = 0
    with pdfplumber.open(str(path), **open_kwargs) as plumber:
        for number, plumber_page in enumerate(plumber.pages, start=1):
            layout = page_layout(plumber_page)
            page = page_from_plumber(plumber_page, number, layout)
            plumber_page.close()  # pdfplumber's own path below starts from a fresh parse
            reference = plumber_page.extract_words(**WORD_OPTIONS)
            assert extract_words(layout.chars, **WORD_OPTIONS) == reference, f"page {number}"
            for lean, full in zip(layout.chars, plumber_page.chars, strict=True):
                assert lean == {key: full[key] for key in lean}, f"page {number}"
            assert layout.images == plumber_page.images, f"page {number}"
            assert layout.curves == len(plumber_page.curves), f"page {number}"
            assert (page.width, page.height) == (float(plumber_page.width), float(plumber_page.height))
            assert sorted(w.text for w in page.words) == sorted(w["text"] for w in reference)
            for word in page.words:
                assert page.text[word.start : word.end] == word.text
            plumber_page.close()
            checked += len(reference)
    return checked


@pytest.fixture(scope="module")
def varied(tmp_path_factory) -> Path:
    return varied_pdf(tmp_path_factory.mktemp("lean") / "varied.pdf")


def test_plain_text_pdf_words_equal_pdfplumbers(tmp_path):
    assert assert_same_as_pdfplumber(text_pdf(tmp_path / "agreement.pdf")) > 90


def test_figures_rotated_text_sizes_and_accents_equal_pdfplumbers(varied):
    assert assert_same_as_pdfplumber(varied) > 150
    with pdfplumber.open(str(varied)) as plumber:
        chars = page_layout(plumber.pages[1]).chars
    assert any(not c["upright"] for c in chars), "the rotated line is in the text layer"
    assert any(c["text"] == "K" for c in chars), "text inside the form XObject (LTFigure) is read"


@pytest.mark.parametrize(
    ("mediabox", "cropbox"),
    [
        ((-40, 25, 555.28, 866.89), None),  # non-zero MediaBox origin, both signs
        ((30, 40, 625.28, 881.89), None),
        (None, (50, 100, 500, 800)),  # CropBox inside the MediaBox
        ((20, -30, 615.28, 811.89), (40, 0, 560, 780)),
    ],
)
def test_offset_and_cropped_boxes_equal_pdfplumbers(varied, tmp_path, mediabox, cropbox):
    path = reboxed(varied, tmp_path / "boxed.pdf", mediabox=mediabox, cropbox=cropbox)
    with pdfplumber.open(str(path)) as plumber:
        if mediabox is not None:
            assert plumber.pages[0].mediabox[0] == mediabox[0], "the copy really has the offset MediaBox"
    assert assert_same_as_pdfplumber(path) > 150


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_equal_pdfplumbers(varied, tmp_path, rotation):
    path = reboxed(varied, tmp_path / f"rot{rotation}.pdf", rotation=rotation)
    with pdfplumber.open(str(path)) as plumber:
        assert plumber.pages[0].rotation == rotation
    assert assert_same_as_pdfplumber(path) > 150


def test_rotated_and_offset_page_equals_pdfplumbers(varied, tmp_path):
    path = reboxed(varied, tmp_path / "both.pdf", mediabox=(-40, 25, 555.28, 866.89), rotation=90)
    assert assert_same_as_pdfplumber(path) > 150


@pytest.mark.parametrize("norm", ["NFD", "NFKC"])
def test_unicode_normalisation_is_applied_like_pdfplumber(varied, norm):
    assert assert_same_as_pdfplumber(varied, unicode_norm=norm) > 150
    with pdfplumber.open(str(varied), unicode_norm=norm) as plumber:
        texts = [c["text"] for c in page_layout(plumber.pages[2]).chars]
    if norm == "NFD":
        assert "e\u0301" in texts, "é is decomposed as pdfplumber would"


def test_generated_samples_equal_pdfplumbers(sample_docs):
    pdfs = sorted(sample_docs.glob("*.pdf"))
    assert pdfs, "samples/fixed/docs holds PDFs"
    assert sum(assert_same_as_pdfplumber(path) for path in pdfs) > 1000


def test_real_agreements_equal_pdfplumbers(realdocs):
    pdfs = sorted((realdocs / "pdf").glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert_same_as_pdfplumber(path)


def test_images_and_curves_are_still_found(varied, tmp_path):
    with pdfplumber.open(str(varied)) as plumber:
        first = page_layout(plumber.pages[0])
    assert len(first.images) == 1 and not covered_by_image(first), "a small logo is not a scan"
    assert first.curves == 3 and not nothing_to_ocr(first)  # the logo could hold text
    many = varied_pdf(tmp_path / "outlined.pdf", curves=MAX_CURVES_WITHOUT_TEXT)
    scan = image_pdf(tmp_path / "scan.pdf", page_image(text_pdf(tmp_path / "text.pdf")), dpi=100)
    with pdfplumber.open(str(many)) as plumber, pdfplumber.open(str(scan)) as scanned:
        outlined = page_layout(plumber.pages[0])
        assert outlined.curves == MAX_CURVES_WITHOUT_TEXT == len(plumber.pages[0].curves)
        assert page_layout(plumber.pages[2]).curves == 0 and nothing_to_ocr(page_layout(plumber.pages[2]))
        scanned_layout = page_layout(scanned.pages[0])
    assert covered_by_image(scanned_layout) and not nothing_to_ocr(scanned_layout)
    assert scanned_layout.chars == []


def test_scan_page_is_still_sent_to_ocr_and_text_pages_are_not(tmp_path):
    text = text_pdf(tmp_path / "text.pdf")
    scan = image_pdf(tmp_path / "scan.pdf", page_image(text), dpi=100)
    mixed = pdfium.PdfDocument.new()
    for part in (text, scan, text):
        source = pdfium.PdfDocument(str(part))
        mixed.import_pages(source)
        source.close()
    mixed.save(str(tmp_path / "mixed.pdf"))
    mixed.close()
    engine = RecordingEngine(confidence=0.0)
    document = read_document(tmp_path / "mixed.pdf", engine=engine)
    assert engine.pages == [2]
    assert [p.source for p in document.pages] == ["text_layer", "ocr", "text_layer"]
    assert "NOTA KESEPAHAMAN" in document.pages[2].text


def test_near_empty_digital_page_keeps_its_text_layer_unless_it_has_an_image(tmp_path):
    lines = ["PIHAK PERTAMA", "PIHAK KEDUA"]
    engine = RecordingEngine(confidence=0.0)
    page = read_document(text_pdf(tmp_path / "signatures.pdf", lines), engine=engine).pages[0]
    assert engine.pages == [] and page.source == "text_layer" and "PIHAK KEDUA" in page.text
    pdf = canvas.Canvas(str(tmp_path / "stamp.pdf"), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(60, 800, "Paraf")
    pdf.drawImage(_logo(), 300, 300, width=200, height=100)  # a stamp image OCR might read
    pdf.showPage()
    pdf.save()
    no_skip = ReadOptions(skip_textless=False)  # to OCR (a near-blank page may be skipped)
    assert read_document(tmp_path / "stamp.pdf", engine, no_skip).pages[0].source == "ocr"
    assert engine.pages == [1]
