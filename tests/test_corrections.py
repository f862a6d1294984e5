"""Issue 6: analysts' corrections are validated, stored apart, survive re-extraction and count as gold."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from report_fixtures import fill_store, make_record
from sqlalchemy import inspect
from typer.testing import CliRunner

from pipeline.analyst.corrections import CorrectionError, add_correction, parse_value
from pipeline.analyst.export import corrected_records
from pipeline.analyst.report.accuracy import correction_source
from pipeline.analyst.report.review import export_queue, import_queue
from pipeline.store.corrected import apply_corrections, list_corrections
from pipeline.store.database import migrate


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        ("signing_date", "2022-04-28", "2022-04-28"),
        ("signing_date", date(2022, 4, 28), "2022-04-28"),
        ("doc_type", "pks", "PKS"),
        ("workplan", "Detailed", "detailed"),
        ("duration_months", "36", 36),
        ("duration_months", 36.0, 36),
        ("signing_place", "  Bengkulu ", "Bengkulu"),
        ("parent_agreement", "null", None),
    ],
)
def test_parse_value_accepts_and_normalises(field, raw, expected):
    assert parse_value(field, raw) == expected


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("signing_date", "28-04-2022", "ISO form YYYY-MM-DD"),
        ("expiry_date", "2022-02-30", "not a real calendar date"),
        ("doc_type", "Kontrak", "use one of MoU, PKS, addendum, report, other"),
        ("workplan", "yes", "none, mentioned, detailed"),
        ("duration_months", "3.5", "whole number"),
        ("party_roles", "x", "unknown field 'party_roles'"),
        ("parties", "x", "parties: not a JSON list"),
    ],
)
def test_parse_value_rejects_with_a_clear_message(field, raw, message):
    with pytest.raises(CorrectionError, match=message):
        parse_value(field, raw)


def test_migration_creates_corrections_table_and_downgrades(store):
    assert "corrections" in inspect(store.engine).get_table_names()
    from alembic import command
    from alembic.config import Config

    from pipeline.store.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "corrections" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert "corrections" in inspect(store.engine).get_table_names()


def test_apply_corrections_keeps_machine_value_and_clears_review():
    record = make_record(1).to_json_dict()
    rows = [
        {"field": "signing_date", "value": "2022-04-01", "analyst": "a", "created_at": "t1", "note": None},
        {
            "field": "signing_date",
            "value": "2022-04-28",
            "analyst": "b",
            "created_at": "t2",
            "note": "hal. 1",
        },
        {"field": "workplan", "value": "detailed", "analyst": "b", "created_at": "t2", "note": None},
        {"field": "duration_months", "value": 36, "analyst": "b", "created_at": "t2", "note": None},
    ]
    fixed = apply_corrections(record, rows)
    assert fixed["signing_date"]["value"] == "2022-04-28"  # the newest correction wins
    assert fixed["signing_date"]["confidence"] == 1.0
    assert fixed["corrections"]["signing_date"]["machine_value"] == "2022-04-27"
    assert fixed["duration"]["value"] == {"text": "5 (lima) tahun", "months": 36}
    assert "NO_DETAILED_WORKPLAN" not in {flag["code"] for flag in fixed["flags"]}
    assert fixed["review"] == {"needs_review": False, "reasons": []}
    assert record["signing_date"]["value"] == "2022-04-27"  # the input is not changed


def test_correction_survives_re_extraction_and_counts_as_gold(store, tmp_path):
    fill_store(store, tmp_path, count=2)
    sha = "01" * 32
    add_correction(store, sha[:8], "signing_date", "2022-04-28", analyst="rina", note="tanggal di halaman 1")
    add_correction(store, sha[:8], "doc_type", "MoU", analyst="rina")  # confirms the machine value
    # Re-extraction: a newer extractor writes a fresh record for the same document (records are replaced).
    store.save(make_record(1, version="0.2.0", signing_conf=0.5))
    store.save(make_record(1, version="0.2.0", signing_conf=0.5))
    assert [c.field for c in list_corrections(store, sha)] == ["signing_date", "doc_type"]
    record = next(r for r in corrected_records(store) if r["document"]["sha256"] == sha)
    assert record["document"]["pipeline_version"] == "0.2.0"
    assert record["signing_date"]["value"] == "2022-04-28"
    assert record["corrections"]["signing_date"]["machine_value"] == "2022-04-27"

    machine = [row.record for row in store.latest_records()]
    source = correction_source(machine, {sha: list_corrections(store, sha)})
    scores = {score.field: score for score in source.scores}
    assert (scores["signing_date"].documents, scores["signing_date"].correct) == (1, 0)
    assert (scores["doc_type"].documents, scores["doc_type"].correct) == (1, 1)
    assert source.mismatches == [
        {"stem": "mou-01", "field": "signing_date", "gold": "2022-04-28", "predicted": "2022-04-27"}
    ]


def test_unknown_document_is_refused(store, tmp_path):
    fill_store(store, tmp_path, count=1)
    with pytest.raises(CorrectionError, match="no stored document"):
        add_correction(store, "ffff", "title", "X")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_review_file_round_trip(store, tmp_path, suffix):
    fill_store(store, tmp_path, count=2)
    out = tmp_path / f"queue{suffix}"
    assert export_queue(store, 0.6, out) == 4  # signing_date and workplan of each document
    frame = (
        pd.read_csv(out, dtype=str, keep_default_na=False)
        if suffix == ".csv"
        else pd.read_excel(out, dtype=str)
    )
    assert "corrected_value" in frame.columns
    assert frame["corrected_value"].replace("", None).isna().all()
    first = frame.index[(frame["Field"] == "signing_date") & frame["SHA-256"].str.startswith("01")][0]
    frame["corrected_value"] = frame["corrected_value"].astype(object)
    frame.loc[first, "corrected_value"] = "2022-04-30"
    frame.loc[first, "note"] = "lihat halaman 1"
    frame.to_csv(out, index=False) if suffix == ".csv" else frame.to_excel(out, index=False)
    result = import_queue(store, out, analyst="budi")
    assert (result.imported, result.skipped) == (1, 3)
    [row] = list_corrections(store)
    assert (row.field, row.value, row.analyst, row.note) == (
        "signing_date",
        "2022-04-30",
        "budi",
        "lihat halaman 1",
    )
    assert export_queue(store, 0.6, out) == 3  # the corrected field left the queue


def test_review_import_is_all_or_nothing(store, tmp_path):
    fill_store(store, tmp_path, count=2)
    out = tmp_path / "queue.csv"
    export_queue(store, 0.6, out)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    frame.loc[0, "corrected_value"] = "2022-04-30" if frame.loc[0, "Field"] == "signing_date" else "none"
    frame.loc[1, "corrected_value"] = "30/04/2022" if frame.loc[1, "Field"] == "signing_date" else "maybe"
    frame.to_csv(out, index=False)
    with pytest.raises(CorrectionError, match="row 3: .*nothing imported|nothing imported(.|\n)*row 3"):
        import_queue(store, out)
    assert list_corrections(store) == []


def test_cli_review_set_validates(settings, store, tmp_path, monkeypatch):
    from flows.cli import app

    fill_store(store, tmp_path, count=1)
    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    runner = CliRunner()
    bad = runner.invoke(app, ["review", "set", "0101", "signing_date", "27 April 2022"])
    assert bad.exit_code == 2
    assert "YYYY-MM-DD" in bad.output
    good = runner.invoke(app, ["review", "set", "0101", "workplan", "detailed", "--analyst", "sari"])
    assert good.exit_code == 0, good.output
    assert list_corrections(store)[0].analyst == "sari"
