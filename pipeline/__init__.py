"""Kerjasama pipeline: stages from a dropped file to a stored agreement record (no Prefect here)."""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

# The code and language data that turn page text into a record: a change to any of these files is a
# new pipeline version, so `nightly` re-extracts the records an older extractor made (from stored page
# text) and the intake flow's cached extractions of an older version are not reused.
RECORD_SHAPING = ("extractors", "schemas")
ROOT = Path(__file__).resolve().parent.parent


def package_version() -> str:
    try:
        return metadata.version("kerjasama")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0.0.0"


def source_hash(folders: tuple[str, ...] = RECORD_SHAPING, root: Path = ROOT) -> str:
    """8 hex digits of the hash of every file under `folders` (path and bytes; caches left out)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:8]


PIPELINE_VERSION = f"{package_version()}+{source_hash()}"
