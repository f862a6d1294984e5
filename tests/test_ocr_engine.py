"""How Tesseract is asked to read a page: the options every read carries (the inverted second read of
low-confidence lines off unless `KERJASAMA_OCR_INVERT_RETRY=true`)."""

from __future__ import annotations

import pytest

from pipeline import ocr
from pipeline.document import extract_document
from pipeline.pagecache import _key
from pipeline.settings import load_settings
from tests.docmaker import image_pdf, page_image, text_pdf


@pytest.fixture
def scan(tmp_path):
    return image_pdf(tmp_path / "scan.pdf", page_image(text_pdf(tmp_path / "a.pdf"), dpi=150), dpi=150)


@pytest.fixture
def cli_configs(monkeypatch) -> list[str]:
    """The `config` of every pytesseract read (Tesseract still reads the page)."""
    seen: list[str] = []
    real = ocr.pytesseract.image_to_data

    def recording(image, **kwargs):
        seen.append(kwargs["config"])
        return real(image, **kwargs)

    monkeypatch.setattr(ocr.pytesseract, "image_to_data", recording)
    return seen


@pytest.mark.parametrize(("variable", "inverted_read"), [(None, False), ("false", False), ("true", True)])
def test_the_inverted_second_read_is_off_unless_asked_for(
    scan, cli_configs, monkeypatch, variable, inverted_read
):
    if variable is None:
        monkeypatch.delenv("KERJASAMA_OCR_INVERT_RETRY", raising=False)
    else:
        monkeypatch.setenv("KERJASAMA_OCR_INVERT_RETRY", variable)
    settings = load_settings()
    assert settings.ocr_invert_retry is inverted_read
    text = extract_document(scan, settings=settings).text
    assert "KESEPAHAMAN" in text.pages[0].text
    assert cli_configs, "the page was read by Tesseract"
    for config in cli_configs:
        assert config.startswith("--dpi ")
        assert ("tessedit_do_invert=0" in config) is not inverted_read, config
    # pages read with the inverted read are cached apart from those read without it
    assert ("-invert-" in _key("0" * 64, settings)) is inverted_read


def test_tesseract_config_names_the_invert_variable_only_when_it_is_off():
    assert ocr.tesseract_config(300) == "--dpi 300 -c tessedit_do_invert=0"
    assert ocr.tesseract_config(200, invert_retry=True) == "--dpi 200"
    assert ocr.TesseractEngine().invert_retry is False
