"""Shapes of agreements the extractors had not met, written by hand (no realdocs text): each test is one
general cause (an English party block under an upper-case title, chapters instead of Pasal, a signature
block after the last article, a post before its company, ...)."""

from __future__ import annotations

from extractors import extract_fields
from schemas.pages import Page

EN_BLOCKS = """MEMORANDUM OF UNDERSTANDING
BETWEEN
THE UNIVERSITY OF WESTERLAND, AUSTRALIA
AND
INSTITUT TEKNOLOGI KALIMANTAN, INDONESIA

The University of Westerland, Australia
University Drive, Callaghan NSW 2308, Australia
(hereinafter "UOW")

and

Institut Teknologi Kalimantan
Jl. Soekarno Hatta KM 15, Balikpapan, Indonesia
(hereinafter "ITK")

Both parties, desiring to strengthen academic ties, agree as follows:

1. Areas of Cooperation
The parties agree to cooperate in student exchange, staff exchange and joint research.

2. Term
This Memorandum shall take effect on the date of signature by both parties and remain valid for
three (3) years.
\f
Signed on behalf of                               Signed on behalf of
The University of Westerland                      Institut Teknologi Kalimantan

Professor Adam Wells                              Prof. Dr. Budi Hartono
Vice-Chancellor                                   Rector
Date: 3 June 2019                                 Date: 17 June 2019
"""

CHAPTERS = """NOTA KESEPAHAMAN
ANTARA
INSTITUT TEKNOLOGI NUSANTARA
DAN
PEMERINTAH KABUPATEN SAMOSIR
TENTANG
PENGEMBANGAN SUMBER DAYA MANUSIA

Pada hari ini Rabu tanggal 15 Maret 2023, bertempat di Pangururan, yang bertanda tangan di bawah ini:

I.  Prof. Dr. Rina Siregar : Rektor Institut Teknologi Nusantara, dalam hal ini bertindak untuk dan
    atas nama Institut Teknologi Nusantara, selanjutnya disebut PIHAK KESATU;
II. Ir. Tumpal Nainggolan : Bupati Samosir, dalam hal ini bertindak untuk dan atas nama Pemerintah
    Kabupaten Samosir, selanjutnya disebut PIHAK KEDUA.

BAB I
RUANG LINGKUP
Ruang lingkup Nota Kesepahaman ini meliputi:
1. pendidikan dan pelatihan aparatur;
2. penelitian terapan di bidang pariwisata; dan
3. pengabdian kepada masyarakat.

BAB II
PELAKSANAAN
(1) PIHAK KESATU menyediakan tenaga ahli sesuai kebutuhan.
(2) PIHAK KEDUA menyediakan data dan informasi yang diperlukan.

BAB III
PEMBIAYAAN
Biaya pelaksanaan Nota Kesepahaman ini dibebankan kepada anggaran masing-masing PIHAK.

BAB IV
JANGKA WAKTU
Nota Kesepahaman ini berlaku untuk jangka waktu 5 (lima) tahun sejak tanggal ditandatangani.
\f
Demikian Nota Kesepahaman ini dibuat dalam rangkap dua.

PIHAK KEDUA,                                   PIHAK KESATU,

Ir. Tumpal Nainggolan                          Prof. Dr. Rina Siregar
"""

SWAKELOLA = """PERJANJIAN KERJA SAMA SWAKELOLA
ANTARA
PEJABAT PEMBUAT KOMITMEN DINAS PERTANIAN KABUPATEN LEBONG
DENGAN
LEMBAGA PENELITIAN UNIVERSITAS RAFLESIA
NOMOR : 050/112/DISTAN/2020

Pada hari ini Kamis tanggal 21 Mei 2020, bertempat di Tubei, kami yang bertanda tangan di bawah ini:
1. Nama : Ir. Hendri Saputra, M.Si
   Jabatan : Pejabat Pembuat Komitmen
   dalam hal ini bertindak untuk dan atas nama Dinas Pertanian Kabupaten Lebong, selanjutnya
   disebut PPK.
2. Nama : Dr. Ir. Faiz Barchia, M.Sc
   Jabatan : Manajer Unit Layanan PT Agro Raflesia Mandiri
   selanjutnya disebut Pelaksana Swakelola.

Pasal 1
RUANG LINGKUP PEKERJAAN
Ruang lingkup pekerjaan meliputi survei lahan, analisis data dan penyusunan laporan akhir.

Pasal 2
HAK DAN KEWAJIBAN
(1) PPK wajib membayar nilai pekerjaan kepada Pelaksana Swakelola sesuai tahapan pembayaran.
(2) Pelaksana Swakelola berhak menerima pembayaran sesuai nilai pekerjaan.
(3) Pelaksana Swakelola wajib menyerahkan laporan akhir paling lambat tanggal 18 Agustus 2020.
\f
Demikian perjanjian ini dibuat dalam rangkap 2 (dua) bermeterai cukup.

PPK,                                          Pelaksana Swakelola,

Ir. Hendri Saputra, M.Si                      Dr. Ir. Faiz Barchia, M.Sc
NIP. 196805121994031002                       NIP. 196201011987031003
"""


def _fields(text: str) -> dict:
    pages = [Page(i, t, "ocr") for i, t in enumerate(text.split("\f"), 1)]
    return extract_fields(pages)


def test_an_upper_case_title_ends_where_the_party_blocks_begin():
    f = _fields(EN_BLOCKS)
    assert f["title"].value == (
        "MEMORANDUM OF UNDERSTANDING BETWEEN THE UNIVERSITY OF WESTERLAND, AUSTRALIA AND INSTITUT "
        "TEKNOLOGI KALIMANTAN, INDONESIA"
    )
    names = [p.value.name for p in f["parties"]]
    assert names == ["The University of Westerland", "Institut Teknologi Kalimantan"]  # not the title


def test_an_address_line_ends_a_title():
    text = EN_BLOCKS.replace("INDONESIA\n\nThe University", "INDONESIA\nThe University")
    title = _fields(text)["title"].value
    assert "Drive" not in title and "NSW" not in title


def test_take_effect_on_signature_starts_the_term_at_the_later_signature():
    f = _fields(EN_BLOCKS)
    assert f["signing_date"].value == "2019-06-17"
    assert f["effective_date"].value == "2019-06-17"
    assert f["expiry_date"].value == "2022-06-17"


def test_chapters_without_pasal_are_the_articles():
    f = _fields(CHAPTERS)
    assert [s.value for s in f["scope"]] == [
        "pendidikan dan pelatihan aparatur",
        "penelitian terapan di bidang pariwisata",
        "pengabdian kepada masyarakat",
    ]
    duties = {o.value.text: o.value.party for o in f["obligations"]}
    assert duties["PIHAK KESATU menyediakan tenaga ahli sesuai kebutuhan"] == "PIHAK KESATU"
    assert "Biaya pelaksanaan Nota Kesepahaman ini dibebankan kepada anggaran masing-masing PIHAK" in duties
    assert f["duration"].value.months == 60


def test_the_signature_block_after_the_last_article_is_no_duty():
    texts = [o.value.text for o in _fields(SWAKELOLA)["obligations"]]
    assert texts == [
        "PPK wajib membayar nilai pekerjaan kepada Pelaksana Swakelola sesuai tahapan pembayaran",
        "Pelaksana Swakelola wajib menyerahkan laporan akhir paling lambat tanggal 18 Agustus 2020",
    ]


def test_a_post_before_its_company_names_the_company():
    parties = {p.value.role: p.value for p in _fields(SWAKELOLA)["parties"]}
    assert parties["Pelaksana Swakelola"].name == "PT Agro Raflesia Mandiri"
    assert parties["Pelaksana Swakelola"].representative == "Faiz Barchia"
    assert parties["PPK"].name == "Dinas Pertanian Kabupaten Lebong"


def test_activities_listed_right_away_are_not_a_promised_plan():
    text = EN_BLOCKS.replace(
        "The parties agree to cooperate in student exchange, staff exchange and joint research.",
        "Both institutions agree to develop the following activities on the basis of reciprocity:\n"
        "a) Exchange of students;\nb) Joint research and publications.",
    )
    assert _fields(text)["workplan"].value == "none"
    later = EN_BLOCKS.replace(
        "The parties agree to cooperate in student exchange, staff exchange and joint research.",
        "The specific activities shall be agreed by both parties at a later date.",
    )
    assert _fields(later)["workplan"].value == "mentioned"


CONSORTIUM = """NOTA KESEPAHAMAN
TENTANG
KONSORSIUM RISET PANGAN LAHAN BASAH

Pada hari ini Jumat tanggal 10 Juni 2022, kami yang bertanda tangan di bawah ini, masing-masing
bertindak untuk dan atas nama lembaganya:

1. Universitas Riau Daratan, selanjutnya disebut PIHAK KESATU;
2. Universitas Lampung Selatan, selanjutnya disebut PIHAK KEDUA;
3. Badan Riset dan Inovasi Daerah Provinsi Jambi, selanjutnya disebut PIHAK KETIGA;
4. PT Pangan Lestari Nusantara, selanjutnya disebut PIHAK KEEMPAT.

Pasal 1
RUANG LINGKUP
Ruang lingkup Nota Kesepahaman ini meliputi penelitian bersama dan publikasi bersama.

Pasal 2
JANGKA WAKTU
Nota Kesepahaman ini berlaku selama 3 (tiga) tahun sejak tanggal ditandatangani.
\f
Demikian Nota Kesepahaman ini dibuat dan ditandatangani oleh PARA PIHAK.

No  Lembaga                                          Nama / Jabatan
{rows}
"""
PLAIN_ROWS = """1   Universitas Riau Daratan                 Prof. Dr. Sri Indarti, S.E., M.Si.
                                                 Rektor
2   Universitas Lampung Selatan              Prof. Dr. Ir. Lusi Afriani, D.E.A.
                                                 Rektor
3   Badan Riset dan Inovasi Daerah Provinsi Jambi   Dr. Ir. Anwar Sadat, M.Si.
                                                 Kepala"""
BAR_ROWS = """1 | Universitas Riau Daratan | Prof. Dr. Sri Indarti, S.E., M.Si. |
  |                          | Rektor |
4 | PT Pangan Lestari Nusantara | Hendra Wijaya, S.T., M.B.A. |
  |                          | Direktur Utama |"""


def test_a_signature_table_row_gives_its_organisation_its_signatory():
    reps = {
        p.value.role: p.value.representative for p in _fields(CONSORTIUM.format(rows=PLAIN_ROWS))["parties"]
    }
    # two universities whose names look alike keep their own signatories
    assert reps == {
        "PIHAK KESATU": "Sri Indarti",
        "PIHAK KEDUA": "Lusi Afriani",
        "PIHAK KETIGA": "Anwar Sadat",
        "PIHAK KEEMPAT": None,  # no row of its own: nobody is guessed
    }


def test_table_rules_read_as_bars_split_a_row_without_titles():
    reps = {
        p.value.role: p.value.representative for p in _fields(CONSORTIUM.format(rows=BAR_ROWS))["parties"]
    }
    assert reps["PIHAK KESATU"] == "Sri Indarti"
    assert reps["PIHAK KEEMPAT"] == "Hendra Wijaya"
    assert reps["PIHAK KEDUA"] is None


BRACKETED = """AGREEMENT ON STUDENT EXCHANGE
BETWEEN
NATIONAL TAINAN TECHNICAL UNIVERSITY
AND
UNIVERSITAS SAM RATULANGI

This Agreement is made on 2 May 2021 between National Tainan Technical University (\u201cNTTU\u201d), Taiwan,
and Universitas Sam Ratulangi ("UNSRAT"), Indonesia, in respect of the exchange programme (the "Programme").

1. Responsibilities
(a) The host university shall waive tuition fees for exchange students.

2. Term
This Agreement shall remain in effect for five (5) years from the date of signing.
"""


def test_a_short_name_in_brackets_and_quotes_defines_a_party():
    parties = [(p.value.name, p.value.role) for p in _fields(BRACKETED)["parties"]]
    assert parties == [
        ("National Tainan Technical University", "NTTU"),
        ("Universitas Sam Ratulangi", "UNSRAT"),
    ]  # '(the "Programme")' defines a term, not a party


PROSE_DUTIES = """MEMORANDUM OF UNDERSTANDING

Article 1
PURPOSE
To cooperate in community service learning.

Article 2
ROLES AND RESPONSIBILITIES
Harbour Foundation will work with the University to set up an internship programme. Students will gain
field experience by working on community projects. Generally, service learning is worth 20% of the
student's grade. The Executive Director will fill out the timesheets of the students. All funding
collaborations will require a separate agreement. If a grant agreement is executed, Harbour Foundation
is to create an annual schedule of the deliverables.

Article 3
TERM
Two years.
"""


def test_a_sentence_that_binds_no_party_is_no_duty():
    found = [o.value.text for o in extract_fields([Page(1, PROSE_DUTIES, "ocr")])["obligations"]]
    assert found == [
        "Harbour Foundation will work with the University to set up an internship programme",
        "The Executive Director will fill out the timesheets of the students",
        "If a grant agreement is executed, Harbour Foundation is to create an annual schedule of the "
        "deliverables",
    ]


GARBLED_MARKERS = """PERJANJIAN KERJA SAMA
ANTARA
DINAS PERTANIAN KABUPATEN KAMPAR
DAN
UNIVERSITAS LANCANG KUNING

Pada hari ini Selasa tanggal 24 September 2024, bertempat di Bangkinang, yang bertanda tangan di bawah ini:

L Prof. Dr. Ir. Hasan Marbun, 2 | Kepala Dinas Pertanian Kabupaten Kampar, dalam hal ini bertindak untuk
dan atas nama Dinas Pertanian Kabupaten Kampar, selanjutnya disebut PIHAK PERTAMA.

SA Kurnia Puspita, ST. MT, Rektor Universitas Lancang Kuning, dalam hal ini bertindak untuk dan atas nama
Universitas Lancang Kuning, selanjutnya disebut PIHAK KEDUA.

r I. Hj: Dewi Lestari, S.H., : | Ketua Lembaga Penelitian Universitas Lancang Kuning, dalam hal ini
bertindak untuk dan atas nama Lembaga Penelitian Universitas Lancang Kuning, selanjutnya disebut PIHAK KETIGA.

IV. Yayasan Tani Mandiri, berkedudukan di Pekanbaru, dalam hal ini diwakili oleh-Dr.
Nyoman Suarta, S.H., M.Hum., Ketua Yayasan Tani Mandiri, selanjutnya disebut PIHAK KEEMPAT.

Pasal 1
RUANG LINGKUP
Ruang lingkup perjanjian ini meliputi penyuluhan pertanian dan penelitian lahan gambut.
"""


def test_signatories_behind_ocr_debris_of_list_markers():
    reps = [p.value.representative for p in _fields(GARBLED_MARKERS)["parties"]]
    assert reps == ["Hasan Marbun", "Kurnia Puspita", "Dewi Lestari", "Nyoman Suarta"]


SPECKLED_TITLE = """\u201cNOTA (KESEPAHAMAN
ee Hai Tee i ANTARA Tees
3 KANTOR R WILAYAH KEMENTERIAN PERTANIAN SULAWESI ha
SELATAN\u2019 Eon: Lana
: : DAN J sie
UNIVERSITAS HASANUDDIN |
1 TENTANG -
5 _ PENGEMBANGAN PERTANIAN TERPADU TAHUN 2023

Nomor: 12/KS/2023

Pada hari ini Senin tanggal 3 Juli 2023, yang bertanda tangan di bawah ini:
"""


def test_ocr_specks_around_an_upper_case_title_are_dropped():
    f = _fields(SPECKLED_TITLE)
    assert f["title"].value == (
        "NOTA KESEPAHAMAN ANTARA KANTOR WILAYAH KEMENTERIAN PERTANIAN SULAWESI SELATAN DAN UNIVERSITAS "
        "HASANUDDIN TENTANG PENGEMBANGAN PERTANIAN TERPADU TAHUN 2023"
    )
    assert f["doc_type"].value == "MoU"


def test_a_title_in_title_case_keeps_its_small_words():
    text = "Memorandum of Understanding\nbetween\nthe University of Tasmania\nand\nUniversitas Bengkulu\n\n"
    assert _fields(text + "This Memorandum is made on 2 May 2021.\n")["title"].value == (
        "Memorandum of Understanding between the University of Tasmania and Universitas Bengkulu"
    )


TWO_COLUMN_OCR = """NOTA KESEPAHAMAN
ANTARA
KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI MALUKU
DAN
UNIVERSITAS PATTIMURA

Pada hari ini Senin tanggal 9 Desember 2019, bertempat di Ambon, yang bertanda tangan di bawah ini:

I. Rahmat Setiawan, S.T., M.T., Kepala Kantor Wilayah Kementerian Agama Provinsi Maluku, dalam hal ini
bertindak untuk dan atas nama Kantor Wilayah

= Kementerian Agama Provinsi .
Maluku, berkedudukan di Ambon, selanjutnya: disebut PIHAK PERTAMA.

II. Prof. Dr. Marthinus Saptenno, S.H., M.Hum., Rektor Universitas Pattimura, dalam hal ini bertindak
untuk dan atas nama Universitas Pattimura, hereinafter referred
to as.the SECOND PARTY.

Pasal 1
RUANG LINGKUP
Ruang lingkup Nota Kesepahaman ini meliputi pendidikan dan penelitian.
"""


def test_a_name_broken_by_a_blank_line_and_specks_of_a_two_column_scan():
    parties = [(p.value.name, p.value.role) for p in _fields(TWO_COLUMN_OCR)["parties"]]
    assert parties == [
        ("Kantor Wilayah Kementerian Agama Provinsi Maluku", "PIHAK PERTAMA"),
        ("Universitas Pattimura", "SECOND PARTY"),  # 'as.the': a speck for a space
    ]


def test_specks_inside_the_effectiveness_clause_and_a_number():
    text = CHAPTERS.replace(
        "berlaku untuk jangka waktu 5 (lima) tahun sejak tanggal ditandatangani.",
        "berlaku untuk jangka waktu 5 (lima) tahun terhitung si tanggal .\nditandatanganinya.",
    ).replace(
        "PENGEMBANGAN SUMBER DAYA MANUSIA\n",
        "PENGEMBANGAN SUMBER DAYA MANUSIA\nNomor: 4788/UN37.1/KS.00:00/2018\n",
    )
    f = _fields(text)
    assert f["effective_date"].value == "2023-03-15"
    assert [n.value for n in f["numbers"]] == ["4788/UN37.1/KS.00.00/2018"]
    english = EN_BLOCKS.replace(
        "take effect on the date of signature", "come into effect on the date-of signing"
    )
    assert _fields(english)["effective_date"].value == "2019-06-17"


GARBLED_LIST = """MEMORANDUM OF UNDERSTANDING

Article 1
SCOPE OF COOPERATION
The scope of this Memorandum of Understanding covers:

er \u2018Exchange of immigration data and information;
b. Supervision of foreign nationals;
\u201c \u00a2. Prevention of human trafficking;
d

is \u2018Passport services outside immigration offices.

Article 2
TERM
Two years.
"""


def test_list_items_whose_markers_ocr_garbled_stay_apart():
    assert [s.value for s in _fields(GARBLED_LIST)["scope"]] == [
        "Exchange of immigration data and information",
        "Supervision of foreign nationals",
        "Prevention of human trafficking",
        "Passport services outside immigration offices",
    ]


def test_a_scope_lead_in_with_its_intro_word_garbled_is_no_item():
    text = GARBLED_LIST.replace(
        "The scope of this Memorandum of Understanding covers:",
        "Ketentuan Pasal 2 diubah sehingga berbunyi: Ruang lingkup Perjanjian ini melipat",
    ).replace("er \u2018Exchange", "a. Exchange")
    items = [s.value for s in _fields(text)["scope"]]
    assert items[0] == "Exchange of immigration data and information" and len(items) == 4


def test_a_duty_sub_heading_without_its_colon_is_no_duty():
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nTUGAS DAN TANGGUNG JAWAB\n"
        "(1) PIHAK KESATU menyediakan tenaga ahli.\n"
        "\u00a2 PIHAK KEDUA mempunyai tugas dan tanggung jawab\n(2) PIHAK KEDUA menyediakan data.\n\n"
        "Pasal 2\nJANGKA WAKTU\nDua tahun.\n"
    )
    texts = [o.value.text for o in _fields(text)["obligations"]]
    assert "PIHAK KEDUA mempunyai tugas dan tanggung jawab" not in texts
    assert "PIHAK KEDUA menyediakan data" in texts


def test_a_speck_inside_the_opening_formula_keeps_the_opening_date():
    text = CHAPTERS.replace(
        "Pada hari ini Rabu tanggal 15 Maret 2023", "1 Pada hari i ini Rabu tanggal 15/3/2023"
    ).replace("yang bertanda tangan di bawah ini", "yang bertanda tangan di biawak \u00a3 ini")
    text = text.replace(
        "BAB I\nRUANG LINGKUP",
        "Menimbang bahwa PARA PIHAK telah menandatangani Nota Kesepahaman tanggal 28 Agustus 2020.\n\n"
        "BAB I\nRUANG LINGKUP",
    )
    assert _fields(text)["signing_date"].value == "2023-03-15"


def test_a_paragraph_break_without_its_stop_ends_a_duty_sentence():
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nRUANG LINGKUP\nPenelitian bersama.\n\n"
        "Pasal 2\nHAK KEKAYAAN INTELEKTUAL\n"
        "Setiap hasil kegiatan kerja sama ini menjadi milik bersama PARA PIHAK dengan persentase yang\n"
        "seimbang,\n\n"
        "PARA PIHAK wajib mencantumkan logo bersama pada setiap publikasi hasil kerja sama\n\n"
        "Pasal 3\nJANGKA WAKTU\nDua tahun.\n"
    )
    texts = [o.value.text for o in _fields(text)["obligations"]]
    assert texts == ["PARA PIHAK wajib mencantumkan logo bersama pada setiap publikasi hasil kerja sama"]


DUAL_DEGREE = """AGREEMENT FOR A 3+2 DUAL DEGREE PROGRAMME
BETWEEN
HSINCHU UNIVERSITY OF TECHNOLOGY, TAIWAN
AND
UNIVERSITAS SYIAH KUALA, INDONESIA

Hsinchu University of Technology ("HUT") and Universitas Syiah Kuala ("USK") agree to establish a
dual degree programme on the following terms.

1. Obligations of HUT
(1) HUT agrees to admit up to ten qualified students each year.

2. Duration
This Agreement shall be valid for five (5) years from the date of the last signature.

For Hsinchu University of Technology              For Universitas Syiah Kuala

Dr. Wang Li-hua                                   Prof. Dr. Ir. Marwan
President                                         Rector
Date: 8 August 2020                               Date: 20 August 2020
"""


def test_a_titled_one_word_name_in_the_signature_block_is_a_signatory():
    reps = [p.value.representative for p in _fields(DUAL_DEGREE)["parties"]]
    assert reps == ["Wang Li-hua", "Marwan"]


def test_a_programme_this_agreement_establishes_is_no_promised_plan():
    assert _fields(DUAL_DEGREE)["workplan"].value == "none"


RESPECTIVE = """PERJANJIAN KERJA SAMA
TENTANG
PENYELENGGARAAN MAGANG MAHASISWA

Pada hari ini Senin tanggal 12 April 2021, kami yang bertanda tangan di bawah ini:

Nama     : Drs. Hendra Gunawan, M.M.
Jabatan  : Direktur Sumber Daya Manusia
Instansi : PT Rafflesia Ekspres Media
Alamat   : Jl. Kapuas Raya No. 12, Bengkulu

Nama     : Prof. Dr. Ridwan Nurazi, S.E., M.Sc.
Jabatan  : Rektor
Instansi : Universitas Bengkulu
Alamat   : Jl. W.R. Supratman, Kandang Limun, Bengkulu

{definition}

Pasal 1
RUANG LINGKUP
Ruang lingkup perjanjian ini adalah penempatan mahasiswa magang.
"""


def test_two_parties_defined_at_once_after_their_blocks():
    expected = [
        ("PT Rafflesia Ekspres Media", "Hendra Gunawan"),
        ("Universitas Bengkulu", "Ridwan Nurazi"),
    ]
    for definition, roles in [
        (
            "Untuk selanjutnya masing-masing disebut PIHAK PERTAMA dan PIHAK KEDUA.",
            ["PIHAK PERTAMA", "PIHAK KEDUA"],
        ),
        (
            "hereinafter referred to as the FIRST PARTY and the SECOND PARTY respectively.",
            ["FIRST PARTY", "SECOND PARTY"],
        ),
    ]:
        parties = [p.value for p in _fields(RESPECTIVE.format(definition=definition))["parties"]]
        assert [(p.name, p.representative) for p in parties] == expected
        assert [p.role for p in parties] == roles


SIGNED_FOR = """AGREEMENT FOR SCIENTIFIC COOPERATION
BETWEEN
GYEONGJU INSTITUTE OF SCIENCE, KOREA
AND
UNIVERSITAS JENDERAL SOEDIRMAN, INDONESIA

Gyeongju Institute of Science ("GIS") and Universitas Jenderal Soedirman ("UNSOED") agree as follows.

Article 1. Cooperation
The two institutions agree to develop cooperation in joint research and exchange of researchers.

Article 2. Duration
This Agreement shall be effective from the date of signing and shall remain in effect for five years.

Signed for and on behalf of                      Signed for and on behalf of
Gyeongju Institute of Science                    Universitas Jenderal Soedirman

By: ______________________                       By: ______________________
Name: Kim Tae-young                              Name: Prof. Dr. Ir. Akhmad Sodiq, M.Sc.Agr.
Title: President                                 Title: Rector
"""


def test_a_rank_inside_a_university_name_is_no_signatory():
    reps = [p.value.representative for p in _fields(SIGNED_FOR)["parties"]]
    assert reps == ["Kim Tae-young", "Akhmad Sodiq"]  # not 'Soedirman' of 'Universitas Jenderal Soedirman'


SHORT_MOU = (
    "NOTA KESEPAHAMAN\n\nPasal 1\nRUANG LINGKUP\nPenelitian bersama.\n\n"
    "Pasal 2\nJANGKA WAKTU\nBerlaku dua tahun.\n"
)


def test_place_of_signing_without_a_closing_formula():
    text = (
        SHORT_MOU
        + "\f\nBengkulu, 5 Mei 2021\n\nPIHAK PERTAMA,          PIHAK KEDUA,\n\n\n\n"
        + "Budi Santoso            Ani Lestari\n"
    )
    f = _fields(text)
    assert (f["signing_date"].value, f["signing_place"].value) == ("2021-05-05", "Bengkulu")


def test_done_in_duplicate_at_a_place():
    text = SHORT_MOU + "\nDone in duplicate at Medan, this 5th day of May 2021, in the English language.\n"
    assert _fields(text)["signing_place"].value == "Medan"


def test_a_demikian_closing_ends_the_last_article():
    text = SHORT_MOU + (
        "\nDemikian Nota Kesepahaman ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana\n"
        "mestinya.\n\n"
        "PIHAK PERTAMA,          PIHAK KEDUA,\n\nBudi Santoso            Ani Lestari\n"
    )
    from extractors.normalise import build_doctext
    from extractors.segment import segment

    doc = build_doctext([Page(1, text, "ocr")])
    last = segment(doc.text).of_kind("article")[-1]
    assert "Demikian" not in doc.text[last.start : last.end]


def test_a_catch_all_tail_is_no_part_of_a_scope_item():
    text = SHORT_MOU.replace(
        "Penelitian bersama.",
        "Kerja sama ini meliputi bidang pendidikan, penelitian dan pengabdian kepada masyarakat serta\n"
        "bidang lain yang disepakati.",
    )
    assert [s.value for s in _fields(text)["scope"]] == [
        "bidang pendidikan",
        "penelitian",
        "pengabdian kepada masyarakat",
    ]


ACRONYM_AFTER_APPOSITION = """RESEARCH AGREEMENT
BETWEEN
UNIVERSITY OF TWENTE AND UNIVERSITAS LAMPUNG

This Agreement is made on 1 March 2022 between the University of Twente, a public university
established under the laws of the Netherlands ("UT"), and Universitas Lampung, a state university
established under the laws of the Republic of Indonesia ("UNILA"), on the joint research project
(the "Project").

Article 1 - Responsibilities of the Parties
2.1 UT shall:
(a) supervise the doctoral candidates;
(b) provide access to its laboratories.
2.2 UNILA shall:
(a) collect field data in Lampung;
(b) bear the travel costs of its researchers.

Article 2 - Term
This Agreement enters into force on the date of signature and remains in force for four (4) years.
"""


def test_an_acronym_after_a_partys_description_defines_it():
    f = _fields(ACRONYM_AFTER_APPOSITION)
    assert [(p.value.name, p.value.role) for p in f["parties"]] == [
        ("University of Twente", "UT"),
        ("Universitas Lampung", "UNILA"),
    ]  # '(the "Project")' is a term, not a party
    duties = [(o.value.party, o.value.text) for o in f["obligations"]]
    assert ("UNILA", "bear the travel costs of its researchers") in duties
    assert ("UT", "supervise the doctoral candidates") in duties


def test_duties_of_each_party_are_joint():
    text = ACRONYM_AFTER_APPOSITION.replace(
        "2.1 UT shall:", "2.0 Each Party shall:\n(a) appoint a coordinator of the project.\n2.1 UT shall:"
    )
    duties = {o.value.text: o.value.party for o in _fields(text)["obligations"]}
    assert duties["appoint a coordinator of the project"] == "PARA PIHAK"
