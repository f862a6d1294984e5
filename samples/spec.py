"""Random agreement specifications: who signs what, when, for how long, covering what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from samples.parties import Party, make_party
from samples.pools import EN_STREETS, FACULTIES, FOREIGN_COUNTRIES, RAB_ITEMS, STREETS, THE_UNIS
from samples.themes import GENERIC_DUTIES, JOINT_DUTIES, THEMES, TRAP_TOPIC, Pair, Theme
from samples.words import EN_ORDINAL_PARTY, ID_ORDINAL_PARTY, add_months

KINDS = ("mou", "pks", "addendum", "mou_en", "bilingual")
DATE_STYLES = ("spelled", "spelled_caps", "digits", "slash", "long", "nopember")
TERMS = ("years", "months", "end_date", "terminated")
WORKPLANS = ("none", "mentioned", "detailed")
# Printed instead of the joint duty JOINT_DUTIES[0] ("menyusun program kegiatan secara terpadu ...") in an
# agreement without a workplan: drawing up a programme is a promise of a plan (not 'none').
NO_PLAN_DUTY = (
    "menyelaraskan pelaksanaan kegiatan dengan tugas dan fungsi masing-masing",
    "align the activities carried out with their respective duties and functions",
)


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
class Shapes:
    """Shapes of real agreements that the older generator did not print (drawn from their own rng).

    Every default is the older shape, so a spec whose shapes are all default prints exactly as before.
    """

    # detailed workplan: table | rab | timeline | schedule (an English "Schedule A" / "Annex 1") | stages
    annex: str = "table"
    annex_name: str = ""  # "Schedule A" / "Annex 1" for schedule
    mention: int = 0  # index into the 'mentioned' phrasings (0 = the older one)
    none_text: int = 0  # index into the 'none' phrasings (0 = the older one)
    # per party: std | role_below | address | legal | rows | post_first
    party_styles: list[str] = field(default_factory=list)
    names_only: bool = False  # the opening names no person: signatories only in the signature block
    en_opening: str = "std"  # std | between | blocks (English MoU only)
    aliases: list[str] = field(default_factory=list)  # English (hereinafter "X") designations, used as roles
    sign_style: str = "std"  # std | rows (Nama : / Jabatan :) | table (many parties) | behalf (English)
    number_styles: list[str] = field(default_factory=list)  # per party: plain | spaced | wrapped
    number_split: dict[int, int] = field(default_factory=dict)  # wrapped number: party -> cut position
    cover: bool = False  # a cover page with title and numbers before the title page
    addresses: list[str] = field(default_factory=list)
    legal: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)  # English 'a university established under ...'
    annex_plan: list[tuple[int, ...]] = field(default_factory=list)  # rows of the rab/timeline/schedule annex
    # drawn in samples/workplan_shapes.py from a generator of their own
    stage_style: str = ""  # annex == "stages": how the stages are named (see workplan_shapes.STAGE_STYLES)
    stage_place: str = "body"  # the staged programme in the Pelaksanaan article or on an annex page
    promise: int = 0  # 1.. : a newer 'mentioned' phrasing (workplan_shapes.PROMISES_*)
    bare: int = 0  # 1.. : a newer 'none' phrasing (workplan_shapes.BARE_*)
    faculty: list[int] = field(default_factory=list)  # parties that are a faculty of a university
    split_late: bool = False  # no opening date and parties signed on different days
    notes: list[str] = field(default_factory=list)


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
    shapes: Shapes = field(default_factory=Shapes)

    def role(self, i: int, en: bool = False) -> str:
        if i < 0:
            return "Parties" if en else "PARA PIHAK"
        if en and self.shapes.aliases:
            return self.shapes.aliases[i]
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


def make_spec(rng: Random, kind: str, opts: dict | None = None, xr: Random | None = None) -> Spec:
    """A random agreement of `kind` (one of KINDS); `opts` pins axes: parties (count), workplan,
    term, date_style, opening, split_dates, trap_title, scope_items, and the shapes (see draw_shapes).

    `xr` draws the newer shapes; without it (the fixed set) every shape keeps its older default, and
    because the shapes have their own generator, `rng`'s stream is the same either way."""
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
    if xr is not None:
        draw_shapes(spec, xr, o)
    if spec.workplan == "none":  # a duty to draw up a programme would promise a plan: `mentioned` (realdocs)
        spec.obligations = [
            Obligation(o.party, NO_PLAN_DUTY, o.heading) if o.text == JOINT_DUTIES[0] else o
            for o in spec.obligations
        ]
    return spec


def _pick(xr: Random, o: dict, key: str, choices: dict[str, float]) -> str:
    """`opts[key]` when pinned, else a weighted draw (the first choice is the older shape)."""
    if key in o:
        return o[key]
    return xr.choices(list(choices), weights=list(choices.values()))[0]


def _address(xr: Random, p: Party) -> str:
    if p.kind.startswith("foreign"):
        return f"{xr.randint(1, 300)} {xr.choice(EN_STREETS)}, {p.city}"
    return f"{xr.choice(STREETS)} Nomor {xr.randint(1, 240)}, {p.city}"


def _legal_basis(xr: Random, p: Party, year: int) -> str:
    n, y = xr.randint(2, 99), xr.randint(1985, year - 1)
    return {
        "university": f"Keputusan Presiden Republik Indonesia Nomor {n} Tahun {y}",
        "pemda": f"Peraturan Daerah Nomor {n} Tahun {y}",
        "persero": f"Akta Pendirian Nomor {n} tanggal {xr.randint(1, 28)} Juni {y}",
        "police": f"Peraturan Kepolisian Negara Republik Indonesia Nomor {n % 20 + 1} Tahun {y}",
    }.get(p.kind, f"Peraturan Menteri Hukum dan Hak Asasi Manusia Nomor {n} Tahun {y}")


def _description(p: Party) -> str:
    if p.kind == "foreign_uni":
        country = FOREIGN_COUNTRIES.get(p.name_en) or next(
            (c for n, _, _, c in THE_UNIS if n == p.name_en), ""
        )
        return f"a university established under the laws of {country or 'its country'}"
    if p.kind == "foreign_min":
        return "a government institution of its country"
    if p.kind == "university":
        return "a state university established under the laws of the Republic of Indonesia"
    if p.kind == "persero":
        return "a state-owned company incorporated under the laws of the Republic of Indonesia"
    return "a government institution of the Republic of Indonesia"


def _alias(p: Party, taken: set[str]) -> str | None:
    words = [w for w in p.name_en.replace(",", " ").split() if w[:1].isupper() and w not in ("The", "PT")]
    alias = "".join(w[0] for w in words)[:6].upper()
    if len(alias) < 2 or alias in taken:
        return None
    taken.add(alias)
    return alias


def _make_faculty(xr: Random, p: Party) -> None:
    fac, fac_en = xr.choice(FACULTIES)
    uni = p.name
    p.name, p.name_en = f"{fac} {uni}", f"{fac_en}, {uni}"
    p.position, p.position_en = f"Dekan {fac} {uni}", f"Dean of the {fac_en}, {uni}"


def _space_number(xr: Random, number: str) -> str:
    """'123/UN30/KS/2021' -> '123 /UN30/KS/ 2021': typed blanks around a slash, read as printed."""
    cuts = [i for i, ch in enumerate(number) if ch == "/"]
    if not cuts:
        return number.replace("-", " - ", 1)
    out = number
    for i in sorted(xr.sample(cuts, min(len(cuts), xr.randint(1, 2))), reverse=True):
        out = out[:i] + " /" + out[i + 1 :] if xr.random() < 0.5 else out[: i + 1] + " " + out[i + 1 :]
    return out


def _split_at(number: str) -> int | None:
    """Where a long number wraps: after a '/' (else a '-') near its middle (None if it has neither)."""
    for sep in "/-":
        cuts = [i + 1 for i, ch in enumerate(number) if ch == sep and 2 <= i + 1 <= len(number) - 3]
        if cuts:
            return min(cuts, key=lambda i: abs(i - len(number) / 2))
    return None


def _many_parties(xr: Random, spec: Spec, n: int) -> None:
    """A consortium of universities (often their faculties) joins the first parties: 4-6 in all."""
    used = {p.name for p in spec.parties}
    while len(spec.parties) < n:
        spec.parties.append(make_party(xr, "university", spec.signed, used))
    spec.obligations = _obligations(xr, spec.kind, spec.theme, n)
    spec.sign_dates = [spec.signed] * n


def _annex_plan(xr: Random, spec: Spec, annex: str) -> list[tuple[int, ...]]:
    """rab: (item index or -1-scope index, volume, unit price); timeline: (scope index, first month, months);
    schedule: (scope index, first month, last month, deliverable index, responsible party)."""
    k = min(len(spec.scope), xr.randint(3, 5))
    if annex == "rab":
        acts: list[tuple[int, ...]] = [
            (-1 - j, 1, xr.randint(5, 40) * 1_000_000) for j in range(xr.randint(1, 2))
        ]
        items = xr.sample(range(len(RAB_ITEMS)), xr.randint(3, 5))
        return acts + [(i, xr.choice([2, 4, 5, 10, 20, 40]), RAB_ITEMS[i][2]) for i in sorted(items)]
    rows: list[tuple[int, ...]] = []
    if annex == "timeline":
        months = xr.randint(4, 6)
        for j in range(k):
            first = min(months, 1 + j * months // k)
            rows.append((j, first, xr.randint(1, months - first + 1)))
        return rows
    month = 1
    for j in range(k):
        last = month + xr.randint(1, 3)
        rows.append((j, month, last, xr.randrange(5), xr.randrange(len(spec.parties))))
        month = last + 1
    return rows


def draw_shapes(spec: Spec, xr: Random, o: dict) -> None:
    """Draws the newer shapes of `spec` from `xr`; `o` pins any of them (keys as in Shapes, plus
    'many_parties' (a count 4-6), 'party_style' (one style for every party), 'number_style', 'faculty')."""
    sh, en, ind = spec.shapes, spec.kind == "mou_en", spec.kind in ("mou", "pks", "addendum")
    many = o.get("many_parties") or (xr.choice([4, 5, 6]) if ind and spec.kind != "addendum"
                                     and xr.random() < 0.08 else 0)  # fmt: skip
    if many:
        _many_parties(xr, spec, many)
    n = len(spec.parties)
    for i, p in enumerate(spec.parties):
        fac = o.get("faculty", xr.random() < (0.5 if many else 0.2))
        if p.kind == "university" and fac and not en:
            _make_faculty(xr, p)
            sh.faculty.append(i)
    if spec.workplan == "detailed":
        weights: dict[str, float] = (
            {"table": 4, "schedule": 4, "timeline": 2} if en else {"table": 4, "rab": 3, "timeline": 2}
        )
        sh.annex = _pick(xr, o, "annex", weights)
        sh.annex_name = xr.choice(["Schedule A", "Annex 1"]) if sh.annex == "schedule" else ""
        sh.annex_plan = _annex_plan(xr, spec, sh.annex)
    elif spec.workplan == "mentioned":
        sh.mention = o.get("mention", 0 if xr.random() < 0.35 else xr.randint(1, 5))
    elif spec.kind != "addendum":  # an addendum has no Pelaksanaan article
        sh.none_text = o.get("none_text", 0 if xr.random() < 0.5 else xr.randint(1, 2))
    if en:
        sh.en_opening = _pick(xr, o, "en_opening", {"std": 5, "between": 2.5, "blocks": 2.5})
        if sh.en_opening == "blocks" and (o.get("the_university") or xr.random() < 0.5):
            foreign = next((p for p in spec.parties if p.kind == "foreign_uni"), None)
            if foreign is not None:
                name, post, city, _ = xr.choice(THE_UNIS)
                foreign.name = foreign.name_en = name
                foreign.position = foreign.position_en = f"{post} of {name}"
                foreign.city = city
        if sh.en_opening != "std":
            taken: set[str] = set()
            aliases = [_alias(p, taken) for p in spec.parties]
            sh.aliases = [a for a in aliases if a] if all(aliases) else []
            sh.descriptions = [_description(p) for p in spec.parties]
        sh.names_only = sh.en_opening == "between"
    sh.addresses = [_address(xr, p) for p in spec.parties]
    sh.legal = [_legal_basis(xr, p, spec.signed.year) for p in spec.parties]
    if en:
        sh.sign_style = "behalf" if sh.names_only or xr.random() < 0.2 else "std"
    elif spec.kind != "bilingual":
        style = o.get("party_style")
        sh.names_only = o.get("names_only", style is None and xr.random() < 0.12)
        varied = style is None and not sh.names_only and xr.random() < 0.35
        weights = {"std": 1.0, "role_below": 1.5, "address": 1.5, "legal": 1.0, "rows": 1.0}
        sh.party_styles = [style or (_pick(xr, {}, "", weights) if varied else "std") for _ in range(n)]
        sh.sign_style = "table" if many else _pick(xr, o, "sign_style", {"std": 3, "rows": 1})
    styles = {"plain": 16, "spaced": 1.5, "wrapped": 1.5}
    sh.number_styles = [_pick(xr, o, "number_style", styles) for _ in spec.parties]
    for i, p in enumerate(spec.parties):
        if p.number and sh.number_styles[i] == "spaced":
            p.number = _space_number(xr, p.number)
        cut = _split_at(p.number) if p.number and sh.number_styles[i] == "wrapped" else None
        if cut:
            sh.number_split[i] = cut
    sh.cover = o.get("cover", xr.random() < 0.12)
    if not spec.opening and sh.sign_style != "table" and o.get("split_late", xr.random() < 0.4):
        _sign_on_different_days(xr, spec)
    if sh.party_styles and not sh.names_only and "party_style" not in o:  # drawn last: the rest stays put
        for i, p in enumerate(spec.parties):
            if sh.party_styles[i] == "std" and p.name in p.position and xr.random() < 0.1:
                sh.party_styles[i] = "post_first"
        if all(s == "std" for s in sh.party_styles) and xr.random() < 0.1:  # after the rest: it stays put
            # every party a table row 'marker | signatory | : | post ...', cells wrapping on their own
            sh.party_styles = ["table_row" if p.name in p.position else "std" for p in spec.parties]


def _sign_on_different_days(xr: Random, spec: Spec) -> None:
    """No opening date and the parties sign on different days: the last signature is spec.signed."""
    last = xr.randrange(len(spec.parties))
    spec.sign_dates = [
        spec.signed if i == last else spec.signed - timedelta(days=xr.choice([2, 5, 9, 16]))
        for i in range(len(spec.parties))
    ]
    spec.shapes.split_late = True


def topic(spec: Spec, en: bool = False) -> str:
    base = spec.theme.topic[1 if en else 0]
    if spec.trap_title:
        trap = TRAP_TOPIC[1 if en else 0]
        return f"{trap} DI BIDANG {base}" if not en else f"{trap} IN {base}"
    return base
