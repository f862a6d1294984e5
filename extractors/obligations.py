"""Obligations per party: Hak dan Kewajiban / Tugas dan Tanggung Jawab lists, costs and explicit duties."""

from __future__ import annotations

import re

from extractors.bilingual import in_language, text_language
from extractors.fields import GOOD, STRONG, make
from extractors.lists import marker_of, split_items
from extractors.names import org_like
from extractors.nlp import obligation_cues
from extractors.normalise import DocText, clean
from extractors.segment import Section, Segments
from extractors.vocab import BOILERPLATE
from schemas.record import ExtractedField, Obligation

JOINT = "PARA PIHAK"
_BOILER = re.compile("|".join(BOILERPLATE), re.IGNORECASE)
_MODE = re.compile(
    r"^\W*(?:\(?\w{1,3}[.)]\s*)?(?P<mode>Hak|Kewajiban|Rights?|Obligations?|Duties|Responsibilit\w*)\b",
    re.IGNORECASE,
)
# "2.1 USM's Obligations", 'Kewajiban Peserta', 'Obligations of the Contractor': a short sub-heading.
_MODE_HEADER = re.compile(
    r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:[\w.&-]+(?:'s|’s)?\s+){0,3}?"
    r"(?P<mode>Hak|Kewajiban|Rights?|Obligations?|Duties|Responsibilit\w*|Tugas)\b(?:\s+\S+){0,4}\W*$",
    re.IGNORECASE,
)
_RIGHTS_LINE = re.compile(
    r"\bberhak\b|\bentitled\b|^\W*(?:\(?\w{1,3}[.)]\s*)?(?:Hak|Rights?)\b", re.IGNORECASE
)
_DUTY_WORD = re.compile(
    r"\b(?:ber)?(?:ke)?wajib(?:an)?\b|\bdiwajibkan\b|\bobligations?\b|\bduties\b|\bresponsibilit|tanggung\s*jawab|\btugas\b",
    re.I,
)
_RIGHTS_WORD = re.compile(r"\bberhak\b|\bhak(?:-hak)?\b|\brights?\b|\bentitled\b", re.I)
_LIST_MARKER = re.compile(r"^\W*(?:\(?\w{1,3}[.)])")
_MODE_VERB = re.compile(
    r"\W{0,3}(?:\w+\s+)?(?:berhak|berkewajiban|wajib|mempunyai\s+(?:hak|kewajiban)|memiliki\s+(?:hak|kewajiban)"
    r"|bertanggung\s*jawab|shall|is\s+entitled|has\s+the\s+right|is\s+responsible|agrees?\s+to)\b",
    re.I,
)
# An item that receives rather than gives: 'Mendapatkan laporan', 'Meminta dokumen', 'Menerima pembayaran'
# (not 'Meminta izin', 'Menerima peserta', which are duties).
_RIGHT_VERB = re.compile(
    r"^\W*(?:mendapat(?:kan)?|memperoleh|meminta(?!\s+(?:izin|ijin|persetujuan))|menerima\s+(?:pembayaran|hasil"
    r"|laporan|honor\w*|imbalan|dana|bantuan|manfaat|hak))\b",
    re.IGNORECASE,
)
_RIGHT_OPENING = re.compile(
    r"^\W*(?:\S{1,3}\s+)?(?:(?!tidak\b|not\b)\S+\s+){0,3}?(?:berhak|is\s+entitled|shall\s+be\s+entitled)\b"
    r"(?!\s+(?:dan|and)\s+(?:ber)?(?:kewajiban|wajib|obliged))",
    re.I,
)
_COST = re.compile(r"dibebankan|ditanggung|tanggung\s*jawab|borne|\bbear\b|menanggung", re.IGNORECASE)
_SKIP_HEADINGS = re.compile(
    r"perselisihan|sengketa|dispute|force|memaksa|kahar|korespondensi|pemberitahuan|notice|"
    r"penutup|addendum|perubahan|amendment|lain-lain|miscellaneous|definisi|definition",
    re.I,
)
# A sentence ends at ';' or at a '.' followed by a space, except inside amounts, degrees and section
# numbers ('Rp 150.000.000,-', 'S.H.', '4.1': no space follows) and after an abbreviation that a
# number or name follows ('Rp. 5', 'No. 12 Tahun 2020', 'Pasal 4 ayat (1)').
_SENTENCE = re.compile(
    r"(?:[^.;]|\.(?=[^\s.;])|(?:(?<=\bRp)|(?<=\bNo)|(?<=\bNomor)|(?<=\bPasal))\.(?=\s+\S))+[.;]?"
)
# Duties stated outside the obligations article (README: cost bearing, reporting, confidentiality, ...).
_COST_ANY = re.compile(
    r"\b(?:biaya|pembiayaan|pajak|costs?|expenses?|tax(?:es)?)\b[^.;]{0,160}?"
    r"\b(?:ditanggung|dibebankan|menjadi\s+(?:tanggung\s*jawab|beban)|borne|paid\s+by|the\s+responsibility\s+of)\b"
    r"|\b(?:menanggung|bear|pay)\s+(?:\w+\s+){0,2}(?:biaya|pajak|costs?|expenses?|tax(?:es)?)\b",
    re.IGNORECASE,
)
_REPORT = re.compile(
    r"\b(?:melaporkan|(?:menyusun|menyampaikan|menyerahkan|membuat|mengirimkan)\s+(?:\w+\s+){0,2}laporan"
    r"|submit\s+(?:\w+\s+){0,3}reports?|report\s+(?:on|to)\b)",
    re.IGNORECASE,
)
_CONFIDENTIAL = re.compile(
    r"\b(?:menjaga|merahasiakan|tidak\s+(?:akan\s+)?(?:memberikan|memberitahukan|menyampaikan|mengungkapkan"
    r"|menyebarluaskan|membuka|mempublikasikan)|(?:not|never|neither\s+party\s+shall)\s+(?:\w+\W+){0,4}?(?:disclose|publish|reveal)"
    r"|keep\s+(?:\w+\s+){0,4}?confidential)\b",
    re.IGNORECASE,
)
# A sentence that opens with a party doing something: 'PIHAK KESATU menyerahkan sertifikat ...', 'PARA PIHAK
# akan menunjuk wakil-wakilnya', 'PARA PIHAK sepakat untuk saling bertukar data' (not 'berhak', 'dapat').
_ACTION = (
    r"^\W*(?:\(?\w{1,3}[.)]\s*)?(?:{roles})\s+(?:(?:dengan\s+ini|juga|secara\s+\S+)\s+)?"
    r"(?:(?:akan|wajib|harus|bersedia|sepakat\s+(?:untuk\s+)?|berkewajiban(?:\s+untuk)?)\s+)?"
    r"(?!mendapat|memperoleh|menerima|mempunyai\s+hak|memiliki\s+hak|menyatakan|menjamin\s+bahwa|memberikan\s+hak"
    r"|melakukan\s+(?:cedera|cidera|wanprestasi|pelanggaran))"
    r"(?:me[a-z]{4,}|bertanggung)"
)
_INTRO_END = re.compile(
    r"(?:sebagai\s+berikut|bahwa|as\s+follows|the\s+following)\W*(?:\w\W*)?$", re.IGNORECASE
)
_TAXPAYER = re.compile(r"\bwajib\s+pajak\b", re.IGNORECASE)  # 'Nomor Pokok Wajib Pajak': a taxpayer, no duty
_DUTY_LIST = (
    r"^\W*(?:\(?\w{1,3}[.)]\s*)?(?:the\s+)?(?P<role>{roles})\b[^\n:]{0,40}?\b(?:wajib|berkewajiban|bertugas"
    r"|bertanggung\s*jawab|(?:mempunyai|memiliki)\s+(?:hak\s+dan\s+)?(?:tugas|kewajiban)|shall|agrees?\s+to"
    r"|undertakes?\s+to)\b"
    r"[^\n:]{0,60}:[ \t]*$"
)
_NOT_A_DUTY = re.compile(
    r"(?i:\btidak\s+berlaku\b|\bdoes\s+not\s+apply\b|\badalah\s+(?:segala|setiap|informasi)|\bmeans\b"
    r"|\bin\s+witness\s+whereof|\bhave\s+executed\s+this\b|\bhereto\s+have\s+(?:executed|signed))"
    # a definition: 'Evaluasi adalah kegiatan penilaian ...'
    r"|\b[A-Z][\w/-]*(?:\s+[\w/-]+){0,3}\s+(?i:adalah\s+(?:kegiatan|suatu|segala|setiap|proses|upaya))\b"
)
# 'PARA PIHAK dapat menunjuk ...': a permission, not a duty.
_MAY = re.compile(r"\b(?:dapat|boleh|berhak|may|can)\b(?:\s+[\w/-]+){0,2}\s*$", re.IGNORECASE)
# A blank line, then a capital that opens a new sentence ('PARA PIHAK sepakat ...'), where OCR lost the
# ayat markers and the stop: the paragraph before has ended.
_PARAGRAPH_BREAK = re.compile(
    r"(?<=[\w,)])[ \t]*\n[ \t]*\n[ \t]*"
    r"(?=(?:PARA\s+PIHAK|PIHAK|Setiap|Dalam|Para|Masing|Apabila|Each|The\s+Parties|Both)\b)"
)
# A paragraph marker at the start of a line ('(2) ...', '3. ...', 'b) ...') starts a new sentence.
_PARAGRAPH = re.compile(r"\n(?=[ \t]*(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-z][.)])[ \t]+\S)")


# Subjects that bind both parties at once: their duties are joint ones.
_JOINT_SUBJECTS = ("Each Party", "Both Parties", "Masing-masing Pihak", "Kedua Belah Pihak", "Kedua Pihak")


def _role_alternation(roles: list[str]) -> str:
    names = sorted(
        {r for r in roles if r} | {JOINT, "Parties", "Para Pihak", *_JOINT_SUBJECTS}, key=len, reverse=True
    )
    generic = r"PIHAK\s+(?:KE[A-Z]+|PERTAMA)|(?:FIRST|SECOND|THIRD)\s+PARTY"
    return "|".join(re.escape(n) for n in names) + "|" + generic


def _role_pattern(roles: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _role_alternation(roles) + r")\b", re.IGNORECASE)


def _canonical(role: str, roles: list[str]) -> str:
    for r in roles:
        if r and r.lower() == role.lower():
            return r
    joint = ("para pihak", "parties", *(j.lower() for j in _JOINT_SUBJECTS))
    return JOINT if " ".join(role.lower().split()) in joint else role


def _duty_sections(doc: DocText, art: Section, role_re: re.Pattern[str], roles: list[str]) -> list[tuple]:
    """(party, start, end) chunks of an obligations article holding duties (rights chunks dropped).

    A chunk starts at a short header line naming a party or a mode ('Kewajiban PIHAK X:', 'PIHAK X
    memiliki hak-hak sebagai berikut:') or at a numbered item whose party states its mode right away
    ('2. PIHAK X berkewajiban untuk menyalurkan ...'); that item belongs to its own chunk."""
    chunks: list[tuple[str | None, int, int]] = []
    party: str | None = (
        JOINT
        if re.search(r"PARA\s+PIHAK\s+sepakat|Parties\s+agree", doc.text[art.body_start : art.end])
        else None
    )
    duty, cur_start = True, art.body_start
    for m in re.finditer(r"[^\n]+", doc.text[art.body_start : art.end]):
        line, pos = m.group(0), art.body_start + m.start()
        role_m = role_re.search(line)
        mode_m = _MODE.match(line) or _MODE_HEADER.match(line)
        header = len(line.strip()) < 90 and (line.rstrip().endswith(":") or len(line.strip()) < 40)
        if _LIST_MARKER.match(line) and line.rstrip().endswith((".", ";")):
            header = False  # a short item of its own ('(2) PIHAK KEDUA menyediakan data.')
        inline = bool(
            role_m
            and role_m.start() < 8
            and _LIST_MARKER.match(line)
            and _MODE_VERB.match(line, role_m.end())
            and not line.rstrip().endswith(":")
        )
        if not ((role_m or mode_m) and header) and not inline:
            continue
        chunks.append((party if duty else "__rights__", cur_start, pos))
        if role_m and role_m.start() < 25:
            party = _canonical(clean(role_m.group(0)), roles)
        rights, duties = _RIGHTS_WORD.search(line), _DUTY_WORD.search(line)
        if mode_m or rights or duties:
            # 'Hak dan Kewajiban PIHAK X:' heads a mixed list: duties (rights are dropped per item).
            duty = bool(duties) or not rights
        cur_start = pos if inline else pos + len(line)
    chunks.append((party if duty else "__rights__", cur_start, art.end))
    return [c for c in chunks if c[0] != "__rights__" and c[2] > c[1]]


def _whole_text(doc: DocText, segs: Segments) -> list[Section]:
    sig = segs.first("signature")
    return [Section("article", 0, sig.start if sig else len(doc.text), body_start=0)]


def _main_articles(doc: DocText, segs: Segments) -> list[Section]:
    """Articles of the agreement itself: when the numbering starts again at 1 in the same language, what
    follows is an attached document (a template for participants, a second agreement), not this one's
    duties. A bilingual text repeating its articles in the other language keeps them all."""
    arts = segs.of_kind("article")
    for prev, art in zip(arts, arts[1:], strict=False):
        if art.number == 1 and (prev.number or 0) >= 3:
            first_lang = text_language(doc.text[arts[0].start : arts[0].end + 2000])
            if first_lang and first_lang == text_language(doc.text[art.start : art.end + 2000]):
                return [a for a in arts if a.start < art.start]
    return arts


def _from_articles(doc: DocText, arts: list[Section], roles: list[str]) -> list[ExtractedField]:
    role_re = _role_pattern(roles)
    out: list[ExtractedField] = []
    for art in arts:
        if "hak_kewajiban" in art.heading_kinds:
            sections = [
                (party, start, end, False) for party, start, end in _duty_sections(doc, art, role_re, roles)
            ]
        elif _sentence_article(art):
            sections = _duty_lists(doc, art, roles)
        else:
            continue
        for party, start, end, marked_only in sections:
            previous: tuple[str, int | None] | None = None
            for item in split_items(doc.text[start:end], start):
                if marked_only:
                    # An announced list runs while its markers count on ('1) 2) 3)', not '6.' after it).
                    marker = marker_of(doc.text[item.start : item.end], previous)
                    if not marker or (
                        previous and (marker[0] != previous[0] or marker[1] != (previous[1] or 0) + 1)
                    ):
                        break
                    previous = marker
                for text in _item_sentences(item.text):
                    if (
                        len(text) < 12
                        or _BOILER.search(text)
                        or _is_right(text)
                        or _not_a_partys(text, role_re)
                        or _HEADER_ONLY.search(text)
                    ):
                        continue
                    out.append(
                        make(doc, Obligation(party=party, text=text), [(item.start, item.end)], STRONG)
                    )
    return out


# What a duty's subject can be: a party (its role, 'Parties', 'each party') or one of its people or units.
_DUTY_SUBJECT = re.compile(
    r"\b(?:pihak|party|parties|each|both|either|masing|bersama|universit\w*|institut\w*|department|dept|faculty"
    r"|fakultas|school|college|lembaga|dinas|badan|director|direktur|rektor|rector|dean|dekan|president|head|kepala"
    r"|ketua|chair\w*|office|kantor|contractor|company|perusahaan|pelaksana|penyedia|pengguna|we|it|they)\b",
    re.IGNORECASE,
)
_SUBJECT_MODAL = re.compile(r"\b(?:will|shall|must|is\s+to|are\s+to)\b(?!\s+not\s+limited)", re.IGNORECASE)
_CONDITION = re.compile(
    r"^(?:if|when|where|unless|once|after|upon|in\s+case)\b[^,;]{3,120},\s*", re.IGNORECASE
)
_COPULA = re.compile(
    r"^(?:\S+\s+){0,7}?(?:is|are|was|were|adalah|merupakan|terdiri\s+(?:atas|dari))\b(?!\s+to\b)",
    re.IGNORECASE,
)


# A sub-heading left without its colon ('PIHAK KEDUA mempunyai tugas dan tanggung jawab'): no duty itself.
_HEADER_ONLY = re.compile(
    r"^(?:\S+\s+){0,5}?(?:mempunyai|memiliki|has|have)?\s*(?:tugas|kewajiban|tanggung\s*jawab|hak|obligations"
    r"|responsibilities|duties)(?:\s+(?:dan|and)\s+(?:tugas|kewajiban|tanggung\s*jawab|hak|obligations"
    r"|responsibilities|duties))?(?:\s+(?:sebagai\s+berikut|berikut|as\s+follows))?\W*$",
    re.IGNORECASE,
)


def _not_a_partys(text: str, role_re: re.Pattern[str]) -> bool:
    """A sentence of an obligations article that binds no party: its subject before 'will' / 'shall' is
    neither a party nor one of its people or units ('Students will gain experience ...', 'All funding
    collaborations will require ...'), or it only describes ('Service Learning is worth 20 % ...')."""
    if not text[:1].isupper():
        return False
    text = _CONDITION.sub("", text)  # 'If a grant is executed, X is to ...': the main clause decides
    modal = _SUBJECT_MODAL.search(text)
    copula = _COPULA.match(text)
    if modal and not (copula and copula.end() < modal.start()):
        subject = text[: modal.start()]
        return bool(subject.strip()) and not (
            role_re.search(subject) or _DUTY_SUBJECT.search(subject) or org_like(subject)
        )
    if copula is None:
        return False
    head = copula.group(0)
    return not (role_re.search(head) or _DUTY_SUBJECT.search(head))


def _item_sentences(text: str) -> list[str]:
    """An item holding several full sentences ('A will ... . A and B will ... .') is one duty per sentence."""
    parts = [p.strip(" .") for p in re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", text)]
    if len(parts) > 1 and all(len(p.split()) >= 6 for p in parts):
        return parts
    return [text]


def _sentence_article(art: Section) -> bool:
    """An article read sentence by sentence for duties (not scope, term, purpose or boilerplate)."""
    kinds = set(art.heading_kinds)
    return not (
        kinds & {"hak_kewajiban", "ruang_lingkup", "jangka_waktu", "tujuan"}
        or _SKIP_HEADINGS.search(art.heading)
    )


# Articles read only for some duties: a term article's notices and renewals are no duties, but a periodic
# evaluation stated there is one ('akan dipantau dan dievaluasi ... setiap 1 (satu) tahun sekali'); a
# closing or miscellaneous article is boilerplate, but a promise of secrecy there is a duty ('Masing-masing
# PIHAK menyetujui untuk tidak memberikan keterangan mengenai isi ... kepada pihak lain').
_MISC_HEADINGS = re.compile(r"lain[\s-]*lain|miscellaneous|penutup|general\s+provisions?", re.I)


def _restricted_cues(art: Section) -> frozenset[str]:
    """The cue labels an article that is not read in full is still read for (empty: none)."""
    kinds = set(art.heading_kinds)
    if kinds & {"hak_kewajiban", "ruang_lingkup", "tujuan"}:
        return frozenset()
    if "jangka_waktu" in kinds and not _SKIP_HEADINGS.search(art.heading):
        return frozenset({"EVALUATE"})
    if _MISC_HEADINGS.search(art.heading):
        return frozenset({"CONFIDENTIAL"})
    return frozenset()


def _duty_lists(doc: DocText, art: Section, roles: list[str]) -> list[tuple]:
    """Lists of duties announced in another article ('PIHAK KESATU berkewajiban:', 'The University shall:'):
    (party, start, end, True) up to the next announcement; only the marked items that follow count."""
    header = re.compile(_DUTY_LIST.replace("{roles}", _role_alternation(roles)), re.IGNORECASE | re.MULTILINE)
    found = list(header.finditer(doc.text, art.body_start, art.end))
    ends = [m.start() for m in found[1:]] + [art.end] if found else []
    return [
        (_canonical(clean(m.group("role")), roles), m.end(), e, True)
        for m, e in zip(found, ends, strict=True)
    ]


def _is_right(text: str) -> bool:
    """A right listed among duties: 'Hak ...', or 'berhak' among its first words (after OCR debris)."""
    return bool(_RIGHTS_LINE.match(text) or _RIGHT_OPENING.match(text) or _RIGHT_VERB.match(text))


def _subject(sentence: str, cue_pos: int, role_re: re.Pattern[str], roles: list[str]) -> str:
    before = list(role_re.finditer(sentence[:cue_pos]))
    after = role_re.search(sentence, cue_pos)
    if before:
        return _canonical(clean(before[-1].group(0)), roles)
    if after and re.search(r"masing-masing|bersama", sentence, re.IGNORECASE) is None:
        return _canonical(clean(after.group(0)), roles)
    return JOINT


def _from_sentences(doc: DocText, arts: list[Section], roles: list[str]) -> list[ExtractedField]:
    """Explicit duties in the other articles: cost bearing, cue words (duty verbs, appointing, evaluating,
    reporting, confidentiality), a party's action ('PIHAK KESATU menyerahkan ...'); not the intro of a
    list, nor an exception ('tidak berlaku apabila') or a definition."""
    role_re = _role_pattern(roles)
    action = re.compile(_ACTION.replace("{roles}", _role_alternation(roles)), re.IGNORECASE)
    out: list[ExtractedField] = []
    for art in arts:
        kinds = set(art.heading_kinds)
        restricted = frozenset() if _sentence_article(art) else _restricted_cues(art)
        if not _sentence_article(art) and not restricted:
            continue
        for start, end in _sentences(doc.text, art.body_start, art.end):
            sentence = _TAXPAYER.sub(lambda t: "_" * len(t.group(0)), doc.text[start:end])
            lead = len(sentence) < 100 and sentence.rstrip().endswith(":")  # 'PIHAK KESATU berkewajiban:'
            if lead or _NOT_A_DUTY.search(sentence) or _INTRO_END.search(sentence.rstrip(" .;:")):
                continue
            cue: re.Match[str] | tuple[int, int, str] | None
            if restricted:
                cue = next((c for c in obligation_cues(sentence) if c[2] in restricted), None)
                if cue is None and "CONFIDENTIAL" in restricted:
                    cue = _CONFIDENTIAL.search(sentence)
            else:
                cue = _COST.search(sentence) if "pembiayaan" in kinds else None
                cue = cue or next(iter(obligation_cues(sentence)), None)
                cue = cue or _extra_cue(sentence, kinds, action)
            if cue is None or _BOILER.search(sentence):
                continue
            cue_pos = cue.start() if isinstance(cue, re.Match) else cue[0]
            if _MAY.search(sentence[max(0, cue_pos - 30) : cue_pos]):
                continue
            text = clean(re.sub(r"^\W*\(?\w{0,3}[.)]\s+", "", doc.text[start:end]))
            if len(text) < 20:
                continue
            party = _subject(sentence, cue_pos, role_re, roles)
            out.append(make(doc, Obligation(party=party, text=text), [(start, end)], GOOD))
    return out


def _extra_cue(sentence: str, kinds: set[str], action: re.Pattern[str]) -> re.Match[str] | None:
    """Cost bearing, reporting, a party's action and (in a confidentiality article) keeping information
    secret."""
    cue = _COST_ANY.search(sentence) or _REPORT.search(sentence) or action.search(sentence.strip())
    if cue is None and "kerahasiaan" in kinds:
        cue = _CONFIDENTIAL.search(sentence)
    return cue


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end], cut at '.', ';' and at paragraph markers."""
    spans = []
    marks = [m.start() + 1 for m in _PARAGRAPH.finditer(text, start, end)]
    marks += [m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    cuts = [start, *sorted(set(marks)), end]
    for a, b in zip(cuts, cuts[1:], strict=False):
        spans += [(m.start(), m.end()) for m in _SENTENCE.finditer(text, a, b)]
    return spans


def extract_obligations(
    doc: DocText, segs: Segments, roles: list[str | None], prevail: str | None = None
) -> list[ExtractedField]:
    """Listed duties per party, then cost and duty sentences (bilingual: the prevailing version only)."""
    clean_roles = [r for r in roles if r]
    arts = _main_articles(doc, segs)
    # Without articles (a contract of numbered clauses), the duty lists its clauses announce.
    listed = _from_articles(doc, arts or _whole_text(doc, segs), clean_roles)
    sentences = _from_sentences(doc, arts, clean_roles)
    pairs: set[tuple[str | None, str]] = set()
    texts: set[str] = set()
    out = []
    for f in listed + sentences:
        if f.value is None:
            continue
        key = re.sub(r"\W", "", f.value.text.lower())[:80]
        # The same duty listed for two parties is two duties; found again as a sentence it is one.
        if (
            (f.value.party, key) in pairs
            or (f not in listed and key in texts)
            or _running_header(f.value.text)
        ):
            continue
        if not in_language(f.value.text, prevail):
            continue
        pairs.add((f.value.party, key))
        texts.add(key)
        out.append(f)
    return out


def _running_header(text: str) -> bool:
    """'Memorandum Of Understanding - UA': a page header/footer caught in a list, every word capitalised;
    'Educational Internship program', 'Research and Grants': a sub-heading of at most four words, most
    of them capitalised, that opens with no verb."""
    words = re.findall(r"[A-Za-z]+", text)
    if bool(words) and len(words) <= 8 and all(w[0].isupper() for w in words):
        return True
    if re.match(r"(?:PARA\s+)?PIHAK\b", text):  # 'PIHAK KEDUA menyediakan data': a party's short duty
        return False
    long = [w for w in words if len(w) > 3]
    return (
        0 < len(words) <= 4
        and bool(long)
        and sum(w[0].isupper() for w in long) * 2 >= len(long)
        and not re.match(r"(?:me|ber|di|to\b)", words[0], re.IGNORECASE)
    )
