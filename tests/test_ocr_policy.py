"""Issue 16: the page image OCR reads (resolution predicate), the document's OCR language, pages skipped."""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.text.ocr import TesseractEngine
from pipeline.text.ocrlang import choose_ocr_language, misread_language
from pipeline.text.pageimage import plan_page_image
from pipeline.text.read import ReadOptions, read_document
from pipeline.text.skippage import skip_reason, textless_reason
from tests.docmaker import image_pdf, page_image, text_pdf
from tests.fakes import BlankEngine, RecordingEngine

ID_TEXT = (
    "Para pihak sepakat untuk melaksanakan kerja sama dalam bidang pendidikan dan penelitian yang diatur "
    "dengan ketentuan sebagai berikut. Perjanjian ini berlaku untuk jangka waktu lima tahun dan dapat "
    "diperpanjang atas kesepakatan para pihak. Hak dan kewajiban para pihak akan diatur dalam perjanjian "
    "tersendiri yang merupakan bagian dari nota kesepahaman ini, oleh karena itu pada saat ini adalah sah."
)
EN_TEXT = (
    "The parties agree to cooperate in the fields of education and research as set out in this agreement. "
    "This agreement shall be valid for a period of five years and may be extended by the parties. The rights "
    "and obligations of the parties shall be regulated by a separate agreement which is part of this "
    "memorandum, and any dispute shall be settled by deliberation between the parties to the agreement."
)


# -- resolution ------------------------------------------------------------------------------------


def _scan(dpi: int) -> Image.Image:
    """A blank-ish A4 scan at `dpi` with a dark bar, so it is not all white."""
    size = (round(8.27 * dpi), round(11.69 * dpi))
    image = Image.new("L", size, 255)
    ImageDraw.Draw(image).rectangle((size[0] // 10, size[1] // 10, size[0] // 2, size[1] // 8), fill=0)
    return image


def _plan(path: Path, dpi: int = 300, min_dpi: int = 200, upsample: str = "lanczos"):
    document = pdfium.PdfDocument(str(path))
    try:
        return plan_page_image(document[0], dpi, min_dpi, upsample)
    finally:
        document.close()


@pytest.mark.parametrize(
    ("scan_dpi", "read_dpi", "words"),
    [(72, 300, "raised to 300"), (150, 300, "raised to 300"), (240, 240, "its own resolution"),
     (300, 300, "its own resolution"), (400, 300, "lowered to 300")],
)  # fmt: skip
def test_a_page_that_is_one_scan_is_decoded_at_its_resolution_within_bounds(
    tmp_path, caplog, scan_dpi, read_dpi, words
):
    path = image_pdf(tmp_path / "scan.pdf", _scan(scan_dpi), dpi=scan_dpi)
    with caplog.at_level(logging.INFO, logger="pipeline.text.pageimage"):
        plan = _plan(path)
    assert (plan.method, plan.dpi) == ("decode", read_dpi)
    assert plan.source_dpi == pytest.approx(scan_dpi, abs=1)
    assert words in plan.reason and words in caplog.text  # the decision is logged with its reason


@pytest.mark.parametrize("scan_dpi", [72, 150])
def test_a_scan_under_the_lower_bound_is_rendered_by_pdfium_by_default(tmp_path, scan_dpi):
    path = image_pdf(tmp_path / "scan.pdf", _scan(scan_dpi), dpi=scan_dpi)
    plan = _plan(path, upsample="render")
    assert (plan.method, plan.dpi) == ("render", 300) and f"{scan_dpi} dpi scan under 200 dpi" in plan.reason
    assert _plan(image_pdf(tmp_path / "s.pdf", _scan(240), dpi=240), upsample="render").method == "decode"


def test_the_lower_bound_is_a_setting(tmp_path):
    path = image_pdf(tmp_path / "scan.pdf", _scan(100), dpi=100)
    assert _plan(path, min_dpi=100).dpi == 100
    assert _plan(path, dpi=200, min_dpi=150).dpi == 200


def test_a_text_pdf_and_a_rotated_page_are_rendered(tmp_path):
    assert _plan(text_pdf(tmp_path / "text.pdf")).method == "render"
    path = image_pdf(tmp_path / "scan.pdf", _scan(200), dpi=200)
    document = pdfium.PdfDocument(str(path))
    document[0].set_rotation(90)
    document.save(str(tmp_path / "rotated.pdf"))
    document.close()
    plan = _plan(tmp_path / "rotated.pdf")
    assert plan.method == "render" and "rotated" in plan.reason


def test_a_scan_with_a_margin_is_rendered(tmp_path):
    path = tmp_path / "margin.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    scan = tmp_path / "scan.png"
    _scan(200).save(scan)
    pdf.drawImage(str(scan), 40, 40, A4[0] - 80, A4[1] - 80)
    pdf.save()
    plan = _plan(path)
    assert plan.method == "render" and "uncovered" in plan.reason


def test_the_decoded_scan_reaches_the_engine_at_the_planned_resolution(tmp_path):
    path = image_pdf(tmp_path / "scan.pdf", _scan(240), dpi=240)
    engine = RecordingEngine({1: ID_TEXT})
    read_document(path, engine, ReadOptions(skip_textless=False, decode_scans=True))
    [(_, _, dpi, size)] = engine.calls
    assert dpi == 240 and size == _scan(240).size
    read_document(path, engine, ReadOptions(skip_textless=False))  # the default: rendered as before
    assert engine.calls[1][2:] == (300, page_image(path, dpi=300).size)


# -- language --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "allowed", "expected"),
    [(ID_TEXT, "ind+eng", "ind"), (EN_TEXT, "ind+eng", "eng"),
     (f"{ID_TEXT}\n{EN_TEXT}", "ind+eng", "ind+eng"), ("PIHAK PERTAMA dan PIHAK KEDUA", "ind+eng", None),
     (EN_TEXT, "ind+fra", "ind+fra")],
)  # fmt: skip
def test_ocr_language_from_function_words(text, allowed, expected):
    assert choose_ocr_language(text, allowed)[0] == expected


def test_an_indonesian_page_with_an_english_name_stays_indonesian():
    text = f"{ID_TEXT} Universitas ini bekerja sama dengan The University of Sydney."
    assert choose_ocr_language(text, "ind+eng")[0] == "ind"
    assert not misread_language(text, "ind") and misread_language(EN_TEXT, "ind")


def _text_scans(tmp_path: Path, count: int) -> Path:
    """An image-only PDF of `count` pages (the fake engine supplies their text)."""
    pages = [page_image(text_pdf(tmp_path / f"p{i}.pdf"), dpi=200) for i in range(count)]
    path = tmp_path / "scan.pdf"
    pages[0].save(path, "PDF", resolution=200.0, save_all=True, append_images=pages[1:])
    return path


def test_a_one_language_document_is_read_in_that_language_after_its_first_page(tmp_path):
    engine = RecordingEngine({1: ID_TEXT, 2: ID_TEXT, 3: ID_TEXT})
    document = read_document(
        _text_scans(tmp_path, 3), engine, ReadOptions(page_workers=2, detect_language=True)
    )
    assert [(n, lang) for n, lang, *_ in sorted(engine.calls)] == [(1, "ind+eng"), (2, "ind"), (3, "ind")]
    assert "read in ind (the document's language)" in document.pages[1].notes


def test_a_bilingual_document_keeps_both_languages(tmp_path):
    both = f"{ID_TEXT}\n{EN_TEXT}"
    engine = RecordingEngine({1: both, 2: both})
    read_document(_text_scans(tmp_path, 2), engine, ReadOptions(detect_language=True))
    assert {lang for _, lang, *_ in engine.calls} == {"ind+eng"}


def test_a_page_in_the_other_language_is_read_again_in_both_and_so_is_the_rest(tmp_path):
    engine = RecordingEngine({1: ID_TEXT, 2: EN_TEXT, 3: ID_TEXT})
    document = read_document(
        _text_scans(tmp_path, 3), engine, ReadOptions(page_workers=1, detect_language=True)
    )
    assert [(n, lang) for n, lang, *_ in engine.calls] == [
        (1, "ind+eng"),
        (2, "ind"),
        (2, "ind+eng"),
        (3, "ind+eng"),
    ]
    assert "read again in ind+eng: not in ind alone" in document.pages[1].notes


def test_language_detection_off_or_a_single_configured_language_reads_every_page_in_it(tmp_path):
    path = _text_scans(tmp_path, 2)
    engine = RecordingEngine({1: ID_TEXT, 2: ID_TEXT})
    read_document(path, engine, ReadOptions(detect_language=False))
    assert {lang for _, lang, *_ in engine.calls} == {"ind+eng"}
    engine = RecordingEngine({1: EN_TEXT, 2: EN_TEXT}, lang="ind")
    read_document(path, engine, ReadOptions(detect_language=True))
    assert {lang for _, lang, *_ in engine.calls} == {"ind"}  # KERJASAMA_OCR_LANG is the upper bound


# -- pages without printed text ---------------------------------------------------------------------

CLOSING = (  # 24 words: a short closing paragraph above the signatures
    "Demikian Perjanjian Kerja Sama ini dibuat dalam rangkap dua bermeterai cukup dan mempunyai kekuatan",
    "hukum yang sama setelah ditandatangani oleh para pihak pada tanggal tersebut di atas.",
)


def _signatures(pdf: canvas.Canvas, top: float) -> None:
    """Two handwritten-like signatures and two round stamps, no printed word."""
    for x in (90, 340):
        path = pdf.beginPath()
        path.moveTo(x, top)
        for i in range(6):
            path.curveTo(x + 15 + 30 * i, top + 40, x + 25 + 30 * i, top - 30, x + 40 + 30 * i, top + 5)
        pdf.setLineWidth(1.6)
        pdf.drawPath(path)
        pdf.setLineWidth(3)
        pdf.circle(x + 110, top - 10, 45)
        pdf.circle(x + 110, top - 10, 30)


def _page(path: Path, lines: tuple[str, ...] = (), *, signatures: bool = True, size: int = 11) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", size)
    y = 720
    for line in lines:
        pdf.drawString(60, y, line)
        y -= size * 1.6
    if signatures:
        _signatures(pdf, y - 90)
    pdf.save()
    return path


def _image(path: Path, dpi: int, angle: float = 0.0, specks: bool = False) -> Image.Image:
    image = page_image(path, dpi=dpi)
    if angle:
        image = image.rotate(angle, fillcolor=255, expand=False)
    if specks:  # scanner dust
        draw = ImageDraw.Draw(image)
        for i in range(300):
            x, y = (i * 7919) % image.width, (i * 104729) % image.height
            draw.point((x, y), fill=0)
    return image


@pytest.mark.parametrize("dpi", [100, 200, 300])
def test_blank_and_signature_only_pages_are_skipped(tmp_path, dpi):
    blank = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    assert skip_reason(blank, dpi).startswith("blank page")
    dusty = _image(_page(tmp_path / "blank.pdf", signatures=False), dpi, specks=True)
    assert skip_reason(dusty, dpi) is not None
    signed = _image(_page(tmp_path / "signed.pdf"), dpi)
    assert skip_reason(signed, dpi).startswith("no printed text line")
    assert textless_reason(TesseractEngine(), signed, 1, dpi).startswith("no printed text line")


@pytest.mark.parametrize("dpi", [72, 100, 150, 200, 300])
@pytest.mark.parametrize("angle", [0.0, 2.5, -4.0])
@pytest.mark.parametrize("size", [9, 11])
def test_a_short_closing_paragraph_above_the_signatures_is_never_skipped(tmp_path, dpi, angle, size):
    image = _image(_page(tmp_path / "closing.pdf", CLOSING, size=size), dpi, angle, specks=True)
    assert sum(len(line.split()) for line in CLOSING) > 20
    assert textless_reason(TesseractEngine(), image, 1, dpi) is None


@pytest.mark.parametrize("words", [21, 30])
def test_a_single_line_of_more_than_20_words_is_never_skipped(tmp_path, words):
    line = " ".join(["kerja sama"] * (words // 2 + 1))
    image = _image(_page(tmp_path / "line.pdf", (line[:130],), size=9), 150)
    assert textless_reason(TesseractEngine(), image, 1, 150) is None


@pytest.mark.parametrize("dpi", [100, 200, 300])
def test_the_ink_analysis_alone_finds_the_closing_paragraph_at_common_resolutions(tmp_path, dpi):
    image = _image(_page(tmp_path / "closing.pdf", CLOSING, size=11), dpi, 2.5, specks=True)
    assert textless_reason(BlankEngine(), image, 1, dpi) is None


def test_skipped_pages_are_recorded_with_their_reason_and_flagged(tmp_path):
    text = page_image(text_pdf(tmp_path / "text.pdf"), dpi=200)
    signed = page_image(_page(tmp_path / "signed.pdf"), dpi=200)
    blank = Image.new("L", text.size, 255)
    path = tmp_path / "scan.pdf"
    text.save(path, "PDF", resolution=200.0, save_all=True, append_images=[signed, blank])
    engine = RecordingEngine({1: ID_TEXT})
    document = read_document(path, engine)
    assert [n for n, *_ in engine.calls] == [1, 2]  # page 2 read quickly once: no words, skipped
    assert [p.notes for p in document.pages[1:]] == [
        [document.pages[1].notes[0]],
        [document.pages[2].notes[0]],
    ]
    assert document.pages[1].notes[0].startswith("skipped: no printed text line")
    assert document.pages[1].notes[0].endswith("0 words at low resolution")
    assert document.pages[2].notes[0].startswith("skipped: blank page")
    assert document.ocr_mean_confidence == 0.9  # skipped pages do not count as poorly read

    from datetime import date

    from pipeline.document import build_record
    from pipeline.settings import Settings
    from schemas.record import DocumentInfo

    info = DocumentInfo(sha256="0" * 64, filename="scan.pdf", bytes=1, pages=3, text_source="ocr",
                        ocr_mean_confidence=0.9, pipeline_version="test")  # fmt: skip
    record = build_record(info, document.pages, today=date(2026, 1, 1), settings=Settings())
    [flag] = [f for f in record.flags if f.code == "PAGES_SKIPPED"]
    assert flag.severity == "info" and [e.page for e in flag.evidence] == [2, 3]
    assert "page 2: no printed text line" in flag.message and "page 3: blank page" in flag.message
