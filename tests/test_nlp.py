"""The lean Indonesian tokenizer finds exactly the spans spaCy's full Indonesian tokenizer finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy

from extractors import nlp

FIXED_TRUTH = Path(__file__).resolve().parents[1] / "samples" / "fixed" / "truth"

HYPHENATED = [
    "Masing-masing pihak wajib menjaga kerahasiaan data dan informasi.",
    "PIHAK PERTAMA bertanggung-jawab atas pelaksanaan kegiatan sehari-hari.",
    "Para Pihak secara bersama-sama melakukan evaluasi kegiatan secara berkala.",
    "Kedua belah pihak sewaktu-waktu dapat menunjuk pejabat penghubung masing-masing.",
    "PIHAK KEDUA berkewajiban menyampaikan laporan kemajuan pekerjaan tiga-bulanan.",
    "The Parties shall keep confidential all data, and each Party shall submit a yearly report.",
]


def _spans(language, text: str) -> list[tuple[int, int, str, str]]:
    doc = language(text)
    return [
        (s.start_char, s.end_char, s.label_, key)
        for key in ("obligation_cues", "roles")
        for s in doc.spans[key]
    ]


@pytest.fixture(scope="module")
def full_indonesian():
    """spaCy's own blank Indonesian pipeline with the same rule components."""
    language = spacy.blank("id")
    ruler = language.add_pipe("span_ruler", config={"spans_key": "roles"})
    ruler.add_patterns(nlp._role_patterns())
    language.add_pipe("obligation_cues")
    return language


def _fixed_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(FIXED_TRUTH.glob("*.json")):
        for page in json.loads(path.read_text(encoding="utf-8")).get("pages", []):
            sentences += [s for s in re.split(r"(?<=[.;:])\s+|\n\s*\n", page) if s.strip()]
    return sentences


def test_lean_tokenizer_drops_the_hyphenated_exceptions_it_does_not_need():
    lean = nlp.get_nlp("id")
    full = spacy.blank("id")
    assert len(lean.tokenizer.rules) < len(full.tokenizer.rules) / 10
    assert [t.text for t in lean("masing-masing")] == ["masing", "-", "masing"]
    # an exception that contains a pattern word is kept, so that chunk tokenizes exactly as before
    kept = [k for k in full.tokenizer.rules if "-" in k and "pihak" in k.lower().split("-")]
    assert kept and all(k in lean.tokenizer.rules for k in kept)


def test_lean_and_full_tokenizers_find_the_same_cues_and_roles(full_indonesian):
    lean = nlp.get_nlp("id")
    sentences = HYPHENATED + _fixed_sentences()
    assert len(sentences) > 300
    found = 0
    for sentence in sentences:
        expected = _spans(full_indonesian, sentence)
        assert _spans(lean, sentence) == expected, sentence
        found += len(expected)
    assert found > 100  # the comparison saw real matches, not only empty lists


def test_obligation_cues_on_hyphenated_text():
    assert nlp.obligation_cues(HYPHENATED[0]) == [(20, 25, "DUTY_VERB"), (26, 45, "CONFIDENTIAL")]
    assert nlp.role_mentions("Masing-masing pihak dan PIHAK KEDUA") == [(24, 35, "PIHAK KEDUA")]
