"""Issue 6: Excel workbook (readable headers, real dates, frozen header, filters), CSV and Parquet exports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook
from report_fixtures import fill_store, make_record

from pipeline.analyst.corrections import add_correction
from pipeline.analyst.export import PORTFOLIO_SHEETS, SHEETS, export_store


def test_workbook_sheets_headers_dates_freeze_and_filters(store, tmp_path):
    fill_store(store, tmp_path, count=3)
    add_correction(store, "0101", "signing_date", "2022-04-30", analyst="rina")
    out = tmp_path / "export" / "kerjasama.xlsx"
    assert export_store(store, out, "xlsx", threshold=0.6) == [out]
    book = load_workbook(out)
    assert book.sheetnames == [*SHEETS, *PORTFOLIO_SHEETS]
    for sheet in book.worksheets:  # issue 14: the file name first and frozen, each sheet an Excel table
        if sheet.title in PORTFOLIO_SHEETS:  # issue 13: a partner or a link per row, no file name first
            assert sheet.freeze_panes == "A2", sheet.title
            continue
        assert sheet.freeze_panes == "B2", sheet.title
        assert sheet["A1"].value == "File" and sheet["B1"].value == "SHA-256", sheet.title
        assert list(sheet.tables) == [f"T_{sheet.title}"], sheet.title
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
    agreements = book["Agreements"]
    headers = [cell.value for cell in agreements[1]]
    assert headers[:4] == ["File", "SHA-256", "Type", "Title"]
    column = headers.index("Signing date") + 1
    cells = [agreements.cell(row=row, column=column) for row in range(2, agreements.max_row + 1)]
    assert all(cell.is_date for cell in cells)
    by_file = {agreements.cell(row=c.row, column=1).value: c.value for c in cells}
    assert by_file["mou-01.png"].date() == dt.date(2022, 4, 30)  # the correction is applied
    assert by_file["mou-02.png"].date() == dt.date(2022, 4, 27)
    corrections = book["Corrections"]
    assert [c.value for c in corrections[1]][:5] == [
        "File",
        "SHA-256",
        "Field",
        "Machine value",
        "Corrected value",
    ]
    assert [c.value for c in corrections[2]][2:5] == ["signing_date", "2022-04-27", "2022-04-30"]
    corrected_at = corrections.cell(row=2, column=7)
    assert corrections.cell(row=1, column=7).value == "Corrected at"
    assert corrected_at.is_date and isinstance(corrected_at.value, dt.datetime)  # a real date-time
    assert abs(corrected_at.value - dt.datetime.now()) < dt.timedelta(minutes=5)  # local wall-clock time
    parties = book["Parties"]
    confidence = [c.value for c in parties[1]].index("Confidence") + 1
    assert parties.cell(row=2, column=confidence).number_format == "0%"
    assert parties.cell(row=2, column=confidence).value == 0.8
    review_fields = {row[2].value for row in book["Review"].iter_rows(min_row=2)}
    assert review_fields == {"signing_date", "workplan"}
    flags = {row[2].value for row in book["Flags"].iter_rows(min_row=2)}
    assert flags == {"NO_DETAILED_WORKPLAN", "EXPIRED", "NO_FOLLOW_UP", "EXPIRED_WITHOUT_FOLLOW_UP"}
    assert book["Parties"].max_row == 1 + 3 * 2
    partners = [[c.value for c in row] for row in book["Partners"].iter_rows()]
    assert partners[0][:3] == ["Partner", "Documents", "MoU"] and len(partners) > 1
    assert [c.value for c in book["Links"][1]][:3] == ["Child SHA-256", "Child file", "Child type"]
    status = headers.index("Status") + 1
    assert "expired" in {
        agreements.cell(row=r, column=status).value for r in range(2, agreements.max_row + 1)
    }


def test_csv_and_parquet_one_file_per_table(store, tmp_path):
    fill_store(store, tmp_path, count=2)
    add_correction(store, "0202", "workplan", "detailed", analyst="rina")
    csv_files = export_store(store, tmp_path / "out" / "kerjasama.csv", "csv")
    assert [p.name for p in csv_files][:2] == ["kerjasama.csv", "kerjasama-parties.csv"]
    assert csv_files[0].read_bytes().startswith(b"\xef\xbb\xbfFile,SHA-256,")  # a BOM for Excel
    agreements = pd.read_csv(csv_files[0], encoding="utf-8-sig")
    assert agreements.loc[agreements["File"] == "mou-02.png", "Workplan"].item() == "detailed"
    parties = csv_files[1].read_text(encoding="utf-8-sig").splitlines()
    assert parties[0].split(",")[:3] == ["File", "SHA-256", "Name"]
    assert parties[0].split(",")[4] == "Order"
    parquet_files = export_store(store, tmp_path / "out" / "kerjasama.parquet", "parquet")
    assert len(parquet_files) == len(SHEETS) + len(PORTFOLIO_SHEETS)
    frame = pd.read_parquet(parquet_files[0])
    assert isinstance(frame["signing_date"].iloc[0], dt.date)
    corrections = pd.read_parquet(tmp_path / "out" / "kerjasama-corrections.parquet")
    assert corrections[["field", "machine_value", "corrected_value"]].values.tolist() == [
        ["workplan", "mentioned", "detailed"]
    ]
    flags = pd.read_parquet(tmp_path / "out" / "kerjasama-flags.parquet")
    assert "NO_DETAILED_WORKPLAN" not in set(flags.loc[flags["filename"] == "mou-02.png", "code"])


def test_export_of_an_empty_store(store, tmp_path):
    out = tmp_path / "empty.xlsx"
    export_store(store, out, "xlsx")
    assert load_workbook(out).sheetnames == [*SHEETS, *PORTFOLIO_SHEETS]


def test_integers_stay_integers_with_gaps(store, tmp_path):
    from pipeline.analyst.export import tables

    records = [make_record(1).to_json_dict(), make_record(2).to_json_dict()]
    records[1]["duration"]["value"] = None  # no duration: a gap in the column
    records[0]["parties"][1]["value"]["order"] = None
    frames = tables(records)
    assert frames["Agreements"]["duration_months"].tolist()[0] == 60
    assert str(frames["Agreements"]["duration_months"].dtype) == "Int64"
    assert str(frames["Parties"]["order"].dtype) == "Int64"
    out = tmp_path / "gaps.csv"
    frames["Agreements"][["filename", "duration_months"]].to_csv(out, index=False)
    assert out.read_text().splitlines()[1:] == ["mou-01.png,60", "mou-02.png,"]


def test_indonesian_export(store, tmp_path):
    fill_store(store, tmp_path, count=2)
    out = export_store(store, tmp_path / "id.xlsx", "xlsx", 0.6, lang="id")[0]
    book = load_workbook(out)
    assert book.sheetnames == ["Perjanjian", "Para pihak", "Kewajiban", "Ruang lingkup", "Tanda", "Tinjauan",
                               "Koreksi", "Mitra", "Tautan"]  # fmt: skip
    header = [c.value for c in book["Perjanjian"][1]]
    assert header[:4] == ["Berkas", "SHA-256", "Jenis", "Judul"]
    workplan = header.index("Rencana kerja")
    assert {row[workplan] for row in list(book["Perjanjian"].values)[1:]} == {"disebutkan"}
    csv = export_store(store, tmp_path / "id.csv", "csv", lang="id")
    assert [p.name for p in csv][:2] == ["id.csv", "id-parties.csv"]  # file names stay, for scripts
    assert csv[0].read_text(encoding="utf-8-sig").startswith("Berkas,SHA-256,Jenis,")
    with pytest.raises(ValueError, match="use id or en"):
        export_store(store, tmp_path / "x.xlsx", "xlsx", lang="fr")


def test_indonesian_flag_messages_in_export(tmp_path):
    from pipeline.analyst.export import write_export

    record = make_record(2, expiry="2021-05-01").to_json_dict()
    record["flags"] = [
        {"code": "EXPIRED", "severity": "info", "message": "Expired on 2021-05-01.", "evidence": []}
    ]
    out = write_export([record], tmp_path / "k.xlsx", "xlsx", lang="id")[0]
    rows = list(load_workbook(out)["Tanda"].values)
    assert rows[0][:5] == ("Berkas", "SHA-256", "Kode", "Tingkat", "Pesan")
    assert rows[1][4] == "Berakhir pada 2021-05-01."
