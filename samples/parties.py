"""Pools of realistic Indonesian and foreign parties, signatories and agreement numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from samples.pools import (
    FAMILY,
    FOREIGN_MINISTRIES,
    FOREIGN_NAMES,
    FOREIGN_UNIS,
    GIVEN,
    PERSERO,
    POLICE_RANKS,
    PREFIX_TITLES,
    PROVINCES,
    REGENCIES,
    SUFFIX_TITLES,
    UNIVERSITIES,
)
from samples.words import roman_month


@dataclass
class Party:
    """One party: names in both languages, signatory (plain and as printed), position, number."""

    kind: str
    name: str
    name_en: str
    short: str
    rep: str
    rep_printed: str
    position: str
    position_en: str
    city: str
    number: str | None = None


def person(rng: Random) -> tuple[str, str]:
    """A fictitious Indonesian name, plain and with academic titles as printed."""
    plain = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    pre, suf = rng.choice(PREFIX_TITLES), rng.choice(SUFFIX_TITLES)
    printed = " ".join(x for x in (pre, plain) if x) + (f", {suf}" if suf else "")
    return plain, printed


def _number(rng: Random, kind: str, code: int, d: date) -> str:
    n, y, rm = rng.randint(12, 4999), d.year, roman_month(d)
    forms = {
        "kanwil": [f"W{code}.HM.05.02-{n}", f"W{code}-HM.05.02-{n} Tahun {y}"],
        "sekjen": [f"M.HH-{rng.randint(1, 40)}.HM.05.02 Tahun {y}", f"SEK.HM.05.02-{n} Tahun {y}"],
        "imigrasi": [f"IMI-{rng.randint(1, 9)}.HM.05.02 Tahun {y}", f"IMI-UM.01.01-{n}"],
        "pas": [f"PAS-{rng.randint(1, 60)}.HM.05.02 Tahun {y}", f"PAS.HM.05.02-{n}"],
        "bphn": [f"PHN-{rng.randint(1, 90)}.HN.04.03 Tahun {y}", f"PHN.HM.05.02-{n}"],
        "university": [f"{n}/UN{code}/HK.07/{y}", f"{n}/UN{code}/KS/{y}", f"{n}/UN{code}.1/KS.00.00/{y}"],
        "police": [f"B/{rng.randint(10, 99)}/{rm}/{y}", f"NK/{rng.randint(1, 40)}/{rm}/{y}"],
        "pemda": [f"119/{n}/HK/{y}", f"180/{rng.randint(10, 999)}/PKS/{rm}/{y}", f"075/{n}/B.Hkm/{y}"],
        "persero": [f"PKS-{rng.randint(1, 300):03d}/DIR/{rm}/{y}", f"{n}/HK.03/DIR/{y}"],
        "foreign": [f"{rng.randint(1, 99)}/{y}/IR", f"MOU-{y}-{rng.randint(1, 99):02d}"],
    }
    return rng.choice(forms[kind])


def _ministry(rng: Random, kind: str) -> tuple[str, str, str, str, str, int]:
    kemen, kemen_en = "Kementerian Hukum dan Hak Asasi Manusia", "Ministry of Law and Human Rights"
    if kind == "kanwil":
        prov, code, city = rng.choice(PROVINCES)
        name = f"Kantor Wilayah {kemen} {prov}"
        return (
            name,
            f"Regional Office of the {kemen_en} of {prov}",
            f"Kepala {name}",
            f"Head of the Regional Office of {prov}",
            city,
            code,
        )
    table = {
        "sekjen": ("Sekretariat Jenderal", "Secretariat General", "Sekretaris Jenderal", "Secretary General"),
        "imigrasi": (
            "Direktorat Jenderal Imigrasi",
            "Directorate General of Immigration",
            "Direktur Jenderal Imigrasi",
            "Director General of Immigration",
        ),
        "pas": (
            "Direktorat Jenderal Pemasyarakatan",
            "Directorate General of Corrections",
            "Direktur Jenderal Pemasyarakatan",
            "Director General of Corrections",
        ),
        "bphn": (
            "Badan Pembinaan Hukum Nasional",
            "National Law Development Agency",
            "Kepala Badan Pembinaan Hukum Nasional",
            "Head of the National Law Development Agency",
        ),
    }
    unit, unit_en, pos, pos_en = table[kind]
    return (
        f"{unit} {kemen}",
        f"{unit_en}, {kemen_en} of the Republic of Indonesia",
        f"{pos} {kemen}",
        f"{pos_en}, {kemen_en}",
        "Jakarta",
        0,
    )


def _build(rng: Random, kind: str) -> tuple[str, str, str, str, str, int]:
    """(name, name_en, position, position_en, city, number code) for one party kind."""
    if kind in ("kanwil", "sekjen", "imigrasi", "pas", "bphn"):
        return _ministry(rng, kind)
    if kind == "university":
        uni, code = rng.choice(UNIVERSITIES)
        pos, pos_en = rng.choice(
            [("Rektor", "Rector"), ("Wakil Rektor Bidang Kerja Sama", "Vice Rector for Cooperation")]
        )
        city = next((c for p, _, c in PROVINCES if p in uni), rng.choice(PROVINCES)[2])
        return uni, uni, f"{pos} {uni}", f"{pos_en} of {uni}", city, code
    if kind == "police":
        prov, code, city = rng.choice(PROVINCES)
        name = f"Kepolisian Daerah {prov}"
        return (
            name,
            f"Regional Police of {prov}",
            f"Kepala {name}",
            f"Chief of the Regional Police of {prov}",
            city,
            code,
        )
    if kind == "pemda":
        if rng.random() < 0.4:
            prov, code, city = rng.choice(PROVINCES)
            return (
                f"Pemerintah Provinsi {prov}",
                f"Provincial Government of {prov}",
                f"Gubernur {prov}",
                f"Governor of {prov}",
                city,
                code,
            )
        reg = rng.choice(REGENCIES)
        head = "Bupati" if reg.startswith("Kabupaten") else "Wali Kota"
        bare = reg.split(" ", 1)[1]
        return (
            f"Pemerintah {reg}",
            f"Government of {reg}",
            f"{head} {bare}",
            f"{'Regent' if head == 'Bupati' else 'Mayor'} of {bare}",
            bare,
            0,
        )
    if kind == "persero":
        name = rng.choice(PERSERO)
        return name, name, f"Direktur Utama {name}", f"President Director of {name}", "Jakarta", 0
    uni_or_min = FOREIGN_UNIS if kind == "foreign_uni" else FOREIGN_MINISTRIES
    name, pos, city = rng.choice(uni_or_min)
    return name, name, f"{pos} {name}" if kind == "foreign_uni" else pos, pos, city, 0


def make_party(rng: Random, kind: str, signed: date, used: set[str]) -> Party:
    """A party of `kind` whose name is not in `used`."""
    for _ in range(50):
        name, name_en, position, position_en, city, code = _build(rng, kind)
        if name not in used:
            break
    used.add(name)
    if kind.startswith("foreign"):
        rep = rng.choice(FOREIGN_NAMES)
        printed = rng.choice(["Prof. ", "Dr. ", "", "H.E. "]) + rep
    elif kind == "police":
        rep, printed = person(rng)
        printed = f"{rng.choice(POLICE_RANKS)} {printed}"
    else:
        rep, printed = person(rng)
    number_kind = "foreign" if kind.startswith("foreign") else kind
    if number_kind in ("sekjen", "imigrasi", "pas", "bphn"):
        number_kind = kind
    short = "".join(w[0] for w in name.replace("(Persero)", "").split() if w[0].isupper())[:6]
    return Party(
        kind,
        name,
        name_en,
        short,
        rep,
        printed,
        position,
        position_en,
        city,
        _number(rng, number_kind, code, signed),
    )
