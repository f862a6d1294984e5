"""Links between stored documents: a PKS, addendum or report citing another agreement's number -> its parent.

Every save refreshes the numbers of the saved document (its own, the parent agreement it cites, numbers
cited in its text) and its links in both directions, in the same transaction: a PKS stored before its MoU
is linked when the MoU arrives. Numbers are compared on their letters and digits ('W11-HM.05.02-1688' ==
'W11 HM 05 02 1688'); a 'Tahun YYYY' suffix must agree when both numbers carry one; OCR look-alikes
(O/0, I/L/1, S/5, B/8) match at a lower confidence. An analyst's link or rejection of a pair (source
'analyst'; a rejection has method 'rejected' and confidence 0) replaces the automatic one and is kept.
Every change of links remakes the follow-up flags of the parents concerned (pipeline/store/portfolio.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from pipeline.store.linkdates import cited_dates, date_key, party_names, same_parties
from pipeline.store.models import AgreementNumber, Correction, Document, Link, PageRow, RecordRow
from pipeline.store.portfolio import refresh_all, refresh_follow_up

CHILD_TYPES = ("PKS", "addendum", "report")  # documents whose cited numbers point at a parent
RELINK_BATCH = 200  # documents per transaction in relink_all
AMBIGUOUS = 0.5  # confidence factor when a cited number is held by several stored documents
PLAIN = {"synchronize_session": False}  # Core-speed deletes: no ORM objects of these tables are loaded
MIN_KEY = 7  # letters and digits; a shorter number ('12/2020') is too common to link on
CONFIDENCE = {
    ("parent_agreement", "exact"): 0.95,
    ("parent_agreement", "year"): 0.9,  # one of the two numbers has no 'Tahun YYYY'
    ("parent_agreement", "ocr"): 0.75,
    ("cited_number", "exact"): 0.8,
    ("cited_number", "year"): 0.75,
    ("cited_number", "ocr"): 0.6,
    ("cited_date", "exact"): 0.6,  # no number: the signing date of an agreement of the same parties
}
METHOD = {"parent": "parent_agreement", "cited": "cited_number", "cdate": "cited_date"}
NUMBER_ROLES = ("parent", "cited")  # cited numbers; 'cdate' is a cited date, 'sdate' a signing date
OWN_ROLES = ("own", "sdate")
_YEAR = re.compile(r"\s+(?:Tahun|TAHUN|tahun|Year|YEAR|year)\s+(\d{4})\s*$")
_CITED = re.compile(
    r"(?<![\w/.\-])[A-Za-z0-9]+(?:(?:[ \t]*/[ \t]*|[.\-])[A-Za-z0-9]+)+(?:\s+(?:Tahun|TAHUN|Year)\s+\d{4})?"
)
_DATE = re.compile(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")
_LOOKALIKES = str.maketrans("OILSB", "01158")


@dataclass(frozen=True)
class Number:
    role: str  # own | parent | cited
    number: str
    base_key: str
    year: str | None
    page: int | None = None

    @property
    def fuzzy_key(self) -> str:
        return self.base_key.translate(_LOOKALIKES)


def parse_number(text: str, role: str, page: int | None = None) -> Number | None:
    """The comparable form of a number, or None when it is too short to link on."""
    match = _YEAR.search(text)
    year = match.group(1) if match else None
    base = re.sub(r"[\W_]", "", (text[: match.start()] if match else text).upper())
    if len(base) < MIN_KEY or not re.search(r"\d", base):
        return None
    return Number(role, " ".join(text.split()), base, year, page)


def cited_numbers(page_number: int, text: str) -> list[Number]:
    """Agreement-number shapes in a page's text: letters and digits with '/' (or two '.'/'-'), not dates."""
    found = []
    for match in _CITED.finditer(text):
        token = match.group(0)
        shaped = "/" in token or len(re.findall(r"[.\-]", token)) >= 2
        if not shaped or not re.search(r"\d", token) or _DATE.fullmatch(token.strip()):
            continue
        if not re.search(r"[A-Za-z]", _YEAR.sub("", token)) and token.count("/") < 2:
            continue  # '1.000.000' or '01/2023': amounts and bare serials
        number = parse_number(token, "cited", page_number)
        if number is not None:
            found.append(number)
    return found


# numbers of one document ------------------------------------------------------------------------
def _corrections(session: Session, sha256: str) -> dict:
    """The newest analyst correction of doc_type, parent_agreement and signing_date, by field."""
    fields = ("doc_type", "parent_agreement", "signing_date")
    query = (
        select(Correction.field, Correction.value)
        .where(Correction.sha256 == sha256, Correction.field.in_(fields))
        .order_by(Correction.created_at, Correction.id)
    )
    return dict(session.execute(query).all())


def document_numbers(session: Session, sha256: str) -> tuple[str | None, list[Number]]:
    """The document's type and numbers, from its newest record (analysts' corrections applied)."""
    newest = select(RecordRow.doc_type, RecordRow.record).where(RecordRow.sha256 == sha256)
    row = session.execute(newest.order_by(RecordRow.id.desc()).limit(1)).first()
    if row is None:
        return None, []
    fixed = _corrections(session, sha256)
    doc_type = fixed.get("doc_type", row.doc_type)
    own = [parse_number(item.get("value") or "", "own") for item in row.record.get("numbers", [])]
    numbers = [n for n in own if n is not None]
    parent_text = fixed.get("parent_agreement", (row.record.get("parent_agreement") or {}).get("value"))
    parent = parse_number(parent_text or "", "parent")
    if parent is not None and parent.base_key not in {n.base_key for n in numbers}:
        numbers.append(parent)
    signed = _day(fixed.get("signing_date", (row.record.get("signing_date") or {}).get("value")))
    if doc_type in ("MoU", "PKS") and signed is not None:
        numbers.append(Number("sdate", signed.isoformat(), date_key(signed), None))
    if doc_type in CHILD_TYPES:
        taken = {n.base_key for n in numbers}
        pages = session.execute(select(PageRow.number, PageRow.text).where(PageRow.sha256 == sha256))
        for page_number, text in pages:
            for cited in cited_numbers(page_number, text):
                if cited.base_key not in taken:
                    taken.add(cited.base_key)
                    numbers.append(cited)
            for day in cited_dates(text):
                if date_key(day) not in taken:
                    taken.add(date_key(day))
                    numbers.append(Number("cdate", day.isoformat(), date_key(day), None, page_number))
    return doc_type, numbers


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


# links --------------------------------------------------------------------------------------------
def _match(cited: Number, own: Number) -> str | None:
    """exact / year / ocr, or None: the years disagree or the numbers differ."""
    if cited.year and own.year and cited.year != own.year:
        return None
    if cited.base_key == own.base_key:
        return "exact" if cited.year == own.year else "year"
    return "ocr" if cited.fuzzy_key == own.fuzzy_key else None


def _candidates(session: Session, mine: list[Number], roles: tuple[str, ...], sha256: str):
    """Stored numbers of other documents with these roles whose key equals one of `mine`."""
    keys = {n.base_key for n in mine} | {n.fuzzy_key for n in mine}
    if not keys:
        return []
    columns = (AgreementNumber.sha256, AgreementNumber.role, AgreementNumber.number, AgreementNumber.base_key)
    query = select(*columns, AgreementNumber.year, AgreementNumber.page).where(
        AgreementNumber.sha256 != sha256,
        AgreementNumber.role.in_(roles),
        or_(AgreementNumber.base_key.in_(keys), AgreementNumber.fuzzy_key.in_(keys)),
    )
    return session.execute(query).all()


def _stored(row) -> Number:
    return Number(row.role, row.number, row.base_key, row.year, row.page)


def parent_links(session: Session, sha256: str, numbers: list[Number]) -> dict[str, dict]:
    """parent SHA-256 -> the best evidence that this document carries out, amends or reports on it.

    A cited number held by several stored documents links to each of them at a lower confidence
    (AMBIGUOUS times the usual), with the count in the evidence."""
    citing = [n for n in numbers if n.role in NUMBER_ROLES]
    owners = [(row.sha256, _stored(row)) for row in _candidates(session, citing, ("own",), sha256)]
    best: dict[str, dict] = {}
    for cited in citing:
        matches = [(parent, own, kind) for parent, own in owners if (kind := _match(cited, own))]
        count = len({parent for parent, _, _ in matches})
        method = METHOD[cited.role]
        for parent, own, kind in matches:
            evidence = {"cited": cited.number, "matched": own.number, "match": kind, "page": cited.page}
            if count > 1:
                evidence["candidates"] = count
            confidence = round(CONFIDENCE[(method, kind)] * (AMBIGUOUS if count > 1 else 1.0), 3)
            if parent not in best or confidence > best[parent]["confidence"]:
                best[parent] = {"method": method, "confidence": confidence, "evidence": evidence}
    return best or date_links(session, sha256, numbers)


def date_links(session: Session, sha256: str, numbers: list[Number]) -> dict[str, dict]:
    """Failing a cited number: the agreements signed on a date this document cites, by the same parties
    (pipeline/store/linkdates.py); several of them share the link at AMBIGUOUS times the confidence."""
    dates = [n for n in numbers if n.role == "cdate"]
    rows = _candidates(session, dates, ("sdate",), sha256) if dates else []
    mine = party_names(session, sha256) if rows else []
    found: dict[str, dict] = {}
    for row in rows:
        cited = next(n for n in dates if n.base_key == row.base_key)
        if row.sha256 not in found and same_parties(mine, party_names(session, row.sha256)):
            evidence = {"cited": cited.number, "matched": row.number, "match": "date", "page": cited.page}
            found[row.sha256] = {"method": "cited_date", "evidence": evidence}
    share = AMBIGUOUS if len(found) > 1 else 1.0
    for link in found.values():
        link["confidence"] = round(CONFIDENCE[("cited_date", "exact")] * share, 3)
        if len(found) > 1:
            link["evidence"]["candidates"] = len(found)
    return found


def store_numbers(session: Session, sha256: str) -> list[Number]:
    """Replace the stored numbers of one document by those of its newest record."""
    _, numbers = document_numbers(session, sha256)
    session.execute(delete(AgreementNumber).where(AgreementNumber.sha256 == sha256), execution_options=PLAIN)
    if numbers:
        rows = [{**n.__dict__, "sha256": sha256, "fuzzy_key": n.fuzzy_key} for n in numbers]
        session.execute(insert(AgreementNumber), rows)
    return numbers


def link_child(session: Session, sha256: str, numbers: list[Number] | None = None) -> int:
    """Remake the automatic links from one document to its parents (analysts' links stay)."""
    if numbers is None:
        stored = session.execute(select(AgreementNumber).where(AgreementNumber.sha256 == sha256)).scalars()
        numbers = [_stored(row) for row in stored]
    session.execute(
        delete(Link).where(Link.source == "auto", Link.child_sha256 == sha256), execution_options=PLAIN
    )
    kept = set(session.scalars(select(Link.parent_sha256).where(Link.child_sha256 == sha256)))
    found = {
        parent: link for parent, link in parent_links(session, sha256, numbers).items() if parent not in kept
    }
    if found:
        at = datetime.now(UTC)
        rows = [
            {"child_sha256": sha256, "parent_sha256": parent, "source": "auto", "created_at": at, **link}
            for parent, link in found.items()
        ]
        session.execute(insert(Link), rows)
    return len(found)


def refresh_links(session: Session, sha256: str) -> set[str]:
    """After a save: the document's numbers, its links to its parents, and the links of every stored
    document linked to it or citing one of its numbers (a parent arriving after its PKS, a number now
    held twice, a number it no longer has). Returns the parents, before and after, of every document
    relinked (their follow-up may have changed)."""
    linked = set(session.scalars(select(Link.child_sha256).where(Link.parent_sha256 == sha256)))
    parents = _parents(session, sha256)
    numbers = store_numbers(session, sha256)
    link_child(session, sha256, numbers)
    parents |= _parents(session, sha256)
    own = [n for n in numbers if n.role in OWN_ROLES]
    citing = {row.sha256 for row in _candidates(session, own, tuple(METHOD), sha256)}
    for child in sorted(linked | citing):  # children it had, and children citing its numbers now
        parents |= _parents(session, child)
        link_child(session, child)
        parents |= _parents(session, child)
    return parents


def _parents(session: Session, child: str) -> set[str]:
    return set(session.scalars(select(Link.parent_sha256).where(Link.child_sha256 == child)))


def relink_all(store, batch: int = RELINK_BATCH) -> int:
    """Every stored document's numbers, then the parent links of every document citing one (after
    migration 0004 or corrections), `batch` documents per transaction; returns how many links there are."""
    with store.sessions.begin() as session:
        session.execute(delete(AgreementNumber), execution_options=PLAIN)
        session.execute(delete(Link).where(Link.source == "auto"), execution_options=PLAIN)
        shas = list(session.scalars(select(Document.sha256).order_by(Document.first_seen, Document.sha256)))
    _in_batches(store, shas, batch, store_numbers)
    with store.sessions() as session:
        query = select(AgreementNumber.sha256).where(AgreementNumber.role.in_(tuple(METHOD))).distinct()
        children = sorted(session.scalars(query))
    _in_batches(store, children, batch, link_child)
    refresh_all(store, months=store.follow_up_months)
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(Link)) or 0


def _in_batches(store, shas: list[str], batch: int, step) -> None:
    for start in range(0, len(shas), batch):
        with store.sessions.begin() as session:
            for sha256 in shas[start : start + batch]:
                step(session, sha256)


def links_of(store, sha256: str) -> list[Link]:
    """The links of one document, to its parents and from its children, most confident first."""
    query = (
        select(Link)
        .where(or_(Link.child_sha256 == sha256, Link.parent_sha256 == sha256))
        .order_by(Link.confidence.desc(), Link.id)
    )
    with store.sessions() as session:
        return list(session.scalars(query))


def set_link(
    store, child: str, parent: str, *, analyst: str, note: str | None = None, keep: bool = True
) -> Link:
    """An analyst's decision on child -> parent: a link (keep) or a rejected one (confidence 0, method
    'rejected'). Either replaces the automatic link of the pair and survives re-extraction and relinking."""
    if child == parent:
        raise ValueError("a document cannot be linked to itself")
    evidence = {"analyst": analyst, "note": note}
    with store.sessions.begin() as session:
        session.execute(
            delete(Link).where(Link.child_sha256 == child, Link.parent_sha256 == parent),
            execution_options=PLAIN,
        )
        link = Link(
            child_sha256=child, parent_sha256=parent, method="analyst" if keep else "rejected",
            confidence=1.0 if keep else 0.0, evidence=evidence, source="analyst",
            created_at=datetime.now(UTC),
        )  # fmt: skip
        session.add(link)
        session.flush()
        refresh_follow_up(session, {parent}, months=store.follow_up_months)
    return link


def links_of_store(store) -> list[dict]:
    """Every link with the file and (corrected) type of both documents, for the export and the report."""
    from pipeline.store.portfolio import newest_effective

    with store.sessions() as session:
        links = list(session.scalars(select(Link).order_by(Link.parent_sha256, Link.child_sha256)))
        names = dict(session.execute(select(Document.sha256, Document.filename)).all())
        records = newest_effective(session)

    def kind(sha: str) -> str | None:
        return (records[sha][1].get("doc_type") or {}).get("value") if sha in records else None

    return [
        {
            "child_sha256": link.child_sha256,
            "child_file": names.get(link.child_sha256),
            "child_type": kind(link.child_sha256),
            "parent_sha256": link.parent_sha256,
            "parent_file": names.get(link.parent_sha256),
            "parent_type": kind(link.parent_sha256),
            "method": link.method,
            "confidence": link.confidence,
            "source": link.source,
            "cited": (link.evidence or {}).get("cited"),
            "matched": (link.evidence or {}).get("matched"),
            "note": (link.evidence or {}).get("note"),
        }  # fmt: skip
        for link in links
    ]
