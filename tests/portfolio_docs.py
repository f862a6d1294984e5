"""Stored documents for the portfolio tests: a record with parties, a number, dates and page text."""

from __future__ import annotations

from datetime import date, timedelta

from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Party, Record

TODAY = date.today()


def save(store, n: int, doc_type: str, parties: list[str], number: str, *, parent: str | None = None,
         text: str = "Isi.", expires: date | None = None, signed: date | None = None) -> None:  # fmt: skip
    info = DocumentInfo(sha256=f"{n:02d}" * 32, filename=f"doc-{n}.pdf", bytes=1, pages=1, text_source="ocr",
                        pipeline_version="0.1.0")  # fmt: skip
    record = Record(
        document=info,
        doc_type=ExtractedField[str](value=doc_type, confidence=0.9),
        numbers=[ExtractedField[str](value=number, confidence=0.9)],
        parties=[
            ExtractedField[Party](value=Party(name=name, order=i + 1), confidence=0.9)
            for i, name in enumerate(parties)
        ],  # fmt: skip
        parent_agreement=ExtractedField[str](value=parent, confidence=0.8 if parent else 0.0),
        signing_date=ExtractedField[str](
            value=(signed or TODAY - timedelta(days=700)).isoformat(), confidence=0.9
        ),
        expiry_date=ExtractedField[str](value=expires.isoformat() if expires else None, confidence=0.9),
    )
    store.save(record, [Page(1, text, "ocr", [], 0.9)])
