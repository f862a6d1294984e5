"""Workplan shapes of real agreements drawn from a generator of their own (`Random(".../workplan")`).

* A **staged programme**: the plan is numbered text, not a table. Stages (Tahap I-III with months, Tahun
  Pertama/Kedua, Semester 1-n, Phase 1-n, Year 1-n, "the first two years ... the final year"), each with an
  activity, who carries it out and what comes out, in the Pelaksanaan / Implementation article or on a
  LAMPIRAN / ANNEX page. Label: `detailed`.
* More **promises** of a plan ("rincian kegiatan ... akan disepakati", "program-program ... akan ditentukan
  bersama", "shall be discussed and agreed", "agreed upon separately"...). Label: `mentioned`.
* More **bare references** (a later implementing agreement, technical matters, a catch-all). Label: `none`.

Nothing here draws from the main generator or from the shapes generator, so every other part of a document
is what it was; the fixed set (shapes off) never draws these.
"""

from __future__ import annotations

from random import Random

from samples.blocks import Block, cap, items
from samples.pools import DELIVERABLES
from samples.spec import Spec

ROMAN = ("I", "II", "III", "IV", "V", "VI")
ID_ORDINALS = ("Pertama", "Kedua", "Ketiga", "Keempat", "Kelima", "Keenam")
EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
EN_COUNTS = ("one", "two", "three", "four", "five", "six")
# Stage styles: how the stages are named. (id style, en style) are printed together in bilingual documents.
STAGE_STYLES = ("tahap_months", "tahun", "semester", "year", "first_years")

PROMISES_ID = (
    "Rincian kegiatan, jadwal dan pembiayaannya akan disepakati bersama oleh PARA PIHAK sebelum kegiatan "
    "dimulai.",
    "Program-program bersama dalam ruang lingkup {doc} ini akan ditentukan oleh PARA PIHAK.",
    "Kegiatan lain di luar ruang lingkup tersebut akan ditentukan bersama oleh PARA PIHAK di kemudian hari.",
    "{doc} ini ditindaklanjuti dengan penyusunan rencana kerja bersama oleh unit kerja PARA PIHAK.",
    "Pekerjaan dilaksanakan sesuai dengan Kerangka Acuan Kerja (KAK) dan Rencana Anggaran Biaya (RAB) yang "
    "akan disusun oleh PARA PIHAK.",
)
PROMISES_EN = (
    "The details of each activity, including its schedule, shall be discussed and agreed upon by the Parties "
    "in writing.",
    "The programmes under this {doc} shall be jointly determined by the Parties at a later date.",
    "Specific activities, their timelines and budgets shall be agreed upon separately by the Parties before "
    "implementation.",
    "Other programmes of activities will be determined later by mutual agreement of the Parties.",
    "The Parties shall jointly draw up a plan of activities within three months of signing this {doc}.",
)
BARE_ID = (  # a later agreement, technical matters or a catch-all: not a workplan
    "Ketentuan teknis operasional pelaksanaan {doc} ini akan ditetapkan kemudian melalui perjanjian terpisah "
    "antara PARA PIHAK.",
    "Tiap kegiatan yang telah disetujui akan dijabarkan lebih lanjut dalam Perjanjian Kerja Sama untuk "
    "masing-masing bidang.",
    "Segala sesuatu yang belum tercantum dalam {doc} ini akan disepakati kemudian oleh PARA PIHAK.",
)
BARE_EN = (
    "Each programme under this {doc} shall be subject to a separate written agreement between the Parties.",
    "Implementing agreements for specific activities will follow the signing of this {doc}.",
    "Matters not yet regulated in this {doc} will be settled later by mutual agreement of the Parties.",
)
STAGED_INTRO = {
    "body": (
        "Program kegiatan {doc} ini dilaksanakan dalam tahapan sebagai berikut:",
        "The programme of this {doc} is carried out in the following stages:",
    ),
    "annex": (
        "Program kegiatan {doc} ini dilaksanakan dalam tahapan sebagaimana tercantum dalam Lampiran yang "
        "merupakan bagian tidak terpisahkan dari {doc} ini.",
        "The programme of this {doc} is carried out in the stages set out in the Annex, which forms an "
        "integral part of it.",
    ),
}


def draw_workplan_shapes(spec: Spec, wr: Random, o: dict) -> None:
    """Draws the shapes above from `wr`; `o` pins them: 'annex': 'stages', 'stage_style', 'stage_place'
    (body | annex), 'promise' (1..5), 'bare' (1..3)."""
    sh = spec.shapes
    if spec.workplan == "detailed":
        if o.get("annex", "stages" if wr.random() < 0.25 else "") != "stages":
            return
        sh.annex = "stages"
        sh.annex_name = ""
        sh.stage_style = o.get("stage_style", wr.choice(STAGE_STYLES))
        sh.stage_place = o.get("stage_place", wr.choice(["body", "annex"]))
        n = 2 if sh.stage_style == "first_years" else wr.randint(2, 4)
        sh.annex_plan = [
            (wr.randrange(len(spec.scope)), wr.randrange(len(spec.parties)), wr.randrange(len(DELIVERABLES)))
            for _ in range(n)
        ]
    elif spec.workplan == "mentioned" and "mention" not in o:
        sh.promise = o.get("promise", wr.randint(1, len(PROMISES_ID)) if wr.random() < 0.4 else 0)
        sh.mention = 0 if sh.promise else sh.mention  # printed instead of the older phrasing
    elif spec.workplan == "none" and spec.kind != "addendum" and "none_text" not in o:
        sh.bare = o.get("bare", wr.randint(1, len(BARE_ID)) if wr.random() < 0.3 else 0)
        sh.none_text = 0 if sh.bare else sh.none_text


def _stage_names(style: str, n: int, en: bool) -> list[str]:
    """What each stage is called, with its timing."""
    if style == "tahap_months":
        spans = [(2 * k + 1, 2 * k + 2) for k in range(n)]
        if en:
            return [f"Phase {k + 1} (months {a}-{b})" for k, (a, b) in enumerate(spans)]
        return [f"Tahap {ROMAN[k]} (bulan ke-{a} s.d. ke-{b})" for k, (a, b) in enumerate(spans)]
    if style == "tahun":
        return [f"Year {k + 1}" if en else f"Tahun {ID_ORDINALS[k]}" for k in range(n)]
    if style == "semester":
        return [f"Semester {2 * k + 1}-{2 * k + 2}" for k in range(n)]
    if style == "year":
        return [f"Year {k + 1}" if en else f"Tahun ke-{k + 1}" for k in range(n)]
    if en:  # first_years: the first two years, then the final year
        return ["The first two (2) years", "The final year"]
    return ["Dua (2) tahun pertama", "Tahun terakhir"]


def stage_items(spec: Spec, en: bool) -> list[str]:
    """One line per stage: its name and timing, the activity, who carries it out and what comes out."""
    plan = spec.shapes.annex_plan
    names = _stage_names(spec.shapes.stage_style, len(plan), en)
    out = []
    for name, (scope, who, output) in zip(names, plan, strict=True):
        activity = spec.scope[scope][1 if en else 0]
        role = spec.role(who, en)
        if en:
            out.append(
                f"{name}: {activity}, carried out by {role}; output: {DELIVERABLES[output][1].lower()}"
            )
        else:
            output_id = DELIVERABLES[output][0].lower()
            out.append(f"{name}: {activity}, dilaksanakan oleh {role}, dengan luaran {output_id}")
    return out


def workplan_blocks(spec: Spec, doc: str, en: bool, default: str) -> list[Block]:
    """The Pelaksanaan / Implementation article: `default` (the older phrasing) unless a shape here
    applies."""
    sh = spec.shapes
    lang = 1 if en else 0
    if spec.workplan == "detailed" and sh.annex == "stages":
        intro = STAGED_INTRO[sh.stage_place][lang].format(doc=doc)
        if sh.stage_place == "annex":
            return [Block("para", cap(intro))]
        return [Block("para", cap(intro)), *items(stage_items(spec, en), numbered=True)]
    if spec.workplan == "mentioned" and sh.promise:
        return [Block("para", cap((PROMISES_EN if en else PROMISES_ID)[sh.promise - 1].format(doc=doc)))]
    if spec.workplan == "none" and sh.bare:
        return [Block("para", cap((BARE_EN if en else BARE_ID)[sh.bare - 1].format(doc=doc)))]
    return [Block("para", default)]


def staged_annex(spec: Spec, en: bool, doc_title: str) -> list[Block]:
    """The LAMPIRAN / ANNEX page of a staged programme placed in an annex (numbered text, not a table)."""
    return [
        Block("break"),
        Block("heading", "ANNEX" if en else "LAMPIRAN"),
        Block("center", doc_title),
        Block("gap"),
        Block("heading", "PROGRAMME OF ACTIVITIES" if en else "PROGRAM KEGIATAN"),
        Block("gap"),
        *items(stage_items(spec, en), numbered=True),
    ]


def workplan_notes(spec: Spec) -> list[str]:
    """Label notes for the shapes above."""
    sh = spec.shapes
    if spec.workplan == "detailed" and sh.annex == "stages":
        where = "the Pelaksanaan article" if sh.stage_place == "body" else "a LAMPIRAN / ANNEX page"
        return [f"Detailed workplan: a staged programme ({sh.stage_style}) as numbered text in {where}."]
    if spec.workplan == "mentioned" and sh.promise:
        return [
            f"Workplan mentioned (promise {sh.promise}): activities, schedule or plan to be agreed later."
        ]
    if spec.workplan == "none" and sh.bare:
        return [
            f"Bare reference {sh.bare} (later agreement, technical matters or catch-all): not a workplan."
        ]
    return []
