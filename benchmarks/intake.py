"""Intake flow: an unchanged re-run (hash check only) and the flow's overhead over `kerjasama extract`."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import (
    KERJASAMA,
    Measurement,
    office_docs,
    print_table,
    ratio,
    run_cmd,
    wait_for_quiet,
    write_results,
)
from benchmarks.textlayer import text_pdfs

ENV = {"OMP_THREAD_LIMIT": "1", "KERJASAMA_STABLE_SECONDS": "0", "PREFECT_LOGGING_LEVEL": "ERROR"}


def process_run(label: str, home: Path, source: Path) -> Measurement:
    """`kerjasama process FOLDER` (copies the folder's files into processing/) in its own data root."""
    env = {**ENV, "KERJASAMA_HOME": str(home)}
    return run_cmd(label, [KERJASAMA, "process", str(source)], env=env, poll_rss=False)


def folder_of(files: list[Path], target: Path) -> Path:
    """A folder holding (hard links to) exactly these files."""
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        link = target / path.name
        if not link.exists():
            try:
                link.hardlink_to(path)
            except OSError:
                shutil.copy2(path, link)
    return target


def unchanged(args: argparse.Namespace) -> dict:
    """Process N text-layer documents once (untimed), then time the re-run where all are duplicates."""
    docs = text_pdfs(args, args.unchanged_docs)
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-unchanged-"))
    try:
        source = folder_of(docs, work / "docs")
        empty = folder_of([], work / "empty")
        first = process_run("first run (extracts, untimed)", work / "home", source)
        quiet = wait_for_quiet(args.max_load, args.wait)
        fixed = process_run("kerjasama process EMPTY_FOLDER (fixed cost)", work / "home", empty)
        again = process_run(f"kerjasama process SAME_{len(docs)}_DOCS (re-run)", work / "home", source)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = len(docs)
    per_doc = (again.wall - fixed.wall) / n
    print_table(
        f"Unchanged intake ({n} already-processed text-layer documents)",
        ["run", "wall s", "CPU s", "s/document", "load"],
        [
            [m.label, m.wall, m.cpu, m.wall / n if m is not fixed else "", round(m.load_before, 2)]
            for m in (first, fixed, again)
        ],
    )
    print(f"  re-run s/document beyond the fixed start-up: {per_doc:.4f}")
    summary = {
        "documents": n,
        "seconds_per_document_total": round(again.wall / n, 4),
        "seconds_per_document_beyond_fixed": round(per_doc, 4),
        "fixed_startup_seconds": round(fixed.wall, 2),
    }
    return {
        "command": "KERJASAMA_HOME=TMP kerjasama process FOLDER (twice; the second run is timed); "
        "fixed cost: kerjasama process EMPTY_FOLDER",
        "load": quiet,
        "runs": [m.to_dict() for m in (first, fixed, again)],
        "summary": summary,
    }


def flow_overhead(args: argparse.Namespace) -> dict:
    """`kerjasama process` (Prefect flow, store, archive) against `kerjasama extract` on the same scans."""
    docs = office_docs(args, args.flow_docs, (".pdf", ".tif", ".tiff"))
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-flow-"))
    try:
        source = folder_of(docs, work / "docs")
        empty = folder_of([], work / "empty")
        quiet = wait_for_quiet(args.max_load, args.wait)
        cmd = [KERJASAMA, "extract", *map(str, docs), "--out", str(work / "out"), "--workers", "2"]
        extract = run_cmd("kerjasama extract --workers 2", cmd, env=ENV)
        fixed = process_run("kerjasama process EMPTY_FOLDER (fixed cost)", work / "home", empty)
        flow = process_run("kerjasama process FOLDER (intake flow)", work / "home", source)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        [m.label, m.wall, m.cpu, ratio(m.wall, extract.wall), round(m.load_before, 2)]
        for m in (extract, fixed, flow)
    ]
    print_table(
        f"Flow overhead ({len(docs)} office scans)", ["run", "wall s", "CPU s", "vs extract", "load"], rows
    )
    summary = {
        "documents": len(docs),
        "flow_overhead_total": round(flow.wall / extract.wall - 1, 3),
        "flow_overhead_beyond_fixed": round((flow.wall - fixed.wall) / extract.wall - 1, 3),
        "fixed_startup_seconds": round(fixed.wall, 2),
    }
    print(f"  overhead: {summary}")
    return {
        "command": "kerjasama extract DOCS --out DIR --workers 2  vs  KERJASAMA_HOME=TMP kerjasama process "
        "FOLDER (threads runner, 2 workers); fixed cost: kerjasama process EMPTY_FOLDER",
        "load": quiet,
        "runs": [m.to_dict() for m in (extract, fixed, flow)],
        "summary": summary,
    }


def run_unchanged(args: argparse.Namespace) -> dict:
    payload = unchanged(args)
    write_results("unchanged", payload)
    return payload


def run_flow(args: argparse.Namespace) -> dict:
    payload = flow_overhead(args)
    write_results("flow", payload)
    return payload


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unchanged-docs", type=int, default=200, help="documents in the unchanged re-run")
    parser.add_argument("--flow-docs", type=int, default=20, help="office scans for the flow overhead")


if __name__ == "__main__":
    from benchmarks.run_all import main

    main(["--only", "unchanged,flow", *sys.argv[1:]])
