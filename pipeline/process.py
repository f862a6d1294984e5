"""Process claimed files one by one: dedupe, extract, store, archive — or quarantine with the reason."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from pipeline import PIPELINE_VERSION
from pipeline.errors import KerjasamaError
from pipeline.intake import (
    UNSAFE_SYMLINK,
    Claimed,
    archive_target,
    claim,
    move_to_archive,
    orphans,
    quarantine,
    scan,
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
    outcome: str  # processed | duplicate | quarantined
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
        item = claim(path, settings)
        if item is not None:
            claimed.append(item)
    for item in skipped:
        if item.reason == UNSAFE_SYMLINK and (taken := claim(item.path, settings)) is not None:
            location = quarantine(taken, settings, stage="intake", error=item.reason,
                                  hint="Copy the file itself into the intake folder, not a link to it.")
            rejected.append(Outcome(taken.name, "quarantined", stage="intake", reason=item.reason,
                                    location=str(location)))
        else:
            log.info("skipping %s: %s", item.path.name, item.reason)
    return claimed, rejected


def default_extract(settings: Settings, today: date | None = None, engine=None) -> Extract:
    def _extract(path: Path, sha256: str) -> Extraction:
        return extract_document(path, today=today, settings=settings, engine=engine, sha256=sha256)

    return _extract


def process_claimed(claimed: Claimed, store: Store, settings: Settings, extract: Extract, *,
                    run_id: int | None = None, sha256: str | None = None) -> Outcome:
    """Turn one claimed file into an outcome; never raises for a bad file (it is quarantined)."""
    started = time.perf_counter()
    try:
        if reason := unsupported_reason(claimed.name):
            raise_unsupported(claimed.name, reason)
        sha256 = sha256 or sha256_file(claimed.path)
        outcome = _dedupe(claimed, store, settings, sha256)
        if outcome is None:
            extraction = extract(claimed.path, sha256)
            target = archive_target(claimed.name, settings, sha256)
            extraction.record.document.filename = claimed.name
            store.save(extraction.record, extraction.text.pages, archive_path=str(target))
            final = move_to_archive(claimed, target)
            if final != target:
                store.set_archive_path(sha256, str(final))
            flags = [flag.code for flag in extraction.record.flags]
            outcome = Outcome(claimed.name, "processed", sha256, location=str(final), flags=flags)
    except KerjasamaError as exc:
        outcome = _quarantine(claimed, settings, exc.stage, str(exc), exc.hint, sha256)
    except Exception as exc:  # one bad document never fails the batch
        log.exception("unexpected failure on %s", claimed.name)
        outcome = _quarantine(claimed, settings, "extract", f"{claimed.name}: {type(exc).__name__}: {exc}",
                              "This is a bug in Kerjasama: report it with the error file.", sha256)
    outcome.seconds = round(time.perf_counter() - started, 3)
    store.add_event(outcome.name, outcome.outcome, sha256=outcome.sha256, run_id=run_id, stage=outcome.stage,
                    reason=outcome.reason, seconds=outcome.seconds)
    return outcome


def raise_unsupported(name: str, reason: str) -> None:
    from pipeline.errors import UnsupportedFileError

    raise UnsupportedFileError(f"{name}: {reason}")


def _dedupe(claimed: Claimed, store: Store, settings: Settings, sha256: str) -> Outcome | None:
    """Already extracted by this version: archive as duplicate, or finish a crashed run's archiving."""
    if not store.has_record(sha256, PIPELINE_VERSION):
        return None
    recorded = store.archive_path(sha256)
    if recorded and not Path(recorded).exists():
        final = move_to_archive(claimed, Path(recorded))
        store.set_archive_path(sha256, str(final))
        return Outcome(claimed.name, "processed", sha256, reason="recovered after an interrupted run",
                       location=str(final))
    final = move_to_archive(claimed, archive_target(f"duplicate-{sha256[:12]}-{claimed.name}", settings, sha256))
    return Outcome(claimed.name, "duplicate", sha256, reason="same bytes as an already processed document",
                   location=str(final))


def _quarantine(claimed: Claimed, settings: Settings, stage: str, error: str, hint: str,
                sha256: str | None) -> Outcome:
    location = quarantine(claimed, settings, stage=stage, error=error, hint=hint)
    return Outcome(claimed.name, "quarantined", sha256, stage=stage, reason=error, location=str(location))


def summarise(outcomes: list[Outcome]) -> dict:
    counts = {kind: sum(o.outcome == kind for o in outcomes) for kind in ("processed", "duplicate", "quarantined")}
    return {
        "processed": counts["processed"],
        "duplicates": counts["duplicate"],
        "quarantined": counts["quarantined"],
        "files": [o.to_dict() for o in outcomes],
    }


def claim_paths(paths: list[Path], settings: Settings) -> list[Claimed]:
    """Copy files (or the files of folders) given on the command line into processing/: originals stay."""
    import shutil
    import uuid

    from pipeline.intake import is_temporary, safe_name

    assert settings.processing_dir is not None
    settings.processing_dir.mkdir(parents=True, exist_ok=True)
    files = [p for path in paths for p in (sorted(path.rglob("*")) if path.is_dir() else [path]) if p.is_file()]
    claimed = []
    for path in files:
        if is_temporary(path):
            continue
        name = safe_name(path.name)
        target = settings.processing_dir / f"{os.getpid()}.{uuid.uuid4().hex[:8]}.{name}"
        shutil.copy2(path, target)
        claimed.append(Claimed(target, name))
    return claimed
