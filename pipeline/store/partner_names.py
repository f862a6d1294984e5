"""Party names taken apart for partner resolution: institution, unit, kind, folded words, short names."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

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

KIND_SCORE = 85  # an OCR-damaged kind word ('Univcrsitas') still counts as its kind
UNIT_SCORE = 80  # an OCR-damaged first word ('Fakuitas') still opens a unit
_OCR_FOLD = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "|": "l", "i": "l"})
KIND_RE = re.compile(r"\b(?:" + "|".join(sorted(KINDS, key=len, reverse=True)).replace(" ", r"\s+") + r")\b")
_UNIT_RE = re.compile(rf"\b(?:{UNIT_WORDS})\b", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9\-]{1,9}$")
_INLINE_SHORT = re.compile(r"\(\s*[\"“”']?([A-Z][A-Z0-9\-]{1,9})[\"“”']?\s*\)")
DEFINITION_GAP = 80  # characters between a name and the short name it is given
_INLINE_DEFINITION = re.compile(r"\(\s*[\"“”'‘]?([A-Z][A-Z0-9\-]{1,9})[\"“”'’]?\s*\)")
_CUE = re.compile(SHORT_NAME_CUES.replace(r"\s+", " "))  # over the lower-cased, space-folded text
_CUED_SHORT = re.compile(r"\s*[\"“”'‘]?([A-Z][A-Z0-9\-]{1,9})\b")


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


@functools.lru_cache(maxsize=65536)
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
    kinds = list(KIND_RE.finditer(lowered))
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
    for phrase, meaning in PHRASES.items():
        folded = re.sub(rf"\b{phrase}\b", meaning, folded)
    kind = None
    match = KIND_RE.search(folded)
    if match:
        kind = KINDS[" ".join(match.group(0).split())]
        folded = folded[: match.start()] + " " + folded[match.end() :]
    words: list[str] = []
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
    """{short name: party name} for every short name the text defines for one of `names`: the name, then
    within DEFINITION_GAP characters '(UNIB)' or 'selanjutnya disebut "UNIB"'."""
    flat = " ".join(text.split())
    folded = flat.lower()
    if len(folded) != len(flat):  # a letter whose lower case is longer: positions would not agree
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in flat)
    found: dict[str, str] = {}
    for start, short in _short_forms(flat, folded):
        before = folded[max(0, start - DEFINITION_GAP - 200) : start]
        for name in names:
            printed = " ".join(name.split()).lower()
            at = before.rfind(printed)
            if at < 0 or len(before) - at - len(printed) > DEFINITION_GAP:
                continue
            if short.upper() == short and defines(short, name) and plain(short) != plain(name):
                found[short] = name
    return found


def _short_forms(flat: str, folded: str) -> list[tuple[int, str]]:
    """(where, short name) of every '(UNIB)' and every 'selanjutnya disebut "UNIB"' in a text."""
    forms = [(m.start(), m.group(1)) for m in _INLINE_DEFINITION.finditer(flat)] if "(" in flat else []
    for cue in _CUE.finditer(folded):
        short = _CUED_SHORT.match(flat, cue.end())
        if short:
            forms.append((cue.start(), short.group(1)))
    return forms


def indonesian_kind(name: str) -> bool:
    """The kind printed in Indonesian ('Universitas ...', not 'University of ...')."""
    match = KIND_RE.search(plain(name))
    if match is None:
        return False
    kind = " ".join(match.group(0).split())
    return kind == KINDS[kind].replace("_", " ")
