"""Tests for the evaluator: exact P/R/F1 on small hand-made gold and predicted records."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import typer

from flows.cli_eval import eval_command, format_report
from pipeline.quality.evaluate import FIELDS, evaluate, load_labels, match_items

GOLD: dict[str, Any] = {
    "doc_type": "MoU",
    "language": "id",
    "title": "NOTA KESEPAHAMAN ANTARA UNIVERSITAS CONTOH DAN DINAS CONTOH TENTANG PENDIDIKAN",
    "numbers": ["12/UN99/KS/2021", "B-7/DC/05/2021"],
    "parties": [
        {"name": "Universitas Contoh", "role": "PIHAK PERTAMA", "representative": "Budi Santoso",
         "position": "Rektor"},
        {"name": "Dinas Contoh", "role": "PIHAK KEDUA", "representative": "Siti Aminah",
         "position": "Kepala"},
    ],
    "signing_date": "2021-05-18",
    "signing_place": "Bengkulu",
    "effective_date": "2021-05-18",
    "duration_text": "3 (tiga) tahun",
    "duration_months": 36,
    "expiry_date": "2024-05-18",
    "scope": ["pendidikan dan pengajaran", "penelitian bersama"],
    "obligations": [{"party": "PARA PIHAK", "text": "Biaya ditanggung PARA PIHAK sesuai kesepakatan"}],
    "has_workplan": False,
    "workplan_detail": "none",
    "notes": "",
}  # fmt: skip


def field(value: Any, confidence: float = 0.9) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "evidence": []}


def record_from(gold: dict[str, Any], flag: bool | None = None) -> dict[str, Any]:
    """A record dict (schemas/record.py shape) carrying exactly the gold values."""
    flag = gold["workplan_detail"] != "detailed" if flag is None else flag
    months = gold["duration_months"]
    return {
        "schema_version": 1,
        **{k: field(gold[k]) for k in ("doc_type", "language", "title", "signing_date", "signing_place")},
        **{k: field(gold[k]) for k in ("effective_date", "expiry_date")},
        "numbers": [field(n) for n in gold["numbers"]],
        "parties": [field({**p, "order": i + 1}) for i, p in enumerate(gold["parties"])],
        "duration": field(
            {"text": gold["duration_text"], "months": months} if gold["duration_text"] else None
        ),
        "scope": [field(s) for s in gold["scope"]],
        "obligations": [field(o) for o in gold["obligations"]],
        "workplan": field(gold["workplan_detail"]),
        "parent_agreement": field(None),
        "flags": [{"code": "NO_DETAILED_WORKPLAN", "severity": "warning", "message": "", "evidence": []}]
        * flag,
        "review": {"needs_review": False, "reasons": []},
    }


def scores(report, name: str) -> tuple[float | None, float | None, float | None]:
    c = report.fields[name]
    return c.precision, c.recall, c.f1


def test_perfect_match_scores_one_everywhere() -> None:
    report = evaluate({"a": GOLD}, {"a": record_from(GOLD)})
    assert all(scores(report, name) == (1.0, 1.0, 1.0) for name in FIELDS)
    assert report.macro_f1 == 1.0
    assert report.flag.accuracy == 1.0 and report.workplan.accuracy == 1.0
    assert report.documents[0].mismatches == []


def test_missing_party_lowers_recall_only() -> None:
    pred = record_from(GOLD)
    pred["parties"] = pred["parties"][:1]
    report = evaluate({"a": GOLD}, {"a": pred})
    assert scores(report, "parties") == (1.0, 0.5, pytest.approx(2 / 3))
    assert report.fields["parties"].support == 2
    assert scores(report, "representatives") == (1.0, 0.5, pytest.approx(2 / 3))


def test_wrong_date_counts_fp_and_fn() -> None:
    pred = record_from(GOLD)
    pred["signing_date"] = field("2021-05-19")
    report = evaluate({"a": GOLD}, {"a": pred})
    c = report.fields["signing_date"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    assert scores(report, "signing_date") == (0.0, 0.0, 0.0)
    [mismatch] = report.documents[0].mismatches
    assert (mismatch.field, mismatch.outcome, mismatch.gold, mismatch.predicted) == (
        "signing_date", "FP+FN", "2021-05-18", "2021-05-19",
    )  # fmt: skip


def test_null_handling_for_scalars() -> None:
    gold = {**GOLD, "effective_date": None, "signing_place": None}
    pred = record_from(GOLD)  # predicts both although gold has none
    pred["expiry_date"] = field(None)  # misses a gold value
    report = evaluate({"a": gold}, {"a": pred})
    assert (report.fields["effective_date"].fp, report.fields["effective_date"].fn) == (1, 0)
    assert (report.fields["expiry_date"].fp, report.fields["expiry_date"].fn) == (0, 1)
    both_null = evaluate({"a": gold}, {"a": record_from(gold)})
    assert scores(both_null, "effective_date") == (1.0, 1.0, 1.0)  # correct abstention counts as TP


def test_empty_lists_on_both_sides_count_as_abstention() -> None:
    gold = {**GOLD, "obligations": [], "numbers": []}
    report = evaluate({"a": gold}, {"a": record_from(gold)})
    assert report.fields["obligations"].tp == 1 and report.fields["numbers"].tp == 1


@pytest.mark.parametrize(
    ("predicted_title", "accepted"),
    [
        (
            "NOTA KESEPAHAMAN ANTARA UNIVERSITAS CONTOH DAN DINAS CONTOH TENTANG PENDIDlKAN",
            True,
        ),  # OCR l for I
        (
            "Nota Kesepahaman antara Universitas Contoh dan Dinas Contoh tentang Pendidikan.",
            True,
        ),  # case, dot
        ("NOTA KESEPAHAMAN ANTARA UNIVERSITAS CONTOH DAN DINAS CONTOH", True),  # ratio 0.87
        ("NOTA KESEPAHAMAN ANTARA UNIVERSITAS CONTOH", False),  # ratio 0.68
        ("PERJANJIAN KERJA SAMA", False),
    ],
)
def test_fuzzy_title_threshold(predicted_title: str, accepted: bool) -> None:
    pred = record_from(GOLD)
    pred["title"] = field(predicted_title)
    report = evaluate({"a": GOLD}, {"a": pred})
    assert report.fields["title"].tp == int(accepted)
    assert report.fields["title"].fp == report.fields["title"].fn == int(not accepted)


def test_party_names_fuzzy_and_role_must_agree() -> None:
    pred = record_from(GOLD)
    pred["parties"][0]["value"]["name"] = "UNIVERSITAS  CONTOH."
    pred["parties"][1]["value"]["role"] = "PIHAK KESATU"
    pred["parties"][1]["value"]["representative"] = "Dr. Siti Aminah, M.Hum."  # titles are ignored
    report = evaluate({"a": GOLD}, {"a": pred})
    assert scores(report, "parties") == (1.0, 1.0, 1.0)
    assert scores(report, "party_roles") == (0.5, 0.5, 0.5)
    assert scores(report, "representatives") == (1.0, 1.0, 1.0)


def test_numbers_must_match_exactly_up_to_case_and_spaces() -> None:
    pred = record_from(GOLD)
    pred["numbers"] = [field("12 / un99/KS/2021"), field("B-1/DC/05/2021")]
    report = evaluate({"a": GOLD}, {"a": pred})
    c = report.fields["numbers"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)


def test_scope_items_by_token_overlap() -> None:
    pred = record_from(GOLD)
    pred["scope"] = [
        field("Pendidikan dan Pengajaran;"),
        field("pengabdian kepada masyarakat"),
        field("penelitian"),
    ]
    report = evaluate({"a": GOLD}, {"a": pred})
    c = report.fields["scope"]  # "penelitian" vs "penelitian bersama": token F1 0.67 >= 0.6
    assert (c.tp, c.fp, c.fn) == (2, 1, 0)
    assert scores(report, "scope") == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))


def test_greedy_matching_is_one_to_one() -> None:
    same = lambda a, b: 1.0 if a[0] == b[0] else 0.0  # noqa: E731
    assert match_items(["ab", "ac"], ["ax"], same, 0.5) == [(0, 0)]
    assert match_items([], ["x"], same, 0.5) == []


def test_no_detailed_workplan_flag_accuracy() -> None:
    detailed = {**GOLD, "workplan_detail": "detailed", "has_workplan": True}
    gold = {"a": GOLD, "b": detailed, "c": GOLD, "d": detailed}
    pred = {
        "a": record_from(GOLD),  # flagged, gold says flag: correct
        "b": record_from(detailed),  # not flagged, gold detailed: correct
        "c": record_from(GOLD, flag=False),  # missed flag although workplan says none: wrong (flag decides)
        "d": record_from(detailed, flag=True),  # false flag: wrong
    }
    report = evaluate(gold, pred)
    assert (report.flag.correct, report.flag.total, report.flag.accuracy) == (2, 4, 0.5)
    assert report.flag.confusion == {"True->True": 1, "False->False": 1, "True->False": 1, "False->True": 1}
    assert report.workplan.accuracy == 1.0


def test_workplan_three_way_accuracy() -> None:
    mentioned = {**GOLD, "workplan_detail": "mentioned"}
    pred = record_from(mentioned)
    pred["workplan"] = field("none")
    report = evaluate({"a": GOLD, "b": mentioned}, {"a": record_from(GOLD), "b": pred})
    assert report.workplan.accuracy == 0.5
    assert report.workplan.confusion == {"none->none": 1, "mentioned->none": 1}
    assert report.flag.accuracy == 1.0  # both not detailed, both flagged


def test_missing_prediction_is_all_fn() -> None:
    report = evaluate({"a": GOLD, "b": GOLD}, {"a": record_from(GOLD)})
    assert report.fields["parties"].fn == 2 and report.fields["parties"].tp == 2
    assert scores(report, "doc_type") == (1.0, 0.5, pytest.approx(2 / 3))
    assert report.documents[1].missing_prediction
    assert report.flag.accuracy == 0.5


def test_calibration_bands() -> None:
    pred = record_from(GOLD)
    pred["title"] = field("SOMETHING ELSE", confidence=0.3)
    pred["signing_date"] = field("2021-05-18", confidence=1.0)
    report = evaluate({"a": GOLD}, {"a": pred})
    low, _, _, high = report.calibration
    assert (low.count, low.correct) == (1, 0)
    assert (high.count, high.correct) == (8, 8)  # the 7 other scalars at 0.9 plus the date at 1.0


def test_report_text_and_dict() -> None:
    report = evaluate({"a": GOLD}, {"a": record_from(GOLD)})
    text = format_report(report)
    assert "signing_date" in text and "macro F1 1.000" in text and "NO_DETAILED_WORKPLAN" in text
    data = json.loads(json.dumps(report.to_dict()))
    assert data["fields"]["parties"]["f1"] == 1.0 and data["macro_f1"] == 1.0


def _write_gold(tmp_path: Path, stems: list[str]) -> Path:
    labels = tmp_path / "gold" / "labels"
    labels.mkdir(parents=True)
    for stem in stems:
        (labels / f"{stem}.json").write_text(json.dumps(GOLD))
    return tmp_path / "gold"


def test_load_labels_accepts_labels_subfolder(tmp_path: Path) -> None:
    gold_dir = _write_gold(tmp_path, ["01_x", "02_y"])
    assert sorted(load_labels(gold_dir)) == ["01_x", "02_y"]
    assert sorted(load_labels(gold_dir / "labels")) == ["01_x", "02_y"]
    with pytest.raises(ValueError, match="no gold labels"):
        load_labels(tmp_path)


def test_eval_command_with_pred(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_dir = _write_gold(tmp_path, ["01_x", "02_y"])
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    (pred_dir / "01_x.json").write_text(json.dumps(record_from(GOLD)))
    out = tmp_path / "report.json"
    eval_command(gold=gold_dir, pred=pred_dir, out_json=out)
    assert "no prediction 02_y.json" in capsys.readouterr().err
    assert json.loads(out.read_text())["fields"]["doc_type"]["recall"] == 0.5


def test_eval_command_docs_without_labels_exits_nonzero(tmp_path: Path, capsys) -> None:
    gold_dir = _write_gold(tmp_path, ["01_x"])
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "02_y.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(typer.Exit) as exc:
        eval_command(gold=gold_dir, docs=docs)
    assert exc.value.exit_code == 2
    assert "labels without a document: ['01_x']" in capsys.readouterr().err


def test_eval_command_needs_exactly_one_source(tmp_path: Path) -> None:
    with pytest.raises(typer.Exit):
        eval_command(gold=_write_gold(tmp_path, ["01_x"]))


def test_record_from_is_a_valid_contract_record() -> None:
    from schemas.record import Record

    data = copy.deepcopy(record_from(GOLD))
    data["document"] = {"sha256": "0" * 64, "filename": "x.pdf", "bytes": 1, "pages": 1, "text_source": "ocr",
                        "ocr_mean_confidence": None, "pipeline_version": "t"}  # fmt: skip
    Record.model_validate(data)


def test_flag_balanced_accuracy_weighs_the_rare_class_like_the_common_one() -> None:
    # Nine agreements lacking a detailed plan, one with it: "always flag" is 90 % accurate but balanced 50 %.
    labels = {f"d{i}": {**GOLD, "workplan_detail": "detailed" if i == 0 else "none"} for i in range(10)}
    always = {stem: record_from(gold, flag=True) for stem, gold in labels.items()}
    report = evaluate(labels, always)
    assert report.flag.accuracy == pytest.approx(0.9)
    assert report.flag.balanced_accuracy == pytest.approx(0.5)
    right = {stem: record_from(gold) for stem, gold in labels.items()}
    assert evaluate(labels, right).flag.balanced_accuracy == pytest.approx(1.0)


def test_parent_agreement_scored_only_where_labelled_and_outside_the_macro() -> None:
    pks = {**GOLD, "doc_type": "PKS", "parent_agreement": "PHN.HM.05.02-769"}
    mou = {**GOLD, "parent_agreement": None}
    unlabelled = dict(GOLD)
    found = record_from(pks) | {"parent_agreement": field("PHN.HM.05.02 - 769")}
    spurious = record_from(mou) | {"parent_agreement": field("12/UN99/KS/2021")}
    ignored = record_from(unlabelled) | {"parent_agreement": field("anything")}
    report = evaluate({"a": pks, "b": mou, "c": unlabelled}, {"a": found, "b": spurious, "c": ignored})
    counts = report.extra["parent_agreement"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)
    assert "parent_agreement" not in report.fields
    assert report.macro_f1 == pytest.approx(1.0)


def test_folds_split_by_stem_prefix_and_refuse_a_document_outside_them(tmp_path: Path) -> None:
    from pipeline.quality.evaluate import evaluate_folds, fold_of, load_folds

    folds_file = tmp_path / "folds.toml"
    folds_file.write_text(
        '[families.a]\nfold = "develop"\nmembers = ["01", "02"]\n'
        '[families.b]\nfold = "validate"\nmembers = ["03"]\n'
    )
    folds = load_folds(folds_file)
    assert fold_of("01_mou-x", folds) == "develop" and fold_of("03_pks", folds) == "validate"
    assert fold_of("010_other", folds) is None
    labels = {"01_a": GOLD, "02_b": GOLD, "03_c": {**GOLD, "doc_type": "PKS"}}
    reports = evaluate_folds(labels, {s: record_from(GOLD) for s in labels}, folds)
    assert reports["develop"].fields["doc_type"].f1 == 1.0
    assert reports["validate"].fields["doc_type"].f1 == 0.0
    assert len(reports["all"].documents) == 3
    with pytest.raises(ValueError, match="04_d is in no fold"):
        evaluate_folds({**labels, "04_d": GOLD}, {}, folds)
    folds_file.write_text(
        '[families.a]\nfold = "develop"\nmembers = ["01"]\n[families.b]\nfold = "x"\nmembers = ["01"]\n'
    )
    with pytest.raises(ValueError, match="two families"):
        load_folds(folds_file)
