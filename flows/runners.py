"""Task runners: a thread pool on one machine, or Dask (a scheduler address, else a LocalCluster)."""

from __future__ import annotations

from prefect.task_runners import ThreadPoolTaskRunner


def make_task_runner(kind: str = "threads", *, workers: int = 2, address: str | None = None):
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    raise ValueError(f"unknown task runner '{kind}': use 'threads' or 'dask'")
