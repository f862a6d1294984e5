"""Status and follow-up flags per agreement (issue 13): NO_FOLLOW_UP, EXPIRED_WITHOUT_FOLLOW_UP, remade on
save, on an analyst's link, on a correction and nightly; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline import nightly
from pipeline.analyst.corrections import add_correction
from pipeline.settings import Settings
from pipeline.store.links import set_link
from pipeline.store.portfolio import add_months, agreements, follow_up_state
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Flag, Record

TODAY = date.today()
MOU_NUMBER = "W11-HM.05.02-1688"
MOU2_NUMBER = "W11-HM.05.02-2020"


def sha(n: int) -> str:
    return f"{n:02d}" * 32


def record(n: int, doc_type: str, number: str, *, parent: str | None = None, signed: date | None = None,
           expires: date | None = None) -> tuple[Record, list[Page]]:  # fmt: skip
    info = DocumentInfo(sha256=sha(n), filename=f"{doc_type.lower()}-{n}.pdf", bytes=1, pages=1,
                        text_source="ocr", pipeline_version="0.1.0")  # fmt: skip
    made = Record(
        document=info,
        doc_type=ExtractedField[str](value=doc_type, confidence=0.9),
        numbers=[ExtractedField[str](value=number, confidence=0.9)],
        parent_agreement=ExtractedField[str](value=parent, confidence=0.8 if parent else 0.0),
        signing_date=ExtractedField[str](value=signed.isoformat() if signed else None, confidence=0.9),
        expiry_date=ExtractedField[str](value=expires.isoformat() if expires else None, confidence=0.9),
        flags=[Flag(code="NO_DETAILED_WORKPLAN", severity="warning", message="none")],
    )
    return made, [Page(1, "Isi.", "ocr", [], 0.9)]


def codes(store, n: int) -> set[str]:
    row = store.find_record(sha(n))
    assert set(row.flag_codes.split()) == {f["code"] for f in row.record["flags"]}  # column and JSON agree
    return set(row.flag_codes.split())


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 15), 14) == date(2025, 1, 15)


def test_an_mou_without_follow_up_is_flagged_until_its_pks_arrives(any_store):
    old = TODAY - timedelta(days=800)
    any_store.save(*record(1, "MoU", MOU_NUMBER, signed=old, expires=TODAY + timedelta(days=300)))
    assert codes(any_store, 1) == {"NO_DETAILED_WORKPLAN", "NO_FOLLOW_UP"}
    any_store.save(*record(2, "PKS", "180/442/PKS/II/2019", parent=MOU_NUMBER, signed=old))
    assert codes(any_store, 1) == {"NO_DETAILED_WORKPLAN"}  # the child's save remade its parent's flags
    assert "NO_FOLLOW_UP" not in codes(any_store, 2)  # only MoUs wait for a follow-up


def test_a_recent_mou_is_not_flagged_before_the_configured_months(any_store):
    any_store.save(*record(1, "MoU", MOU_NUMBER, signed=TODAY - timedelta(days=120)))
    assert "NO_FOLLOW_UP" not in codes(any_store, 1)
    any_store.follow_up_months = 3
    any_store.save(*record(1, "MoU", MOU_NUMBER, signed=TODAY - timedelta(days=120)))
    assert "NO_FOLLOW_UP" in codes(any_store, 1)


def test_expired_without_follow_up_and_a_report_that_ends_it(any_store):
    signed, expired = TODAY - timedelta(days=1500), TODAY - timedelta(days=30)
    any_store.save(*record(1, "PKS", MOU_NUMBER, signed=signed, expires=expired))
    assert codes(any_store, 1) == {"NO_DETAILED_WORKPLAN", "EXPIRED_WITHOUT_FOLLOW_UP"}
    any_store.save(*record(3, "report", "LAP/77/UNS/2024", parent=MOU_NUMBER))
    assert codes(any_store, 1) == {"NO_DETAILED_WORKPLAN"}
    found = agreements(any_store, TODAY)
    assert found[sha(1)].status == "expired" and found[sha(1)].children == [sha(3)]
    assert follow_up_state(found[sha(1)], found) == "followed-up"
    assert follow_up_state(found[sha(3)], found) is None


def test_an_analysts_rejected_link_brings_the_flag_back_and_a_set_link_ends_it(any_store):
    old = TODAY - timedelta(days=800)
    any_store.save(*record(1, "MoU", MOU_NUMBER, signed=old))
    any_store.save(*record(2, "PKS", "180/442/PKS/II/2019", parent=MOU_NUMBER, signed=old))
    assert "NO_FOLLOW_UP" not in codes(any_store, 1)
    set_link(any_store, sha(2), sha(1), analyst="ana", keep=False)
    assert "NO_FOLLOW_UP" in codes(any_store, 1)
    found = agreements(any_store, TODAY)
    assert found[sha(1)].children == [] and follow_up_state(found[sha(1)], found) == "no-follow-up"
    any_store.save(*record(4, "MoU", MOU2_NUMBER, signed=old))
    assert "NO_FOLLOW_UP" in codes(any_store, 4)
    set_link(any_store, sha(2), sha(4), analyst="ana")
    assert "NO_FOLLOW_UP" not in codes(any_store, 4)


def test_a_saved_correction_remakes_the_flags(any_store):
    any_store.save(*record(1, "PKS", MOU_NUMBER, signed=TODAY - timedelta(days=800)))
    assert "NO_FOLLOW_UP" not in codes(any_store, 1)
    add_correction(any_store, sha(1)[:8], "doc_type", "MoU", analyst="ana")
    assert "NO_FOLLOW_UP" in codes(any_store, 1)
    add_correction(any_store, sha(1)[:8], "signing_date", TODAY.isoformat(), analyst="ana")
    assert "NO_FOLLOW_UP" not in codes(any_store, 1)


def test_a_corrected_parent_links_the_document_and_follows_up_its_mou(any_store):
    old = TODAY - timedelta(days=800)
    any_store.save(*record(1, "MoU", MOU_NUMBER, signed=old))
    any_store.save(*record(2, "PKS", "180/442/PKS/II/2019", signed=old))
    assert "NO_FOLLOW_UP" in codes(any_store, 1)
    add_correction(any_store, sha(2)[:8], "parent_agreement", MOU_NUMBER, analyst="ana")
    assert "NO_FOLLOW_UP" not in codes(any_store, 1)


@pytest.mark.parametrize("months", [12, 36])
def test_nightly_refresh_keeps_and_moves_the_follow_up_flags(any_store, tmp_path, months):
    any_store.save(*record(1, "MoU", MOU_NUMBER, signed=TODAY - timedelta(days=800)))
    settings = Settings(home=tmp_path, follow_up_months=months)
    summary = nightly.refresh_flags(any_store, settings, TODAY)
    assert ("NO_FOLLOW_UP" in codes(any_store, 1)) is (months == 12)
    assert summary["flags_changed"] == (0 if months == 12 else 1)
    nightly.refresh_flags(any_store, settings, TODAY + timedelta(days=3 * 365))  # time passes
    assert "NO_FOLLOW_UP" in codes(any_store, 1)


def test_search_and_list_filters_by_partner_and_follow_up_on_either_engine(any_store):
    from pipeline.analyst.search import SearchFilters, search
    from pipeline.store.partners import partner_documents
    from pipeline.store.portfolio import ListFilters, select_agreements
    from tests.portfolio_docs import save

    save(any_store, 1, "MoU", ["Universitas Bengkulu"], "W7-HM.05.02-0101", text="Isi kerja sama.")
    save(any_store, 2, "PKS", ["Fakultas Hukum University of Bengkulu"], "12/UN30/KS/2024",
         parent="W7-HM.05.02-0101", text="Isi kerja sama.")  # fmt: skip
    save(
        any_store, 3, "MoU", ["Universitas Muhammadiyah Bengkulu"], "W7-HM.05.02-0999", text="Isi kerja sama."
    )

    def hits(**filters) -> set[int]:
        return {int(h.sha256[:2]) for h in search(any_store, "kerja", SearchFilters(**filters)).hits}

    assert hits(partner="universitas bengkulu") == {1, 2}
    assert hits(status="no-follow-up") == {2, 3}  # the PKS has no report or addendum either
    assert hits(status="followed-up") == {1}
    found = agreements(any_store, TODAY)
    shas = frozenset(partner_documents(any_store, "muhammadiyah"))
    assert [a.sha256[:2] for a in select_agreements(found, ListFilters(partner_documents=shas))] == ["03"]
    chosen = select_agreements(found, ListFilters(flag="NO_FOLLOW_UP", status="no-follow-up"))
    assert [a.sha256[:2] for a in chosen] == ["03"]
