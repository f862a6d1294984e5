"""Signatories read from the signature block, for parties whose clause names nobody.

A signature block sets each signatory's name above (or below) the post, often in two columns that OCR
joins into one line: 'Dr. Ana Putri, S.E., M.Sc.   Budi Santoso, S.H.' over 'Rektor   Direktur'. A
name line stands above a post line (or an identity-number line), or is a titled or degreed line below
one (the Indonesian layout: role, post, signature, name), and holds no organisation word. It is split
into people where a title starts a new name or where a new capitalised name follows the degrees that
close the previous one. Witnesses ('Saksi', 'In the presence of') end the block.
"""

from __future__ import annotations

import bisect
import re

from extractors.columns import words_in
from extractors.names import clean_person, degree_token, org_like, person_like, title_token
from extractors.normalise import DocText
from extractors.segment import Segments
from extractors.vocab_names import POSITION_WORDS

_WITNESS = re.compile(
    r"^[ \t]*(?:Saksi|Para\s+Saksi|Disaksikan|Mengetahui|Witness(?:es|ed)?|In\s+the\s+presence\s+of)\b",
    re.IGNORECASE | re.MULTILINE,
)
_POST_LINE = re.compile(
    r"^[ \t]*(?:(?:(?:Executive|Chief|Senior|Acting|Deputy|Plt\.?|Plh\.?)[ \t]+)?(?:"
    + "|".join(POSITION_WORDS)
    + r"|Vice-Chancellor|Chancellor|Dean)\b|(?:NIP|NIK|NRP|NIDN)\b)",
    re.IGNORECASE,
)
_NAME_LABEL = re.compile(r"\b(?:Name|Nama)[ \t]*:[ \t]*")
# A label's colon ('Jabatan : Rektor'), not one OCR glued into a degree ('Ir. Made Hidayat, $.Kom:, M.Kom.')
_LABEL_COLON = re.compile(r":(?![ \t]*(?:[,.;]|$))")
_COLUMN_GAP = 2.5  # a gap wider than this many word heights separates two columns
_TAIL_SHARE = 0.4  # without a signature formula, the block is looked for in the last 40 % of the last page


def _people_in_line(line: str) -> list[str]:
    """'Andrew Hoo, MBA. Dr. Ana Putri, S.E.' -> ['Andrew Hoo', 'Ana Putri'] (titles dropped)."""
    tokens = re.sub(r"[()_\[\]]", " ", line).split()  # '(Dr. Ana Putri, M.Sc.)', underlined names
    chunks: list[list[str]] = [[]]
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        joined = (tok + (tokens[i + 1] if i + 1 < len(tokens) else "")).strip(".,")  # 'M. Sc.' is one degree
        starts_title = title_token(tok) and not title_token(prev)
        after_degrees = (
            bool(prev)
            and prev.endswith((".", ","))
            and degree_token(prev)
            and not title_token(prev)  # 'Prof. Dr. Ir. Marwan': 'Ir.' opens the name here, it closes none
            and tok[:1].isupper()
            and not degree_token(tok)
            and not degree_token(joined)
            and not title_token(tok)
        )
        if chunks[-1] and (starts_title or after_degrees):
            chunks.append([])
        chunks[-1].append(tok)
    people = []
    for chunk in chunks:
        titled = bool(chunk) and title_token(chunk[0])
        while chunk and title_token(chunk[0]):
            chunk = chunk[1:]
        person = clean_person(" ".join(chunk))
        # a lone untitled word is a wrapped line's end more often than a name; a titled one is a name
        # ('Prof. Dr. Ir. Marwan': many Indonesians have one name)
        if person and person_like(person) and (len(person.split()) > 1 or len(chunk) > 1 or titled):
            people.append(person)
    return people


def _credentialed(line: str) -> bool:
    """A line that carries a title before a name or degrees after it ('Prof. Dr. ...', '..., S.H., M.H.'),
    or a name in brackets ('( Budi Santoso )'), as signature blocks print them."""
    if re.fullmatch(r"\s*\([^()]{3,80}\)(?:\s+\([^()]{3,80}\))*\s*", line):
        return True
    tokens = re.sub(r"[()_\[\]]", " ", line).split()
    return bool(tokens) and (
        title_token(tokens[0]) or any(t.endswith((".", ",")) and degree_token(t) for t in tokens[1:])
    )


def last_page_start(doc: DocText) -> int:
    """Where the last page begins in the normalised text."""
    raw_start = doc.page_starts[-1] if doc.page_starts else 0
    return bisect.bisect_left(doc.src, raw_start) if doc.src else 0


def signature_block(doc: DocText, segs: Segments) -> tuple[int, int]:
    """Span of the signature block in the normalised text, witnesses excluded."""
    sig = segs.first("signature")
    if sig:
        start, end = sig.start, sig.end
    else:
        page_start = last_page_start(doc)
        start, end = page_start + int((len(doc.text) - page_start) * (1 - _TAIL_SHARE)), len(doc.text)
    witness = _WITNESS.search(doc.text, start, end)
    return start, witness.start() if witness else end


def _column_texts(doc: DocText, start: int, end: int) -> list[str]:
    """A line split where its words leave a column gap (read from the word boxes), and at each 'Name :'
    label ('Name: Ana Putri    Name: Budi Santoso'); the line whole when neither is there."""
    line = doc.text[start:end]
    boxed = [(w.text, w.bbox) for w in words_in(doc, start, end) if w.bbox]
    parts = [line]
    if len(boxed) > 1:
        heights = sorted(box[3] - box[1] for _, box in boxed)
        gap = _COLUMN_GAP * heights[len(heights) // 2]
        runs: list[list[str]] = [[boxed[0][0]]]
        for (_, prev), (word, box) in zip(boxed, boxed[1:], strict=False):
            if box[0] - prev[2] > gap:
                runs.append([])
            runs[-1].append(word)
        if len(runs) > 1:
            parts = [" ".join(r) for r in runs]
    return [p for part in parts for p in _NAME_LABEL.split(part) if p.strip()]


def _named_after(tokens: list[str]) -> bool:
    """Titles then a name that reads as a person's: two words, or one with more titles or a degree."""
    titles = 0
    while titles < len(tokens) and title_token(tokens[titles]):
        titles += 1
    name = [t for t in tokens[titles:] if not degree_token(t)]
    degrees = len(tokens) - titles - len(name)
    return len(name) >= 2 or (len(name) == 1 and (titles >= 2 or degrees >= 1))


def signed_rows(doc: DocText, segs: Segments) -> list[tuple[str, str]]:
    """(organisation, signatory) from the rows of a signature table that print the organisation and its
    signatory on one line ('2  Universitas Lampung   Prof. Dr. Ana Putri, M.Si.'), read in columns
    from the word boxes or, without them, split where the first title opens the name."""
    start, end = signature_block(doc, segs)
    rows: list[tuple[str, str]] = []
    for m in re.finditer(r"[^\n]*\S[^\n]*", doc.text[start:end]):
        line = m.group(0)
        if not org_like(line) or _POST_LINE.match(line):
            continue
        parts = _column_texts(doc, start + m.start(), start + m.end())
        if len(parts) < 2 and "|" in line:  # the table's rules, read as bars
            parts = [p for p in line.split("|") if p.strip()]
        if len(parts) < 2:
            tokens = line.split()
            cut = next((i for i, t in enumerate(tokens) if i > 1 and title_token(t)), None)
            # not inside a name that goes on ('Universitas Jenderal Soedirman': a rank in a university's name)
            if cut and not org_like(tokens[cut - 1]) and _named_after(tokens[cut:]):
                parts = [" ".join(tokens[:cut]), " ".join(tokens[cut:])]
        orgs = [p for p in parts if org_like(p)]
        people = [
            person for p in parts if not org_like(p) and _credentialed(p) for person in _people_in_line(p)
        ]
        if len(orgs) == 1 and len(people) == 1:
            rows.append((re.sub(r"^[\W\d]+", "", orgs[0]).strip(" |"), people[0]))
    return rows


# 'Ditandatangani di X, 30 Januari 2023', 'Signed at X on ...', a year: a place-and-date line, never a name.
_SIGNING_LINE = re.compile(r"(?i:\b(?:ditandatangani|dibuat|signed|tanggal|date)\b)|\b(?:19|20)\d\d\b")


def signatories(doc: DocText, segs: Segments) -> list[str]:
    """Names of the people who sign, left column first, in the order the block gives them."""
    start, end = signature_block(doc, segs)
    spans = [
        (m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]*\S[^\n]*", doc.text[start:end])
    ]
    lines = [doc.text[a:b] for a, b in spans]
    found: list[str] = []
    for i, line in enumerate(lines):
        named = bool(_NAME_LABEL.search(line))
        if (
            org_like(line)
            or _POST_LINE.match(line)
            or (_LABEL_COLON.search(line) and not named)
            or _SIGNING_LINE.search(line)
        ):
            continue
        below = any(_POST_LINE.match(n) for n in lines[i + 1 : i + 3])
        above = _credentialed(line) and any(_POST_LINE.match(n) for n in lines[max(i - 4, 0) : i])
        if not (below or above or named):
            continue
        for part in _column_texts(doc, *spans[i]):
            for person in _people_in_line(part):
                if person not in found:
                    found.append(person)
    return found
