"""How Tesseract is asked to read a page: the options every read carries (the inverted second read of
low-confidence lines off unless `KERJASAMA_OCR_INVERT_RETRY=true`), and libtesseract in this process
(`pipeline/text/tessapi.py`) giving what the `tesseract` command gives."""

from __future__ import annotations

import ctypes
from dataclasses import replace

import pytest

from pipeline.document import extract_document
from pipeline.quality.pagecache import _key
from pipeline.settings import load_settings
from pipeline.text import ocr
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


@pytest.fixture
def api_inverts(monkeypatch) -> list[bool]:
    """The `invert_retry` of every in-process read (Tesseract still reads the page)."""
    from pipeline.text import tessapi

    seen: list[bool] = []
    real = tessapi.image_to_data

    def recording(image, lang, dpi, **kwargs):
        seen.append(kwargs["invert_retry"])
        return real(image, lang, dpi, **kwargs)

    monkeypatch.setattr(tessapi, "image_to_data", recording)
    return seen


@pytest.mark.parametrize("in_process", ["true", "false"])
@pytest.mark.parametrize(("variable", "inverted_read"), [(None, False), ("false", False), ("true", True)])
def test_the_inverted_second_read_is_off_unless_asked_for(
    scan, cli_configs, api_inverts, monkeypatch, variable, inverted_read, in_process
):
    if variable is None:
        monkeypatch.delenv("KERJASAMA_OCR_INVERT_RETRY", raising=False)
    else:
        monkeypatch.setenv("KERJASAMA_OCR_INVERT_RETRY", variable)
    monkeypatch.setenv("KERJASAMA_OCR_IN_PROCESS", in_process)
    settings = load_settings()
    assert settings.ocr_invert_retry is inverted_read
    text = extract_document(scan, settings=settings).text
    assert "KESEPAHAMAN" in text.pages[0].text
    if in_process == "true":
        assert api_inverts and not cli_configs, "the page was read by libtesseract"
        assert set(api_inverts) == {inverted_read}
    else:
        assert cli_configs and not api_inverts, "the page was read by the tesseract command"
    for config in cli_configs:
        assert config.startswith("--dpi ")
        assert ("tessedit_do_invert=0" in config) is not inverted_read, config
    # pages read with the inverted read are cached apart from those read without it
    assert ("-invert-" in _key("0" * 64, settings)) is inverted_read


def test_tesseract_config_names_the_invert_variable_only_when_it_is_off():
    assert ocr.tesseract_config(300) == "--dpi 300 -c tessedit_do_invert=0"
    assert ocr.tesseract_config(200, invert_retry=True) == "--dpi 200"
    assert ocr.TesseractEngine().invert_retry is False


# --- Tesseract in this process (pipeline/text/tessapi.py) -------------------------------------------------

LANGUAGE_LINE = (
    "Tesseract language 'xyz' is not installed: apt-get install tesseract-ocr-xyz or fix KERJASAMA_OCR_LANG"
)


def words(page) -> list[tuple]:
    return [(w.text, w.start, w.end, w.bbox, w.conf) for w in page.words]


@pytest.fixture(scope="module")
def page_300(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    return page_image(text_pdf(folder / "a.pdf"), dpi=300)


@pytest.fixture
def no_command(monkeypatch):
    """The in-process path must not run the tesseract command for a page."""

    def refuse(*args, **kwargs):
        raise AssertionError("the tesseract command was run")

    monkeypatch.setattr(ocr.pytesseract, "image_to_data", refuse)


def test_the_library_loads_and_is_the_default(page_300):
    from pipeline.text import tessapi

    assert tessapi.library() is not None, "libtesseract.so.5 is installed with Debian's tesseract-ocr"
    assert ocr.TesseractEngine().reads_in_process()
    assert not ocr.TesseractEngine(in_process=False).reads_in_process()


@pytest.mark.parametrize("invert_retry", [False, True])
@pytest.mark.parametrize("dpi", [300, 150])
def test_in_process_reads_the_same_words_boxes_and_confidences_as_the_command(
    tmp_path, page_300, monkeypatch, dpi, invert_retry
):
    image = page_300 if dpi == 300 else page_image(text_pdf(tmp_path / "a.pdf"), dpi=dpi)
    options = dict(correct_orientation=False, correct_skew=False, invert_retry=invert_retry)
    command = ocr.TesseractEngine(in_process=False, **options).ocr_page(image, 1, dpi)
    with monkeypatch.context() as patch:
        patch.setattr(ocr.pytesseract, "image_to_data", None)  # any use of the command fails
        engine = ocr.TesseractEngine(**options)
        inside = engine.ocr_page(image, 1, dpi)
        again = engine.ocr_page(image, 1, dpi)  # the same API, reused
    assert "KESEPAHAMAN" in inside.text and len(inside.words) > 50
    assert inside.text == command.text and words(inside) == words(command)
    assert words(again) == words(inside) and inside.mean_confidence == command.mean_confidence


def test_in_process_sets_the_command_options_on_its_api(page_300, no_command):
    from pipeline.text import tessapi

    lib = tessapi.library()
    get_int, get_bool = lib.cdll.TessBaseAPIGetIntVariable, lib.cdll.TessBaseAPIGetBoolVariable
    for fn in (get_int, get_bool):
        fn.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    for invert in (False, True):
        tessapi.image_to_data(page_300.reduce(3), "eng", 100, invert_retry=invert)
        with tessapi.api_for(lib, "eng") as api:  # the idle API the read just gave back
            value = ctypes.c_int()
            assert get_int(api, b"user_defined_dpi", ctypes.byref(value)) and value.value == 100
            assert get_int(api, b"tessedit_pageseg_mode", ctypes.byref(value)) and value.value == 3
            assert get_bool(api, b"tessedit_do_invert", ctypes.byref(value)) and value.value == invert


def test_in_process_a_missing_language_is_the_same_environment_error(page_300, monkeypatch, no_command):
    from pipeline.errors import OcrLanguageMissingError
    from pipeline.text import tessapi

    for lang in ("xyz", "eng+xyz"):
        with pytest.raises(OcrLanguageMissingError) as caught:  # the check before any read
            ocr.TesseractEngine(lang=lang).ocr_page(page_300, 1, 300)
        assert caught.value.line() == LANGUAGE_LINE
    # and the library's own failure to load it, without that check, says the same
    monkeypatch.setattr(ocr, "require_languages", lambda lang: None)
    for lang in ("xyz", "eng+xyz", "xyz+eng"):
        with pytest.raises(OcrLanguageMissingError) as caught:
            ocr.TesseractEngine(lang=lang, correct_orientation=False).quick_page(page_300, 1, 300)
        assert caught.value.line() == LANGUAGE_LINE, lang
    assert ("xyz", tessapi.data_folder()) not in tessapi._IDLE or not tessapi._IDLE[("xyz", "")]


def test_in_process_deadline_fails_the_page_as_a_timeout_and_the_api_reads_on(page_300, no_command):
    import time

    from pipeline.errors import OcrError

    engine = ocr.TesseractEngine(correct_orientation=False, correct_skew=False)
    full = engine.ocr_page(page_300, 1, 300)  # the API initialised, a full read for scale
    started = time.process_time()
    late = replace(engine, timeout=0.05)
    with pytest.raises(OcrError, match=r"^Tesseract timed out after 0.05s on page 7$"):
        late.ocr_page(page_300, 7, 300)
    assert time.process_time() - started < 0.6, "the deadline stopped the read"
    assert words(replace(engine, timeout=60).ocr_page(page_300, 1, 300)) == words(full)


def test_in_process_pages_read_at_once_in_threads_each_have_their_api(page_300, no_command):
    from concurrent.futures import ThreadPoolExecutor

    from pipeline.text import tessapi

    engine = ocr.TesseractEngine(lang="ind", correct_orientation=False, correct_skew=False, slots=None)
    image = page_300.reduce(2)
    reference = words(engine.ocr_page(image, 1, 150))
    with ThreadPoolExecutor(3) as pool:
        pages = list(pool.map(lambda n: engine.ocr_page(image, n, 150), range(6)))
    assert all(words(page) == reference for page in pages)
    assert 1 <= len(tessapi._IDLE[("ind", tessapi.data_folder())]) <= 3


def test_without_the_library_pages_are_read_by_the_command_and_the_log_says_why(
    page_300, monkeypatch, caplog, cli_configs
):
    import logging

    from pipeline.text import tessapi

    monkeypatch.setattr(tessapi, "LIBRARY_NAMES", ("libtesseract-absent.so.5",))
    monkeypatch.setattr(tessapi.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(tessapi, "_LIBRARY", [])
    engine = ocr.TesseractEngine(correct_orientation=False)
    with caplog.at_level(logging.WARNING, logger="pipeline.text.tessapi"):
        page = engine.ocr_page(page_300.reduce(2), 1, 150)
        engine.ocr_page(page_300.reduce(2), 2, 150)
    assert "KESEPAHAMAN" in page.text and len(cli_configs) == 2
    [line] = [r.getMessage() for r in caplog.records if r.name == "pipeline.text.tessapi"]
    assert "libtesseract cannot be loaded (libtesseract-absent.so.5:" in line
    assert "read by running the tesseract command" in line


def test_in_process_tesseracts_messages_go_nowhere_not_to_stderr(page_300, no_command):
    from pipeline.text import tessapi

    lib = tessapi.library()
    get_string = lib.cdll.TessBaseAPIGetStringVariable
    get_string.argtypes, get_string.restype = [ctypes.c_void_p, ctypes.c_char_p], ctypes.c_char_p
    tessapi.image_to_data(page_300.reduce(3), "eng", 100, invert_retry=False)
    with tessapi.api_for(lib, "eng") as api:  # 'Detected 7 diacritics' and the like: not on the terminal
        assert get_string(api, b"debug_file") == b"/dev/null"
