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
        "LAMPIRAN\nJADWAL\nNo Kegiatan Bulan Bulan Bulan\nke-1 ke-2 ke-3\n1 Survei X X\n2 Pelatihan X\n",
        "LAMPIRAN\nJADWAL\nNo (Kegiatan ...\n1 Sosialisasi peraturan X X X\n2 Pertukaran data X X\n",
    ],
    ids=["rab-table", "month-columns", "schedule-a", "amount-rows", "wrapped-month-header", "mark-rows"],
)
def test_a_plan_table_in_an_annex_is_detailed(annex: str) -> None:
    assert level(BODY.format(clause="Kegiatan dilaksanakan sesuai lampiran.") + annex) == "detailed"


def test_an_annex_heading_after_ocr_noise_still_opens_the_annex() -> None:
    annex = (
        "ee LAMPIRAN |\nRENCANA KERJA\nNo | Kegiatan Waktu Penanggung J awab Anggaran Indikator\n"
        "1 Pelatihan guru Januari - Maret 2021 PIHAK KESATU Rp40.000.000 Jumlah peserta\n"
    )
    assert level(BODY.format(clause="Rencana kerja tercantum dalam Lampiran.") + annex) == "detailed"


@pytest.mark.parametrize(
    "table",
    [
        "No Kegiatan Waktu Penanggung Jawab Anggaran\n1 Survei lapangan Maret 2021 PIHAK KEDUA 5.000.000\n"
        "2 Lokakarya April 2021 PIHAK PERTAMA 7.500.000\n",
        "No. Activity Timeline Deliverables\n1. Joint survey Month 1-2 Survey report\n"
        "2. Workshop Month 3 Workshop report\n3. Publication Month 6 Article\n",
    ],
    ids=["id-budget-rows", "en-month-rows"],
)
def test_a_plan_table_in_the_body_is_detailed(table: str) -> None:
    assert level(BODY.format(clause="Kegiatan dilaksanakan sebagai berikut:\n" + table)) == "detailed"


def test_a_prose_line_naming_activities_and_costs_is_not_a_table() -> None:
    clause = (
        "Nilai tiap kegiatan dihitung dari volume kali harga satuan untuk setiap waktu pelaksanaan,\n"
        "sehingga hasilnya menjadi anggaran kegiatan.\n"
    )
    assert level(BODY.format(clause=clause)) != "detailed"


def test_an_annex_listing_people_is_not_a_plan() -> None:
    annex = "LAMPIRAN\nDAFTAR PESERTA\nNo Nama NIM Program Studi\n1 Budi 123 Teknik Sipil\n"
    assert level(BODY.format(clause="Peserta tercantum dalam lampiran.") + annex) != "detailed"


def test_a_sentence_in_a_recital_naming_a_programme_and_its_executor_is_not_a_table() -> None:
    annex = "Lampiran surat\nperihal Pelaksanaan Program Magang Mahasiswa oleh pelaksana kegiatan tahun ini\n"
    assert level(BODY.format(clause="Para pihak bekerja sama.") + annex) != "detailed"


PROMISES = {
    "disusun-kemudian": (
        "Program dan kegiatan pelaksanaan Nota Kesepahaman ini akan disusun kemudian oleh PARA PIHAK."
    ),
    "ditentukan-kemudian": "Rincian kegiatan akan ditentukan kemudian oleh PARA PIHAK.",
    "rencana-tahunan": "Kegiatan tahunan dituangkan dalam rencana kerja tahunan yang disepakati PARA PIHAK.",
    "sesuai-rab": "Pekerjaan dilaksanakan sesuai Rencana Anggaran Belanja (RAB) yang disetujui.",
    "sesuai-dengan-rincian-rab": "Pembayaran dilakukan sesuai dengan rincian RAB yang diajukan PIHAK KEDUA.",
    "agreed-later": (
        "The programme of activities will be agreed upon by the Parties later in a separate document."
    ),
    "is-to-create": "The Institute is to prepare a yearly timetable of the main outputs.",
    "rincian-disepakati": "Rincian kegiatan akan disepakati bersama oleh PARA PIHAK.",
    "program-program-ditentukan-bersama": (
        "Program-program bersama di bidang tersebut akan ditentukan oleh PARA PIHAK."
    ),
    "catch-all-program-lainnya": "Program tambahan lain akan ditetapkan kemudian oleh PARA PIHAK.",
    "jadwal-ke-pks": (
        "Jadwal pelaksanaan kegiatan akan diatur lebih lanjut dalam Perjanjian Kerja Sama tersendiri."
    ),
    "ditindaklanjuti-rencana": (
        "Nota Kesepahaman ini ditindaklanjuti dengan penyusunan rencana kerja oleh unit kerja."
    ),
    "kak-dituangkan": "Bentuk kegiatan tiap bidang dimuat dalam Kerangka Acuan Kerja yang disusun bersama.",
    "menyusun-program": "Kedua pihak bersama-sama menyusun program praktik kerja bagi mahasiswa.",
    "menetapkan-jadwal": "PIHAK PERTAMA menetapkan jadwal kegiatan bersama PIHAK KEDUA.",
    "ditentukan-atas-kesepakatan": "Kegiatan yang dilaksanakan ditentukan atas dasar kesepakatan PARA PIHAK.",
    "agreed-separately": (
        "The activities under this Memorandum shall be agreed upon separately by the Parties."
    ),
    "details-discussed": (
        "The details of each activity shall be discussed and agreed by the Parties in writing."
    ),
    "to-be-determined": "Joint projects are to be determined by mutual consent of both institutions.",
    "will-develop": "The two universities will develop joint programmes for their staff and students.",
    "subject-to-mutual": "The schedule of visits is subject to mutual written agreement of the Parties.",
    "work-plan-separate": (
        "Specific activities, timelines and budgets will be set out in a separate work plan."
    ),
    "plan-of-action-deadline": (
        "Rencana aksi dirumuskan bersama paling lambat tiga bulan sesudah naskah ini ditandatangani."
    ),
    "tercantum-dalam-rab": (
        "Biaya pekerjaan dengan rincian sebagaimana tercantum dalam Rencana Anggaran Belanja."
    ),
    "hyphen-at-line-end": "Rincian kegiatan akan dise-\npakati kemudian oleh PARA PIHAK.",
    "agree-to-develop": "The Parties agree to jointly develop exchange programmes for their students.",
    "sepakat-mengembangkan-program": "PARA PIHAK sepakat untuk mengembangkan program magang bersama.",
}


@pytest.mark.parametrize("clause", PROMISES.values(), ids=PROMISES.keys())
def test_a_promised_or_referenced_plan_is_mentioned(clause: str) -> None:
    assert level(BODY.format(clause=clause)) == "mentioned"


@pytest.mark.parametrize("sep", [" ", "\n", "\n\n"])
def test_a_promise_wrapped_over_lines_is_still_read(sep: str) -> None:
    clause = f"Rincian kegiatan,{sep}jadwal dan pelaksanaannya{sep}akan disepakati kemudian oleh PARA PIHAK."
    assert level(BODY.format(clause=clause)) == "mentioned"


def test_a_promise_in_a_list_item_after_an_abbreviation() -> None:
    clause = (
        "Lingkup:\na. seminar, pelatihan, dll. serta\nprogram kegiatan lain yang akan ditentukan kemudian."
    )
    assert level(BODY.format(clause=clause)) == "mentioned"


BARE = {
    "later-pks": "Pelaksanaan kerja sama diatur dalam Perjanjian Kerja Sama tersendiri.",
    "contract-schedule": ("Pekerjaan harus rampung menurut jadwal pekerjaan yang tertera dalam Kontrak."),
    "pelaksanaan-akan-diatur-pks": (
        "Pelaksanaan lebih lanjut Nota Kesepahaman ini akan diatur dalam Perjanjian Kerja Sama."
    ),
    "setiap-kegiatan-pks": (
        "Tiap kegiatan yang telah disetujui akan dijabarkan lebih lanjut dalam PKS untuk tiap bidang."
    ),
    "program-lain-dalam-pks": (
        "Program lainnya yang akan disepakati PARA PIHAK dituangkan dalam sebuah perjanjian kerja sama."
    ),
    "teknis-operasional": (
        "Ketentuan teknis pelaksanaan kegiatan akan ditetapkan kemudian melalui perjanjian terpisah."
    ),
    "catch-all": (
        "Segala sesuatu yang belum tercantum dalam naskah ini, termasuk kegiatan tambahan, akan disepakati "
        "kemudian oleh PARA PIHAK."
    ),
    "rights-per-kind": (
        "Hak dan kewajiban tiap pihak akan dibahas kemudian menurut bentuk kegiatan yang dijalankan."
    ),
    "number-of-participants": (
        "PIHAK KEDUA berhak menetapkan kuota akhir peserta program yang diterimanya setiap tahun."
    ),
    "implementing-arrangements": "Specific activities may be set out in separate implementing arrangements.",
    "implementing-agreement": "Each activity shall be the subject of a separate implementing agreement.",
    "subject-to-separate-agreement": "Each programme shall be subject to a separate written agreement.",
    "guidelines": "Technical matters of implementation shall follow the guidelines of each Party.",
    "report-later": (
        "PIHAK KEDUA menyampaikan laporan kegiatan paling lambat 14 hari setelah kegiatan selesai."
    ),
    "submit-report": (
        "The Parties shall submit a report of the activities no later than one month after each activity."
    ),
    "costs": "Biaya kegiatan akan diatur dalam perjanjian tersendiri sesuai kemampuan PARA PIHAK.",
    "scope-develop": "Ruang lingkup meliputi pengembangan program studi dan penelitian bersama.",
    "agree-to-cooperate": "PARA PIHAK sepakat untuk mengembangkan kerja sama di bidang pendidikan.",
    "as-set-out-in-article": (
        "The activities shall be carried out as set out in Article 2 of this Memorandum."
    ),
}


@pytest.mark.parametrize("clause", BARE.values(), ids=BARE.keys())
def test_a_later_agreement_a_catch_all_or_a_contract_schedule_is_none(clause: str) -> None:
    assert level(BODY.format(clause=clause)) == "none"


STAGED = {
    "semesters-numbered": (
        "The programme runs as follows:\n"
        "1. Semester 1-6: students complete the courses of the first degree at University A (120 credits).\n"
        "2. Semester 7-8: students take courses and an internship at University B, supervised by both.\n"
        "3. Semester 9-10: students write the master thesis at University B.\n"
    ),
    "years-en": (
        "Year 1: joint survey of the study sites and training of field staff by the First Party.\n"
        "Year 2: data collection and analysis by both Parties; a workshop in month 18.\n"
        "Year 3: final report and two joint publications.\n"
    ),
    "tahun-ordinal": (
        "Luaran kegiatan adalah:\nTahun Pertama:\n1) Laporan hasil survei;\n2) Satu publikasi ilmiah.\n"
        "Tahun Kedua:\n1) Buku panduan;\n2) Laporan akhir kegiatan.\n"
    ),
    "tahap-with-months": (
        "a. Tahap I (bulan ke-1 sampai ke-2): survei lapangan dan pengumpulan data oleh PIHAK KEDUA;\n"
        "b. Tahap II (bulan ke-3 sampai ke-4): analisis data dan FGD bersama PIHAK PERTAMA;\n"
        "c. Tahap III (bulan ke-5): penyusunan laporan akhir dan seminar hasil.\n"
    ),
    "first-three-final-two": (
        "1. The first three (3) years: students study at University A and complete 100 credits.\n"
        "2. The final two (2) years: students study at University B and write the master thesis.\n"
    ),
    "tilde-range": (
        "Year 1~3: courses of the bachelor programme at the home university\n"
        "Year 4~5: master courses and thesis at the partner university\n"
    ),
    "stage-after-words-of-an-item": (
        "(1) Students take courses in Semester 1-6 at University A;\n"
        "(2) Students join an internship in Semester 7 at University B;\n"
        "(3) Students complete the thesis in Semester 8.\n"
    ),
    "stage-one-two": (
        "Stage One (months 1-3): survey of the villages and training of the field team.\n"
        "Stage Two (months 4-6): pilot implementation and the final report.\n"
    ),
    "ocr-bullets": (
        "e Year 1: joint courses and student exchange at University A\n"
        "e Year 2: joint research and publication at University B\n"
    ),
    "ordinal-ranges": (
        "1. During the 1st to 3rd years students study at University A.\n"
        "2. In the 4th and 5th years students take master courses at University B.\n"
    ),
    "count-then-ordinal-id": (
        "1. Dua (2) tahun pertama: perkuliahan di Universitas A, dilaksanakan oleh PIHAK PERTAMA;\n"
        "2. Tahun terakhir: penyusunan tesis di Universitas B, dilaksanakan oleh PIHAK KEDUA.\n"
    ),
    "ordinal-first": (
        "First year: students attend courses at the home university.\n"
        "Second year: students attend courses and complete an internship at the host university.\n"
    ),
}


@pytest.mark.parametrize("plan", STAGED.values(), ids=STAGED.keys())
def test_a_staged_programme_with_activities_per_stage_is_detailed(plan: str) -> None:
    assert level(BODY.format(clause="Pelaksanaan kegiatan:\n" + plan)) == "detailed"


def test_a_staged_programme_in_an_annex_after_a_promise_is_detailed() -> None:
    clause = "Rincian kegiatan akan disepakati kemudian oleh PARA PIHAK."
    annex = "LAMPIRAN\nPROGRAM\n" + STAGED["years-en"]
    assert level(BODY.format(clause=clause) + annex) == "detailed"


NOT_STAGED = {
    "payment-instalments": (
        "a. Tahap I sebesar 30% (tiga puluh persen) dibayarkan setelah laporan pendahuluan diterima;\n"
        "b. Tahap II sebesar 70% (tujuh puluh persen) dibayarkan setelah laporan akhir diterima.\n"
    ),
    "phases-without-time": (
        "1. Phase 1: the Parties exchange information on research interests.\n"
        "2. Phase 2: the Parties explore joint research activities.\n"
    ),
    "date-and-legal-basis": (
        "Pada hari ini Senin tanggal satu bulan Maret\ntahun dua ribu dua puluh satu, di Bengkulu.\n"
        "Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial;\n"
        "Tahun 2014 tentang Kerja Sama Perguruan Tinggi.\n"
    ),
    "one-stage": "Semester 1: mahasiswa mengikuti perkuliahan di PIHAK KEDUA.\n",
    "out-of-order": ("Year 3: the final report.\nYear 1: the survey of study sites.\n"),
}


@pytest.mark.parametrize("text", NOT_STAGED.values(), ids=NOT_STAGED.keys())
def test_payment_instalments_dates_and_loose_stages_are_not_a_staged_programme(text: str) -> None:
    assert level(BODY.format(clause="Para pihak bekerja sama.\n" + text)) != "detailed"


def _field(text: str):  # noqa: ANN202 - the ExtractedField of the workplan
    doc = build_doctext([Page(number=1, text=text, source="text_layer")])
    return extract_workplan(doc, segment(doc.text))


def test_a_named_plan_is_surer_than_activities_to_be_agreed() -> None:
    named = _field(BODY.format(clause=PROMISES["rincian-disepakati"]))
    generic = _field(BODY.format(clause=PROMISES["agreed-separately"]))
    assert named.value == generic.value == "mentioned"
    assert named.confidence > generic.confidence
