"""Intake lifecycle: find stable files, claim them atomically, then archive or quarantine — never delete."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.read import SUPPORTED_SUFFIXES
from pipeline.settings import Settings

log = logging.getLogger(__name__)

TEMPORARY_PATTERNS = (re.compile(r"^~\$"), re.compile(r"^\."), re.compile(r"\.(part|crdownload|tmp|download)$", re.I))
ERROR_SUFFIX = ".error.json"
UNSAFE_SYMLINK = "unsafe: symlink leading outside the intake folder (or dangling)"
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]+")


@dataclass(frozen=True)
class Claimed:
    """A file moved into processing/ by this process; `name` is the original (safe) file name."""

    path: Path
    name: str


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def safe_name(name: str) -> str:
    """A file name that cannot traverse paths or pass for an option: no separators, controls, leading dashes."""
    cleaned = _UNSAFE_CHARS.sub("_", name).strip().lstrip("-.") or "unnamed"
    return cleaned[:200]


def is_temporary(path: Path) -> bool:
    return any(pattern.search(path.name) for pattern in TEMPORARY_PATTERNS)


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path`, symlinks resolved, stays inside `folder`."""
    try:
        path.resolve(strict=True).relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def is_stable(path: Path, stable_seconds: float, now: float | None = None) -> bool:
    """A file is fully written when its mtime is older than `stable_seconds` and its size holds still."""
    try:
        first = path.stat()
    except OSError:
        return False
    age = (now or time.time()) - first.st_mtime
    if age < stable_seconds:
        return False
    try:
        return path.stat().st_size == first.st_size
    except OSError:
        return False


def scan(settings: Settings) -> tuple[list[Path], list[Skipped]]:
    """Files ready to claim, and files skipped for now or for good, each with its reason."""
    intake = settings.intake_dir
    assert intake is not None
    ready: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(p for p in intake.rglob("*") if p.is_file() or p.is_symlink()):
        reason = _skip_reason(path, intake, settings)
        if reason:
            skipped.append(Skipped(path, reason))
        else:
            ready.append(path)
    return ready, skipped


def _skip_reason(path: Path, intake: Path, settings: Settings) -> str | None:
    if path.name.endswith(ERROR_SUFFIX):
        return "error report"
    if is_temporary(path):
        return "temporary or hidden file"
    if path.is_symlink():
        if not is_inside(path, intake):
            return UNSAFE_SYMLINK
        return "symlink inside the intake (its target is processed itself)"
    if not is_stable(path, settings.stable_seconds):
        return "still being written"
    return None


def claim(path: Path, settings: Settings) -> Claimed | None:
    """Move `path` atomically into processing/; None when another runner took it first."""
    processing = settings.processing_dir
    assert processing is not None
    processing.mkdir(parents=True, exist_ok=True)
    name = safe_name(path.name)
    target = processing / f"{os.getpid()}.{uuid.uuid4().hex[:8]}.{name}"
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return Claimed(target, name)


def orphans(settings: Settings) -> list[Claimed]:
    """Files left in processing/ by a runner that died: take them over (claim them again)."""
    processing = settings.processing_dir
    assert processing is not None
    found = []
    for path in sorted(processing.glob("*.*.*")):
        pid_text, _, rest = path.name.partition(".")
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        name = rest.partition(".")[2]
        target = processing / f"{os.getpid()}.{uuid.uuid4().hex[:8]}.{name}"
        try:
            os.rename(path, target)
        except FileNotFoundError:
            continue
        log.info("taking over %s left by dead runner %s", name, pid_text)
        found.append(Claimed(target, name))
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def archive_target(name: str, settings: Settings, sha256: str, when: datetime | None = None) -> Path:
    """archive/YYYY/MM/<name>; a different file of the same name gets the hash prefix added."""
    when = when or datetime.now(UTC)
    assert settings.archive_dir is not None
    folder = settings.archive_dir / f"{when:%Y}" / f"{when:%m}"
    target = folder / name
    if target.exists():
        target = folder / f"{Path(name).stem}.{sha256[:12]}{Path(name).suffix}"
    return target


def move_to_archive(claimed: Claimed, target: Path) -> Path:
    """Move the original bytes into the archive (never overwriting another file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    final = _free_path(target)
    os.rename(claimed.path, final)
    return final


def quarantine(claimed: Claimed, settings: Settings, *, stage: str, error: str, hint: str) -> Path:
    """Move the file to quarantine/ beside `<name>.error.json` saying what failed and what to do."""
    folder = settings.quarantine_dir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    final = _free_path(folder / claimed.name)
    os.rename(claimed.path, final)
    report = {
        "file": claimed.name,
        "stage": stage,
        "error": error,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "what_to_do": hint,
    }
    final.with_name(final.name + ERROR_SUFFIX).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    log.warning("quarantined %s at %s: %s", claimed.name, stage, error)
    return final


def _free_path(target: Path) -> Path:
    """`target`, or `name (2).ext`, ... : the first that does not exist yet."""
    candidate, n = target, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
    return candidate


def unsupported_reason(name: str) -> str | None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"
    return None
