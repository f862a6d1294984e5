"""Generates a synthetic corpus: documents, gold labels and per-page true text, reproducibly from a seed."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from random import Random

from samples.compose import assemble
from samples.labels import build_label
from samples.render import EXTENSIONS, choose_format, render
from samples.spec import KINDS, make_spec
from samples.workplan_shapes import draw_workplan_shapes

log = logging.getLogger(__name__)
PROFILES = ("clean", "office", "poor")


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def generate_document(
    out: Path,
    stem: str,
    seed: int | str,
    profile: str,
    kind: str | None = None,
    fmt: str | None = None,
    max_dpi: int | None = None,
    opts: dict | None = None,
    compact: bool = False,
) -> Path:
    """Writes docs/<stem>.<ext>, labels/<stem>.json and truth/<stem>.json under `out`; returns the doc."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}: choose one of {', '.join(PROFILES)}")
    rng = Random(f"kerjasama/{seed}/{stem}")
    # The newer shapes come from their own generator, so `rng` draws exactly what it drew before they
    # existed; opts {"shapes": False} (the fixed set) keeps every shape at its older default.
    xr = Random(f"kerjasama/{seed}/{stem}/shapes") if (opts or {}).get("shapes", True) else None
    spec = make_spec(rng, kind or rng.choice(KINDS), opts, xr)
    if xr is not None:  # newer workplan shapes, from a generator of their own again
        draw_workplan_shapes(spec, Random(f"kerjasama/{seed}/{stem}/workplan"), opts or {})
    asm = assemble(spec, rng)
    fmt = fmt or choose_format(profile, rng)
    data, truth, fmt, scan_note = render(spec, asm, fmt, profile, rng, max_dpi, compact)
    for sub in ("docs", "labels", "truth"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    doc = out / "docs" / f"{stem}.{EXTENSIONS[fmt]}"
    doc.write_bytes(data)
    label = build_label(spec, asm, profile, fmt)
    label["notes"] = f"{label['notes']} {scan_note}".strip()
    _write_json(out / "labels" / f"{stem}.json", label)
    _write_json(out / "truth" / f"{stem}.json", {"pages": truth})
    log.info("wrote %s (%s, %d page(s))", doc.name, fmt, len(truth))
    return doc


def generate_corpus(out: Path, count: int, seed: int, profile: str) -> list[Path]:
    """`count` documents under `out`; kinds cycle so every kind appears once `count` >= 5."""
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    out = Path(out)
    offset = Random(seed).randrange(len(KINDS))
    paths = []
    for i in range(count):
        kind = KINDS[(i + offset) % len(KINDS)]
        stem = f"{profile}-{seed}-{i:04d}-{kind.replace('_', '-')}"
        paths.append(generate_document(out, stem, seed, profile, kind))
    return paths
