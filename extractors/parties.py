"""Parties from the 'selanjutnya disebut PIHAK KESATU' / 'hereinafter referred to as' definitions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from extractors.columns import left_continuation, reflow_row, separator_x
from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.names import clean_org, clean_person, org_like, person_like, title_prefix, titled_person
from extractors.normalise import DocText, clean
from extractors.segment import Segments
from extractors.signatures import signatories, signed_rows
from extractors.vocab import DOC_TYPE_PATTERNS, DOCUMENT_WORDS, ROLE_ORDINALS_EN, ROLE_ORDINALS_ID
from extractors.vocab_names import ORG_WORDS, POSITION_WORDS, TITLES_AFTER
from schemas.record import ExtractedField, Party

_ROLE = (
    r"[\"'(]*(?P<{g}>(?:PIHAK|Pihak)\s+(?:[A-Z]+|Ke\w+|Pertama)"
    r"|[A-Z][\w&.\-]*(?:[ \t]+[A-Z][\w&.\-]*){{0,3}})(?:[\"')]|(?<=\w)\*(?=[\"')]*\)))*"
)  # ('"DJRP*)': a closing quote OCR read as a speck)
_SP = r"[\s.,:;]+"  # a space, or a speck OCR reads for one ('referred to as.the', 'disebut: PIHAK')
DEFINITION = re.compile(
    r"(?:\bdisebut|\bdisingkat)"
    + _SP
    + r"(?:sebagai"
    + _SP
    + r"|dengan"
    + _SP
    + r")?"
    + _ROLE.format(g="role")
    + r"(?=\s*(?:[.;,:)]|\s+dan\b|\n|$))"
    r"|\bhereinafter" + _SP + r"(?:(?:referred" + _SP + r"to" + _SP + r"as|called|named)" + _SP + r")?"
    r"(?:the" + _SP + r")?" + _ROLE.format(g="role2") + r"(?=\s*(?:[.;,:)]|\s+and\s+(?:as\s+)?the\b|\n|$))"
    # a short name defined in brackets and quotes right after the name: 'Universitas X ("UX")'
    # ('(hereinafter "DJRP*)': OCR may read the closing quote as a speck)
    r"|\((?:the[ \t]+)?[\"']{1,2}(?P<role3>[A-Z][\w&.\-]*(?:[ \t]+[A-Z][\w&.\-]*){0,3})[\"'*°]{1,2}\)",
)
_AUTHORITY = re.compile(
    r"atas\s+nama|on\s+behalf|diwakili|represented|Nama\s*:|selaku|kedudukan|berkedudukan|domicile|established|"
    r"Jabatan|capacity|\bbetween\b|\b(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:university|college|institution|company"
    r"|corporation|foundation|organi[sz]ation|institute|agency)\b",
    re.IGNORECASE,
)
_LINE_SPACE = r"[ \t]"
_MARKER = r"(?:\d{1,2}[.)]|[IVXLl|1]{1,4}[.,)]|\|)"  # 1. / II. and OCR readings of them (|. ll. LI.)
_POSITION_AHEAD = (
    r"(?=[^\n]{0,80}?(?i:\b(?:"
    + "|".join(POSITION_WORDS)
    + r")\b|\bselaku\b|\bacting\b)"
    # a post OCR garbled: 'dalam hal ini' opens the next line
    + r"|[^\n]{0,120}\n[^\n]{0,12}?\bdalam\s+hal\s+ini\b)"
)
# OCR debris of a list marker before a name: 'L', 'Il. .', 'r I.', '"|', '“L:'.
_DEBRIS = (
    r"(?:(?:"
    + _MARKER
    + r"|[IVXLlU|1]{1,4}|[^\w\s]{0,2}[A-Za-z]{1,2}[.,:)]?[^\w\s]{0,2}|[^\w\s]{1,3})[ \t]+){0,3}"
)
_DEGREE = r"(?:" + "|".join(TITLES_AFTER) + r")"
REP_PATTERNS = [
    re.compile(r"(?:Nama|Name)\s*:\s*" + title_prefix() + r"(?P<n>[^\n]+)"),
    re.compile(
        r"(?:diwakili\s+oleh|represented\s+by)[\s\-]+" + title_prefix() + r"(?P<n>[^,\n]+?(?:\n[^,\n]+?)?)"
        r"(?=,|\s+in\s+(?:his|her)|\s+dalam\s+kedudukannya|\s+selaku)"
    ),
    re.compile(
        r"^[ \t]*(?P<n>[A-Z][A-Z .'\-]{3,50}),\s+(?:dalam\s+kedudukannya|selaku|sebagai)", re.MULTILINE
    ),
    # 'represented by its Dean, Prof. Ken Sato (hereinafter ...'
    re.compile(
        r"represented\s+by\s+its\s+[A-Za-z\- ]{2,40}?,\s*" + title_prefix() + r"(?P<n>[A-Z][^,(\n]{2,50}?)"
        r"(?=\s*[,(\n])"
    ),
    re.compile(
        r"^[ \t]*"
        + _MARKER
        + r"[ \t]*"
        + title_prefix(_LINE_SPACE)
        + r"(?P<n>[A-Za-z][^:\n,]{2,60}?)[ \t]*(?:[,:]|$)",
        re.MULTILINE,
    ),
    # 'Hj. Retno Santoso, S.H., Rektor ...': a titled name opening a clause without a (legible) list marker,
    # after OCR debris of one ('L Prof. ...', 'Il. . "| Hj: ...', 'UI. Ir. ...').
    re.compile(
        r"^[ \t]*"
        + _DEBRIS
        + title_prefix(_LINE_SPACE, required=True)
        + r"(?P<n>[A-Z][^:\n,]{2,60}?),"
        + _POSITION_AHEAD,
        re.MULTILINE,
    ),
    # 'Brigjen. Pol: Rahmat Wijaya, S.H.,' in a two-column table whose post column OCR lost: a name with a
    # title before it and a degree after it is a person even with no post in sight.
    re.compile(
        r"^[ \t]*"
        + _DEBRIS
        + title_prefix(_LINE_SPACE, required=True)
        + r"(?P<n>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,3}),[ \t]*"
        + _DEGREE
        + r"\.?(?=[ \t]*(?:[,:|]|$))",
        re.MULTILINE,
    ),
    # 'Ana Putri, S.T., M.T., Kepala ...': an untitled name known by the degrees and the post after it.
    re.compile(
        r"^[ \t]*"
        + _DEBRIS
        + r"(?P<n>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,3}),(?:[ \t]*"
        + _DEGREE
        + r"[.,]*){1,4}[ \t]*"
        + _POSITION_AHEAD,
        re.MULTILINE,
    ),
]
_POST_LINE = r"(?:Selaku[ \t]+|sebagai[ \t]+)?(?i:" + "|".join(POSITION_WORDS) + r")\b"


def _name_then_post(between: str) -> re.Pattern[str]:
    """A name at a line start, then `between` (':' or a line break), then its post."""
    return re.compile(
        r"^[ \t]*(?:" + _MARKER + r"[ \t]*)?" + title_prefix(_LINE_SPACE)
        + r"(?P<n>[A-Z][A-Za-z.'\- ]{1,50}?(?:,[ \t]*[A-Za-z. ]{1,12})*?)[ \t]*" + between
        + r"[ \t]*(?=" + _POST_LINE + r")",
        re.MULTILINE,
    )  # fmt: skip


# Layouts where the name stands apart from its post: 'Yuwono : Kepala Kantor ...' (a two-column row) and a
# name alone on its line with the post on the next ('Dr. Ibrahim, S.H., M.H.' / 'Ketua Bidang ...').
REP_PATTERNS += [_name_then_post(":"), _name_then_post("\n")]
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


_ONE_ROLE = (
    r"(?:(?:PIHAK|Pihak)\s+(?:[A-Z]+|Ke\w+|Pertama)"
    r"|(?:FIRST|SECOND|THIRD|First|Second|Third)\s+(?:PARTY|Party))"
)
# Two parties defined at once after both their blocks: 'masing-masing disebut PIHAK PERTAMA dan PIHAK
# KEDUA', 'hereinafter referred to as the FIRST PARTY and the SECOND PARTY respectively'.
_RESPECTIVELY = re.compile(
    r"(?:masing-masing|respectively)[\s,]+(?:untuk\s+selanjutnya\s+)?(?:disebut|referred\s+to\s+as|called)\s+"
    r"(?:sebagai\s+|the\s+)?(?P<a>"
    + _ONE_ROLE
    + r")\s*,?\s*(?:dan|and|serta)\s+(?:the\s+)?(?P<b>"
    + _ONE_ROLE
    + r")"
    r"|(?:disebut|referred\s+to\s+as)\s+(?:sebagai\s+|the\s+)?(?P<a2>"
    + _ONE_ROLE
    + r")\s*,?\s*(?:dan|and)\s+"
    r"(?:the\s+)?(?P<b2>" + _ONE_ROLE + r")\s*,?\s*(?:secara\s+berurutan|respectively)",
)
_BLOCK_START = re.compile(r"^[ \t]*(?:(?:\d{1,2}|[IVX]{1,3})[.)][ \t]*)?(?:Nama|Name)[ \t]*:", re.MULTILINE)


def _respective(doc: DocText, start: int, end: int) -> list[Definition]:
    """The two definitions of a 'masing-masing disebut A dan B' sentence, each with its own block (the
    blocks open with 'Nama :' labels), or none."""
    m = _RESPECTIVELY.search(doc.text, start, end)
    if not m:
        return []
    blocks = [b.start() for b in _BLOCK_START.finditer(doc.text, start, m.start())]
    if len(blocks) != 2:
        return []
    a, b = ("a", "b") if m.group("a") else ("a2", "b2")
    return [
        Definition(clean(m.group(a)), blocks[1], m.end(a), blocks[0]),
        Definition(clean(m.group(b)), m.start(), m.end(b), blocks[1]),
    ]


def find_definitions(doc: DocText, start: int, end: int) -> list[Definition]:
    both = _respective(doc, start, end)
    if both:
        return both
    defs: list[Definition] = []
    seen: set[str] = set()
    clause_start = start
    for m in DEFINITION.finditer(doc.text, start, end):
        group = "role" if m.group("role") else "role2" if m.group("role2") else "role3"
        role = clean(m.group(group))
        key = role.lower()
        if _JOINT.match(role) or key in DOCUMENT_WORDS or key.split()[0] in DOCUMENT_WORDS[:6]:
            continue
        clause = doc.text[clause_start : m.start()]
        if group == "role3":
            # 'X ("XU")' right after the name, or 'X, a university established under ... ("XU")': an
            # acronym after the clause that introduces a party ('(the "Services")' defines a term)
            acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,11}", role))
            if not (_names_org_before(clause) or (acronym and _AUTHORITY.search(clause))):
                continue
        elif not _AUTHORITY.search(clause) and not key.startswith("pihak") and not _opens_with_org(clause):
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


def _names_org_before(clause: str) -> bool:
    """The clause ends with an organisation's name (the one a bracketed short name defines)."""
    tail = clause.rstrip(" \t\n,")
    phrases = list(_ORG_PHRASE.finditer(tail[-160:]))
    return bool(phrases) and phrases[-1].end() >= len(tail[-160:]) - 1 and org_like(phrases[-1].group(0))


def _opens_with_org(clause: str) -> bool:
    """A block whose paragraph opens with a line that is an organisation's name ('THE UNIVERSITY OF X')."""
    first = clause.rsplit("\n\n", 1)[-1].strip().split("\n")[0].strip(" ,")
    return org_like(first) and bool(_ORG_PHRASE.fullmatch(first))


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


_ORG_STOP = (
    r"(?=\s*(?:,(?!\s+[A-Z][a-z])|;|\((?![A-Z][A-Za-z]{1,12}\))|\.\s|\n\n)"
    r"|\s+yang\b|\s+selanjutnya|\s+berkedudukan|\s+dalam\s|\s+diangkat|\s+untuk\s+selanjutnya"
    r"|\s+hereinafter|\s+sesuai|\s+berdasarkan|\s+bertempat|\s+oleh\s+karena|$)"
)
# Whom the signatory acts for: 'untuk dan atas nama X', 'atas nama X', 'mewakili X', 'on behalf of X'.
_ON_BEHALF = re.compile(
    r"(?:\batas\s+nama|\bmewakili|\bon\s+behalf\s+of|\brepresenting)\s+(?:the\s+)?(?=(?-i:[A-Z]))(.+?)"
    + _ORG_STOP,
    re.IGNORECASE | re.DOTALL,
)
# A clause that opens with the organisation: 'X, dalam hal ini diwakili oleh ...', 'X, represented by ...',
# 'X, a public university established under ...'.
_HEAD_ORG = re.compile(
    r"(?:^[ \t]*(?:" + _MARKER + r"[ \t]*)?|\b(?:between|antara)\s+(?:the\s+)?"
    r"|\A[\s),;.\"\u201d]*(?:and|dan)\s+(?:the\s+)?)"
    r"(?P<org>[A-Z](?:[^\n,:;]|\n(?![ \t]*\n)){2,140}?)(?:,\s*(?P<org2>[A-Z][^\n,:;()]{1,80}?))?"
    r"(?:,[ \t]*[A-Z][A-Za-z]+)?,[ \t]*\n?[ \t]*(?:"
    r"(?:dalam\s+hal\s+ini\s+|yang\s+)?(?:di\s*wakili|represented|acting\s+through)"
    r"|(?:a|an)\s+(?:[\w-]+\s+){0,5}?(?:university|institution|company|corporation|foundation|organi[sz]ation"
    r"|institute|agency|body|entity|college)\b)",
    re.MULTILINE,
)
# A unit named before its institution: 'Faculty of Engineering, Kyushu University'.
_UNIT = re.compile(
    r"^(?:the\s+)?(?:Faculty|Fakultas|School|Department|Dept\.?|Jurusan|Program\s+Studi|Prodi|Institute|Lembaga"
    r"|Pusat|Center|Centre|Laborator\w+|Graduate\s+School|College)\b",
    re.IGNORECASE,
)
_POSITION_LEAD = re.compile(
    r"^(?:(?:" + "|".join(POSITION_WORDS) + r")\b\.?\s*(?:of\s+(?:the\s+)?)?)+", re.IGNORECASE
)
_POSITION_INSIDE = re.compile(r"\b(?:" + "|".join(POSITION_WORDS) + r")\b")
_ORG_PHRASE = re.compile(
    r"(?:[A-Z][\w&.\-']*|\((?:[A-Z][\w&.\-]*)\))(?:\s+(?:(?:dan|and|of|the|for|&|de|der|für)\s+)*"
    r"(?:[A-Z][\w&.\-']*|\([A-Z][\w&.\-]*\)))*"
)


# A decree or deed that names an organisation is not the party ('Keputusan Rektor Universitas X Nomor').
_LEGAL_ACT = re.compile(
    r"(?:Surat\s+)?(?:Keputusan|Peraturan|Undang|Akta|Decree|Regulation|Statute|Lembaran)\b", re.IGNORECASE
)


# A place, not a party: a region or a building on its own ('Kota Bengkulu', 'Kampus FMIPA Universitas X').
_PLACE = re.compile(
    r"(?:Kota|Kabupaten|Provinsi|Kecamatan|Kelurahan|Desa|Gedung|Kampus|Campus|Komplek|Kompleks|Jalan|Jl|Jln)\b"
)


def _without_position(name: str) -> str:
    """'Dekan Fakultas Teknik' -> 'Fakultas Teknik', 'Manager Branch PT X' -> 'PT X': whom a post belongs
    to, not the post (the words between the post and the first organisation word go with the post)."""
    if org_like(name.split()[0]):  # 'Sekretariat Utama ...' is a unit, not a post
        return name
    inner = _POSITION_INSIDE.search(name)  # 'MA AA Dekan Fakultas X': OCR debris before the post
    if inner and inner.start() > 0:
        name = name[inner.start() :]
    stripped = _POSITION_LEAD.sub("", name).strip()
    if stripped == name.strip():
        return name
    words = stripped.split()
    while len(words) > 1 and not org_like(words[0]):
        words = words[1:]
    stripped = " ".join(words)
    return stripped if stripped and org_like(stripped) else name


def _with_institution(unit: str, institution: str | None) -> str:
    """'Faculty of Engineering' + 'Kyushu University' -> 'Faculty of Engineering, Kyushu University'."""
    if institution and _UNIT.match(unit) and org_like(institution) and not _UNIT.match(institution):
        return f"{unit}, {clean_org(institution)}"
    return unit


def _extend_from(name: str, clause: str) -> str:
    """A name cut short ('Fakultas Teknik') completed by the clause's longer spelling of it
    ('Dekan Fakultas Teknik Universitas Bengkulu')."""
    m = None
    for paragraph in re.split(r"\n[ \t]*\n", clause):
        flat = re.sub(r"\s+", " ", paragraph)
        m = re.search(re.escape(name) + r"((?:\s+(?:dan\s+)?[A-Z][\w.\-]*){1,6})", flat)
        if m:
            break
    if not m:
        return name
    longer = _ORG_PHRASE.match(name + m.group(1))
    if longer and org_like(longer.group(0)) and len(longer.group(0)) > len(name):
        words = longer.group(0)[len(name) :].split()
        # only an organisation word and what follows it extends a name ('... Universitas Bengkulu')
        for i, w in enumerate(words):
            if org_like(w):
                return clean_org(name + " " + " ".join(words[i:]))
    return name


def _org_phrases(text: str) -> list[str]:
    """Runs of capitalised words that contain an organisation word ('Universitas Bengkulu')."""
    text = re.sub(r"\n[ \t]*(?=[A-Z][A-Za-z ]{1,20}:)", " ; ", text)  # a 'Label :' line starts afresh
    flat = re.sub(r"\s+", " ", text)
    phrases = [re.sub(r"\s+(?:Nomor|Number|No)\.?$", "", m.group(0)) for m in _ORG_PHRASE.finditer(flat)]
    return [p for p in phrases if org_like(p) and not _LEGAL_ACT.match(p) and not _PLACE.match(p)]


# A labelled organisation line: 'Institution : X', 'Instansi : X', 'Nama Instansi : X'.
_ORG_LABEL = re.compile(
    r"^[ \t]*(?:Nama[ \t]+)?(?:Institution|Instansi|Organi[sz]ation|Lembaga|Perusahaan|Company"
    r"|Unit[ \t]+Kerja)"
    r"[ \t]*:[ \t]*(?P<org>[^\n]+)",
    re.MULTILINE,
)


_DOC_TYPE = re.compile("|".join(f"(?:{p})" for p, _ in DOC_TYPE_PATTERNS), re.IGNORECASE)


def _title_paragraph(text: str) -> bool:
    """The document's heading ('MEMORANDUM OF UNDERSTANDING BETWEEN THE UNIVERSITY OF X ...'), not a
    party's block: upper case and naming the document type."""
    letters = [c for c in text if c.isalpha()]
    shouted = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return shouted and bool(_DOC_TYPE.search(text))


# A blank line or a speck OCR put inside a sentence (a two-column page): the line before it does not end
# the sentence, and the next one goes on after a few specks ('atas nama Kantor Wilayah\n\n= Kementerian').
_BROKEN_LINE = re.compile(r"(?<![.;:,])[ \t]*\n[ \t]*\n[ \t]*(?:[=~|_\-\u2014\"'.]{1,3}[ \t]*)?(?=[A-Za-z])")
_SPECK_STOP = re.compile(r"(?<=[a-z])[ \t]+\.(?=[ \t]*\n)")  # 'Hak Asasi .' at a line end


def _mended(clause: str) -> str:
    return _BROKEN_LINE.sub("\n", _SPECK_STOP.sub("", clause))


# A colon OCR glued to a connector or an organisation word ('Hukum dan: Hak', 'Universitas: Andalas').
_COLON_SPECK = re.compile(
    r"\b(dan|and|of|"
    + "|".join(re.escape(w) for w in ORG_WORDS if re.fullmatch(r"[a-z]+", w))
    + r")[:;](?=[ \t]+[A-Z])",
    re.IGNORECASE,
)


def _org_name(clause: str) -> str | None:
    clause = _COLON_SPECK.sub(r"\1", clause)
    for m in reversed(list(_ORG_LABEL.finditer(clause))):
        head = clean_org(m.group("org").split(",")[0])
        if head:
            return head
    for m in reversed(list(_HEAD_ORG.finditer(clause))):
        org = re.split(r"\b(?:between|antara)\s+(?:the\s+)?", m.group("org"))[-1]
        if "\n" in org:  # a wrapped name, or a line before it: keep the organisation phrase that ends it
            phrases = _org_phrases(org)
            flat = " ".join(org.split())
            if not phrases or not flat.endswith(phrases[-1]):
                continue
            org = phrases[-1]
        name = _with_institution(clean_org(org), m.group("org2"))
        before = clause[: m.start()].rstrip(" \t")
        opens = not before.strip() or before.endswith("\n\n") or before.rstrip().endswith((":", ";"))
        if name and not titled_person(name) and (org_like(name) or opens):
            return name
    hits = [h for h in _ON_BEHALF.findall(_mended(clause)) if org_like(h)]
    for hit in reversed(hits):
        name = clean_org(hit)
        org = _without_position(name)
        return _extend_from(org, clause) if org != name else name
    for paragraph in re.split(r"\n[ \t]*\n", clause.strip())[:4]:
        body = re.sub(r"^\W*(?:\d{1,2}|[IVX]{1,3})?[.,)]?\s*", "", " ".join(paragraph.split()))
        body = re.sub(r"^(?:PIHAK|Pihak)\s+\w+\s*:\s*", "", body)  # 'PIHAK KEDUA : Dinas ...'
        head_text = re.split(r",(?!\s+[A-Z][a-z]+\s+(?:of|dan|and|[A-Z]))|:|\badalah\b", body)[0]
        if _title_paragraph(head_text):
            continue
        phrases = _org_phrases(head_text)
        if phrases:
            whole = " ".join(head_text.split()).strip(" ,.;")
            if len(phrases) > 1 and whole == ", ".join(phrases):  # 'Agency X, Ministry Y' as written
                return clean_org(whole)
            return _without_position(clean_org(phrases[0]))
    for phrase in reversed(_org_phrases(clause)):
        name = _without_position(clean_org(phrase))
        if len(name.split()) > 1:  # 'Kepala Dinas' -> 'Dinas' names nobody
            return name
    return None


def _representatives(clause: str) -> list[str]:
    for i, rx in enumerate(REP_PATTERNS):
        names = [clean_person(m.group("n")) for m in rx.finditer(clause)]
        names = [n for n in names if n and person_like(n)]
        if names:
            return names[:1] if i < 4 else names
    return []


def _position(clause: str) -> str | None:
    flat = re.sub(r"\s+", " ", clause)
    for i, rx in enumerate(POSITION_PATTERNS):
        m = rx.search(clause if i == 0 else flat)  # 'Jabatan : ...' ends with its line
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
    rows = [_party_row(doc, d.clause_start, d.start) for d in defs]
    reps = [_wrapped_row_name(doc, row, d.start, r) for d, row, r in zip(defs, rows, reps, strict=True)]
    clauses = [
        _reflowed(doc, row, d.clause_start, d.start) or c
        for d, row, c in zip(defs, rows, clauses, strict=True)
    ]
    titled = [t for t in _title_block_names(doc, segs) or _title_names(title) if org_like(t)]
    org_names = _prefer_title(_fill_from_title([_org_name(c) for c in clauses], titled), clauses, titled)
    reps = _from_signed_rows(reps, org_names, signed_rows(doc, segs))
    reps = _fill_from_signatures(reps, signatories(doc, segs))
    out: list[ExtractedField] = []
    for i, (d, clause) in enumerate(zip(defs, clauses, strict=True)):
        party = Party(
            name=org_names[i] or d.role,
            role=d.role,
            order=ordinal(d.role) or i + 1,
            representative=reps[i][0] if reps[i] else None,
            position=_position(clause),
        )
        strength = STRONG if party.name != d.role and party.representative else GOOD
        out.append(make(doc, party, [(d.clause_start, d.end)], strength))
    return out


# A 'Name : Post' row of a party table (the name may wrap inside its column).
_ROW = re.compile(
    r"^[ \t|]*(?:(?:" + _MARKER + r"|[IVXLl1]{1,4}[ \t]*\|)[ \t|]*)?"
    r"(?!(?i:nama|name|jabatan|position|title|nik|nip|alamat|address)\b)"
    r"(?P<n>[A-Za-z][^:\n|]{2,60}?)[ \t|]*(?P<sep>:)"
    r"[ \t|]*(?=" + _POST_LINE + r")",
    re.MULTILINE,
)


@dataclass
class _Row:
    """A party clause's 'Name : Post' row and the x of its separator (None without word boxes)."""

    match: re.Match[str]
    gutter: float | None


def _party_row(doc: DocText, start: int, end: int) -> _Row | None:
    m = _ROW.search(doc.text, start, end)
    return _Row(m, separator_x(doc, m.start("sep"))) if m else None


def _wrapped_row_name(doc: DocText, row: _Row | None, end: int, found: list[str]) -> list[str]:
    """The signatory of a 'Name : Post' row with the part of the name that wrapped to the next lines of
    its column (read from the word boxes), when that completes the name already found (or none was)."""
    if row is None:
        return found
    m = row.match
    line_end = doc.text.find("\n", m.end())
    rest = (
        left_continuation(doc, line_end, row.gutter) if row.gutter is not None and 0 <= line_end < end else ""
    )
    full = clean_person(f"{m.group('n')} {rest}")
    short = clean_person(m.group("n"))
    if not person_like(full) or (found and not _same_person(found[0], short)):
        return found
    return [full] if not found or len(full) > len(found[0]) else found


def _reflowed(doc: DocText, row: _Row | None, start: int, end: int) -> str | None:
    """The clause of a party table row read column by column (None when it is no such row)."""
    if row is None or row.gutter is None:
        return None
    line_start = doc.text.rfind("\n", start, row.match.start()) + 1
    return doc.text[start:line_start] + reflow_row(doc, line_start, row.gutter, end)


def _same_person(a: str, b: str) -> bool:
    a_words, b_words = set(a.lower().split()), set(b.lower().split())
    return bool(a_words & b_words) and (
        a_words <= b_words or b_words <= a_words or len(a_words & b_words) >= 2
    )


def _fill_missing(
    values: list[str | None], candidates: list[str], same: Callable[[str, str], bool]
) -> list[str | None]:
    """The empty entries of `values` take, in order, the candidates no filled entry already holds, when
    exactly one is left for each of them (anything else is ambiguous and changes nothing)."""
    missing = [i for i, v in enumerate(values) if not v]
    unused = [c for c in candidates if not any(v and same(c, v) for v in values)]
    if not missing or len(unused) != len(missing):
        return values
    values = list(values)
    for i, candidate in zip(missing, unused, strict=True):
        values[i] = candidate
    return values


def _row_of(row_org: str, org: str) -> bool:
    """A signature-table row printed for this organisation (OCR slips allowed; 'Universitas Riau' is not
    'Universitas Lampung')."""
    a, b = " ".join(row_org.lower().split()), " ".join(org.lower().split())
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.9


def _from_signed_rows(
    reps: list[list[str]], orgs: list[str | None], rows: list[tuple[str, str]]
) -> list[list[str]]:
    """A party whose clause names no signatory takes the one signature-table row of its organisation."""
    out = []
    for names, org in zip(reps, orgs, strict=True):
        hits = [person for row_org, person in rows if org and _row_of(row_org, org)] if not names else []
        out.append(names or (hits[:1] if len(hits) == 1 else []))
    return out


def _fill_from_signatures(reps: list[list[str]], signed: list[str]) -> list[list[str]]:
    """Parties whose clause names no signatory take the signature block's names not yet used."""
    firsts = _fill_missing([names[0] if names else None for names in reps], signed, _same_person)
    return [names or ([f] if f else []) for names, f in zip(reps, firsts, strict=True)]


def _same_org(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.8


def _fill_from_title(names: list[str | None], titled: list[str]) -> list[str | None]:
    """A party whose clause gives only its role ('PIHAK KEDUA') takes the title's one organisation that no
    other party has ('... ANTARA X DENGAN Y')."""
    return _fill_missing(names, titled, _same_org)


# Scan debris around the words is allowed (': -ANTARA', 'DAN.', "°° TENTANG . '").
_TITLE_JOIN = re.compile(r"^[^\w\n]*(?:DAN|DENGAN|AND|WITH)[^\w\n]*$", re.MULTILINE | re.IGNORECASE)
_TITLE_OPEN = re.compile(r"^[^\w\n]*(?:ANTARA|BETWEEN)\b[^\w\n]*", re.MULTILINE | re.IGNORECASE)
_TITLE_CLOSE = re.compile(
    r"^[^\w\n]*(?:\w{1,2}[^\w\n]+)?(?:TENTANG|ABOUT|ON|FOR|CONCERNING|REGARDING|NOMOR|NO\b|NUMBER)\b",
    re.MULTILINE | re.IGNORECASE,
)


def _title_block_names(doc: DocText, segs: Segments) -> list[str]:
    """The organisations of a title block whose joining words stand on lines of their own:
    'ANTARA / BADAN ... KEDEPUTIAN WILAYAH SUMATERA SELATAN, KEPULAUAN BANGKA BELITUNG / DAN BENGKULU /
    DAN / UNIVERSITAS X' has two names, however many 'dan' and commas are inside them."""
    sec = segs.first("title")
    if sec is None:
        return []
    block = doc.text[sec.start : sec.end]
    opening = _TITLE_OPEN.search(block)
    if opening is None:
        return []
    body = block[opening.end() :]
    close = _TITLE_CLOSE.search(body)
    body = body[: close.start()] if close else body
    groups = _TITLE_JOIN.split(body)
    if len(groups) < 2:
        return []
    # a name ends at a blank line (what follows the last one is a heading or the next page's header) and
    # at a comma that ends a line ('X,\nY,\nDAN\nZ': three parties)
    paragraphs = [re.split(r"\n[ \t]*\n", g.strip(), maxsplit=1)[0] for g in groups]
    pieces = [piece for p in paragraphs for piece in re.split(r",[^\w\n]*\n", p)]
    lines = [[re.sub(r"^[^\w(]+|[^\w).]+$", "", line) for line in p.splitlines()] for p in pieces]
    names = [clean_org(" ".join(" ".join(ls).split())) for ls in lines]
    return [n for n in names if n and len(n) <= 200]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _prefer_title(names: list[str | None], clauses: list[str], titled: list[str]) -> list[str | None]:
    """The full name as written: a party's name that the title extends ('Badan Penyelenggara Jaminan Sosial
    Kesehatan' -> '... Kesehatan Kedeputian Wilayah ...'; 'Ministry X' -> 'Agency Y, Ministry X' when the
    clause writes it so too), or that names the government its clause acts
    for while the title names the agency its clause's post heads ('Kepala Badan Perencanaan ... Kabupaten
    X, ... atas nama Pemerintah Daerah X' under a title naming the Badan), takes the title's name."""
    out = list(names)
    titled = [_without_position(t) for t in titled]  # 'PEJABAT PEMBUAT KOMITMEN DINAS X': the Dinas
    for i, name in enumerate(names):
        if not name:
            continue
        mine = _words(name)
        for t in titled:
            theirs = _words(t)
            if theirs == mine or any(n and _words(n) == theirs for n in names):
                continue
            clause_words = set(_words(clauses[i]))  # all but an OCR slip or an omitted word
            in_clause = sum(w in clause_words for w in theirs) >= 0.85 * len(theirs)
            inside = any(theirs[k : k + len(mine)] == mine for k in range(len(theirs) - len(mine) + 1))
            longer = len(theirs) > len(mine)
            extends = longer and (theirs[: len(mine)] == mine or (inside and in_clause))
            extends = extends and not _place_suffix(name, t)
            foreign = not _same_org(name, t) and not any(_same_org(t, n) for n in names if n and n != name)
            if extends or (in_clause and foreign and len(theirs) >= 3):
                out[i] = t
                break
    return out


def _place_suffix(name: str, titled: str) -> bool:
    """'THE UNIVERSITY OF X, AUSTRALIA' after 'The University of X': the title adds where the party is,
    after a comma, not more of its name."""
    words = _words(name)
    m = re.search(r"\W+".join(map(re.escape, words)) + r"(\W*)", titled, re.IGNORECASE)
    return bool(m and "," in m.group(1))


def _title_names(title: str | None) -> list[str]:
    """The organisations a title names: 'MoU ANTARA X DAN Y TENTANG ...' -> [X, Y]."""
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
    return [n for n in names if n]


def _from_title(doc: DocText, segs: Segments, title: str | None) -> list[ExtractedField]:
    """Fallback: 'BETWEEN X AND Y' in the title, when the text defines no roles."""
    names = _title_names(title)
    if not names:
        return []
    m = re.search(r"\b(?:BETWEEN|ANTARA)\s+", title or "", re.IGNORECASE)
    pos = doc.text.find((title or "")[m.start() : m.start() + 20]) if m else -1
    span = [(max(pos, 0), max(pos, 0) + len(title or ""))]
    reps: list[list[str]] = [[] for _ in names]
    reps = _fill_from_signatures(reps, signatories(doc, segs))
    return [
        make(doc, Party(name=n, role=None, order=i + 1, representative=r[0] if r else None), span, WEAK)
        for i, (n, r) in enumerate(zip(names, reps, strict=True))
    ]
