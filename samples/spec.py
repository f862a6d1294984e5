"""Random agreement specifications: who signs what, when, for how long, covering what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from samples.parties import Party, make_party
from samples.themes import GENERIC_DUTIES, JOINT_DUTIES, THEMES, TRAP_TOPIC, Pair, Theme
from samples.words import EN_ORDINAL_PARTY, ID_ORDINAL_PARTY, add_months

KINDS = ("mou", "pks", "addendum", "mou_en", "bilingual")
DATE_STYLES = ("spelled", "spelled_caps", "digits", "slash", "long", "nopember")
TERMS = ("years", "months", "end_date", "terminated")
WORKPLANS = ("none", "mentioned", "detailed")


@dataclass
class Obligation:
    party: int  # index into parties, -1 = all parties jointly
    text: Pair
    heading: str = "duty"  # "duty" (listed under a party) or "cost" (Pembiayaan clause)


@dataclass
class Term:
    kind: str
    start: date | None
    months: int | None = None
    end: date | None = None
    start_stated: bool = False  # "terhitung mulai tanggal ..." rather than "sejak ditandatangani"


@dataclass
class Spec:
    """Everything a document states, from which both the rendering and the gold label follow."""

    kind: str
    language: str
    theme: Theme
    parties: list[Party]
    first_word: str  # PERTAMA or KESATU
    signed: date
    sign_dates: list[date]
    place: str | None
    opening: bool
    date_style: str
    term: Term
    scope: list[Pair]
    obligations: list[Obligation]
    duty_heading: str
    workplan: str
    trap_title: bool
    parent_number: str | None = None
    parent_date: date | None = None
    workplan_rows: list[tuple[int, int, int, int, int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def role(self, i: int, en: bool = False) -> str:
        if i < 0:
            return "Parties" if en else "PARA PIHAK"
        if en:
            return f"{EN_ORDINAL_PARTY[i]} PARTY"
        return f"PIHAK {self.first_word if i == 0 else ID_ORDINAL_PARTY[i]}"

    @property
    def english(self) -> bool:
        return self.language == "en"


def _pick_parties(rng: Random, kind: str, theme: Theme, n: int, signed: date) -> list[Party]:
    used: set[str] = set()
    first = make_party(rng, rng.choice(theme.first_kinds), signed, used)
    if kind in ("mou_en", "bilingual"):
        others = [rng.choice(["foreign_uni", "foreign_uni", "foreign_min"])]
    else:
        pool = [k for k in theme.other_kinds if not k.startswith("foreign")]
        pool += [k for k in ("pemda", "university", "persero") if k not in pool]
        others = rng.sample(pool, n - 1)  # distinct kinds: no MoU between two regional police forces
    parties = [first] + [make_party(rng, k, signed, used) for k in others]
    if any(p.kind.startswith("foreign") for p in parties) and rng.random() < 0.5:
        parties[-1].number = None
    return parties


def _term(rng: Random, kind: str, signed: date, may_state_start: bool = True) -> Term:
    if kind == "years":
        months = 12 * rng.choice([1, 2, 3, 5, 5])
    elif kind == "months":
        months = rng.choice([6, 12, 18, 24, 36])
    else:
        months = None
    stated = may_state_start and kind in ("years", "months") and rng.random() < 0.25
    start = (signed.replace(day=1) + timedelta(days=32)).replace(day=1) if stated else signed
    if kind in ("years", "months"):
        return Term(kind, start, months, add_months(start, months or 0), stated)
    if kind == "end_date":
        return Term(kind, start, None, date(signed.year + rng.choice([1, 2, 3]), 12, 31))
    return Term(kind, start)


def _obligations(rng: Random, spec_kind: str, theme: Theme, n: int) -> list[Obligation]:
    out: list[Obligation] = []
    if spec_kind == "addendum":
        return out
    joint_only = spec_kind in ("mou", "mou_en") and rng.random() < 0.4
    if joint_only:
        out += [Obligation(-1, t) for t in rng.sample(JOINT_DUTIES, rng.randint(3, 5))]
    else:
        for i in range(n):
            pool = list(theme.duties) + list(GENERIC_DUTIES)
            out += [Obligation(i, t) for t in rng.sample(pool, rng.randint(2, 3))]
    cost = (
        "biaya yang timbul dalam pelaksanaan {doc} ini dibebankan kepada anggaran masing-masing PARA "
        "PIHAK sesuai dengan ketentuan peraturan perundang-undangan",
        "costs arising from the implementation of this {doc} shall be borne by each of the Parties in "
        "accordance with their respective laws and regulations",
    )
    out.append(Obligation(-1, cost, "cost"))
    return out


def _workplan_rows(rng: Random, spec: Spec) -> list[tuple[int, int, int, int, int, int]]:
    """(scope index, quarter 0-3, year, responsible party, budget in millions, indicator index) per row."""
    rows = []
    for j in range(rng.randint(3, min(4, len(spec.scope)))):
        year = spec.signed.year + (1 if j >= 2 else 0)
        rows.append(
            (j, j % 4, year, rng.randrange(len(spec.parties)), rng.randint(5, 95) * 10, rng.randrange(4))
        )
    return rows


def make_spec(rng: Random, kind: str, opts: dict | None = None) -> Spec:
    """A random agreement of `kind` (one of KINDS); `opts` pins axes: parties (count), workplan,
    term, date_style, opening, split_dates, trap_title, scope_items."""
    o = opts or {}
    theme = rng.choice(THEMES)
    signed = date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
    n = rng.choice([2, 2, 2, 3, 3, 4]) if kind in ("mou", "pks") else 2
    parties = _pick_parties(rng, kind, theme, o.get("parties", n), signed)
    language = {"mou_en": "en", "bilingual": "id+en"}.get(kind, "id")
    opening = o.get("opening", rng.random() < 0.8)
    date_style = "en" if language == "en" else o.get("date_style", rng.choice(DATE_STYLES))
    later = [signed] + [signed + timedelta(days=rng.choice([3, 7, 14])) for _ in parties[1:]]
    split = o.get("split_dates", rng.random() < 0.3) and opening
    term_kind = "years" if kind == "addendum" else o.get("term", rng.choice(TERMS))
    spec = Spec(
        kind=kind,
        language=language,
        theme=theme,
        parties=parties,
        first_word=rng.choice(["PERTAMA", "PERTAMA", "KESATU"]),
        signed=signed,
        sign_dates=later if split else [signed] * len(parties),
        place=rng.choice([parties[0].city, parties[-1].city, "Jakarta", None]),
        opening=opening,
        date_style=date_style,
        term=_term(rng, term_kind, signed, kind != "addendum"),
        scope=rng.sample(theme.scope, o.get("scope_items", rng.randint(3, min(5, len(theme.scope))))),
        obligations=_obligations(rng, kind, theme, len(parties)),
        duty_heading=rng.choice(["HAK DAN KEWAJIBAN", "TUGAS DAN TANGGUNG JAWAB"]),
        workplan="none" if kind == "addendum" else o.get("workplan", rng.choice(WORKPLANS)),
        trap_title=o.get("trap_title", kind in ("mou", "pks") and rng.random() < 0.2),
    )
    if spec.place is None and not opening:
        spec.place = parties[0].city
    if spec.trap_title:
        spec.workplan = "none"
    if kind in ("pks", "addendum"):
        spec.parent_date = signed - timedelta(days=rng.randint(60, 700))
        spec.parent_number = make_party(rng, parties[0].kind, spec.parent_date, set()).number
    if spec.workplan == "detailed":
        spec.workplan_rows = _workplan_rows(rng, spec)
    return spec


def topic(spec: Spec, en: bool = False) -> str:
    base = spec.theme.topic[1 if en else 0]
    if spec.trap_title:
        trap = TRAP_TOPIC[1 if en else 0]
        return f"{trap} DI BIDANG {base}" if not en else f"{trap} IN {base}"
    return base
