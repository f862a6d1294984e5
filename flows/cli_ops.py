"""Flow commands: process, watch, nightly, serve and the demo (Prefect is imported only when run)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import console, print_summary
from pipeline.errors import EXIT_ENVIRONMENT, EXIT_QUARANTINED
from pipeline.settings import Settings, load_settings


def process(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the intake)")] = None,
    task_runner: Annotated[str, typer.Option(help="threads or dask")] = "threads",
    address: Annotated[str | None, typer.Option(help="Dask scheduler (default: a LocalCluster)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Documents processed at once")] = os.cpu_count() or 1,
) -> None:
    """Run the intake flow over files or folders (copies; originals stay) or the intake folder."""
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
    from pipeline.process import pending
    from pipeline.watch import Watcher

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
            workers: WorkersOption = CPUS) -> None:  # fmt: skip
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
        get_store(settings)
        server.use()
        summary = configured_nightly_flow(task_runner, workers, address)(settings=settings)
    print_summary(summary["intake"])
    console.print(f"re-extracted {summary['reextracted']} (failed {len(summary['failed'])}), "
                  f"flags changed {summary['flags_changed']}, report {summary['report'] or 'skipped'}, "
                  f"export {summary['export']}")  # fmt: skip
    if summary["intake"].get("environment"):
        exit_for(summary["intake"])


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

    prepare_prefect(load_settings())
    from flows.serve import serve_flows

    serve_flows(interval=interval, cron=cron, timezone=timezone, task_runner=task_runner, workers=workers,
                address=address)  # fmt: skip


def demo() -> None:
    """Process the committed sample documents on the embedded defaults and say where the results are."""
    from flows.demo import run_demo

    outputs = run_demo(load_settings())
    summary = outputs.pop("summary")
    print_summary(summary)  # type: ignore[arg-type]
    console.print("\nSee them with `kerjasama records list` and `kerjasama records show SHA`.")
    for name, path in outputs.items():
        console.print(f"[bold]{name.capitalize()}[/bold]: {Path(path).resolve()}")
