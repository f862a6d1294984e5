"""Issue 6: Excel workbook (readable headers, real dates, frozen header, filters), CSV and Parquet exports."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from openpyxl import load_workbook
from report_fixtures import fill_store

from pipeline.corrections import add_correction
from pipeline.export import PORTFOLIO_SHEETS, SHEETS, export_store


def test_workbook_sheets_headers_dates_freeze_and_filters(store, tmp_path):
    fill_store(store, tmp_path, count=3)
    add_correction(store, "0101", "signing_date", "2022-04-30", analyst="rina")
    out = tmp_path / "export" / "kerjasama.xlsx"
    assert export_store(store, out, "xlsx", threshold=0.6) == [out]
    book = load_workbook(out)
    assert book.sheetnames == [*SHEETS, *PORTFOLIO_SHEETS]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref, sheet.title
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
    agreements = book["Agreements"]
    headers = [cell.value for cell in agreements[1]]
    assert headers[:4] == ["SHA-256", "File", "Type", "Title"]
    column = headers.index("Signing date") + 1
    cells = [agreements.cell(row=row, column=column) for row in range(2, agreements.max_row + 1)]
    assert all(cell.is_date for cell in cells)
    by_file = {agreements.cell(row=c.row, column=2).value: c.value for c in cells}
    assert by_file["mou-01.png"].date() == dt.date(2022, 4, 30)  # the correction is applied
    assert by_file["mou-02.png"].date() == dt.date(2022, 4, 27)
    corrections = book["Corrections"]
    assert [c.value for c in corrections[1]][:5] == [
        "SHA-256",
        "File",
        "Field",
        "Machine value",
        "Corrected value",
    ]
    assert [c.value for c in corrections[2]][2:5] == ["signing_date", "2022-04-27", "2022-04-30"]
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
    agreements = pd.read_csv(csv_files[0])
    assert agreements.loc[agreements["File"] == "mou-02.png", "Workplan"].item() == "detailed"
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
