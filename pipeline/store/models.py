"""SQLAlchemy 2 tables: documents, pages, records (+ parties, obligations, scope), events, runs, links,
analysts' corrections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Document(Base):
    """One original file, identified by the SHA-256 of its bytes."""

    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(512))
    bytes: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    text_source: Mapped[str] = mapped_column(String(16))
    ocr_mean_confidence: Mapped[float | None] = mapped_column(Float)
    archive_path: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    page_rows: Mapped[list[PageRow]] = relationship(cascade="all, delete-orphan", order_by="PageRow.number")


class PageRow(Base):
    """The text of one page as read (text layer or OCR), so re-extraction never OCRs again."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("sha256", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    layout: Mapped[dict] = mapped_column(JSON)  # words with spans, boxes, confidences; size; notes


class RecordRow(Base):
    """An extracted record: the full JSON plus queryable columns. One per (document, pipeline version)."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("sha256", "pipeline_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    pipeline_version: Mapped[str] = mapped_column(String(32))
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    doc_type: Mapped[str | None] = mapped_column(String(16), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    signing_date: Mapped[str | None] = mapped_column(String(10))
    effective_date: Mapped[str | None] = mapped_column(String(10))
    expiry_date: Mapped[str | None] = mapped_column(String(10), index=True)
    workplan: Mapped[str | None] = mapped_column(String(16), index=True)
    flag_codes: Mapped[str] = mapped_column(Text, default="")  # space-separated, for LIKE queries
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    record: Mapped[dict] = mapped_column(JSON)

    parties: Mapped[list[PartyRow]] = relationship(cascade="all, delete-orphan")
    obligations: Mapped[list[ObligationRow]] = relationship(cascade="all, delete-orphan")
    scope_items: Mapped[list[ScopeRow]] = relationship(cascade="all, delete-orphan")


class PartyRow(Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(128))
    order: Mapped[int | None] = mapped_column(Integer)
    representative: Mapped[str | None] = mapped_column(Text)
    position: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)


class ObligationRow(Base):
    __tablename__ = "obligations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    party: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)


class ScopeRow(Base):
    __tablename__ = "scope_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)


class IntakeEvent(Base):
    """What happened to one dropped file: processed, duplicate, quarantined or skipped."""

    __tablename__ = "intake_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    seconds: Mapped[float | None] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Run(Base):
    """One intake or nightly run and its summary counts."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    processed: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class AgreementNumber(Base):
    """A number of a document's newest record: its own, the parent it cites, or one cited in its text."""

    __tablename__ = "agreement_numbers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(8))  # own | parent | cited
    number: Mapped[str] = mapped_column(Text)  # as read
    base_key: Mapped[str] = mapped_column(String(128), index=True)  # letters and digits, no 'Tahun YYYY'
    year: Mapped[str | None] = mapped_column(String(4))  # the 'Tahun YYYY' suffix
    fuzzy_key: Mapped[str] = mapped_column(String(128), index=True)  # base_key with OCR look-alikes folded
    page: Mapped[int | None] = mapped_column(Integer)


class Link(Base):
    """A document that carries out, amends or reports on another (child -> parent), with its evidence."""

    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("child_sha256", "parent_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    child_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    parent_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(16))  # parent_agreement | cited_number
    confidence: Mapped[float] = mapped_column(Float)
    evidence: Mapped[dict] = mapped_column(JSON)  # cited and matched numbers, match kind, page
    source: Mapped[str] = mapped_column(String(16), default="auto")  # auto, or analyst (kept on re-linking)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# Analysts' corrections: which fields one may name, and the table (pipeline/analyst/corrections.py
# validates and stores them, pipeline/store/effective.py applies them on read).
SCALAR_CORRECTABLE = (
    "doc_type",
    "language",
    "title",
    "signing_date",
    "signing_place",
    "effective_date",
    "expiry_date",
    "workplan",
    "parent_agreement",
    "duration_months",
)
# A list field is corrected whole: the value is the complete corrected list (items added, edited, removed).
LIST_CORRECTABLE = ("numbers", "parties", "scope", "obligations")
CORRECTABLE_FIELDS = SCALAR_CORRECTABLE + LIST_CORRECTABLE


class Correction(Base):
    """One analyst's corrected value of one field of one document (history kept; the newest wins)."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    analyst: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)
