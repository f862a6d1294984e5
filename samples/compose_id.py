"""Indonesian text of an agreement: title, opening, parties, Pasal, closing and signatures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from random import Random

from samples.blocks import Block, Composed, Signatory, cap, heading, items, join_title, title_lines
from samples.spec import Spec, topic
from samples.words import ROMAN, long_id, spelled_opening_id, terbilang
from samples.workplan_shapes import workplan_blocks

DOC_NAMES = {
    "mou": "Nota Kesepahaman",
    "pks": "Perjanjian Kerja Sama",
    "addendum": "Adendum",
    "bilingual": "Nota Kesepahaman",
}


SMALL_WORDS = {"dan", "di", "kepada", "atas", "bagi", "untuk", "dalam"}


def title_case(text: str) -> str:
    """'PELAYANAN DAN PENGAWASAN' -> 'Pelayanan dan Pengawasan'."""
    return " ".join(w.lower() if w.lower() in SMALL_WORDS else w.capitalize() for w in text.split())


def opening_date(spec: Spec) -> str:
    d, style = spec.signed, spec.date_style
    day = spelled_opening_id(d).split(" ")[0]
    if style in ("spelled", "spelled_caps"):
        return spelled_opening_id(d, capital=style == "spelled_caps")
    if style == "digits":
        return f"{day}, tanggal {d:%d-%m-%Y}"
    if style == "slash":
        return f"{day} tanggal {d.day}/{d.month}/{d.year}"
    return f"{day} tanggal {long_id(d, nopember=style == 'nopember')}"


def duration_text(spec: Spec, rng: Random) -> str | None:
    t = spec.term
    if t.kind == "years":
        n = (t.months or 0) // 12
        word = terbilang(n).title() if rng.random() < 0.3 else terbilang(n)
        return f"{n} ({word}) tahun"
    if t.kind == "months":
        return f"{t.months} ({terbilang(t.months or 0)}) bulan"
    if t.kind == "terminated":
        return "sampai dengan diakhiri atas kesepakatan PARA PIHAK"
    return None


def _title(spec: Spec) -> list[str]:
    names = [p.name.upper() for p in spec.parties]
    doc = DOC_NAMES[spec.kind].upper()
    if spec.kind == "addendum":
        doc = "ADENDUM PERTAMA ATAS PERJANJIAN KERJA SAMA"
    return title_lines(doc, names, "ANTARA", "DAN", "TENTANG", topic(spec))


def number_blocks(spec: Spec, prefix: str) -> list[Block]:
    """'Nomor: ...' lines; a wrapped number goes on over the next line (shapes.number_split)."""
    out = []
    for i, p in enumerate(spec.parties):
        if not p.number:
            continue
        cut = spec.shapes.number_split.get(i)
        if cut:
            out += [Block("center", f"{prefix} {p.number[:cut]}"), Block("center", p.number[cut:])]
        else:
            out.append(Block("center", f"{prefix} {p.number}"))
    return out


def head_blocks(spec: Spec, titles: list[Block], prefix: str, year_word: str) -> list[Block]:
    """Title and numbers; with shapes.cover the numbers sit on a cover page before the title page."""
    numbers = number_blocks(spec, prefix)
    if not spec.shapes.cover:
        return titles + [Block("gap")] + numbers + [Block("gap")]
    cover = titles + [Block("gap"), Block("gap")] + numbers + [Block("gap"), Block("gap")]
    return (
        cover + [Block("center", f"{year_word} {spec.signed.year}"), Block("break")] + titles + [Block("gap")]
    )


def _head(spec: Spec, lines: list[str]) -> list[Block]:
    return head_blocks(spec, [Block("title", line) for line in lines], "Nomor:", "TAHUN")


def _connector(p) -> str:  # noqa: ANN001 - Party
    return "dengan alamat" if len(p.name) % 2 else "beralamat di"


def _party_blocks(spec: Spec, i: int) -> list[Block]:
    """The opening's paragraph(s) for party i in its shapes.party_styles style."""
    p, sh, role = spec.parties[i], spec.shapes, spec.role(i)
    style = sh.party_styles[i] if sh.party_styles else "std"
    label = f"{ROMAN[i]}."
    rep = f", dalam hal ini diwakili oleh {p.rep_printed}, {p.position}" if not sh.names_only else ""
    if style == "role_below":
        return [
            Block("para", p.name, label=label, indent=1),
            Block("para", f"berkedudukan di {sh.addresses[i]}{rep},", indent=2),
            Block("para", f"selanjutnya disebut {role}.", indent=2),
        ]
    if style == "address":
        text = f"{p.name}, {_connector(p)} {sh.addresses[i]}{rep}, selanjutnya disebut {role}."
        return [Block("para", text, label=label, indent=1)]
    if style == "legal":
        text = (
            f"{p.name}, berdasarkan {sh.legal[i]}, berkedudukan di {p.city}{rep}, selanjutnya disebut {role}."
        )
        return [Block("para", text, label=label, indent=1)]
    if style == "rows" and not sh.names_only:
        acting = f"dalam hal ini bertindak untuk dan atas nama {p.name}, selanjutnya disebut {role}."
        return [
            Block("para", f"Nama : {p.rep_printed}", label=label, indent=1),
            Block("para", f"Jabatan : {p.position}", indent=2),
            Block("para", f"Alamat : {sh.addresses[i]}", indent=2),
            Block("para", acting, indent=2),
        ]
    if style == "post_first" and not sh.names_only and p.name in p.position:
        # signatory and post first, the organisation only inside the post: "Budi, Direktur Utama PT X, ..."
        text = (
            f"{p.rep_printed}, {p.position}, berkedudukan di {sh.addresses[i]}, selanjutnya disebut {role}."
        )
        return [Block("para", text, label=label, indent=1)]
    if style == "table_row" and not sh.names_only and p.name in p.position:
        # a party table: the signatory's name and the post each wrap inside their own cell
        post = f"{p.position}, berkedudukan di {sh.addresses[i]}, selanjutnya disebut {role}."
        row = Block("table", rows=[[label, p.rep_printed, ":", post]], widths=[0.06, 0.3, 0.03, 0.61])
        return [row, Block("gap")]  # a table's last line sits on its bottom edge: keep the next text off it
    if sh.names_only:
        text = f"{p.name}, berkedudukan di {sh.addresses[i]}, selanjutnya disebut {role}."
    else:
        text = (
            f"{p.rep_printed}, {p.position}, dalam hal ini bertindak untuk dan atas nama {p.name}, "
            f"berkedudukan di {p.city}, selanjutnya disebut {role}."
        )
    return [Block("para", text, label=label, indent=1)]


def _opening(spec: Spec, doc: str) -> list[Block]:
    place = f" bertempat di {spec.place}," if spec.place and spec.opening else ""
    first = (
        f"Pada hari ini {opening_date(spec)},{place} yang bertanda tangan di bawah ini:"
        if spec.opening
        else "Yang bertanda tangan di bawah ini:"
    )
    out = [Block("para", first)]
    for i in range(len(spec.parties)):
        out += _party_blocks(spec, i)
    roles = ", ".join(spec.role(i) for i in range(len(spec.parties) - 1))
    out.append(
        Block(
            "para", f"{roles} dan {spec.role(len(spec.parties) - 1)} secara bersama-sama disebut PARA PIHAK."
        )
    )
    if spec.kind in ("pks", "addendum"):
        parent = "Nota Kesepahaman" if spec.kind == "pks" else "Perjanjian Kerja Sama"
        out.append(Block("para", "PARA PIHAK terlebih dahulu menerangkan hal-hal sebagai berikut:"))
        assert spec.parent_date is not None
        out += items(
            [
                f"bahwa PARA PIHAK telah menandatangani {parent} Nomor {spec.parent_number} "
                f"tanggal {long_id(spec.parent_date)} tentang {title_case(spec.theme.topic[0])}",
                "bahwa kerja sama dimaksud perlu ditindaklanjuti demi kepentingan PARA PIHAK",
            ],
            False,
        )
    out.append(Block("para", f"PARA PIHAK sepakat untuk membuat {doc} dengan ketentuan sebagai berikut:"))
    return out


def _duties(spec: Spec, rng: Random, doc: str) -> tuple[list[Block], list[tuple[str, str]]]:
    blocks: list[Block] = []
    gold: list[tuple[str, str]] = []
    duties = [o for o in spec.obligations if o.heading == "duty"]
    for who in sorted({o.party for o in duties}):
        texts = [o.text[0].replace("{doc}", doc) for o in duties if o.party == who]
        role = spec.role(who)
        if who >= 0 and rng.random() < 0.3:
            blocks.append(Block("para", f"{role} berhak:"))
            blocks += items(
                ["menerima laporan pelaksanaan kegiatan", "memperoleh informasi yang diperlukan"], False
            )
        verb = (
            "sepakat untuk:"
            if who < 0
            else rng.choice(["berkewajiban:", "mempunyai tugas dan tanggung jawab:"])
        )
        blocks.append(Block("para", f"{role} {verb}"))
        blocks += items(texts, rng.random() < 0.4)
        gold += [(role, cap(t)) for t in texts]
    return blocks, gold


def _term_text(spec: Spec, doc: str, dur: str | None) -> str:
    t = spec.term
    if t.kind in ("years", "months"):
        start = (
            f"terhitung mulai tanggal {long_id(t.start)}"
            if t.start_stated and t.start
            else "terhitung sejak tanggal ditandatangani oleh PARA PIHAK"
        )
        return f"{doc} ini berlaku untuk jangka waktu {dur} {start}."
    if t.kind == "end_date" and t.end:
        return f"{doc} ini berlaku sejak tanggal ditandatangani sampai dengan tanggal {long_id(t.end)}."
    return f"{doc} ini berlaku sejak tanggal ditandatangani {dur}."


MENTIONED_ID = (
    "Rencana kerja pelaksanaan {doc} ini akan dituangkan dalam rencana kerja yang disepakati PARA PIHAK.",
    "Program dan kegiatan pelaksanaan {doc} ini akan disusun kemudian oleh PARA PIHAK.",
    "Kegiatan dan jadwal pelaksanaannya akan ditetapkan kemudian atas kesepakatan PARA PIHAK.",
    "Kerangka Acuan Kerja (KAK) dan Rencana Anggaran Biaya (RAB) kegiatan akan ditentukan kemudian oleh "
    "PARA PIHAK.",
    "Pelaksanaan {doc} ini dituangkan dalam rencana kerja tahunan yang disepakati PARA PIHAK.",
    "PARA PIHAK akan menyusun rencana kerja sebagai pedoman pelaksanaan kegiatan dalam {doc} ini.",
)
NONE_ID = (  # a bare reference to a later PKS or a technical guideline is not a workplan
    "",
    "Ketentuan teknis pelaksanaan {doc} ini diatur lebih lanjut dalam petunjuk teknis masing-masing pihak.",
    "Setiap kegiatan dalam rangka pelaksanaan {doc} ini ditindaklanjuti dengan perjanjian tersendiri "
    "antara unit kerja PARA PIHAK.",
)
DETAILED_ID = {
    "table": "Rencana kerja pelaksanaan {doc} ini sebagaimana tercantum dalam Lampiran yang merupakan bagian "
    "tidak terpisahkan dari {doc} ini.",
    "rab": "Rincian kegiatan dan Rencana Anggaran Biaya (RAB) pelaksanaan {doc} ini tercantum dalam Lampiran "
    "yang merupakan bagian tidak terpisahkan dari {doc} ini.",
    "timeline": "Jadwal pelaksanaan kegiatan {doc} ini tercantum dalam Lampiran yang merupakan bagian tidak "
    "terpisahkan dari {doc} ini.",
}


def _workplan(spec: Spec, doc: str) -> str:
    sh = spec.shapes
    if spec.workplan == "mentioned":
        return MENTIONED_ID[sh.mention].format(doc=doc)
    if spec.workplan == "detailed":
        return DETAILED_ID.get(sh.annex, DETAILED_ID["table"]).format(doc=doc)
    if sh.none_text:
        return NONE_ID[sh.none_text].format(doc=doc)
    if spec.kind == "pks":
        return "Pelaksanaan kegiatan dikoordinasikan oleh unit kerja yang ditunjuk oleh masing-masing pihak."
    return f"Pelaksanaan lebih lanjut {doc} ini akan diatur dalam Perjanjian Kerja Sama tersendiri."


def _articles(
    spec: Spec, rng: Random, doc: str, dur: str | None
) -> tuple[list[list[Block]], list[tuple[str, str]]]:
    numbered = rng.random() < 0.4
    scope = [cap(s[0]) for s in spec.scope]
    duty_blocks, gold = _duties(spec, rng, doc)
    cost = [o for o in spec.obligations if o.heading == "cost"]
    cost_text = cap(cost[0].text[0].replace("{doc}", doc)) if cost else ""
    arts: list[tuple[str, list[Block]]] = [
        (
            "MAKSUD DAN TUJUAN",
            [
                Block(
                    "para",
                    f"{doc} ini dimaksudkan sebagai landasan bagi PARA PIHAK dalam "
                    f"melaksanakan kerja sama di bidang {spec.theme.topic[0].lower()}.",
                )
            ],
        ),
        ("RUANG LINGKUP", [Block("para", f"Ruang lingkup {doc} ini meliputi:")] + items(scope, numbered)),
        ("PELAKSANAAN", workplan_blocks(spec, doc, False, _workplan(spec, doc))),
        (spec.duty_heading, duty_blocks),
        ("PEMBIAYAAN", [Block("para", cost_text + ".")]),
        (
            "JANGKA WAKTU",
            [
                Block("para", _term_text(spec, doc, dur)),
                Block("para", f"{doc} ini dapat diperpanjang atas kesepakatan PARA PIHAK."),
            ],
        ),
    ]
    if rng.random() < 0.6 or spec.kind == "bilingual":
        arts.append(
            (
                "KEADAAN KAHAR",
                [
                    Block(
                        "para",
                        "Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK "
                        "antara lain bencana alam, kebakaran, dan huru-hara. Pihak yang "
                        "mengalami keadaan kahar memberitahukan secara tertulis "
                        "paling lambat 7 (tujuh) hari kepada pihak lainnya.",
                    )
                ],
            )
        )
    arts.append(
        (
            "PENYELESAIAN PERSELISIHAN",
            [
                Block(
                    "para",
                    f"Setiap perselisihan yang timbul dalam pelaksanaan "
                    f"{doc} ini diselesaikan secara musyawarah untuk mufakat.",
                )
            ],
        )
    )
    sections = [heading("Pasal", i + 1, name) + body for i, (name, body) in enumerate(arts)]
    return sections, gold + ([("PARA PIHAK", cost_text)] if cost_text else [])


def _addendum_articles(spec: Spec, dur: str | None) -> list[list[Block]]:
    scope = [cap(s[0]) for s in spec.scope]
    return [
        heading("Pasal", 1, "PERUBAHAN RUANG LINGKUP")
        + [
            Block(
                "para",
                "Ketentuan Pasal 2 diubah sehingga berbunyi: Ruang lingkup Perjanjian Kerja Sama ini "
                "meliputi:",
            )
        ]
        + items(scope, False),
        heading("Pasal", 2, "PERUBAHAN JANGKA WAKTU")
        + [
            Block(
                "para",
                f"Ketentuan Pasal 6 diubah sehingga berbunyi: Perjanjian Kerja Sama ini berlaku untuk "
                f"jangka waktu {dur} terhitung sejak tanggal ditandatanganinya Adendum ini.",
            )
        ],
    ]


def signature_blocks(
    spec: Spec,
    roles: list[str],
    positions: list[str],
    sign_line: str,
    fmt_date: Callable[[date], str] = long_id,
    en: bool = False,
) -> list[Block]:
    """The signature block; shapes.sign_style 'rows' prints Nama : / Jabatan : under each signature,
    'table' puts every signatory in one table, 'behalf' (English) says 'for and on behalf of'."""
    sh = spec.shapes
    if sh.sign_style == "table":
        return _signature_table(spec, roles, sign_line, fmt_date)
    sigs = []
    for i, p in enumerate(spec.parties):
        name = p.name_en if en else p.name
        position = (p.position_en if en else p.position) if sh.names_only else positions[i]
        above, below, printed = [roles[i] + ","] + [position + ","], [], p.rep_printed
        if sh.sign_style == "rows":
            above, printed, below = (
                [roles[i] + ",", name],
                f"Nama : {p.rep_printed}",
                [f"Jabatan : {position}"],
            )
        elif sh.sign_style == "behalf" and len(p.rep) % 2:
            above, below = ["Signed by:"], [position, f"on behalf of {name}"]
        elif sh.sign_style == "behalf":
            above, below = ["For and on behalf of", name], [position]
        if spec.sign_dates[i] != spec.signed or not spec.opening:
            above.insert(0, sign_line.format(place=spec.place or p.city, date=fmt_date(spec.sign_dates[i])))
        sigs.append(Signatory(above, printed, p.name.upper(), i, below))
    order = list(range(len(sigs)))
    if len(sigs) == 2 and spec.parties[0].rep_printed < spec.parties[1].rep_printed:
        order.reverse()  # some offices sign with PIHAK KEDUA on the left
    return [Block("sign", signatories=[sigs[i] for i in order])]


def _signature_table(
    spec: Spec, roles: list[str], sign_line: str, fmt_date: Callable[[date], str]
) -> list[Block]:
    out = [Block("gap")]
    if not spec.opening:
        out.append(Block("para", sign_line.format(place=spec.place, date=fmt_date(spec.signed)) + "."))
    out.append(Block("para", "PARA PIHAK menandatangani dokumen ini sebagai berikut:"))
    rows = [["No", "Pihak", "Nama", "Jabatan", "Tanda Tangan"]]
    rows += [
        [str(i + 1), f"{roles[i]} {p.name}", p.rep_printed, p.position, ""]
        for i, p in enumerate(spec.parties)
    ]
    return out + [Block("table", rows=rows, widths=[0.05, 0.3, 0.22, 0.28, 0.15], sign_col=True)]


def compose_id(spec: Spec, rng: Random) -> Composed:
    """The Indonesian document for `spec`."""
    doc = DOC_NAMES.get(spec.kind, "Nota Kesepahaman")
    lines = _title(spec)
    dur = duration_text(spec, rng)
    gold: list[tuple[str, str]] = []
    if spec.kind == "addendum":
        sections = _addendum_articles(spec, dur)
    else:
        sections, gold = _articles(spec, rng, doc, dur)
    n = len(sections) + 1
    copies = len(spec.parties)
    closing = (
        f"{doc} ini dibuat dalam rangkap {copies} ({terbilang(copies)}) asli, bermeterai cukup, dan "
        "masing-masing mempunyai kekuatan hukum yang sama."
    )
    sections.append(heading("Pasal", n, "PENUTUP") + [Block("para", closing)])
    sections.insert(0, _opening(spec, doc))
    roles = [spec.role(i) for i in range(len(spec.parties))]
    sign = signature_blocks(
        spec, roles, [p.position.upper() for p in spec.parties], "Ditandatangani di {place}, {date}"
    )
    return Composed(
        sections, _head(spec, lines), sign, join_title(lines), dur, [cap(s[0]) for s in spec.scope], gold
    )
