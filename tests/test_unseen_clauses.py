"""Clause-level shapes of agreements, written by hand (no realdocs text): a paid swakelola PKS with
Nama/Jabatan blocks, an amount in a cost clause, duties outside the Hak dan Kewajiban article."""

from __future__ import annotations

from extractors import extract_fields
from schemas.pages import Page

SWAKELOLA = """
PERJANJIAN KERJA SAMA SWAKELOLA
ANTARA
DINAS LINGKUNGAN HIDUP KABUPATEN KAUR
DENGAN
UNIVERSITAS RAFFLESIA
TENTANG
PENYUSUNAN DOKUMEN KAJIAN LINGKUNGAN HIDUP STRATEGIS

Nomor : 660/112/DLH/2021
Nomor : 1021/UN30/HK/2021

Pada hari ini Rabu tanggal Empat Belas bulan Juli tahun Dua Ribu Dua Puluh Satu, kami yang bertanda
tangan di bawah ini:

1. Nama      : Drs. Hendri Saputra, M.Si
   Jabatan   : Kepala Dinas Lingkungan Hidup Kabupaten Kaur
   Alamat    : Jalan Raya Bintuhan No. 12, Kaur
   dalam hal ini bertindak untuk dan atas nama Dinas Lingkungan Hidup Kabupaten Kaur, selanjutnya
   disebut PIHAK PERTAMA.

2. Nama      : Prof. Dr. Ridwan Nurdin, S.H., M.Hum.
   Jabatan   : Rektor Universitas Rafflesia
   Alamat    : Jalan Pahlawan No. 4, Bengkulu
   dalam hal ini bertindak untuk dan atas nama Universitas Rafflesia, selanjutnya disebut PIHAK KEDUA.

PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK, sepakat mengadakan Perjanjian
Kerja Sama dengan ketentuan sebagai berikut:

Pasal 1
RUANG LINGKUP
Ruang lingkup pekerjaan dalam Perjanjian ini meliputi:
a. pengumpulan data primer dan sekunder;
b. analisis pengaruh kebijakan terhadap lingkungan hidup;
c. penyusunan laporan akhir kajian.

Pasal 2
JANGKA WAKTU
Jangka waktu pelaksanaan pekerjaan adalah 120 (seratus dua puluh) hari kalender terhitung sejak
tanggal ditandatanganinya Perjanjian ini.

Pasal 3
HAK DAN KEWAJIBAN
(1) PIHAK PERTAMA berhak menerima laporan hasil pekerjaan dari PIHAK KEDUA.
(2) PIHAK PERTAMA berkewajiban membayar biaya pekerjaan sesuai dengan Pasal 4.
(3) PIHAK KEDUA berhak menerima pembayaran biaya pekerjaan.
(4) PIHAK KEDUA berkewajiban melaksanakan pekerjaan sesuai kerangka acuan kerja dan menyerahkan
laporan akhir paling lambat 120 hari kalender.

Pasal 4
BIAYA
Biaya pelaksanaan pekerjaan sebesar Rp 150.000.000,- dibebankan pada DPA Dinas Lingkungan Hidup
Kabupaten Kaur Tahun Anggaran 2021.

Pasal 5
KERAHASIAAN
PARA PIHAK wajib menjaga kerahasiaan data dan informasi yang diperoleh dalam pelaksanaan Perjanjian ini.

Pasal 6
PENUTUP
Demikian Perjanjian ini dibuat dalam rangkap 2 (dua) bermeterai cukup dan mempunyai kekuatan hukum
yang sama.

PIHAK KEDUA                              PIHAK PERTAMA
Rektor Universitas Rafflesia,           Kepala Dinas Lingkungan Hidup
                                         Kabupaten Kaur,

Prof. Dr. Ridwan Nurdin, S.H., M.Hum.    Drs. Hendri Saputra, M.Si
"""


def _fields(text: str) -> dict:
    pages = [Page(i, t, "ocr") for i, t in enumerate(text.split("\f"), 1)]
    return extract_fields(pages)


def _duties(text: str) -> dict[str, str | None]:
    return {o.value.text: o.value.party for o in _fields(text)["obligations"]}


def test_an_amount_with_thousand_dots_does_not_end_the_sentence():
    duties = _duties(SWAKELOLA)
    assert not any(t.startswith("000") for t in duties)
    assert any(
        t.startswith("Biaya pelaksanaan pekerjaan sebesar Rp 150.000.000,- dibebankan") for t in duties
    )


def test_an_abbreviation_before_a_number_does_not_end_the_sentence():
    text = SWAKELOLA.replace(
        "yang diperoleh dalam pelaksanaan Perjanjian ini.",
        "yang diperoleh dalam pelaksanaan Perjanjian ini sesuai Undang-Undang No. 14 Tahun 2008.",
    )
    duties = _duties(text)
    assert (
        "PARA PIHAK wajib menjaga kerahasiaan data dan informasi yang diperoleh dalam pelaksanaan "
        "Perjanjian ini sesuai Undang-Undang No. 14 Tahun 2008" in duties
    )


# A three-party PKS as a poor scan reads it: 'hari' as 'hati', specks in the spelled date, 'tahun' garbled,
# list markers and titles with colons, a post OCR could not read, a recital citing an earlier MoU's date.
GARBLED = """PERJANJIAN KERJA SAMA
ANTARA
BADAN RISET DAERAH PROVINSI JAMBI
DAN
UNIVERSITAS BATANGHARI
TENTANG
PENGEMBANGAN INOVASI DAERAH

Pada hati i ini Senin TA Dua Puluh h Tiga bulan Januari tika Dua Ribu Dua Puluh Tiga,
yang bertanda tangan di bawah i init

"L: Dr: H. Rudi Hartono, M. A., 'Keqala Badan Riset Daerah Provinsi Jambi,
: dalam hal ini bertindak untuk dan atas nama Badan Riset Daerah Provinsi Jambi, berkedudukan di
Jambi, selanjutnya disebut PIHAK PERTAMA.

II. Prof. Dr. Sri Wahyuni, M.Si., Rektor Universitas Batanghari, dalam hal ini bertindak untuk dan atas
nama Universitas Batanghari * Jambi, selanjutnya disebut PIHAK KEDUA.

PARA PIHAK terlebih dahulu menerangkan hal-hal sebagai berikut:
a. Bahwa PARA PIHAK telah menandatangani Nota Kesepahaman Nomis 12/NK/2022 tanggal 6 Maret 2022;

Pasal 1
RUANG LINGKUP
Ruang lingkup Perjanjian ini meliputi penelitian dan pengembangan inovasi daerah.

Pasal 2
PENUTUP
Demikian Perjanjian ini dibuat dalam rangkap 2 (dua) asli.

PIHAK PERTAMA,
KEPALA BADAN RISET DAERAH

Ditandatangani di Jambi, 30 Januari 2023
PIHAK KEDUA,
REKTOR UNIVERSITAS BATANGHARI

Prof. Dr. Sri Wahyuni, M.Si.
"""


def test_a_garbled_opening_still_gives_the_signing_date():
    assert _fields(GARBLED)["signing_date"].value == "2023-01-23"


def test_an_earlier_agreements_date_in_the_opening_is_never_the_signing_date():
    text = GARBLED.replace(
        "Pada hati i ini Senin TA Dua Puluh h Tiga bulan Januari tika Dua Ribu Dua Puluh Tiga,",
        "Pada hari ini Senin,",
    ).replace(
        "PARA PIHAK terlebih dahulu menerangkan hal-hal sebagai berikut:\n"
        "a. Bahwa PARA PIHAK telah menandatangani Nota Kesepahaman Nomis 12/NK/2022 tanggal 6 Maret 2022;",
        "PARA PIHAK, yang telah menandatangani Nota Kesepahaman Nomis 12/NK/2022 tanggal 6 Maret 2022,"
        " sepakat:",
    )
    assert "tanggal 6 Maret 2022, sepakat" in text
    assert _fields(text)["signing_date"].value == "2023-01-30"  # the signature block's, not the MoU's


def test_a_signatory_behind_debris_whose_post_is_garbled():
    reps = [p.value.representative for p in _fields(GARBLED)["parties"]]
    assert reps == ["Rudi Hartono", "Sri Wahyuni"]


def test_a_place_and_date_line_is_never_a_signatory():
    text = GARBLED.replace('"L: Dr: H. Rudi Hartono, M. A.,', '"L: ....')
    reps = [p.value.representative for p in _fields(text)["parties"]]
    assert not any(r and "Ditandatangani" in r for r in reps)


def test_a_speck_between_the_words_of_a_name_is_dropped():
    names = [p.value.name for p in _fields(GARBLED)["parties"]]
    assert names[1] == "Universitas Batanghari Jambi"


def test_specks_in_and_after_a_number_are_dropped():
    text = GARBLED.replace(
        "PENGEMBANGAN INOVASI DAERAH\n",
        "PENGEMBANGAN INOVASI DAERAH\n\nNomor : W17.HM. 05. 02- 1152 eae\nNomor: 2374/HK.03/*DIR/2023\n",
        1,
    )
    numbers = [n.value.replace(" ", "") for n in _fields(text)["numbers"]]
    assert numbers == ["W17.HM.05.02-1152", "2374/HK.03/DIR/2023"]


def test_a_colon_speck_and_a_markers_speck_around_an_organisation_name():
    text = GARBLED.replace(
        "nama Universitas Batanghari * Jambi, selanjutnya disebut PIHAK KEDUA.",
        "nama Universitas Batanghari, selanjutnya disebut PIHAK KEDUA.",
    ).replace(
        "II. Prof. Dr. Sri Wahyuni, M.Si., Rektor Universitas Batanghari, dalam hal ini bertindak untuk"
        " dan atas\nnama Universitas Batanghari,",
        "+: lL Universitas: Batanghari\n; berkedudukan di Jalan Slamet Riyadi, Jambi, dalam hal ini"
        " diwakili oleh\n"
        "Prof. Dr. Sri Wahyuni, M.Si., Rektor Universitas Batanghari,",
    )
    assert "lL Universitas: Batanghari" in text
    names = [p.value.name for p in _fields(text)["parties"]]
    assert names[1] == "Universitas Batanghari"


def test_a_titled_and_degreed_name_is_a_signatory_when_ocr_lost_its_post():
    text = GARBLED.replace(
        "II. Prof. Dr. Sri Wahyuni, M.Si., Rektor Universitas Batanghari, dalam hal ini bertindak untuk"
        " dan atas\nnama Universitas Batanghari * Jambi,",
        "ML.” | Prof. Dr. Sri Wahyuni, M.Si. : |\nBatanghari, berkedudukan di Jambi,",
    )
    text = text.replace("REKTOR UNIVERSITAS BATANGHARI\n\nProf. Dr. Sri Wahyuni, M.Si.\n", "REKTOR\n")
    assert "ML.” | Prof." in text and text.count("Sri Wahyuni") == 1
    reps = [p.value.representative for p in _fields(text)["parties"]]
    assert reps[1] == "Sri Wahyuni"


MOU = """
NOTA KESEPAHAMAN
ANTARA
BADAN RISET DAERAH PROVINSI LAMPUNG
DAN
UNIVERSITAS TELUK BETUNG
TENTANG
PENGEMBANGAN SUMBER DAYA MANUSIA

Pada hari ini Senin tanggal Tiga bulan Mei tahun Dua Ribu Dua Puluh Satu, kami yang bertanda tangan di
bawah ini:
1. Dr. Ahmad Fauzi, M.Si., Kepala Badan Riset Daerah Provinsi Lampung, selanjutnya disebut PIHAK
PERTAMA.
2. Prof. Dr. Sri Wahyuni, M.Pd., Rektor Universitas Teluk Betung, selanjutnya disebut PIHAK KEDUA.

Pasal 1
RUANG LINGKUP
Ruang lingkup Nota Kesepahaman ini meliputi penelitian bersama dan pelatihan pegawai.

Pasal 2
PELAKSANAAN
(1) Nota Kesepahaman ini akan dijabarkan dalam Perjanjian Kerja Sama.
(2) Untuk itu PARA PIHAK setuju akan membentuk
tim pelaksana yang terdiri dari wakil masing-masing PARA PIHAK.

Pasal 3
JANGKA WAKTU
(1) Nota Kesepahaman ini berlaku 3 (tiga) tahun sejak ditandatangani dan dapat diperpanjang.
(2) PIHAK yang bermaksud mengakhiri harus memberitahukan secara tertulis kepada PIHAK lainnya
selambat-lambatnya 3 (tiga) bulan sebelumnya.
(3) Pelaksanaan Nota Kesepahaman ini akan dipantau dan dievaluasi oleh PARA PIHAK setiap 1 (satu)
tahun sekali.

Pasal 4
LAIN-LAIN
(1) Nota Kesepahaman ini dapat diubah dengan persetujuan tertulis PARA PIHAK yang dituangkan dalam
amandemen.
(2) Masing-masing PIHAK menyetujui untuk tidak memberikan keterangan mengenai isi Nota Kesepahaman
ini kepada pihak lain tanpa persetujuan bersama PARA PIHAK.

Pasal 5
PENUTUP
Demikian Nota Kesepahaman ini dibuat dalam rangkap 2 (dua) bermeterai cukup.
"""


def test_a_line_break_inside_a_duty_cue_keeps_the_duty():
    duties = _duties(MOU)
    assert any("membentuk tim pelaksana" in t for t in duties)


def test_a_periodic_evaluation_in_the_term_article_is_a_duty_and_its_notices_are_not():
    duties = _duties(MOU)
    assert any("dipantau dan dievaluasi oleh PARA PIHAK" in t for t in duties)
    assert duties.get(next(t for t in duties if "dievaluasi" in t)) == "PARA PIHAK"
    assert not any("memberitahukan" in t or "diperpanjang" in t for t in duties)


def test_a_promise_of_secrecy_in_a_miscellaneous_article_is_a_duty_and_an_amendment_clause_is_not():
    duties = _duties(MOU)
    promise = "Masing-masing PIHAK menyetujui untuk tidak memberikan keterangan"
    assert any(t.startswith(promise) for t in duties)
    assert not any("amandemen" in t for t in duties)


REGIONAL = """
NOTA KESEPAKATAN
ANTARA
UNIVERSITAS RAFFLESIA
DAN
BADAN PENYELENGGARA JAMINAN SOSIAL KETENAGAKERJAAN
KANTOR WILAYAH SUMATERA BAGIAN SELATAN, JAMBI
DAN BANGKA BELITUNG

TENTANG
PERLINDUNGAN JAMINAN SOSIAL BAGI MAHASISWA MAGANG

Nomor : 1120/UN30/KS/2022
Nomor : 45/KTR/IV/2022

Pada hari ini Senin tanggal Dua bulan Mei tahun Dua Ribu Dua Puluh Dua, yang bertanda tangan di bawah
ini:
I. Prof. Dr. Ridwan Nurdin, S.H., M.Hum. : Rektor Universitas Rafflesia, dalam hal ini bertindak untuk
dan atas nama Universitas Rafflesia, selanjutnya disebut PIHAK KESATU.
II. Drs. Bambang Wijaya, M.M. : Deputi Direktur Wilayah Sumatera Bagian Selatan, Jambi dan Bangka
Belitung, dalam hal ini bertindak untuk dan atas nama Badan Penyelenggara Jaminan Sosial
Ketenagakerjaan, selanjutnya disebut PIHAK KEDUA.

Pasal 1
RUANG LINGKUP
Ruang lingkup Nota Kesepakatan ini meliputi perlindungan jaminan sosial bagi mahasiswa magang.
"""

AGENCY = """
PERJANJIAN KERJA SAMA
ANTARA
UNIVERSITAS RAFFLESIA
DAN
DINAS KETAHANAN PANGAN DAERAH KABUPATEN SELUMA
TENTANG
KAJIAN CADANGAN PANGAN

Nomor : 2210/UN30/KS/2021
Nomor : 521/88/DKP/2021

Pada hari ini Rabu tanggal Tujuh bulan Juli tahun Dua Ribu Dua Puluh Satu, ditandatangani Perjanjian
Kerja Sama antara:
1. Prof. Dr. Ridwan Nurdin, S.H., M.Hum. : Rektor Universitas Rafflesia, dalam hal ini bertindak untuk
dan atas nama Universitas Rafflesia, selanjutnya disebut PIHAK PERTAMA.
2. Ir. Herman Saputra, M.Si. : Kepala Dinas Ketahanan Pangan Kabupaten Seluma, dalam hal ini
bertindak untuk dan atas nama Pemerintah Daerah Kabupaten Seluma, selanjutnya disebut PIHAK KEDUA.

Pasal 1
RUANG LINGKUP
Ruang lingkup Perjanjian ini meliputi kajian cadangan pangan daerah.
"""


def _parties(text: str) -> list[str]:
    return [p.value.name for p in _fields(text)["parties"]]


def test_a_regional_unit_the_title_names_is_part_of_the_party_name():
    names = _parties(REGIONAL)
    assert len(names) == 2
    assert names[1].casefold() == (
        "badan penyelenggara jaminan sosial ketenagakerjaan kantor wilayah sumatera bagian selatan, "
        "jambi dan bangka belitung"
    )


def test_the_agency_the_title_names_is_the_party_not_the_government_it_acts_for():
    names = _parties(AGENCY)
    assert names[1].casefold() == "dinas ketahanan pangan daerah kabupaten seluma"


def test_a_title_of_three_parties_split_by_line_end_commas_keeps_three_names():
    text = AGENCY.replace(
        "UNIVERSITAS RAFFLESIA\nDAN\nDINAS",
        "UNIVERSITAS RAFFLESIA,\nBADAN PUSAT STATISTIK KABUPATEN SELUMA,\nDAN\nDINAS",
    )
    from extractors.normalise import build_doctext
    from extractors.parties import _title_block_names
    from extractors.segment import segment

    doc = build_doctext([Page(1, text, "ocr")])
    assert [n.casefold() for n in _title_block_names(doc, segment(doc.text))] == [
        "universitas rafflesia",
        "badan pusat statistik kabupaten seluma",
        "dinas ketahanan pangan daerah kabupaten seluma",
    ]


def test_scan_debris_around_the_title_words_still_gives_whole_names():
    text = (
        "PERJANJIAN KERJA SAMA\n: -ANTARA\nBADAN PEMBINAAN HUKUM NASIONAL KEMENTERIAN HUKUM DAN HAK\n"
        "ASASI MANUSIA ~\nDAN.\nUNIVERSITAS NEGERI | SEMARANG,\n: PEMERINTAH KOTA SEMARANG, |\nDAN\n"
        "PT KERETA API INDONESIA (PERSERO)\n5 TENTANG\nPENYULUHAN DAN BANTUAN HUKUM\n\nNomor: 12/2018\n"
    )
    from extractors.normalise import build_doctext
    from extractors.parties import _title_block_names
    from extractors.segment import segment

    doc = build_doctext([Page(1, text, "ocr")])
    assert [n.casefold() for n in _title_block_names(doc, segment(doc.text))] == [
        "badan pembinaan hukum nasional kementerian hukum dan hak asasi manusia",
        "universitas negeri semarang",
        "pemerintah kota semarang",
        "pt kereta api indonesia (persero)",
    ]


def test_a_list_markers_speck_with_a_stroke_before_an_organisation_is_dropped():
    from extractors.names import clean_org

    assert clean_org("L- Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Jambi") == (
        "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Jambi"
    )
    assert clean_org("L. ‘Universitas Negeri Jambi") == "Universitas Negeri Jambi"
    assert clean_org("PT. Bank Rakyat Indonesia") == "PT. Bank Rakyat Indonesia"


def test_digits_whose_spelled_twin_ocr_garbled_still_give_the_duration():
    from extractors.durations import find_durations

    assert [d.months for d in find_durations("remain in force for a period of 12 (tweive) months.")] == [12]
    assert find_durations("berlaku (tweive) months") == []  # no digits: nothing to trust


def test_an_explicit_start_date_behind_a_speck_word():
    text = MOU.replace(
        "(1) Nota Kesepahaman ini berlaku 3 (tiga) tahun sejak ditandatangani dan dapat diperpanjang.",
        "(1) Nota Kesepahaman ini berlaku untuk jangka waktu 3 (tiga) tahun terhitung mulai ae 1 Juli\n2021.",
    )
    assert _fields(text)["effective_date"].value == "2021-07-01"


def test_a_garbled_from_signing_cue_still_starts_the_term_at_signing():
    for cue in ("sejak sanggal diandetangani", "sejak tanggal ditandatangani"):
        text = MOU.replace("sejak ditandatangani", cue)
        assert _fields(text)["effective_date"].value == "2021-05-03", cue
    english = "This Memorandum shall come into effect on the date ot signing and remain in force for 2 years."
    from extractors.dateslots import FROM_SIGNING_RE

    assert FROM_SIGNING_RE.search(english)


def test_an_article_line_with_scan_debris_and_a_speck_inside_its_heading_still_heads_the_scope():
    text = MOU.replace("Pasal 1\nRUANG LINGKUP", '"Pasal1 | |\n: ‘-RUANG.LINGKUP.').replace(
        "meliputi penelitian bersama dan pelatihan pegawai.",
        "meliputi:\na. Penelitian bersama di bidang pangan:\nb. Pelatihan pegawai daerah:",
    )
    scope = [s.value for s in _fields(text)["scope"]]
    assert [" ".join(s.rstrip(":;. ").split()) for s in scope] == [
        "Penelitian bersama di bidang pangan",
        "Pelatihan pegawai daerah",
    ]


def test_a_colon_glued_into_a_degree_and_role_or_organisation_lines_in_the_signature_block():
    text = REGIONAL + (
        "\nPasal 2\nPENUTUP\nNota Kesepakatan ini dibuat dalam rangkap 2 (dua) asli.\n\n"
        '-PIHAKKESATU, "PIHAK KEDUA,\n\nREKTOR UNIVERSITAS RAFFLESIA, DEPUTI DIREKTUR WILAYAH\n\n'
        ". SUMATERA BAGIAN SELATAN DAN BANGKA BELITUNG,\n\n"
        "Prof. Dr. Ridwan Nurdin, S.H., M.Hum.\n\nDrs. Bambang Wijaya, $.Kom:, M.M.\n"
    )
    from extractors.normalise import build_doctext
    from extractors.segment import segment
    from extractors.signatures import signatories

    doc = build_doctext([Page(1, text, "ocr")])
    assert signatories(doc, segment(doc.text)) == ["Ridwan Nurdin", "Bambang Wijaya"]


def test_a_role_or_a_conjunction_is_never_part_of_a_persons_name():
    from extractors.names import person_like

    assert not person_like("“pihak Kedua")
    assert not person_like("Hukum Dan Hak Asasi Manusia")
    assert person_like("Bambang Wijaya")
    assert person_like("Ana van der Berg")


ENGLISH_OPENING = """MEMORANDUM OF UNDERSTANDING
BETWEEN
DIRECTORATE GENERAL OF CORRECTIONS
AND
DEPARTMENT OF CORRECTIONS OF THE REPUBLIC OF PALAU
ON
REHABILITATION OF INMATES

This Memorandum of Understanding is made on this 25th day of October 2023 in Koror between Directorate
General of Corrections, a government institution of the Republic of Indonesia, having its address at Jalan
Veteran Nomor 11, Jakarta (hereinafter "DGC"), and Department of Corrections of the Republic of Palau, a
government institution of its country, having its address at 241 Campus Drive, Koror (hereinafter "DCP*).

DGC and DCP are hereinafter collectively referred to as the Parties, who agree as follows:
Article 1
PURPOSE
The purpose of this Memorandum is cooperation in the rehabilitation of inmates.
"""


def test_a_closing_quote_read_as_a_speck_still_defines_the_party():
    parties = {p.value.role: p.value.name for p in _fields(ENGLISH_OPENING)["parties"]}
    assert parties == {
        "DGC": "Directorate General of Corrections",
        "DCP": "Department of Corrections of the Republic of Palau",
    }
