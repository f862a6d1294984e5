"""Flow commands: process, watch, nightly, serve and the demo (Prefect is imported only when run)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import console, print_summary
from pipeline.errors import EXIT_ENVIRONMENT, EXIT_QUARANTINED, EXIT_USAGE, KerjasamaError
from pipeline.settings import Settings, load_settings


def process(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the intake)")] = None,
    task_runner: Annotated[str, typer.Option(help="threads or dask")] = "threads",
    address: Annotated[str | None, typer.Option(help="Dask scheduler (default: a LocalCluster)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Documents processed at once")] = os.cpu_count() or 1,
    reprocess: Annotated[
        list[str] | None,
        typer.Option(
            "--reprocess",
            metavar="SHA_PREFIX|FILE",
            help="Re-read a stored document from its archived original and store a new record (repeatable)",
        ),
    ] = None,
) -> None:
    """Run the intake flow over files or folders (copies; originals stay) or the intake folder; with
    --reprocess, re-read stored documents from their archived originals instead (no Prefect)."""
    if reprocess:
        if paths:
            _usage("give either PATHs or --reprocess, not both")
        _reprocess(reprocess)
        return
    from flows.server import prefect_server
    from flows.setup import prepare_prefect

    missing = [str(p) for p in paths or [] if not p.exists()]
    if missing:
        console.print(f"[red]not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    settings = load_settings()
    prepare_prefect(settings)  # before Prefect is imported (it reads its settings at import) and the server
    sources = [str(p) for p in paths] if paths else None
    with prefect_server() as server:  # boots on another core while the pipeline is imported
        from flows.intake import get_store, run_intake, warm_up_if_new
        from pipeline.health import preflight

        preflight(settings)  # Tesseract languages and folders: a fault stops the run before any claim
        get_store(settings)  # the database (and its migrations) meanwhile too
        if server.booting():  # and, with new bytes to extract, the extractors
            warm_up_if_new(sources, settings, server.booting)
        server.use()
        summary = run_intake(sources, settings, task_runner, workers, address)
    print_summary(summary)
    exit_for(summary)


def _reprocess(targets: list[str]) -> None:
    """Re-read each stored document named by a SHA-256 prefix or a file with its bytes: one line each;
    exit 2 (nothing re-read) when a target names no stored document or several, 1 when one failed."""
    from pipeline.nightly import page_failures, reread
    from pipeline.store.database import Store
    from pipeline.text.ocr import require_languages

    settings = load_settings()
    store = Store(settings.database_url or "")  # an unusable database: one line, exit 3 (the CLI edge)
    chosen = [_stored_document(store, target) for target in targets]
    require_languages(settings.ocr_lang)  # Tesseract or a language missing: exit 3 before any re-read
    failed = 0
    for sha256, source in dict(chosen).items():
        document = store.document(sha256)
        name = f"{document.filename if document else '?'} ({sha256[:12]})"
        try:
            record = reread(sha256, store, settings, source=source)
        except KerjasamaError as exc:
            failed += 1
            console.print(f"not reprocessed {name}: {exc}", markup=False, highlight=False, soft_wrap=True)
            continue
        partial = page_failures(record)
        state = f"{len(partial)} page(s) failed" if partial else "all pages read"
        typer.echo(f"reprocessed {name}: {record.document.pages} pages, {state}")
    if failed:
        raise typer.Exit(EXIT_QUARANTINED)


def _stored_document(store, target: str) -> tuple[str, Path | None]:
    """(SHA-256, the file to read or None for the archived original) of one --reprocess target."""
    from flows.cli_records import matching_documents
    from pipeline.document import sha256_file

    path = Path(target)
    if path.is_file():
        sha256 = sha256_file(path)
        if not store.has_document(sha256):
            _usage(f"{target}: not a stored document (SHA-256 {sha256[:12]}); process it instead")
        archived = store.archive_path(sha256)
        return sha256, None if archived and Path(archived).is_file() else path
    matches = matching_documents(store, target) if target else []
    if not matches:
        _usage(f"no stored document with SHA-256 starting '{target}' (and no such file)")
    if len(matches) > 1:
        listed = ", ".join(f"{digest[:12]} {filename}" for digest, filename in matches)
        _usage(f"'{target}' matches {len(matches)} documents, give more of the SHA-256: {listed}")
    return matches[0][0], None


def _usage(line: str) -> None:
    console.print(line, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_USAGE)


def exit_for(summary: dict) -> None:
    """Exit 3 after an environment fault (each named once), 1 when some document was quarantined."""
    for line in summary.get("environment", []):
        console.print(f"kerjasama: {line}", soft_wrap=True, markup=False, highlight=False)
    if summary.get("environment"):
        raise typer.Exit(EXIT_ENVIRONMENT)
    if summary["quarantined"]:
        raise typer.Exit(EXIT_QUARANTINED)


RunnerOption = Annotated[str, typer.Option(help="threads or dask")]
AddressOption = Annotated[str | None, typer.Option(help="Dask scheduler address (default: a LocalCluster)")]
WorkersOption = Annotated[int, typer.Option(min=1, help="Documents processed at once")]
CPUS = os.cpu_count() or 1


def watch(
    poll: Annotated[float | None, typer.Option(help="Also sweep every SECONDS (network share)")] = None,
    debounce: Annotated[float, typer.Option(min=0, help="Quiet seconds after the last change")] = 2.0,
    task_runner: RunnerOption = "threads",
    address: AddressOption = None,
    workers: WorkersOption = CPUS,
) -> None:
    """Watch the intake folder and run the intake flow when files arrive (Ctrl-C stops)."""
    from flows.server import prefect_server
    from flows.setup import prepare_prefect

    settings = load_settings()
    prepare_prefect(settings)
    with prefect_server() as server:  # one temporary server for the whole watch, unless one is configured
        from flows.intake import configured_intake_flow
        from pipeline.health import preflight

        preflight(settings)

        server.use()
        _watch(settings, configured_intake_flow(task_runner, workers, address), poll, debounce)


def _watch(settings: Settings, intake, poll: float | None, debounce: float) -> None:
    from pipeline.intake.stages import pending
    from pipeline.intake.watch import Watcher

    def run() -> None:
        print_summary(intake(settings=settings))

    recheck = max(1.0, settings.stable_seconds)
    assert settings.intake_dir is not None
    watcher = Watcher(settings.intake_dir, run, pending=lambda: bool(pending(settings)), debounce=debounce,
                      poll=poll, recheck=recheck, polling_observer=poll is not None)  # fmt: skip
    console.print(f"watching {settings.intake_dir} (poll: {poll or 'events only'}); Ctrl-C stops")
    try:
        watcher.serve()
    except KeyboardInterrupt:
        watcher.stop()


def nightly(task_runner: RunnerOption = "threads", address: AddressOption = None,
            workers: WorkersOption = CPUS, reocr_failed: Annotated[bool, typer.Option(
                "--reocr-failed", help="First re-read (OCR again) the stored documents whose pages failed")]
            = False) -> None:  # fmt: skip
    """Run the nightly batch now: sweep, re-extract outdated records, refresh flags, report, export."""
    from flows.server import prefect_server
    from flows.setup import prepare_prefect

    settings = load_settings()
    prepare_prefect(settings)
    with prefect_server() as server:
        from flows.intake import get_store
        from flows.nightly import configured_nightly_flow
        from pipeline.health import preflight

        preflight(settings)
        store = get_store(settings)
        if reocr_failed:  # before the batch: its flags, report and export then show the new records
            _reocr_failed(store, settings)
        server.use()
        summary = configured_nightly_flow(task_runner, workers, address)(settings=settings)
    print_summary(summary["intake"])
    console.print(f"re-extracted {summary['reextracted']} (failed {len(summary['failed'])}), "
                  f"flags changed {summary['flags_changed']}, report {summary['report'] or 'skipped'}, "
                  f"export {summary['export']}")  # fmt: skip
    if summary["intake"].get("environment"):
        exit_for(summary["intake"])


def _reocr_failed(store, settings: Settings) -> None:
    from pipeline.nightly import reocr_failed

    result = reocr_failed(store, settings)
    failed = result["reread_failed"]
    console.print(
        f"re-read {result['reread']} document(s) with failed pages "
        f"(still partial {result['still_partial']}, not re-read {len(failed)})"
    )
    for item in failed:
        console.print(
            f"  {item['sha256'][:12]}: {item['error']}", markup=False, highlight=False, soft_wrap=True
        )


def serve(
    interval: Annotated[float, typer.Option(min=1, help="Seconds between intake runs")] = 60.0,
    cron: Annotated[str, typer.Option(help="Nightly schedule (cron)")] = "0 1 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron schedule")] = "Asia/Jakarta",
    task_runner: RunnerOption = "threads",
    address: AddressOption = None,
    workers: WorkersOption = CPUS,
    app: Annotated[bool, typer.Option("--app", help="Also serve the workspace (kerjasama app)")] = False,
    app_host: Annotated[str, typer.Option(help="Workspace address (see kerjasama app)")] = "127.0.0.1",
    app_port: Annotated[int, typer.Option(min=1, max=65535, help="Workspace port")] = 8470,
) -> None:
    """Serve the intake and nightly deployments against the Prefect server at PREFECT_API_URL; with --app,
    the analysts' workspace beside them."""
    from flows.setup import prepare_prefect

    if app:
        from flows.cli_app import start_workspace

        start_workspace(app_host, app_port)
    prepare_prefect(load_settings())
    from flows.serve import serve_flows

    serve_flows(interval=interval, cron=cron, timezone=timezone, task_runner=task_runner, workers=workers,
                address=address)  # fmt: skip


def demo() -> None:
    """Process the committed sample documents on the embedded defaults and say where the results are."""
    from flows.demo import run_demo

    settings = load_settings()
    outputs = run_demo(settings)
    summary = outputs.pop("summary")
    print_summary(summary)  # type: ignore[arg-type]
    from flows.cli_portfolio import print_portfolio

    print_portfolio(settings)
    console.print("\nSee them with `kerjasama records list` and `kerjasama records show SHA`.")
    for name, path in outputs.items():
        console.print(f"[bold]{name.capitalize()}[/bold]: {Path(path).resolve()}")
