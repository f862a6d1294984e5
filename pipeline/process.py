"""Process claimed files one by one: dedupe, extract, store, archive — or quarantine with the reason."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from pipeline.errors import EnvironmentFault, KerjasamaError, UnsupportedFileError, environment_fault
from pipeline.intake import (
    STILL_WRITING,
    UNSAFE_SYMLINK,
    Claimed,
    archive_target,
    claim,
    claim_name,
    is_temporary,
    move_to_archive,
    orphans,
    quarantine,
    release,
    safe_name,
    scan,
    unclaim,
    unsupported_reason,
)
from pipeline.run import Extraction, extract_document, sha256_file
from pipeline.settings import Settings
from pipeline.store import Store

log = logging.getLogger(__name__)

Extract = Callable[[Path, str], Extraction]


@dataclass
class Outcome:
    """What happened to one file."""

    name: str
    outcome: str  # processed | duplicate | quarantined | skipped (an environment fault: file given back)
    sha256: str | None = None
    stage: str | None = None
    reason: str | None = None
    seconds: float = 0.0
    location: str | None = None
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def claim_ready(settings: Settings) -> tuple[list[Claimed], list[Outcome]]:
    """Claim every stable file of the intake (and orphans of dead runners); quarantine unsafe links."""
    settings.ensure_folders()
    claimed = orphans(settings)
    rejected: list[Outcome] = []
    ready, skipped = scan(settings)
    for path in ready:
        try:
            item = claim(path, settings)
        except OSError as exc:
            log.warning("cannot claim %s: %s (it stays in the intake)", path, exc)
            continue
        if item is not None:
            claimed.append(item)
    for skip in skipped:
        if skip.reason == UNSAFE_SYMLINK and (taken := claim(skip.path, settings)) is not None:
            location = quarantine(
                taken,
                settings,
                stage="intake",
                error=f"{taken.name}: {skip.reason}",
                hint="Copy the file itself into the intake folder, not a link to it.",
            )
            rejected.append(
                Outcome(taken.name, "quarantined", stage="intake", reason=skip.reason, location=str(location))
            )
        else:
            log.info("skipping %s: %s", skip.path.name, skip.reason)
    return claimed, rejected


def pending(settings: Settings) -> list[Path]:
    """Files of the intake that are not claimed yet only because they are still being written."""
    _, skipped = scan(settings)
    return [skip.path for skip in skipped if skip.reason == STILL_WRITING]


def default_extract(settings: Settings, today: date | None = None, engine=None) -> Extract:
    def _extract(path: Path, sha256: str) -> Extraction:
        return extract_document(path, today=today, settings=settings, engine=engine, sha256=sha256)

    return _extract


def process_claimed(
    claimed: Claimed,
    store: Store,
    settings: Settings,
    extract: Extract,
    *,
    run_id: int | None = None,
    sha256: str | None = None,
) -> Outcome:
    """Turn one claimed file into an outcome; never raises for a bad file (it is quarantined)."""
    started = time.perf_counter()
    stage = "intake"
    try:
        if reason := unsupported_reason(claimed.name):
            raise UnsupportedFileError(f"{claimed.name}: {reason}")
        stage = "hash"
        sha256 = sha256 or sha256_file(claimed.path)
        stage = "dedupe"
        outcome = _dedupe(claimed, store, settings, sha256)
        if outcome is None:
            stage = "extract"
            extraction = extract(claimed.path, sha256)
            stage = "store"
            outcome = _store_and_archive(claimed, store, settings, extraction)
    except EnvironmentFault as exc:
        outcome = _skip(claimed, settings, stage, exc, sha256)
    except KerjasamaError as exc:
        outcome = _quarantine_or_skip(
            claimed, settings, exc.stage, _named(claimed, str(exc)), exc.hint, sha256
        )
    except Exception as exc:  # one bad document never fails the batch
        if (fault := _fault_of(exc, stage, settings)) is not None:
            outcome = _skip(claimed, settings, stage, fault, sha256)
        else:
            log.exception("unexpected failure on %s at %s", claimed.name, stage)
            error = _named(claimed, f"{claimed.name}: {type(exc).__name__}: {exc}")
            outcome = _quarantine_or_skip(claimed, settings, stage, error, HINTS.get(stage, BUG_HINT), sha256)
    outcome.seconds = round(time.perf_counter() - started, 3)
    try:
        store.add_event(
            outcome.name,
            outcome.outcome,
            sha256=outcome.sha256,
            run_id=run_id,
            stage=outcome.stage,
            reason=outcome.reason,
            seconds=outcome.seconds,
        )
    except Exception as exc:
        if (fault := environment_fault(exc, settings.database_url)) is None:
            raise
        log.warning("%s: %s not logged: %s", claimed.name, outcome.outcome, fault)
    return outcome


def _fault_of(exc: Exception, stage: str, settings: Settings) -> EnvironmentFault | None:
    """The environment fault behind an unexpected error: the database at any stage; a folder that cannot
    be written only while moving the file (at `hash` an unreadable file is the document's fault), or a
    full disk anywhere."""
    fault = environment_fault(exc, settings.database_url)
    if fault is None or stage in ("store", "dedupe") or not isinstance(exc, OSError) or exc.errno == 28:
        return fault
    return None


def _skip(
    claimed: Claimed, settings: Settings, stage: str, fault: EnvironmentFault, sha256: str | None
) -> Outcome:
    """The machine failed, not the document: no quarantine, no record; the file goes back where it was."""
    location = unclaim(claimed, settings)
    log.warning(
        "%s left for the next run (%s at %s): %s", claimed.name, type(fault).__name__, stage, fault.line()
    )
    return Outcome(claimed.name, "skipped", sha256, stage=stage, reason=fault.line(), location=str(location))


def _quarantine_or_skip(
    claimed: Claimed, settings: Settings, stage: str, error: str, hint: str, sha256: str | None
) -> Outcome:
    """Quarantine a bad document; when the quarantine folder itself cannot take it, that is the machine's
    fault: the file goes back where it was, with the reason it would have been quarantined for logged."""
    try:
        return _quarantine(claimed, settings, stage, error, hint, sha256)
    except OSError as exc:
        fault = environment_fault(exc) or EnvironmentFault(f"quarantine failed: {exc}")
        log.error("%s would be quarantined (%s) but %s", claimed.name, error, fault)
        return _skip(claimed, settings, "quarantine", fault, sha256)


def _named(claimed: Claimed, message: str) -> str:
    """Errors name the file as the user dropped it, not as it is called in processing/."""
    return message.replace(claimed.path.name, claimed.name)


BUG_HINT = "A bug in Kerjasama: report it with this error file, then drop the file into the intake again."
HINTS = {
    "hash": "The file could not be read (permissions or network share): drop it into the intake again.",
    "store": "The database could not be written: once it is reachable, drop the file into the intake again.",
}


def _store_and_archive(claimed: Claimed, store: Store, settings: Settings, extraction: Extraction) -> Outcome:
    """Record first, then move the original: a crash in between is finished by the next run (`_dedupe`)."""
    record = extraction.record
    record.document.filename = claimed.name
    record.review.reasons = [_named(claimed, reason) for reason in record.review.reasons]
    target = archive_target(claimed.name, settings, record.document.sha256)
    store.save(record, extraction.text.pages, archive_path=str(target))
    final = move_to_archive(claimed, target)
    if final != target:
        store.set_archive_path(record.document.sha256, str(final))
    flags = [flag.code for flag in record.flags]
    return Outcome(claimed.name, "processed", record.document.sha256, location=str(final), flags=flags)


def _dedupe(claimed: Claimed, store: Store, settings: Settings, sha256: str) -> Outcome | None:
    """Bytes already known: archive as a duplicate (no new extraction), or finish a crashed run's move."""
    if not store.has_document(sha256):
        return None
    recorded = store.archive_path(sha256)
    if recorded and (not Path(recorded).exists() or _same_file(claimed.path, Path(recorded))):
        final = _finish_move(claimed, Path(recorded))
        store.set_archive_path(sha256, str(final))
        return Outcome(
            claimed.name, "processed", sha256, reason="archived after an interrupted run", location=str(final)
        )
    target = archive_target(f"duplicate-{sha256[:12]}-{claimed.name}", settings, sha256)
    final = move_to_archive(claimed, target)
    return Outcome(
        claimed.name,
        "duplicate",
        sha256,
        reason="same bytes as an already processed document",
        location=str(final),
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _finish_move(claimed: Claimed, recorded: Path) -> Path:
    """Archive what a killed run left: a run killed between the hard link and the unlink of a move left
    the same file under both names (drop the processing/ name), else move it to its recorded place."""
    if _same_file(claimed.path, recorded):
        os.unlink(claimed.path)
        release(claimed)
        return recorded
    return move_to_archive(claimed, recorded)


def _quarantine(
    claimed: Claimed, settings: Settings, stage: str, error: str, hint: str, sha256: str | None
) -> Outcome:
    location = quarantine(claimed, settings, stage=stage, error=error, hint=hint)
    return Outcome(claimed.name, "quarantined", sha256, stage=stage, reason=error, location=str(location))


def recover(claimed: Claimed, settings: Settings, error: str) -> Outcome:
    """The worker handling a file crashed: quarantine it if it is still in processing/ (never lose it)."""
    if not claimed.path.exists():
        return Outcome(claimed.name, "quarantined", stage="runner", reason=f"{error} (file already moved)")
    return _quarantine(
        claimed,
        settings,
        "runner",
        f"{claimed.name}: {error}",
        "The worker processing it failed: drop the file into the intake again.",
        None,
    )


def process_intake(store: Store, settings: Settings, extract: Extract | None = None) -> dict:
    """The intake without Prefect: claim what is ready, process one by one, summarise."""
    extract = extract or default_extract(settings)
    run_id = store.start_run("intake")
    claimed, outcomes = claim_ready(settings)
    outcomes += [process_claimed(item, store, settings, extract, run_id=run_id) for item in claimed]
    summary = summarise(outcomes)
    try:
        store.finish_run(run_id, summary)
    except Exception as exc:  # every file already has its outcome: say so, keep the summary
        if (fault := environment_fault(exc, settings.database_url)) is None:
            raise
        log.warning("run %s not closed: %s", run_id, fault)
        summary["environment"] = list(dict.fromkeys([*summary["environment"], fault.line()]))
    return summary


def summarise(outcomes: list[Outcome]) -> dict:
    kinds = ("processed", "duplicate", "quarantined", "skipped")
    counts = {kind: sum(o.outcome == kind for o in outcomes) for kind in kinds}
    faults = [o.reason for o in outcomes if o.outcome == "skipped" and o.reason]
    return {
        "processed": counts["processed"],
        "duplicates": counts["duplicate"],
        "quarantined": counts["quarantined"],
        "skipped": counts["skipped"],
        "environment": list(dict.fromkeys(faults)),  # each environment fault once, in order
        "files": [o.to_dict() for o in outcomes],
    }


def claim_paths(paths: list[Path], settings: Settings) -> list[Claimed]:
    """Copy files (or the files of folders) given on the command line into processing/: originals stay."""
    assert settings.processing_dir is not None
    settings.processing_dir.mkdir(parents=True, exist_ok=True)
    claimed = []
    for path in _files_of(paths):
        if is_temporary(path):
            log.info("skipping %s: temporary or hidden file", path)
            continue
        name = safe_name(path.name)
        target = settings.processing_dir / claim_name(name)
        partial = target.with_name(f".copying.{target.name}")
        shutil.copy2(path, partial)
        os.rename(partial, target)
        claimed.append(Claimed(target, name, copy=True))
    return claimed


def _files_of(paths: list[Path]) -> list[Path]:
    """The files given, and the files under the folders given."""
    expanded = [sorted(path.rglob("*")) if path.is_dir() else [path] for path in paths]
    return [f for group in expanded for f in group if f.is_file()]


def candidates(paths: list[Path] | None, settings: Settings) -> list[Path]:
    """The files an intake run would take now, as far as can be told without claiming them: the files
    of `paths` (not temporary ones), else the stable files of the intake and those left in processing/."""
    if paths:
        return [path for path in _files_of(paths) if not is_temporary(path)]
    ready, _ = scan(settings)
    processing = settings.processing_dir
    if processing is None or not processing.is_dir():
        return ready
    return ready + sorted(path for path in processing.iterdir() if path.is_file())
