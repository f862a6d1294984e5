"""Issue 7: property tests — extractors on random and mutated agreement text never raise and give values
the record contract accepts; readers given mutated bytes only raise typed errors naming the file; the date
and number-word parsers survive OCR-style damage (extends tests/test_dates.py and tests/test_numwords.py).

CI runs the "ci" profile; `HYPOTHESIS_PROFILE=long` is the long run by hand (docs/RELIABILITY.md)."""

from __future__ import annotations

import datetime
import io
import os

import hostile
from docmaker import AGREEMENT_LINES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract_fields
from extractors.dates import find_dates
from extractors.numwords import format_id_number_words, parse_en_number_words, parse_id_number_words
from pipeline import PIPELINE_VERSION
from pipeline.errors import KerjasamaError
from pipeline.text.read import ReadOptions, read_document
from schemas.pages import Page, Word
from schemas.record import DocumentInfo, Record
from tests.fakes import BlankEngine

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
BASE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")).max_examples
# extractors and readers are ~100x slower than a parser: a share of the profile's examples
EXTRACTOR_RUNS = settings(max_examples=max(20, BASE // 8), suppress_health_check=[HealthCheck.too_slow])
READER_RUNS = settings(max_examples=max(20, BASE // 4), suppress_health_check=[HealthCheck.too_slow])

AGREEMENT = (
    "\n".join(AGREEMENT_LINES)
    + "\n"
    + "\n".join(
        [
            "Pasal 3 HAK DAN KEWAJIBAN",
            "PIHAK KESATU berkewajiban menyediakan narasumber.",
            "PIHAK KEDUA wajib menyediakan tempat pelatihan.",
            "Pasal 4 RENCANA KERJA",
            "Rencana kerja akan disusun kemudian oleh PARA PIHAK.",
            "Ditandatangani di Bandung pada tanggal 8 November 2023.",
        ]
    )
)
OCR_CONFUSIONS = {"o": "0", "O": "0", "l": "1", "I": "1", "e": "c", "a": "o", "s": "5", "B": "8", " ": ""}
edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.sampled_from(["delete", "confuse", "newline", "upper", "junk"])),
    max_size=25,
)


def mutate(text: str, changes: list[tuple[int, str]]) -> str:
    chars = list(text)
    for position, kind in changes:
        if not chars:
            break
        i = position % len(chars)
        if kind == "delete":
            del chars[i]
        elif kind == "confuse":
            chars[i] = OCR_CONFUSIONS.get(chars[i], chars[i])
        elif kind == "newline":
            chars.insert(i, "\n")
        elif kind == "upper":
            chars[i] = chars[i].swapcase()
        else:
            chars.insert(i, "~|¦«»\x0c\u200b"[position % 7])
    return "".join(chars)


def page_of(text: str, number: int = 1, ocr: bool = False) -> Page:
    words, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isspace() and start is not None:
            words.append(Word(text[start:i], start, i, (float(start), 0.0, float(i), 10.0), 0.5))
            start = None
        elif not ch.isspace() and start is None:
            start = i
    return Page(number, text, "ocr" if ocr else "text_layer", words, 0.5 if ocr else None)


def assert_valid_record(pages: list[Page]) -> None:
    fields = extract_fields(pages)
    info = DocumentInfo(
        sha256="0" * 64, filename="fuzz.pdf", bytes=1, pages=len(pages), text_source="text_layer",
        pipeline_version=PIPELINE_VERSION,
    )  # fmt: skip
    record = Record(document=info, **fields)
    Record.model_validate(record.to_json_dict())  # the JSON contract holds too
    for field in (
        record.title,
        record.signing_date,
        record.effective_date,
        record.expiry_date,
        *record.parties,
    ):
        assert 0.0 <= field.confidence <= 1.0
        for evidence in field.evidence:
            assert 1 <= evidence.page <= len(pages) and 0 <= evidence.start <= evidence.end
    for value in (record.signing_date.value, record.effective_date.value, record.expiry_date.value):
        assert value is None or datetime.date.fromisoformat(value)


@EXTRACTOR_RUNS
@given(st.lists(st.text(max_size=400), min_size=1, max_size=3))
def test_extractors_on_random_text(texts: list[str]) -> None:
    assert_valid_record([page_of(text, n) for n, text in enumerate(texts, 1)])


@EXTRACTOR_RUNS
@given(changes=edits, split=st.integers(0, 2000), ocr=st.booleans())
def test_extractors_on_mutated_agreements(changes: list[tuple[int, str]], split: int, ocr: bool) -> None:
    text = mutate(AGREEMENT, changes)
    cut = split % (len(text) + 1)
    assert_valid_record([page_of(text[:cut], 1, ocr), page_of(text[cut:], 2, ocr)])


def _valid_inputs() -> dict[str, bytes]:
    from PIL import Image

    folder = hostile.Path(hostile.tempfile.mkdtemp(prefix="kerjasama-fuzz-"))
    png = io.BytesIO()
    Image.new("L", (60, 40), 255).save(png, "PNG")
    return {
        "agreement.pdf": hostile.agreement(folder / "a.pdf").read_bytes(),
        "scan.png": png.getvalue(),
        "scan.tiff": hostile.small_tiff_bytes(pages=2),
        "agreement.docx": hostile.docx_bytes(),
    }


VALID = _valid_inputs()


@READER_RUNS
@given(
    name=st.sampled_from(sorted(VALID)),
    flips=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 1 << 20)),
)
def test_readers_on_mutated_bytes_raise_only_typed_errors(tmp_path_factory, name, flips, cut) -> None:
    data = bytearray(VALID[name])
    for position, value in flips:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    path = tmp_path_factory.mktemp("mutated") / name
    path.write_bytes(bytes(data))
    try:
        document = read_document(path, BlankEngine(), ReadOptions(dpi=72, max_pages=5))
    except KerjasamaError as exc:
        assert str(exc).startswith(f"{name}: ")
    else:
        assert all(isinstance(page.text, str) for page in document.pages)


@given(
    d=st.dates(datetime.date(1950, 1, 1), datetime.date(2090, 12, 31)),
    changes=edits,
    pad=st.text(max_size=80),
)
def test_dates_in_damaged_text_keep_exact_spans(d: datetime.date, changes, pad: str) -> None:
    text = pad + mutate(f"tanggal {d.day} {d:%B} {d.year} dan {d:%d-%m-%Y}", changes) + pad
    for match in find_dates(text):
        assert text[match.start : match.end] == match.text and 1945 <= match.value.year <= 2100


@given(n=st.integers(0, 999_999_999), changes=edits)
def test_number_words_survive_ocr_damage(n: int, changes) -> None:
    words = mutate(format_id_number_words(n), changes)
    for parse in (parse_id_number_words, parse_en_number_words):
        value = parse(words)
        assert value is None or (isinstance(value, int) and value >= 0)


@given(n=st.integers(1, 999_999), sep=st.sampled_from([" ", "  ", "\n", " - ", "-"]))
def test_id_number_words_with_odd_separators(n: int, sep: str) -> None:
    value = parse_id_number_words(format_id_number_words(n).replace(" ", sep))
    assert value is None or value == n
