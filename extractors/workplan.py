"""Workplan level: detailed (activities with schedule/budget/outputs in the document), mentioned, or none."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.fields import GOOD, STRONG, WEAK, make
from extractors.lang import workplan as words
from extractors.normalise import DocText
from extractors.segment import Segments
from schemas.record import ExtractedField

# Families of evidence that a plan of activities is actually in the document (not just promised).
DETAIL_FAMILIES: dict[str, re.Pattern[str]] = {
    "budget_plan": re.compile(
        r"(?<!menyusun )\brencana\s+anggaran\s+(?:biaya|belanja)\b"
        r"(?![^\n]{0,40}\byang\s+(?:akan|diperlukan))"
        r"|\bbudget\s+(?:plan|breakdown|table)\b|\brincian\s+(?:anggaran|biaya)\b",
        re.IGNORECASE,
    ),
    "outputs": re.compile(r"\bluaran\b|\bdeliverables?\b|\bindikator\s+kinerja\b|\btarget\s+luaran\b", re.I),
    "terms_of_reference": re.compile(
        r"^[ \t]*(?:terms\s+of\s+reference|kerangka\s+acuan\s+kerja)[ \t]*$", re.I | re.M
    ),
    "schedule": re.compile(
        r"\bwork\s+period\b|\btime\s*(?:line|schedule|table)\b|\bpayment\s+schedule\b|\bjadwal\s+kegiatan\b"
        r"[^\n]{0,30}(?:terlampir|sebagai\s+berikut)|\bbulan\s+ke-?\s?\d|\bminggu\s+ke-?\s?\d",
        re.IGNORECASE,
    ),
    "yearly": re.compile(
        r"\btahun\s+pertama\b[\s\S]{0,3000}\btahun\s+kedua\b|\bfirst\s+year\b[\s\S]{0,3000}"
        r"\bsecond\s+year\b",
        re.IGNORECASE,
    ),
    "stages": re.compile(
        r"\btahap\s+(?:I|1)\b[\s\S]{0,2000}\btahap\s+(?:II|2)\b[\s\S]{0,2000}\btahap\s+(?:III|3)\b",
        re.IGNORECASE,
    ),
    "annex_plan": re.compile(
        r"^[ \t]*(?:[\"'.|~\-][ \t]*){0,3}(?:LAMPIRAN|ANNEX|APPENDIX|Lampiran|Annex|Appendix)\b[\s\S]{0,200}?"
        r"\b(?:rencana\s+(?:kerja|kegiatan|aksi)"
        r"|work\s*plan|plan\s+of\s+action|action\s+plan|jadwal|schedule|terms\s+of\s+reference)\b(?!\s+sama)",
        re.IGNORECASE | re.MULTILINE,
    ),
}
# Column words of a plan table header: activity, time, responsible unit, budget, indicator.
PLAN_COLUMNS = [
    r"kegiatan|activit|task",
    r"waktu|jadwal|time|schedule|deadline|bulan",
    r"penanggung\s*jawab|responsible|person\s+in\s+charge|pic\b",
    r"anggaran|biaya|budget|cost|dana",
    r"indikator|indicator|target|output|luaran|deliverable",
]
AMOUNT_LINE = re.compile(r"^[^\n]*\b\d{1,3}(?:[.,]\d{3}){2,}\b[^\n]*$", re.MULTILINE)
_NOT_BUDGET = re.compile(r"NPWP|rekening|account", re.IGNORECASE)
MIN_AMOUNT_LINES = 6
MIN_FAMILIES = 3
_PLAN_DOC_RE = re.compile("|".join(words.PLAN_DOCUMENTS), re.IGNORECASE)
_GENERIC_RE = re.compile("|".join(words.GENERIC_ACTIVITIES), re.IGNORECASE)
_AGREE_RE = re.compile("|".join(words.DEFER_AGREE), re.IGNORECASE)
_SEND_RE = re.compile("|".join(words.DEFER_SEND), re.IGNORECASE)
_DRAW_UP_RE = re.compile(
    words.DRAW_UP_VERBS
    + r"\s+(?:(?:(?!laporan|reports?\b)[\w-]+\s+){0,3}?(?:"
    + "|".join(words.PLAN_DOCUMENTS)
    + r")|(?:(?:a|an|the|suatu|sebuah|joint)\s+)?program(?:-program|s|mes?)?\b(?!\s*-?\s*(?:studi|study)\b))",
    re.IGNORECASE,
)
# A plan named as the measure of something else ("menurut jenis kegiatan") is not itself promised.
_AS_MEASURE = re.compile(
    r"(?:sesuai|berdasarkan|menurut|tergantung|bergantung|according\s+to|depending\s+on|based\s+on)"
    r"\s+(?:dengan\s+|pada\s+|kepada\s+|the\s+)?$",
    re.IGNORECASE,
)
_LATER_AGREEMENT_RE = re.compile(words.LATER_AGREEMENT, re.IGNORECASE)
# A clause that announces the list it is followed by: the activities are named here, not later.
_LIST_FOLLOWS = re.compile(
    r"\b(?:the\s+following|as\s+follows|(?:sebagai\s+)?berikut(?:\s+ini)?)\b[^.;]{0,60}:\s*$", re.IGNORECASE
)
_NOT_A_PLAN_RE = re.compile("|".join(words.NOT_A_PLAN_SUBJECT), re.IGNORECASE)
_REFERENCED_RE = re.compile("|".join(words.REFERENCED_PLAN), re.IGNORECASE)
# Clause ends: ";", a full stop before a blank, a blank line before a capital or a number (OCR leaves blank
# lines inside sentences too), or a list marker opening a line. A full stop after a number or a short
# abbreviation ("No.", "dll.", "Jl.") does not end a clause.
_CLAUSE_END = re.compile(
    r";|(?<![\s(]No)(?<!\bdll)(?<!\bdsb)(?<!\bJl)(?<!\bst)(?<!\bPT)(?<!\bs\.d)(?<!\bDr)(?<!\bIr)(?<!\d)\.(?=\s)"
    r"|\n[ \t]*\n(?=\s*[A-Z0-9(])|\n(?=[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|[-\u2022*])[ \t])"
)
# A word every promise holds (a plan, programme, activity, schedule, KAK/RAB, budget, details, project ...).
_PLANNISH = re.compile(
    r"rencana|program|kegiatan|activit|jadwal|schedul|\bKAK\b|\bRAB\b|kerangka|terms\s+of|plan|detail|rincian"
    r"|time\s*-?\s*(?:line|table)|deliverable|proje|proyek|bentuk|jenis|format|uraian|anggaran|budget|kalender",
    re.IGNORECASE,
)
_LINE_HYPHEN = re.compile(r"(\w)-[ \t]*\n[ \t]*(\w)")  # "dise-\npakati": a word broken at a line end
MAX_CLAUSE = 700  # characters: a longer run of text (a list joined by commas) is looked at in windows
NEAR_PLAN = 220  # characters between a named plan and its deferral
NEAR_GENERIC = 120  # characters between generic activities and the verb that agrees or draws them up
# An annex heading opens its line, after at most a little OCR noise (stray marks, a stamp read as "ee").
_ANNEX_LINE = re.compile(
    r"^[ \t]*(?:(?:[\"'.|~\-]|\b[a-z]{1,2}\b)[ \t]*){0,3}(?:"
    + "|".join(words.ANNEX_HEADINGS)
    + r")\b[^\n]{0,80}$",
    re.MULTILINE,
)
_ACTIVITY_RE = re.compile(r"\b(?:" + "|".join(words.ACTIVITY_COLUMNS) + r")", re.IGNORECASE)
_KIND_RES = {k: re.compile("|".join(v), re.IGNORECASE) for k, v in words.PLAN_COLUMN_KINDS.items()}
_TIME_CELL = re.compile(r"\b(?:bulan|minggu|month|week|tahun|year)\s*(?:ke\s*-?\s*)?\d", re.IGNORECASE)
_NUMBER_COLUMN = re.compile(r"^\W{0,3}No\.?\s", re.IGNORECASE)  # a table's first column: No / No.
# A numbered table row that says when or how much: "2 Survei lapangan Maret 2021 ...", "3. Workshop Month 4".
_PLAN_ROW = re.compile(
    r"^\W{0,2}\d{1,2}[.)]?\s+\S[^\n]*?(?:\b\d{1,3}(?:[.,]\d{3}){1,}\b|\b(?:januari|februari|maret|april|mei|juni|juli"
    r"|agustus|september|oktober|nopember|november|desember|january|february|march|may|june|july|august|october"
    r"|december|bulan|minggu|month|week|triwulan|quarter|semester)\b)",
    re.IGNORECASE,
)
# A timeline header wrapped over two lines: "Bulan Bulan Bulan ..." above "ke-1 ke-2 ke-3 ...".
_PERIOD_CELLS = re.compile(
    r"(?:\bke\s*-\s*\d{1,2}\b[^\n]*?){3}|(?:\b(?:bulan|minggu|month|week|triwulan|quarter)\b\W*){3}", re.I
)
# A timeline row: a numbered activity, then a mark in two or more period columns ("1 Survei X X").
_MARK_ROW = re.compile(r"^\W{0,2}\d{1,2}[.)]?\s+[A-Za-z][^\n]*?(?:\s[Xx\u2713\u2714](?=\s|$)){2,}")
TABLE_ROWS = 10  # lines under a header looked at for its rows
MIN_BODY_ROWS = 2
ANNEX_WINDOW = 6000  # characters of an annex looked at for its table
MIN_TABLE_AMOUNTS = 3  # rows with a Rupiah-style amount that make a budget table


_ORD_WORD = {
    w: n for n, ws in words.ORDINAL_WORDS.items() for w in ws
}  # pattern -> number (plain words, matched case-insensitively)
_ORD_FIRST = "|".join([*_ORD_WORD, *words.LAST_WORDS])  # an ordinal word: "first", "ketiga", "final"
# After a stage word a cardinal also numbers it ("Stage One", "Tahap Satu"), but not in a spelled date
# ("tahun dua ribu dua puluh").
_CARDINAL = r"(?:" + "|".join(words.COUNT_WORDS) + r")\b(?!\s+(?:ribu|puluh|belas|ratus|thousand|hundred))"
_ORD = r"(?:ke\s*-?\s*)?(?:\d{1,2}(?!\d|[.,]\d)|[IVX]{1,4}\b|" + _ORD_FIRST + r"|" + _CARDINAL + r")"
_STAGE_WORD = "|".join(f"(?P<{fam}>{'|'.join(ws)})" for fam, ws in words.STAGE_WORDS.items())
_ANY_STAGE_WORD = "|".join("|".join(ws) for ws in words.STAGE_WORDS.values())
_RANGE = r"\s*(?:-|~|\u2013|\u2014|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga|to|through|until|and|dan|&)\s*"
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(words.COUNT_WORDS) + r")\s+(?:\(\s*\d{1,2}\s*\)\s+)?"
# A list marker; OCR reads round bullets as "e", "o", "@" or a copyright sign.
_BULLET = r"[-\u2022\u25cf\u25aa\u25e6*\u00b7>\u00bb+]|[eo@\u00a9](?=[ \t]+[A-Z])"
_LIST_MARK = r"(?:" + _BULLET + r"|\(?\d{1,2}[.)]|\(?[a-hA-H][.)])[ \t]*"
# A stage heading opens a line, or follows a few words of a numbered item: "Semester 1", "Year 2:",
# "Tahun Ketiga", "Tahap II", "b. Phase 3", "Years 1~3", or the ordinal first: "First year", "The first three
# years", "2. Students spend the final two years ...".
_STAGE_HEAD = re.compile(
    r"^[ \t]*(?:" + _LIST_MARK + r"(?:[^\s:;]+[ \t]+){0,8}?)?"
    r"(?:(?:the|in\s+the|during\s+the|for\s+the|pada|selama)\s+)?(?:"
    r"(?:" + _STAGE_WORD + r")\s*(?P<ord>" + _ORD + r")(?:" + _RANGE + r"(?P<to>" + _ORD + r"))?"
    r"|(?P<ord_first>"
    + _ORD_FIRST
    + r")(?:"
    + _RANGE
    + r"(?P<to_first>"
    + _ORD_FIRST
    + r"))?\s+(?:"
    + _COUNT
    + r")?"
    r"(?P<fam2>" + _ANY_STAGE_WORD + r"))\b",
    re.IGNORECASE | re.MULTILINE,
)
_STAGE_NAME = re.compile(  # the stage's own name, left out when reading what the stage says
    rf"(?:(?:{_ORD_FIRST})\s+(?:{_COUNT})?)?(?:{_ANY_STAGE_WORD})(?:\s*{_ORD})?",
    re.IGNORECASE,
)
_STAGE_ACTIVITY = re.compile(r"\b(?:" + "|".join(words.STAGE_ACTIVITY) + r")", re.IGNORECASE)
_STAGE_TIME = re.compile("|".join(words.STAGE_TIME), re.IGNORECASE)
_STAGE_PAYMENT = re.compile(r"\b(?:" + "|".join(words.STAGE_PAYMENT) + r")", re.IGNORECASE)
_PAYMENT_SHARE = re.compile(
    r"\d\s*%|\bpersen\b|percent|\bRp\.?\s*\d|\bIDR\b|\d{1,3}(?:[.,]\d{3}){2,}", re.IGNORECASE
)
LAST_STAGE = 12  # "the final year", "tahun terakhir": after any numbered stage
STAGE_GAP = 2500  # characters between two stage headings of one programme
STAGE_TEXT = 800  # characters of the last stage's text looked at
MIN_STAGE_TEXT = 15  # letters a stage must say besides its heading


def _ordinal(token: str) -> int | None:
    token = token.strip()
    if any(re.fullmatch(w, token, re.IGNORECASE) for w in words.LAST_WORDS):
        return LAST_STAGE
    word = next((n for w, n in _ORD_WORD.items() if re.fullmatch(w, token, re.IGNORECASE)), None)
    if word is not None:
        return word
    token = re.sub(r"^ke\s*-?\s*", "", token, flags=re.IGNORECASE)
    if token.isdigit():
        return int(token)
    if token.lower() in words.COUNT_WORDS:
        return _count(token)
    if token.upper() in words.ROMAN and token.isupper():
        return words.ROMAN[token.upper()]
    return None


def _count(token: str) -> int:
    return int(token) if token.isdigit() else words.COUNT_WORDS.index(token.lower()) % 8 + 1


def _family(m: re.Match[str]) -> str:
    if m.group("fam2"):
        word = m.group("fam2")
        return next(
            f for f, ws in words.STAGE_WORDS.items() if re.fullmatch("|".join(ws), word, re.IGNORECASE)
        )
    return next(f for f in words.STAGE_WORDS if m.group(f))


def _stage_heads(text: str) -> list[tuple[int, str, int, int]]:
    """(position, family, first, last ordinal) of each stage heading."""
    heads = []
    for m in _STAGE_HEAD.finditer(text):
        first = _ordinal(m.group("ord") or m.group("ord_first"))
        to = m.group("to") or m.group("to_first")
        last = _ordinal(to) if to else first
        if m.group("count") and first is not None and first != LAST_STAGE:
            last = first + _count(m.group("count")) - 1
        if first is not None and last is not None and 1 <= first <= last <= LAST_STAGE:
            heads.append((m.start(), _family(m), first, last))
    return heads


def _is_work_stage(body: str) -> bool:
    """A stage says what is done in it (study, work, outputs), and is not a payment instalment."""
    letters = len(re.findall(r"[A-Za-z]", body))
    if letters < MIN_STAGE_TEXT or not _STAGE_ACTIVITY.search(body):
        return False
    return not (_STAGE_PAYMENT.search(body) and _PAYMENT_SHARE.search(body))


def staged_programme(doc: DocText) -> tuple[int, int] | None:
    """The span of a programme written as stages (semester 1..n, year 1..n, phase / tahap 1..n) opening
    lines or numbered items, in order, each saying what is done in it; steps (phases) must also say when."""
    text = doc.text
    heads = _stage_heads(text)
    for i, (pos, fam, first, last) in enumerate(heads):
        chain = [(pos, first, last)]
        for pos2, fam2, first2, last2 in heads[i + 1 :]:
            if pos2 - chain[-1][0] > STAGE_GAP:
                break
            if fam2 == fam and first2 > chain[-1][2]:
                chain.append((pos2, first2, last2))
        if (
            len(chain) < 2 or chain[0][1] > 2
        ):  # a programme starts at its first stage (the second if OCR lost it)
            continue
        ends = [p for p, _, _ in chain[1:]] + [min(len(text), chain[-1][0] + STAGE_TEXT)]
        bodies = [text[p:e] for (p, _, _), e in zip(chain, ends, strict=True)]
        bodies = [_STAGE_NAME.sub("", b, count=1) for b in bodies]
        work = [b for b in bodies if _is_work_stage(b)]
        if len(work) < max(2, len(bodies) - 1):
            continue
        if fam in words.STEP_FAMILIES and not any(_STAGE_TIME.search(b) for b in bodies):
            continue
        return chain[0][0], ends[-1]
    return None


def _amount_lines(lines: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """Lines with an amount, bank-account and tax-number lines left out (they are not budget rows)."""
    return [m for m in lines if not _NOT_BUDGET.search(m.group(0))]


def detail_signals(doc: DocText) -> dict[str, tuple[int, int]]:
    """The detail families found, each with the span of its first match."""
    found = {name: (m.start(), m.end()) for name, rx in DETAIL_FAMILIES.items() if (m := rx.search(doc.text))}
    for m in re.finditer(r"[^\n]{1,160}", doc.text):
        if (
            sum(bool(re.search(c, m.group(0), re.IGNORECASE)) for c in PLAN_COLUMNS) >= 3
            and len(m.group(0)) < 120
        ):
            found["plan_table"] = found["plan_table_columns"] = (m.start(), m.end())
            break
    lines = _amount_lines(AMOUNT_LINE.finditer(doc.text))
    if len(lines) >= MIN_AMOUNT_LINES:
        found["budget_table"] = (lines[0].start(), lines[-1].end())
    return found


def _plan_header(line: str) -> bool:
    """A table header of activities plus what a plan says of them (when, who, how much, what comes out)."""
    if len(line) > 160 or not _ACTIVITY_RE.search(line):
        return False
    kinds = sum(bool(rx.search(line)) for rx in _KIND_RES.values())
    return kinds >= 2 or (kinds == 1 and bool(_NUMBER_COLUMN.match(line)))


def annex_plan_table(doc: DocText) -> tuple[int, int] | None:
    """The span of a plan table in an annex/schedule: an activity header with time, unit, budget or output
    columns, a row of period columns (month 1, month 2 ...), or several rows of amounts."""
    heads = list(_ANNEX_LINE.finditer(doc.text))
    for i, head in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else len(doc.text)
        start, end = head.start(), min(stop, head.end() + ANNEX_WINDOW)
        lines = list(re.finditer(r"[^\n]+", doc.text[start:end]))
        for m in lines:
            line = m.group(0)
            if _plan_header(line) or len(_TIME_CELL.findall(line)) >= 2 or _PERIOD_CELLS.search(line):
                return start, start + m.end()
        marks = [m for m in lines if _MARK_ROW.match(m.group(0))]
        if len(marks) >= MIN_TABLE_AMOUNTS - 1:
            return start, start + marks[-1].end()
        amounts = _amount_lines(m for m in lines if AMOUNT_LINE.match(m.group(0)))
        if len(amounts) >= MIN_TABLE_AMOUNTS:
            return start, start + amounts[-1].end()
    return None


def body_plan_table(doc: DocText) -> tuple[int, int] | None:
    """A plan table on any page, under no annex heading: a header naming activities and at least two of
    time, who, budget or output, followed by numbered rows that carry a time or an amount."""
    lines = list(re.finditer(r"[^\n]+", doc.text))
    for i, m in enumerate(lines):
        line = m.group(0)
        if not _plan_header(line) or sum(bool(rx.search(line)) for rx in _KIND_RES.values()) < 2:
            continue
        rows = [r for r in lines[i + 1 : i + 1 + TABLE_ROWS] if _PLAN_ROW.match(r.group(0))]
        if len(rows) >= MIN_BODY_ROWS:
            return m.start(), rows[-1].end()
    return None


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of `text` (see _CLAUSE_END); a very long one is cut into overlapping windows."""
    out, start = [], 0
    for m in [*_CLAUSE_END.finditer(text), None]:
        end = m.end() if m else len(text)
        if text[start:end].strip():
            if end - start <= MAX_CLAUSE:
                out.append((start, end))
            else:
                step = MAX_CLAUSE // 2
                out += [(i, min(end, i + MAX_CLAUSE)) for i in range(start, end - step, step)]
        start = end
    return out


def _near(a: Iterable[re.Match[str]], b: list[re.Match[str]], gap: int) -> bool:
    return any(x.start() - gap <= y.start() <= x.end() + gap for x in a for y in b)


def promise_kind(clause: str) -> str | None:
    """How a clause promises a plan of this agreement, if it does: "named" for a named plan (programme of
    work, plan of activities, schedule, KAK/RAB, details of the activities) to be drawn up, agreed or set out
    later, anywhere, or relied on and not attached; "generic" for its activities, named generically, to be
    agreed, determined or drawn up by the parties (not merely sent on to a later agreement or guideline,
    which is a bare reference); None otherwise."""
    clause = _LINE_HYPHEN.sub(r"\1\2", clause)
    if not _PLANNISH.search(clause):  # no word any promise needs: most clauses stop here
        return None
    if _REFERENCED_RE.search(clause) or _DRAW_UP_RE.search(clause):
        return "named"
    agree = list(_AGREE_RE.finditer(clause))
    named = [
        m
        for m in _PLAN_DOC_RE.finditer(clause)
        if not _AS_MEASURE.search(clause[max(0, m.start() - 30) : m.start()])
    ]
    if named and _near(named, agree + list(_SEND_RE.finditer(clause)), NEAR_PLAN):
        return "named"
    if not agree or _LATER_AGREEMENT_RE.search(clause):
        return None
    if _NOT_A_PLAN_RE.search(clause[: max(m.end() for m in agree)]):
        return None
    if _LIST_FOLLOWS.search(clause):  # 'agree to develop the following activities:' lists them now
        return None
    return "generic" if _near(_GENERIC_RE.finditer(clause), agree, NEAR_GENERIC) else None


def promises_plan(clause: str) -> bool:
    return promise_kind(clause) is not None


def plan_sentences(doc: DocText) -> list[tuple[int, int]]:
    """Clauses promising a plan, programme, KAK/RAB or schedule to be drawn up later, or relying on one
    that is not attached ("sesuai RAB")."""
    return [(s, e) for s, e in clauses(doc.text) if promises_plan(doc.text[s:e])]


def extract_workplan(doc: DocText, segs: Segments) -> ExtractedField:
    signals = detail_signals(doc)
    table = annex_plan_table(doc)
    if table is not None:
        return make(doc, "detailed", [table], STRONG if len(signals) >= 2 else GOOD)
    table = body_plan_table(doc)
    if table is not None:
        return make(doc, "detailed", [table], GOOD)
    stages = staged_programme(doc)
    if stages is not None:
        return make(doc, "detailed", [stages], GOOD if len(signals) >= 1 else WEAK + 0.1)
    if len(signals) >= MIN_FAMILIES:
        spans = sorted(signals.values())[:6]
        strength = GOOD if len(signals) > MIN_FAMILIES else WEAK + 0.1
        return make(doc, "detailed", spans, strength)
    mentions = [(s, e, k) for s, e in clauses(doc.text) if (k := promise_kind(doc.text[s:e]))]
    if mentions:
        # A named plan, or several promises, is surer than one clause about activities in general.
        sure = len(mentions) > 1 or mentions[0][2] == "named"
        return make(doc, "mentioned", [(s, e) for s, e, _ in mentions[:3]], GOOD if sure else WEAK + 0.15)
    field = make(doc, "none", [], GOOD)
    field.confidence = 0.75 if not signals else 0.6
    return field
