"""Obligations: mixed 'Hak dan Kewajiban X:' lists, rights among duties, attached documents, dash padding."""

import pytest

from extractors import extract_fields
from extractors.lists import split_items
from extractors.obligations import _is_right
from schemas.pages import Page


def test_dash_padding_dropped_from_items():
    items = split_items("a. Menyediakan ruang kerja.---------- nnn ana\nb. Menyediakan mentor; ------ ee\n")
    assert [i.text for i in items] == ["Menyediakan ruang kerja", "Menyediakan mentor"]


def test_right_opening_but_not_prohibition_or_mixed():
    assert _is_right("L Berhak memberikan teguran kepada peserta")
    assert not _is_right("Peserta tidak berhak menuntut menjadi karyawan")
    assert not _is_right("PIHAK KEDUA berhak dan berkewajiban menyusun laporan")


def test_a_word_wrapped_after_dan_continues_the_item():
    # A line ending in a bare 'dan' is a wrapped sentence, not the end of an item ('...; dan' is).
    body = (
        "a. Mengawasi jalannya kegiatan Pengabdian dan\nPemberdayaan Masyarakat sesuai rencana;\n"
        "b. Menyusun laporan akhir; dan\nMengembalikan sisa dana.\n"
    )
    assert [i.text for i in split_items(body)] == [
        "Mengawasi jalannya kegiatan Pengabdian dan Pemberdayaan Masyarakat sesuai rencana",
        "Menyusun laporan akhir",
        "Mengembalikan sisa dana",
    ]


def test_semicolon_read_as_colon_before_dan_ends_the_item():
    body = "Pelatihan guru:\nPenelitian bersama: dan\nPertukaran dosen.\n"
    assert [i.text for i in split_items(body)] == ["Pelatihan guru", "Penelitian bersama", "Pertukaran dosen"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # digits under letters, after an item ending with a colon
            "a. Menyediakan data;\nb. Memutuskan perjanjian dalam hal:\n1) terjadi wanprestasi;\n"
            "2) dana disalahgunakan.\nc. Menerbitkan sertifikat.\n",
            [
                "Menyediakan data",
                "Memutuskan perjanjian dalam hal: 1) terjadi wanprestasi; 2) dana disalahgunakan",
                "Menerbitkan sertifikat",
            ],
        ),
        (  # roman numerals under letters: 'i.' is a sub-item, not the ninth letter
            "a) Menunjuk koordinator;\nb) Peserta mempunyai kewajiban:\ni. mengikuti pelatihan;\n"
            "ii. menyusun laporan;\niii. menjaga nama baik.\nc) Membayar honor.\n",
            [
                "Menunjuk koordinator",
                "Peserta mempunyai kewajiban: i. mengikuti pelatihan; ii. menyusun laporan; "
                "iii. menjaga nama baik",
                "Membayar honor",
            ],
        ),
        (  # a letter list that reaches 'i' keeps 'i' as its ninth item
            "".join(f"{c}. Tugas nomor {n};\n" for n, c in enumerate("abcdefghij", 1)),
            [f"Tugas nomor {n}" for n in range(1, 11)],
        ),
        (  # a roman list on its own
            "i. Menyusun program;\nii. Melaksanakan program;\niii. Mengevaluasi program.\n",
            ["Menyusun program", "Melaksanakan program", "Mengevaluasi program"],
        ),
        (  # a lost marker read as '&' after a colon-ended item
            "a. Mengisi laporan bulanan:\n& Mengembalikan sisa dana:\nh. Mematuhi ketentuan.\n",
            ["Mengisi laporan bulanan", "Mengembalikan sisa dana", "Mematuhi ketentuan"],
        ),
    ],
)
def test_nested_lists_stay_inside_their_parent(body, expected):
    assert [i.text for i in split_items(body)] == expected


def _obligations(body: str) -> list:
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nRUANG LINGKUP\nPelatihan.\n\n"
        f"Pasal 5\nHAK DAN KEWAJIBAN PARA PIHAK\n{body}\n\nPasal 6\nPENUTUP\nSelesai.\n"
    )
    return [f.value for f in extract_fields([Page(1, text, "ocr")])["obligations"]]


def test_rights_headed_by_memiliki_hak_are_dropped_and_inline_duties_kept():
    body = (
        "1. PIHAK PERTAMA memiliki hak-hak sebagai berikut:\n"
        "a. Meminta dokumen pertanggungjawaban kegiatan;\n"
        "b. Meninjau lokasi kegiatan penelitian.\n"
        "2. PIHAK PERTAMA berkewajiban untuk menyalurkan dana penelitian sesuai jadwal.\n"
        "3. PIHAK KEDUA berhak atas dana penelitian selama jangka waktu perjanjian.\n"
        "4. PIHAK KEDUA berkewajiban untuk:\n"
        "a. Menggunakan dana hanya untuk kegiatan penelitian;\n"
        "b. Menyampaikan laporan akhir kepada PIHAK PERTAMA.\n"
    )
    found = [(o.party, o.text) for o in _obligations(body)]
    assert found == [
        ("PIHAK PERTAMA", "PIHAK PERTAMA berkewajiban untuk menyalurkan dana penelitian sesuai jadwal"),
        ("PIHAK KEDUA", "Menggunakan dana hanya untuk kegiatan penelitian"),
        ("PIHAK KEDUA", "Menyampaikan laporan akhir kepada PIHAK PERTAMA"),
    ]


def test_numbered_english_obligations_article_and_sub_headings():
    text = (
        "RESEARCH AGREEMENT\n\nTHIS RESEARCH AGREEMENT is made on 1 May 2020.\n\n"
        "1. Objectives of this Agreement\n\nThe Parties shall cooperate in joint research.\n\n"
        "2. Obligations of the Parties\n\n2.1 Alpha's Obligations\n"
        "(i) To host visiting staff of Beta;\n(ii) To provide laboratory access.\n"
        "2.2 Beta's Obligations\n(i) To send two researchers every year.\n\n"
        "3. Term of Agreement\n\nThis Agreement is valid for 3 (three) years.\n"
    )
    found = [o.value.text for o in extract_fields([Page(1, text, "ocr")])["obligations"]]
    assert found == [
        "To host visiting staff of Beta",
        "To provide laboratory access",
        "To send two researchers every year",
    ]


def test_em_dash_padding_and_garbled_paren_markers():
    body = (
        "(1) PIHAK KEDUA menyelenggarakan pelatihan bagi peserta.— nn nnn nn nee\n"
        "(2?) PIHAK KESATU menyediakan ruang kerja bagi peserta. ——\n"
        "(3) Peserta dievaluasi secara berkala.\n"
    )
    assert [i.text for i in split_items(body)] == [
        "PIHAK KEDUA menyelenggarakan pelatihan bagi peserta",
        "PIHAK KESATU menyediakan ruang kerja bagi peserta",
        "Peserta dievaluasi secara berkala",
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "Hlm 2 dari 8 hlm\n\nPihak 1: Pihak 2: | Pihak 3:",
        "Paraf\nPihak I Pihak II Pihak III",
        "-2- Nota Kesepahaman",
    ],
)
def test_page_number_and_paraf_box_between_items_are_dropped(furniture):
    body = (
        f"Pendidikan dan pengajaran,\nPenelitian,\n\n{furniture}\n"
        "Pengabdian kepada masyarakat,\nPublikasi bersama.\n"
    )
    assert [i.text for i in split_items(body)] == [
        "Pendidikan dan pengajaran",
        "Penelitian",
        "Pengabdian kepada masyarakat",
        "Publikasi bersama",
    ]


def test_lingkup_perjanjian_heading_is_the_scope_article():
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nMAKSUD DAN TUJUAN\nKerja sama.\n\nPasal 2\nLINGKUP PERJANJIAN\n"
        "Lingkup Perjanjian ini meliputi kegiatan:\na. Pendidikan;\nb. Penelitian.\n\n"
        "Pasal 3\nJANGKA WAKTU\nDua tahun.\n"
    )
    assert [f.value for f in extract_fields([Page(1, text, "ocr")])["scope"]] == ["Pendidikan", "Penelitian"]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Pasal 2\nPELAKSANAAN\nRuang lingkup kerja sama ini meliputi:\na. Pendidikan dan pelatihan;\n"
            "b. Penelitian bersama;\nc. Pengabdian kepada masyarakat.\nKegiatan diatur lebih lanjut.\n",
            ["Pendidikan dan pelatihan", "Penelitian bersama", "Pengabdian kepada masyarakat"],
        ),
        (
            "Article 2\nOBJECTIVES\nThe Parties shall cooperate in the following areas:\n"
            "(i) Joint research;\n(ii) Exchange of staff; and\n(iii) Joint seminars.\n",
            ["Joint research", "Exchange of staff", "Joint seminars"],
        ),
    ],
)
def test_scope_list_inside_an_article_named_otherwise(article, expected):
    text = (
        f"NOTA KESEPAHAMAN\n\nPasal 1\nMAKSUD\nKerja sama.\n\n{article}\nPasal 3\nJANGKA WAKTU\nDua tahun.\n"
    )
    assert [f.value for f in extract_fields([Page(1, text, "ocr")])["scope"]] == expected


def test_no_scope_list_without_a_scope_intro():
    text = (
        "NOTA KESEPAHAMAN\n\nPasal 1\nMAKSUD\nKerja sama.\n\nPasal 2\nPELAKSANAAN\nPARA PIHAK wajib:\n"
        "a. Menyusun program;\nb. Melaporkan hasil.\n\nPasal 3\nJANGKA WAKTU\nDua tahun.\n"
    )
    assert extract_fields([Page(1, text, "ocr")])["scope"] == []


def _texts(articles: str) -> list[str]:
    text = (
        "PERJANJIAN KERJA SAMA\n\nPada hari ini Senin, yang bertanda tangan di bawah ini:\n"
        "1. Budi, Rektor, selanjutnya disebut PIHAK KESATU.\n"
        "2. Ani, Direktur, selanjutnya disebut PIHAK KEDUA.\n\n"
        f"Pasal 1\nRUANG LINGKUP\nPelatihan.\n\n{articles}\n\nPasal 9\nPENUTUP\nSelesai.\n"
    )
    return [f.value.text for f in extract_fields([Page(1, text, "ocr")])["obligations"]]


def test_duties_outside_the_obligations_article():
    found = _texts(
        "Pasal 2\nPELAKSANAAN\n(1) Pelaksanaan kerja sama ini tunduk pada peraturan yang berlaku\n"
        "(2) PARA PIHAK akan menunjuk wakil-wakilnya untuk memperlancar kegiatan.\n"
        "(3) PIHAK KESATU menyerahkan sertifikat kepada peserta yang telah selesai magang.\n"
        "(4) PIHAK KEDUA melaporkan hasil kegiatan kepada PIHAK KESATU setiap bulan.\n\n"
        "Pasal 3\nPAJAK\nSegala pajak yang timbul akibat perjanjian ini menjadi tanggung jawab "
        "masing-masing PIHAK.\n\nPasal 4\nKERAHASIAAN\nPARA PIHAK menjamin akan menjaga setiap data "
        "yang diperoleh dari kerja sama ini sebagai rahasia.\nKewajiban menjaga kerahasiaan menjadi "
        "tidak berlaku apabila informasi telah menjadi milik umum."
    )
    assert found == [
        "PARA PIHAK akan menunjuk wakil-wakilnya untuk memperlancar kegiatan",
        "PIHAK KESATU menyerahkan sertifikat kepada peserta yang telah selesai magang",
        "PIHAK KEDUA melaporkan hasil kegiatan kepada PIHAK KESATU setiap bulan",
        "Segala pajak yang timbul akibat perjanjian ini menjadi tanggung jawab masing-masing PIHAK",
        "PARA PIHAK menjamin akan menjaga setiap data yang diperoleh dari kerja sama ini sebagai rahasia",
    ]


def test_rights_intros_breaches_and_taxpayer_numbers_are_not_duties():
    found = _texts(
        "Pasal 2\nPELAKSANAAN\n(1) PIHAK KEDUA berhak menerima laporan kegiatan dari peserta.\n"
        "(2) PIHAK KEDUA menerima honorarium sesuai ketentuan yang berlaku.\n"
        "(3) PIHAK KEDUA dengan ini memberikan pernyataan dan jaminan sebagai berikut:\n\n"
        "Pasal 3\nPEMUTUSAN\nPerjanjian berakhir apabila PIHAK KEDUA melakukan cedera janji.\n"
        "a. PIHAK KEDUA melakukan pelanggaran terhadap ketentuan perjanjian ini;\n\n"
        "Pasal 4\nPERSYARATAN\nDokumen berupa salinan Nomor Pokok Wajib Pajak dan buku tabungan peserta."
    )
    assert found == []


def test_scope_prefers_a_ruang_lingkup_heading_read_with_ocr_noise():
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nOBJEK PERJANJIAN\n"
        "Objek perjanjian ini adalah kegiatan pengabdian.\n\n"
        "Pasal 2\nRLANG LINGKUP\nRuang lingkup perjanjian ini meliputi:\na. Pelatihan warga;\n"
        "b. Pengelolaan sampah terpadu.\n\nPasal 3\nJANGKA WAKTU\nDua tahun.\n"
    )
    assert [f.value for f in extract_fields([Page(1, text, "ocr")])["scope"]] == [
        "Pelatihan warga",
        "Pengelolaan sampah terpadu",
    ]


@pytest.mark.parametrize("heading", ["Areas of Cooperation", "FORMS OF COLLABORATION", "BENTUK KERJA SAMA"])
def test_scope_heading_words(heading):
    text = (
        f"MEMORANDUM OF UNDERSTANDING\n\nArticle 1\nPURPOSE\nTo cooperate.\n\nArticle 2\n{heading}\n"
        "The cooperation includes:\na. Joint research;\nb. Staff exchange.\n\nArticle 3\nTERM\nTwo years.\n"
    )
    assert [f.value for f in extract_fields([Page(1, text, "ocr")])["scope"]] == [
        "Joint research",
        "Staff exchange",
    ]


def test_a_list_lead_in_is_not_a_scope_item():
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 1\nRUANG LINGKUP\nRuang lingkup perjanjian ini adalah\n"
        "PARA PIHAK sepakat membagi kewajiban di mana:\n1. PIHAK PERTAMA menyediakan lokasi kegiatan;\n"
        "2. PIHAK KEDUA menyediakan tenaga ahli.\n\nPasal 2\nJANGKA WAKTU\nDua tahun.\n"
    )
    assert [f.value for f in extract_fields([Page(1, text, "ocr")])["scope"]] == [
        "PIHAK PERTAMA menyediakan lokasi kegiatan",
        "PIHAK KEDUA menyediakan tenaga ahli",
    ]


def test_sentence_scope_fallback_reads_the_articles_not_the_title():
    text = (
        "NOTA KESEPAHAMAN TENTANG KERJA SAMA DI BIDANG PENDIDIKAN, PENELITIAN DAN PENGABDIAN\n\n"
        "Pasal 1\nMAKSUD\nSaling mendukung.\n\nPasal 2\nJANGKA WAKTU\nDua tahun.\n"
    )
    assert extract_fields([Page(1, text, "ocr")])["scope"] == []
    letter = (
        "LETTER OF INTENT\n\nThe parties intend to develop cooperation in education, research and culture."
    )
    assert [f.value for f in extract_fields([Page(1, letter, "ocr")])["scope"]] == [
        "education",
        "research",
        "culture",
    ]


def test_a_duty_list_announced_in_another_article():
    found = _texts(
        "Pasal 2\nPELAKSANAAN\nPIHAK KESATU berkewajiban:\na. Menyediakan ruang kelas bagi peserta;\n"
        "b. Menunjuk pembimbing lapangan.\nKegiatan dilaksanakan di kampus.\n"
    )
    assert found == ["Menyediakan ruang kelas bagi peserta", "Menunjuk pembimbing lapangan"]


def test_duty_lists_of_a_contract_without_articles():
    text = (
        "KONTRAK SWAKELOLA\nNOMOR : 12/PPK/2021\n"
        "Kontrak ini dibuat dan ditandatangani pada hari Senin tanggal satu bulan Maret antara:\n"
        "1. Budi Santoso, selaku Pejabat Pembuat Komitmen yang bertindak untuk dan atas nama Badan Riset "
        'Daerah, selanjutnya disebut "PPK" dan\n'
        "2. Ani Lestari, selaku Ketua Tim yang bertindak untuk dan atas nama Universitas Maju, selanjutnya "
        'disebut "Pelaksana Swakelola".\n'
        "PPK dan Pelaksana Swakelola bersepakat sebagai berikut:\n"
        "1. Nilai kontrak adalah Rp100.000.000.\n"
        "2. Hak dan kewajiban PPK dan Pelaksana Swakelola meliputi:\n"
        "a. PPK mempunyai hak dan kewajiban untuk:\n"
        "1) meminta laporan pelaksanaan pekerjaan;\n2) membayar pekerjaan sesuai harga kontrak;\n"
        "b. Pelaksana Swakelola mempunyai hak dan kewajiban untuk:\n"
        "1) menerima pembayaran sesuai harga kontrak;\n2) menyerahkan hasil pekerjaan sesuai jadwal;\n"
        "3) melaporkan pelaksanaan pekerjaan kepada PPK.\n"
        "3. Pembayaran dilakukan dalam dua termin.\n"
    )
    found = [(o.value.party, o.value.text) for o in extract_fields([Page(1, text, "ocr")])["obligations"]]
    assert found == [
        ("PPK", "membayar pekerjaan sesuai harga kontrak"),
        ("Pelaksana Swakelola", "menyerahkan hasil pekerjaan sesuai jadwal"),
        ("Pelaksana Swakelola", "melaporkan pelaksanaan pekerjaan kepada PPK"),
    ]


def test_table_pipes_after_an_item_end_do_not_glue_the_next_item():
    body = "a. Mengisi laporan bulanan pada aplikasi: | |\nMengembalikan sisa dana:\nb. Mematuhi ketentuan.\n"
    assert [i.text for i in split_items(body)] == [
        "Mengisi laporan bulanan pada aplikasi",
        "Mengembalikan sisa dana",
        "Mematuhi ketentuan",
    ]


def test_definitions_permissions_and_closing_formulas_are_not_duties():
    found = _texts(
        "Pasal 2\nEVALUASI\nEvaluasi adalah kegiatan penilaian secara berkala oleh PIHAK KESATU.\n"
        "Untuk melaksanakan kegiatan ini, PARA PIHAK dapat menunjuk unit kerja masing-masing.\n"
        "PARA PIHAK wajib melakukan evaluasi setiap 6 (enam) bulan.\n\n"
        "Pasal 3\nPELAKSANAAN\nThe Parties hereto have executed this Agreement in their respective names "
        "and it is signed by the authorised party."
    )
    assert found == ["PARA PIHAK wajib melakukan evaluasi setiap 6 (enam) bulan"]


def test_running_footer_with_a_page_number_is_dropped_between_items():
    body = (
        "(i) To host visiting staff;\nUniversity Alpha & University Beta, Indonesia Page 2\n"
        "(ii) To provide laboratory access.\n"
    )
    assert [i.text for i in split_items(body)] == ["To host visiting staff", "To provide laboratory access"]


def test_an_item_of_several_full_sentences_is_one_duty_per_sentence():
    text = (
        "MEMORANDUM OF UNDERSTANDING\n\nArticle 1\nPURPOSE\nTo cooperate.\n\nArticle 2\nRESPONSIBILITIES\n"
        "Alpha Foundation will communicate grant opportunities to the liaison of the University. Alpha "
        "Foundation and the University will collaborate on joint grant proposals as needed.\n\n"
        "Article 3\nTERM\nTwo years.\n"
    )
    found = [o.value.text for o in extract_fields([Page(1, text, "ocr")])["obligations"]]
    assert found == [
        "Alpha Foundation will communicate grant opportunities to the liaison of the University",
        "Alpha Foundation and the University will collaborate on joint grant proposals as needed",
    ]
    # A short sentence (under six words) keeps the item whole.
    whole = _texts(
        "Pasal 2\nKEWAJIBAN\nPIHAK KEDUA wajib menyusun laporan. Laporan diserahkan kepada PIHAK KESATU.\n"
    )
    assert whole == ["PIHAK KEDUA wajib menyusun laporan. Laporan diserahkan kepada PIHAK KESATU"]
