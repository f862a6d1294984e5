"""Prefect nightly flow: sweep the intake, re-extract outdated records, refresh date flags, report, export."""

from __future__ import annotations

import os
from datetime import date

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.intake import get_store, intake_flow
from flows.runners import make_task_runner
from pipeline import PIPELINE_VERSION, nightly
from pipeline.outcome import Outcome
from pipeline.settings import Settings


@task(cache_policy=NO_CACHE, task_run_name="re-extract {sha256:.12}")
def reextract_task(sha256: str, settings: Settings, today: date | None) -> Outcome:
    """One outdated document, from its stored page text (no OCR): its outcome, as the pipeline gives it."""
    return nightly.reextracted(sha256, get_store(settings), settings, today)


@task(cache_policy=NO_CACHE)
def refresh_flags_task(settings: Settings, today: date | None) -> dict:
    return nightly.refresh_flags(get_store(settings), settings, today)


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def outputs_task(settings: Settings) -> dict:
    return nightly.write_outputs(get_store(settings), settings)


@flow(name="kerjasama-nightly", log_prints=True)
def nightly_flow(settings: Settings | None = None, today: date | None = None) -> dict:
    """The nightly batch; a document that fails to re-extract is reported, the others go on."""
    settings = settings or Settings()
    summary: dict = {"intake": intake_flow(settings=settings)}
    outdated = get_store(settings).outdated(PIPELINE_VERSION)
    futures = [reextract_task.submit(sha, settings, today) for sha in outdated]
    summary.update(nightly.reextraction_summary([future.result() for future in futures]))
    summary.update(refresh_flags_task(settings, today))
    summary.update(outputs_task(settings))
    _publish(summary)
    print(
        f"re-extracted {summary['reextracted']}, flags changed {summary['flags_changed']}, "
        f"report {summary['report'] or 'skipped'}, export {summary['export']}"
    )
    return summary


def _publish(summary: dict) -> None:
    intake = summary["intake"]
    lines = [
        "# Kerjasama nightly run",
        f"- intake: {intake['processed']} processed, {intake['duplicates']} duplicates, "
        f"{intake['quarantined']} quarantined",
        f"- re-extracted with pipeline {PIPELINE_VERSION}: **{summary['reextracted']}**"
        + (
            f" (failed: {', '.join(item['sha256'][:12] for item in summary['failed'])})"
            if summary["failed"]
            else ""
        ),
        f"- records checked against today: {summary['checked']}, "
        f"flags changed: **{summary['flags_changed']}**",
        f"- report: {summary['report'] or 'skipped (report module not available)'}",
        f"- export: {summary['export']}",
    ]
    create_markdown_artifact("\n".join(lines), key="nightly-summary", description="Nightly run summary")


def configured_nightly_flow(
    task_runner: str = "threads", workers: int | None = None, address: str | None = None
):
    workers = workers or os.cpu_count() or 1
    return nightly_flow.with_options(
        task_runner=make_task_runner(task_runner, workers=workers, address=address)
    )
