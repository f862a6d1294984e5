"""Typed results: a status, error items (stage, page, category, message), stages, outcomes, flag codes.

Every enum here is a `StrEnum`: its members are the very strings stored in JSON records and database
rows (`Status.PARTIAL == "partial"`), so records and rows written before the enums existed still read.
The model is docling's `ConversionStatus` / `ErrorItem`: a result never says success with errors present.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    """How a document (or one file of a run) ended."""

    SUCCESS = "success"  # read and extracted, nothing failed
    PARTIAL = "partial"  # a record was made, but some pages failed (see its error items)
    FAILED = "failed"  # no usable record: the document is at fault (quarantined, or every page failed)
    SKIPPED = "skipped"  # not processed: the machine failed (file given back) — never the document's fault


class Stage(StrEnum):
    """Where a document was when something happened (the runner's steps and the readers' stages)."""

    INTAKE = "intake"
    CLAIM = "claim"
    HASH = "hash"
    DEDUPE = "dedupe"
    TEXT = "text"
    READ = "read"
    OCR = "ocr"
    EXTRACT = "extract"
    CHECK = "check"
    STORE = "store"
    ARCHIVE = "archive"
    QUARANTINE = "quarantine"
    REREAD = "reread"
    RUNNER = "runner"
    PIPELINE = "pipeline"


class ErrorCategory(StrEnum):
    """Whose fault an error item is."""

    PAGE = "page"  # one page could not be read; the rest of the document was
    DOCUMENT = "document"  # the file itself (unreadable, encrypted, too large, hostile, unsupported)
    ENVIRONMENT = "environment"  # the machine (database, folder, Tesseract, disk, a setting)
    BUG = "bug"  # an unexpected error in Kerjasama


class OutcomeKind(StrEnum):
    """What happened to one file of a run."""

    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    SKIPPED = "skipped"  # an environment fault: the file was given back to the intake


class FlagCode(StrEnum):
    """The codes of a record's flags (extractors/checks.py and pipeline/store/portfolio.py make them)."""

    NO_DETAILED_WORKPLAN = "NO_DETAILED_WORKPLAN"
    EXPIRED = "EXPIRED"
    EXPIRING_SOON = "EXPIRING_SOON"
    MISSING_SECTION = "MISSING_SECTION"
    NUMBER_MISSING = "NUMBER_MISSING"
    NO_SIGNING_DATE = "NO_SIGNING_DATE"
    PAGES_SKIPPED = "PAGES_SKIPPED"
    LOW_OCR_CONFIDENCE = "LOW_OCR_CONFIDENCE"
    NO_FOLLOW_UP = "NO_FOLLOW_UP"
    EXPIRED_WITHOUT_FOLLOW_UP = "EXPIRED_WITHOUT_FOLLOW_UP"


# The same codes as a type for `Flag.code`: extractors/ writes them as literal strings (`code="EXPIRED"`),
# which mypy accepts for a Literal but not for the enum; tests/test_status.py keeps the two equal.
FlagCodeName = Literal[
    "NO_DETAILED_WORKPLAN",
    "EXPIRED",
    "EXPIRING_SOON",
    "MISSING_SECTION",
    "NUMBER_MISSING",
    "NO_SIGNING_DATE",
    "PAGES_SKIPPED",
    "LOW_OCR_CONFIDENCE",
    "NO_FOLLOW_UP",
    "EXPIRED_WITHOUT_FOLLOW_UP",
]
DATE_FLAGS = frozenset({FlagCode.EXPIRED, FlagCode.EXPIRING_SOON})  # move with today, never cached


class ErrorItem(BaseModel):
    """One thing that went wrong: where (stage, 1-based page when one page), whose fault, and what."""

    model_config = ConfigDict(extra="forbid")

    stage: Stage
    page: int | None = Field(default=None, ge=1)
    category: ErrorCategory
    message: str


def status_of(errors: list[ErrorItem], pages: int) -> Status:
    """A record's status from its error items: failed when every page failed, partial when some did."""
    failed_pages = {e.page for e in errors if e.category == ErrorCategory.PAGE}
    if pages and failed_pages >= set(range(1, pages + 1)):
        return Status.FAILED
    return Status.PARTIAL if errors else Status.SUCCESS
