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

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rapidfuzz import fuzz, process
from sqlalchemy import DateTime, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from extractors.lang.institutions import (
    EXPANSIONS,
    KINDS,
    PHRASES,
    SHORT_NAME_CUES,
    STOP_WORDS,
    TRANSLATIONS,
    UNIT_NAMES,
    UNIT_WORDS,
)
from pipeline.models import Base, PageRow
from pipeline.portfolio import AGREEMENT_TYPES, Agreement, agreements, follow_up_state

WORD_SCORE = 80  # rapidfuzz ratio (0-100) for two folded words to be the same word misread
MIN_FUZZY = 5  # shorter words are compared exactly
PRUNE_SCORE = 60  # pairs of names less alike than this (sorted words) are not compared word by word
MIN_LONG = (
    4  # a name of this many words may lack one word the other has ('Hak Asasi Manusia' = 'Human Rights')
)
KIND_SCORE = 85  # an OCR-damaged kind word ('Univcrsitas') still counts as its kind
UNIT_SCORE = 80  # an OCR-damaged first word ('Fakuitas') still opens a unit
DEFINITION_PAGES = 2  # short names are defined in the parties clause, on the first pages
_OCR_FOLD = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "|": "l", "i": "l"})
_KIND_RE = re.compile(r"\b(?:" + "|".join(sorted(KINDS, key=len, reverse=True)).replace(" ", r"\s+") + r")\b")
_UNIT_RE = re.compile(rf"\b(?:{UNIT_WORDS})\b", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9\-]{1,9}$")
_INLINE_SHORT = re.compile(r"\(\s*[\"“”']?([A-Z][A-Z0-9\-]{1,9})[\"“”']?\s*\)")
_DEFINED = re.compile(
    rf"[\s,]*(?:\(\s*)?(?:{SHORT_NAME_CUES})?\s*[\"“”'‘]?([A-Z][A-Za-z0-9\-]{{1,9}})[\"“”'’]?\s*\)?",
    re.IGNORECASE,
)


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


# one name ----------------------------------------------------------------------------------------
def plain(text: str) -> str:
    """Lower case without diacritics, words of letters and digits separated by one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def name_key(name: str) -> str:
    """The key an override is stored under: the name folded (case, diacritics, punctuation)."""
    return plain(name)


def _ocr_fold(word: str) -> str:
    if word.isdigit():
        return word
    return word.translate(_OCR_FOLD).replace("rn", "m").replace("vv", "w")


@dataclass(frozen=True)
class Name:
    """A printed party name taken apart: its institution, unit, kind and the words it is compared on."""

    raw: str
    institution: str  # as printed, without the unit and a short name in brackets
    unit: str | None  # 'Fakultas Teknik' of 'Fakultas Teknik Universitas Bengkulu'
    kind: str | None  # universitas, institut, politeknik, ...
    words: tuple[str, ...]  # folded, translated, without the kind and stop words
    short: str | None  # 'UNIB' of 'Universitas Bengkulu (UNIB)', or the name itself when it is one

    @property
    def compare(self) -> str:
        return " ".join(sorted(self.words))

    @property
    def is_short(self) -> bool:
        return self.short is not None and self.short == self.raw.strip()


def parse_name(raw: str) -> Name:
    text = " ".join(raw.split())
    inline = _INLINE_SHORT.search(text)
    rest = " ".join((text[: inline.start()] + text[inline.end() :]).split()).strip(" ,") if inline else text
    if inline and defines(inline.group(1), rest):  # 'Universitas Bengkulu (UNIB)', not '(PERSERO)'
        short, text = inline.group(1), rest
    else:
        short = text if _ACRONYM.match(text) else None
    institution, unit = split_unit(text)
    kind, words = _kind_and_words(plain(institution))
    return Name(raw, institution, unit, kind, tuple(words), short)


def split_unit(name: str) -> tuple[str, str | None]:
    """(institution, unit): a name opening with a unit ('Fakultas ... Universitas X', 'Faculty of ...,
    University of X') or ending with one ('Universitas X Fakultas Hukum') belongs to its institution."""
    lowered = plain_positions(name)
    kinds = list(_KIND_RE.finditer(lowered))
    if not kinds:
        return name, None
    first_unit = _UNIT_RE.match(name) or _misread_unit(name)
    if first_unit:
        later = [k for k in kinds if k.start() > first_unit.end()]
        if not later:
            return name, None
        comma = name.rfind(",", 0, later[0].start())
        cut = comma + 1 if comma > first_unit.end() else later[0].start()
        institution, unit = name[cut:].strip(" ,-"), name[:cut].strip(" ,-")
        if not _kind_and_words(plain(institution))[1]:  # 'University' alone: the words were the unit's
            return name, None
        return institution, unit
    head = kinds[0]
    tail = _UNIT_RE.search(name, head.end())
    if tail and plain(name[head.end() : tail.start()]):  # a word of the name between kind and unit
        return name[: tail.start()].strip(" ,-"), name[tail.start() :].strip(" ,-")
    return name, None


def _misread_unit(name: str) -> re.Match[str] | None:
    """The first word of the name, when it is a unit word misread ('Fakuitas', 'Facuity')."""
    first = re.match(r"\s*([A-Za-z]{5,})\b", name)
    if first and process.extractOne(
        first.group(1).lower(), UNIT_NAMES, scorer=fuzz.ratio, score_cutoff=UNIT_SCORE
    ):
        return first
    return None


def plain_positions(name: str) -> str:
    """The name lower-cased with diacritics dropped, character for character (positions kept)."""
    return "".join((unicodedata.normalize("NFKD", c)[:1] or c).lower() for c in name)


def _kind_and_words(folded: str) -> tuple[str | None, list[str]]:
    for phrase, words in PHRASES.items():
        folded = re.sub(rf"\b{phrase}\b", words, folded)
    kind = None
    match = _KIND_RE.search(folded)
    if match:
        kind = KINDS[" ".join(match.group(0).split())]
        folded = folded[: match.start()] + " " + folded[match.end() :]
    words = []
    for word in " ".join(EXPANSIONS.get(w, w) for w in folded.split()).split():
        if kind is None and len(word) >= 6:
            best = process.extractOne(word, [k for k in KINDS if " " not in k], scorer=fuzz.ratio)
            if best and best[1] >= KIND_SCORE:
                kind = KINDS[best[0]]
                continue
        if word not in STOP_WORDS:
            words.append(_ocr_fold(TRANSLATIONS.get(word, word)))
    return kind, words


# short names -------------------------------------------------------------------------------------
def abbreviates(short: str, name: str) -> bool:
    """'UNIB' abbreviates 'Universitas Bengkulu': each word gives a prefix, in order, every word used."""
    letters = plain(short).replace(" ", "")
    words = [w for w in plain(name).split() if w not in STOP_WORDS]

    def fits(i: int, j: int) -> bool:
        if i == len(letters) or j == len(words):
            return i == len(letters) and j == len(words)
        return any(
            words[j].startswith(letters[i:k]) and fits(k, j + 1) for k in range(i + 1, len(letters) + 1)
        )

    return bool(letters) and len(words) <= 12 and fits(0, 0)


def defines(short: str, name: str) -> bool:
    """A defined short name starts as the name does and takes its letters in order ('ITS' of 'Institut
    Teknologi Sepuluh Nopember'), so a role ('PIHAK PERTAMA') is never taken for one."""
    letters, full = plain(short).replace(" ", ""), plain(name).replace(" ", "")
    if not letters or not full or letters[0] != full[0]:
        return False
    it = iter(full)
    return all(c in it for c in letters)


def defined_short_names(text: str, names: list[str]) -> dict[str, str]:
    """{short name: party name} for every short name the text defines for one of `names`."""
    found = {}
    flat = " ".join(text.split())
    for name in names:
        pattern = r"\s+".join(re.escape(w) for w in name.split())
        for match in re.finditer(pattern, flat, re.IGNORECASE):
            after = _DEFINED.match(flat, match.end(), match.end() + 80)
            short = after.group(1) if after else None
            if short and short.upper() == short and defines(short, name) and plain(short) != plain(name):
                found[short] = name
    return found


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
    return max(counts, key=lambda n: (counts[n], _indonesian(n), not n.isupper(), len(n), n))


def _indonesian(name: str) -> bool:
    """The kind printed in Indonesian ('Universitas ...', not 'University of ...')."""
    match = _KIND_RE.search(plain(name))
    if match is None:
        return False
    kind = " ".join(match.group(0).split())
    return kind == KINDS[kind].replace("_", " ")


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


def stored_short_names(session, found: dict[str, Agreement]) -> dict[str, set[str]]:
    """{short name: party names} defined on the first pages of the stored documents."""
    query = select(PageRow.sha256, PageRow.text).where(PageRow.number <= DEFINITION_PAGES)
    defined: dict[str, set[str]] = {}
    for sha, text in session.execute(query):
        if sha in found and found[sha].parties:
            for short, name in defined_short_names(text, found[sha].parties).items():
                defined.setdefault(short, set()).add(name)
    return defined


def own_names(setting: str | None) -> list[str]:
    """The names of KERJASAMA_OWN_INSTITUTION ('A; B')."""
    return [name.strip() for name in (setting or "").split(";") if name.strip()]


def partners(store, today: date | None = None, expiring_days: int = 90,
             own: list[str] | None = None) -> list[Partner]:  # fmt: skip
    """Every partner of the stored documents, by name, with its agreements (corrections applied); the
    partners that `own` names resolve to (the bureau's own institution) are left out."""
    found = agreements(store, today, expiring_days)
    with store.sessions() as session:
        overrides, short_names = stored_overrides(session), stored_short_names(session, found)
    names = [name for item in found.values() for name in item.parties]
    resolved = resolve(names + list(own or []), overrides, short_names)
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
            if item not in partner.documents:
                partner.documents.append(item)
                partner.follow_up[item.sha256] = follow_up_state(item, found)
    return sorted(by_name.values(), key=lambda p: plain(p.name))


def partner_documents(store, text: str) -> set[str]:
    """SHA-256s of the documents of every partner whose name or a spelling of it contains `text`
    (case- and diacritic-folded): 'UNIB' finds the documents naming 'Universitas Bengkulu'."""
    wanted = plain(text)
    return {
        item.sha256
        for partner in partners(store)
        if any(wanted in plain(name) for name in [partner.name, *partner.spellings])
        for item in partner.documents
    }


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
