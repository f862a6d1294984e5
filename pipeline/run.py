"""The runner: each file claim → hash → dedupe → text → extract → check → store → archive, for `process`,
the intake flow, `nightly` and `watch` (flows/ wraps its steps as Prefect tasks and adds nothing), and the
one edge where an error of a file becomes its outcome. The model is OCRmyPDF's `_run_pipeline`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline.document import Extraction, dated, extract_document, sha256_file
from pipeline.errors import EnvironmentFault, KerjasamaError, environment_fault
from pipeline.intake.folders import Claimed
from pipeline.intake.stages import (
    archive,
    as_dropped,
    claim_files,
    dedupe,
    give_back,
    named,
    quarantine_or_give_back,
    store_record,
    supported,
)
from pipeline.outcome import Outcome, failed, summarise
from pipeline.settings import Settings
from pipeline.store.database import Store
from schemas.record import Record
from schemas.status import ErrorCategory, OutcomeKind, Stage, Status

log = logging.getLogger(__name__)

Extract = Callable[[Path, str], Extraction]  # text → extract → check of one file (the flow caches it)
BUG_HINT = "A bug in Kerjasama: report it with this error file, then drop the file into the intake again."
HINTS = {
    Stage.HASH: "The file could not be read (permissions or network share): drop it into the intake again.",
    Stage.STORE: "The database could not be written: once it is reachable, drop the file into the intake "
    "again.",
}
WORKER_HINT = "The worker processing it failed: drop the file into the intake again."


class Pending(Protocol):
    """A file being processed elsewhere (the flow: a Prefect task's future)."""

    def result(self) -> Outcome: ...


# run a file elsewhere (file, its hash, the files it must wait for, the run's id)
Submit = Callable[[Claimed, str, list[Pending], int | None], Pending]


def process_intake(
    store: Store,
    settings: Settings,
    extract: Extract | None = None,
    *,
    paths: list[Path] | None = None,
    submit: Submit | None = None,
) -> dict:
    """One intake run: claim, each file through its steps, summary. Without `submit` every file is
    processed here, one by one; the flow passes one that makes a Prefect task of each new file."""
    extract = extract or default_extract(settings)
    run_id = store.start_run("intake")
    claimed, outcomes = claim_files(paths, settings)
    outcomes += process_files(claimed, store, settings, extract, run_id=run_id, submit=submit)
    summary = summarise(outcomes)
    close_run(store, settings, run_id, summary)
    return summary


def process_claimed(
    claimed: Claimed,
    store: Store,
    settings: Settings,
    extract: Extract,
    *,
    run_id: int | None = None,
    sha256: str | None = None,
) -> Outcome:
    """One claimed file through its steps; never raises for a bad file or a failing machine."""
    started = time.perf_counter()
    at = Step(sha256)
    try:
        outcome = steps(claimed, store, settings, extract, at)
    except Exception as exc:
        outcome = edge(claimed, settings, at.stage, exc, at.sha256)
    outcome.seconds = round(time.perf_counter() - started, 3)
    log_event(store, settings, outcome, run_id)
    return outcome


def steps(claimed: Claimed, store: Store, settings: Settings, extract: Extract, at: Step) -> Outcome:
    """The table of contents of one file; `at` says where it is when a step raises."""
    at.stage = Stage.INTAKE
    supported(claimed)
    at.stage = Stage.HASH
    sha256 = at.sha256 = at.sha256 or sha256_file(claimed.path)
    at.stage = Stage.DEDUPE
    if (known := dedupe(claimed, store, settings, sha256)) is not None:
        return known
    at.stage = Stage.EXTRACT
    extraction = extract(claimed.path, sha256)  # text → extract → check (cached by the flow)
    at.stage = Stage.CHECK
    record = as_dropped(claimed, dated(extraction, settings).record)  # date flags against today
    at.stage = Stage.STORE
    target = store_record(claimed, store, settings, record, extraction.text.pages)
    at.stage = Stage.ARCHIVE
    final = archive(claimed, store, sha256, target)
    return processed(claimed, record, final)


@dataclass
class Step:
    """Where a file is in its steps (and its hash once taken), for the edge."""

    sha256: str | None = None
    stage: Stage = Stage.INTAKE


def processed(claimed: Claimed, record: Record, final: Path) -> Outcome:
    """A stored and archived file: success, or partial when some pages failed (its error items)."""
    status = Status.PARTIAL if record.errors else Status.SUCCESS
    flags = [str(flag.code) for flag in record.flags]
    return Outcome(
        claimed.name,
        OutcomeKind.PROCESSED,
        record.document.sha256,
        location=str(final),
        flags=flags,
        status=status,
        errors=list(record.errors),
    )


def edge(claimed: Claimed, settings: Settings, stage: Stage, exc: Exception, sha256: str | None) -> Outcome:
    """The one place an error of a file becomes its outcome. The machine's fault gives the file back
    (skipped); the document's fault quarantines it with its reason and what to do (failed); anything else
    is a bug, quarantined with its traceback logged — unless the machine is behind it."""
    if isinstance(exc, EnvironmentFault):
        return give_back(claimed, settings, stage, exc, sha256)
    if isinstance(exc, KerjasamaError):
        error = named(claimed, str(exc))
        return quarantine_or_give_back(claimed, settings, Stage(exc.stage), error, exc.hint, sha256)
    if (fault := fault_of(exc, stage, settings)) is not None:
        return give_back(claimed, settings, stage, fault, sha256)
    log.exception("unexpected failure on %s at %s", claimed.name, stage)
    error = named(claimed, f"{claimed.name}: {type(exc).__name__}: {exc}")
    category = ErrorCategory.DOCUMENT if stage == Stage.HASH else ErrorCategory.BUG
    hint = HINTS.get(stage, BUG_HINT)
    return quarantine_or_give_back(claimed, settings, stage, error, hint, sha256, category)


def fault_of(exc: Exception, stage: Stage, settings: Settings) -> EnvironmentFault | None:
    """The environment fault behind an unexpected error: the database at any stage; a folder that cannot
    be written only while storing or moving the file (at `hash` an unreadable file is the document's
    fault), or a full disk anywhere."""
    fault = environment_fault(exc, settings.database_url)
    writing = (Stage.STORE, Stage.ARCHIVE, Stage.DEDUPE)
    if fault is None or stage in writing or not isinstance(exc, OSError) or exc.errno == 28:
        return fault
    return None


def recover(claimed: Claimed, settings: Settings, error: str) -> Outcome:
    """The worker handling a file crashed: quarantine it if it is still in processing/ (never lose it)."""
    if not claimed.path.exists():
        return failed(claimed.name, Stage.RUNNER, f"{error} (file already moved)", ErrorCategory.BUG)
    reason = f"{claimed.name}: {error}"
    return quarantine_or_give_back(
        claimed, settings, Stage.RUNNER, reason, WORKER_HINT, None, ErrorCategory.BUG
    )


def log_event(store: Store, settings: Settings, outcome: Outcome, run_id: int | None) -> None:
    """The file's outcome in the store's event log; a database that cannot take it is said, not raised."""
    try:
        store.add_event(
            outcome.name,
            str(outcome.outcome),
            sha256=outcome.sha256,
            run_id=run_id,
            stage=None if outcome.stage is None else str(outcome.stage),
            reason=outcome.reason,
            seconds=outcome.seconds,
        )
    except Exception as exc:
        if (fault := environment_fault(exc, settings.database_url)) is None:
            raise
        log.warning("%s: %s not logged: %s", outcome.name, outcome.outcome, fault)


def process_files(
    claimed: list[Claimed],
    store: Store,
    settings: Settings,
    extract: Extract,
    *,
    run_id: int | None,
    submit: Submit | None = None,
) -> list[Outcome]:
    """The outcome of each claimed file, in the order claimed. Bytes already stored need no extraction:
    they are done here (a hash check and a move); new bytes go to `submit` (when given), and a copy of new
    bytes waits for its original (so it becomes the duplicate)."""

    def here(item: Claimed, sha256: str | None) -> Outcome:
        return process_claimed(item, store, settings, extract, run_id=run_id, sha256=sha256)

    started: list[Outcome | Pending] = []
    first_of: dict[str, Pending] = {}
    for item in claimed:
        sha256 = _hash(item)
        if submit is None or sha256 is None or (sha256 not in first_of and _stored(store, sha256)):
            started.append(_guarded(here, item, sha256, settings))
            continue
        pending = submit(item, sha256, [first_of[sha256]] if sha256 in first_of else [], run_id)
        first_of.setdefault(sha256, pending)
        started.append(pending)
    return [_result(item, done, settings) for item, done in zip(claimed, started, strict=True)]


def _hash(item: Claimed) -> str | None:
    """The file's hash up front, to plan the run; None when unreadable (its hash step reports why)."""
    try:
        return sha256_file(item.path)
    except OSError:
        return None


def _stored(store: Store, sha256: str) -> bool:
    """Bytes already in the database; when the lookup fails, the file's own steps find out (and say why)."""
    try:
        return store.has_document(sha256)
    except Exception as exc:
        log.warning("cannot look up %s: %s", sha256[:12], exc)
        return False


def _guarded(here: Callable[[Claimed, str | None], Outcome], item: Claimed, sha256, settings) -> Outcome:
    try:
        return here(item, sha256)
    except Exception as exc:  # the database failed while recording it: as for a crashed worker
        log.error("processing %s failed: %s", item.name, exc)
        return recover(item, settings, f"{type(exc).__name__}: {exc}")


def _result(item: Claimed, done: Outcome | Pending, settings: Settings) -> Outcome:
    """The file's outcome; a crashed worker (process lost, database down) still leaves it quarantined."""
    if isinstance(done, Outcome):
        return done
    try:
        return done.result()
    except Exception as exc:
        log.error("processing %s failed: %s", item.name, exc)
        return recover(item, settings, f"{type(exc).__name__}: {exc}")


def close_run(store: Store, settings: Settings, run_id: int, summary: dict) -> None:
    """Close the run; every file already has its outcome, so a database that fails now is said, the
    summary kept."""
    try:
        store.finish_run(run_id, summary)
    except Exception as exc:
        if (fault := environment_fault(exc, settings.database_url)) is None:
            raise
        log.warning("run %s not closed: %s", run_id, fault)
        summary["environment"] = list(dict.fromkeys([*summary["environment"], fault.line()]))


def default_extract(settings: Settings, engine=None) -> Extract:
    """Text → extract → check of one file, read here (no cache); the runner's check step makes the date
    flags against today after it."""

    def _extract(path: Path, sha256: str) -> Extraction:
        return extract_document(path, settings=settings, engine=engine, sha256=sha256)

    return _extract
