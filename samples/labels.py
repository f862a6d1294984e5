"""Gold labels in the realdocs label format, built from a spec and the strings actually printed."""

from __future__ import annotations

from samples.compose import Assembled
from samples.spec import Spec
from samples.workplan_shapes import workplan_notes

LABEL_KEYS = (
    "doc_type",
    "language",
    "title",
    "numbers",
    "parties",
    "signing_date",
    "signing_place",
    "effective_date",
    "duration_text",
    "duration_months",
    "expiry_date",
    "scope",
    "obligations",
    "has_workplan",
    "workplan_detail",
    "notes",
)
EXTRA_KEYS = ("variant", "profile", "parent_agreement")
PARTY_KEYS = ("name", "role", "representative", "position")
DOC_TYPES = {"mou": "MoU", "mou_en": "MoU", "bilingual": "MoU", "pks": "PKS", "addendum": "addendum"}


def _iso(d) -> str | None:  # noqa: ANN001 - date | None
    return d.isoformat() if d else None


def _notes(spec: Spec, asm: Assembled, fmt: str) -> str:
    notes = [f"Synthetic {DOC_TYPES[spec.kind]} ({spec.kind}), delivered as {fmt}."]
    if spec.opening:
        notes.append(f"Opening date style: {spec.date_style}.")
    else:
        notes.append("No opening date; signing date and place are read from the signature block.")
    if spec.shapes.split_late:
        notes.append(
            "Parties signed on different dates and the opening has none; signing_date is the later one."
        )
    elif any(d != spec.signed for d in spec.sign_dates):
        notes.append("Parties signed on different dates; signing_date is the opening date.")
    if spec.parent_number:
        notes.append(
            f"Cites parent agreement {spec.parent_number} in the recitals (not a number of this document)."
        )
    if spec.trap_title:
        notes.append("Keyword trap: 'Rencana Kerja Sama' in the title is not a workplan.")
    if spec.workplan == "none" and spec.shapes.none_text:
        notes.append("Defers to a technical guideline or a later agreement: that alone is not a workplan.")
    elif spec.workplan == "none" and spec.kind == "mou" and not spec.shapes.bare:
        notes.append("Defers details to a later PKS: that alone is not a workplan.")
    notes += _shape_notes(spec)
    if spec.term.kind == "terminated":
        notes.append("Runs until terminated: no duration in months and no expiry date.")
    if spec.language == "id+en":
        notes.append(
            f"Bilingual in side-by-side columns; the Indonesian text prevails. English title: "
            f"{asm.english_title}"
        )
    if any(p.kind == "police" for p in spec.parties):
        notes.append("Police ranks are printed before signatory names; they are not part of the name.")
    return " ".join(notes)


ANNEX_NOTES = {
    "rab": "Detailed workplan: a LAMPIRAN with a Rencana Anggaran Biaya (RAB) table.",
    "timeline": "Detailed workplan: an annexed timeline table of activities by month.",
    "schedule": "Detailed workplan: {name} lists activities with timeline and deliverables.",
}
SIGN_NOTES = {
    "rows": "Signatures with Nama : / Jabatan : rows.",
    "table": "Signatories in one signature table.",
    "behalf": "Signatures 'for and on behalf of' / 'signed by ... on behalf of'.",
}
PARTY_NOTES = {
    "role_below": "the name stands on its own line, the role label a few lines below",
    "address": "the name is followed by its address",
    "legal": "the name is followed by its legal basis (a cited Keputusan/Peraturan number, not a number of "
    "this document)",
    "rows": "the opening lists Nama / Jabatan / Alamat rows before the name",
    "post_first": "the signatory and his post come first and the organisation is named only inside the post",
    "table_row": "each party is a table row (signatory | : | post), name and post wrapping in their cells",
}


def _shape_notes(spec: Spec) -> list[str]:
    sh, out = spec.shapes, []
    if spec.workplan == "detailed" and sh.annex in ANNEX_NOTES:
        out.append(ANNEX_NOTES[sh.annex].format(name=sh.annex_name))
    if spec.workplan == "mentioned" and sh.mention:
        out.append(f"Workplan mentioned (phrasing {sh.mention}): to be drawn up later.")
    out += workplan_notes(spec)
    styles = sorted({s for s in sh.party_styles if s != "std"})
    if styles:
        out.append("Party opening: " + "; ".join(PARTY_NOTES[s] for s in styles) + ".")
    if sh.names_only:
        out.append("The opening names no person: representatives only in the signature block.")
    if sh.en_opening != "std":
        out.append(f"English opening '{sh.en_opening}': roles are the (hereinafter ...) designations.")
    if sh.sign_style in ("rows", "table", "behalf"):
        out.append(SIGN_NOTES[sh.sign_style])
    if sh.faculty:
        out.append("A faculty is the party (named as printed), not its university.")
    if len(spec.parties) > 4:
        out.append(f"{len(spec.parties)} parties.")
    if "spaced" in sh.number_styles:
        out.append("A number is printed with blanks; numbers are the printed reading.")
    if sh.number_split:
        out.append("A number wraps onto the next line; the label is the whole number.")
    if sh.cover:
        out.append("Numbers stand on a cover page before the title page.")
    return out


def _term(spec: Spec) -> tuple[str | None, int | None, str | None]:
    t = spec.term
    effective = _iso(t.start)
    if t.kind in ("years", "months"):
        return effective, t.months, _iso(t.end)
    if t.kind == "end_date":
        return effective, None, _iso(t.end)
    return effective, None, None


def build_label(spec: Spec, asm: Assembled, profile: str, fmt: str) -> dict:
    """The gold label; `variant` is '<kind>/<format>'."""
    en = spec.language == "en"
    effective, months, expiry = _term(spec)
    parties = [
        {
            "name": p.name_en if en else p.name,
            "role": spec.role(i, en),
            "representative": p.rep,
            "position": p.position_en if en else p.position,
        }
        for i, p in enumerate(spec.parties)
    ]
    gold = asm.gold
    label = {
        "doc_type": DOC_TYPES[spec.kind],
        "language": spec.language,
        "title": gold.title,
        "numbers": [p.number for p in spec.parties if p.number],
        "parties": parties,
        "signing_date": spec.signed.isoformat(),
        "signing_place": spec.place,
        "effective_date": effective,
        "duration_text": gold.duration_text,
        "duration_months": months,
        "expiry_date": expiry,
        "scope": gold.scope,
        "obligations": [{"party": who, "text": text} for who, text in gold.obligations],
        "has_workplan": spec.workplan == "detailed",
        "workplan_detail": spec.workplan,
        "notes": _notes(spec, asm, fmt),
        "variant": f"{spec.kind}/{fmt}",
        "profile": profile,
    }
    label["parent_agreement"] = spec.parent_number  # null when the document cites no parent
    return label


def validate_label(label: dict) -> list[str]:
    """Problems with a label's key set and value types ([] when valid)."""
    errors = [f"missing key {k}" for k in LABEL_KEYS if k not in label]
    errors += [f"unknown key {k}" for k in label if k not in LABEL_KEYS + EXTRA_KEYS]
    for p in label.get("parties", []):
        errors += [f"party key set {sorted(p)}"] if tuple(sorted(p)) != tuple(sorted(PARTY_KEYS)) else []
    for o in label.get("obligations", []):
        errors += [f"obligation key set {sorted(o)}"] if sorted(o) != ["party", "text"] else []
    if label.get("doc_type") not in ("MoU", "PKS", "addendum", "report", "other"):
        errors.append(f"doc_type {label.get('doc_type')!r}")
    if label.get("workplan_detail") not in ("none", "mentioned", "detailed"):
        errors.append(f"workplan_detail {label.get('workplan_detail')!r}")
    if label.get("has_workplan") != (label.get("workplan_detail") == "detailed"):
        errors.append("has_workplan disagrees with workplan_detail")
    return errors
