"""The intake's stages of the runner: claim, dedupe, store, archive, quarantine or give back — and which
files a run would take (the runner, pipeline/run.py, puts them in order)."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from pipeline.errors import EnvironmentFault, UnsupportedFileError, environment_fault
from pipeline.intake.folders import (
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
from pipeline.outcome import Outcome, failed, skipped
from pipeline.settings import Settings
from pipeline.store.database import Store
from schemas.pages import Page
from schemas.record import Record
from schemas.status import ErrorCategory, OutcomeKind, Stage

log = logging.getLogger(__name__)

UNSAFE_LINK_HINT = "Copy the file itself into the intake folder, not a link to it."


def claim_ready(settings: Settings) -> tuple[list[Claimed], list[Outcome]]:
    """Claim every stable file of the intake (and orphans of dead runners); quarantine unsafe links."""
    settings.ensure_folders()
    claimed = orphans(settings)
    rejected: list[Outcome] = []
    ready, skipped_files = scan(settings)
    for path in ready:
        try:
            item = claim(path, settings)
        except OSError as exc:
            log.warning("cannot claim %s: %s (it stays in the intake)", path, exc)
            continue
        if item is not None:
            claimed.append(item)
    for skip in skipped_files:
        if skip.reason == UNSAFE_SYMLINK and (taken := claim(skip.path, settings)) is not None:
            error = f"{taken.name}: {skip.reason}"
            location = quarantine(taken, settings, stage=Stage.INTAKE, error=error, hint=UNSAFE_LINK_HINT)
            outcome = failed(taken.name, Stage.INTAKE, skip.reason, ErrorCategory.DOCUMENT)
            outcome.location = str(location)
            rejected.append(outcome)
        else:
            log.info("skipping %s: %s", skip.path.name, skip.reason)
    return claimed, rejected


def claim_files(paths: list[Path] | None, settings: Settings) -> tuple[list[Claimed], list[Outcome]]:
    """The claim step: copies of `paths` when given (originals stay), else the ready files of the intake."""
    return (claim_paths(paths, settings), []) if paths else claim_ready(settings)


def pending(settings: Settings) -> list[Path]:
    """Files of the intake that are not claimed yet only because they are still being written."""
    _, skipped_files = scan(settings)
    return [skip.path for skip in skipped_files if skip.reason == STILL_WRITING]


def supported(claimed: Claimed) -> None:
    """Raise for a file type the pipeline does not read (the intake stage)."""
    if reason := unsupported_reason(claimed.name):
        raise UnsupportedFileError(f"{claimed.name}: {reason}")


def named(claimed: Claimed, message: str) -> str:
    """Errors name the file as the user dropped it, not as it is called in processing/."""
    return message.replace(claimed.path.name, claimed.name)


def as_dropped(claimed: Claimed, record: Record) -> Record:
    """The record under the name the file was dropped as (its reasons and error items too)."""
    record.document.filename = claimed.name
    record.review.reasons = [named(claimed, reason) for reason in record.review.reasons]
    for error in record.errors:
        error.message = named(claimed, error.message)
    return record


def dedupe(claimed: Claimed, store: Store, settings: Settings, sha256: str) -> Outcome | None:
    """Bytes already known: archive as a duplicate (no new extraction), or finish a crashed run's move."""
    if not store.has_document(sha256):
        return None
    recorded = store.archive_path(sha256)
    if recorded and (not Path(recorded).exists() or _same_file(claimed.path, Path(recorded))):
        final = _finish_move(claimed, Path(recorded))
        store.set_archive_path(sha256, str(final))
        reason = "archived after an interrupted run"
        return Outcome(claimed.name, OutcomeKind.PROCESSED, sha256, reason=reason, location=str(final))
    target = archive_target(f"duplicate-{sha256[:12]}-{claimed.name}", settings, sha256)
    final = move_to_archive(claimed, target)
    reason = "same bytes as an already processed document"
    return Outcome(claimed.name, OutcomeKind.DUPLICATE, sha256, reason=reason, location=str(final))


def store_record(
    claimed: Claimed, store: Store, settings: Settings, record: Record, pages: list[Page]
) -> Path:
    """Record first, with the archive path it will have: a crash before the move is finished by the next
    run (`dedupe`)."""
    target = archive_target(claimed.name, settings, record.document.sha256)
    store.save(record, pages, archive_path=str(target))
    return target


def archive(claimed: Claimed, store: Store, sha256: str, target: Path) -> Path:
    """Move the original to its recorded archive path (or beside it, when taken: the path is updated)."""
    final = move_to_archive(claimed, target)
    if final != target:
        store.set_archive_path(sha256, str(final))
    return final


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


def give_back(
    claimed: Claimed, settings: Settings, stage: Stage, fault: EnvironmentFault, sha256: str | None
) -> Outcome:
    """The machine failed, not the document: no quarantine, no record; the file goes back where it was."""
    location = unclaim(claimed, settings)
    log.warning(
        "%s left for the next run (%s at %s): %s", claimed.name, type(fault).__name__, stage, fault.line()
    )
    return skipped(claimed.name, stage, fault.line(), sha256=sha256, location=str(location))


def quarantine_or_give_back(
    claimed: Claimed,
    settings: Settings,
    stage: Stage,
    error: str,
    hint: str,
    sha256: str | None,
    category: ErrorCategory = ErrorCategory.DOCUMENT,
) -> Outcome:
    """Quarantine a bad document; when the quarantine folder itself cannot take it, that is the machine's
    fault: the file goes back where it was, with the reason it would have been quarantined for logged."""
    try:
        location = quarantine(claimed, settings, stage=stage, error=error, hint=hint)
    except OSError as exc:
        fault = environment_fault(exc) or EnvironmentFault(f"quarantine failed: {exc}")
        log.error("%s would be quarantined (%s) but %s", claimed.name, error, fault)
        return give_back(claimed, settings, Stage.QUARANTINE, fault, sha256)
    return failed(claimed.name, stage, error, category, sha256=sha256, location=str(location))


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
