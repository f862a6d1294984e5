"""Spelled-out numbers in Indonesian ("dua ribu dua puluh tiga") and English ("twenty-three")."""

from __future__ import annotations

import re

from extractors.lang import en
from extractors.lang import id as lang_id

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})

_ID_VOCAB = sorted(
    [*lang_id.UNITS, *lang_id.SE_FORMS, *lang_id.SCALES, lang_id.TEEN_WORD, lang_id.TENS_WORD]
    + [lang_id.HUNDRED_WORD],
    key=len,
    reverse=True,
)
# Words may be glued by OCR ("duapuluh"), so the tokenizer segments letter runs by the vocabulary.
_ID_TOKEN = re.compile("|".join(_ID_VOCAB))
_EN_SPLIT = re.compile(r"[\s\-‐–,]+")

# Regex fragment matching a run of Indonesian number words (used by the date and duration finders).
# OCR may read a speck between two words as a lone letter ('Dua Puluh h Tiga'): one is passed over.
ID_NUMBER_PHRASE = r"(?:\b(?:{w})(?:[\s-]*(?:[a-z]\s+(?=(?:{w})))?(?:{w}))*\b)".format(w="|".join(_ID_VOCAB))
_EN_VOCAB = sorted([*en.UNITS, *en.TENS, *en.SCALES, *en.ORDINALS, en.HUNDRED_WORD], key=len, reverse=True)
EN_NUMBER_PHRASE = r"(?:\b(?:{w})(?:(?:[\s-]+|\s+and\s+)(?:{w}))*\b)".format(w="|".join(_EN_VOCAB))


def _id_tokens(text: str) -> list[str] | None:
    """Split into Indonesian number words; None if anything else is present."""
    tokens: list[str] = []
    chunks = re.split(r"[\s\-‐–]+", text.lower().strip())
    for k, chunk in enumerate(chunks):
        if len(chunk) == 1 and chunk.isalpha() and 0 < k < len(chunks) - 1:
            continue  # a speck read as a letter between two number words
        pos = 0
        while pos < len(chunk):
            m = _ID_TOKEN.match(chunk, pos)
            if not m:
                return None
            tokens.append(m.group())
            pos = m.end()
    return tokens or None


def _id_below_1000(tokens: list[str], i: int) -> tuple[int, int]:
    """Read hundreds, tens/teens and units from tokens[i:]; returns (value, next index)."""
    value, n = 0, len(tokens)

    def unit_then(word: str) -> bool:
        return i + 1 < n and tokens[i] in lang_id.UNITS and tokens[i + 1] == word and tokens[i] != "nol"

    if i < n and tokens[i] == "seratus":
        value, i = 100, i + 1
    elif unit_then(lang_id.HUNDRED_WORD):
        value, i = 100 * lang_id.UNITS[tokens[i]], i + 2
    if i < n and tokens[i] in ("sepuluh", "sebelas"):
        return value + lang_id.SE_FORMS[tokens[i]], i + 1
    if unit_then(lang_id.TEEN_WORD):
        return value + 10 + lang_id.UNITS[tokens[i]], i + 2
    if unit_then(lang_id.TENS_WORD):
        value, i = value + 10 * lang_id.UNITS[tokens[i]], i + 2
    if i < n and tokens[i] in lang_id.UNITS and tokens[i] != "nol":
        value, i = value + lang_id.UNITS[tokens[i]], i + 1
    return value, i


def _id_value(tokens: list[str]) -> int | None:
    """Combine groups with the scales juta and ribu; None unless every token is used."""
    if tokens == ["nol"] or tokens == ["kosong"]:
        return 0
    total, i = 0, 0
    for scale_word, scale in (("juta", 1_000_000), ("ribu", 1_000)):
        se_word = "se" + scale_word
        if i < len(tokens) and tokens[i] == se_word:
            total, i = total + scale, i + 1
            continue
        group, j = _id_below_1000(tokens, i)
        if j > i and j < len(tokens) and tokens[j] == scale_word:
            total, i = total + group * scale, j + 1
    group, j = _id_below_1000(tokens, i)
    if j != len(tokens) or (j == i and i == 0):
        return None
    return total + group


def parse_id_number_words(text: str) -> int | None:
    """Read an Indonesian number phrase ("Delapan Belas" -> 18); None if it is not one."""
    tokens = _id_tokens(text)
    return _id_value(tokens) if tokens else None


def _en_tokens(text: str) -> list[str] | None:
    tokens = []
    for raw in _EN_SPLIT.split(text.lower().strip()):
        if not raw or raw == en.CONJUNCTION:
            continue
        word = en.ORDINALS.get(raw, raw)
        if word not in en.UNITS and word not in en.TENS and word not in en.SCALES and word != "hundred":
            return None
        tokens.append(word)
    return tokens or None


def _en_below_1000(tokens: list[str], i: int) -> tuple[int, int]:
    value, n = 0, len(tokens)
    if i + 1 < n and tokens[i] in en.UNITS and tokens[i + 1] == en.HUNDRED_WORD:
        value, i = 100 * en.UNITS[tokens[i]], i + 2
    if i < n and tokens[i] in en.TENS:
        value, i = value + en.TENS[tokens[i]], i + 1
        if i < n and tokens[i] in en.UNITS and 0 < en.UNITS[tokens[i]] < 10:
            value, i = value + en.UNITS[tokens[i]], i + 1
        return value, i
    if i < n and tokens[i] in en.UNITS and (value == 0 or en.UNITS[tokens[i]] > 0):
        value, i = value + en.UNITS[tokens[i]], i + 1
    return value, i


def parse_en_number_words(text: str) -> int | None:
    """Read an English cardinal or ordinal phrase ("two thousand and fifteen", "ninth")."""
    tokens = _en_tokens(text)
    if not tokens:
        return None
    total, i = 0, 0
    for scale_word, scale in (("million", 1_000_000), ("thousand", 1_000)):
        group, j = _en_below_1000(tokens, i)
        if j > i and j < len(tokens) and tokens[j] == scale_word:
            total, i = total + group * scale, j + 1
    group, j = _en_below_1000(tokens, i)
    if j != len(tokens):
        return None
    return total + group


def read_ocr_digits(token: str) -> tuple[int, bool] | None:
    """Digits with OCR look-alikes fixed (O->0, l/I->1): (value, was_fixed); None without a real digit."""
    token = token.strip()
    if not any(ch.isdigit() for ch in token):
        return None
    fixed = token.translate(_OCR_DIGITS)
    return (int(fixed), fixed != token) if fixed.isdigit() else None


_ID_DIGIT_WORDS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def _id_below_1000_words(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [] if not hundreds else ["seratus"] if hundreds == 1 else [_ID_DIGIT_WORDS[hundreds], "ratus"]
    if rest in (10, 11):
        return [*words, "sepuluh" if rest == 10 else "sebelas"]
    if 12 <= rest <= 19:
        return [*words, _ID_DIGIT_WORDS[rest - 10], "belas"]
    tens, units = divmod(rest, 10)
    words += [_ID_DIGIT_WORDS[tens], "puluh"] if tens else []
    return words + ([_ID_DIGIT_WORDS[units]] if units else [])


def format_id_number_words(n: int) -> str:
    """Spell 0..999_999_999 in Indonesian ("dua ribu dua puluh tiga"); inverse of parse_id_number_words."""
    if not 0 <= n < 1_000_000_000:
        raise ValueError(f"cannot spell {n} in Indonesian words: only 0..999,999,999 is supported")
    if n == 0:
        return "nol"
    millions, rest = divmod(n, 1_000_000)
    thousands, rest = divmod(rest, 1000)
    words = [*_id_below_1000_words(millions), "juta"] if millions else []
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += [*_id_below_1000_words(thousands), "ribu"]
    return " ".join(words + _id_below_1000_words(rest))
