"""Scanned pages: `kerjasama extract` against the raw `tesseract` CLI and `ocrmypdf --sidecar`, same pages."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.common import (
    KERJASAMA,
    REALDOCS,
    VENV_BIN,
    Measurement,
    office_docs,
    print_table,
    ratio,
    run_cmd,
    timed,
    wait_for_quiet,
    write_results,
)

NAME = "scanned"
DPI = 300
ENV = {"OMP_THREAD_LIMIT": "1"}


def scanned_realdocs(max_pages: int, upright: bool = False) -> list[Path]:
    """Real agreements whose every page the pipeline OCRs (no usable text layer), up to `max_pages`;
    `upright`: only those with no page upside down or sideways (by the pipeline's own line analysis)."""
    if max_pages <= 0 or not REALDOCS.is_dir():
        return []
    import pdfplumber

    from pipeline.text.read import _text_layer_page

    chosen, total = [], 0
    for path in sorted(REALDOCS.glob("*.pdf")):
        with pdfplumber.open(str(path)) as plumber:
            count = len(plumber.pages)
            if any(_text_layer_page(path, plumber, i) is not None for i in range(count)):
                continue
        if upright and not _all_upright(path):
            continue
        if total + count > max_pages:
            continue
        chosen.append(path)
        total += count
    return chosen


def _all_upright(path: Path) -> bool:
    """No page of `path` is turned: portrait, and its text lines not hanging upside down."""
    from pipeline.text.ocr import text_geometry

    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            image = page.render(scale=100 / 72, grayscale=True).to_pil().convert("L")
            if image.width > image.height or text_geometry(image).upside_down:
                return False
        return True
    finally:
        pdf.close()


def render_pages(pdfs: list[Path], out: Path) -> list[Path]:
    """Pages as 300 dpi grayscale PGM files (untimed), exactly as the pipeline renders them."""
    out.mkdir(parents=True, exist_ok=True)
    images = []
    for pdf_path in pdfs:
        pdf = pdfium.PdfDocument(str(pdf_path))
        for index in range(len(pdf)):
            target = out / f"{pdf_path.stem}-{index + 1:03d}.pgm"
            pdf[index].render(scale=DPI / 72, grayscale=True).to_pil().save(target)
            images.append(target)
        pdf.close()
    return images


def tesseract_runs(images: list[Path], parallel: int) -> Measurement:
    """`tesseract img - -l ind+eng --dpi 300 tsv` over every image, `parallel` at a time."""

    def one(image: Path) -> int:
        cmd = ["tesseract", str(image), "-", "-l", "ind+eng", "--dpi", str(DPI), "tsv"]
        env = {**os.environ, **ENV}
        return subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode

    def work() -> int:
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            return max(pool.map(one, images), default=0)

    label = "tesseract CLI, sequential" if parallel == 1 else f"tesseract CLI, {parallel} in parallel"
    return timed(label, work)


def ocrmypdf_runs(pdfs: list[Path], out: Path, jobs: int) -> Measurement:
    """`ocrmypdf --force-ocr --sidecar` per file (its own page parallelism: --jobs)."""
    out.mkdir(parents=True, exist_ok=True)
    exe = str(VENV_BIN / "ocrmypdf")

    def work() -> int:
        code = 0
        for pdf in pdfs:
            cmd = [
                exe,
                "--force-ocr",
                "-l",
                "ind+eng",
                "--output-type",
                "pdf",
                "--optimize",
                "0",
                "--jobs",
                str(jobs),
                "--sidecar",
                str(out / f"{pdf.stem}.txt"),
                "--quiet",
                str(pdf),
                str(out / pdf.name),
            ]
            env = {**os.environ, **ENV}
            code = max(code, subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode)
        return code

    return timed(f"ocrmypdf --sidecar --jobs {jobs}", work)


def extract_run(pdfs: list[Path], out: Path, workers: int, cores: str | None) -> Measurement:
    cmd = [KERJASAMA, "extract", *map(str, pdfs), "--out", str(out), "--workers", str(workers)]
    label = f"kerjasama extract --workers {workers}"
    if cores is not None:
        cmd = ["taskset", "-c", cores, *cmd]
        label += f" (taskset -c {cores})"
    return run_cmd(label, cmd, env=ENV, poll_rss=True)


def run(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kerjasama-bench-scanned-"))
    try:
        office = office_docs(args, args.office)
        real = scanned_realdocs(args.real_pages, args.upright)
        pdfs = office + real
        images = render_pages(pdfs, work / "pages")
        pages = len(images)
        print(f"scanned: {len(office)} office docs + {len(real)} real scans = {pages} pages", flush=True)
        quiet = wait_for_quiet(args.max_load, args.wait)
        runs = [extract_run(pdfs, work / "extract2", 2, None)]
        if not args.skip_single:
            runs.append(extract_run(pdfs, work / "extract1", 1, "0"))
        runs.append(tesseract_runs(images, 1))
        runs.append(tesseract_runs(images, 2))
        if not args.skip_ocrmypdf:
            runs.append(ocrmypdf_runs(pdfs, work / "ocrmypdf", 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by = {m.label: m for m in runs}
    pipe2, tess1, tess2 = runs[0], by["tesseract CLI, sequential"], by["tesseract CLI, 2 in parallel"]
    pipe1 = runs[1] if not args.skip_single else None
    ocrmypdf = next((m for m in runs if m.label.startswith("ocrmypdf")), None)
    summary = {
        "pipeline_cpu_per_page_vs_tesseract": ratio(pipe2.cpu, tess1.cpu),
        "pipeline_2_workers_speedup_vs_1_core": ratio(pipe1.wall, pipe2.wall) if pipe1 else None,
        "tesseract_2_parallel_speedup": ratio(tess1.wall, tess2.wall),
        "pipeline_wall_vs_tesseract_2_parallel": ratio(pipe2.wall, tess2.wall),
        "pipeline_wall_vs_ocrmypdf": ratio(pipe2.wall, ocrmypdf.wall) if ocrmypdf else None,
        "pipeline_cpu_vs_ocrmypdf": ratio(pipe2.cpu, ocrmypdf.cpu) if ocrmypdf else None,
        "pipeline_pages_per_s": round(pages / pipe2.wall, 3),
        "ocrmypdf_pages_per_s": round(pages / ocrmypdf.wall, 3) if ocrmypdf else None,
        "pipeline_pages_per_s_vs_ocrmypdf": ratio(ocrmypdf.wall, pipe2.wall) if ocrmypdf else None,
    }
    rows = [
        [
            m.label,
            m.wall,
            m.wall / pages,
            m.cpu,
            m.cpu / pages,
            ratio(m.cpu, tess1.cpu),
            round(m.load_before, 2),
        ]
        for m in runs
    ]
    print_table(
        f"Scanned pages ({pages} pages, {len(pdfs)} PDFs, {DPI} dpi)",
        ["run", "wall s", "wall s/page", "CPU s", "CPU s/page", "CPU vs tesseract", "load"],
        rows,
    )
    for key, value in summary.items():
        print(f"  {key}: {value}")
    payload = {
        "pages": pages,
        "documents": {"office_generated": [p.name for p in office], "realdocs": [p.name for p in real]},
        "commands": {
            "pipeline": f"{KERJASAMA} extract FILES --out DIR --workers 2 (OMP_THREAD_LIMIT=1)",
            "pipeline_1_core": "taskset -c 0 kerjasama extract FILES --out DIR --workers 1",
            "tesseract": "tesseract PAGE.pgm - -l ind+eng --dpi 300 tsv (pages pre-rendered, untimed)",
            "ocrmypdf": "ocrmypdf --force-ocr -l ind+eng --output-type pdf --optimize 0 --jobs 2 "
            "--sidecar OUT.txt IN.pdf OUT.pdf (one file after the other)",
        },
        "load": quiet,
        "runs": [
            m.to_dict() | {"wall_per_page": round(m.wall / pages, 3), "cpu_per_page": round(m.cpu / pages, 3)}
            for m in runs
        ],
        "summary": summary,
    }
    write_results(args.scanned_name, payload)
    return payload


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--office", type=int, default=8, help="generated office scans (documents)")
    parser.add_argument("--real-pages", type=int, default=24, help="pages of real scans at most (0: none)")
    parser.add_argument("--skip-single", action="store_true", help="skip the 1-core pipeline run")
    parser.add_argument("--skip-ocrmypdf", action="store_true")
    parser.add_argument("--upright", action="store_true", help="real scans with every page upright only")
    parser.add_argument("--scanned-name", default=NAME, help="results/<name>.json (e.g. scanned-upright)")


if __name__ == "__main__":
    from benchmarks.run_all import main

    main(["--only", NAME, *sys.argv[1:]])
