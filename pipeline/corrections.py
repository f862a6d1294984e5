"""Analysts' corrections: stored apart from extracted records, validated, and applied on read."""

from __future__ import annotations

import copy
import getpass
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, get_args

from sqlalchemy import JSON, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.models import Base, Document
from schemas.record import DocType, Language, WorkplanLevel

CORRECTABLE_FIELDS = (
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
DATE_FIELDS = ("signing_date", "effective_date", "expiry_date")
ENUMS: dict[str, tuple[str, ...]] = {
    "doc_type": get_args(DocType),
    "language": get_args(Language),
    "workplan": get_args(WorkplanLevel),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_VALUE = ("", "null", "none", "-")
MAX_MONTHS = 1200


class CorrectionError(ValueError):
    """A correction that cannot be recorded; the message says what to fix."""


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


@dataclass(frozen=True)
class CorrectionInput:
    """A correction read from the command line or a review file, before it is stored."""

    sha256: str
    field: str
    value: Any
    note: str | None = None


def default_analyst() -> str:
    try:
        return os.environ.get("KERJASAMA_ANALYST") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "analyst"


def parse_value(field: str, raw: Any) -> Any:
    """The typed value of `raw` for `field`, or CorrectionError saying what is wrong."""
    if field not in CORRECTABLE_FIELDS:
        raise CorrectionError(f"unknown field '{field}': use one of {', '.join(CORRECTABLE_FIELDS)}")
    if raw is None or (isinstance(raw, float) and raw != raw):  # None or NaN: no value
        return None
    if isinstance(raw, datetime | date) and field in DATE_FIELDS:
        return (raw.date() if isinstance(raw, datetime) else raw).isoformat()
    text = str(raw).strip()
    if text.lower() in NO_VALUE:
        return None
    if field in DATE_FIELDS:
        return _parse_date(field, text)
    if field in ENUMS:
        return _parse_enum(field, text)
    if field == "duration_months":
        return _parse_months(text)
    return text


def _parse_date(field: str, text: str) -> str:
    text = text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$", text) else text
    if not ISO_DATE.match(text):
        raise CorrectionError(f"{field}: '{text}' is not a date in ISO form YYYY-MM-DD (e.g. 2024-05-18)")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise CorrectionError(f"{field}: '{text}' is not a real calendar date ({exc})") from exc


def _parse_enum(field: str, text: str) -> str:
    allowed = ENUMS[field]
    for option in allowed:
        if text.lower() == option.lower():
            return option
    raise CorrectionError(f"{field}: '{text}' is not allowed: use one of {', '.join(allowed)}")


def _parse_months(text: str) -> int:
    try:
        number = float(text)
    except ValueError as exc:
        raise CorrectionError(f"duration_months: '{text}' is not a whole number of months") from exc
    if number != int(number) or not 0 <= number <= MAX_MONTHS:
        raise CorrectionError(f"duration_months: '{text}' must be a whole number from 0 to {MAX_MONTHS}")
    return int(number)


def resolve_sha(store, sha_prefix: str) -> str:
    """The full SHA-256 of the one stored document starting with `sha_prefix`."""
    prefix = sha_prefix.strip().lower()
    if len(prefix) < 4:
        raise CorrectionError(f"SHA-256 prefix '{sha_prefix}' is too short: give at least 4 characters")
    with store.sessions() as session:
        found = list(
            session.scalars(select(Document.sha256).where(Document.sha256.startswith(prefix)).limit(2))
        )
    if not found:
        raise CorrectionError(
            f"no stored document has a SHA-256 starting '{sha_prefix}' (see `records list`)"
        )
    if len(found) > 1:
        raise CorrectionError(
            f"SHA-256 prefix '{sha_prefix}' matches several documents: give more characters"
        )
    return found[0]


def add_corrections(store, items: Iterable[CorrectionInput], analyst: str | None = None) -> list[Correction]:
    """Validate every item first, then store them all in one transaction (all or nothing)."""
    rows = []
    for item in items:
        sha = resolve_sha(store, item.sha256)
        rows.append(
            Correction(
                sha256=sha,
                field=item.field,
                value=parse_value(item.field, item.value),
                analyst=analyst or default_analyst(),
                created_at=datetime.now().astimezone(),
                note=item.note or None,
            )
        )
    with store.sessions.begin() as session:
        session.add_all(rows)
        session.flush()
        _refresh_portfolio(session, store, {row.sha256 for row in rows})
    return rows


def _refresh_portfolio(session, store, shas: set[str]) -> None:
    """A corrected type or parent relinks the document; every correction remakes the follow-up flags
    of the documents and their parents (pipeline/portfolio.py)."""
    from pipeline.links import refresh_links
    from pipeline.portfolio import FOLLOW_UP_MONTHS, refresh_follow_up

    parents: set[str] = set()
    for sha in sorted(shas):
        parents |= refresh_links(session, sha)
    refresh_follow_up(session, shas | parents, months=getattr(store, "follow_up_months", FOLLOW_UP_MONTHS))


def add_correction(
    store, sha_prefix: str, field: str, raw: Any, *, analyst: str | None = None, note: str | None = None
) -> Correction:
    return add_corrections(store, [CorrectionInput(sha_prefix, field, raw, note)], analyst)[0]


def list_corrections(store, sha256: str | None = None) -> list[Correction]:
    """Every stored correction (oldest first), optionally of one document."""
    query = select(Correction).order_by(Correction.created_at, Correction.id)
    if sha256:
        query = query.where(Correction.sha256 == sha256)
    with store.sessions() as session:
        return list(session.scalars(query))


def corrections_by_document(store) -> dict[str, list[Correction]]:
    grouped: dict[str, list[Correction]] = {}
    for row in list_corrections(store):
        grouped.setdefault(row.sha256, []).append(row)
    return grouped


def machine_value(record: dict, field: str) -> Any:
    """The extracted value of a correctable field in record JSON."""
    if field == "duration_months":
        return (record["duration"].get("value") or {}).get("months")
    return record[field].get("value")


def apply_corrections(record_json: dict, corrections: Iterable[Correction | dict]) -> dict:
    """A copy of the record with corrected values set (confidence 1.0); the newest correction of a field wins.

    The copy gains a "corrections" key {field: {value, machine_value, machine_confidence, analyst, at, note}};
    review reasons about corrected fields are dropped and the workplan flag follows a corrected workplan.
    """
    record = copy.deepcopy(record_json)
    applied: dict[str, dict] = {}
    for item in corrections:
        row = item if isinstance(item, dict) else _as_dict(item)
        applied[row["field"]] = row
    summary = {}
    for field, row in applied.items():
        target = record["duration"] if field == "duration_months" else record[field]
        summary[field] = {
            "value": row["value"],
            "machine_value": machine_value(record, field),
            "machine_confidence": target.get("confidence"),
            "analyst": row.get("analyst"),
            "at": str(row.get("created_at") or ""),
            "note": row.get("note"),
        }
        _set_value(record, field, row["value"])
    record["corrections"] = summary
    if summary:
        _refresh_review(record, set(summary))
    return record


def _as_dict(row: Correction) -> dict:
    return {
        "field": row.field,
        "value": row.value,
        "analyst": row.analyst,
        "created_at": row.created_at,
        "note": row.note,
    }


def _set_value(record: dict, field: str, value: Any) -> None:
    if field == "duration_months":
        duration = record["duration"].get("value") or {"text": "", "months": None}
        record["duration"]["value"] = {**duration, "months": value}
        record["duration"]["confidence"] = 1.0
        return
    record[field]["value"] = value
    record[field]["confidence"] = 1.0
    if field == "workplan":
        _refresh_workplan_flag(record, value)


def _refresh_workplan_flag(record: dict, workplan: str | None) -> None:
    flags = [flag for flag in record["flags"] if flag["code"] != "NO_DETAILED_WORKPLAN"]
    if workplan != "detailed":
        old = next((f for f in record["flags"] if f["code"] == "NO_DETAILED_WORKPLAN"), None)
        flags.append(
            old
            or {
                "code": "NO_DETAILED_WORKPLAN",
                "severity": "warning",
                "evidence": [],
                "message": f"No detailed workplan (workplan '{workplan}', corrected by an analyst)",
            }
        )
    record["flags"] = flags


def _refresh_review(record: dict, fields: set[str]) -> None:
    names = fields | ({"duration"} if "duration_months" in fields else set())
    reasons = [r for r in record["review"]["reasons"] if r.split(":")[0].strip() not in names]
    record["review"] = {"needs_review": bool(reasons), "reasons": reasons}
