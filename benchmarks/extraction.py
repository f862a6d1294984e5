"""Extraction CPU per page: the extractors alone, on page text already read (a page cache).

OCR dominates the pipeline's CPU per scanned page (about 2-3 s); this measures what the extractors add on
top, so a change to them can be checked against the pipeline's budget without re-running OCR. Input is a
page-cache folder as `kerjasama eval --page-cache` writes it (default: the realdocs cache of the tests).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from benchmarks.common import print_table, write_results
from extractors import extract_fields
from schemas.pages import Page

NAME = "extraction"
DEFAULT_PAGES = Path(
    os.environ.get("KERJASAMA_REALDOCS_CACHE", Path.home() / ".cache" / "kerjasama" / "realdocs-pages")
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extraction-pages", type=Path, default=DEFAULT_PAGES, help="page-cache folder")
    parser.add_argument("--extraction-repeat", type=int, default=3, help="runs per document (median kept)")


def _documents(folder: Path) -> list[list[Page]]:
    docs = []
    for entry in sorted(folder.glob("*.json")):
        pages = json.loads(entry.read_text(encoding="utf-8"))["pages"]
        docs.append([Page.from_dict(p) for p in pages])
    return docs


def measure(folder: Path, repeat: int = 3) -> dict[str, float | int]:
    """Median CPU seconds of extract_fields per document, summed, and per page."""
    docs = _documents(folder)
    if not docs:
        raise SystemExit(
            f"no page-cache entries in {folder}: fill it with `kerjasama eval --page-cache {folder}`"
        )
    total, pages = 0.0, 0
    for pages_of in docs:
        runs = []
        for _ in range(repeat):
            start = time.process_time()
            extract_fields(pages_of)
            runs.append(time.process_time() - start)
        total += statistics.median(runs)
        pages += len(pages_of)
    return {
        "documents": len(docs),
        "pages": pages,
        "cpu_ms_per_page": round(1000 * total / pages, 2),
        "cpu_ms_per_document": round(1000 * total / len(docs), 2),
    }


def run(args: argparse.Namespace) -> None:
    if not any(args.extraction_pages.glob("*.json")):
        print(f"  skipped: no page cache at {args.extraction_pages} (the realdocs test fills it)")
        return
    summary = measure(args.extraction_pages, args.extraction_repeat)
    print_table("Extraction CPU", ["documents", "pages", "ms/page", "ms/document"], [list(summary.values())])
    print(f"  wrote {write_results(NAME, {'pages_dir': str(args.extraction_pages), 'summary': summary})}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    add_arguments(parser)
    ns = parser.parse_args()
    summary = measure(ns.extraction_pages, ns.extraction_repeat)
    print(json.dumps(summary, indent=2))
