"""Serve the intake (short interval) and nightly (cron) flows as deployments of a Prefect server."""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron, Interval

from flows.intake import configured_intake_flow
from flows.nightly import configured_nightly_flow

INTAKE_DEPLOYMENT = "intake"
NIGHTLY_DEPLOYMENT = "nightly"
DEFAULT_INTERVAL = 60.0
DEFAULT_CRON = "0 1 * * *"
DEFAULT_TIMEZONE = "Asia/Jakarta"


def deployments(
    *,
    interval: float = DEFAULT_INTERVAL,
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    task_runner: str = "threads",
    workers: int | None = None,
    address: str | None = None,
) -> list:
    """The two deployments; each run reads its settings from the KERJASAMA_* environment it inherits."""
    intake = configured_intake_flow(task_runner, workers, address).to_deployment(
        name=INTAKE_DEPLOYMENT,
        schedules=[Interval(interval, timezone=timezone)],
        concurrency_limit=1,  # an intake run still busy is not joined by the next one
        description="Process whatever is in the intake folder.",
        tags=["kerjasama"],
    )
    nightly = configured_nightly_flow(task_runner, workers, address).to_deployment(
        name=NIGHTLY_DEPLOYMENT,
        schedules=[Cron(cron, timezone=timezone)],
        concurrency_limit=1,
        description="Sweep the intake, re-extract outdated records, refresh flags, report and export.",
        tags=["kerjasama"],
    )
    return [intake, nightly]


def serve_flows(**options) -> None:
    """Register both deployments and run their scheduled runs until stopped (schedules stay active)."""
    serve(*deployments(**options), pause_on_shutdown=False)
