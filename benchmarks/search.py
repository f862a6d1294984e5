"""Search latency: `pipeline.analyst.search.search` over 10,000 generated stored pages in SQLite
(target < 50 ms)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from random import Random

from benchmarks.common import print_table, wait_for_quiet, write_results
from pipeline.analyst.search import SearchFilters, search
from pipeline.store.database import Store
from samples.compose import assemble
from samples.generate import KINDS
from samples.spec import make_spec
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Flag, Party, Record

NAME = "search"
TARGET_MS = 50.0
LINES_PER_PAGE = 22
DOC_TYPES = {"mou": "MoU", "pks": "PKS", "addendum": "addendum", "mou_en": "MoU", "bilingual": "MoU"}
TODAY = date(2026, 12, 1)
# (label, query, filters): common and rare words, a phrase, an agreement number, a clipped word, filters
QUERIES: list[tuple[str, str, SearchFilters]] = [
    ("two words", "kekayaan intelektual", SearchFilters()),
    ("very common words", "para pihak", SearchFilters()),
    ("phrase", '"bantuan hukum"', SearchFilters()),
    ("agreement number", "HM.05.02", SearchFilters()),
    ("clipped word (prefix)", "penyuluha", SearchFilters()),
    ("rare name", "Sleman", SearchFilters()),
    ("English words", "intellectual property", SearchFilters()),
    ("type + status filters", "hukum", SearchFilters(doc_type="PKS", status="expired")),
    ("partner + flag filters", "kerja sama", SearchFilters(partner="universitas", flag="EXPIRED")),
    ("no page has both (any-term retry)", "kekayaan zqxwv", SearchFilters()),
]


def page_lines(blocks) -> list[str]:
    lines = []
    for block in blocks:
        if block.text:
            lines.append(f"{block.label} {block.text}".strip())
        lines.extend(" ".join(row) for row in block.rows)
    return lines


def generated_document(rng: Random, n: int) -> tuple[Record, list[Page]]:
    """One generated agreement's text cut into pages, and a record with its parties, numbers and term."""
    kind = KINDS[n % len(KINDS)]
    spec = make_spec(rng, kind)
    lines = page_lines(assemble(spec, rng).blocks)
    chunks = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    pages = [Page(i, "\n".join(chunk), "ocr", [], 0.9) for i, chunk in enumerate(chunks, 1)]
    sha = f"{n:064x}"
    info = DocumentInfo(
        sha256=sha, filename=f"doc-{n:05d}.pdf", bytes=1, pages=len(pages), text_source="ocr",
        ocr_mean_confidence=0.9, pipeline_version="bench",
    )  # fmt: skip
    field = ExtractedField[str]
    expired = spec.term.end is not None and spec.term.end < TODAY
    record = Record(
        document=info,
        doc_type=field(value=DOC_TYPES[kind], confidence=0.9),
        title=field(value=lines[0], confidence=0.9),
        numbers=[field(value=p.number, confidence=0.9) for p in spec.parties if p.number],
        parties=[ExtractedField[Party](value=Party(name=p.name), confidence=0.9) for p in spec.parties],
        expiry_date=field(value=spec.term.end.isoformat() if spec.term.end else None, confidence=0.9),
        parent_agreement=field(value=spec.parent_number, confidence=0.9),
        flags=[Flag(code="EXPIRED", severity="info", message="expired")] if expired else [],
    )
    return record, pages


def fill(store: Store, pages_wanted: int, seed: int) -> tuple[int, int]:
    rng, pages, documents = Random(f"kerjasama-search-bench/{seed}"), 0, 0
    while pages < pages_wanted:
        record, doc_pages = generated_document(rng, documents)
        doc_pages = doc_pages[: pages_wanted - pages]
        store.save(record, doc_pages)
        pages, documents = pages + len(doc_pages), documents + 1
    return pages, documents


def time_query(store: Store, query: str, filters: SearchFilters, repeats: int) -> dict:
    """Wall and CPU milliseconds of one query (SQLite runs in this process, so CPU is the query's own)."""
    search(store, query, filters, today=TODAY)  # warm the page cache
    times, cpu, result = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = search(store, query, filters, today=TODAY)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    assert result is not None
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
        "median_cpu_ms": round(statistics.median(cpu), 2),
        "hits": len(result.hits),
        "every_term": result.every_term,
    }


def run(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-search-"))
    try:
        store = Store(f"sqlite:///{work / 'search.db'}")
        start = time.perf_counter()
        pages, documents = fill(store, args.search_pages, args.seed)
        fill_s = time.perf_counter() - start
        db_mb = (work / "search.db").stat().st_size / 2**20
        quiet = wait_for_quiet(args.max_load, args.wait)
        rows = {label: time_query(store, q, f, args.search_repeats) for label, q, f in QUERIES}
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    worst = max(row["median_ms"] for row in rows.values())
    worst_p95 = max(row["p95_ms"] for row in rows.values())
    worst_cpu = max(row["median_cpu_ms"] for row in rows.values())
    print_table(
        f"Search over {pages} stored pages ({documents} documents, SQLite {db_mb:.0f} MB, "
        f"filled in {fill_s:.0f} s)",
        ["query", "median ms", "p95 ms", "CPU ms", "hits", "every term"],
        [
            [label, r["median_ms"], r["p95_ms"], r["median_cpu_ms"], r["hits"], r["every_term"]]
            for label, r in rows.items()
        ],
    )
    payload = {
        "pages": pages,
        "documents": documents,
        "database_mb": round(db_mb, 1),
        "fill_seconds": round(fill_s, 1),
        "command": f"python benchmarks/run_all.py --only search --search-pages {args.search_pages}",
        "load": quiet,
        "queries": {label: {"query": q, "filters": repr(f), **rows[label]} for label, q, f in QUERIES},
        "summary": {
            "worst_median_ms": worst,
            "worst_p95_ms": worst_p95,
            "worst_median_cpu_ms": worst_cpu,
            "target_ms": TARGET_MS,
        },
    }
    print(
        f"  worst median {worst} ms (CPU {worst_cpu} ms), worst p95 {worst_p95} ms (target < {TARGET_MS:.0f})"
    )
    print(f"  wrote {write_results(NAME, payload)}")
    return payload


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search-pages", type=int, default=10_000, help="stored pages searched")
    parser.add_argument("--search-repeats", type=int, default=30, help="timed runs of each query")


if __name__ == "__main__":
    from benchmarks.run_all import main

    main(["--only", "search", *sys.argv[1:]])
