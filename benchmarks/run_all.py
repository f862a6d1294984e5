"""Run the benchmarks (scanned, textlayer, unchanged, memory, flow, search, links, extraction, pages); print
tables and JSON."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/run_all.py` from a checkout
    sys.path.insert(0, str(ROOT))

from benchmarks import extraction, intake, links, memory, pages, scanned, search, textlayer  # noqa: E402
from benchmarks.common import QUIET_LOAD, RESULTS, machine, print_table  # noqa: E402

BENCHMARKS = {
    "scanned": scanned.run,
    "textlayer": textlayer.run,
    "unchanged": intake.run_unchanged,
    "memory": memory.run,
    "flow": intake.run_flow,
    "search": search.run,
    "links": links.run,
    "extraction": extraction.run,
    "pages": pages.run,
}
# (result file, summary key, target, higher is better, label)
TARGETS = [
    (
        "scanned",
        "pipeline_cpu_per_page_vs_tesseract",
        1.10,
        False,
        "pipeline CPU per scanned page vs Tesseract",
    ),
    ("scanned", "pipeline_2_workers_speedup_vs_1_core", 1.8, True, "2 workers vs 1 (speed-up)"),
    ("scanned", "pipeline_wall_vs_ocrmypdf", 1.0, False, "wall per page vs ocrmypdf --sidecar"),
    ("scanned", "pipeline_cpu_vs_ocrmypdf", 1.0, False, "CPU per page vs ocrmypdf --sidecar"),
    ("scanned-upright", "pipeline_cpu_per_page_vs_tesseract", 1.10, False, "same, upright real scans only"),
    ("scanned-upright", "pipeline_2_workers_speedup_vs_1_core", 1.8, True, "same, upright real scans only"),
    ("textlayer", "pages_per_second", 20, True, "text layer, pages/s"),
    ("unchanged", "seconds_per_document_total", 0.05, False, "unchanged re-run, s/document (all-in)"),
    (
        "unchanged",
        "seconds_per_document_beyond_fixed",
        0.05,
        False,
        "unchanged re-run, s/document (no start-up)",
    ),
    ("memory", "peak_rss_mb", 700, False, "peak RSS, 100-page scan (MB)"),
    ("flow", "flow_overhead_total", 0.10, False, "flow overhead vs extract (all-in)"),
    ("flow", "flow_overhead_beyond_fixed", 0.10, False, "flow overhead vs extract (no Prefect start-up)"),
    ("search", "worst_median_ms", 50, False, "search, slowest query's median ms (10,000 pages)"),
    ("links", "relink_seconds", 10, False, "linking 1,000 documents, s"),
    ("pages", "first_max_s", 0.5, False, "page image 300 dpi, first render, worst page (s)"),
    ("pages", "cached_worst_median_ms", 20, False, "page image 300 dpi, cached, worst page median (ms)"),
]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help="comma-separated: " + ", ".join(BENCHMARKS)
    )
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kerjasama-bench",
        help="generated documents are kept here between runs",
    )
    parser.add_argument(
        "--max-load", type=float, default=QUIET_LOAD, help="wait until the 1-min load is below"
    )
    parser.add_argument(
        "--wait", type=float, default=2400, help="seconds to wait for a quiet machine at most"
    )
    parser.add_argument("--small", action="store_true", help="tiny sizes, to check the scripts")
    for module in (scanned, textlayer, intake, memory, search, links, extraction, pages):
        module.add_arguments(parser)
    args = parser.parse_args(argv)
    if args.small:
        args.office, args.real_pages, args.text_docs = 2, 0, 6
        args.unchanged_docs, args.memory_pages, args.flow_docs = 6, 6, 2
        args.search_pages, args.link_docs = 300, 40
        args.max_load, args.wait = 100.0, 0
    args.office_pool = max(args.office, args.flow_docs, 6)
    return args


def targets_table() -> list[list[object]]:
    rows = []
    for name, key, target, higher, label in TARGETS:
        path = RESULTS / f"{name}.json"
        if not path.is_file():
            continue
        value = json.loads(path.read_text())["summary"].get(key)
        met = value is not None and (value >= target if higher else value <= target)
        rows.append([label, value, (">= " if higher else "<= ") + str(target), "yes" if met else "NO", name])
    return rows


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        if name not in BENCHMARKS:
            raise SystemExit(f"unknown benchmark '{name}': use {', '.join(BENCHMARKS)}")
        print(f"\n== {name} ==", flush=True)
        BENCHMARKS[name](args)
    print_table("Targets", ["measure", "measured", "target", "met", "results/<file>.json"], targets_table())


if __name__ == "__main__":
    main()
