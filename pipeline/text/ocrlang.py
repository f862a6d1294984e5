"""The OCR language of a document: Tesseract's languages for the language its first read page is in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lang import en as lang_en
from extractors.lang import id as lang_id

TESSERACT_CODES = {"id": "ind", "en": "eng"}
_ID = re.compile(rf"\b(?:{'|'.join(lang_id.FUNCTION_WORDS)})\b", re.IGNORECASE)
_EN = re.compile(rf"\b(?:{'|'.join(lang_en.FUNCTION_WORDS)})\b", re.IGNORECASE)
MIN_FUNCTION_WORDS = 12  # fewer on a page (a signature page, a cover): undecided, read the next page too
# A page is in one language when the other's function words are at most this share of all of them
# (Indonesian agreements quote English names: 'University of ...'); above it both are read.
SINGLE_MAX_OTHER = 0.12
# A page read in one language whose text has more of the other's function words than this is read again
# in both (a bilingual or other-language page later in the document), and so is the rest of it.
RECHECK_MAX_OTHER = 0.25


@dataclass(frozen=True)
class LanguageVote:
    """The function words of each language in a text."""

    id: int
    en: int

    @property
    def total(self) -> int:
        return self.id + self.en

    @property
    def share_en(self) -> float:
        return self.en / self.total if self.total else 0.5


def vote(text: str) -> LanguageVote:
    return LanguageVote(len(_ID.findall(text)), len(_EN.findall(text)))


def choose_ocr_language(text: str, allowed: str) -> tuple[str | None, str]:
    """(Tesseract language setting, reason) for the rest of a document whose first read page is `text`;
    None when the page says too little. Never a language outside `allowed` (KERJASAMA_OCR_LANG)."""
    counts = vote(text)
    parts = [p for p in allowed.split("+") if p]
    if counts.total < MIN_FUNCTION_WORDS:
        return None, f"{counts.total} function words: undecided"
    share = counts.share_en
    if share <= SINGLE_MAX_OTHER:
        lang = "id"
    elif share >= 1 - SINGLE_MAX_OTHER:
        lang = "en"
    else:
        return allowed, f"bilingual ({counts.id} Indonesian, {counts.en} English function words): {allowed}"
    code = TESSERACT_CODES[lang]
    if code not in parts:
        return allowed, f"{lang} text, but {code} is not in {allowed}: {allowed}"
    return code, f"{lang} text ({counts.id} Indonesian, {counts.en} English function words): {code}"


def misread_language(text: str, lang: str) -> bool:
    """True when a page read in the single language `lang` reads as the other language or both."""
    counts = vote(text)
    if "+" in lang or counts.total < MIN_FUNCTION_WORDS // 2:
        return False
    other = counts.share_en if lang == "ind" else 1 - counts.share_en
    return other > RECHECK_MAX_OTHER
