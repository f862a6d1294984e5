"""Pydantic models of the agreement record contract (schema_version 1, see docs/DESIGN)."""

from __future__ import annotations

import re
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.status import ErrorCategory, ErrorItem, FlagCodeName, Stage, Status, status_of

T = TypeVar("T")

# The record's single-valued fields and its list fields, in contract order.
SCALAR_FIELDS = (
    "doc_type",
    "language",
    "title",
    "signing_date",
    "signing_place",
    "effective_date",
    "duration",
    "expiry_date",
    "workplan",
    "parent_agreement",
)
LIST_FIELDS = ("numbers", "parties", "scope", "obligations")

DocType = Literal["MoU", "PKS", "addendum", "report", "other"]  # report: laporan pelaksanaan, Berita Acara
Language = Literal["id", "en", "id+en"]
WorkplanLevel = Literal["none", "mentioned", "detailed"]
TextSource = Literal["text_layer", "ocr", "mixed"]
Severity = Literal["info", "warning", "error"]


LEGACY_PARTIAL = "partial: "  # how a failed page reads among the review reasons


def _legacy_error(message: str) -> ErrorItem:
    page = re.search(r"\bpage (\d+):", message)
    return ErrorItem(
        stage=Stage.OCR,
        page=int(page.group(1)) if page else None,
        category=ErrorCategory.PAGE,
        message=message,
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Strict):
    """Where a value was read: 1-based page, character span in that page's text, box if known."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    bbox: tuple[float, float, float, float] | None = None


class ExtractedField(_Strict, Generic[T]):
    """A value with its confidence in [0, 1] and the evidence it was read from."""

    value: T | None = None
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class Party(_Strict):
    name: str
    role: str | None = None
    order: int | None = None
    representative: str | None = None
    position: str | None = None


class Duration(_Strict):
    text: str
    months: int | None = None


class Obligation(_Strict):
    party: str | None = None
    text: str


class Flag(_Strict):
    code: FlagCodeName  # a FlagCode value
    severity: Severity
    message: str
    evidence: list[Evidence] = Field(default_factory=list)


class Review(_Strict):
    needs_review: bool = False
    reasons: list[str] = Field(default_factory=list)


class DocumentInfo(_Strict):
    sha256: str
    filename: str
    bytes: int = Field(ge=0)
    pages: int = Field(ge=0)
    text_source: TextSource
    ocr_mean_confidence: float | None = None
    pipeline_version: str


class Record(_Strict):
    """One agreement. Every key is always present; a value not found is null (lists: [])."""

    schema_version: Literal[1] = 1
    document: DocumentInfo
    doc_type: ExtractedField[DocType] = Field(default_factory=ExtractedField[DocType])
    language: ExtractedField[Language] = Field(default_factory=ExtractedField[Language])
    title: ExtractedField[str] = Field(default_factory=ExtractedField[str])
    numbers: list[ExtractedField[str]] = Field(default_factory=list)
    parties: list[ExtractedField[Party]] = Field(default_factory=list)
    signing_date: ExtractedField[str] = Field(default_factory=ExtractedField[str])
    signing_place: ExtractedField[str] = Field(default_factory=ExtractedField[str])
    effective_date: ExtractedField[str] = Field(default_factory=ExtractedField[str])
    duration: ExtractedField[Duration] = Field(default_factory=ExtractedField[Duration])
    expiry_date: ExtractedField[str] = Field(default_factory=ExtractedField[str])
    scope: list[ExtractedField[str]] = Field(default_factory=list)
    obligations: list[ExtractedField[Obligation]] = Field(default_factory=list)
    workplan: ExtractedField[WorkplanLevel] = Field(default_factory=ExtractedField[WorkplanLevel])
    parent_agreement: ExtractedField[str] = Field(default_factory=ExtractedField[str])
    flags: list[Flag] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    status: Status = Status.SUCCESS
    errors: list[ErrorItem] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data):
        """Records stored before `status` and `errors` existed noted failed pages only as review reasons
        "partial: <file>: page N: ..."; they read as typed error items (the one place that text is read)."""
        if not isinstance(data, dict) or "errors" in data or not isinstance(data.get("review"), dict):
            return data
        reasons = data["review"].get("reasons") or []
        legacy = [r.removeprefix(LEGACY_PARTIAL) for r in reasons if r.startswith(LEGACY_PARTIAL)]
        if not legacy:
            return data
        errors = [_legacy_error(message) for message in legacy]
        document = data.get("document")
        pages = document.get("pages", 0) if isinstance(document, dict) else getattr(document, "pages", 0)
        return {**data, "errors": errors, "status": status_of(errors, pages)}

    def with_errors(self, errors: list[ErrorItem]) -> Record:
        """The record with these error items, its status following them (partial, or failed when every
        page failed) and each noted as a review reason (the record needs a person)."""
        self.errors = list(errors)
        self.status = status_of(self.errors, self.document.pages)
        for error in self.errors:
            self.review.needs_review = True
            self.review.reasons.append(f"{LEGACY_PARTIAL}{error.message}")
        return self

    def to_json_dict(self) -> dict:
        """The record as plain JSON types, every key present (nulls kept)."""
        return self.model_dump(mode="json")
