"""Memory: peak PSS of the `kerjasama extract` process tree on a long scanned PDF (pages repeated)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.common import KERJASAMA, office_docs, print_table, run_cmd, wait_for_quiet, write_results

NAME = "memory"


def long_scan(sources: list[Path], pages: int, distinct: int, target: Path) -> Path:
    """A `pages`-page PDF cycling through the first `distinct` scanned pages of `sources` (as scanned)."""
    pool: list[tuple[pdfium.PdfDocument, int]] = []
    for path in sources:
        pdf = pdfium.PdfDocument(str(path))
        pool += [(pdf, i) for i in range(len(pdf))]
    pool = pool[:distinct]
    out = pdfium.PdfDocument.new()
    for n in range(pages):
        pdf, index = pool[n % len(pool)]
        out.import_pages(pdf, [index])
    out.save(str(target))
    return target


def run(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-memory-"))
    try:
        big = long_scan(office_docs(args, 6), args.memory_pages, 10, work / "long-scan.pdf")
        quiet = wait_for_quiet(args.max_load, args.wait)
        cmd = [KERJASAMA, "extract", str(big), "--out", str(work / "out"), "--workers", "2"]
        m = run_cmd(
            f"kerjasama extract ({args.memory_pages}-page scan)",
            cmd,
            env={"OMP_THREAD_LIMIT": "1"},
            poll_rss=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        f"Memory ({args.memory_pages} scanned pages, one PDF)",
        ["run", "wall s", "CPU s", "s/page", "peak PSS MB (tree)", "load"],
        [[m.label, m.wall, m.cpu, m.wall / args.memory_pages, m.peak_rss_mb, round(m.load_before, 2)]],
    )
    payload = {
        "pages": args.memory_pages,
        "command": f"kerjasama extract LONG_SCAN.pdf --out DIR --workers 2 ({args.memory_pages} pages "
        "cycling through 10 distinct generated office scan pages; PSS summed over the process tree, "
        "polled every 100 ms)",
        "load": quiet,
        "runs": [m.to_dict()],
        "summary": {
            "peak_rss_mb": round(m.peak_rss_mb),
            "wall_per_page": round(m.wall / args.memory_pages, 3),
        },
    }
    write_results(NAME, payload)
    return payload


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--memory-pages", type=int, default=100, help="pages of the long scanned PDF")


if __name__ == "__main__":
    from benchmarks.run_all import main

    main(["--only", NAME, *sys.argv[1:]])
