"""Linking speed: 1,000 generated documents (MoUs and the PKS/addenda citing them) linked in under 10 s."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from random import Random

from sqlalchemy import select

from benchmarks.common import print_table, wait_for_quiet, write_results
from benchmarks.search import page_lines
from pipeline.store.database import Store
from pipeline.store.links import relink_all
from pipeline.store.models import Link
from samples.compose import assemble
from samples.spec import make_spec
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Record

NAME = "links"
TARGET_S = 10.0
LINES_PER_PAGE = 22
CHILD_KINDS = (("pks", "PKS"), ("addendum", "addendum"))


def _document(n: int, kind: str, doc_type: str, rng: Random, parent: str | None, cite_field: bool):
    spec = make_spec(rng, kind)
    if parent is not None:
        spec.parent_number = parent  # printed in the recitals ('... Nota Kesepahaman Nomor <parent>')
    lines = page_lines(assemble(spec, rng).blocks)
    chunks = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    pages = [Page(i, "\n".join(chunk), "ocr", [], 0.9) for i, chunk in enumerate(chunks, 1)]
    info = DocumentInfo(
        sha256=f"{n:064x}", filename=f"{doc_type.lower()}-{n:04d}.pdf", bytes=1, pages=len(pages),
        text_source="ocr", pipeline_version="bench",
    )  # fmt: skip
    field = ExtractedField[str]
    own = [p.number for p in spec.parties if p.number]
    record = Record(
        document=info,
        doc_type=field(value=doc_type, confidence=0.9),
        numbers=[field(value=number, confidence=0.9) for number in own],
        parent_agreement=field(value=parent if cite_field else None, confidence=0.8),
    )
    return record, pages, own


def corpus(count: int, seed: int) -> tuple[list[tuple[Record, list[Page]]], dict[str, str]]:
    """Half MoUs, half PKS/addenda each citing one stored MoU (half through `parent_agreement`, half only
    in the text); returns the documents in a shuffled arrival order and the expected child -> parent."""
    rng = Random(f"kerjasama-links-bench/{seed}")
    docs, expected, mou_numbers = [], {}, []
    for n in range(count // 2):
        record, pages, own = _document(n, "mou", "MoU", rng, None, False)
        docs.append((record, pages))
        mou_numbers += [(record.document.sha256, number) for number in own[:1]]
    for n in range(count // 2, count):
        parent_sha, number = rng.choice(mou_numbers)
        kind, doc_type = CHILD_KINDS[n % 2]
        record, pages, _ = _document(n, kind, doc_type, rng, number, cite_field=n % 4 < 2)
        docs.append((record, pages))
        expected[record.document.sha256] = parent_sha
    rng.shuffle(docs)  # children often arrive before their MoU
    return docs, expected


def run(args: argparse.Namespace) -> dict:
    docs, expected = corpus(args.link_docs, args.seed)
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-links-"))
    try:
        store = Store(f"sqlite:///{work / 'links.db'}")
        quiet = wait_for_quiet(args.max_load, args.wait)
        start = time.perf_counter()
        for record, pages in docs:
            store.save(record, pages)
        save_s = time.perf_counter() - start
        start = time.perf_counter()
        total = relink_all(store)
        relink_s = time.perf_counter() - start
        with store.sessions() as session:
            links = list(session.scalars(select(Link)))
        found = {(row.child_sha256, row.parent_sha256) for row in links}
        unmarked = sum(
            1
            for row in links
            if expected.get(row.child_sha256) != row.parent_sha256 and "candidates" not in row.evidence
        )
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    right = sum(1 for child, parent in expected.items() if (child, parent) in found)
    rows = [
        ["save every document (links made on each save)", round(save_s, 2), len(docs)],
        ["relink_all (every document's numbers and links again)", round(relink_s, 2), len(docs)],
    ]
    print_table(f"Linking {len(docs)} documents ({len(expected)} citing an MoU)", ["step", "s", "docs"], rows)
    print(
        f"  links {total}: {right} of {len(expected)} expected found, {len(found) - right} other "
        f"({unmarked} of them not marked ambiguous: the generator gives some MoUs the same number)"
    )
    payload = {
        "documents": len(docs),
        "children": len(expected),
        "command": f"python benchmarks/run_all.py --only links --link-docs {args.link_docs}",
        "load": quiet,
        "summary": {
            "relink_seconds": round(relink_s, 2),
            "save_seconds": round(save_s, 2),
            "links": total,
            "expected_found": right,
            "unexpected": len(found) - right,
            "unexpected_not_ambiguous": unmarked,
            "target_s": TARGET_S,
        },
    }
    print(f"  wrote {write_results(NAME, payload)}")
    return payload


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--link-docs", type=int, default=1000, help="documents linked")


if __name__ == "__main__":
    from benchmarks.run_all import main

    main(["--only", "links", *sys.argv[1:]])
