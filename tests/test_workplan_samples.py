"""The generator's newer workplan shapes (samples/workplan_shapes.py): staged programmes as numbered text,
more promises of a plan and more bare references; labelled by the realdocs conventions and read back by
the workplan extractor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors.normalise import build_doctext
from extractors.segment import segment
from extractors.workplan import extract_workplan
from samples.generate import generate_corpus, generate_document
from samples.labels import validate_label
from samples.workplan_shapes import BARE_ID, PROMISES_EN, PROMISES_ID, STAGE_STYLES
from schemas.pages import Page


def _doc(tmp_path: Path, kind: str, opts: dict) -> tuple[dict, list[str]]:
    opts = {"trap_title": False, **opts}
    generate_document(tmp_path, "x", 11, "clean", kind, "text-pdf", opts=opts)
    label = json.loads((tmp_path / "labels" / "x.json").read_text())
    pages = json.loads((tmp_path / "truth" / "x.json").read_text())["pages"]
    assert validate_label(label) == []
    return label, pages


def _read(pages: list[str]) -> str | None:
    doc = build_doctext([Page(number=i + 1, text=t, source="text_layer") for i, t in enumerate(pages)])
    return extract_workplan(doc, segment(doc.text)).value


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("place", ["body", "annex"])
@pytest.mark.parametrize("style", STAGE_STYLES)
@pytest.mark.parametrize("kind", ["pks", "mou_en", "bilingual"])
def test_a_staged_programme_is_numbered_text_labelled_and_read_detailed(
    tmp_path: Path, kind: str, style: str, place: str
) -> None:
    opts = {"workplan": "detailed", "annex": "stages", "stage_style": style, "stage_place": place}
    label, pages = _doc(tmp_path, kind, opts)
    assert label["workplan_detail"] == "detailed" and label["has_workplan"] is True
    assert "staged programme" in label["notes"]
    text = "\n".join(pages)
    assert re.search(r"^\s*1\.\s", text, re.M) and re.search(r"^\s*2\.\s", text, re.M)  # numbered stages
    assert not re.search(r"Kegiatan\s+Waktu|Activity\s+Time", text)  # no plan table
    if place == "annex":
        assert re.search(r"^(LAMPIRAN|ANNEX)$", pages[-1], re.M)
    assert _read(pages) == "detailed"


@pytest.mark.parametrize("promise", range(1, len(PROMISES_ID) + 1))
@pytest.mark.parametrize("kind", ["pks", "mou_en"])
def test_newer_promises_are_labelled_and_read_mentioned(tmp_path: Path, kind: str, promise: int) -> None:
    label, pages = _doc(tmp_path, kind, {"workplan": "mentioned", "promise": promise})
    phrase = (PROMISES_EN if kind == "mou_en" else PROMISES_ID)[promise - 1].split("{doc}")[-1][:30]
    assert label["workplan_detail"] == "mentioned" and phrase.strip() in _flat(" ".join(pages))
    assert _read(pages) == "mentioned"


@pytest.mark.parametrize("bare", range(1, len(BARE_ID) + 1))
@pytest.mark.parametrize("kind", ["mou", "mou_en"])
def test_newer_bare_references_are_labelled_and_read_none(tmp_path: Path, kind: str, bare: int) -> None:
    label, pages = _doc(tmp_path, kind, {"workplan": "none", "bare": bare})
    assert label["workplan_detail"] == "none" and "Bare reference" in label["notes"]
    assert _read(pages) == "none"


def test_a_corpus_draws_the_newer_workplan_shapes(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 60, 31, "clean")
    notes = [json.loads(p.read_text())["notes"] for p in (tmp_path / "labels").glob("*.json")]
    assert any("staged programme" in n for n in notes)
    assert any("promise" in n for n in notes) and any("Bare reference" in n for n in notes)
