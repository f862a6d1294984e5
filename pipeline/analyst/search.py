"""Full-text search over stored page text and record fields: SQLite FTS5 or PostgreSQL tsvector (0003).

Words are case- and diacritic-folded by the engine; each word of three letters or more matches as a prefix
("intelektua" finds "intelektual", "kerjasama" finds "kerjasamanya"), so OCR-clipped word ends and suffixes
are tolerated. A query token holding punctuation ('W20-HM.05.02') or a "quoted phrase" matches its words in
sequence. Every term must match; when no page has them all, pages with any of them are returned instead.
Better matches come first (SQLite bm25, PostgreSQL ts_rank). Filters read the newest record of each
document with analysts' corrections applied (doc_type, expiry_date, workplan); they are evaluated once per
record, before the text query, which then runs over the documents that pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, get_args

from sqlalchemy import exists, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from pipeline.store.models import Correction, Document, PartyRow, RecordRow

HIGHLIGHT = ("\x02", "\x03")  # around each matched word in a snippet; the CLI turns them into colour
ELLIPSIS = "…"
MIN_PREFIX = 3  # shorter words match whole only ('di', 'ke' as prefixes would match half the archive)
SNIPPET_WORDS = 24
DEFAULT_LIMIT = 20
FIRST_CHUNK = 200  # filtered SQLite queries test this many best matches before a pass over every record
PG_CONFIG = "kerjasama_search"  # made by migration 0003
RECORD_PAGE = 0  # the index row of a record's fields has page 0

Status = Literal["active", "expiring", "expired", "unknown", "followed-up", "no-follow-up"]
FOLLOW_UP_STATES = ("followed-up", "no-follow-up")  # pipeline/store/portfolio.py
STATUSES: tuple[str, ...] = get_args(Status)
_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'"([^"]*)"|(\S+)')


class SearchError(ValueError):
    """A query or filter that cannot be run; the message says what to change."""


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on the documents searched (None: no restriction)."""

    partner: str | None = None  # a party name, or a spelling of its partner, contains this (case-insensitive)
    doc_type: str | None = None  # MoU, PKS, addendum, report, other
    flag: str | None = None  # a flag code, e.g. NO_DETAILED_WORKPLAN
    expires_before: date | None = None  # expiry on or before this day
    status: Status | None = None  # by expiry date against today: active / expiring / expired / unknown,
    # or followed-up / no-follow-up (an MoU or PKS with or without a linked PKS, addendum or report)
    partner_documents: frozenset[str] = frozenset()  # set by search(): the documents of those partners
    follow_up_documents: frozenset[str] = frozenset()  # set by search(): the documents of that follow-up


@dataclass(frozen=True)
class SearchHit:
    sha256: str
    filename: str
    page: int | None  # None: the match is in the record's fields (title, numbers, parties)
    snippet: str  # matched words between HIGHLIGHT marks
    score: float  # higher is better; comparable within one result only
    doc_type: str | None
    title: str | None
    expiry_date: str | None


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    every_term: bool  # False: no document had every term, these match some of them


def parse_query(query: str) -> list[tuple[str, ...]]:
    """The terms of a query: each a sequence of words (a quoted phrase or a token with punctuation)."""
    terms = []
    for phrase, token in _TERM.findall(query):
        words = tuple(_WORD.findall(phrase or token))
        if words:
            terms.append(words)
    return terms


def search(
    store,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    today: date | None = None,
    expiring_days: int = 90,
) -> SearchResult:
    """Pages and record fields matching `query`, best first, at most `limit`."""
    terms = parse_query(query)
    if not terms:
        raise SearchError(f"nothing to search for in '{query}': give at least one word")
    if limit < 1:
        raise SearchError(f"--limit must be 1 or more, not {limit}")
    filters = filters or SearchFilters()
    if filters.status is not None and filters.status not in STATUSES:
        raise SearchError(f"unknown status '{filters.status}': use one of {', '.join(STATUSES)}")
    today = today or date.today()
    filters = _with_portfolio(store, filters, today, expiring_days)
    with store.engine.connect() as connection:
        find = _Finder(connection, filters, today, expiring_days, limit)
        ranked, every_term = find(terms, True), True
        if not ranked and len(terms) > 1:
            ranked, every_term = find(terms, False), False
        return SearchResult(_hits(connection, ranked), every_term)


@dataclass
class _Finder:
    """The best `limit` matches that pass the filters.

    On SQLite the first FIRST_CHUNK ranked matches are tested first (their snippets come at little extra
    cost), which settles most filtered queries without a pass over every record; otherwise, and on
    PostgreSQL, the documents passing the filters are found first and the text query runs over them."""

    connection: Connection
    filters: SearchFilters
    today: date
    expiring_days: int
    limit: int

    def __call__(self, terms, every_term: bool) -> list:
        sqlite = self.connection.dialect.name != "postgresql"
        rank = _rank_sqlite if sqlite else _rank_postgresql
        if not _filtered(self.filters):
            return rank(self.connection, terms, every_term, None, self.limit)
        if sqlite:
            size = max(self.limit, FIRST_CHUNK)
            chunk = rank(self.connection, terms, every_term, None, size)
            shas = sorted({row.sha256 for row in chunk})
            passing = set(
                eligible_documents(self.connection, self.filters, self.today, self.expiring_days, shas)
            )
            kept = [row for row in chunk if row.sha256 in passing]
            if len(kept) >= self.limit or len(chunk) < size:  # enough, or every match was seen
                return kept[: self.limit]
        allowed = eligible_documents(self.connection, self.filters, self.today, self.expiring_days)
        return rank(self.connection, terms, every_term, allowed, self.limit) if allowed else []


def _with_portfolio(store, filters: SearchFilters, today: date, expiring_days: int) -> SearchFilters:
    """The filters with the documents of the partners asked for and of the follow-up state asked for."""
    from pipeline.store.partners import partner_documents
    from pipeline.store.portfolio import agreements, follow_up_state

    partner_shas = frozenset(partner_documents(store, filters.partner)) if filters.partner else frozenset()
    follow_shas: frozenset[str] = frozenset()
    if filters.status in FOLLOW_UP_STATES:
        found = agreements(store, today, expiring_days)
        follow_shas = frozenset(s for s, a in found.items() if follow_up_state(a, found) == filters.status)
    return replace(filters, partner_documents=partner_shas, follow_up_documents=follow_shas)


def _filtered(filters: SearchFilters) -> bool:
    return bool(
        filters.partner or filters.doc_type or filters.flag or filters.expires_before or filters.status
    )


def status_of(expiry_date: str | None, today: date, expiring_days: int) -> Status:
    """active / expiring / expired by the expiry date, as the EXPIRED and EXPIRING_SOON flags count."""
    try:
        expiry = date.fromisoformat(expiry_date or "")
    except ValueError:
        return "unknown"
    if expiry < today:
        return "expired"
    return "expiring" if (expiry - today).days <= expiring_days else "active"


# query languages ---------------------------------------------------------------------------------
def _prefix(word: str) -> bool:
    return len(word) >= MIN_PREFIX


def fts5_query(terms: list[tuple[str, ...]], every_term: bool) -> str:
    """FTS5 syntax: a term is "w1"* + "w2"* (adjacent words), terms joined by AND or OR."""
    parts = [" + ".join(f'"{w}"' + ("*" if _prefix(w) else "") for w in words) for words in terms]
    return (" AND " if every_term else " OR ").join(f"({part})" for part in parts)


def tsquery(terms: list[tuple[str, ...]], every_term: bool) -> str:
    """to_tsquery syntax: a term is 'w1':* <-> 'w2':* (adjacent words), terms joined by & or |."""
    parts = [" <-> ".join(f"'{w}'" + (":*" if _prefix(w) else "") for w in words) for words in terms]
    return (" & " if every_term else " | ").join(f"({part})" for part in parts)


# filters -----------------------------------------------------------------------------------------
FILTERED_FIELDS = ("doc_type", "expiry_date", "workplan", "parties")


def _is_newest():
    """The record is the newest of its document (a correlated NOT EXISTS: one index probe per record)."""
    return _IS_NEWEST


_NEWER = aliased(RecordRow)  # never correlated with a `records` of the enclosing query
_IS_NEWEST = ~exists().where(_NEWER.sha256 == RecordRow.sha256, _NEWER.id > RecordRow.id)


def corrected_values(connection: Connection, shas: list[str] | None = None) -> dict[str, dict]:
    """{sha256: {field: value}}: the newest analyst correction of each filtered field."""
    query = (
        select(Correction.sha256, Correction.field, Correction.value)
        .where(Correction.field.in_(FILTERED_FIELDS))
        .order_by(Correction.created_at, Correction.id)
    )
    if shas is not None:
        query = query.where(Correction.sha256.in_(shas))
    fixed: dict[str, dict] = {}
    for sha, field, value in connection.execute(query):
        fixed.setdefault(sha, {})[field] = value
    return fixed


def eligible_documents(
    connection: Connection,
    filters: SearchFilters,
    today: date,
    expiring_days: int,
    shas: list[str] | None = None,
) -> list[str]:
    """The SHA-256s (of `shas` only, when given) whose newest record passes `filters`.

    SQL narrows the records on their stored columns (a corrected field always passes that step); the
    exact test, with corrections applied, is `_passes`."""
    fixed = corrected_values(connection, shas)
    columns = (
        RecordRow.sha256,
        RecordRow.doc_type,
        RecordRow.expiry_date,
        RecordRow.workplan,
        RecordRow.flag_codes,
    )
    query = select(*columns).where(_is_newest())
    if shas is not None:
        query = query.where(RecordRow.sha256.in_(shas))
    for condition in _narrowing(filters, fixed, today, expiring_days):
        query = query.where(condition)
    return [
        row.sha256
        for row in connection.execute(query)
        if _passes(row, fixed.get(row.sha256, {}), filters, today, expiring_days)
    ]


def _narrowing(filters: SearchFilters, fixed: dict[str, dict], today: date, expiring_days: int) -> list:
    def loose(field: str, condition):
        corrected = [sha for sha, values in fixed.items() if field in values]
        return condition | RecordRow.sha256.in_(corrected) if corrected else condition

    conditions: list = []
    expiry = RecordRow.expiry_date
    if filters.partner:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", filters.partner.strip().lower()) + "%"
        named = func.lower(PartyRow.name).like(pattern, escape="\\")
        resolved = RecordRow.sha256.in_(sorted(filters.partner_documents))  # every spelling of the partner
        stored = RecordRow.id.in_(select(PartyRow.record_id).where(named))
        conditions.append(loose("parties", stored | resolved))
    if filters.doc_type:
        conditions.append(
            loose("doc_type", func.lower(RecordRow.doc_type) == filters.doc_type.strip().lower())
        )
    if filters.flag:
        code = filters.flag.strip().upper()
        stored = (" " + RecordRow.flag_codes + " ").like(f"% {code} %")
        decided_by = {"NO_DETAILED_WORKPLAN": "workplan", "EXPIRED": "expiry_date"}
        decided_by["EXPIRING_SOON"] = "expiry_date"
        conditions.append(loose(decided_by[code], stored) if code in decided_by else stored)
    if filters.expires_before:
        conditions.append(loose("expiry_date", expiry <= filters.expires_before.isoformat()))
    if filters.status in FOLLOW_UP_STATES:
        conditions.append(RecordRow.sha256.in_(sorted(filters.follow_up_documents)))
    elif filters.status:
        day, horizon = today.isoformat(), (today + timedelta(days=expiring_days)).isoformat()
        by_status = {
            "expired": expiry < day,
            "expiring": (expiry >= day) & (expiry <= horizon),
            "active": expiry > horizon,
            "unknown": expiry.is_(None),
        }
        conditions.append(loose("expiry_date", by_status[filters.status]))
    return conditions


def _passes(row, fixed: dict, filters: SearchFilters, today: date, expiring_days: int) -> bool:
    doc_type = fixed.get("doc_type", row.doc_type)
    expiry = fixed.get("expiry_date", row.expiry_date)
    if filters.doc_type and (doc_type or "").lower() != filters.doc_type.strip().lower():
        return False
    if filters.partner and "parties" in fixed:  # corrected parties decide (else SQL matched the stored ones)
        wanted = filters.partner.strip().lower()
        if not any(wanted in (party.get("name") or "").lower() for party in fixed["parties"] or []):
            return False
    if filters.flag and not _has_flag(filters.flag.strip().upper(), row, fixed, today, expiring_days):
        return False
    if filters.expires_before and not (expiry and expiry <= filters.expires_before.isoformat()):
        return False
    if filters.status in FOLLOW_UP_STATES:
        return row.sha256 in filters.follow_up_documents
    return not filters.status or status_of(expiry, today, expiring_days) == filters.status


def _has_flag(code: str, row, fixed: dict, today: date, expiring_days: int) -> bool:
    """As the effective record has it (pipeline/store/effective.py): a corrected workplan or expiry date
    decides."""
    if code == "NO_DETAILED_WORKPLAN" and "workplan" in fixed:
        return fixed["workplan"] != "detailed"
    if code in ("EXPIRED", "EXPIRING_SOON") and "expiry_date" in fixed:
        status = status_of(fixed["expiry_date"], today, expiring_days)
        return status == ("expired" if code == "EXPIRED" else "expiring")
    return code in (row.flag_codes or "").split()


# engines -----------------------------------------------------------------------------------------
# A record's index row counts only for the newest record of its document (older pipeline versions stay).
# SQLite: ORDER BY rank alone lets FTS5 hand rows over best first, so snippet() runs for the `limit` rows
# returned only (a second sort key would make it run for every match).
_NEWEST_SQLITE = "NOT EXISTS (SELECT 1 FROM records n WHERE n.sha256 = s.sha256 AND n.id > -s.rowid)"
_NEWEST_PG = "NOT EXISTS (SELECT 1 FROM records n WHERE n.sha256 = x.sha256 AND n.id > x.id)"


def _rank_sqlite(connection: Connection, terms, every_term: bool, allowed: list[str] | None, limit: int):
    only = " AND s.sha256 IN (SELECT value FROM json_each(:allowed))" if allowed is not None else ""
    params = {"match": fts5_query(terms, every_term), "allowed": json.dumps(allowed), "limit": limit}
    params |= {"start": HIGHLIGHT[0], "end": HIGHLIGHT[1], "ellipsis": ELLIPSIS, "words": SNIPPET_WORDS}
    return connection.execute(
        text(
            "SELECT s.rowid AS rid, s.sha256, s.page, -s.rank AS score, "
            "snippet(search_index, 0, :start, :end, :ellipsis, :words) AS snippet FROM search_index s "
            f"WHERE search_index MATCH :match AND (s.page > 0 OR {_NEWEST_SQLITE}){only} "
            "ORDER BY s.rank LIMIT :limit"
        ),
        params,
    ).all()


def _rank_postgresql(connection: Connection, terms, every_term: bool, allowed: list[str] | None, limit: int):
    pages_only = " AND p.sha256 = ANY(:allowed)" if allowed is not None else ""
    records_only = " AND x.sha256 = ANY(:allowed)" if allowed is not None else ""
    start, end = HIGHLIGHT
    options = f"StartSel={start}, StopSel={end}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}"
    headline = f"ts_headline('{PG_CONFIG}', {{body}}, q.q, :options)"
    body = "CASE WHEN h.rid > 0 THEN p.text ELSE kerjasama_record_text(x.title, x.record) END"
    return connection.execute(
        text(
            f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :query) AS q), hits AS ("
            "SELECT p.id AS rid, p.sha256, p.number AS page, ts_rank(p.search_tsv, q.q, 1) AS score "
            f"FROM pages p, q WHERE p.search_tsv @@ q.q{pages_only} UNION ALL "
            f"SELECT -x.id, x.sha256, {RECORD_PAGE}, ts_rank(x.search_tsv, q.q, 1) FROM records x, q "
            f"WHERE x.search_tsv @@ q.q AND {_NEWEST_PG}{records_only} "
            "ORDER BY score DESC, rid LIMIT :limit) "
            f"SELECT h.rid, h.sha256, h.page, h.score, {headline.format(body=body)} AS snippet "
            "FROM hits h CROSS JOIN q LEFT JOIN pages p ON p.id = h.rid LEFT JOIN records x ON x.id = -h.rid "
            "ORDER BY h.score DESC, h.rid"
        ),
        {"query": tsquery(terms, every_term), "allowed": allowed or [], "limit": limit, "options": options},
    ).all()


def _hits(connection: Connection, ranked) -> list[SearchHit]:
    """The ranked matches with their documents' file, type, title and expiry (corrections applied)."""
    if not ranked:
        return []
    shas = sorted({row.sha256 for row in ranked})
    columns = (Document.sha256, Document.filename, RecordRow.doc_type, RecordRow.title, RecordRow.expiry_date)
    query = (
        select(*columns)
        .outerjoin(RecordRow, (RecordRow.sha256 == Document.sha256) & _is_newest())
        .where(Document.sha256.in_(shas))
    )
    info = {row.sha256: row for row in connection.execute(query)}
    fixed = corrected_values(connection, shas)
    return [_hit(row, info[row.sha256], fixed.get(row.sha256, {})) for row in ranked]


def _hit(row, info, fixed: dict) -> SearchHit:
    return SearchHit(
        sha256=row.sha256,
        filename=info.filename,
        page=row.page or None,
        snippet=" ".join((row.snippet or "").split()),
        score=float(row.score),
        doc_type=fixed.get("doc_type", info.doc_type),
        title=info.title,
        expiry_date=fixed.get("expiry_date", info.expiry_date),
    )
