"""Analysts' corrections: validated, then stored apart from extracted records (the table is in
pipeline/store/models.py; pipeline/store/effective.py applies them on read)."""

from __future__ import annotations

import getpass
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, get_args

from pydantic import ValidationError
from sqlalchemy import bindparam, func, insert, select, text

from pipeline.store.corrected import list_corrections
from pipeline.store.models import (
    CORRECTABLE_FIELDS,
    LIST_CORRECTABLE,
    Correction,
    Document,
)
from schemas.record import DocType, Language, Obligation, Party, WorkplanLevel

LIST_ITEM_MODELS: dict[str, type[Party] | type[Obligation]] = {"parties": Party, "obligations": Obligation}
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
    if field in LIST_CORRECTABLE:
        return _parse_list(field, raw)
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


def _parse_list(field: str, raw: Any) -> list:
    """The complete corrected list of `field`: a list, or its JSON text (`review set SHA parties '[...]'`)."""
    items = raw
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in NO_VALUE):
        return []
    if isinstance(raw, str):
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as exc:
            example = _LIST_EXAMPLES[field]
            raise CorrectionError(f"{field}: not a JSON list ({exc.msg}), e.g. {example}") from exc
    if not isinstance(items, list):
        raise CorrectionError(f"{field}: give the whole corrected list, e.g. {_LIST_EXAMPLES[field]}")
    return [_parse_item(field, index, item) for index, item in enumerate(items, 1)]


_LIST_EXAMPLES = {
    "numbers": '["12/UN/KS/2024"]',
    "scope": '["Pendidikan dan pelatihan"]',
    "parties": '[{"name": "Universitas Contoh", "role": "PIHAK KESATU"}]',
    "obligations": '[{"party": "PIHAK KESATU", "text": "menyediakan tempat"}]',
}


def _parse_item(field: str, index: int, item: Any) -> Any:
    model = LIST_ITEM_MODELS.get(field)
    if model is None:
        text = str(item).strip() if item is not None else ""
        if not text:
            raise CorrectionError(f"{field} item {index}: empty; remove the item instead")
        return text
    if not isinstance(item, dict):
        raise CorrectionError(f"{field} item {index}: not an object like {_LIST_EXAMPLES[field]}")
    cleaned = {key: (val.strip() or None) if isinstance(val, str) else val for key, val in item.items()}
    key = "name" if field == "parties" else "text"
    if not cleaned.get(key):
        raise CorrectionError(f"{field} item {index}: the {key} is empty; remove the item instead")
    try:
        return model.model_validate(cleaned).model_dump()
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise CorrectionError(f"{field} item {index}: {where}: {problem['msg']}") from exc


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
    of the documents and their parents (pipeline/store/portfolio.py)."""
    from pipeline.store.links import refresh_links
    from pipeline.store.portfolio import FOLLOW_UP_MONTHS, refresh_follow_up

    parents: set[str] = set()
    for sha in sorted(shas):
        parents |= refresh_links(session, sha)
    refresh_follow_up(session, shas | parents, months=getattr(store, "follow_up_months", FOLLOW_UP_MONTHS))


def add_correction(
    store, sha_prefix: str, field: str, raw: Any, *, analyst: str | None = None, note: str | None = None
) -> Correction:
    return add_corrections(store, [CorrectionInput(sha_prefix, field, raw, note)], analyst)[0]


class CorrectionConflict(CorrectionError):
    """Someone saved this field since the analyst opened it: the later save is refused, nothing is lost."""


def field_versions(store, sha256: str) -> dict[str, Correction]:
    """The newest correction of each corrected field of one document; its id is the field's version."""
    return {row.field: row for row in list_corrections(store, sha256)}


def add_checked_correction(
    store,
    sha256: str,
    field: str,
    raw: Any,
    expected_version: int,
    *,
    analyst: str | None = None,
    note: str | None = None,
) -> Correction:
    """Store a correction only when the field's newest correction is still `expected_version` (0: none).

    One INSERT ... SELECT ... WHERE newest = expected (atomic on SQLite; PostgreSQL first takes a
    transaction lock on the document and field), so of two analysts saving the same field from the
    same version exactly one wins and the other gets CorrectionConflict naming who saved what."""
    value = parse_value(field, raw)
    row = Correction(
        sha256=resolve_sha(store, sha256),
        field=field,
        value=value,
        analyst=analyst or default_analyst(),
        created_at=datetime.now().astimezone(),
        note=note or None,
    )
    with store.sessions.begin() as session:
        if session.bind.dialect.name == "postgresql":
            key = f"corrections:{row.sha256}:{field}"
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
        newest = (
            select(func.coalesce(func.max(Correction.id), 0))
            .where(Correction.sha256 == row.sha256, Correction.field == field)
            .scalar_subquery()
        )
        values = {
            "sha256": row.sha256,
            "field": field,
            "value": value,
            "analyst": row.analyst,
            "created_at": row.created_at,
            "note": row.note,
        }
        source = select(*(bindparam(k, v, type_=Correction.__table__.c[k].type) for k, v in values.items()))
        statement = insert(Correction).from_select(list(values), source.where(newest == expected_version))
        inserted = session.execute(statement.returning(Correction.id)).scalar()
        if inserted is None:
            raise _conflict(session, row.sha256, field, value)
        _refresh_portfolio(session, store, {row.sha256})  # links and follow-up flags, as add_corrections
    row.id = inserted
    return row


def _conflict(session, sha256: str, field: str, attempted: Any) -> CorrectionConflict:
    query = select(Correction).where(Correction.sha256 == sha256, Correction.field == field)
    latest = session.scalar(query.order_by(Correction.id.desc()).limit(1))
    shown = json.dumps(latest.value, ensure_ascii=False) if latest is not None else "?"
    who = f"{latest.analyst} at {latest.created_at:%Y-%m-%d %H:%M:%S}" if latest is not None else "someone"
    return CorrectionConflict(
        f"{field} was changed by {who} (to {shown}) after you opened it: your value "
        f"{json.dumps(attempted, ensure_ascii=False)} was not saved. Check their value, and correct again "
        "if needed"
    )
