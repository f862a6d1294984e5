"""Task runners: a thread pool on one machine, or Dask (a scheduler address, else a LocalCluster)."""

from __future__ import annotations

from prefect.task_runners import ThreadPoolTaskRunner

RUNNERS = ("threads", "dask")


def make_task_runner(kind: str = "threads", *, workers: int = 2, address: str | None = None):
    """`threads`: a pool of `workers` threads; `dask`: the cluster at `address`, or a LocalCluster of
    `workers` single-threaded worker processes (OCR is CPU-bound and Tesseract is not thread-friendly)."""
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if address:
            return DaskTaskRunner(address=address)
        cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True}
        return DaskTaskRunner(cluster_kwargs=cluster)
    raise ValueError(f"unknown task runner '{kind}': use one of {', '.join(RUNNERS)}")
