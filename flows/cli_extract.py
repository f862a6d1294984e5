"""`kerjasama extract`: records without database or Prefect, files in parallel worker processes."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import console, progress_bar
from pipeline.errors import EnvironmentFault, KerjasamaError
from pipeline.settings import load_settings
from pipeline.text.ocr import PROCESS_SLOTS, available_cores
from schemas.status import Stage

_OCR_SLOTS = None  # in a worker process: the semaphore shared by every worker (set by _init_worker)


def _init_worker(slots) -> None:
    global _OCR_SLOTS
    _OCR_SLOTS = slots


def _warm_up() -> None:
    """Import the pipeline and build the spaCy pipeline once, before workers fork and share it."""
    from extractors.nlp import get_nlp
    from pipeline.document import extract_file  # noqa: F401  (pdfplumber, pypdfium2, extractors)

    get_nlp("id")


def _extract_one(path: str, page_workers: int) -> tuple[str, dict | None, str | None]:
    """Worker: (path, record JSON, None) or (path, None, error line)."""
    from pipeline.document import extract_file
    from pipeline.text.ocr import TesseractEngine

    settings = load_settings(page_workers=page_workers)  # a bad setting: the CLI edge, exit 2
    engine = TesseractEngine(
        lang=settings.ocr_lang,
        timeout=settings.ocr_timeout,
        invert_retry=settings.ocr_invert_retry,
        in_process=settings.ocr_in_process,
        slots=_OCR_SLOTS or PROCESS_SLOTS,
    )
    try:
        return path, extract_file(Path(path), settings=settings, engine=engine).to_json_dict(), None
    except KerjasamaError as exc:
        return path, None, f"{path}: {exc} ({exc.hint})"
    except EnvironmentFault:  # the machine, not this file: the CLI edge stops the command, exit 3
        raise
    except Exception as exc:  # report, don't crash the other files, unless the machine is behind it
        from pipeline.run import fault_of  # only now: the runner imports the database

        if (fault := fault_of(exc, Stage.TEXT, settings)) is not None:
            raise fault from exc  # as the runner's edge judges it (a full disk, not an unreadable file)
        return path, None, f"{path}: {type(exc).__name__}: {exc}"


def extract(
    files: Annotated[list[Path], typer.Argument(help="Agreement files (PDF, TIFF, PNG, JPG, DOCX)")],
    out: Annotated[Path | None, typer.Option(help="Write <stem>.json per input into this folder")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Files processed at once")] = available_cores(),
) -> None:
    """Extract records without database or Prefect: one file prints JSON, --out writes one per input."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    load_settings()  # a bad setting stops the command before any file (the CLI edge: one line, exit 2)
    cpus = available_cores()
    workers = min(workers, len(files))
    if out is None and len(files) == 1:
        _, record, error = _extract_one(str(files[0]), cpus)
        if error:
            console.print(f"[red]failed[/red] {error}", soft_wrap=True)  # one line per file: no wrapping
            raise typer.Exit(1)
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out = out or Path(".")
    out.mkdir(parents=True, exist_ok=True)
    failures = _extract_many(files, out, workers, cpus)
    for line in failures:
        console.print(f"[red]failed[/red] {line}", soft_wrap=True)  # one line per file: no wrapping
    if failures:
        raise typer.Exit(1)


def _extract_many(files: list[Path], out: Path, workers: int, cpus: int) -> list[str]:
    """Files in `workers` forked processes; every process may OCR up to `cpus` pages, but at most `cpus`
    Tesseract runs are alive across all of them, so a lone long file still gets every core at the end.
    With one worker, the files are read in this process (its pages still use every core): no fork."""
    if workers == 1:
        return _write_records((_extract_one(str(path), cpus) for path in files), out, len(files))
    _warm_up()
    context = multiprocessing.get_context("fork")
    slots = context.BoundedSemaphore(cpus)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(slots,))
    with pool:
        jobs = [pool.submit(_extract_one, str(path), cpus) for path in files]  # forks before rich's thread
        return _write_records((job.result() for job in as_completed(jobs)), out, len(files))


Result = tuple[str, dict | None, str | None]  # (path, record JSON, error line)


def _write_records(results: Iterator[Result], out: Path, total: int) -> list[str]:
    """Write <stem>.json per record as results arrive; return the failure lines."""
    failures: list[str] = []
    with progress_bar() as progress:
        task = progress.add_task("extracting", total=total)
        for path, record, error in results:
            if error:
                failures.append(error)
            else:
                target = out / f"{Path(path).stem}.json"
                target.write_text(json.dumps(record, ensure_ascii=False, indent=2))
            progress.advance(task)
    return failures
