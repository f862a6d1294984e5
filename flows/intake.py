"""Prefect intake flow: claim what is in the intake folder, extract in parallel, store, archive."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from flows import quiet
from flows.runners import make_task_runner
from pipeline import PIPELINE_VERSION
from pipeline.document import Extraction, extract_document, sha256_file
from pipeline.errors import KerjasamaError
from pipeline.intake.folders import Claimed, dropped_name
from pipeline.intake.stages import candidates
from pipeline.outcome import Outcome
from pipeline.run import process_claimed, process_intake
from pipeline.settings import Settings
from pipeline.store.database import Store

log = logging.getLogger(__name__)
quiet.install()
_STORES: dict[str, Store] = {}


def get_store(settings: Settings) -> Store:
    """One store (engine and pool) per process and URL."""
    url = settings.database_url or ""
    if url not in _STORES:
        _STORES[url] = Store(url, follow_up_months=settings.follow_up_months)
    return _STORES[url]


def content_key(context, parameters) -> str:
    """Everything the cached extraction depends on, never the file's path: its bytes, the pipeline
    version (extractors and schemas), the reading code and options, and the settings that shape the
    record's review. Date flags are not in it: they are made again after the cache (`cached_extract`)."""
    from pipeline.quality.pagecache import reader_fingerprint

    settings: Settings = parameters["settings"]
    reading = f"{settings.ocr_lang}-{settings.dpi}-{settings.max_pages}-{reader_fingerprint()}"
    review = f"{settings.review_threshold}-{settings.low_ocr_confidence}"
    return f"extract-{parameters['sha256']}-{PIPELINE_VERSION}-{reading}-{review}"


def retry_on_io(task, task_run, state) -> bool:
    """Retry reads that failed on I/O (network share hiccups); a damaged file fails the same way again."""
    try:
        state.result()
    except KerjasamaError:
        return False
    except OSError:
        return True
    except Exception:
        return False
    return False


def _extract_run_name() -> str:
    """Prefect runs people can read: the name the file was dropped as, not its claim name."""
    from prefect.runtime import task_run

    return f"extract {dropped_name(task_run.parameters['path'].name)}"


@task(
    task_run_name=_extract_run_name,
    cache_key_fn=content_key,
    persist_result=True,
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=retry_on_io,
)
def extract_task(path: Path, sha256: str, settings: Settings) -> Extraction:
    """Text and fields of one file; cached on its SHA-256 and the pipeline version, never on its path."""
    return extract_document(path, settings=settings, sha256=sha256)


def warm_up_if_new(
    paths: list[str] | None, settings: Settings, meanwhile: Callable[[], bool] = lambda: True
) -> bool:
    """When some file the intake would take holds bytes the database lacks, import the extractors and
    build the spaCy pipeline now (the CLI calls this while Prefect's server still boots), not in the first
    extraction task. The files are looked at only while `meanwhile()` holds (the hashes are computed again
    in the flow). True when it warmed up; a failure here is left for the tasks to report."""
    try:
        store = get_store(settings)
        for path in candidates([Path(p) for p in paths] if paths else None, settings):
            if not meanwhile():
                return False
            if not store.has_document(sha256_file(path)):
                break
        else:
            return False
        from extractors.nlp import get_nlp

        get_nlp("id")
        import extractors.checks  # noqa: F401  (what build_record imports besides)
    except Exception as exc:
        log.debug("no warm-up: %s", exc)
        return False
    return True


def cached_extract(settings: Settings):
    """The runner's extract step through the cached task (within a task it runs inline, under the
    task's run); the runner makes the date flags after it, so a cached value never keeps old ones."""

    def extract(path: Path, digest: str) -> Extraction:
        return extract_task(path, digest, settings)

    return extract


@task(cache_policy=NO_CACHE, task_run_name="process {claimed.name}")
def process_task(claimed: Claimed, sha256: str, settings: Settings, run_id: int) -> Outcome:
    """One new file through the runner's steps."""
    return process_claimed(
        claimed, get_store(settings), settings, cached_extract(settings), run_id=run_id, sha256=sha256
    )


@flow(name="kerjasama-intake", log_prints=True)
def intake_flow(paths: list[str] | None = None, settings: Settings | None = None) -> dict:
    """Process the intake folder (or copies of `paths`) with the runner (pipeline/run.py): each new file
    is a task (run in parallel), bytes already stored are archived in the flow; one bad document never
    fails the others."""
    settings = settings or Settings()
    store = get_store(settings)
    summary = process_intake(
        store,
        settings,
        cached_extract(settings),
        paths=[Path(p) for p in paths] if paths else None,
        submit=_submitter(settings),
    )
    publish_artifacts(summary)
    print(
        f"processed {summary['processed']}, duplicates {summary['duplicates']}, "
        f"quarantined {summary['quarantined']}"
    )
    return summary


def _submitter(settings: Settings):
    """The runner's `submit`: a Prefect task for a file, after the tasks it must wait for."""

    def submit(claimed: Claimed, sha256: str, after: list, run_id: int | None) -> PrefectFuture:
        return process_task.submit(claimed, sha256, settings, run_id, wait_for=after)  # type: ignore[call-overload]

    return submit


def publish_artifacts(summary: dict, title: str = "Kerjasama intake run") -> bool:
    """A markdown summary and a table of the flagged agreements of this run; a run that took no file
    (an empty intake, every quarter hour) leaves the last summary as it is. True when published."""
    if not summary.get("files"):
        return False
    lines = [
        f"# {title}",
        f"- processed: **{summary['processed']}**",
        f"- duplicates: **{summary['duplicates']}**",
        f"- quarantined: **{summary['quarantined']}**",
    ]
    for item in summary["files"]:
        if item["outcome"] == "quarantined":
            lines.append(f"  - `{item['name']}` ({item['stage']}): {item['reason']}")
    create_markdown_artifact("\n".join(lines), key="intake-summary", description="Intake run summary")
    flagged = [
        {"file": f["name"], "sha256": (f["sha256"] or "")[:12], "flags": ", ".join(f["flags"])}
        for f in summary["files"]
        if f["flags"]
    ]
    if flagged:
        create_table_artifact(flagged, key="flagged-agreements", description="Agreements with flags")
    return True


def configured_intake_flow(
    task_runner: str = "threads", workers: int | None = None, address: str | None = None
):
    """The intake flow with the chosen task runner (threads, or Dask)."""
    workers = workers or os.cpu_count() or 1
    return intake_flow.with_options(
        task_runner=make_task_runner(task_runner, workers=workers, address=address)
    )


def run_intake(
    paths: list[str] | None = None,
    settings: Settings | None = None,
    task_runner: str = "threads",
    workers: int | None = None,
    address: str | None = None,
) -> dict:
    """Run the intake flow with the chosen task runner (threads, or Dask)."""
    return configured_intake_flow(task_runner, workers, address)(paths=paths, settings=settings)
