"""Issue 7: limits — a hung OCR page becomes a recorded partial result, pages are rendered and OCR'd at most
`page_workers` at a time, oversized pages are rendered smaller, the page cap defaults to 300."""

from __future__ import annotations

import os
import time

import hostile
import pytest

from pipeline.intake.stages import claim_ready
from pipeline.run import default_extract, process_claimed
from pipeline.settings import Settings
from pipeline.text.read import MAX_OCR_PIXELS, ReadOptions, read_document
from tests.fakes import OverlapCounter


@pytest.mark.timeout(120)
def test_hung_ocr_page_is_a_recorded_partial_result(settings, store, tmp_path, monkeypatch):
    import pytesseract

    command, pids = hostile.hung_tesseract(tmp_path / "bin")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(command))
    settings.ocr_timeout = 1.0
    hostile.mixed_pdf(settings.intake_dir / "mixed.pdf", scan_pages={2})
    [claimed], _ = claim_ready(settings)
    started = time.monotonic()
    outcome = process_claimed(claimed, store, settings, default_extract(settings))
    assert time.monotonic() - started < 30, "the batch must not wait for a hung Tesseract"
    assert outcome.outcome == "processed", outcome
    record = store.find_record(outcome.sha256 or "").record
    assert record["review"]["needs_review"] is True
    reasons = [r for r in record["review"]["reasons"] if r.startswith("partial:")]
    assert reasons == ["partial: mixed.pdf: page 2: Tesseract timed out after 1.0s on page 2"]
    pages = store.load_pages(outcome.sha256 or "")
    assert [(p.number, p.source) for p in pages] == [(1, "text_layer"), (2, "ocr"), (3, "text_layer")]
    assert "KESEPAHAMAN" in pages[0].text and "KESEPAHAMAN" in pages[2].text and pages[1].text == ""
    assert record["title"]["value"], "the intact pages are still extracted"
    for pid in map(int, pids.read_text().split()):  # the hung process was killed and reaped
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_pages_are_rendered_and_ocrd_page_workers_at_a_time(tmp_path, workers):
    path = hostile.mixed_pdf(tmp_path / "scan-30.pdf", scan_pages=set(range(1, 31)), pages=30)
    engine = OverlapCounter()
    # the fake reads one word a page: without skip_textless=False its pages would be skipped as text-less
    options = ReadOptions(dpi=72, page_workers=workers, max_pages=300, skip_textless=False)
    document = read_document(path, engine, options)
    assert [p.number for p in document.pages] == list(range(1, 31)) and len(engine.pixels) == 30
    assert engine.max_running <= workers and engine.max_alive <= workers
    assert workers == 1 or engine.max_running > 1, "pages of one document do run in parallel"


def test_oversized_pdf_page_is_rendered_under_the_pixel_limit(tmp_path):
    """A 200 x 200 inch page (PDF's maximum) would be 3.6 Gpx at 300 dpi: it is rendered at a lower dpi."""
    path = hostile.mixed_pdf(tmp_path / "poster.pdf", scan_pages={1}, pages=1, page_size=(14400, 14400))
    engine = OverlapCounter()
    read_document(path, engine, ReadOptions(dpi=300))
    assert engine.pixels and engine.pixels[0] <= MAX_OCR_PIXELS


def test_page_cap_defaults_to_300(monkeypatch):
    monkeypatch.delenv("KERJASAMA_MAX_PAGES", raising=False)
    assert Settings().max_pages == 300 and ReadOptions().max_pages == 300
