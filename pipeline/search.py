"""Full-text search over stored page text and record fields: SQLite FTS5 or PostgreSQL tsvector (0003).

Words are case- and diacritic-folded by the engine; each word of three letters or more matches as a prefix
("intelektua" finds "intelektual", "kerjasama" finds "kerjasamanya"), so OCR-clipped word ends and suffixes
are tolerated. A query token holding punctuation ('W20-HM.05.02') or a "quoted phrase" matches its words in
sequence. Every term must match; when no page has them all, pages with any of them are returned instead.
Better matches come first (SQLite bm25, PostgreSQL ts_rank). Filters read the newest record of each
document with analysts' corrections applied (doc_type, expiry_date, workplan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

HIGHLIGHT = ("\x02", "\x03")  # around each matched word in a snippet; the CLI turns them into colour
ELLIPSIS = "…"
MIN_PREFIX = 3  # shorter words match whole only ('di', 'ke' as prefixes would match half the archive)
SNIPPET_WORDS = 24
DEFAULT_LIMIT = 20
PG_CONFIG = "kerjasama_search"  # made by migration 0003
RECORD_PAGE = 0  # the index row of a record's fields has page 0

Status = Literal["active", "expiring", "expired", "unknown"]
STATUSES: tuple[str, ...] = get_args(Status)
_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'"([^"]*)"|(\S+)')


class SearchError(ValueError):
    """A query or filter that cannot be run; the message says what to change."""


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on the documents searched (None: no restriction)."""

    partner: str | None = None  # a party name contains this (case-insensitive)
    doc_type: str | None = None  # MoU, PKS, addendum, other
    flag: str | None = None  # a flag code, e.g. NO_DETAILED_WORKPLAN
    expires_before: date | None = None  # expiry on or before this day
    status: Status | None = None  # by expiry date against today: active / expiring / expired / unknown


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
    where, params = _filter_sql(filters, today, expiring_days, store.engine.dialect.name)
    run = _run_postgresql if store.engine.dialect.name == "postgresql" else _run_sqlite
    with store.engine.connect() as connection:
        hits = run(connection, terms, True, where, params, limit)
        if hits or len(terms) == 1:
            return SearchResult(hits, True)
        return SearchResult(run(connection, terms, False, where, params, limit), False)


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
def _corrected(field: str, column: str, dialect: str) -> str:
    """The analyst's newest corrected value of `field` when there is one, else the record's column."""
    value = "json_extract(c.value, '$')" if dialect == "sqlite" else "(c.value #>> '{}')"
    match = f"FROM corrections c WHERE c.sha256 = r.sha256 AND c.field = '{field}'"
    newest = f"(SELECT {value} {match} ORDER BY c.created_at DESC, c.id DESC LIMIT 1)"
    return f"(CASE WHEN EXISTS (SELECT 1 {match}) THEN {newest} ELSE {column} END)"


def _filter_sql(filters: SearchFilters, today: date, expiring_days: int, dialect: str) -> tuple[str, dict]:
    """SQL conditions on the newest record `r` of a hit, and their parameters."""
    clauses: list[str] = []
    params: dict = {}
    expiry = _corrected("expiry_date", "r.expiry_date", dialect)
    if filters.partner:
        party = "lower(p.name) LIKE :partner ESCAPE '\\'"
        clauses.append(f"EXISTS (SELECT 1 FROM parties p WHERE p.record_id = r.id AND {party})")
        params["partner"] = "%" + re.sub(r"([\\%_])", r"\\\1", filters.partner.strip().lower()) + "%"
    if filters.doc_type:
        clauses.append(f"lower({_corrected('doc_type', 'r.doc_type', dialect)}) = :doc_type")
        params["doc_type"] = filters.doc_type.strip().lower()
    if filters.flag:
        clauses.append(_flag_sql(filters.flag.strip().upper(), dialect))
        params["flag"] = "% " + filters.flag.strip().upper() + " %"
    if filters.expires_before:
        clauses.append(f"{expiry} <= :expires_before")
        params["expires_before"] = filters.expires_before.isoformat()
    if filters.status:
        clauses.append(_status_sql(filters.status, expiry))
        params["today"] = today.isoformat()
        params["horizon"] = (today + timedelta(days=expiring_days)).isoformat()
    return "".join(f" AND {clause}" for clause in clauses), params


def _flag_sql(code: str, dialect: str) -> str:
    stored = "(' ' || r.flag_codes || ' ') LIKE :flag"
    if code != "NO_DETAILED_WORKPLAN":
        return stored
    corrected = "EXISTS (SELECT 1 FROM corrections c WHERE c.sha256 = r.sha256 AND c.field = 'workplan')"
    workplan = _corrected("workplan", "r.workplan", dialect)
    return f"(CASE WHEN {corrected} THEN coalesce({workplan}, '') <> 'detailed' ELSE {stored} END)"


def _status_sql(status: str, expiry: str) -> str:
    return {
        "expired": f"{expiry} < :today",
        "expiring": f"({expiry} >= :today AND {expiry} <= :horizon)",
        "active": f"{expiry} > :horizon",
        "unknown": f"{expiry} IS NULL",
    }[status]


# engines -----------------------------------------------------------------------------------------
_NEWEST = "LEFT JOIN records r ON r.id = (SELECT max(r2.id) FROM records r2 WHERE r2.sha256 = {hit}.sha256)"


def _columns(dialect: str) -> str:
    return (
        f"d.filename, {_corrected('doc_type', 'r.doc_type', dialect)} AS doc_type, r.title, "
        f"{_corrected('expiry_date', 'r.expiry_date', dialect)} AS expiry_date"
    )


def _run_sqlite(connection: Connection, terms, every_term: bool, where: str, params: dict, limit: int):
    match = fts5_query(terms, every_term)
    ranked = connection.execute(
        text(
            f"SELECT s.rowid AS rid, s.sha256, s.page, -s.rank AS score, {_columns('sqlite')} "
            f"FROM search_index s JOIN documents d ON d.sha256 = s.sha256 {_NEWEST.format(hit='s')} "
            f"WHERE search_index MATCH :match AND (s.page > 0 OR s.rowid = -r.id){where} "
            "ORDER BY s.rank, s.rowid LIMIT :limit"
        ),
        {**params, "match": match, "limit": limit},
    ).all()
    snippets = dict(
        connection.execute(
            text(
                "SELECT rowid, snippet(search_index, 0, :start, :end, :ellipsis, :words) FROM search_index "
                "WHERE search_index MATCH :match AND rowid IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {**_marks(), "words": SNIPPET_WORDS, "match": match, "ids": [row.rid for row in ranked] or [0]},
        ).all()
    )
    return [_hit(row, snippets.get(row.rid, "")) for row in ranked]


def _run_postgresql(connection: Connection, terms, every_term: bool, where: str, params: dict, limit: int):
    query = tsquery(terms, every_term)
    ranked = connection.execute(
        text(
            f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :query) AS q), hits AS ("
            "SELECT p.id AS rid, p.sha256, p.number AS page, ts_rank(p.search_tsv, q.q, 1) AS score "
            "FROM pages p, q WHERE p.search_tsv @@ q.q UNION ALL "
            f"SELECT -x.id, x.sha256, {RECORD_PAGE}, ts_rank(x.search_tsv, q.q, 1) "
            "FROM records x, q WHERE x.search_tsv @@ q.q) "
            f"SELECT h.rid, h.sha256, h.page, h.score, {_columns('postgresql')} "
            f"FROM hits h JOIN documents d ON d.sha256 = h.sha256 {_NEWEST.format(hit='h')} "
            f"WHERE (h.page > 0 OR h.rid = -r.id){where} ORDER BY h.score DESC, h.rid LIMIT :limit"
        ),
        {**params, "query": query, "limit": limit},
    ).all()
    start, end = HIGHLIGHT
    options = f"StartSel={start}, StopSel={end}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}"
    headline = f"ts_headline('{PG_CONFIG}', {{body}}, to_tsquery('{PG_CONFIG}', :query), :options)"
    pages = [row.rid for row in ranked if row.rid > 0] or [0]
    records = [-row.rid for row in ranked if row.rid < 0] or [0]
    snippets = dict(
        connection.execute(
            text(
                f"SELECT id, {headline.format(body='text')} FROM pages WHERE id IN :pages UNION ALL "
                f"SELECT -id, {headline.format(body='kerjasama_record_text(title, record)')} "
                "FROM records WHERE id IN :records"
            ).bindparams(bindparam("pages", expanding=True), bindparam("records", expanding=True)),
            {"query": query, "options": options, "pages": pages, "records": records},
        ).all()
    )
    return [_hit(row, snippets.get(row.rid, "")) for row in ranked]


def _marks() -> dict:
    return {"start": HIGHLIGHT[0], "end": HIGHLIGHT[1], "ellipsis": ELLIPSIS}


def _hit(row, snippet: str) -> SearchHit:
    return SearchHit(
        sha256=row.sha256,
        filename=row.filename,
        page=row.page or None,
        snippet=" ".join(snippet.split()),
        score=float(row.score),
        doc_type=row.doc_type,
        title=row.title,
        expiry_date=row.expiry_date,
    )
