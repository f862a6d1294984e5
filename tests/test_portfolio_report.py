"""The portfolio in the HTML report and the Excel export (issue 13): trees per partner and year, the list
of agreements signed with no follow-up, counts by status, the Partners and Links sheets."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date, timedelta

from openpyxl import load_workbook

from pipeline.analyst.export import export_store
from pipeline.analyst.report import write_report
from pipeline.analyst.report.portfolio import portfolio_view
from tests.portfolio_docs import TODAY, save

OWN = "Kantor Wilayah Kementerian Hukum dan HAM Bengkulu"


def fill(store) -> None:
    save(store, 1, "MoU", [OWN, "Universitas Bengkulu"], "W7-HM.05.02-0101", signed=date(2022, 3, 1),
         expires=TODAY + timedelta(days=400))  # fmt: skip
    save(store, 2, "PKS", [OWN, "Fakultas Hukum Universitas Bengkulu"], "12/UN30/KS/2023",
         parent="W7-HM.05.02-0101", signed=date(2023, 5, 2), expires=TODAY + timedelta(days=30))  # fmt: skip
    save(store, 3, "report", [OWN, "University of Bengkulu"], "LAP/7/UN30/2024", parent="12/UN30/KS/2023",
         signed=date(2024, 1, 9))  # fmt: skip
    save(store, 4, "MoU", [OWN, "Universitas Bengkulu"], "W7-HM.05.02-0404", signed=date(2021, 6, 1),
         expires=TODAY - timedelta(days=5))  # fmt: skip
    save(store, 5, "MoU", [OWN, "Universitas Muhammadiyah Bengkulu"], "W7-HM.05.02-0505",
         signed=date(2024, 2, 1), expires=TODAY + timedelta(days=900))  # fmt: skip


def test_portfolio_view_trees_unfollowed_and_counts(store, settings):
    fill(store)
    view = portfolio_view(store, settings, TODAY)
    unib = next(p for p in view.partners if p.partner.name == "Universitas Bengkulu")
    assert [year for year, _ in unib.years] == ["2022", "2021"]  # roots by their signing year
    (root,) = unib.years[0][1]
    assert (root.item.doc_type, root.follow_up) == ("MoU", "followed-up")
    (pks,) = root.children
    assert pks.item.doc_type == "PKS" and [c.item.doc_type for c in pks.children] == ["report"]
    assert [(a.numbers, status) for a, _, status in view.unfollowed] == [
        (["W7-HM.05.02-0404"], "expired"),
        (["W7-HM.05.02-0505"], "active"),
    ]
    assert view.unfollowed[0][1] == [OWN, "Universitas Bengkulu"]
    assert view.status == {"active": 2, "expiring": 1, "expired": 1}
    assert view.follow_up == {"followed-up": 2, "no-follow-up": 2}
    assert view.links == 2


def test_report_shows_the_portfolio_and_the_export_its_sheets(store, settings, tmp_path):
    fill(store)
    page = write_report(store, settings, tmp_path / "r.html", sample_labels=None).read_text(encoding="utf-8")
    section = page[page.index('<section id="portofolio">') : page.index('<section id="dokumen">')]
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", section))
    assert "Ditandatangani tanpa tindak lanjut" in text and "Universitas Muhammadiyah Bengkulu" in text
    assert re.search(
        r"MoU · W7-HM\.05\.02-0101.*?<ul.*?PKS · 12/UN30/KS/2023.*?<ul.*?report · LAP/7", section, re.S
    )
    assert section.count('<details class="partner">') == 3
    assert "EXPIRED_WITHOUT_FOLLOW_UP" in section
    out = tmp_path / "k.xlsx"
    export_store(store, out, "xlsx")
    book = load_workbook(out)
    links = [[c.value for c in row] for row in book["Links"].iter_rows(min_row=2)]
    assert sorted((row[2], row[5]) for row in links) == [("PKS", "MoU"), ("report", "PKS")]
    partners = {row[0].value: [c.value for c in row] for row in book["Partners"].iter_rows(min_row=2)}
    assert partners["Universitas Bengkulu"][1:6] == [4, 2, 1, 0, 1]
    assert partners["Universitas Bengkulu"][6:10] == [1, 1, 1, 0]  # MoU/PKS by status: the report is none
