"""Party clauses: signatory names behind titles, ranks and OCR-mangled list markers (no OCR)."""

from __future__ import annotations

import pytest

from extractors.names import clean_org, clean_person, org_like, person_like
from extractors.normalise import build_doctext
from extractors.parties import extract_parties
from extractors.segment import segment
from schemas.pages import Page

OPENING = "Pada hari ini Senin tanggal 3 Mei 2021, yang bertanda tangan di bawah ini:\n\n"
ID_CLAUSE = (
    "{marker}{name}, Kepala Dinas Pendidikan Provinsi Bali, dalam hal ini bertindak untuk dan atas\n"
    "nama Dinas Pendidikan Provinsi Bali, berkedudukan di Denpasar, selanjutnya disebut PIHAK {role}.\n\n"
)
EN_CLAUSE = (
    "{marker}{name}, Vice-Chancellor of Deakin University, acting for and on behalf of Deakin\n"
    "University, hereinafter referred to as the {role} PARTY.\n\n"
)


def _parties(text: str) -> list:
    doc = build_doctext([Page(1, text, "ocr")])
    return [f.value for f in extract_parties(doc, segment(doc.text), None)]


@pytest.mark.parametrize(
    ("marker", "name", "expected"),
    [
        ("1. ", "Prof. Dr. Ahmad Santoso, S.E., M.Sc.", "Ahmad Santoso"),
        ("I. ", "Hj. Fitri Wijaya, S.Sos., M.Si.", "Fitri Wijaya"),  # Hj. is not H. + 'j.'
        ("|. ", "Drs. Sri Mahendra, S.H., M.Hum.", "Sri Mahendra"),  # OCR of 'I.'
        ("ll. ", "Dr. H. Sri Wibowo, S.Sos.", "Sri Wibowo"),  # OCR of 'II.'
        ("LI. ", "Ratna Harahap, S.E., M.M.", "Ratna Harahap"),
        ("", "Ir. Arif Pangaribuan, M.A.", "Arif Pangaribuan"),  # no marker, titled name
        ("Il. ", "Brigjen. Pol. Rahmat Ramadhan", "Rahmat Ramadhan"),  # police rank dropped
    ],
)
def test_indonesian_signatory_behind_marker_and_titles(marker: str, name: str, expected: str) -> None:
    text = OPENING + ID_CLAUSE.format(marker=marker, name=name, role="PERTAMA")
    (party,) = _parties(text)
    assert party.representative == expected
    assert party.role == "PIHAK PERTAMA"


@pytest.mark.parametrize(
    ("marker", "name", "expected"),
    [
        ("", "Prof. Hendrik de Vries", "Hendrik de Vries"),  # lower-case particle
        ("2. ", "H.E. Chen Wei-Lin", "Chen Wei-Lin"),
        ("", "Dr. Nurul Huda binti Osman", "Nurul Huda binti Osman"),
    ],
)
def test_english_signatory_with_particles(marker: str, name: str, expected: str) -> None:
    text = "This Memorandum of Understanding is made between:\n\n" + EN_CLAUSE.format(
        marker=marker, name=name, role="FIRST"
    )
    (party,) = _parties(text)
    assert party.representative == expected


def test_detached_markers_and_dashed_role() -> None:
    """OCR split the 'I.'/'II.' markers onto their own lines and read 'PIHAK -\\nPERTAMA'."""
    text = (
        OPENING + "LE\n\nIl.\n\n"
        "Hj. Retno Santoso, Rektor Universitas Mulawarman, dalam hal ini bertindak untuk dan atas\n"
        "nama Universitas Mulawarman, berkedudukan di Samarinda, selanjutnya disebut PIHAK -\nPERTAMA.\n\n"
        "Ir. Ikhsan Santoso, S.H., M.Hum., Wali Kota Balikpapan, dalam hal ini bertindak untuk\n"
        "dan atas nama Pemerintah Kota Balikpapan, selanjutnya disebut PIHAK KEDUA.\n"
    )
    parties = _parties(text)
    assert [(p.role, p.representative) for p in parties] == [
        ("PIHAK PERTAMA", "Retno Santoso"),
        ("PIHAK KEDUA", "Ikhsan Santoso"),
    ]
    assert parties[0].name == "Universitas Mulawarman"


def test_place_line_is_not_a_signatory() -> None:
    """An untitled, unnumbered line ending in ', dalam hal ini' is an address, not a name."""
    text = OPENING + (
        "1. Ir. Suharto Handayani\n: Kepala Badan Perencanaan Kabupaten Bengkulu Utara yang berkedudukan\n"
        "di Jalan Jenderal Sudirman No 05\nArgamakmur Bengkulu Utara, dalam hal ini bertindak\n"
        "untuk dan atas nama Pemerintah Daerah Bengkulu Utara disebut sebagai PIHAK KEDUA\n"
    )
    (party,) = _parties(text)
    assert party.representative == "Suharto Handayani"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hj. Retno Santoso, S.H.", "Retno Santoso"),
        ("Brigjen. Pol. Rahmat Ramadhan", "Rahmat Ramadhan"),
        ("H.E. Chen Wei-Lin", "Chen Wei-Lin"),
        ("Hendrawan Putra", "Hendrawan Putra"),  # 'H' inside a name is not a title
    ],
)
def test_clean_person_drops_titles_and_ranks(raw: str, expected: str) -> None:
    assert clean_person(raw) == expected


@pytest.mark.parametrize(
    ("name", "ok"),
    [("Hendrik de Vries", True), ("Nurul Huda binti Osman", True), ("de Vries", False), ("pada hari", False)],
)
def test_person_like_allows_name_particles(name: str, ok: bool) -> None:
    assert person_like(name) is ok


@pytest.mark.parametrize(
    "name",
    ["Universiti Brunei Darussalam", "Université de Lille", "Universidad de Chile", "Universitas Andalas"],
)
def test_university_spellings_are_organisations(name: str) -> None:
    assert org_like(name)


def test_clause_opening_with_the_organisation_names_it_not_its_parent() -> None:
    """'Fakultas X Universitas Y, dalam hal ini diwakili oleh ...': the faculty is the party even though
    the signatory acts 'untuk dan atas nama' the university; a name without organisation words too."""
    text = OPENING.replace("yang bertanda tangan di bawah ini", "oleh dan antara") + (
        "Fakultas Pertanian Universitas Mataram, dalam hal ini diwakili oleh Dr. Ani Lestari, S.P.,\n"
        "jabatan Dekan, oleh karena itu sah bertindak untuk dan atas nama Universitas Mataram, yang\n"
        "berkedudukan di Mataram, selanjutnya disebut sebagai PIHAK KESATU;\n\n"
        "Lombok Post Media Grup, dalam hal ini diwakili oleh Budi Hartono, jabatan Direktur, oleh karena\n"
        "itu sah bertindak untuk dan atas nama Lombok Post Media Grup, yang berkedudukan di Jl. Pejanggik\n"
        "No. 3 Mataram, untuk selanjutnya disebut sebagai PIHAK KEDUA;\n\n"
    )
    parties = _parties(text)
    assert [p.name for p in parties] == ["Fakultas Pertanian Universitas Mataram", "Lombok Post Media Grup"]
    assert [p.representative for p in parties] == ["Ani Lestari", "Budi Hartono"]


def test_english_opening_a_university_established_under() -> None:
    text = (
        "THIS AGREEMENT is made on 3 May 2021\n\nBETWEEN\n\n"
        "UNIVERSITI TEKNOLOGI PERLIS, a public institution of higher learning established under the\n"
        'Universities Act 1971, with its main campus at Arau, Perlis (hereinafter referred to as "UTP"),\n'
        "of the first part;\n\nAND\n\n"
        "UNIVERSITAS JEMBER, INDONESIA, a public university established under Presidential Decree, with\n"
        'its campus at Jember (hereinafter referred to as "UNEJ"), of the second part.\n\n'
    )
    assert [p.name for p in _parties(text)] == ["UNIVERSITI TEKNOLOGI PERLIS", "UNIVERSITAS JEMBER"]


@pytest.mark.parametrize(
    ("acting", "expected"),
    [
        ("Bertindak atas nama Dekan Fakultas Hukum,", "Fakultas Hukum Universitas Jambi"),  # post -> its unit
        ("secara sah mewakili dan bertindak untuk dan atas nama PT Karya Baru Abadi,", "PT Karya Baru Abadi"),
        ("dalam hal ini mewakili Universitas\nJambi berdasarkan Keputusan Rektor,", "Universitas Jambi"),
    ],
)
def test_whom_the_signatory_acts_for(acting: str, expected: str) -> None:
    text = OPENING + (
        "Nama : Dr. Sri Handayani, S.H.\nJabatan : Dekan Fakultas Hukum Universitas Jambi\n\n"
        f"{acting} selanjutnya disebut sebagai PIHAK PERTAMA\n\n"
    )
    assert _parties(text)[0].name == expected


def test_an_address_running_on_from_the_name_is_cut_unless_the_name_holds_it() -> None:
    assert (
        clean_org("Kelompok Tani Subur Makmur Kecamatan Selebar Kota Bengkulu")
        == "Kelompok Tani Subur Makmur"
    )
    assert clean_org("Koperasi Nelayan Sejahtera Desa Pasar Baru") == "Koperasi Nelayan Sejahtera"
    assert clean_org("Kantor Kecamatan Ratu Samban") == "Kantor Kecamatan Ratu Samban"
    assert clean_org("Pemerintah Desa Sukamaju") == "Pemerintah Desa Sukamaju"


@pytest.mark.parametrize(
    "block",
    [
        "1. Yuwono Hadi : Kepala Kantor Perwakilan Bank Jateng, dalam hal ini bertindak untuk dan atas nama\n"
        "Bank Jateng, selanjutnya disebut PIHAK PERTAMA;\n\n",
        "Dr. Yuwono Hadi, S.H., M.H., LL.M.\nKetua Bidang Kerja Sama Bank Jateng, dalam hal ini bertindak\n"
        "untuk dan atas nama Bank Jateng, selanjutnya disebut PIHAK PERTAMA.\n\n",
    ],
)
def test_signatory_apart_from_the_post(block: str) -> None:
    parties = _parties(OPENING + block)
    assert parties[0].representative == "Yuwono Hadi"
    assert parties[0].name == "Bank Jateng"


def test_a_role_only_clause_takes_the_one_organisation_the_title_has_left() -> None:
    title = "PERJANJIAN KERJA SAMA ANTARA UNIVERSITAS JAMBI DENGAN YAYASAN CAHAYA ANAK NEGERI TENTANG MAGANG"
    text = OPENING + (
        "1. Dr. Sri Handayani, S.H., Rektor Universitas Jambi, dalam hal ini bertindak untuk dan atas nama\n"
        "Universitas Jambi, selanjutnya disebut PIHAK PERTAMA;\n\n"
        "2. Budi Hartono, S.E., dalam hal ini bertindak selaku Ketua, selanjutnya disebut PIHAK KEDUA.\n\n"
    )
    doc = build_doctext([Page(1, text, "ocr")])
    parties = [f.value for f in extract_parties(doc, segment(doc.text), title)]
    assert [p.name for p in parties] == ["Universitas Jambi", "YAYASAN CAHAYA ANAK NEGERI"]
    assert [p.role for p in parties] == ["PIHAK PERTAMA", "PIHAK KEDUA"]
    untitled = [f.value for f in extract_parties(doc, segment(doc.text), None)]
    assert untitled[1].name == "PIHAK KEDUA"  # nothing to take it from: the role stays, visibly


def test_english_definition_followed_by_and_as_the_first_party() -> None:
    text = (
        "JOINT AGREEMENT\n\nThe President of Harbor Learning Foundation, Inc., acting for and on behalf of\n"
        'Harbor Learning Foundation, Inc., located in Tampa, hereinafter referred to as "Harbor" and as the\n'
        "FIRST PARTY.\nThe Rector of Universitas Riau, acting for and on behalf of Universitas Riau,\n"
        'located in Pekanbaru, hereinafter referred to as "UNRI" and as the SECOND PARTY.\n\n'
    )
    assert [p.role for p in _parties(text)] == ["Harbor", "UNRI"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # inline English opening: the name after 'between', 'The' kept as written
            "THIS MEMORANDUM OF UNDERSTANDING is made between The University of Queensland, a university\n"
            'established under the laws of Queensland, Australia (hereinafter "UQ"), and Universitas\n'
            'Bengkulu, a public university established under the laws of Indonesia (hereinafter "UNIB").\n\n',
            ["The University of Queensland", "Universitas Bengkulu"],
        ),
        (  # name blocks without any authority word
            "THIS AGREEMENT is entered into by and between:\n\nTHE UNIVERSITY OF TOKYO\n7-3-1 Hongo, Tokyo\n"
            '(hereinafter referred to as "UTokyo")\n\nand\n\nUNIVERSITAS BENGKULU\nJalan Supratman\n'
            '(hereinafter referred to as "UNIB")\n\n',
            ["THE UNIVERSITY OF TOKYO", "UNIVERSITAS BENGKULU"],
        ),
        (  # a unit and its institution, and 'represented by its Dean, <name>'
            "This Agreement is made between the Faculty of Engineering, Kyushu University, Japan,\n"
            'represented by its Dean, Prof. Ken Sato (hereinafter referred to as "KU"), and the Faculty of\n'
            "Mathematics and Natural Sciences, Universitas Bengkulu, represented by its Dean, Dr. Ana Putri\n"
            '(hereinafter referred to as "FMIPA UNIB").\n\n',
            [
                "Faculty of Engineering, Kyushu University",
                "Faculty of Mathematics and Natural Sciences, Universitas Bengkulu",
            ],
        ),
        (  # the signatory and his post before the organisation, no 'atas nama'
            OPENING + "1. Samsurizal : Manager Branch PT Pelindo Cabang Bengkulu, berkedudukan di\n"
            "Jalan Pelabuhan, selanjutnya disebut PIHAK KESATU.\n\n"
            "2. Dr. Ana Putri : Rektor Universitas Bengkulu, berkedudukan di Bengkulu, selanjutnya disebut "
            "PIHAK KEDUA.\n\n",
            ["PT Pelindo Cabang Bengkulu", "Universitas Bengkulu"],
        ),
        (  # 'PIHAK KEDUA : <organisation>' rows; the post's 'Kepala Dinas' is not the name
            OPENING
            + "PIHAK PERTAMA : Universitas Bengkulu, berkedudukan di Bengkulu, dalam hal ini diwakili\n"
            "oleh Dr. Ana Putri, Rektor, selanjutnya disebut PIHAK PERTAMA.\n\n"
            "PIHAK KEDUA : Dinas Kesehatan\nKabupaten Kaur, berkedudukan di Bintuhan, dalam hal ini "
            "diwakili oleh Budi Santoso,\n"
            "Kepala Dinas, selanjutnya disebut PIHAK KEDUA.\n\n",
            ["Universitas Bengkulu", "Dinas Kesehatan Kabupaten Kaur"],
        ),
        (  # a secretariat is a unit, not a post
            OPENING
            + "1. Dr. Ir. Arif Budiman : Sekretaris Utama, bertindak untuk dan atas nama Sekretariat\n"
            'Utama Badan Riset Nasional (BRN), selanjutnya disebut sebagai "Pihak Pertama"\n\n',
            ["Sekretariat Utama Badan Riset Nasional (BRN)"],
        ),
    ],
)
def test_party_name_layouts(text: str, names: list[str]) -> None:
    assert [p.name for p in _parties(text)] == names


def test_a_place_in_the_clause_is_not_the_party() -> None:
    """Only a region or a building is named apart from the role: the role stays rather than 'Kota X'."""
    text = OPENING + (
        "1. Budi Hartono, S.E., bertempat tinggal di Jalan Merdeka No. 5, Kota Bengkulu, Kampus Universitas\n"
        "Bengkulu, selanjutnya disebut PIHAK PERTAMA.\n\n"
    )
    assert [p.name for p in _parties(text)] == ["PIHAK PERTAMA"]


def test_nama_jabatan_alamat_rows() -> None:
    """The org of the post, not the next row's label ('Alamat'); the post ends with its line."""
    text = OPENING + (
        "Nama : Dr. Ana Putri, M.Sc.\nJabatan : Rektor Universitas Jambi\n"
        "Alamat : Jl. Raya Jambi KM 15, Kota Jambi\n"
        "selanjutnya disebut PIHAK PERTAMA\n\n"
        "Nama : Budi Santoso\nJabatan : Direktur Utama PT Angkasa Pura II (Persero)\n"
        "Alamat : Gedung 600, Tangerang\n"
        "selanjutnya disebut PIHAK KEDUA\n\n"
    )
    parties = _parties(text)
    assert [p.name for p in parties] == ["Universitas Jambi", "PT Angkasa Pura II (Persero)"]
    assert [p.position for p in parties] == [
        "Rektor Universitas Jambi",
        "Direktur Utama PT Angkasa Pura II (Persero)",
    ]
    assert [p.representative for p in parties] == ["Ana Putri", "Budi Santoso"]


def test_an_english_name_title_institution_block() -> None:
    text = (
        "This Agreement is made by and between:\n\nName: Prof. Kim Lee\nTitle: President\n"
        "Institution: Dongseo University, Busan, Korea\n(hereinafter referred to as the FIRST PARTY)\n\n"
    )
    parties = _parties(text)
    assert [(p.name, p.representative) for p in parties] == [("Dongseo University", "Kim Lee")]
