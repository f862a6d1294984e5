"""English text of an agreement (English MoU, and the right column of bilingual ones), and annexes."""

from __future__ import annotations

from random import Random

from samples.blocks import Block, Composed, cap, heading, items, join_title, title_lines
from samples.compose_id import signature_blocks
from samples.spec import Spec, topic
from samples.words import EN_MONTHS, english_words, long_en, ordinal_en

DOC = "Memorandum of Understanding"


def duration_text_en(spec: Spec) -> str | None:
    t = spec.term
    if t.kind == "years":
        n = (t.months or 0) // 12
        return f"{n} ({english_words(n)}) year{'s' if n > 1 else ''}"
    if t.kind == "months":
        return f"{t.months} ({english_words(t.months or 0)}) months"
    if t.kind == "terminated":
        return "until terminated by mutual written consent of the Parties"
    return None


def _opening(spec: Spec) -> list[Block]:
    d = spec.signed
    when = f" on this {ordinal_en(d.day)} day of {EN_MONTHS[d.month - 1]} {d.year}" if spec.opening else ""
    where = f" in {spec.place}" if spec.place and spec.opening else ""
    out = [Block("para", f"This {DOC} is made{when}{where} by and between:")]
    for i, p in enumerate(spec.parties):
        out.append(
            Block(
                "para",
                f"{p.name_en}, represented by {p.rep_printed}, {p.position_en}, hereinafter "
                f"referred to as the {spec.role(i, True)};",
                label=f"{i + 1}.",
                indent=1,
            )
        )
    out.append(
        Block(
            "para",
            "The FIRST PARTY and the SECOND PARTY are hereinafter collectively referred to as "
            "the Parties, who agree as follows:",
        )
    )
    return out


def _duties(spec: Spec) -> tuple[list[Block], list[tuple[str, str]]]:
    blocks: list[Block] = []
    gold: list[tuple[str, str]] = []
    duties = [o for o in spec.obligations if o.heading == "duty"]
    for who in sorted({o.party for o in duties}):
        texts = [o.text[1].replace("{doc}", DOC) for o in duties if o.party == who]
        role = spec.role(who, True)
        blocks.append(Block("para", f"The {role} shall:" if who >= 0 else "The Parties agree to:"))
        blocks += items(texts, False)
        gold += [(role, cap(t)) for t in texts]
    return blocks, gold


def _term(spec: Spec, dur: str | None) -> str:
    t = spec.term
    if t.kind in ("years", "months"):
        start = f"as of {long_en(t.start)}" if t.start_stated and t.start else "on the date of signing"
        return f"This {DOC} shall come into effect {start} and remain in force for a period of {dur}."
    if t.kind == "end_date" and t.end:
        until = long_en(t.end)
        return f"This {DOC} shall come into effect on the date of signing and remain in force until {until}."
    return f"This {DOC} shall come into effect on the date of signing and remain in force {dur}."


def _workplan(spec: Spec) -> str:
    if spec.workplan == "mentioned":
        return "A work plan to implement this Memorandum will be drawn up and agreed by the Parties."
    if spec.workplan == "detailed":
        return "The work plan of this Memorandum is set out in the Annex, which forms an integral part of it."
    return "Specific activities may be set out in separate implementing arrangements."


def compose_en(spec: Spec, rng: Random) -> Composed:
    """The English document for `spec` (also the right-hand column of a bilingual one)."""
    names = [p.name_en.upper() for p in spec.parties]
    lines = title_lines(DOC.upper(), names, "BETWEEN", "AND", "ON", topic(spec, en=True))
    dur = duration_text_en(spec)
    duty_blocks, gold = _duties(spec)
    cost = [o for o in spec.obligations if o.heading == "cost"]
    cost_text = cap(cost[0].text[1].replace("{doc}", DOC)) if cost else ""
    scope = [cap(s[1]) for s in spec.scope]
    arts = [
        (
            "PURPOSE",
            [
                Block(
                    "para",
                    f"The purpose of this {DOC} is to provide a framework for cooperation in the "
                    f"field of {spec.theme.topic[1].lower()}.",
                )
            ],
        ),
        ("SCOPE OF COOPERATION", [Block("para", f"The scope of this {DOC} covers:")] + items(scope, False)),
        ("IMPLEMENTATION", [Block("para", _workplan(spec))]),
        ("RESPONSIBILITIES", duty_blocks),
        ("FINANCING", [Block("para", cost_text + ".")]),
        (
            "DURATION",
            [
                Block("para", _term(spec, dur)),
                Block("para", f"This {DOC} may be extended by mutual written consent of the Parties."),
            ],
        ),
        (
            "FORCE MAJEURE",
            [
                Block(
                    "para",
                    "Neither Party shall be liable for failure to perform caused by natural "
                    "disasters, fire or civil unrest. The affected Party shall notify the "
                    "other Party in writing within 7 (seven) days.",
                )
            ],
        ),
        (
            "SETTLEMENT OF DISPUTES",
            [
                Block(
                    "para",
                    f"Any dispute arising from this {DOC} shall be settled "
                    "amicably through consultation between the Parties.",
                )
            ],
        ),
    ]
    sections = [heading("Article", i + 1, name) + body for i, (name, body) in enumerate(arts)]
    final = (
        f"This {DOC} is made in {len(spec.parties)} ({english_words(len(spec.parties))}) originals, each "
        "having equal legal force."
    )
    if spec.language == "id+en":
        final += " In case of any difference in interpretation, the Indonesian text shall prevail."
    sections.append(heading("Article", len(arts) + 1, "FINAL PROVISIONS") + [Block("para", final)])
    sections.insert(0, _opening(spec))
    head = [Block("title", line) for line in lines] + [Block("gap")]
    head += [Block("center", f"Number: {p.number}") for p in spec.parties if p.number] + [Block("gap")]
    roles = [spec.role(i, True) for i in range(len(spec.parties))]
    sign = signature_blocks(
        spec, roles, [p.position_en for p in spec.parties], "Signed in {place}, {date}", long_en
    )
    return Composed(
        sections,
        head,
        [sign],
        join_title(lines),
        dur,
        scope,
        gold + ([("Parties", cost_text)] if cost_text else []),
    )


def annex(spec: Spec, en: bool, doc_title: str) -> list[Block]:
    """The LAMPIRAN / ANNEX page with the workplan table (only for a detailed workplan)."""
    if spec.workplan != "detailed":
        return []
    head = (
        ["Activity", "Time", "Person in Charge", "Budget", "Indicator"]
        if en
        else ["Kegiatan", "Waktu", "Penanggung Jawab", "Anggaran", "Indikator"]
    )
    rows = [[str(i + 1), *_row(spec, r, en)] for i, r in enumerate(spec.workplan_rows)]
    return [
        Block("break"),
        Block("heading", "ANNEX" if en else "LAMPIRAN"),
        Block("center", doc_title),
        Block("gap"),
        Block("heading", "WORK PLAN" if en else "RENCANA KERJA"),
        Block("gap"),
        Block("table", rows=[["No", *head], *rows]),
    ]


QUARTERS = (
    ("Januari - Maret", "April - Juni", "Juli - September", "Oktober - Desember"),
    ("January - March", "April - June", "July - September", "October - December"),
)
INDICATORS = (
    ("Laporan kegiatan", "Jumlah peserta", "Dokumen hasil kajian", "Modul pelatihan"),
    ("Activity report", "Number of participants", "Study report", "Training module"),
)


def _row(spec: Spec, row: tuple[int, int, int, int, int, int], en: bool) -> list[str]:
    j, quarter, year, who, millions, indicator = row
    lang = 1 if en else 0
    money = f"IDR {millions},000,000" if en else f"Rp{millions}.000.000"
    return [
        cap(spec.scope[j][lang]),
        f"{QUARTERS[lang][quarter]} {year}",
        spec.role(who, en),
        money,
        INDICATORS[lang][indicator],
    ]
