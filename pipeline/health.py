"""Checks of the machine a run needs (`kerjasama doctor`, and the preflight of the run commands):
Tesseract and each configured language, the database reachable and writable, every folder writable,
free disk space, the Prefect server when one is configured. Each check is one line; none changes data."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import (
    DatabaseUnavailableError,
    EnvironmentFault,
    FolderNotWritableError,
    OcrLanguageMissingError,
    environment_fault,
    redact_url,
)
from pipeline.settings import Settings

MIN_FREE_BYTES = 1 << 30  # below 1 GiB free, a run may fill the disk (page images, the database)
DATABASE_TIMEOUT_SECONDS = 5
PREFECT_API_ENV = "PREFECT_API_URL"
PROBE_TABLE = "kerjasama_doctor_probe"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fault: EnvironmentFault | None = None
    warning: bool = False  # not OK, but a run still works (e.g. orientation detection missing)

    def line(self) -> str:
        status = "ok  " if self.ok else ("warn" if self.warning else "FAIL")
        return f"{status} {self.name}: {self.detail}"


def check_tesseract() -> Check:
    from pipeline.text.ocr import tesseract_command

    command = tesseract_command()
    try:
        result = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        from pipeline.errors import TesseractMissingError

        fault = TesseractMissingError(f"Tesseract is not installed ({command} cannot be run: {exc})")
        return Check("tesseract", False, fault.line(), fault)
    lines = (result.stdout or result.stderr).splitlines()
    return Check("tesseract", True, lines[0].strip() if lines else command)


def check_languages(lang: str) -> list[Check]:
    """One check per language of the setting ("ind+eng"), and OSD (orientation) as a warning only."""
    from pipeline.text.ocr import installed_languages

    try:
        installed = installed_languages()
    except EnvironmentFault as exc:
        return [Check("tesseract languages", False, exc.line(), exc)]
    checks = []
    for language in [part for part in lang.split("+") if part]:
        if language in installed:
            checks.append(Check(f"language {language}", True, "installed"))
        else:
            fault = OcrLanguageMissingError(language)
            checks.append(Check(f"language {language}", False, fault.line(), fault))
    if "osd" not in installed:
        detail = "not installed: rotated scans are not turned upright (apt-get install tesseract-ocr-osd)"
        checks.append(Check("language osd", False, detail, warning=True))
    return checks


def check_database(url: str) -> Check:
    """Connect, create and drop a table (in a transaction rolled back): reachable and writable, nothing
    changed."""
    from sqlalchemy import create_engine, text

    shown = redact_url(url)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            folder = _existing_ancestor(path.parent)
            if not _writable(folder):
                missing = FolderNotWritableError(
                    f"database {shown} cannot be created: {folder} is not writable"
                )
                return Check("database", False, missing.line(), missing)
            return Check("database", True, f"{shown} (not created yet; {folder} is writable)")
        engine = create_engine(url, connect_args={"timeout": DATABASE_TIMEOUT_SECONDS})
    else:
        engine = create_engine(url, connect_args=_connect_timeout(url))
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            # SQLite (pysqlite) runs DDL outside the transaction, so the rollback alone would keep the
            # table and the next check would fail: drop it explicitly (and any left by an older version).
            connection.execute(text(f"DROP TABLE IF EXISTS {PROBE_TABLE}"))
            connection.execute(text(f"CREATE TABLE {PROBE_TABLE} (x INTEGER)"))
            connection.execute(text(f"DROP TABLE {PROBE_TABLE}"))
            transaction.rollback()
    except Exception as exc:
        fault: EnvironmentFault = environment_fault(exc, url) or DatabaseUnavailableError(
            f"database {shown} cannot be used: {type(exc).__name__}: {exc}", resource=shown
        )
        return Check("database", False, fault.line(), fault)
    finally:
        engine.dispose()
    return Check("database", True, f"{shown} reachable and writable")


def _connect_timeout(url: str) -> dict:
    return {"connect_timeout": DATABASE_TIMEOUT_SECONDS} if url.startswith("postgresql") else {}


def check_folders(settings: Settings) -> list[Check]:
    checks = []
    for name, folder in settings.folders().items():
        target = folder if folder.exists() else _existing_ancestor(folder)
        if _writable(target):
            detail = str(folder) if target == folder else f"{folder} (not created yet; {target} is writable)"
            checks.append(Check(f"folder {name}", True, detail))
        else:
            fault = FolderNotWritableError(f"folder {target} is not writable ({name})", resource=str(target))
            checks.append(Check(f"folder {name}", False, fault.line(), fault))
    return checks


def check_disk(settings: Settings, minimum: int = MIN_FREE_BYTES) -> list[Check]:
    """Free space on each file system holding a folder (each file system once)."""
    seen: dict[int, Path] = {}
    for folder in settings.folders().values():
        existing = _existing_ancestor(folder)
        seen.setdefault(existing.stat().st_dev, existing)
    checks = []
    for path in seen.values():
        free = shutil.disk_usage(path).free
        detail = f"{free / (1 << 30):.1f} GiB free at {path}"
        if free >= minimum:
            checks.append(Check("disk", True, detail))
        else:
            fault = FolderNotWritableError(
                f"only {free / (1 << 20):.0f} MiB free at {path}", resource=str(path), hint="free some space"
            )
            checks.append(Check("disk", False, f"{detail}: below {minimum / (1 << 30):.1f} GiB", fault))
    return checks


def check_prefect() -> Check | None:
    """The Prefect server at PREFECT_API_URL answers /health (None when none is configured: the run
    commands start a temporary one)."""
    url = os.environ.get(PREFECT_API_ENV)
    if not url:
        return None
    health = url.rstrip("/") + "/health"
    try:
        with urllib.request.urlopen(health, timeout=DATABASE_TIMEOUT_SECONDS) as response:  # noqa: S310
            ok = response.status == 200
    except OSError as exc:
        fault = EnvironmentFault(
            f"Prefect server {url} does not answer ({exc})",
            resource=url,
            hint=f"start it (prefect server start) or unset {PREFECT_API_ENV}",
        )
        return Check("prefect", False, fault.line(), fault)
    return Check("prefect", ok, f"{url} healthy" if ok else f"{url} answered /health with an error")


def run_checks(settings: Settings) -> list[Check]:
    checks = [check_tesseract()]
    if checks[0].ok:
        checks += check_languages(settings.ocr_lang)
    checks.append(check_database(settings.database_url or ""))
    checks += check_folders(settings)
    checks += check_disk(settings)
    if (prefect := check_prefect()) is not None:
        checks.append(prefect)
    return checks


def preflight(settings: Settings) -> None:
    """Before a run claims anything: raise the first environment fault of the OCR languages, the folders
    or the database (a run that would fail on every file fails once, with nothing moved)."""
    from pipeline.text.ocr import require_languages

    require_languages(settings.ocr_lang)
    for check in [*check_folders(settings), check_database(settings.database_url or "")]:
        if check.fault is not None:
            raise check.fault


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _writable(folder: Path) -> bool:
    """Really create a file (permission bits say nothing for root, or on a read-only mount)."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".kerjasama-probe-"):
            return True
    except OSError:
        return False
