"""The `kerjasama` command line: extract, process, records, eval, samples (typer + rich)."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.errors import KerjasamaError
from pipeline.settings import Settings

app = typer.Typer(help="Kerjasama: cooperation agreements in, structured records out.", no_args_is_help=True)
records_app = typer.Typer(help="Stored records: list, show, export.", no_args_is_help=True)
app.add_typer(records_app, name="records")
console = Console(stderr=True)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False)


def _cpus() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


_OCR_SLOTS = None  # in a worker process: the semaphore shared by every worker (set by _init_worker)


def _init_worker(slots) -> None:
    global _OCR_SLOTS
    _OCR_SLOTS = slots


def _warm_up() -> None:
    """Import the pipeline and build the spaCy pipeline once, before workers fork and share it."""
    from extractors.nlp import get_nlp
    from pipeline.run import extract_file  # noqa: F401  (pdfplumber, pypdfium2, extractors)

    get_nlp("id")


def _extract_one(path: str, page_workers: int) -> tuple[str, dict | None, str | None]:
    """Worker: (path, record JSON, None) or (path, None, error line)."""
    from pipeline.ocr import TesseractEngine
    from pipeline.run import extract_file

    try:
        settings = Settings(page_workers=page_workers)
        engine = TesseractEngine(lang=settings.ocr_lang, timeout=settings.ocr_timeout, slots=_OCR_SLOTS)
        return path, extract_file(Path(path), settings=settings, engine=engine).to_json_dict(), None
    except KerjasamaError as exc:
        return path, None, f"{path}: {exc} ({exc.hint})"
    except Exception as exc:  # report, don't crash the other files
        return path, None, f"{path}: {type(exc).__name__}: {exc}"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Agreement files (PDF, TIFF, PNG, JPG, DOCX)")],
    out: Annotated[Path | None, typer.Option(help="Write <stem>.json per input into this folder")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Files processed at once")] = _cpus(),
) -> None:
    """Extract records without database or Prefect: one file prints JSON, --out writes one per input."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    cpus = _cpus()
    workers = min(workers, len(files))
    if out is None and len(files) == 1:
        _, record, error = _extract_one(str(files[0]), cpus)
        if error:
            console.print(f"[red]failed[/red] {error}")
            raise typer.Exit(1)
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out = out or Path(".")
    out.mkdir(parents=True, exist_ok=True)
    failures = _extract_many(files, out, workers, cpus)
    for line in failures:
        console.print(f"[red]failed[/red] {line}")
    if failures:
        raise typer.Exit(1)


def _extract_many(files: list[Path], out: Path, workers: int, cpus: int) -> list[str]:
    """Files in `workers` forked processes; every process may OCR up to `cpus` pages, but at most `cpus`
    Tesseract runs are alive across all of them, so a lone long file still gets every core at the end."""
    _warm_up()
    context = multiprocessing.get_context("fork")
    slots = context.BoundedSemaphore(cpus)
    failures: list[str] = []
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(slots,))
    with pool:
        jobs = [pool.submit(_extract_one, str(path), cpus) for path in files]  # forks before rich's thread
        with _progress() as progress:
            task = progress.add_task("extracting", total=len(files))
            for job in as_completed(jobs):
                path, record, error = job.result()
                if error:
                    failures.append(error)
                else:
                    target = out / f"{Path(path).stem}.json"
                    target.write_text(json.dumps(record, ensure_ascii=False, indent=2))
                progress.advance(task)
    return failures


@app.command()
def process(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the intake)")] = None,
    task_runner: Annotated[str, typer.Option(help="threads or dask")] = "threads",
    address: Annotated[str | None, typer.Option(help="Dask scheduler (default: a LocalCluster)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Documents processed at once")] = os.cpu_count() or 1,
) -> None:
    """Run the intake flow over files or folders (copies; originals stay) or the intake folder."""
    from flows.setup import prepare_prefect

    prepare_prefect(Settings())  # before Prefect is imported: it reads its settings at import
    from flows.intake import run_intake

    missing = [str(p) for p in paths or [] if not p.exists()]
    if missing:
        console.print(f"[red]not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    sources = [str(p) for p in paths] if paths else None
    summary = run_intake(sources, Settings(), task_runner, workers, address)
    _print_summary(summary)
    if summary["quarantined"]:
        raise typer.Exit(1)


RunnerOption = Annotated[str, typer.Option(help="threads or dask")]
AddressOption = Annotated[str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster)")]
WorkersOption = Annotated[int, typer.Option(min=1, help="Documents processed at once")]
CPUS = os.cpu_count() or 1


@app.command()
def watch(
    poll: Annotated[float | None, typer.Option(help="Also sweep every SECONDS (network share)")] = None,
    debounce: Annotated[float, typer.Option(min=0, help="Quiet seconds after the last change")] = 2.0,
    task_runner: RunnerOption = "threads",
    address: AddressOption = None,
    workers: WorkersOption = CPUS,
) -> None:
    """Watch the intake folder and run the intake flow when files arrive (Ctrl-C stops)."""
    from flows.setup import prepare_prefect

    settings = Settings()
    prepare_prefect(settings)
    from flows.intake import configured_intake_flow
    from pipeline.process import pending
    from pipeline.watch import Watcher

    intake = configured_intake_flow(task_runner, workers, address)

    def run() -> None:
        _print_summary(intake(settings=settings))

    recheck = max(1.0, settings.stable_seconds)
    assert settings.intake_dir is not None
    watcher = Watcher(settings.intake_dir, run, pending=lambda: bool(pending(settings)), debounce=debounce,
                      poll=poll, recheck=recheck, polling_observer=poll is not None)  # fmt: skip
    console.print(f"watching {settings.intake_dir} (poll: {poll or 'events only'}); Ctrl-C stops")
    try:
        watcher.serve()
    except KeyboardInterrupt:
        watcher.stop()


@app.command()
def nightly(task_runner: RunnerOption = "threads", address: AddressOption = None,
            workers: WorkersOption = CPUS) -> None:  # fmt: skip
    """Run the nightly batch now: sweep, re-extract outdated records, refresh flags, report, export."""
    from flows.setup import prepare_prefect

    prepare_prefect(Settings())
    from flows.nightly import configured_nightly_flow

    summary = configured_nightly_flow(task_runner, workers, address)(settings=Settings())
    _print_summary(summary["intake"])
    console.print(f"re-extracted {summary['reextracted']} (failed {len(summary['failed'])}), "
                  f"flags changed {summary['flags_changed']}, report {summary['report'] or 'skipped'}, "
                  f"export {summary['export']}")  # fmt: skip


@app.command()
def serve(
    interval: Annotated[float, typer.Option(min=1, help="Seconds between intake runs")] = 60.0,
    cron: Annotated[str, typer.Option(help="Nightly schedule (cron)")] = "0 1 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron schedule")] = "Asia/Jakarta",
    task_runner: RunnerOption = "threads",
    address: AddressOption = None,
    workers: WorkersOption = CPUS,
) -> None:
    """Serve the intake and nightly deployments against the Prefect server at PREFECT_API_URL."""
    from flows.setup import prepare_prefect

    prepare_prefect(Settings())
    from flows.serve import serve_flows

    serve_flows(interval=interval, cron=cron, timezone=timezone, task_runner=task_runner, workers=workers,
                address=address)  # fmt: skip


def _print_summary(summary: dict) -> None:
    table = Table("file", "outcome", "detail")
    for item in summary["files"]:
        detail = item["reason"] if item["outcome"] != "processed" else ", ".join(item["flags"])
        table.add_row(item["name"], item["outcome"], detail or "")
    console.print(table)
    console.print(
        f"processed {summary['processed']}, duplicates {summary['duplicates']}, "
        f"quarantined {summary['quarantined']}"
    )


@records_app.command("list")
def records_list() -> None:
    """One line per stored agreement (newest record of each document)."""
    from pipeline.store import Store

    table = Table("sha256", "file", "type", "signed", "expires", "workplan", "flags")
    for row in Store(Settings().database_url or "").latest_records():
        table.add_row(row.sha256[:12], row.record["document"]["filename"], row.doc_type or "",
                      row.signing_date or "", row.expiry_date or "", row.workplan or "", row.flag_codes)
    Console().print(table)


@records_app.command("show")
def records_show(sha: Annotated[str, typer.Argument(help="SHA-256 or a prefix of it")]) -> None:
    """Print the stored record JSON of one document."""
    from pipeline.store import Store

    row = Store(Settings().database_url or "").find_record(sha)
    if row is None:
        console.print(f"[red]no record with SHA-256 starting '{sha}'[/red]")
        raise typer.Exit(1)
    print(json.dumps(row.record, ensure_ascii=False, indent=2))


@records_app.command("export")
def records_export(
    format: Annotated[str, typer.Option("--format", help="xlsx, csv or parquet")] = "xlsx",
    out: Annotated[Path, typer.Option(help="Output file")] = Path("kerjasama.xlsx"),
) -> None:
    """Export the stored records (Excel workbook, or CSV/Parquet files per table)."""
    from pipeline.export import export_store
    from pipeline.store import Store

    settings = Settings()
    try:  # analysts' corrections are applied; the Review sheet lists fields under the threshold
        written = export_store(Store(settings.database_url or ""), out, format, settings.review_threshold)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def demo() -> None:
    """Process the committed sample documents on the embedded defaults and say where the results are."""
    from flows.demo import run_demo

    outputs = run_demo(Settings())
    summary = outputs.pop("summary")
    _print_summary(summary)  # type: ignore[arg-type]
    console.print("\nSee them with `kerjasama records list` and `kerjasama records show SHA`.")
    for name, path in outputs.items():
        console.print(f"[bold]{name.capitalize()}[/bold]: {Path(path).resolve()}")


@app.command()
def report(
    out: Annotated[Path | None, typer.Option(help="HTML file (default: in the reports folder)")] = None,
    gold: Annotated[list[Path] | None, typer.Option(help="Gold labels folder to score (repeatable)")] = None,
    crops: Annotated[bool, typer.Option(help="Embed page crops around low-confidence evidence")] = True,
) -> None:
    """Write the analyst report: one self-contained HTML file that opens offline."""
    from pipeline.report import write_report
    from pipeline.store import Store

    settings = Settings()
    missing = [str(path) for path in gold or [] if not path.is_dir()]
    if missing:
        console.print(f"[red]gold labels folder not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    path = write_report(Store(settings.database_url or ""), settings, out, gold_dirs=gold or [], crops=crops)
    console.print(f"wrote {path}")


review_app = typer.Typer(help="Review queue and analysts' corrections.", no_args_is_help=True)
app.add_typer(review_app, name="review")
_FIELDS_HELP = (
    "doc_type, language, title, signing_date, signing_place, effective_date, expiry_date, workplan, "
    "parent_agreement or duration_months"
)
_ANALYST_HELP = "Who corrects (default: KERJASAMA_ANALYST or the login name)"


@review_app.command("set")
def review_set(
    sha: Annotated[str, typer.Argument(help="SHA-256 or a prefix of it")],
    field: Annotated[str, typer.Argument(help=_FIELDS_HELP)],
    value: Annotated[str, typer.Argument(help="Corrected value (dates YYYY-MM-DD; 'null' for no value)")],
    note: Annotated[str | None, typer.Option(help="Why, or where the value was read")] = None,
    analyst: Annotated[str | None, typer.Option(help=_ANALYST_HELP)] = None,
) -> None:
    """Record an analyst's corrected value for one field (kept apart from re-extraction)."""
    from pipeline.corrections import CorrectionError, add_correction
    from pipeline.store import Store

    try:
        store = Store(Settings().database_url or "")
        row = add_correction(store, sha, field, value, analyst=analyst, note=note)
    except CorrectionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"corrected {row.sha256[:12]} {row.field} = {row.value!r} (by {row.analyst})")


@review_app.command("export")
def review_export(
    out: Annotated[Path, typer.Option(help="Review file to fill in (.xlsx or .csv)")] = Path("review.xlsx"),
) -> None:
    """Export the review queue with an empty corrected_value column for the analyst to fill."""
    from pipeline.corrections import CorrectionError
    from pipeline.report.review import export_queue
    from pipeline.store import Store

    settings = Settings()
    try:
        count = export_queue(Store(settings.database_url or ""), settings.review_threshold, out)
    except CorrectionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"wrote {out} ({count} fields to review)")


@review_app.command("import")
def review_import(
    file: Annotated[Path, typer.Argument(help="A filled-in review file (.xlsx or .csv)")],
    analyst: Annotated[str | None, typer.Option(help=_ANALYST_HELP)] = None,
) -> None:
    """Import the corrected values of a filled-in review file (all rows or, on any error, none)."""
    from pipeline.corrections import CorrectionError
    from pipeline.report.review import import_queue
    from pipeline.store import Store

    try:
        result = import_queue(Store(Settings().database_url or ""), file, analyst)
    except CorrectionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"imported {result.imported} correction(s); {result.skipped} row(s) left empty")


def _register_optional() -> None:
    """Commands whose modules may be absent in a partial checkout stay out instead of breaking the CLI."""
    try:
        from pipeline.evaluate import eval_command

        app.command("eval")(eval_command)
    except ImportError:
        pass
    try:
        from samples.cli import app as samples_app

        app.add_typer(samples_app, name="samples")
    except ImportError:
        pass


_register_optional()


def main() -> None:
    logging.basicConfig(level=os.environ.get("KERJASAMA_LOG_LEVEL", "WARNING"), stream=sys.stderr)
    app()
