"""The portfolio: each agreement's status (active / expiring / expired; followed up or not) and the
follow-up flags NO_FOLLOW_UP and EXPIRED_WITHOUT_FOLLOW_UP, from the links between stored documents.

An agreement (MoU or PKS) is followed up when a PKS, addendum or report is linked to it (an analyst's
rejected link does not count). NO_FOLLOW_UP: an MoU signed `follow_up_months` or more ago with none;
EXPIRED_WITHOUT_FOLLOW_UP: an MoU or PKS past its expiry date with none. The flags are stored in the
newest record of each document (its JSON and `flag_codes`) and remade whenever the document or one linked
to it is saved, a link is set, a correction is saved, and nightly against the day's date. Values are read
with analysts' corrections applied (doc_type, signing_date, expiry_date).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.effective import effective_record
from pipeline.store.models import Correction, Document, Link, RecordRow

FOLLOW_UP_MONTHS = 12  # default of KERJASAMA_FOLLOW_UP_MONTHS
FOLLOW_UP_TYPES = ("PKS", "addendum", "report")  # documents that show an agreement is carried out
AGREEMENT_TYPES = ("MoU", "PKS")  # documents that can be followed up
PORTFOLIO_FLAGS = ("NO_FOLLOW_UP", "EXPIRED_WITHOUT_FOLLOW_UP")
FOLLOW_UP_STATES = ("followed-up", "no-follow-up")


@dataclass
class Agreement:
    """One stored document as the portfolio sees it (corrections applied)."""

    sha256: str
    filename: str
    doc_type: str | None
    title: str | None
    numbers: list[str]
    signing_date: str | None
    expiry_date: str | None
    parties: list[str]
    flags: list[str]
    workplan: str | None = None
    status: str = "unknown"  # active / expiring / expired / unknown (no expiry date)
    parents: list[str] = field(default_factory=list)  # SHA-256s it carries out, amends or reports on
    children: list[str] = field(default_factory=list)  # SHA-256s linked to it

    @property
    def year(self) -> str | None:
        return (self.signing_date or "")[:4] or None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


# reading ----------------------------------------------------------------------------------------
def newest_effective(session: Session, shas: Iterable[str] | None = None) -> dict[str, tuple[int, dict]]:
    """{sha256: (record id, newest record JSON with analysts' corrections applied and the flags that depend
    on a corrected field recomputed: pipeline/store/effective.py)}."""
    newest = select(RecordRow.id, RecordRow.sha256, RecordRow.record).order_by(RecordRow.id)
    fixes = select(Correction).order_by(Correction.created_at, Correction.id)
    if shas is not None:
        wanted = sorted(set(shas))
        newest, fixes = newest.where(RecordRow.sha256.in_(wanted)), fixes.where(Correction.sha256.in_(wanted))
    rows: dict[str, tuple[int, dict]] = {}
    for row in session.execute(newest):
        rows[row.sha256] = (row.id, row.record)  # ordered by id: the newest wins
    corrections: dict[str, list[Correction]] = {}
    for item in session.scalars(fixes):
        corrections.setdefault(item.sha256, []).append(item)
    return {
        sha: (rid, effective_record(record, corrections[sha]) if sha in corrections else record)
        for sha, (rid, record) in rows.items()
    }


def live_links(session: Session, parents: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(child, parent) of every link that holds (an analyst's rejection has confidence 0)."""
    query = select(Link.child_sha256, Link.parent_sha256).where(Link.confidence > 0)
    if parents is not None:
        query = query.where(Link.parent_sha256.in_(sorted(set(parents))))
    return [(child, parent) for child, parent in session.execute(query.order_by(Link.id))]


def _doc_type(record: dict) -> str | None:
    return (record.get("doc_type") or {}).get("value")


# flags ------------------------------------------------------------------------------------------
def follow_up_flags(record: dict, child_types: list[str | None], today: date, months: int) -> list[dict]:
    """The follow-up flags of one agreement (record JSON, corrections applied), given the types of the
    documents linked to it."""
    doc_type = _doc_type(record)
    if doc_type not in AGREEMENT_TYPES or any(t in FOLLOW_UP_TYPES for t in child_types):
        return []
    flags = []
    signed = _day((record.get("signing_date") or {}).get("value"))
    if doc_type == "MoU" and signed is not None and add_months(signed, months) <= today:
        message = f"Signed on {signed.isoformat()}; no PKS, addendum or report linked after {months} months."
        flags.append(_flag("NO_FOLLOW_UP", message, record.get("signing_date")))
    expiry = _day((record.get("expiry_date") or {}).get("value"))
    if expiry is not None and expiry < today:
        message = f"Expired on {expiry.isoformat()} with no PKS, addendum or report linked to it."
        flags.append(_flag("EXPIRED_WITHOUT_FOLLOW_UP", message, record.get("expiry_date")))
    return flags


def _flag(code: str, message: str, source: dict | None) -> dict:
    evidence = list((source or {}).get("evidence") or [])
    return {"code": code, "severity": "warning", "message": message, "evidence": evidence}


def child_types(session: Session, shas: Iterable[str]) -> dict[str, list[str | None]]:
    """{parent sha256: the (corrected) types of the documents linked to it}."""
    links = live_links(session, shas)
    records = newest_effective(session, {child for child, _ in links})
    types: dict[str, list[str | None]] = {}
    for child, parent in links:
        types.setdefault(parent, []).append(_doc_type(records[child][1]) if child in records else None)
    return types


def refresh_follow_up(session: Session, shas: Iterable[str], today: date | None = None,
                      months: int = FOLLOW_UP_MONTHS) -> list[str]:  # fmt: skip
    """Remake the follow-up flags of the newest record of each of `shas`; returns those that changed."""
    today = today or date.today()
    wanted = set(shas)
    records = newest_effective(session, wanted)
    types = child_types(session, wanted)
    changed = []
    for sha, (record_id, effective) in sorted(records.items()):
        row = session.get(RecordRow, record_id)
        assert row is not None
        kept = [f for f in row.record.get("flags", []) if f["code"] not in PORTFOLIO_FLAGS]
        new = follow_up_flags(effective, types.get(sha, []), today, months)
        old = [f["code"] for f in row.record.get("flags", []) if f["code"] in PORTFOLIO_FLAGS]
        if old != [f["code"] for f in new]:
            changed.append(sha)
        row.record = {**row.record, "flags": kept + new}  # a new dict: the JSON column sees the change
        row.flag_codes = " ".join(sorted({f["code"] for f in row.record["flags"]}))
    return changed


def refresh_all(store, today: date | None = None, months: int = FOLLOW_UP_MONTHS) -> list[str]:
    """Remake the follow-up flags of every stored document (after relinking, or nightly)."""
    with store.sessions.begin() as session:
        shas = list(session.scalars(select(Document.sha256)))
        return refresh_follow_up(session, shas, today, months)


# status -----------------------------------------------------------------------------------------
def expiry_status(expiry_date: str | None, today: date, expiring_days: int) -> str:
    """active / expiring / expired by the expiry date, as the EXPIRED and EXPIRING_SOON flags count."""
    expiry = _day(expiry_date)
    if expiry is None:
        return "unknown"
    if expiry < today:
        return "expired"
    return "expiring" if (expiry - today).days <= expiring_days else "active"


def follow_up_state(agreement: Agreement, by_sha: dict[str, Agreement]) -> str | None:
    """followed-up / no-follow-up for an MoU or PKS, None for other documents."""
    if agreement.doc_type not in AGREEMENT_TYPES:
        return None
    types = [by_sha[c].doc_type for c in agreement.children if c in by_sha]
    return "followed-up" if any(t in FOLLOW_UP_TYPES for t in types) else "no-follow-up"


def agreements(store, today: date | None = None, expiring_days: int = 90) -> dict[str, Agreement]:
    """Every stored document with its status, parents and children (corrections applied)."""
    today = today or date.today()
    with store.sessions() as session:
        records = newest_effective(session)
        links = live_links(session)
        names = dict(session.execute(select(Document.sha256, Document.filename)).all())
    found = {sha: _agreement(sha, names.get(sha, ""), record) for sha, (_, record) in records.items()}
    for item in found.values():
        item.status = expiry_status(item.expiry_date, today, expiring_days)
    for child, parent in links:
        if child in found and parent in found:
            found[parent].children.append(child)
            found[child].parents.append(parent)
    return found


def _agreement(sha: str, filename: str, record: dict) -> Agreement:
    def value(name: str):
        return (record.get(name) or {}).get("value")

    return Agreement(
        sha256=sha,
        filename=filename or record["document"]["filename"],
        doc_type=value("doc_type"),
        title=value("title"),
        numbers=[n["value"] for n in record.get("numbers", []) if n.get("value")],
        signing_date=value("signing_date"),
        expiry_date=value("expiry_date"),
        parties=[p["value"]["name"] for p in record.get("parties", []) if p.get("value")],
        flags=sorted({f["code"] for f in record.get("flags", [])}),
        workplan=value("workplan"),
    )


# filters ----------------------------------------------------------------------------------------
STATUSES = ("active", "expiring", "expired", "unknown", *FOLLOW_UP_STATES)


@dataclass(frozen=True)
class ListFilters:
    """Which agreements `records list` shows (None: no restriction); values as in `kerjasama search`."""

    partner_documents: frozenset[str] | None = None  # SHA-256s of the partners asked for
    doc_type: str | None = None
    flag: str | None = None
    status: str | None = None  # active / expiring / expired / unknown / followed-up / no-follow-up
    expires_before: date | None = None


def check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status '{status}': use one of {', '.join(STATUSES)}")


def select_agreements(found: dict[str, Agreement], filters: ListFilters) -> list[Agreement]:
    """The agreements passing `filters`, oldest signing first."""
    check_status(filters.status)
    return [
        item
        for item in sorted(found.values(), key=lambda a: (a.signing_date or "9999", a.filename, a.sha256))
        if _passes(item, found, filters)
    ]


def _passes(item: Agreement, found: dict[str, Agreement], filters: ListFilters) -> bool:
    if filters.partner_documents is not None and item.sha256 not in filters.partner_documents:
        return False
    if filters.doc_type and (item.doc_type or "").lower() != filters.doc_type.strip().lower():
        return False
    if filters.flag and filters.flag.strip().upper() not in item.flags:
        return False
    if filters.expires_before and not (
        item.expiry_date and item.expiry_date <= filters.expires_before.isoformat()
    ):
        return False
    if filters.status in FOLLOW_UP_STATES:
        return follow_up_state(item, found) == filters.status
    return not filters.status or item.status == filters.status
