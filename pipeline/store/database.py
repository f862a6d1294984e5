"""Storage: SQLite file by default, any SQLAlchemy URL; Alembic migrations; upsert by SHA-256 + version."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, migrations are not serialised
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from pipeline.processes import alive
from pipeline.store.links import refresh_links
from pipeline.store.models import (
    Document,
    IntakeEvent,
    ObligationRow,
    PageRow,
    PartyRow,
    RecordRow,
    Run,
    ScopeRow,
)
from pipeline.store.portfolio import FOLLOW_UP_MONTHS, refresh_follow_up
from schemas.pages import Page
from schemas.record import Record

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 60
MIGRATION_LOCK_KEY = 0x6B6A7361  # PostgreSQL advisory lock id ("kjsa")


def now() -> datetime:
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout so concurrent runs wait, not fail."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision; runs starting at once migrate one after the other."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """SQLite: an exclusive lock on `<db>.migrate.lock` (its DDL would race: "table already exists")."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or fcntl is None:
        yield
        return
    with open(f"{database}.migrate.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_store(settings) -> Store:
    """The store of `settings` (its database URL and follow-up rule)."""
    return Store(settings.database_url or "", follow_up_months=settings.follow_up_months)


class Store:
    """The database of documents, page text, records and runs."""

    def __init__(
        self, url: str, *, auto_migrate: bool = True, follow_up_months: int = FOLLOW_UP_MONTHS
    ) -> None:
        self.url = url
        self.follow_up_months = follow_up_months  # NO_FOLLOW_UP after this many months (pipeline/portfolio)
        self.engine = make_engine(url)
        if auto_migrate:
            migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # documents and pages -------------------------------------------------------------------
    def has_document(self, sha256: str) -> bool:
        with self.sessions() as session:
            return session.get(Document, sha256) is not None

    def has_record(self, sha256: str, pipeline_version: str) -> bool:
        with self.sessions() as session:
            query = select(RecordRow.id).where(
                RecordRow.sha256 == sha256, RecordRow.pipeline_version == pipeline_version
            )
            return session.scalar(query) is not None

    def load_pages(self, sha256: str) -> list[Page]:
        with self.sessions() as session:
            rows = session.scalars(select(PageRow).where(PageRow.sha256 == sha256).order_by(PageRow.number))
            return [_page_from_row(row) for row in rows]

    # records ---------------------------------------------------------------------------------
    def save(self, record: Record, pages: list[Page] | None = None, archive_path: str | None = None) -> int:
        """Upsert one record (and its document and pages) in a single transaction; returns its id."""
        with self.sessions.begin() as session:
            _upsert_document(session, record, pages, archive_path)
            session.execute(
                delete(RecordRow).where(
                    RecordRow.sha256 == record.document.sha256,
                    RecordRow.pipeline_version == record.document.pipeline_version,
                )
            )
            row = _record_row(record)
            session.add(row)
            session.flush()
            parents = refresh_links(session, sha256 := record.document.sha256)  # a parent stored later too
            refresh_follow_up(session, parents | {sha256}, months=self.follow_up_months)
            return row.id

    def document(self, sha256: str) -> Document | None:
        with self.sessions() as session:
            return session.get(Document, sha256)

    def update_record(self, record_id: int, record: Record) -> None:
        """Rewrite one stored record in place (same id, same extraction time): JSON, flags and review."""
        with self.sessions.begin() as session:
            row = session.get(RecordRow, record_id)
            if row is None:
                raise KeyError(f"no record with id {record_id}")
            row.record = record.to_json_dict()
            row.flag_codes = " ".join(sorted({flag.code for flag in record.flags}))
            row.needs_review = record.review.needs_review

    def archive_path(self, sha256: str) -> str | None:
        with self.sessions() as session:
            document = session.get(Document, sha256)
            return document.archive_path if document else None

    def set_archive_path(self, sha256: str, archive_path: str) -> None:
        with self.sessions.begin() as session:
            document = session.get(Document, sha256)
            if document is not None:
                document.archive_path = archive_path

    def latest_records(self) -> list[RecordRow]:
        """The newest record of every document."""
        with self.sessions() as session:
            newest = (
                select(RecordRow.sha256, func.max(RecordRow.id).label("id"))
                .group_by(RecordRow.sha256)
                .subquery()
            )
            query = select(RecordRow).join(newest, RecordRow.id == newest.c.id).order_by(RecordRow.id)
            return list(session.scalars(query))

    def find_record(self, sha_prefix: str) -> RecordRow | None:
        with self.sessions() as session:
            query = (
                select(RecordRow)
                .where(RecordRow.sha256.startswith(sha_prefix))
                .order_by(RecordRow.id.desc())
                .limit(1)
            )
            return session.scalar(query)

    def outdated(self, pipeline_version: str) -> list[str]:
        """Documents with no record of `pipeline_version` yet (made by an older extractor)."""
        current = select(RecordRow.sha256).where(RecordRow.pipeline_version == pipeline_version)
        with self.sessions() as session:
            query = select(Document.sha256).where(Document.sha256.not_in(current)).order_by(Document.sha256)
            return list(session.scalars(query))

    # runs and intake events ------------------------------------------------------------------
    def start_run(self, kind: str) -> int:
        """A new run, owned by this process; a run left unfinished by a process of this machine that no
        longer lives (killed with SIGKILL, the machine lost power) is closed as `interrupted` first."""
        with self.sessions.begin() as session:
            for stale in session.scalars(select(Run).where(Run.finished_at.is_(None))):
                owner = (stale.summary or {}).get("owner") or {}
                if owner.get("host") == socket.gethostname() and not alive(owner.get("pid")):
                    stale.finished_at = now()
                    stale.summary = {**stale.summary, "status": "interrupted"}
            owner = {"host": socket.gethostname(), "pid": os.getpid()}
            run = Run(kind=kind, started_at=now(), summary={"owner": owner})
            session.add(run)
            session.flush()
            return run.id

    def finish_run(self, run_id: int, summary: dict) -> None:
        with self.sessions.begin() as session:
            run = session.get(Run, run_id)
            if run is None:
                return
            run.finished_at = now()
            run.processed = summary.get("processed", 0)
            run.duplicates = summary.get("duplicates", 0)
            run.quarantined = summary.get("quarantined", 0)
            run.summary = summary

    def add_event(
        self,
        filename: str,
        outcome: str,
        *,
        sha256: str | None = None,
        run_id: int | None = None,
        stage: str | None = None,
        reason: str | None = None,
        seconds: float | None = None,
    ) -> None:
        with self.sessions.begin() as session:
            session.add(
                IntakeEvent(
                    run_id=run_id,
                    sha256=sha256,
                    filename=filename,
                    outcome=outcome,
                    stage=stage,
                    reason=reason,
                    seconds=seconds,
                    at=now(),
                )
            )

    def events(self) -> list[IntakeEvent]:
        with self.sessions() as session:
            return list(session.scalars(select(IntakeEvent).order_by(IntakeEvent.id)))

    def runs(self) -> list[Run]:
        with self.sessions() as session:
            return list(session.scalars(select(Run).order_by(Run.id)))


def _upsert_document(
    session: Session, record: Record, pages: list[Page] | None, archive_path: str | None
) -> None:
    info = record.document
    document = session.get(Document, info.sha256)
    if document is None:
        document = Document(sha256=info.sha256, first_seen=now())
        session.add(document)
    document.filename = info.filename
    document.bytes = info.bytes
    document.pages = info.pages
    document.text_source = info.text_source
    document.ocr_mean_confidence = info.ocr_mean_confidence
    if archive_path:
        document.archive_path = archive_path
    if pages is not None:
        session.execute(delete(PageRow).where(PageRow.sha256 == info.sha256))
        session.add_all(_page_row(info.sha256, page) for page in pages)


def _page_row(sha256: str, page: Page) -> PageRow:
    layout = page.to_dict()
    text = layout.pop("text")
    return PageRow(
        sha256=sha256,
        number=page.number,
        source=page.source,
        ocr_confidence=page.mean_confidence,
        text=text,
        layout=layout,
    )


def _page_from_row(row: PageRow) -> Page:
    return Page.from_dict({**row.layout, "text": row.text, "number": row.number, "source": row.source})


def _record_row(record: Record) -> RecordRow:
    row = RecordRow(
        sha256=record.document.sha256,
        pipeline_version=record.document.pipeline_version,
        extracted_at=now(),
        doc_type=record.doc_type.value,
        title=record.title.value,
        signing_date=record.signing_date.value,
        effective_date=record.effective_date.value,
        expiry_date=record.expiry_date.value,
        workplan=record.workplan.value,
        flag_codes=" ".join(sorted({flag.code for flag in record.flags})),
        needs_review=record.review.needs_review,
        record=record.to_json_dict(),
    )
    for party in record.parties:
        if party.value is not None:
            row.parties.append(PartyRow(**party.value.model_dump(), confidence=party.confidence))
    for item in record.obligations:
        if item.value is not None:
            row.obligations.append(ObligationRow(**item.value.model_dump(), confidence=item.confidence))
    for scope in record.scope:
        if scope.value is not None:
            row.scope_items.append(ScopeRow(text=scope.value, confidence=scope.confidence))
    return row
