"""The committed fixed sample set: a pinned plan of ~12 documents covering every variant.

Regenerate with `python -m samples.fixed` (or `kerjasama samples fixed`); output is byte-identical.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from samples import FIXED_DIR
from samples.generate import generate_document

FIXED_SEED = 2024
SCAN_DPI_CAP = {"clean": 200, "office": 200, "poor": 150}  # keeps the committed set small


@dataclass(frozen=True)
class Planned:
    stem: str
    kind: str
    fmt: str
    profile: str
    purpose: str
    opts: dict = field(default_factory=dict)
    seed: int | str = FIXED_SEED


PLAN: tuple[Planned, ...] = (
    Planned(
        "01-mou-3party-text",
        "mou",
        "text-pdf",
        "clean",
        "three parties, spelled opening date, detailed workplan in a LAMPIRAN table, 5-year style term",
        {"parties": 3, "workplan": "detailed", "term": "years", "date_style": "spelled"},
    ),
    Planned(
        "02-mou-office-scan",
        "mou",
        "scan-pdf",
        "office",
        "typical office scan; workplan mentioned; term in months; 'Nopember' spelling",
        {"parties": 2, "workplan": "mentioned", "term": "months", "date_style": "nopember"},
    ),
    Planned(
        "03-mou-trap-title",
        "mou",
        "scan-pdf",
        "office",
        "'Rencana Kerja Sama' in the title (workplan still none); runs until terminated; digit date",
        {"parties": 2, "trap_title": True, "term": "terminated", "date_style": "digits"},
    ),
    Planned(
        "04-pks-parent-mixed",
        "pks",
        "mixed-pdf",
        "clean",
        "PKS citing its parent MoU; text layer plus "
        "scanned pages; end date only; parties sign on different dates",
        {
            "parties": 2,
            "workplan": "detailed",
            "term": "end_date",
            "date_style": "spelled_caps",
            "split_dates": True,
            "opening": True,
        },
    ),
    Planned(
        "05-pks-4party-tiff",
        "pks",
        "tiff",
        "office",
        "four parties; multi-page TIFF; slash date; workplan mentioned",
        {"parties": 4, "workplan": "mentioned", "term": "years", "date_style": "slash"},
    ),
    Planned(
        "06-pks-poor-scan",
        "pks",
        "scan-pdf",
        "poor",
        "poor scan (150 dpi, noise, blur, rotations); no opening date: date and place only at the signatures",
        {"parties": 2, "workplan": "none", "term": "months", "opening": False},
        f"{FIXED_SEED}-7",
    ),
    Planned(
        "07-addendum-jpg",
        "addendum",
        "jpg",
        "office",
        "one-page addendum as a JPG photo-scan; cites the amended PKS",
        {"date_style": "long", "scope_items": 3},
        f"{FIXED_SEED}-0",
    ),
    Planned(
        "08-mou-docx",
        "mou",
        "docx",
        "clean",
        "DOCX (one logical page of truth); long date; 5-year style term",
        {"parties": 2, "workplan": "none", "term": "years", "date_style": "long"},
    ),
    Planned(
        "09-mou-en-text",
        "mou_en",
        "text-pdf",
        "clean",
        "English MoU with a foreign partner; 'this 8th day of' date",
        {"workplan": "mentioned", "term": "years"},
    ),
    Planned(
        "10-mou-en-poor",
        "mou_en",
        "scan-pdf",
        "poor",
        "English MoU, poor scan with an annex table; end date only",
        {"workplan": "detailed", "term": "end_date"},
        f"{FIXED_SEED}-2",
    ),
    Planned(
        "11-bilingual-scan",
        "bilingual",
        "scan-pdf",
        "office",
        "bilingual Indonesian/English columns, office scan",
        {"workplan": "none", "term": "years", "date_style": "spelled"},
    ),
    Planned("12-addendum-docx", "addendum", "docx", "clean", "addendum as DOCX", {"date_style": "slash"}),
)


def build_fixed(out: Path = FIXED_DIR) -> list[Path]:
    """Regenerates the fixed set into `out` (its docs/labels/truth folders are replaced)."""
    for sub in ("docs", "labels", "truth"):
        shutil.rmtree(out / sub, ignore_errors=True)
    return [
        generate_document(
            out,
            p.stem,
            p.seed,
            p.profile,
            p.kind,
            p.fmt,
            SCAN_DPI_CAP[p.profile],
            {"trap_title": False, "shapes": False, **p.opts},
            compact=True,
        )
        for p in PLAN
    ]


if __name__ == "__main__":
    for path in build_fixed():
        print(path.relative_to(FIXED_DIR.parent.parent), path.stat().st_size)
