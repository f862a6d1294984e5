"""Field extractors on short Indonesian and English snippets (no OCR)."""

from __future__ import annotations

import pytest

from extractors import extract_fields
from schemas.pages import Page

MOU_ID = """NOTA KESEPAHAMAN
ANTARA
UNTVERSITAS MAJU JAYA
DAN
PT SARANA DATA NUSANTARA
TENTANG
KERJA SAMA PENDIDIKAN DAN PENELITIAN

Nomor : 1234 /UN99/KS/2022
Nomor : 045/SDN/III/2022

Pada hari ini Senin, tanggal Dua Puluh Delapan bulan Maret tahun Dua Ribu Dua Puluh Dua
bertempat di Yogyakarta, yang bertanda tangan di bawah ini:

1. Prof. Dr. Ahmad Santoso, S.E., M.Sc., Rektor Universitas Maju Jaya, dalam hal ini bertindak
untuk dan atas nama Universitas Maju Jaya, selanjutnya disebut PIIIAK KESATU.
2. Ir. Dewi Lestari, M.M., selaku Direktur Utama PT Sarana Data Nusantara, dalam hal ini bertindak
untuk dan atas nama PT Sarana Data Nusantara, selanjutnya disebut PIHAK KEDUA.

PIHAK KESATU dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.

Pasa1 1
RUANG LINGKUP

Ruang lingkup Nota Kesepahaman ini meliputi:
a. Pendidikan dan pelatihan;
b. Penelitian bersama;
c. Kegiatan lain yang disepakati PARA PIHAK.

Pasal 2
PEMBIAYAAN

Segala biaya yang timbul dibebankan kepada PARA PIHAK sesuai kemampuan masing-masing.

Pasal 3
JANGKA WAKTU

Nota Kesepahaman ini berlaku untuk jangka waktu 3 (tiga) tahun terhitung sejak tanggal ditandatangani.

Pasal 4
PENUTUP

Nota Kesepahaman ini dibuat dalam rangkap 2 (dua) asli.
"""

MOA_EN = """MEMORANDUM OF AGREEMENT
BETWEEN
NORTHERN STATE UNIVERSITY
AND
SOUTHERN INSTITUTE OF TECHNOLOGY

This Memorandum of Agreement is made and entered on 5 June 2023 by and between:

1. Northern State University, represented by Dr. John Smith in his capacity as Rector, acting for and on
behalf of Northern State University, hereinafter referred to as the "FIRST PARTY".
2. Southern Institute of Technology, represented by Mary Jones in her capacity as President, acting for and
on behalf of Southern Institute of Technology, hereinafter referred to as the "SECOND PARTY".

Article 1
Scope of Cooperation
The cooperation includes:
1. Student exchange;
2. Joint research.

Article 2
Term
This Agreement shall be valid for a period of 2 (two) years from the date of signing until 4 June 2025.

Article 3
Workplan
The Parties will develop a plan of action within three months after signing.
"""


def _fields(text: str) -> dict:
    return extract_fields([Page(number=1, text=text, source="text_layer")])


@pytest.fixture(scope="module")
def mou() -> dict:
    return _fields(MOU_ID)


@pytest.fixture(scope="module")
def moa() -> dict:
    return _fields(MOA_EN)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("doc_type", "MoU"),
        ("language", "id"),
        ("signing_date", "2022-03-28"),
        ("signing_place", "Yogyakarta"),
        ("effective_date", "2022-03-28"),
        ("expiry_date", "2025-03-28"),
        ("workplan", "none"),
    ],
)
def test_indonesian_mou_scalars(mou: dict, key: str, expected: str) -> None:
    assert mou[key].value == expected


def test_indonesian_mou_title_numbers_and_term(mou: dict) -> None:
    assert mou["title"].value.startswith("NOTA KESEPAHAMAN ANTARA UNIVERSITAS MAJU JAYA DAN PT SARANA")
    assert [n.value for n in mou["numbers"]] == ["1234/UN99/KS/2022", "045/SDN/III/2022"]
    assert mou["duration"].value.months == 36
    assert mou["duration"].value.text == "3 (tiga) tahun"


def test_indonesian_mou_parties(mou: dict) -> None:
    first, second = (p.value for p in mou["parties"])
    assert (first.name, first.role, first.order) == ("Universitas Maju Jaya", "PIHAK KESATU", 1)
    assert first.representative == "Ahmad Santoso"
    assert first.position.startswith("Rektor Universitas Maju Jaya")
    assert (second.role, second.representative) == ("PIHAK KEDUA", "Dewi Lestari")
    assert second.position.startswith("Direktur Utama")


def test_indonesian_mou_scope_and_costs(mou: dict) -> None:
    assert [s.value for s in mou["scope"]] == [
        "Pendidikan dan pelatihan",
        "Penelitian bersama",
        "Kegiatan lain yang disepakati PARA PIHAK",
    ]
    costs = [o.value for o in mou["obligations"] if "dibebankan" in o.value.text]
    assert costs and costs[0].party == "PARA PIHAK"


def test_evidence_points_into_the_page(mou: dict) -> None:
    for field in [mou["title"], mou["signing_date"], *mou["numbers"], *mou["parties"]]:
        for ev in field.evidence:
            assert MOU_ID[ev.start : ev.end] == ev.text
        assert 0.0 < field.confidence <= 1.0


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("doc_type", "PKS"),
        ("language", "en"),
        ("signing_date", "2023-06-05"),
        ("effective_date", "2023-06-05"),
        ("expiry_date", "2025-06-04"),
        ("workplan", "mentioned"),
    ],
)
def test_english_moa_scalars(moa: dict, key: str, expected: str) -> None:
    assert moa[key].value == expected


def test_english_moa_parties_and_scope(moa: dict) -> None:
    parties = [p.value for p in moa["parties"]]
    assert [p.role for p in parties] == ["FIRST PARTY", "SECOND PARTY"]
    assert [p.order for p in parties] == [1, 2]
    assert parties[0].representative == "John Smith"
    assert parties[1].position == "President"
    assert [s.value for s in moa["scope"]] == ["Student exchange", "Joint research"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PERJANJIAN KERJA SAMA\nANTARA\nBADAN X\nDAN\nUNIVERSITAS Y", "PKS"),
        ("LETTER OF INTENT\nBETWEEN\nUNIVERSITY A\nAND\nUNIVERSITY B", "other"),
        ("KONTRAK SWAKELOLA\nPEKERJAAN PENDAMPINGAN", "other"),
        ("KESEPAHAMAN BERSAMA\nANTARA\nKEMENTERIAN A\nDENGAN\nUNIVERSITAS B", "MoU"),
        ("ADDENDUM\nPERJANJIAN KERJA SAMA\nANTARA\nA\nDAN\nB", "addendum"),
        ("CORPORATE SALES AGREEMENT\nBY AND BETWEEN\nPT A\nAND\nUNIVERSITY B", "PKS"),
    ],
)
def test_doc_type_from_title(title: str, expected: str) -> None:
    assert _fields(title + "\n\nPada hari ini Senin tanggal 1 Maret 2021.")["doc_type"].value == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Ruang lingkup Nota Kesepahaman ini adalah penyiaran, publikasi dan informasi, pendidikan, "
            "dan penelitian.",
            ["penyiaran", "publikasi dan informasi", "pendidikan", "penelitian"],
        ),
        (
            "Ruang lingkup meliputi:\nPengembangan sumber daya manusia;\nPengembangan teknologi\ninformasi;\n"
            "Penelitian bersama.",
            ["Pengembangan sumber daya manusia", "Pengembangan teknologi informasi", "Penelitian bersama"],
        ),
    ],
)
def test_scope_sentence_and_detached_markers(body: str, expected: list[str]) -> None:
    text = f"NOTA KESEPAHAMAN\n\nPasal 1\nRUANG LINGKUP\n\n{body}\n\nPasal 2\nPENUTUP\nSelesai."
    assert [s.value for s in _fields(text)["scope"]] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Nota Kesepahaman ini dimaksudkan sebagai dasar pelaksanaan rencana kerja sama antara PIHAK.",
            "none",
        ),
        ("Pelaksanaan lebih lanjut akan diatur dalam Perjanjian Kerja Sama tersendiri.", "none"),
        (
            "PARA PIHAK menyusun rencana aksi (Plan of Action) yang akan disusun selambat-lambatnya 2 bulan.",
            "mentioned",
        ),
        (
            "PIHAK PERTAMA wajib menyusun Kerangka Acuan Kerja (KAK) dan Rencana Anggaran Biaya (RAB).",
            "mentioned",
        ),
        ("Both institutions will develop programs and activities of cooperation.", "mentioned"),
    ],
)
def test_workplan_levels_and_traps(sentence: str, expected: str) -> None:
    text = f"NOTA KESEPAHAMAN TENTANG RENCANA KERJA SAMA\n\nPasal 1\nPELAKSANAAN\n{sentence}\n"
    assert _fields(text)["workplan"].value == expected


def test_workplan_detailed_with_outputs_budget_and_stages() -> None:
    rows = "\n".join(f"{i}. Kegiatan {i} 1 paket {i}.500.000 {i}.000.000" for i in range(1, 8))
    text = (
        "PERJANJIAN\n\nPasal 1\nLUARAN\nLuaran kegiatan Tahun Pertama dan Tahun Kedua.\n\n"
        f"LAMPIRAN\nRencana Anggaran Biaya\n{rows}\n"
    )
    assert _fields(text)["workplan"].value == "detailed"


def test_obligations_skip_rights_and_keep_duties() -> None:
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nHAK DAN KEWAJIBAN\n(1) PIHAK PERTAMA\nHak:\n"
        "a. Menerima laporan kegiatan dari PIHAK KEDUA;\nKewajiban:\n"
        "a. Menyediakan tenaga ahli guna menunjang pelaksanaan perjanjian;\n"
        "b. Membuat laporan kegiatan setiap 6 (enam) bulan.\n\nPasal 2\nPENUTUP\nSelesai."
    )
    obligations = [o.value for o in _fields(text)["obligations"]]
    assert [o.text for o in obligations] == [
        "Menyediakan tenaga ahli guna menunjang pelaksanaan perjanjian",
        "Membuat laporan kegiatan setiap 6 (enam) bulan",
    ]
    assert {o.party for o in obligations} == {"PIHAK PERTAMA"}


def test_numbers_in_recitals_are_not_document_numbers() -> None:
    text = (
        "PERJANJIAN KERJA SAMA\n\nNomor : 4638/UN30/KS/2020\n\nPada hari ini Kamis tanggal 12 Maret 2020\n"
        "Mengingat: bahwa berdasarkan Nota Kesepahaman Nomor 4637/UN30/KS/2020 tentang kerja sama;\n\n"
        "Pasal 1\nTUJUAN\nTeks."
    )
    fields = _fields(text)
    assert [n.value for n in fields["numbers"]] == ["4638/UN30/KS/2020"]
    assert "4637/UN30/KS/2020" in fields["parent_agreement"].value


SIGNED_ONLY_BELOW = (
    "PERJANJIAN KERJA SAMA\nANTARA\nUNIVERSITAS JAMBI\nDAN\nPT MAJU\n\nNomor : 12/UN21/KS/2020\n\n"
    "Yang bertanda tangan di bawah ini:\n1. Universitas Jambi, selanjutnya disebut PIHAK PERTAMA.\n"
    "2. PT Maju, selanjutnya disebut PIHAK KEDUA.\n\nPasal 1\nRUANG LINGKUP\nPenelitian bersama.\n\n"
    "Perjanjian ini dibuat dalam rangkap 2 (dua).\n\n{block}\nPIHAK PERTAMA PIHAK KEDUA\n"
)


@pytest.mark.parametrize(
    "block",
    ["Dibuat di : Jambi\nPada tanggal : 12 Maret 2020\n", "Jambi, 12 Maret 2020\n"],
)
def test_signing_place_from_the_signature_block_layouts(block: str) -> None:
    fields = _fields(SIGNED_ONLY_BELOW.format(block=block))
    assert fields["signing_place"].value == "Jambi"
    assert fields["signing_date"].value == "2020-03-12"


TERM_DOC = (
    "PERJANJIAN KERJA SAMA\nPROGRAM MAGANG\nANTARA\nUNIVERSITAS JAMBI\nDAN\nPT MAJU\n\n"
    "Nomor : 12/UN21/KS/2021\n\n"
    "Pada hari ini Senin tanggal 1 Maret 2021, yang bertanda tangan di bawah ini:\n"
    "1. Universitas Jambi, selanjutnya disebut PIHAK PERTAMA.\n"
    "2. PT Maju, selanjutnya disebut PIHAK KEDUA.\n\n"
    "Pasal 1\nRUANG LINGKUP\nPelaksanaan Program Magang bagi mahasiswa selama 6 (enam) bulan.\n\n"
    "Pasal 2\n{heading}\n{term}\n\n"
    "Pasal 3\nJANGKA WAKTU PEMAGANGAN\nPemagangan berlangsung selama 4 (empat) bulan.\n\n"
)


@pytest.mark.parametrize(
    ("heading", "term", "months"),
    [
        (
            "JANGKA WAKTU PERJANJIAN",
            "Perjanjian ini berlaku sejak ditandatangani sampai selesainya program.",
            None,
        ),
        ("JANGKA WAKTU PERJANJIAN", "Perjanjian ini berlaku selama 2 (dua) tahun sejak ditandatangani.", 24),
        (
            "KETENTUAN LAIN",
            "Hal lain diatur kemudian.",
            4,
        ),  # no own term article: the activity's is all there is
    ],
)
def test_the_agreements_own_term_article_decides_the_duration(
    heading: str, term: str, months: int | None
) -> None:
    duration = _fields(TERM_DOC.format(heading=heading, term=term))["duration"].value
    assert (duration.months if duration else None) == months
