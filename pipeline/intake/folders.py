"""Intake lifecycle: find stable files, claim them atomically, then archive or quarantine — never delete."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.processes import alive
from pipeline.settings import Settings
from pipeline.text.read import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)

TEMPORARY_PATTERNS = (
    re.compile(r"^~\$"),  # Office owner files (~$x.docx)
    # hidden files, .~lock.x# (LibreOffice), .DS_Store; not "..\\x" (a path in a name: claimed, renamed safe)
    re.compile(r"^\.(?!\.\\)"),
    re.compile(r"~$"),  # editor backups
    re.compile(r"\.(part|partial|crdownload|tmp|temp|download|opdownload|filepart|swp)$", re.I),
    re.compile(r"^(thumbs\.db|desktop\.ini)$", re.I),
)
ERROR_SUFFIX = ".error.json"
UNSAFE_SYMLINK = "unsafe: symlink leading outside the intake folder (or dangling)"
STILL_WRITING = "still being written"
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]+")
# processing/<pid>@<host>.<8 hex>.<original name>: who claimed it, so a dead runner's files can be taken over
_CLAIM_NAME = re.compile(r"^(?P<pid>\d+)@(?P<host>[A-Za-z0-9_-]+)\.(?P<tag>[0-9a-f]{8})\.(?P<name>.+)$")
_ACTIVE: set[str] = set()  # claim names held by live work in this process


@dataclass(frozen=True)
class Claimed:
    """A file moved into processing/ by this process; `name` is the original (safe) file name."""

    path: Path
    name: str
    copy: bool = False  # a copy of a file given on the command line (its original stays where it is)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def host_tag() -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", socket.gethostname())[:40] or "host"


def safe_name(name: str) -> str:
    """A file name that cannot traverse paths or pass for an option: no separators, controls, leading dash."""
    cleaned = _UNSAFE_CHARS.sub("_", name).strip().lstrip("-.") or "unnamed"
    return cleaned[:200]


def is_temporary(path: Path) -> bool:
    return any(pattern.search(path.name) for pattern in TEMPORARY_PATTERNS)


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path`, symlinks resolved, exists and stays inside `folder`."""
    try:
        path.resolve(strict=True).relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def is_stable(path: Path, stable_seconds: float, now: float | None = None) -> bool:
    """Fully written: neither content (mtime) nor inode (ctime, set even by a copy keeping mtime) changed."""
    try:
        info = path.stat()
    except OSError:
        return False
    changed = max(info.st_mtime, info.st_ctime)
    return (time.time() if now is None else now) - changed >= stable_seconds


def scan(settings: Settings) -> tuple[list[Path], list[Skipped]]:
    """Files ready to claim, and files skipped for now or for good, each with its reason."""
    intake = settings.intake_dir
    assert intake is not None
    ready: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(_walk(intake)):
        reason = _skip_reason(path, intake, settings)
        if reason:
            skipped.append(Skipped(path, reason))
        else:
            ready.append(path)
    return ready, skipped


def _walk(folder: Path):
    """Files and links under `folder`; hidden folders and linked folders are not entered."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                yield from _walk(path)
        else:
            yield path


def _skip_reason(path: Path, intake: Path, settings: Settings) -> str | None:
    if path.name.endswith(ERROR_SUFFIX):
        return "error report"
    if is_temporary(path):
        return "temporary or hidden file"
    if path.is_symlink():
        if not is_inside(path, intake):
            return UNSAFE_SYMLINK
        return "symlink inside the intake (its target is processed itself)"
    if not path.is_file():
        return "not a regular file"
    if not is_stable(path, settings.stable_seconds):
        return STILL_WRITING
    return None


def claim(path: Path, settings: Settings) -> Claimed | None:
    """Move `path` atomically into processing/; None when another runner took it first (or it is locked)."""
    processing = settings.processing_dir
    assert processing is not None
    processing.mkdir(parents=True, exist_ok=True)
    name = safe_name(path.name)
    target = processing / claim_name(name)
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            log.warning("cannot claim %s (%s): left in the intake for the next run", path, exc)
            return None
        return _claim_across_devices(path, target)
    _ACTIVE.add(target.name)
    return Claimed(target, name)


def dropped_name(name: str) -> str:
    """The name a file was dropped as, from its name in processing/ (any other name as it is)."""
    match = _CLAIM_NAME.match(name)
    return match["name"] if match else name


def claim_name(name: str) -> str:
    return f"{os.getpid()}@{host_tag()}.{uuid.uuid4().hex[:8]}.{name}"


def _claim_across_devices(path: Path, target: Path) -> Claimed | None:
    """Intake on another file system: rename inside the intake first (atomic), then copy and unlink."""
    hidden = path.with_name(f".kerjasama-claim.{target.name}")
    try:
        os.rename(path, hidden)
    except FileNotFoundError:
        return None
    partial = target.with_name(f".copying.{target.name}")
    shutil.copy2(hidden, partial)
    os.rename(partial, target)
    hidden.unlink()  # the bytes now live in processing/: this is the second half of a move
    _ACTIVE.add(target.name)
    return Claimed(target, _CLAIM_NAME.match(target.name)["name"])  # type: ignore[index]


def unclaim(claimed: Claimed, settings: Settings) -> Path:
    """Give a claimed file back, untouched, when the machine (not the file) failed: back into the intake
    under its own name (or beside it as `name (2).ext`), a command-line copy removed (its original
    stays). When the intake cannot take it, it stays in processing/ for the next run to take over."""
    release(claimed)
    if claimed.copy:
        claimed.path.unlink(missing_ok=True)
        return claimed.path
    assert settings.intake_dir is not None
    try:
        return move_no_clobber(claimed.path, settings.intake_dir / claimed.name)
    except OSError as exc:
        log.warning("cannot return %s to the intake (%s): it stays in %s", claimed.name, exc, claimed.path)
        return claimed.path


def release(claimed: Claimed) -> None:
    """Forget a claim once its file has left processing/."""
    _ACTIVE.discard(claimed.path.name)


def orphans(settings: Settings) -> list[Claimed]:
    """Files left in processing/ by a dead runner of this host (or a failed run here): claim them again."""
    processing = settings.processing_dir
    assert processing is not None
    found = []
    for path in sorted(processing.iterdir()) if processing.is_dir() else []:
        match = _CLAIM_NAME.match(path.name)
        if not match or match["host"] != host_tag() or _held(int(match["pid"]), path.name):
            continue
        target = processing / claim_name(match["name"])
        try:
            os.rename(path, target)
        except FileNotFoundError:
            continue
        log.info("taking over %s left by runner %s", match["name"], match["pid"])
        _ACTIVE.add(target.name)
        found.append(Claimed(target, match["name"]))
    _restore_half_claims(settings)
    return found


def _restore_half_claims(settings: Settings) -> None:
    """A runner that died while claiming across file systems left `.kerjasama-claim.*`: put it back."""
    assert settings.intake_dir is not None
    for hidden in settings.intake_dir.rglob(".kerjasama-claim.*"):
        match = _CLAIM_NAME.match(hidden.name.removeprefix(".kerjasama-claim."))
        if match and match["host"] == host_tag() and not _held(int(match["pid"]), "."):
            restored = move_no_clobber(hidden, hidden.with_name(match["name"]))
            log.info("restored %s, half-claimed by dead runner %s", restored.name, match["pid"])


def _held(pid: int, claim: str) -> bool:
    if pid == os.getpid():
        return claim in _ACTIVE
    return alive(pid)


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
    final = move_no_clobber(claimed.path, target)
    release(claimed)
    return final


def quarantine(claimed: Claimed, settings: Settings, *, stage: str, error: str, hint: str) -> Path:
    """Move the file to quarantine/ beside `<name>.error.json` saying what failed and what to do."""
    folder = settings.quarantine_dir
    assert folder is not None
    final = move_no_clobber(claimed.path, folder / claimed.name)
    release(claimed)
    report = {
        "file": claimed.name,
        "stage": stage,
        "error": error,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "what_to_do": hint,
    }
    report_path = final.with_name(final.name + ERROR_SUFFIX)
    partial = report_path.with_name(f".{report_path.name}.tmp")
    partial.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, report_path)
    log.warning("quarantined %s at %s: %s", claimed.name, stage, error)
    return final


def move_no_clobber(source: Path, target: Path) -> Path:
    """Move `source` to `target`, or `name (2).ext`, ...: never replaces an existing file, even in a race."""
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        candidate = target if n == 1 else target.with_name(f"{target.stem} ({n}){target.suffix}")
        n += 1
        if candidate.exists() or candidate.is_symlink():
            continue
        try:
            os.link(source, candidate, follow_symlinks=False)  # fails if the name was taken meanwhile
        except FileExistsError:
            continue
        except OSError:  # no hard links here (some network shares): plain rename after the check
            _rename_or_copy(source, candidate)
            return candidate
        os.unlink(source)  # the second name stays: this completes a move
        return candidate


def _rename_or_copy(source: Path, target: Path) -> None:
    """os.rename, or across file systems: copy under a hidden name, rename, then remove the source."""
    try:
        os.rename(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        partial = target.with_name(f".copying.{target.name}")
        shutil.copy2(source, partial, follow_symlinks=False)
        os.rename(partial, target)
        os.unlink(source)


def unsupported_reason(name: str) -> str | None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return f"unsupported file type '{suffix or '(none)'}' (supported: {supported})"
    return None
