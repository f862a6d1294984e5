"""Parties from the 'selanjutnya disebut PIHAK KESATU' / 'hereinafter referred to as' definitions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.names import clean_org, clean_person, org_like, person_like, title_prefix
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from extractors.vocab import DOCUMENT_WORDS, ROLE_ORDINALS_EN, ROLE_ORDINALS_ID
from extractors.vocab_names import POSITION_WORDS
from schemas.record import ExtractedField, Party

_ROLE = (
    r"[\"'(]*(?P<{g}>(?:PIHAK|Pihak)\s+(?:[A-Z]+|Ke\w+|Pertama)"
    r"|[A-Z][\w&.\-]*(?:[ \t]+[A-Z][\w&.\-]*){{0,3}})[\"')]*"
)
DEFINITION = re.compile(
    r"(?:\bdisebut|\bdisingkat)\s+(?:sebagai\s+|dengan\s+)?"
    + _ROLE.format(g="role")
    + r"(?=\s*(?:[.;,:)]|\s+dan\b|\n|$))"
    r"|\bhereinafter\s+(?:(?:referred\s+to\s+as|called|named)\s+)?(?:the\s+)?"
    + _ROLE.format(g="role2")
    + r"(?=\s*(?:[.;,:)]|\n|$))",
)
_AUTHORITY = re.compile(
    r"atas\s+nama|on\s+behalf|diwakili|represented|Nama\s*:|selaku|kedudukan|berkedudukan|domicile|established|"
    r"Jabatan|capacity",
    re.IGNORECASE,
)
_LINE_SPACE = r"[ \t]"
_MARKER = r"(?:\d{1,2}[.)]|[IVXLl|1]{1,4}[.,)]|\|)"  # 1. / II. and OCR readings of them (|. ll. LI.)
_POSITION_AHEAD = (
    r"(?=[^\n]{0,80}?(?i:\b(?:"
    + "|".join(POSITION_WORDS)
    + r")\b|\bdalam\s+hal\s+ini|\bselaku\b|\bacting\b))"
)
REP_PATTERNS = [
    re.compile(r"Nama\s*:\s*" + title_prefix() + r"(?P<n>[^\n]+)"),
    re.compile(
        r"(?:diwakili\s+oleh|represented\s+by)\s+" + title_prefix() + r"(?P<n>[^,\n]+?(?:\n[^,\n]+?)?)"
        r"(?=,|\s+in\s+(?:his|her)|\s+dalam\s+kedudukannya|\s+selaku)"
    ),
    re.compile(
        r"^[ \t]*(?P<n>[A-Z][A-Z .'\-]{3,50}),\s+(?:dalam\s+kedudukannya|selaku|sebagai)", re.MULTILINE
    ),
    re.compile(
        r"^[ \t]*"
        + _MARKER
        + r"[ \t]*"
        + title_prefix(_LINE_SPACE)
        + r"(?P<n>[A-Za-z][^:\n,]{2,60}?)[ \t]*(?:[,:]|$)",
        re.MULTILINE,
    ),
    # 'Hj. Retno Santoso, S.H., Rektor ...': a titled name opening a clause without a (legible) list marker.
    re.compile(
        r"^[ \t]*(?:"
        + _MARKER
        + r"[ \t]*)?"
        + title_prefix(_LINE_SPACE, required=True)
        + r"(?P<n>[A-Z][^:\n,]{2,60}?),"
        + _POSITION_AHEAD,
        re.MULTILINE,
    ),
]
_POS_STOP = (
    r"(?=\s*,|\s+dalam\s+hal\s+ini|\s+yang\b|\s+berdasarkan|\s+suatu\b|\s+berkedudukan|\s+untuk\s+dan"
    r"|\s+in\s+this|\s+and\s+therefore|\s+diangkat|\s+beralamat|\s*;|\s*\(selanjutnya|$)"
)
POSITION_PATTERNS = [
    re.compile(r"Jabatan\s*:\s*(?P<p>[^\n]+)"),
    re.compile(
        r"(?:kedudukannya\s+(?:sebagai|selaku)|selaku|capacity\s+as|sebagai)\s+(?P<p>(?:"
        + "|".join(POSITION_WORDS)
        + r")[^,;]*?)"
        + _POS_STOP,
        re.IGNORECASE,
    ),
    re.compile(r"(?P<p>\b(?:" + "|".join(POSITION_WORDS) + r")\b[^,;]*?)" + _POS_STOP),
]
_JOINT = re.compile(
    r"^(?:para\s+pihak|pihak|parties|party|the\s+parties|kedua\s+belah\s+pihak)$", re.IGNORECASE
)


@dataclass
class Definition:
    role: str
    start: int
    end: int
    clause_start: int
    alias: bool = False


def parties_region(doc: DocText, segs: Segments) -> tuple[int, int]:
    par = segs.first("parties")
    if par:
        return par.start, par.end
    first_article = segs.first("article")
    return 0, first_article.start if first_article else min(len(doc.text), 6000)


def find_definitions(doc: DocText, start: int, end: int) -> list[Definition]:
    defs: list[Definition] = []
    seen: set[str] = set()
    clause_start = start
    for m in DEFINITION.finditer(doc.text, start, end):
        group = "role" if m.group("role") else "role2"
        role = clean(m.group(group))
        key = role.lower()
        if _JOINT.match(role) or key in DOCUMENT_WORDS or key.split()[0] in DOCUMENT_WORDS[:6]:
            continue
        clause = doc.text[clause_start : m.start()]
        if not _AUTHORITY.search(clause) and not key.startswith("pihak"):
            continue
        if defs and defs[-1].alias and m.start() - defs[-1].end < 120 and key.startswith("pihak"):
            prev = defs.pop()
            seen.discard(prev.role.lower())
            clause_start = prev.clause_start
        if key not in seen:
            seen.add(key)
            alias = m.group(0).startswith("disingkat")
            defs.append(Definition(role, m.start(group), m.end(group), clause_start, alias))
        clause_start = m.end()
    return defs


def ordinal(role: str | None) -> int | None:
    if not role:
        return None
    words = role.lower().split()
    for w in words:
        if w in ROLE_ORDINALS_ID:
            return ROLE_ORDINALS_ID[w]
        if w in ROLE_ORDINALS_EN:
            return ROLE_ORDINALS_EN[w]
    return None


def _org_name(clause: str) -> str | None:
    hits = re.findall(
        r"(?:untuk\s+dan\s+atas\s+nama|for\s+and\s+on\s+behalf\s+of)\s+(.+?)(?=\s*(?:,(?!\s+[A-Z][a-z])|;"
        r"|\((?![A-Z][A-Za-z]{1,12}\))|\.\s|\n\n)"
        r"|\s+yang\b|\s+selanjutnya|\s+berkedudukan|\s+dalam\s|\s+diangkat|\s+untuk\s+selanjutnya"
        r"|\s+hereinafter|\s+sesuai|$)",
        clause,
        re.IGNORECASE | re.DOTALL,
    )
    for hit in reversed(hits):
        if org_like(hit):
            return clean_org(hit)
    for line in re.split(r"[\n]", clause)[:6]:
        body = re.sub(r"^\W*(?:\d{1,2}|[IVX]{1,3})?[.,)]?\s*", "", line)
        head = re.split(r",(?!\s+[A-Z][a-z]+\s+(?:of|dan|and|[A-Z]))|:|\badalah\b", body)[0]
        if org_like(head):
            return clean_org(head)
    return None


def _representatives(clause: str) -> list[str]:
    for i, rx in enumerate(REP_PATTERNS):
        names = [clean_person(m.group("n")) for m in rx.finditer(clause)]
        names = [n for n in names if n and person_like(n)]
        if names:
            return names[:1] if i < 3 else names
    return []


def _position(clause: str) -> str | None:
    flat = re.sub(r"\s+", " ", clause)
    for rx in POSITION_PATTERNS:
        m = rx.search(flat)
        if m and len(m.group("p")) > 2:
            return clean(m.group("p"))[:150]
    return None


def extract_parties(doc: DocText, segs: Segments, title: str | None) -> list[ExtractedField]:
    start, end = parties_region(doc, segs)
    defs = find_definitions(doc, start, end)
    if not defs:
        return _from_title(doc, segs, title)
    clauses = [doc.text[d.clause_start : d.start] for d in defs]
    reps = [_representatives(c) for c in clauses]
    spill: list[str] = []
    for i, names in enumerate(reps):
        if len(names) > 1:
            spill.extend(names[1:])
            reps[i] = names[:1]
        elif not names and spill:
            reps[i] = [spill.pop(0)]
    out: list[ExtractedField] = []
    for i, (d, clause) in enumerate(zip(defs, clauses, strict=True)):
        party = Party(
            name=_org_name(clause) or d.role,
            role=d.role,
            order=ordinal(d.role) or i + 1,
            representative=reps[i][0] if reps[i] else None,
            position=_position(clause),
        )
        strength = STRONG if party.name != d.role and party.representative else GOOD
        out.append(make(doc, party, [(d.clause_start, d.end)], strength))
    return out


def _from_title(doc: DocText, segs: Segments, title: str | None) -> list[ExtractedField]:
    """Fallback: 'BETWEEN X AND Y' in the title, when the text defines no roles."""
    if not title:
        return []
    m = re.search(r"\b(?:BETWEEN|ANTARA)\s+(.+)", title, re.IGNORECASE)
    if not m:
        return []
    body = re.split(r"\s+(?:TENTANG|ABOUT|ON|FOR|CONCERNING|REGARDING)\s+", m.group(1), flags=re.IGNORECASE)[
        0
    ]
    names = [
        clean_org(n.split(",")[0]) for n in re.split(r"\s+(?:AND|DAN|DENGAN)\s+", body, flags=re.IGNORECASE)
    ]
    pos = doc.text.find(m.group(0)[:20])
    span = [(max(pos, 0), max(pos, 0) + len(m.group(0)))]
    return [make(doc, Party(name=n, role=None, order=i + 1), span, WEAK) for i, n in enumerate(names) if n]
