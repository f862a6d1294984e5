"""Tests for the synthetic agreement generator and the committed fixed sample set."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from samples.generate import generate_corpus, generate_document
from samples.labels import LABEL_KEYS, validate_label
from samples.words import add_months, spelled_opening_id, terbilang, written_forms

FIXED = Path(__file__).resolve().parents[1] / "samples" / "fixed"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _check_against_truth(label: dict, pages: list[str]) -> list[str]:
    """Gold strings that do not occur in the true text (whitespace-insensitive)."""
    text = _flat(" ".join(pages))
    wanted = [label["title"], *label["scope"]]
    wanted += [p["name"] for p in label["parties"]] + [p["representative"] for p in label["parties"]]
    wanted += [p["position"] for p in label["parties"]] + [o["text"] for o in label["obligations"]]
    wanted += [label["duration_text"]] if label["duration_text"] else []
    wanted += [label["parent_agreement"]] if label.get("parent_agreement") else []
    missing = [w for w in wanted if _flat(w) not in text]
    # numbers are the printed reading; one that wraps onto the next line is whole in the label
    compact = re.sub(r"\s+", "", text)
    missing += [n for n in label["numbers"] if _flat(n) not in text and re.sub(r"\s+", "", n) not in compact]
    forms = written_forms(date.fromisoformat(label["signing_date"]))
    if not any(f in text for f in forms):
        missing.append(f"signing date {label['signing_date']}")
    if label.get("parent_agreement") in label["numbers"]:
        missing.append("parent agreement number listed among the document's own numbers")
    return missing


def _corpus(root: Path) -> list[tuple[str, dict, list[str]]]:
    out = []
    for lab in sorted((root / "labels").glob("*.json")):
        truth = json.loads((root / "truth" / lab.name).read_text(encoding="utf-8"))
        out.append((lab.stem, json.loads(lab.read_text(encoding="utf-8")), truth["pages"]))
    return out


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    for profile in ("clean",):
        a = generate_corpus(tmp_path / f"a-{profile}", 6, 11, profile)
        b = generate_corpus(tmp_path / f"b-{profile}", 6, 11, profile)
        assert [p.name for p in a] == [p.name for p in b]
        for sub in ("docs", "labels", "truth"):
            for fa in sorted((tmp_path / f"a-{profile}" / sub).iterdir()):
                fb = tmp_path / f"b-{profile}" / sub / fa.name
                assert fa.read_bytes() == fb.read_bytes(), fa.name


@pytest.mark.parametrize(
    ("fmt", "profile"),
    [("docx", "clean"), ("tiff", "poor"), ("mixed-pdf", "office"), ("scan-pdf", "poor"), ("jpg", "poor")],
)
def test_each_format_is_reproducible(tmp_path: Path, fmt: str, profile: str) -> None:
    kind = "addendum" if fmt == "jpg" else "pks"
    a = generate_document(tmp_path / "a", "x", 3, profile, kind, fmt, max_dpi=100)
    b = generate_document(tmp_path / "b", "x", 3, profile, kind, fmt, max_dpi=100)
    assert a.read_bytes() == b.read_bytes()
    truth = json.loads((tmp_path / "a" / "truth" / "x.json").read_text())["pages"]
    assert _check_against_truth(json.loads((tmp_path / "a" / "labels" / "x.json").read_text()), truth) == []


def test_different_seeds_differ(tmp_path: Path) -> None:
    a = generate_corpus(tmp_path / "a", 1, 1, "clean")[0]
    b = generate_corpus(tmp_path / "b", 1, 2, "clean")[0]
    assert a.read_bytes() != b.read_bytes()


@pytest.mark.parametrize("seed", [5, 6])
def test_labels_agree_with_true_text(tmp_path: Path, seed: int) -> None:
    generate_corpus(tmp_path, 10, seed, "clean")
    for stem, label, pages in _corpus(tmp_path):
        assert validate_label(label) == [], stem
        assert _check_against_truth(label, pages) == [], stem


def test_output_layout(tmp_path: Path) -> None:
    docs = generate_corpus(tmp_path, 5, 9, "clean")
    assert len(docs) == 5
    for doc in docs:
        assert (tmp_path / "labels" / f"{doc.stem}.json").exists()
        assert (tmp_path / "truth" / f"{doc.stem}.json").exists()
    assert {json.loads(p.read_text())["variant"].split("/")[0] for p in (tmp_path / "labels").iterdir()} == {
        "mou",
        "pks",
        "addendum",
        "mou_en",
        "bilingual",
    }


def test_fixed_set_labels_are_valid_and_match_truth() -> None:
    corpus = _corpus(FIXED)
    assert 10 <= len(corpus) <= 16
    docs = {p.stem for p in (FIXED / "docs").iterdir()}
    for stem, label, pages in corpus:
        assert stem in docs
        assert set(LABEL_KEYS) <= set(label), stem
        assert validate_label(label) == [], stem
        assert _check_against_truth(label, pages) == [], stem


def test_fixed_set_covers_every_variant_and_stays_small() -> None:
    labels = [json.loads(p.read_text()) for p in (FIXED / "labels").glob("*.json")]
    kinds = {lab["variant"].split("/")[0] for lab in labels}
    formats = {lab["variant"].split("/")[1] for lab in labels}
    assert kinds == {"mou", "pks", "addendum", "mou_en", "bilingual"}
    assert formats == {"text-pdf", "scan-pdf", "mixed-pdf", "tiff", "jpg", "docx"}
    assert {lab["workplan_detail"] for lab in labels} == {"none", "mentioned", "detailed"}
    assert any(len(lab["parties"]) >= 3 for lab in labels)
    assert sum(p.stat().st_size for p in (FIXED / "docs").iterdir()) < 3_500_000


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (8, "delapan"),
        (11, "sebelas"),
        (24, "dua puluh empat"),
        (2023, "dua ribu dua puluh tiga"),
        (115, "seratus lima belas"),
    ],
)
def test_terbilang(n: int, words: str) -> None:
    assert terbilang(n) == words


def test_opening_weekday_is_correct_and_months_add_on_same_day() -> None:
    assert spelled_opening_id(date(2023, 11, 8)).startswith("Rabu tanggal delapan bulan November")
    assert add_months(date(2021, 5, 18), 36) == date(2024, 5, 18)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


# --- shapes of real agreements (samples/spec.py::draw_shapes) -------------------------------------------


def _shape_features(spec) -> set[str]:  # noqa: ANN001 - Spec
    sh = spec.shapes
    out = {f"annex:{sh.annex}"} if spec.workplan == "detailed" else set()
    out |= {f"party:{s}" for s in sh.party_styles} | {f"en:{sh.en_opening}", f"sign:{sh.sign_style}"}
    out |= {f"number:{s}" for s in sh.number_styles}
    flags = {"mention": sh.mention > 0, "none_text": sh.none_text > 0, "names_only": sh.names_only,
             "cover": sh.cover, "faculty": bool(sh.faculty), "split_late": sh.split_late,
             "many": len(spec.parties) >= 5}  # fmt: skip
    return out | {k for k, v in flags.items() if v}


def test_every_new_shape_is_drawn_for_some_seed_and_older_shapes_stay_common() -> None:
    from random import Random

    from samples.spec import KINDS, make_spec

    seen: dict[str, int] = {}
    for seed in range(300):
        kind = KINDS[seed % len(KINDS)]
        spec = make_spec(Random(f"s{seed}"), kind, None, Random(f"x{seed}"))
        for f in _shape_features(spec):
            seen[f] = seen.get(f, 0) + 1
    wanted = {"annex:rab", "annex:timeline", "annex:schedule", "mention", "none_text", "party:role_below",
              "party:address", "party:legal", "party:rows", "party:post_first",
              "party:table_row", "names_only", "en:between",
              "en:blocks", "sign:rows", "sign:table", "sign:behalf", "number:spaced", "number:wrapped",
              "cover", "faculty", "split_late", "many"}  # fmt: skip
    assert wanted <= set(seen), sorted(wanted - set(seen))
    assert seen["annex:table"] > seen["annex:rab"] and seen["sign:std"] > seen["sign:rows"]
    assert seen["number:plain"] > 5 * seen["number:wrapped"] and seen["cover"] < 60


def _doc(tmp_path: Path, kind: str, opts: dict, seed: int = 3) -> tuple[dict, list[str]]:
    generate_document(tmp_path, "x", seed, "clean", kind, "text-pdf", opts=opts)
    label = json.loads((tmp_path / "labels" / "x.json").read_text())
    pages = json.loads((tmp_path / "truth" / "x.json").read_text())["pages"]
    assert validate_label(label) == []
    assert _check_against_truth(label, pages) == []
    return label, pages


def test_rab_annex_is_detailed_and_holds_the_table(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "pks", {"workplan": "detailed", "annex": "rab"})
    assert label["workplan_detail"] == "detailed" and label["has_workplan"] is True
    annex = pages[-1]
    assert "RENCANA ANGGARAN BIAYA (RAB)" in annex and "Harga Satuan (Rp)" in annex
    total = re.search(r"JUMLAH TOTAL (\d{1,3}(?:\.\d{3})+)", annex)
    amounts = re.findall(r"^\d+ .* (\d{1,3}(?:\.\d{3})+)$", annex, re.M)
    assert total and int(total.group(1).replace(".", "")) == sum(int(a.replace(".", "")) for a in amounts)


@pytest.mark.parametrize(
    ("kind", "annex", "marker"),
    [
        ("mou", "timeline", "Bulan ke-1"),
        ("mou_en", "timeline", "Month 1"),
        ("mou_en", "schedule", "Deliverables"),
    ],
)
def test_timeline_and_schedule_annexes_are_detailed(
    tmp_path: Path, kind: str, annex: str, marker: str
) -> None:
    label, pages = _doc(tmp_path, kind, {"workplan": "detailed", "annex": annex})
    assert label["workplan_detail"] == "detailed" and marker in pages[-1]
    if annex == "schedule":
        assert re.search(r"^(SCHEDULE A|ANNEX 1)$", pages[-1], re.M)


@pytest.mark.parametrize("mention", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("kind", ["pks", "mou_en"])
def test_mentioned_phrasings_are_labelled_mentioned(tmp_path: Path, kind: str, mention: int) -> None:
    from samples.compose_en import MENTIONED_EN
    from samples.compose_id import MENTIONED_ID

    label, pages = _doc(tmp_path, kind, {"workplan": "mentioned", "mention": mention})
    phrase = (MENTIONED_EN if kind == "mou_en" else MENTIONED_ID)[mention].split("{doc}")[-1][:40]
    assert label["workplan_detail"] == "mentioned" and phrase in _flat(" ".join(pages))


@pytest.mark.parametrize("none_text", [1, 2])
def test_guideline_and_later_agreement_references_stay_none(tmp_path: Path, none_text: int) -> None:
    label, pages = _doc(tmp_path, "mou", {"workplan": "none", "none_text": none_text})
    assert label["workplan_detail"] == "none" and label["has_workplan"] is False
    assert ("petunjuk teknis" if none_text == 1 else "perjanjian tersendiri") in _flat(" ".join(pages))


def test_role_label_below_the_name_is_not_the_name(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "pks", {"party_style": "role_below"})
    lines = pages[0].splitlines()
    for i, party in enumerate(label["parties"]):
        at = lines.index(f"{['I', 'II', 'III', 'IV'][i]}. {party['name']}")
        assert any(f"selanjutnya disebut {party['role']}." in line for line in lines[at + 1 : at + 4])
        assert "PIHAK" not in party["name"]


def test_signatory_and_post_before_the_organisation(tmp_path: Path) -> None:
    for seed in range(20):
        label, pages = _doc(tmp_path / str(seed), "pks", {"party_style": "post_first"}, seed)
        first = label["parties"][0]
        block = _flat(pages[0]).split(" I. ", 1)[1].split(" II. ")[0]
        if first["name"] in first["position"]:  # the organisation is named only inside the post
            assert "atas nama" not in block
            assert block.index(first["representative"]) < block.index(first["name"])
            assert block.count(first["name"]) == 1 and first["representative"] not in first["name"]
            return
    raise AssertionError("no party whose post names its organisation")


@pytest.mark.parametrize(("style", "after"), [("address", "alamat"), ("legal", ", berdasarkan ")])
def test_names_followed_by_address_or_legal_basis(tmp_path: Path, style: str, after: str) -> None:
    label, pages = _doc(tmp_path, "mou", {"party_style": style})
    text = _flat(" ".join(pages))
    for party in label["parties"]:
        assert after not in party["name"] and f"{party['name']}, " in text
    if style == "legal":
        cited = re.findall(r"berdasarkan (?:Keputusan|Peraturan|Akta)[^,]* Nomor (\S+)", text)
        assert cited and not set(cited) & set(label["numbers"])


def test_nama_jabatan_rows_and_faculty_party(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "mou", {"party_style": "rows", "sign_style": "rows", "faculty": True,
                                          "parties": 2}, seed=8)  # fmt: skip
    text = "\n".join(pages)
    for party in label["parties"]:
        assert party["name"] not in (party["representative"], party["position"])
    assert re.search(r"^Nama : .+$", text, re.M) and re.search(r"^Jabatan : .+$", text, re.M)


def test_faculty_is_named_as_the_party(tmp_path: Path) -> None:
    for seed in range(40):
        label, pages = _doc(tmp_path / str(seed), "pks", {"faculty": True}, seed=seed)
        faculties = [p for p in label["parties"] if p["name"].startswith("Fakultas ")]
        if faculties:
            name = faculties[0]["name"]
            assert re.search(rf"(atas nama |^[IV]+\. ){re.escape(name)}\b", " ".join(pages), re.M)
            assert faculties[0]["position"].startswith("Dekan Fakultas")
            assert name.split(" Universitas ")[1] not in [p["name"] for p in label["parties"]]
            return
    raise AssertionError("no university party in 40 seeds")


def test_signatories_only_in_the_signature_block(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "pks", {"names_only": True, "opening": True})
    text = _flat(" ".join(pages))
    opening, rest = text.split("Pasal 1", 1)
    for party in label["parties"]:
        assert party["representative"] not in opening and party["representative"] in rest


def test_many_parties_sign_in_a_table(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "mou", {"many_parties": 6})
    assert len(label["parties"]) == 6 and label["parties"][-1]["role"] == "PIHAK KEENAM"
    table = [line for line in "\n".join(pages).splitlines() if re.match(r"^[1-6] PIHAK ", line)]
    assert len(table) == 6 and "No Pihak Nama Jabatan Tanda Tangan" in "\n".join(pages)
    for row, party in zip(table, label["parties"], strict=True):
        assert party["representative"] in row and _flat(party["position"]) in row


@pytest.mark.parametrize("style", ["between", "blocks"])
def test_english_openings_use_their_designations_as_roles(tmp_path: Path, style: str) -> None:
    for seed in range(30):  # a foreign university partner (not a ministry) for "The University of ..."
        label, pages = _doc(
            tmp_path / str(seed), "mou_en", {"en_opening": style, "the_university": True}, seed
        )
        if style == "between" or any(p["name"].startswith("The University of ") for p in label["parties"]):
            break
    text = _flat(" ".join(pages))
    for party in label["parties"]:
        assert f'(hereinafter {"referred to as " if style == "blocks" else ""}"{party["role"]}")' in text
        if any(o["party"] == party["role"] for o in label["obligations"]):
            assert f"{party['role']} shall:" in text
    if style == "between":
        assert "a university established under the laws of" in text or "state university" in text
        assert "on behalf of" in text  # representatives only at the signatures
    else:
        assert any(p["name"].startswith("The University of ") for p in label["parties"])
        assert all(f"represented by {p['representative']}" in text or p["representative"] in text
                   for p in label["parties"])  # fmt: skip


@pytest.mark.parametrize("style", ["spaced", "wrapped"])
def test_numbers_printed_with_blanks_or_wrapped(tmp_path: Path, style: str) -> None:
    label, pages = _doc(tmp_path, "mou", {"number_style": style, "parties": 2})
    text = pages[0]
    if style == "spaced":
        assert any(" " in n.replace(" Tahun ", "") for n in label["numbers"])
        assert all(n in text for n in label["numbers"])
    else:
        assert any(n not in _flat(text) for n in label["numbers"])  # broken over two lines in print
        assert all(n in re.sub(r"\s+", "", text) for n in (re.sub(r"\s+", "", n) for n in label["numbers"]))


def test_numbers_on_a_cover_page(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "pks", {"cover": True})
    assert all(n in pages[0] for n in label["numbers"]) and "TAHUN " in pages[0]
    assert pages[1].startswith("PERJANJIAN KERJA SAMA") and not any(n in pages[1] for n in label["numbers"])


def test_parties_sign_on_different_days_without_an_opening_date(tmp_path: Path) -> None:
    label, pages = _doc(tmp_path, "pks", {"opening": False, "split_late": True, "sign_style": "std"})
    dates = re.findall(r"Ditandatangani di [^,]+, (\d{1,2} \w+ \d{4})", "\n".join(pages))
    assert len(set(dates)) == 2
    from samples.words import ID_MONTHS

    def parse(d: str) -> date:
        day, month, year = d.split()
        return date(int(year), ID_MONTHS.index(month) + 1, int(day))

    assert label["signing_date"] == max(parse(d) for d in dates).isoformat()  # the later signature


def test_parent_agreement_key_is_always_written(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 5, 4, "clean")
    labels = [json.loads(p.read_text()) for p in (tmp_path / "labels").glob("*.json")]
    assert all("parent_agreement" in lab for lab in labels)
    assert {lab["parent_agreement"] is None for lab in labels} == {True, False}


@pytest.mark.parametrize("stem", ["01-mou-3party-text", "08-mou-docx", "09-mou-en-text", "12-addendum-docx"])
def test_fixed_set_is_drawn_without_the_new_shapes(tmp_path: Path, stem: str) -> None:
    """The committed fixed set regenerates byte for byte: its plan turns the newer shapes off."""
    from samples.fixed import PLAN, SCAN_DPI_CAP

    p = next(p for p in PLAN if p.stem == stem)
    opts = {"trap_title": False, "shapes": False, **p.opts}
    doc = generate_document(tmp_path, p.stem, p.seed, p.profile, p.kind, p.fmt, SCAN_DPI_CAP[p.profile], opts,
                            compact=True)  # fmt: skip
    assert doc.read_bytes() == (FIXED / "docs" / doc.name).read_bytes()
    assert (tmp_path / "truth" / f"{stem}.json").read_bytes() == (
        FIXED / "truth" / f"{stem}.json"
    ).read_bytes()


def test_addendum_notes_only_name_shapes_it_prints(tmp_path: Path) -> None:
    for seed in range(12):
        label, pages = _doc(tmp_path / str(seed), "addendum", {}, seed)
        assert "technical guideline" not in label["notes"] and "PELAKSANAAN" not in " ".join(pages)


def test_party_table_rows_are_drawn_and_read_back(tmp_path: Path) -> None:
    """The 'table_row' shape (signatory | : | post in bordered cells) as the pipeline reads it."""
    from pipeline.document import extract_document

    doc = generate_document(
        tmp_path, "rows", 4, "clean", "pks", "text-pdf", opts={"party_style": "table_row"}
    )
    label = json.loads((tmp_path / "labels" / "rows.json").read_text())
    assert "table row" in label["notes"]
    record = extract_document(doc).record
    got = [(f.value.name, f.value.representative) for f in record.parties]
    assert got == [(p["name"], p["representative"]) for p in label["parties"]]
