"""Workplan level: a plan table in an annex is detailed; a promised or referenced plan is mentioned."""

from __future__ import annotations

import pytest

from extractors.normalise import build_doctext
from extractors.segment import segment
from extractors.workplan import extract_workplan
from schemas.pages import Page

BODY = (
    "NOTA KESEPAHAMAN\nANTARA\nUNIVERSITAS CONTOH\nDAN\nDINAS CONTOH\n"
    "Pasal 1\nRUANG LINGKUP\nRuang lingkup meliputi pendidikan dan penelitian.\n"
    "Pasal 2\nPELAKSANAAN\n{clause}\n"
    "Pasal 3\nPENUTUP\nNota Kesepahaman ini dibuat dalam rangkap dua.\n"
)


def level(text: str) -> str | None:
    doc = build_doctext([Page(number=1, text=text, source="text_layer")])
    return extract_workplan(doc, segment(doc.text)).value


@pytest.mark.parametrize(
    "annex",
    [
        "LAMPIRAN\nRENCANA ANGGARAN BIAYA\nNo Uraian Kegiatan Volume Satuan Harga Satuan (Rp) Jumlah (Rp)\n"
        "1 Rapat koordinasi 2 kali 1.500.000 3.000.000\n",
        "LAMPIRAN\nJADWAL\nNo Kegiatan Bulan ke-1 Bulan ke-2 Bulan ke-3\n1 Survei lapangan x x\n",
        "SCHEDULE A\nActivity Timeline Deliverables Responsible party\n"
        "1 Joint workshop Month 3 Report Both\n",
        "ANNEX 1\nBUDGET\nStaff exchange 12.500.000\nWorkshop 8.000.000\nPublication 4.250.000\n",
    ],
    ids=["rab-table", "month-columns", "schedule-a", "amount-rows"],
)
def test_a_plan_table_in_an_annex_is_detailed(annex: str) -> None:
    assert level(BODY.format(clause="Kegiatan dilaksanakan sesuai lampiran.") + annex) == "detailed"


def test_an_annex_listing_people_is_not_a_plan() -> None:
    annex = "LAMPIRAN\nDAFTAR PESERTA\nNo Nama NIM Program Studi\n1 Budi 123 Teknik Sipil\n"
    assert level(BODY.format(clause="Peserta tercantum dalam lampiran.") + annex) != "detailed"


def test_a_sentence_in_a_recital_naming_a_programme_and_its_executor_is_not_a_table() -> None:
    annex = "Lampiran surat\nperihal Pelaksanaan Program Magang Mahasiswa oleh pelaksana kegiatan tahun ini\n"
    assert level(BODY.format(clause="Para pihak bekerja sama.") + annex) != "detailed"


@pytest.mark.parametrize(
    "clause",
    [
        "Program dan kegiatan pelaksanaan Nota Kesepahaman ini akan disusun kemudian oleh PARA PIHAK.",
        "Rincian kegiatan akan ditentukan kemudian oleh PARA PIHAK.",
        "Kegiatan tahunan dituangkan dalam rencana kerja tahunan yang disepakati PARA PIHAK.",
        "Pekerjaan dilaksanakan sesuai Rencana Anggaran Belanja (RAB) yang disetujui.",
        "The programme of activities will be agreed upon by the Parties later in a separate document.",
        "The Foundation is to create an annual schedule of the key deliverables.",
    ],
    ids=[
        "disusun-kemudian",
        "ditentukan-kemudian",
        "rencana-tahunan",
        "sesuai-rab",
        "agreed-later",
        "is-to-create",
    ],
)
def test_a_promised_or_referenced_plan_is_mentioned(clause: str) -> None:
    assert level(BODY.format(clause=clause)) == "mentioned"


@pytest.mark.parametrize(
    "clause",
    [
        "Pelaksanaan kerja sama diatur dalam Perjanjian Kerja Sama tersendiri.",
        "Pekerjaan diselesaikan sesuai dengan jadwal pelaksanaan pekerjaan yang ditetapkan dalam Kontrak.",
    ],
    ids=["later-pks", "contract-schedule"],
)
def test_a_later_agreement_or_a_contract_schedule_is_none(clause: str) -> None:
    assert level(BODY.format(clause=clause)) == "none"
