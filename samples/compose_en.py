"""English text of an agreement (English MoU, and the right column of bilingual ones), and annexes."""

from __future__ import annotations

from random import Random

from samples.blocks import Block, Composed, cap, heading, items, join_title, title_lines
from samples.compose_id import head_blocks, signature_blocks
from samples.pools import DELIVERABLES, RAB_ITEMS
from samples.spec import Spec, topic
from samples.words import EN_MONTHS, english_words, long_en, ordinal_en, terbilang
from samples.workplan_shapes import staged_annex, workplan_blocks

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
    sh = spec.shapes
    if sh.en_opening == "between":
        parts = [
            f"{p.name_en}, {sh.descriptions[i]}, having its address at {sh.addresses[i]} "
            f'(hereinafter "{spec.role(i, True)}")'
            for i, p in enumerate(spec.parties)
        ]
        out = [Block("para", f"This {DOC} is made{when}{where} between {', and '.join(parts)}.")]
    else:
        out = [Block("para", f"This {DOC} is made{when}{where} by and between:")]
    for i, p in enumerate(spec.parties):
        if sh.en_opening == "blocks":
            out += [
                Block("para", p.name_en, label=f"{i + 1}.", indent=1),
                Block("para", f"{sh.descriptions[i]}, having its address at {sh.addresses[i]},", indent=2),
                Block("para", f"represented by {p.rep_printed}, {p.position_en},", indent=2),
                Block("para", f'(hereinafter referred to as "{spec.role(i, True)}");', indent=2),
            ]
        elif sh.en_opening != "between":
            out.append(
                Block(
                    "para",
                    f"{p.name_en}, represented by {p.rep_printed}, {p.position_en}, hereinafter "
                    f"referred to as the {spec.role(i, True)};",
                    label=f"{i + 1}.",
                    indent=1,
                )
            )
    both = (
        f"{spec.role(0, True)} and {spec.role(1, True)}"
        if sh.aliases
        else "The FIRST PARTY and the SECOND PARTY"
    )
    out.append(
        Block(
            "para", f"{both} are hereinafter collectively referred to as the Parties, who agree as follows:"
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
        the = "" if spec.shapes.aliases else "The "
        blocks.append(Block("para", f"{the}{role} shall:" if who >= 0 else "The Parties agree to:"))
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


MENTIONED_EN = (
    "A work plan to implement this Memorandum will be drawn up and agreed by the Parties.",
    "The programme of activities under this Memorandum will be agreed upon by the Parties later in a "
    "separate work plan.",
    "The activities and their schedule shall be determined by the Parties at a later date.",
    "Specific activities, timelines and budgets will be set out later in a separate work plan agreed by "
    "the Parties.",
    "The Parties shall jointly prepare an annual work plan, to be agreed upon before the activities begin.",
    "Details of each activity, including its schedule and funding, will be determined later by mutual "
    "agreement of the Parties.",
)
NONE_EN = (
    "Specific activities may be set out in separate implementing arrangements.",
    "Technical matters of implementation shall follow the guidelines of each Party.",
    "Each activity under this Memorandum shall be the subject of a separate implementing agreement.",
)
DETAILED_EN = {
    "table": "The work plan of this Memorandum is set out in the Annex, which forms an integral part of it.",
    "rab": "The activities and budget plan of this Memorandum are set out in the Annex, which forms an "
    "integral part of it.",
    "timeline": "The schedule of activities of this Memorandum is set out in the Annex, which forms an "
    "integral part of it.",
    "schedule": "The activities, timeline and deliverables of this Memorandum are set out in {name}, which "
    "forms an integral part of it.",
}


def _workplan(spec: Spec) -> str:
    sh = spec.shapes
    if spec.workplan == "mentioned":
        return MENTIONED_EN[sh.mention]
    if spec.workplan == "detailed":
        return DETAILED_EN.get(sh.annex, DETAILED_EN["table"]).format(name=sh.annex_name)
    return NONE_EN[sh.none_text]


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
        ("IMPLEMENTATION", workplan_blocks(spec, DOC, True, _workplan(spec))),
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
    head = head_blocks(spec, [Block("title", line) for line in lines], "Number:", "YEAR")
    roles = [spec.role(i, True) for i in range(len(spec.parties))]
    sign = signature_blocks(
        spec, roles, [p.position_en for p in spec.parties], "Signed in {place}, {date}", long_en, en=True
    )
    return Composed(
        sections,
        head,
        sign,
        join_title(lines),
        dur,
        scope,
        gold + ([("Parties", cost_text)] if cost_text else []),
    )


def annex(spec: Spec, en: bool, doc_title: str) -> list[Block]:
    """The LAMPIRAN / ANNEX page with the workplan table (only for a detailed workplan)."""
    if spec.workplan != "detailed":
        return []
    if spec.shapes.annex == "stages":  # numbered text in the article, or on an annex page
        return staged_annex(spec, en, doc_title) if spec.shapes.stage_place == "annex" else []
    if spec.shapes.annex == "rab":
        return _rab(spec, doc_title)
    if spec.shapes.annex == "timeline":
        return _timeline(spec, en, doc_title)
    if spec.shapes.annex == "schedule":
        return _schedule(spec, doc_title)
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


def rupiah(n: int) -> str:
    """1500000 -> '1.500.000' (thousands dots)."""
    return f"{n:,}".replace(",", ".")


def _rab(spec: Spec, doc_title: str) -> list[Block]:
    """LAMPIRAN: RENCANA ANGGARAN BIAYA (RAB), one row per item: uraian, volume, satuan, harga, jumlah."""
    rows = [["No", "Uraian Kegiatan", "Volume", "Satuan", "Harga Satuan (Rp)", "Jumlah (Rp)"]]
    total = 0
    for k, (item, volume, price) in enumerate(spec.shapes.annex_plan):
        what, unit = (f"Pelaksanaan {spec.scope[-1 - item][0]}", "paket") if item < 0 else RAB_ITEMS[item][:2]
        total += volume * price
        rows.append([str(k + 1), cap(what), str(volume), unit, rupiah(price), rupiah(volume * price)])
    rows.append(["", "JUMLAH TOTAL", "", "", "", rupiah(total)])
    return [
        Block("break"),
        Block("heading", "LAMPIRAN"),
        Block("center", doc_title),
        Block("gap"),
        Block("heading", "RENCANA ANGGARAN BIAYA (RAB)"),
        Block("gap"),
        Block("table", rows=rows, widths=[0.06, 0.36, 0.09, 0.11, 0.18, 0.2]),
        Block("gap"),
        Block("para", f"Terbilang: {terbilang(total)} rupiah."),
    ]


def _timeline(spec: Spec, en: bool, doc_title: str) -> list[Block]:
    """A timeline table: kegiatan by bulan ke-1..n, an 'X' in each month of the activity."""
    plan = spec.shapes.annex_plan
    months = max(first + length - 1 for _, first, length in plan)
    month = "Month {m}" if en else "Bulan ke-{m}"
    rows = [["No", "Activity" if en else "Kegiatan", *(month.format(m=m) for m in range(1, months + 1))]]
    for k, (j, first, length) in enumerate(plan):
        marks = ["X" if first <= m < first + length else "" for m in range(1, months + 1)]
        rows.append([str(k + 1), cap(spec.scope[j][1 if en else 0]), *marks])
    width = 0.6 / months
    return [
        Block("break"),
        Block("heading", "ANNEX" if en else "LAMPIRAN"),
        Block("center", doc_title),
        Block("gap"),
        Block("heading", "SCHEDULE OF ACTIVITIES" if en else "JADWAL PELAKSANAAN KEGIATAN"),
        Block("gap"),
        Block("table", rows=rows, widths=[0.06, 0.34] + [width] * months),
    ]


def _schedule(spec: Spec, doc_title: str) -> list[Block]:
    """An English 'Schedule A' / 'Annex 1': activities with timeline, deliverables and responsible party."""
    rows = [["No", "Activity", "Timeline", "Deliverables", "Responsible"]]
    for k, (j, first, last, deliverable, who) in enumerate(spec.shapes.annex_plan):
        rows.append(
            [str(k + 1), cap(spec.scope[j][1]), f"Month {first}-{last}", DELIVERABLES[deliverable][1],
             spec.role(who, True)]
        )  # fmt: skip
    return [
        Block("break"),
        Block("heading", spec.shapes.annex_name.upper()),
        Block("center", doc_title),
        Block("gap"),
        Block("heading", "ACTIVITIES, TIMELINE AND DELIVERABLES"),
        Block("gap"),
        Block("table", rows=rows, widths=[0.06, 0.36, 0.16, 0.24, 0.18]),
    ]
