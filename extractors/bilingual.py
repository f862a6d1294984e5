"""Bilingual agreements: which language version prevails, and which language a heading or item is in."""

from __future__ import annotations

import re

from extractors.normalise import DocText

PREVAIL_RE = re.compile(
    r"\b(?:Bahasa\s+)?(?P<lang>English|Inggris|Indonesian|Indonesia)\b"
    r"(?:\s+(?:text|version|language|teks|versi))?[^.;]{0,40}?"
    r"\b(?:shall\s+prevail|will\s+prevail|prevails|shall\s+govern|(?:yang\s+)?akan\s+berlaku"
    r"|yang\s+berlaku|menjadi\s+acuan|yang\s+digunakan)",
    re.IGNORECASE,
)
_ID = re.compile(
    r"\b(?:dan|yang|di|ke|dari|untuk|dengan|ini|dalam|sesuai|kepada|bagi|atas|oleh|antara|tentang|secara"
    r"|serta|pada|para|pihak|kerja|sama|bersama|nota|kesepahaman|kesepakatan|perjanjian)\b",
    re.IGNORECASE,
)
_EN = re.compile(
    r"\b(?:the|and|of|to|in|for|with|by|on|shall|between|as|its|their|from|this|that|party|parties|joint|memorandum|understanding|agreement)\b",
    re.IGNORECASE,
)


def prevailing_language(doc: DocText, language: str | None) -> str | None:
    """'id' or 'en' when a bilingual text says which version prevails, else None."""
    if language != "id+en":
        return None
    m = PREVAIL_RE.search(doc.text)
    if not m:
        return None
    return "en" if m.group("lang").lower() in ("english", "inggris") else "id"


def text_language(text: str) -> str | None:
    """'id' or 'en' by function words; None when there are none or they tie."""
    n_id, n_en = len(_ID.findall(text)), len(_EN.findall(text))
    if n_id == n_en:
        return None
    return "id" if n_id > n_en else "en"


def in_language(text: str, prevail: str | None) -> bool:
    """True unless `text` is clearly in the other language of a bilingual document."""
    lang = text_language(text) if prevail else None
    return lang is None or lang == prevail
