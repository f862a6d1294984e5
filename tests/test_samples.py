"""Tests for the synthetic agreement generator and the committed fixed sample set."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from samples.generate import generate_corpus, generate_document
from samples.labels import LABEL_KEYS, validate_label
from samples.words import add_months, spelled_opening_id, terbilang, written_forms

FIXED = Path(__file__).resolve().parents[1] / "samples" / "fixed"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _check_against_truth(label: dict, pages: list[str]) -> list[str]:
    """Gold strings that do not occur in the true text (whitespace-insensitive)."""
    text = _flat(" ".join(pages))
    wanted = [label["title"], *label["numbers"], *label["scope"]]
    wanted += [p["name"] for p in label["parties"]] + [p["representative"] for p in label["parties"]]
    wanted += [p["position"] for p in label["parties"]] + [o["text"] for o in label["obligations"]]
    wanted += [label["duration_text"]] if label["duration_text"] else []
    wanted += [label["parent_agreement"]] if label.get("parent_agreement") else []
    missing = [w for w in wanted if _flat(w) not in text]
    forms = written_forms(date.fromisoformat(label["signing_date"]))
    if not any(f in text for f in forms):
        missing.append(f"signing date {label['signing_date']}")
    if label.get("parent_agreement") in label["numbers"]:
        missing.append("parent agreement number listed among the document's own numbers")
    return missing


def _corpus(root: Path) -> list[tuple[str, dict, list[str]]]:
    out = []
    for lab in sorted((root / "labels").glob("*.json")):
        truth = json.loads((root / "truth" / lab.name).read_text(encoding="utf-8"))
        out.append((lab.stem, json.loads(lab.read_text(encoding="utf-8")), truth["pages"]))
    return out


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    for profile in ("clean",):
        a = generate_corpus(tmp_path / f"a-{profile}", 6, 11, profile)
        b = generate_corpus(tmp_path / f"b-{profile}", 6, 11, profile)
        assert [p.name for p in a] == [p.name for p in b]
        for sub in ("docs", "labels", "truth"):
            for fa in sorted((tmp_path / f"a-{profile}" / sub).iterdir()):
                fb = tmp_path / f"b-{profile}" / sub / fa.name
                assert fa.read_bytes() == fb.read_bytes(), fa.name


@pytest.mark.parametrize(
    ("fmt", "profile"),
    [("docx", "clean"), ("tiff", "poor"), ("mixed-pdf", "office"), ("scan-pdf", "poor"), ("jpg", "poor")],
)
def test_each_format_is_reproducible(tmp_path: Path, fmt: str, profile: str) -> None:
    kind = "addendum" if fmt == "jpg" else "pks"
    a = generate_document(tmp_path / "a", "x", 3, profile, kind, fmt, max_dpi=100)
    b = generate_document(tmp_path / "b", "x", 3, profile, kind, fmt, max_dpi=100)
    assert a.read_bytes() == b.read_bytes()
    truth = json.loads((tmp_path / "a" / "truth" / "x.json").read_text())["pages"]
    assert _check_against_truth(json.loads((tmp_path / "a" / "labels" / "x.json").read_text()), truth) == []


def test_different_seeds_differ(tmp_path: Path) -> None:
    a = generate_corpus(tmp_path / "a", 1, 1, "clean")[0]
    b = generate_corpus(tmp_path / "b", 1, 2, "clean")[0]
    assert a.read_bytes() != b.read_bytes()


@pytest.mark.parametrize("seed", [5, 6])
def test_labels_agree_with_true_text(tmp_path: Path, seed: int) -> None:
    generate_corpus(tmp_path, 10, seed, "clean")
    for stem, label, pages in _corpus(tmp_path):
        assert validate_label(label) == [], stem
        assert _check_against_truth(label, pages) == [], stem


def test_output_layout(tmp_path: Path) -> None:
    docs = generate_corpus(tmp_path, 5, 9, "clean")
    assert len(docs) == 5
    for doc in docs:
        assert (tmp_path / "labels" / f"{doc.stem}.json").exists()
        assert (tmp_path / "truth" / f"{doc.stem}.json").exists()
    assert {json.loads(p.read_text())["variant"].split("/")[0] for p in (tmp_path / "labels").iterdir()} == {
        "mou",
        "pks",
        "addendum",
        "mou_en",
        "bilingual",
    }


def test_fixed_set_labels_are_valid_and_match_truth() -> None:
    corpus = _corpus(FIXED)
    assert 10 <= len(corpus) <= 16
    docs = {p.stem for p in (FIXED / "docs").iterdir()}
    for stem, label, pages in corpus:
        assert stem in docs
        assert set(LABEL_KEYS) <= set(label), stem
        assert validate_label(label) == [], stem
        assert _check_against_truth(label, pages) == [], stem


def test_fixed_set_covers_every_variant_and_stays_small() -> None:
    labels = [json.loads(p.read_text()) for p in (FIXED / "labels").glob("*.json")]
    kinds = {lab["variant"].split("/")[0] for lab in labels}
    formats = {lab["variant"].split("/")[1] for lab in labels}
    assert kinds == {"mou", "pks", "addendum", "mou_en", "bilingual"}
    assert formats == {"text-pdf", "scan-pdf", "mixed-pdf", "tiff", "jpg", "docx"}
    assert {lab["workplan_detail"] for lab in labels} == {"none", "mentioned", "detailed"}
    assert any(len(lab["parties"]) >= 3 for lab in labels)
    assert sum(p.stat().st_size for p in (FIXED / "docs").iterdir()) < 3_500_000


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (8, "delapan"),
        (11, "sebelas"),
        (24, "dua puluh empat"),
        (2023, "dua ribu dua puluh tiga"),
        (115, "seratus lima belas"),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_opening_weekday_is_correct_and_months_add_on_same_day() -> None:
    assert spelled_opening_id(date(2023, 11, 8)).startswith("Rabu tanggal delapan bulan November")
    assert add_months(date(2021, 5, 18), 36) == date(2024, 5, 18)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
