"""Text-layer documents: pages per second of `kerjasama extract --workers 2` on generated clean PDFs."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.common import (
    KERJASAMA,
    generate_samples,
    print_table,
    run_cmd,
    wait_for_quiet,
    write_results,
)

NAME = "textlayer"


def text_pdfs(args: argparse.Namespace, count: int) -> list[Path]:
    """Generated `--profile clean` agreements that are text-layer PDFs throughout (the profile also writes
    DOCX, and mixed PDFs whose scanned pages would measure OCR, not the text layer)."""
    generated = count * 2 + 8  # about 60 % of the clean profile is text-layer PDF
    out = args.cache / f"clean-s{args.seed}-{generated}"
    docs = generate_samples(out, generated, args.seed, "clean")
    return [p for p in docs if _variant(out, p).endswith("/text-pdf")][:count]


def _variant(out: Path, doc: Path) -> str:
    label = out / "labels" / f"{doc.stem}.json"
    return json.loads(label.read_text()).get("variant", "") if label.is_file() else ""


def page_count(pdfs: list[Path]) -> int:
    total = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


def run(args: argparse.Namespace) -> dict:
    pdfs = text_pdfs(args, args.text_docs)
    pages = page_count(pdfs)
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-text-"))
    try:
        quiet = wait_for_quiet(args.max_load, args.wait)
        cmd = [KERJASAMA, "extract", *map(str, pdfs), "--out", str(work / "out"), "--workers", "2"]
        startup = run_cmd("kerjasama --help (start-up only)", [KERJASAMA, "--help"])
        m = run_cmd("kerjasama extract --workers 2", cmd, env={"OMP_THREAD_LIMIT": "1"})
        sources = _sources(work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rate = pages / m.wall
    print_table(
        f"Text-layer documents ({len(pdfs)} PDFs, {pages} pages)",
        ["run", "wall s", "CPU s", "pages/s", "load"],
        [
            [m.label, m.wall, m.cpu, rate, round(m.load_before, 2)],
            [startup.label, startup.wall, startup.cpu, "", round(startup.load_before, 2)],
        ],
    )
    print(f"  pages by source: {sources}")
    payload = {
        "pages": pages,
        "documents": len(pdfs),
        "pages_by_source": sources,
        "command": "kerjasama extract CLEAN_PDFS --out DIR --workers 2 "
        f"(kerjasama samples generate --profile clean --count {args.text_docs} --seed {args.seed})",
        "load": quiet,
        "runs": [m.to_dict(), startup.to_dict()],
        "summary": {"pages_per_second": round(rate, 2), "seconds_per_page": round(m.wall / pages, 4)},
    }
    write_results(NAME, payload)
    return payload


def _sources(out: Path) -> dict[str, int]:
    """How the pages were read, from the records' text_source (a page under 40 characters is OCR'd)."""
    import json

    counts: dict[str, int] = {}
    for path in out.glob("*.json"):
        doc = json.loads(path.read_text())["document"]
        counts[doc["text_source"]] = counts.get(doc["text_source"], 0) + doc["pages"]
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text-docs", type=int, default=60, help="generated clean documents (some are DOCX)")


if __name__ == "__main__":
    from benchmarks.run_all import main

    main(["--only", NAME, *sys.argv[1:]])
