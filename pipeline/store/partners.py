"""Partners: the party names of every stored document resolved to one record per institution.

A name is compared on its kind of institution ('Universitas' = 'University') and its other words, folded
(case, diacritics, OCR look-alikes 0/O, 1/l/I, rn/m), English words as their Indonesian counterparts,
in any order ('University of Bengkulu' = 'Universitas Bengkulu' = 'Bengkulu University'); two names of
the same kind whose words pair off, each misread at most a little (rapidfuzz), are one partner, so an
OCR error still merges while 'Universitas Muhammadiyah Bengkulu', 'Universitas Negeri Malang' or the
Kantor Wilayah of Bali stays apart from 'Universitas Bengkulu', 'Universitas Negeri Padang' or the
Kantor Wilayah of Bengkulu. A faculty or unit ('Fakultas Teknik Universitas
Bengkulu') belongs to its institution. A short name ('UNIB') joins the partner a document defines it for
('Universitas Bengkulu (UNIB)', '... selanjutnya disebut "UNIB"'), else the one partner whose words it
abbreviates; when several fit, it stays apart. An analyst's override (table partner_overrides, migration
0005) resolves one printed name to a given partner exactly, or keeps it apart, and is never fuzzy-matched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rapidfuzz import fuzz, process
from sqlalchemy import DateTime, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.store.models import Base, PageRow, PartyRow, RecordRow
from pipeline.store.partner_names import (
    Name,
    abbreviates,
    defined_short_names,
    indonesian_kind,
    name_key,
    parse_name,
    plain,
)
from pipeline.store.portfolio import AGREEMENT_TYPES, Agreement, agreements, follow_up_state

WORD_SCORE = 80  # rapidfuzz ratio (0-100) for two folded words to be the same word misread
MIN_FUZZY = 5  # shorter words are compared exactly
PRUNE_SCORE = 60  # pairs of names less alike than this (sorted words) are not compared word by word
MIN_LONG = (
    4  # a name of this many words may lack one word the other has ('Hak Asasi Manusia' = 'Human Rights')
)
DEFINITION_PAGES = 2  # short names are defined in the parties clause, on the first pages


class PartnerOverride(Base):
    """An analyst's decision: the party name `name` belongs to the partner named `partner` (the same
    name: kept apart from every other partner)."""

    __tablename__ = "partner_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name_key: Mapped[str] = mapped_column(String(512), unique=True)
    name: Mapped[str] = mapped_column(Text)
    partner: Mapped[str] = mapped_column(Text)
    analyst: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# resolution --------------------------------------------------------------------------------------
class _Union:
    def __init__(self, n: int) -> None:
        self.up = list(range(n))

    def find(self, i: int) -> int:
        while self.up[i] != i:
            self.up[i] = self.up[self.up[i]]
            i = self.up[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.up[self.find(a)] = self.find(b)


def resolve(names: list[str], overrides: dict[str, str] | None = None,
            short_names: dict[str, set[str]] | None = None) -> dict[str, str]:  # fmt: skip
    """{printed name: partner name} for every name. `overrides` maps name_key() -> partner name (exact);
    `short_names` maps a short name to the party names documents define it for."""
    overrides, short_names = overrides or {}, short_names or {}
    printed_count = Counter(names)
    distinct = sorted(printed_count)
    pinned = [name_key(n) in overrides for n in distinct]
    parsed = [parse_name(overrides.get(name_key(n), n)) for n in distinct]
    union = _Union(len(distinct))
    _join_equal(parsed, pinned, union)
    _join_alike(parsed, pinned, union)
    _join_short(distinct, parsed, pinned, short_names, union)
    groups: dict[int, list[int]] = {}
    for i in range(len(distinct)):
        groups.setdefault(union.find(i), []).append(i)
    resolved = {}
    for members in groups.values():
        label = _label([parsed[i] for i in members], [printed_count[distinct[i]] for i in members],
                       [overrides.get(name_key(distinct[i])) for i in members])  # fmt: skip
        resolved.update({distinct[i]: label for i in members})
    return resolved


def _join_equal(parsed: list[Name], pinned: list[bool], union: _Union) -> None:
    """Names compared equal; a name an analyst resolved joins only the names printed as its partner."""
    first: dict[tuple, int] = {}
    printed: dict[str, list[int]] = {}
    for i, name in enumerate(parsed):
        if pinned[i]:
            continue
        printed.setdefault(plain(name.institution), []).append(i)
        if name.words and not name.is_short:
            union.join(i, first.setdefault((name.kind, name.compare), i))
    for i, name in enumerate(parsed):
        if pinned[i]:
            label = plain(name.raw)
            union.join(i, first.setdefault(("analyst", label), i))
            for j in printed.get(label, []):  # the partner as printed; a unit kept apart stays apart
                union.join(i, j)


def _join_alike(parsed: list[Name], pinned: list[bool], union: _Union) -> None:
    """Names of the same kind whose words pair off (see `words_align`)."""
    by_kind: dict[str | None, list[int]] = {}
    for i, name in enumerate(parsed):
        if not pinned[i] and not name.is_short and name.words:
            by_kind.setdefault(name.kind, []).append(i)
    for members in by_kind.values():
        if len(members) < 2:
            continue
        keys = [parsed[i].compare for i in members]
        scores = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=PRUNE_SCORE)
        for a, b in zip(*scores.nonzero(), strict=True):
            if a < b and words_align(parsed[members[a]].words, parsed[members[b]].words):
                union.join(members[a], members[b])


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= MIN_FUZZY and fuzz.ratio(a, b) >= WORD_SCORE


def words_align(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every word of one name is a word of the other, misread at most a little ('bengkulu' /
    'bemgkulu'); of two long names one may lack a single word. A word of each left over ('bali' /
    'bengkulu', 'padang' / 'malang') means two institutions."""
    rest = list(b)
    unmatched = 0
    for word in a:
        match = next((w for w in rest if w == word), None) or next(
            (w for w in rest if _same_word(word, w)), None
        )
        if match is None:
            unmatched += 1
        else:
            rest.remove(match)
    if unmatched and rest:
        return False
    left = unmatched or len(rest)
    return left == 0 or (left == 1 and min(len(a), len(b)) >= MIN_LONG)


def _join_short(distinct: list[str], parsed: list[Name], pinned: list[bool],
                short_names: dict[str, set[str]], union: _Union) -> None:  # fmt: skip
    """A short name joins the one partner a document defines it for, else the one it abbreviates."""
    index = {name: i for i, name in enumerate(distinct)}
    defined: dict[str, set[str]] = {s: set(full) for s, full in short_names.items()}
    for i, name in enumerate(parsed):
        if name.short and not name.is_short:
            defined.setdefault(name.short, set()).add(distinct[i])  # 'Universitas Bengkulu (UNIB)'
    for i, name in enumerate(parsed):
        if not name.is_short or pinned[i]:
            continue
        short = name.short or ""
        roots = {union.find(index[full]) for full in defined.get(short, ()) if full in index}
        if not roots:
            roots = {union.find(j) for j, other in enumerate(parsed)
                     if j != i and not other.is_short and abbreviates(short, other.institution)}  # fmt: skip
        if len(roots) == 1:
            union.join(i, roots.pop())


def _label(parsed: list[Name], times: list[int], chosen: list[str | None]) -> str:
    """An analyst's partner name, else the institution as most often printed (in Indonesian, not in
    capitals, the longest on a tie)."""
    decided = [c for c in chosen if c]
    if decided:
        return Counter(decided).most_common(1)[0][0]
    counts: Counter = Counter()
    for name, n in zip(parsed, times, strict=True):
        if not name.is_short or len(parsed) == 1:
            counts[name.institution] += n
    counts = counts or Counter(name.institution for name in parsed)  # short names only, analysts' pins
    return max(counts, key=lambda n: (counts[n], indonesian_kind(n), not n.isupper(), len(n), n))


# partners of the store ---------------------------------------------------------------------------
@dataclass
class Partner:
    """One partner: its spellings, units and agreements (each with its status)."""

    name: str
    spellings: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    documents: list[Agreement] = field(default_factory=list)
    follow_up: dict[str, str | None] = field(default_factory=dict)  # sha256 -> followed-up / no-follow-up

    @property
    def key(self) -> str:
        return plain(self.name).replace(" ", "-")

    def count(self, attribute: str, agreements_only: bool = False) -> Counter:
        """The partner's documents (only its MoUs and PKS with `agreements_only`) by `attribute`."""
        chosen = [d for d in self.documents if not agreements_only or d.doc_type in AGREEMENT_TYPES]
        return Counter(getattr(d, attribute) or "unknown" for d in chosen)

    @property
    def numbers(self) -> list[str]:
        return sorted({n for d in self.documents for n in d.numbers})


def stored_overrides(session) -> dict[str, str]:
    return {row.name_key: row.partner for row in session.scalars(select(PartnerOverride))}


def stored_short_names(session, names: dict[str, list[str]]) -> dict[str, set[str]]:
    """{short name: party names} defined on the first pages of the stored documents (`names`: the party
    names of each document)."""
    query = select(PageRow.sha256, PageRow.text).where(PageRow.number <= DEFINITION_PAGES)
    defined: dict[str, set[str]] = {}
    for sha, text in session.execute(query):
        if names.get(sha):
            for short, name in defined_short_names(text, names[sha]).items():
                defined.setdefault(short, set()).add(name)
    return defined


def stored_names(session) -> dict[str, list[str]]:
    """{sha256: the party names of its newest record}."""
    newest = select(func.max(RecordRow.id)).group_by(RecordRow.sha256)
    query = select(RecordRow.sha256, PartyRow.name).join(PartyRow, PartyRow.record_id == RecordRow.id)
    names: dict[str, list[str]] = {}
    for sha, name in session.execute(query.where(RecordRow.id.in_(newest)).order_by(PartyRow.id)):
        names.setdefault(sha, []).append(name)
    return names


def resolved_names(session, names: dict[str, list[str]], own: list[str] | None = None) -> dict[str, str]:
    """{printed name: partner name} for the party names of the store (and `own`)."""
    flat = [name for found in names.values() for name in found] + list(own or [])
    return resolve(flat, stored_overrides(session), stored_short_names(session, names))


def own_names(setting: str | None) -> list[str]:
    """The names of KERJASAMA_OWN_INSTITUTION ('A; B')."""
    return [name.strip() for name in (setting or "").split(";") if name.strip()]


def partners(store, today: date | None = None, expiring_days: int = 90,
             own: list[str] | None = None) -> list[Partner]:  # fmt: skip
    """Every partner of the stored documents, by name, with its agreements (corrections applied); the
    partners that `own` names resolve to (the bureau's own institution) are left out."""
    found = agreements(store, today, expiring_days)
    with store.sessions() as session:
        resolved = resolved_names(session, {sha: item.parties for sha, item in found.items()}, own)
    ours = {resolved[name] for name in own or []}
    by_name: dict[str, Partner] = {}
    for item in sorted(found.values(), key=lambda a: (a.signing_date or "", a.sha256)):
        for name in dict.fromkeys(item.parties):
            if resolved[name] in ours:
                continue
            partner = by_name.setdefault(resolved[name], Partner(resolved[name]))
            if name not in partner.spellings:
                partner.spellings.append(name)
            unit = parse_name(name).unit
            if unit and unit not in partner.units:
                partner.units.append(unit)
            if item.sha256 not in partner.follow_up:
                partner.documents.append(item)
                partner.follow_up[item.sha256] = follow_up_state(item, found)
    return sorted(by_name.values(), key=lambda p: plain(p.name))


# The store's party names and their resolution, kept per open store while nothing they depend on changed
# (a record or party row added, an analyst's override set or dropped): a search by partner then costs a few
# counts and one walk over the names, not the resolution of every name again.
_RESOLUTIONS: dict[int, tuple[tuple, dict[str, list[str]], dict[str, str]]] = {}


def _store_resolution(store, session) -> tuple[dict[str, list[str]], dict[str, str]]:
    state = (
        getattr(store, "url", None),
        session.scalar(select(func.max(RecordRow.id))),
        session.scalar(select(func.max(PartyRow.id))),
        session.scalar(select(func.count(PartyRow.id))),
        tuple(session.execute(select(PartnerOverride.name_key, PartnerOverride.partner)).all()),
    )
    cached = _RESOLUTIONS.get(id(store))
    if cached is not None and cached[0] == state:
        return cached[1], cached[2]
    names = stored_names(session)
    resolved = resolved_names(session, names)
    _RESOLUTIONS.clear()  # the newest store only: a process serves one database
    _RESOLUTIONS[id(store)] = (state, names, resolved)
    return names, resolved


def partner_documents(store, text: str) -> set[str]:
    """SHA-256s of the documents of every partner whose name or a spelling of it contains `text`
    (case- and diacritic-folded): 'UNIB' finds the documents naming 'Universitas Bengkulu'."""
    wanted = plain(text)
    with store.sessions() as session:
        names, resolved = _store_resolution(store, session)
    chosen = {
        partner for name, partner in resolved.items() if wanted in plain(name) or wanted in plain(partner)
    }
    return {sha for sha, printed in names.items() if any(resolved[name] in chosen for name in printed)}


def set_override(store, name: str, partner: str, *, analyst: str, note: str | None = None) -> PartnerOverride:
    """Resolve the printed party name `name` to `partner` from now on (partner == name: keep it apart)."""
    if not plain(name) or not plain(partner):
        raise ValueError("both the party name and the partner must have letters or digits")
    row = PartnerOverride(name_key=name_key(name), name=name, partner=" ".join(partner.split()),
                          analyst=analyst, note=note, created_at=datetime.now(UTC))  # fmt: skip
    with store.sessions.begin() as session:
        session.execute(delete(PartnerOverride).where(PartnerOverride.name_key == row.name_key))
        session.add(row)
    return row


def remove_override(store, name: str) -> bool:
    with store.sessions.begin() as session:
        result = session.execute(delete(PartnerOverride).where(PartnerOverride.name_key == name_key(name)))
        return bool(result.rowcount)
