"""Implementation reports (issue 13): doc_type 'report' from a title opening with its name, its parent
agreement, no agreement flags; a report is linked to the agreement it reports on (SQLite and PostgreSQL).

The texts are hand-written variants of the general shape of such reports, not taken from any real one."""

from __future__ import annotations

import datetime

import pytest

from extractors import extract_fields
from extractors.checks import compute_flags
from pipeline.store.links import links_of
from schemas.pages import Page
from schemas.record import DocumentInfo, ExtractedField, Record

PKS_NUMBER = "77/UNS/KS/IV/2023"
REPORT_ID = (
    "LAPORAN PELAKSANAAN KERJA SAMA\nPENGABDIAN MASYARAKAT DI DESA SUKAMAJU\nTAHUN 2024\n\n"
    "Laporan ini disusun berdasarkan Perjanjian Kerja Sama Nomor: 77/UNS/KS/IV/2023 antara Universitas "
    "Sentosa dan Dinas Pertanian Kota Makmur.\n\nBAB I\nPENDAHULUAN\nKegiatan dilaksanakan pada bulan "
    "Mei sampai Juli 2024 dengan 40 peserta.\n"
)
BERITA_ACARA = (
    "BERITA ACARA\nSERAH TERIMA HASIL KEGIATAN PELATIHAN\n\nPada hari ini Kamis tanggal 5 September 2024, "
    "kami yang bertanda tangan di bawah ini menyatakan bahwa pelatihan sesuai Nota Kesepahaman Nomor "
    "12/NK/DP/2022 telah selesai dilaksanakan.\n"
)
ACTIVITY_REPORT = (
    "ACTIVITY REPORT\nJOINT RESEARCH PROGRAMME 2024\n\nThis report describes the activities carried out "
    "under the Cooperation Agreement Number 88/NU-US/2023 between Northland University and Universitas "
    "Sentosa.\n"
)
PKS_WITH_REPORTING = (
    "PERJANJIAN KERJA SAMA\nANTARA\nUNIVERSITAS SENTOSA\nDAN\nDINAS PERTANIAN KOTA MAKMUR\n\n"
    "Nomor : 77/UNS/KS/IV/2023\n\nPada hari ini Senin tanggal 3 April 2023, yang bertanda tangan di bawah "
    "ini:\n\nPasal 5\nPELAPORAN\nLaporan kegiatan disampaikan oleh PIHAK KEDUA setiap tiga bulan.\n"
    "Laporan akhir diserahkan paling lambat satu bulan setelah kegiatan selesai.\n"
)


def _fields(text: str) -> dict:
    return extract_fields([Page(number=1, text=text, source="text_layer")])


@pytest.mark.parametrize(
    ("text", "parent"),
    [(REPORT_ID, PKS_NUMBER), (BERITA_ACARA, "12/NK/DP/2022"), (ACTIVITY_REPORT, "88/NU-US/2023")],
    ids=["laporan-pelaksanaan", "berita-acara", "activity-report"],
)
def test_a_report_title_gives_doc_type_report_and_the_agreement_it_reports_on(text, parent):
    fields = _fields(text)
    assert fields["doc_type"].value == "report"
    assert fields["parent_agreement"].value == parent


def test_reporting_lines_in_an_agreement_do_not_make_it_a_report():
    assert _fields(PKS_WITH_REPORTING)["doc_type"].value == "PKS"
    assert _fields("NOTA KESEPAHAMAN\nTENTANG\nPENYUSUNAN LAPORAN KEUANGAN\n")["doc_type"].value == "MoU"


def test_a_report_has_no_workplan_section_or_number_flags():
    pages = [Page(number=1, text=REPORT_ID, source="text_layer")]
    info = DocumentInfo(sha256="ab" * 32, filename="r.pdf", bytes=1, pages=1, text_source="text_layer",
                        pipeline_version="t")  # fmt: skip
    record = Record(document=info, **_fields(REPORT_ID))
    codes = {f.code for f in compute_flags(record, pages, today=datetime.date(2025, 1, 1))}
    assert not codes & {"NO_DETAILED_WORKPLAN", "MISSING_SECTION", "NUMBER_MISSING"}
    record.doc_type = ExtractedField[str](value="PKS", confidence=1.0)
    codes = {f.code for f in compute_flags(record, pages, today=datetime.date(2025, 1, 1))}
    assert "NO_DETAILED_WORKPLAN" in codes  # the same text typed as an agreement is flagged


def test_a_report_is_linked_to_the_agreement_it_reports_on(any_store):
    def record(n: int, text: str) -> tuple[Record, list[Page]]:
        pages = [Page(number=1, text=text, source="text_layer")]
        info = DocumentInfo(sha256=f"{n:02d}" * 32, filename=f"doc-{n}.pdf", bytes=1, pages=1,
                            text_source="text_layer", pipeline_version="t")  # fmt: skip
        return Record(document=info, **extract_fields(pages)), pages

    report, pks = record(1, REPORT_ID), record(2, PKS_WITH_REPORTING)
    any_store.save(*report)  # the report arrives first, its PKS later
    assert links_of(any_store, "01" * 32) == []
    any_store.save(*pks)
    (link,) = links_of(any_store, "02" * 32)
    assert (link.child_sha256, link.parent_sha256) == ("01" * 32, "02" * 32)
    assert link.method == "parent_agreement" and link.evidence["matched"] == PKS_NUMBER
