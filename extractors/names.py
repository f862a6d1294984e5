"""Cleaning of organisation and person names: academic titles removed, OCR debris trimmed."""

from __future__ import annotations

import re

from extractors.lang.parties import ADDRESS_HOLDERS, ADDRESS_WORDS, NAME_TAILS
from extractors.normalise import clean
from extractors.vocab_names import NAME_PARTICLES, ORG_WORDS, POSITION_WORDS, TITLES_AFTER, TITLES_BEFORE

_ORG_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ORG_WORDS) + r")\b", re.IGNORECASE)
_TITLE_WORDS = "|".join(re.escape(t) for t in sorted(TITLES_BEFORE, key=len, reverse=True))


def title_prefix(space: str = r"\s", required: bool = False) -> str:
    """Regex for titles and ranks before a name ("Prof. Dr. Ir.", "Brigjen. Pol.", "H.E."), each ended by
    '.', ',' or `space` (use r"[ \\t]" to stay on one line); `required`: at least one title."""
    title = r"(?i:" + _TITLE_WORDS + r")(?:[.,:]{1,2}" + space + r"*|" + space + r"+)"  # OCR: 'Hj:', 'Ir..'
    return r"(?:" + title + (r")+" if required else r")*")


_TITLE_BEFORE_RE = re.compile(r"^(?:(?:" + _TITLE_WORDS + r")(?:[.,]\s*|\s+))+", re.IGNORECASE)
_TITLE_AFTER_RE = re.compile(r"^(?:" + "|".join(TITLES_AFTER) + r")\.?$")
_TITLE_TOKEN_RE = re.compile(r"^(?:" + _TITLE_WORDS + r"|professor)\.?,?$", re.IGNORECASE)


def title_token(token: str) -> bool:
    """One word of the titles before a name ('Prof.', 'Dr.', 'H.', 'PROFESSOR')."""
    return bool(_TITLE_TOKEN_RE.match(token))


def degree_token(token: str) -> bool:
    """One degree after a name ('S.E.,', 'M.Sc.', 'Ph.D')."""
    return bool(_TITLE_AFTER_RE.match(token.strip(".,")))


_POSITION_RE = re.compile(r"\b(?:" + "|".join(POSITION_WORDS) + r")\b")


def org_like(text: str) -> bool:
    text = clean(text)
    return bool(text) and len(text) < 160 and bool(_ORG_RE.search(text))


_NAME_TAIL_RE = re.compile(r"\s*,\s*(?:" + "|".join(NAME_TAILS) + r").*$", re.IGNORECASE | re.DOTALL)
_ADDRESS_RE = re.compile(r"\s" + ADDRESS_WORDS + r"\s")
_HOLDER_END_RE = re.compile(r"\b" + ADDRESS_HOLDERS + r"$")


def _without_address_run(text: str) -> str:
    """The name before an address that follows it without a comma, unless a word like 'Kantor' holds it."""
    for m in _ADDRESS_RE.finditer(text):
        head = text[: m.start()].strip()
        if not _HOLDER_END_RE.search(head) and len(head.split()) >= 2 and org_like(head):
            return head
    return text


def clean_org(text: str) -> str:
    """An organisation's name without its list marker or an address / legal-basis / seat tail."""
    text = clean(text)
    text = re.sub(r"^(?:\d{1,2}|[IVX]{1,3})[.,)]\s*", "", text)
    # a list marker's speck before the organisation word: 'L Universitas X', 'L- Kantor Wilayah X'
    text = re.sub(
        r"^[A-Za-z][-.,:;'‘’|]?[ \t]+['‘’\"“]?(?=" + _ORG_RE.pattern + ")", "", text, flags=re.IGNORECASE
    )
    text = _without_address_run(_NAME_TAIL_RE.sub("", text))
    # a speck between two words: 'Hak * Asasi'
    text = re.sub(r"(?<=\w)[ \t]+[*#~=_^`°¥£§|\\]{1,2}(?=[ \t]+\w)", "", text)
    return text.strip(" \"'|:;,.")


def clean_person(text: str) -> str:
    """A signatory's name without academic titles; all-caps names title-cased."""
    text = clean(text.replace("\n", " "))
    first, _, rest = text.partition(" ")
    # an OCR-garbled list marker before the titles ('le Dr. H. Ana ...' for 'I. Dr. H. Ana ...')
    if len(first.strip(".,|")) <= 2 and not _TITLE_BEFORE_RE.match(first) and _TITLE_BEFORE_RE.match(rest):
        text = rest
    text = _TITLE_BEFORE_RE.sub("", text)
    parts = [p.strip() for p in text.split(",")]
    kept = [parts[0]] + [p for p in parts[1:] if p and not _TITLE_AFTER_RE.match(p.replace(" ", ""))]
    name = kept[0] if len(kept) == 1 else kept[0]
    tokens = [t for t in name.split() if not ("." in t and degree_token(t))]
    name = " ".join(tokens).strip(" .,:;|")
    if name.isupper():
        name = " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


# Field labels of 'Nama : / Jabatan :' rows, never a person's name.
_FIELD_LABELS = frozenset(
    {"title", "name", "nama", "jabatan", "position", "alamat", "address", "instansi", "nip"}
)


def titled_person(text: str) -> bool:
    """'Prof. Dr. Ahmad Santoso': a name behind an academic title or rank, not an organisation."""
    return bool(_TITLE_BEFORE_RE.match(clean(text))) and not org_like(text)


# Words no person's name holds: a role ('“pihak Kedua'), or a conjunction between two names ('Hukum Dan Hak
# Asasi Manusia', the end of an organisation's name wrapped into a signature block)
_NOT_IN_A_NAME = re.compile(r"\bpihak|\bpart(?:y|ies)\b|\S\s+(?:dan|and|of)\s+\S", re.IGNORECASE)


def person_like(name: str) -> bool:
    name = re.sub(r"^[^\w]+", "", name)
    if _NOT_IN_A_NAME.search(name):
        return False
    words = name.split()
    if not 1 <= len(words) <= 6 or re.search(r"\d", name) or len(name) < 3:
        return False
    if _ORG_RE.search(name) or _POSITION_RE.search(name):
        return False
    inner = [w for w in words[1:-1] if w.lower() not in NAME_PARTICLES]
    capitalised = all(w[0].isupper() for w in [words[0], *inner, words[-1]] if w[0].isalpha())
    return (
        capitalised
        and not name.lower().startswith(("pada ", "nama", "pihak ", "para ", "party ", "the "))
        and name.lower() not in _FIELD_LABELS
    )
