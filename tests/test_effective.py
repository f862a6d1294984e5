"""Issue 14: one effective record (corrections applied, dependent flags recomputed) behind records list,
records show, the report and the exports; list fields (parties, numbers, scope, obligations) corrected."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from report_fixtures import fill_store, make_record
from typer.testing import CliRunner

from pipeline.analyst.corrections import CorrectionError, add_correction, parse_value
from pipeline.analyst.export import export_store
from pipeline.analyst.report import write_report
from pipeline.store.effective import effective_record, effective_record_of, effective_records

TODAY = date(2026, 12, 3)
EXPIRED_SHA = "02" * 32  # fill_store: document 2 expired on 2021-05-01


def codes(record: dict) -> set[str]:
    return {flag["code"] for flag in record["flags"]}


def row(field: str, value, at: str = "t1") -> dict:
    return {"field": field, "value": value, "analyst": "rina", "created_at": at, "note": None}


def test_expiry_moved_into_the_future_clears_expired():
    record = make_record(2, expiry="2021-05-01").to_json_dict()
    assert "EXPIRED" in codes(record)
    fixed = effective_record(record, [row("expiry_date", "2029-01-31")], today=TODAY)
    assert fixed["expiry_date"] == {**record["expiry_date"], "value": "2029-01-31", "confidence": 1.0}
    assert "EXPIRED" not in codes(fixed) and "EXPIRING_SOON" not in codes(fixed)
    assert "NO_DETAILED_WORKPLAN" in codes(fixed)  # not depending on the expiry: kept as extracted
    assert "EXPIRED" in codes(record)  # the input is not changed


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [("2026-12-31", {"EXPIRING_SOON"}), ("2026-01-01", {"EXPIRED"}), ("2030-01-01", set())],
)
def test_expiry_flags_follow_the_corrected_date(expiry, expected):
    record = make_record(1, expiry="2027-04-27").to_json_dict()
    fixed = effective_record(record, [row("expiry_date", expiry)], today=TODAY, expiring_days=90)
    assert codes(fixed) & {"EXPIRED", "EXPIRING_SOON"} == expected
    if expected:
        flag = next(f for f in fixed["flags"] if f["code"] in expected)
        assert expiry in flag["message"] and flag["evidence"] == record["expiry_date"]["evidence"]


def test_uncorrected_record_keeps_its_flags_untouched():
    record = make_record(2, expiry="2021-05-01").to_json_dict()
    fixed = effective_record(record, [], today=TODAY)
    assert fixed["flags"] == record["flags"] and fixed["corrections"] == {}


def test_corrected_workplan_and_signing_date_flags():
    record = make_record(1).to_json_dict()
    fixed = effective_record(record, [row("workplan", "detailed"), row("signing_date", None)], today=TODAY)
    assert "NO_DETAILED_WORKPLAN" not in codes(fixed)
    assert "NO_SIGNING_DATE" in codes(fixed)
    back = effective_record(record, [row("workplan", "none")], today=TODAY)
    assert "NO_DETAILED_WORKPLAN" in codes(back)


def test_list_corrections_replace_the_list_and_recompute_number_flag():
    record = make_record(1).to_json_dict()  # 2 parties, 1 number, no NUMBER_MISSING flag stored
    parties = parse_value(
        "parties",
        [
            {"name": "Universitas Contoh", "role": "PIHAK KESATU"},
            {
                "name": "Pemerintah Kota Baru",
                "role": "PIHAK KEDUA",
                "representative": "Dr. A",
                "position": "",
            },
        ],
    )
    fixed = effective_record(record, [row("parties", parties)], today=TODAY)
    assert [p["value"]["name"] for p in fixed["parties"]] == ["Universitas Contoh", "Pemerintah Kota Baru"]
    assert fixed["parties"][1]["value"]["representative"] == "Dr. A"
    assert fixed["parties"][1]["value"]["position"] is None
    assert all(p["confidence"] == 1.0 for p in fixed["parties"])
    assert "NUMBER_MISSING" in codes(fixed)  # 2 parties, 1 number: recomputed because parties changed
    numbers = parse_value("numbers", '["1/UN/KS/2022", "77/PEMKOT/2022"]')
    both = effective_record(record, [row("parties", parties), row("numbers", numbers)], today=TODAY)
    assert "NUMBER_MISSING" not in codes(both)
    assert both["corrections"]["numbers"]["machine_value"] == ["1/UN/KS/2022"]
    removed = effective_record(record, [row("scope", []), row("obligations", [])], today=TODAY)
    assert removed["scope"] == [] and removed["obligations"] == []


def test_list_item_keeps_evidence_of_the_machine_item_it_equals():
    record = make_record(1).to_json_dict()
    record["scope"] = [
        {
            "value": "Penelitian",
            "confidence": 0.5,
            "evidence": [{"page": 1, "start": 0, "end": 3, "text": "a"}],
        },
        {
            "value": "Pendidikan",
            "confidence": 0.5,
            "evidence": [{"page": 2, "start": 0, "end": 3, "text": "b"}],
        },
    ]
    fixed = effective_record(record, [row("scope", ["Pendidikan", "Pengabdian"])], today=TODAY)
    assert fixed["scope"][0]["evidence"][0]["page"] == 2  # the equal item, not the same position
    assert fixed["scope"][1]["evidence"] == []  # position 1 is held by an item the analyst kept


def test_list_review_reasons_are_dropped_when_the_list_is_corrected():
    record = make_record(1).to_json_dict()
    record["review"] = {"needs_review": True, "reasons": ["parties[1]: confidence 0.40 < 0.60"]}
    fixed = effective_record(record, [row("parties", [{"name": "X"}])], today=TODAY)
    assert fixed["review"] == {"needs_review": False, "reasons": []}


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("parties", "[{'name': 'x'}]", "not a JSON list"),
        ("parties", '{"name": "x"}', "whole corrected list"),
        ("parties", '[{"name": ""}]', "item 1: the name is empty"),
        ("parties", '[{"name": "A", "colour": "red"}]', "item 1: colour"),
        ("obligations", '[{"party": "A"}]', "item 1: the text is empty"),
        ("numbers", '["1/A", " "]', "numbers item 2: empty"),
    ],
)
def test_bad_list_corrections_say_what_is_wrong(field, raw, message):
    with pytest.raises(CorrectionError, match=message):
        parse_value(field, raw)


@pytest.fixture
def corrected_store(store, tmp_path):
    fill_store(store, tmp_path, count=3)
    add_correction(store, EXPIRED_SHA[:8], "expiry_date", "2031-05-01", analyst="rina")
    parties = [{"name": "Universitas Dikoreksi", "role": "PIHAK KESATU"}, {"name": "Pemerintah Kota Contoh"}]
    add_correction(store, EXPIRED_SHA[:8], "parties", parties, analyst="rina")
    return store


def test_effective_records_of_the_store(corrected_store):
    records = {r["document"]["sha256"]: r for r in effective_records(corrected_store)}
    assert "EXPIRED" not in codes(records[EXPIRED_SHA])
    assert records[EXPIRED_SHA]["parties"][0]["value"]["name"] == "Universitas Dikoreksi"
    one = effective_record_of(corrected_store, EXPIRED_SHA)
    assert one == records[EXPIRED_SHA]
    assert effective_record_of(corrected_store, EXPIRED_SHA[:8]) is None  # a full SHA-256 only


def test_records_show_and_list_show_the_corrected_record(corrected_store, settings, monkeypatch):
    from flows.cli import app

    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    shown = runner.invoke(app, ["records", "show", EXPIRED_SHA[:6]])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.output)
    assert record["expiry_date"]["value"] == "2031-05-01"
    assert "EXPIRED" not in codes(record)
    assert record["corrections"]["expiry_date"]["machine_value"] == "2021-05-01"
    listed = runner.invoke(app, ["records", "list"])
    assert listed.exit_code == 0, listed.output
    line = next(line for line in listed.output.splitlines() if EXPIRED_SHA[:12] in line)
    assert "2031-05-01" in line and "EXPIRED" not in line and "2021-05-01" not in line


def test_report_and_exports_show_the_corrected_record(corrected_store, settings, tmp_path):
    html = write_report(corrected_store, settings, tmp_path / "r.html", sample_labels=None, crops=False)
    text = html.read_text(encoding="utf-8")
    expiry_section = text.split('<section id="masa-berlaku">')[1].split("</section>")[0]
    assert "mou-02.png" not in expiry_section  # before the correction it was listed as expired
    assert "Universitas Dikoreksi" in text and "2031-05-01" in text
    out = export_store(corrected_store, tmp_path / "k.xlsx", "xlsx", 0.6)[0]
    book = load_workbook(out)
    agreements = list(book["Agreements"].values)
    header, rows = agreements[0], agreements[1:]
    mine = next(r for r in rows if r[header.index("SHA-256")] == EXPIRED_SHA)
    assert str(mine[header.index("Expiry date")])[:10] == "2031-05-01"
    assert "EXPIRED" not in (mine[header.index("Flags")] or "")
    flags = [r for r in book["Flags"].values if r[1] == EXPIRED_SHA]
    assert all("EXPIRED" not in r for r in flags)
    names = [r[2] for r in book["Parties"].values if r[1] == EXPIRED_SHA]
    assert names == ["Universitas Dikoreksi", "Pemerintah Kota Contoh"]


def test_list_corrections_read_as_text_in_report_and_export(corrected_store, settings, tmp_path):
    html = write_report(corrected_store, settings, tmp_path / "r.html", sample_labels=None, crops=False)
    corrections = html.read_text(encoding="utf-8").split('<section id="koreksi">')[1].split("</section>")[0]
    assert "Universitas Dikoreksi (PIHAK KESATU); Pemerintah Kota Contoh" in corrections
    assert "{&#39;name&#39;" not in corrections and "[{" not in corrections
    book = load_workbook(export_store(corrected_store, tmp_path / "k.xlsx", "xlsx", 0.6)[0])
    rows = [r for r in book["Corrections"].values if r[1] == EXPIRED_SHA and r[2] == "parties"]
    assert rows and rows[0][4] == "Universitas Dikoreksi; Pemerintah Kota Contoh"
    assert rows[0][3] == "Universitas Contoh; Pemerintah Kota Contoh"  # the machine's list


def test_report_summary_counts_what_its_queue_lists(store, settings, tmp_path):
    fill_store(store, tmp_path, count=3)  # every document: signing_date and workplan under 0.6
    add_correction(store, "0101", "signing_date", "2022-04-27", analyst="rina")
    add_correction(store, "0101", "workplan", "mentioned", analyst="rina")  # document 1 fully reviewed
    text = write_report(store, settings, tmp_path / "r.html", sample_labels=None, crops=False).read_text()
    assert '<div class="num">2</div><div class="lbl">Dokumen perlu ditinjau (4 isian di antrean)' in text
    assert "Antrean tinjauan (4)" in text


def test_report_flag_messages_are_indonesian(store, settings, tmp_path):
    record = make_record(2, expiry="2021-05-01")
    record.flags[-1].message = "Expired on 2021-05-01."  # as the checks write it
    store.save(record)
    text = write_report(store, settings, tmp_path / "r.html", sample_labels=None, crops=False).read_text()
    assert "Berakhir pada 2021-05-01." in text and "Expired on" not in text


def test_corrected_doc_type_recomputes_missing_sections_from_page_text():
    from schemas.pages import Page

    text = "NOTA KESEPAHAMAN\nPasal 1\nRUANG LINGKUP\nPendidikan.\nPasal 2\nJANGKA WAKTU\nLima tahun.\n"
    pages = [Page(1, text, "text_layer", [], None)]
    record = make_record(1).to_json_dict()  # an MoU: no MISSING_SECTION stored
    as_pks = effective_record(record, [row("doc_type", "PKS")], today=TODAY, pages=lambda: pages)
    missing = sorted(f["message"] for f in as_pks["flags"] if f["code"] == "MISSING_SECTION")
    assert missing == [
        "No article on Hak dan Kewajiban (rights and obligations) was found.",
        "No article on Pembiayaan (costs) was found.",
    ]
    unloaded = effective_record(record, [row("doc_type", "PKS")], today=TODAY)  # no page text: kept as is
    assert "MISSING_SECTION" not in codes(unloaded)


def test_search_filters_read_corrected_parties_and_expiry(any_store, tmp_path):
    from pipeline.analyst.search import SearchFilters, search

    fill_store(any_store, tmp_path, count=3)
    add_correction(any_store, EXPIRED_SHA[:8], "parties", [{"name": "Mitra Baru Sejahtera"}], analyst="rina")

    def found(**filters) -> set[str]:
        hits = search(any_store, "universitas", SearchFilters(**filters), today=TODAY).hits
        return {hit.sha256[:2] for hit in hits}

    assert found() == {"01", "02", "03"}
    assert found(partner="mitra baru") == {"02"}  # only its corrected name has it
    assert found(partner="pemerintah kota") == {"01", "03"}  # its machine name no longer counts
    assert found(flag="EXPIRED") == {"02"}
    add_correction(any_store, EXPIRED_SHA[:8], "expiry_date", "2031-05-01", analyst="rina")
    assert found(flag="EXPIRED") == set()
    assert found(status="active") == {"01", "02", "03"}


def test_cli_review_set_takes_a_whole_list_as_json(store, settings, tmp_path, monkeypatch):
    from flows.cli import app

    fill_store(store, tmp_path, count=1)
    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    runner = CliRunner()
    parties = '[{"name": "Universitas Contoh", "role": "PIHAK KESATU"}, {"name": "PT Mitra"}]'
    set_ = runner.invoke(app, ["review", "set", "0101", "parties", parties, "--analyst", "sari"])
    assert set_.exit_code == 0, set_.output
    shown = json.loads(runner.invoke(app, ["records", "show", "0101"]).output)
    assert [p["value"]["name"] for p in shown["parties"]] == ["Universitas Contoh", "PT Mitra"]
    bad = runner.invoke(app, ["review", "set", "0101", "parties", "PT Mitra"])
    assert bad.exit_code == 2 and "not a JSON list" in bad.output
