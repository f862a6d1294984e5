"""spaCy rule components (built once per language): obligation cues and party roles as span channels."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractors.vocab import JOINT_ROLES, ROLE_ORDINALS_EN, ROLE_ORDINALS_ID

# Token patterns for duties that the README counts as obligations.
OBLIGATION_PATTERNS: dict[str, list[list[dict]]] = {
    "DUTY_VERB": [
        [{"LOWER": {"IN": ["wajib", "berkewajiban", "diwajibkan"]}}],
        [{"LOWER": "bertanggung"}, {"LOWER": "jawab"}],
        [{"LOWER": "bertanggungjawab"}],
    ],
    "APPOINT": [
        [{"LOWER": {"IN": ["menunjuk", "appoint", "designate"]}}],
        # 'membentuk tim pelaksana', 'establish a joint committee': appointing representatives
        [{"LOWER": "membentuk"}, {"LOWER": {"IN": ["tim", "kelompok", "panitia", "komite", "satuan"]}}],
        [
            {"LOWER": {"IN": ["establish", "form", "set"]}},
            {"LOWER": {"IN": ["up", "a", "an", "the"]}, "OP": "*"},
            {"LOWER": {"IN": ["joint", "steering", "coordinating"]}, "OP": "?"},
            {"LOWER": {"IN": ["committee", "team", "working"]}},
        ],
    ],
    "EVALUATE": [
        [
            {"LOWER": {"IN": ["melakukan", "mengadakan"]}},
            {"LOWER": {"IN": ["evaluasi", "pemantauan", "monitoring", "pertemuan"]}},
        ],
        [{"LOWER": "evaluasi"}, {"OP": "*", "IS_PUNCT": False}, {"LOWER": "berkala"}],
        [{"LOWER": {"IN": ["memantau", "mengevaluasi"]}}],
        # the passive: 'Kerja sama ini dievaluasi setiap 6 (enam) bulan', 'akan dipantau dan dievaluasi oleh'
        [{"LOWER": {"IN": ["dievaluasi", "dipantau", "dimonitor"]}}],
    ],
    "CONFIDENTIAL": [
        [{"LOWER": "menjaga"}, {"LOWER": "kerahasiaan"}],
        [{"LOWER": "tidak"}, {"LOWER": "memberikan"}, {"LOWER": "keterangan"}],
        [{"LOWER": {"IN": ["keep", "maintain"]}}, {"LOWER": {"IN": ["confidential", "confidentiality"]}}],
    ],
    "REPORT": [
        [{"LOWER": {"IN": ["menyampaikan", "membuat", "menyerahkan"]}}, {"LOWER": "laporan"}],
        [{"LOWER": "shall"}, {"LOWER": {"IN": ["submit", "report", "pay", "bear", "provide"]}}],
    ],
    "DEVELOP": [[{"LOWER": {"IN": ["mengembangkan", "merumuskan", "menyusun"]}}]],
}


def across_lines(pattern: list[dict]) -> list[dict]:
    """The pattern with any whitespace tokens allowed between its words: a line break inside a cue
    ('membentuk\ntim', 'menjaga\nkerahasiaan') is a whitespace token of its own in spaCy."""
    out: list[dict] = []
    for i, token in enumerate(pattern):
        if i:
            out.append({"IS_SPACE": True, "OP": "*"})
        out.append(token)
    return out


@Language.factory("obligation_cues")
class ObligationCues:
    """Marks obligation cues (duty verbs, appointing, evaluation, confidentiality, reporting) in doc.spans."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in OBLIGATION_PATTERNS.items():
            self.matcher.add(label, [across_lines(p) for p in patterns])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc, as_spans=True)
        doc.spans["obligation_cues"] = spacy.util.filter_spans(matches)
        return doc


def _role_patterns() -> list[dict]:
    ordinals = list(ROLE_ORDINALS_ID) + ["i", "ii", "iii"]
    patterns: list[dict] = [
        {"label": "ROLE", "pattern": across_lines([{"LOWER": "pihak"}, {"LOWER": {"IN": ordinals}}])}
    ]
    patterns += [
        {"label": "ROLE", "pattern": across_lines([{"LOWER": w}, {"LOWER": "party"}])}
        for w in ROLE_ORDINALS_EN
    ]
    patterns += [
        {"label": "JOINT", "pattern": across_lines([{"LOWER": t.lower()} for t in j.split()])}
        for j in JOINT_ROLES
    ]
    return patterns


def _pattern_words() -> set[str]:
    """Every word our token patterns look for (their LOWER values)."""
    patterns = [p for group in OBLIGATION_PATTERNS.values() for p in group]
    patterns += [entry["pattern"] for entry in _role_patterns()]
    words: set[str] = set()
    for token in (t for pattern in patterns for t in pattern):
        lower = token.get("LOWER")
        words.update(lower["IN"] if isinstance(lower, dict) else [lower] if lower else [])
    return words


def lean_indonesian() -> Language:
    """spaCy's Indonesian tokenizer without the ~15,600 hyphenated-word exceptions that mention none of
    our pattern words.

    Loading those special cases is 95 % of `spacy.blank("id")` (about 2 s, once per process, on the
    critical path of every run). An exception only decides how its own whitespace-delimited chunk is
    split; as the patterns match whole alphabetic words, the exceptions that contain one of those words
    are kept, so every pattern tokenizes as before (tests/test_nlp.py checks the matches against
    `spacy.blank("id")` on agreement text)."""
    from spacy.lang.id import Indonesian, IndonesianDefaults

    words = _pattern_words()
    split = re.compile(r"[\W_]+")

    def keep(chunk: str) -> bool:
        return "-" not in chunk or any(part in words for part in split.split(chunk.lower()))

    class LeanDefaults(IndonesianDefaults):
        tokenizer_exceptions = {k: v for k, v in IndonesianDefaults.tokenizer_exceptions.items() if keep(k)}

    class LeanIndonesian(Indonesian):
        Defaults = LeanDefaults

    return LeanIndonesian()


@lru_cache(maxsize=2)
def get_nlp(lang: str = "id") -> Language:
    """A blank Indonesian/English pipeline with our rule components (cached: built once)."""
    nlp = lean_indonesian() if lang == "id" else spacy.blank(lang)
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "roles"})
    ruler.add_patterns(_role_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("obligation_cues")
    return nlp


def obligation_cues(sentence: str, lang: str = "id") -> list[tuple[int, int, str]]:
    """(start, end, label) character spans of obligation cues in a sentence."""
    doc = get_nlp(lang)(sentence)
    return [(s.start_char, s.end_char, s.label_) for s in doc.spans["obligation_cues"]]


def role_mentions(text: str, lang: str = "id") -> list[tuple[int, int, str]]:
    doc = get_nlp(lang)(text)
    return [(s.start_char, s.end_char, re.sub(r"\s+", " ", s.text)) for s in doc.spans["roles"]]
