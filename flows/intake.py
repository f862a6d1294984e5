"""Prefect intake flow: claim what is in the intake folder, extract in parallel, store, archive."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import cast

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from flows.runners import make_task_runner
from pipeline import PIPELINE_VERSION
from pipeline.errors import KerjasamaError
from pipeline.intake import Claimed
from pipeline.process import (
    Outcome,
    candidates,
    claim_paths,
    claim_ready,
    process_claimed,
    recover,
    summarise,
)
from pipeline.run import Extraction, extract_document, sha256_file
from pipeline.settings import Settings
from pipeline.store import Store

log = logging.getLogger(__name__)
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
    from pipeline.pagecache import reader_fingerprint

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


@task(
    task_run_name="extract {path.name}",  # Prefect runs people can read: the file's name
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
    """Extraction through the cached task (within a task it runs inline, under the task's run)."""

    def extract(path: Path, digest: str) -> Extraction:
        return dated(extract_task(path, digest, settings), settings)

    return extract


DATE_FLAGS = {"EXPIRED", "EXPIRING_SOON"}


def dated(extraction: Extraction, settings: Settings, today: date | None = None) -> Extraction:
    """The (possibly cached) extraction with its date flags made against `today`: a value cached last
    month does not keep last month's EXPIRED / EXPIRING_SOON."""
    from extractors.checks import flags_of

    record = extraction.record
    fresh = flags_of(record, DATE_FLAGS, today=today or date.today(), expiring_days=settings.expiring_days)
    kept = [flag for flag in record.flags if flag.code not in DATE_FLAGS]
    # where compute_flags puts them: after the workplan flag
    at = sum(1 for flag in kept if flag.code == "NO_DETAILED_WORKPLAN")
    extraction.record = record.model_copy(update={"flags": kept[:at] + fresh + kept[at:]})
    return extraction


@task(cache_policy=NO_CACHE, task_run_name="process {claimed.name}")
def process_task(claimed: Claimed, sha256: str, settings: Settings, run_id: int) -> Outcome:
    return process_claimed(
        claimed, get_store(settings), settings, cached_extract(settings), run_id=run_id, sha256=sha256
    )


@flow(name="kerjasama-intake", log_prints=True)
def intake_flow(paths: list[str] | None = None, settings: Settings | None = None) -> dict:
    """Process the intake folder (or copies of `paths`): one bad document never fails the others.

    New bytes get one task each (extraction, run in parallel); bytes already stored need no extraction
    and no task: they are archived as duplicates (or a crashed run's move is finished) right here, while
    the tasks run, so an unchanged re-run costs a hash check and a move per file."""
    settings = settings or Settings()
    store = get_store(settings)
    run_id = store.start_run("intake")
    claimed, outcomes = (
        (claim_paths([Path(p) for p in paths], settings), []) if paths else claim_ready(settings)
    )
    results: list[PrefectFuture | Outcome | None] = []
    stored: list[tuple[int, Claimed, str]] = []
    first_of: dict[str, PrefectFuture] = {}
    for item in claimed:
        sha256 = sha256_file(item.path)
        if sha256 not in first_of and _stored(store, sha256):
            stored.append((len(results), item, sha256))
            results.append(None)  # filled below, in the order the files were claimed
            continue
        wait_for = [first_of[sha256]] if sha256 in first_of else []  # a duplicate waits for its original
        future = process_task.submit(item, sha256, settings, run_id, wait_for=wait_for)  # type: ignore[call-overload]
        first_of.setdefault(sha256, future)
        results.append(future)
    for index, item, sha256 in stored:
        results[index] = _process_stored(item, sha256, store, settings, run_id)
    outcomes += [
        result if isinstance(result, Outcome) else _outcome(item, cast(PrefectFuture, result), settings)
        for item, result in zip(claimed, results, strict=True)
    ]
    summary = summarise(outcomes)
    store.finish_run(run_id, summary)
    publish_artifacts(summary)
    print(
        f"processed {summary['processed']}, duplicates {summary['duplicates']}, "
        f"quarantined {summary['quarantined']}"
    )
    return summary


def _stored(store: Store, sha256: str) -> bool:
    """Bytes already in the database; when the lookup fails, the file's task finds out (and says why)."""
    try:
        return store.has_document(sha256)
    except Exception as exc:
        log.warning("cannot look up %s: %s", sha256[:12], exc)
        return False


def _process_stored(item: Claimed, sha256: str, store: Store, settings: Settings, run_id: int) -> Outcome:
    """A file whose bytes are already stored, in the flow itself: exactly what its task would do (the
    extraction runs only if the document vanished from the database meanwhile)."""
    try:
        return process_claimed(item, store, settings, cached_extract(settings), run_id=run_id, sha256=sha256)
    except Exception as exc:  # the database failed while recording it: as for a crashed task
        log.error("processing %s failed: %s", item.name, exc)
        return recover(item, settings, f"{type(exc).__name__}: {exc}")


def _outcome(item: Claimed, future: PrefectFuture, settings: Settings) -> Outcome:
    """The task's outcome; a crashed task (worker lost, database down) still leaves the file quarantined."""
    try:
        return future.result()
    except Exception as exc:
        log.error("processing %s failed: %s", item.name, exc)
        return recover(item, settings, f"{type(exc).__name__}: {exc}")


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
