"""Puts an agreement together in its language: Indonesian, English, or side-by-side bilingual."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from random import Random

from samples.blocks import Block, Composed
from samples.compose_en import annex, compose_en
from samples.compose_id import DOC_NAMES, compose_id, head_blocks, signature_blocks
from samples.spec import Spec


@dataclass
class Assembled:
    """The full block sequence of a document and its gold strings (taken from the governing text)."""

    blocks: list[Block]
    gold: Composed
    english_title: str | None


def _bilingual(spec: Spec, rng: Random) -> Assembled:
    ind, eng = compose_id(spec, rng), compose_en(spec, rng)
    titles = [b for b in ind.head if b.kind == "title"]
    if spec.shapes.cover:
        titles = titles[: len(titles) // 2]  # compose_id repeats the title after its cover page
    eng_titles = [b for b in eng.head if b.kind == "title"]
    eng_titles = eng_titles[: len(eng_titles) // 2] if spec.shapes.cover else eng_titles
    head = head_blocks(spec, titles + [Block("gap")] + eng_titles, "Nomor/Number:", "TAHUN")
    pairs = [
        Block("pair", left=[a] if a else [], right=[b] if b else [])
        for left, right in zip(ind.sections, eng.sections, strict=True)
        for a, b in zip_longest(_merge_headings(left), _merge_headings(right))
    ]
    roles = [f"{spec.role(i)} / {spec.role(i, True)}" for i in range(len(spec.parties))]
    sign = signature_blocks(
        spec, roles, [p.position.upper() for p in spec.parties], "Ditandatangani di {place}, {date}"
    )
    blocks = head + pairs + sign + annex(spec, False, _annex_title(spec, False))
    return Assembled(blocks, ind, eng.title)


def _merge_headings(blocks: list[Block]) -> list[Block]:
    """Joins 'Pasal 2' + 'RUANG LINGKUP' into one heading so the two columns stay aligned."""
    out: list[Block] = []
    for b in blocks:
        if b.kind == "heading" and out and out[-1].kind == "heading":
            out[-1] = Block("heading", f"{out[-1].text} {b.text}")
        else:
            out.append(b)
    return out


def _annex_title(spec: Spec, en: bool) -> str:
    name = "Memorandum of Understanding" if en else DOC_NAMES.get(spec.kind, "Nota Kesepahaman")
    number = next((p.number for p in spec.parties if p.number), None)
    if number is None:
        return name
    return f"{name} {'Number' if en else 'Nomor'} {number}"


def assemble(spec: Spec, rng: Random) -> Assembled:
    """Blocks in reading order for `spec`, plus the gold strings."""
    if spec.language == "id+en":
        return _bilingual(spec, rng)
    en = spec.language == "en"
    comp = compose_en(spec, rng) if en else compose_id(spec, rng)
    blocks = comp.head + [b for s in comp.sections for b in s] + comp.tail
    return Assembled(blocks + annex(spec, en, _annex_title(spec, en)), comp, None)
