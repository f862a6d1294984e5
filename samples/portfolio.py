"""The committed portfolio sample set: MoUs, the PKS that carry them out, an addendum, implementation
reports and MoUs that were never followed up, between one office and three partners (issue 13).

Every follow-up cites its parent's number, and a partner is printed as documents print it (a faculty,
its short name, its English name), so intake shows links, partners, status and follow-up flags.
Regenerate with `python -m samples.portfolio` (or `kerjasama samples portfolio`); output is
byte-identical. Text-layer PDFs only: the demo reads them in seconds.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from random import Random

from samples.blocks import Block, Composed, items, join_title
from samples.compose import Assembled, assemble
from samples.compose_id import head_blocks, opening_date, signature_blocks, title_case
from samples.labels import build_label
from samples.parties import Party, person
from samples.render import render
from samples.spec import Spec, Term, make_spec
from samples.words import add_months, long_id, roman_month

PORTFOLIO_DIR = Path(__file__).resolve().parent / "portfolio"
KEMEN = "Kementerian Hukum dan Hak Asasi Manusia"


@dataclass(frozen=True)
class Partner:
    key: str
    name: str
    name_en: str
    short: str
    post: str  # the signatory's post
    post_en: str
    city: str
    number: str  # '{n}' and '{y}' / '{rm}' filled per document


PARTNERS = {
    "own": Partner(
        "own",
        f"Kantor Wilayah {KEMEN} Bengkulu",
        "Regional Office of the Ministry of Law and Human Rights of Bengkulu",
        "KEMENKUMHAM",
        f"Kepala Kantor Wilayah {KEMEN} Bengkulu",
        "Head of the Regional Office of Bengkulu",
        "Bengkulu",
        "W7.HM.05.02-{n}",
    ),  # fmt: skip
    "unib": Partner(
        "unib",
        "Universitas Bengkulu",
        "University of Bengkulu",
        "UNIB",
        "Rektor Universitas Bengkulu",
        "Rector of the University of Bengkulu",
        "Bengkulu",
        "{n}/UN30/KS/{y}",
    ),  # fmt: skip
    "pemda": Partner(
        "pemda",
        "Pemerintah Kabupaten Rejang Lebong",
        "Government of Rejang Lebong Regency",
        "PEMKAB",
        "Bupati Rejang Lebong",
        "Regent of Rejang Lebong",
        "Curup",
        "180/{n}/PKS/{rm}/{y}",
    ),  # fmt: skip
    "pos": Partner(
        "pos",
        "PT Pos Indonesia (Persero)",
        "PT Pos Indonesia (Persero)",
        "POS",
        "Direktur Utama PT Pos Indonesia (Persero)",
        "President Director of PT Pos Indonesia",
        "Bandung",
        "{n}/HK.03/DIR/{y}",
    ),  # fmt: skip
}


@dataclass(frozen=True)
class Planned:
    stem: str
    kind: str  # mou | mou_en | pks | addendum | report | berita_acara
    partner: str
    signed: date
    purpose: str
    parent: str | None = None  # the stem whose number this document cites
    spelling: str = "name"  # name | faculty | short (how the partner is printed)
    months: int = 60


PLAN: tuple[Planned, ...] = (
    Planned("p01-mou-unib-2021", "mou", "unib", date(2021, 3, 15), "MoU with a university, 5 years"),
    Planned(
        "p02-pks-unib-2022",
        "pks",
        "unib",
        date(2022, 2, 10),
        "PKS carrying out p01, signed by a faculty of the university",
        "p01-mou-unib-2021",
        "faculty",
        36,
    ),  # fmt: skip
    Planned(
        "p03-addendum-unib-2023",
        "addendum",
        "unib",
        date(2023, 4, 3),
        "addendum of the PKS p02",
        "p02-pks-unib-2022",
        months=12,
    ),  # fmt: skip
    Planned(
        "p04-report-unib-2023",
        "report",
        "unib",
        date(2023, 12, 18),
        "implementation report on the PKS p02, the partner with its short name",
        "p02-pks-unib-2022",
        "short",
    ),  # fmt: skip
    Planned(
        "p05-mou-pemda-2022", "mou", "pemda", date(2022, 8, 22), "MoU with a regency, 3 years", months=36
    ),  # fmt: skip
    Planned(
        "p06-berita-acara-pemda-2023",
        "berita_acara",
        "pemda",
        date(2023, 6, 7),
        "Berita Acara of an activity carried out under the MoU p05",
        "p05-mou-pemda-2022",
    ),  # fmt: skip
    Planned(
        "p07-mou-pos-2020",
        "mou",
        "pos",
        date(2020, 1, 20),
        "MoU never followed up, expired after 2 years: NO_FOLLOW_UP and EXPIRED_WITHOUT_FOLLOW_UP",
        months=24,
    ),  # fmt: skip
    Planned(
        "p08-mou-en-unib-2024",
        "mou_en",
        "unib",
        date(2024, 9, 2),
        "English MoU renewing the cooperation with the same university (its English name), no follow-up yet",
    ),  # fmt: skip
)


# parties ----------------------------------------------------------------------------------------
def party(rng: Random, partner: Partner, signed: date, spelling: str = "name") -> Party:
    """The partner as one document prints it, with a number of its own for that document."""
    rep, printed = person(rng)
    name, name_en = partner.name, partner.name_en
    post, post_en = partner.post, partner.post_en
    if spelling == "faculty":
        name, name_en = f"Fakultas Hukum {partner.name}", f"Faculty of Law, {partner.name_en}"
        post, post_en = f"Dekan {name}", f"Dean of the {name_en}"
    elif spelling == "short":
        name = f"{partner.name} ({partner.short})"
    number = partner.number.format(n=rng.randint(100, 4999), y=signed.year, rm=roman_month(signed))
    return Party(partner.key, name, name_en, partner.short, rep, printed, post, post_en, partner.city, number)


def _spec(p: Planned, rng: Random, parent: Spec | None) -> Spec:
    kind = {"report": "pks", "berita_acara": "pks"}.get(p.kind, p.kind)
    opts = {"parties": 2, "workplan": "mentioned", "term": "years", "opening": True, "split_dates": False,
            "trap_title": False, "date_style": "long"}  # fmt: skip
    spec = make_spec(rng, kind, opts)
    own = party(rng, PARTNERS["own"], p.signed)
    other = party(rng, PARTNERS[p.partner], p.signed, p.spelling)
    if p.kind in ("report", "berita_acara"):
        other = replace(other, number=None)  # a report is numbered by the office that writes it
    spec.parties, spec.signed, spec.sign_dates = [own, other], p.signed, [p.signed, p.signed]
    spec.place = own.city
    spec.term = Term("years", p.signed, p.months, add_months(p.signed, p.months))
    spec.parent_number = parent.parties[0].number if parent else None
    spec.parent_date = parent.signed if parent else None
    if parent is not None:  # the follow-up carries on the parent's topic and scope
        spec.theme, spec.scope = parent.theme, parent.scope
    return spec


# reports ----------------------------------------------------------------------------------------
def _report(spec: Spec, parent_kind: str, berita: bool) -> Assembled:
    own, other = spec.parties
    parent_name = "Nota Kesepahaman" if parent_kind in ("mou", "mou_en") else "Perjanjian Kerja Sama"
    cited = f"{parent_name} Nomor {spec.parent_number} tanggal {long_id(spec.parent_date)}"  # type: ignore[arg-type]
    topic = title_case(spec.theme.topic[0])
    if berita:
        lines = ["BERITA ACARA", "SERAH TERIMA HASIL KEGIATAN KERJA SAMA", "ANTARA", own.name.upper(), "DAN",
                 other.name.upper()]  # fmt: skip
        body = [
            Block(
                "para",
                f"Pada hari ini {opening_date(spec)}, bertempat di {spec.place}, kami yang bertanda "
                "tangan di bawah ini:",
            ),  # fmt: skip
            *items(
                [
                    f"{p.rep_printed}, {p.position}, selanjutnya disebut {spec.role(i)}"
                    for i, p in enumerate(spec.parties)
                ],
                True,
            ),  # fmt: skip
            Block(
                "para",
                f"menyatakan bahwa kegiatan {topic.lower()} dalam rangka pelaksanaan {cited} telah "
                "selesai dilaksanakan dan hasilnya diserahterimakan sebagai berikut:",
            ),  # fmt: skip
            *items([s[0] for s in spec.scope[:3]], False),
            Block(
                "para",
                "Demikian Berita Acara ini dibuat dalam rangkap 2 (dua) untuk dipergunakan "
                "sebagaimana mestinya.",
            ),  # fmt: skip
        ]
    else:
        lines = ["LAPORAN PELAKSANAAN KERJA SAMA", "TENTANG", spec.theme.topic[0].upper(),
                 f"TAHUN {spec.signed.year}"]  # fmt: skip
        body = [
            Block("para", "Yang bertanda tangan di bawah ini:"),
            *items(
                [
                    f"{p.rep_printed}, {p.position}, dalam hal ini bertindak untuk dan atas nama {p.name}, "
                    f"selanjutnya disebut {spec.role(i)}"
                    for i, p in enumerate(spec.parties)
                ],
                True,
            ),  # fmt: skip
            Block("para", "menyampaikan laporan pelaksanaan kerja sama sebagai berikut:"),
            Block("heading", "I. PENDAHULUAN"),
            Block(
                "para", f"Laporan ini disusun sebagai pertanggungjawaban pelaksanaan {cited} tentang {topic}."
            ),  # fmt: skip
            Block("heading", "II. KEGIATAN YANG TELAH DILAKSANAKAN"),
            *items(
                [f"{s[0]} (triwulan {i + 1} tahun {spec.signed.year})" for i, s in enumerate(spec.scope[:3])],
                True,
            ),  # fmt: skip
            Block("heading", "III. HASIL DAN TINDAK LANJUT"),
            Block(
                "para",
                "Seluruh kegiatan terlaksana sesuai jadwal; kegiatan lanjutan diusulkan dalam rencana "
                "kerja tahun berikutnya.",
            ),  # fmt: skip
            Block("para", "Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya."),
        ]
    head = head_blocks(spec, [Block("title", line) for line in lines], "Nomor:", "TAHUN")
    spec.opening = berita  # a report dates itself at the signatures
    roles = [spec.role(i) for i in range(2)]
    sign = signature_blocks(spec, roles, [p.position.upper() for p in spec.parties], "{place}, {date}")
    gold = Composed([body], head, sign, join_title(lines), None, [], [])
    return Assembled(head + body + sign, gold, None)


def _report_label(spec: Spec, asm: Assembled, label: dict) -> dict:
    """A report's gold label: type, title, number, parties, date, the agreement it reports on."""
    numbers = [p.number for p in spec.parties if p.number]
    label.update(doc_type="report", title=asm.gold.title, numbers=numbers, effective_date=None,
                 duration_text=None, duration_months=None, expiry_date=None, scope=[], obligations=[],
                 has_workplan=False, workplan_detail="none")  # fmt: skip
    label["notes"] = f"Implementation report citing {spec.parent_number} (portfolio sample)."
    return label


# the set ----------------------------------------------------------------------------------------
def build_portfolio(out: Path = PORTFOLIO_DIR) -> list[Path]:
    """Regenerates the portfolio set into `out` (its docs/labels/truth folders are replaced)."""
    for sub in ("docs", "labels", "truth"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    specs: dict[str, Spec] = {}
    kinds = {p.stem: p.kind for p in PLAN}
    paths = []
    for p in PLAN:
        rng = Random(f"kerjasama/portfolio/{p.stem}")
        spec = _spec(p, rng, specs.get(p.parent or ""))
        specs[p.stem] = spec
        report = p.kind in ("report", "berita_acara")
        asm = (_report(spec, kinds[p.parent or ""], p.kind == "berita_acara") if report
               else assemble(spec, rng))  # fmt: skip
        data, truth, fmt, _ = render(spec, asm, "text-pdf", "clean", rng, None, True)
        label = build_label(spec, asm, "clean", fmt)
        if report:
            label = _report_label(spec, asm, label)
        label["variant"] = f"portfolio/{p.kind}"
        doc = out / "docs" / f"{p.stem}.pdf"
        doc.write_bytes(data)
        for sub, content in (("labels", label), ("truth", {"pages": truth})):
            text = json.dumps(content, ensure_ascii=False, indent=1) + "\n"
            (out / sub / f"{p.stem}.json").write_text(text, encoding="utf-8")
        paths.append(doc)
    return paths


if __name__ == "__main__":
    for path in build_portfolio():
        print(path.relative_to(PORTFOLIO_DIR.parent.parent), path.stat().st_size)
