"""One record per partner (issue 13): spellings, OCR errors, languages, units and short names merged; two
different institutions kept apart; analysts' overrides; partners of a store on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.store.partner_names import abbreviates, defined_short_names, split_unit
from pipeline.store.partners import partner_documents, partners, remove_override, resolve, set_override
from tests.portfolio_docs import TODAY, save

BENGKULU = [
    "Universitas Bengkulu",
    "UNIVERSITAS BENGKULU",
    "University of Bengkulu",
    "Bengkulu University",
    "Universitas Bengku1u",  # OCR: 1 for l
    "Univcrsitas Bengkulu",  # OCR: c for e in the kind word
    "Universitas  Bengkulu,",
    "Fakultas Teknik Universitas Bengkulu",
    "Fakuitas Ekonomi dan Bisnis Universitas Bengkulu",  # OCR: i for l in the unit word
    "Faculty of Agriculture, University of Bengkulu",
    "Lembaga Penelitian dan Pengabdian kepada Masyarakat Universitas Bengkulu",
    "Universitas Bengkulu Fakultas Hukum",
    "Universitas Bengkulu (UNIB)",
    "UNIB",
]
APART = [
    ("Universitas Bengkulu", "Universitas Muhammadiyah Bengkulu"),
    ("Universitas Negeri Padang", "Universitas Negeri Malang"),
    ("Universitas Islam Negeri Jakarta", "Universitas Islam Negeri Jambi"),
    ("Universitas Bengkulu", "Universitas Bengkalis"),
    ("Institut Teknologi Bandung", "Universitas Teknologi Bandung"),
    ("Politeknik Negeri Bandung", "Politeknik Negeri Banjarmasin"),
    (
        "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Bengkulu",
        "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Bali",
    ),  # fmt: skip
    ("Pemerintah Kabupaten Rejang Lebong", "Pemerintah Kabupaten Lebong"),
]


def test_the_spellings_of_one_university_are_one_partner():
    resolved = resolve(BENGKULU + ["Universitas Muhammadiyah Bengkulu"])
    assert {resolved[name] for name in BENGKULU} == {"Universitas Bengkulu"}
    assert resolved["Universitas Muhammadiyah Bengkulu"] == "Universitas Muhammadiyah Bengkulu"


@pytest.mark.parametrize(("one", "other"), APART, ids=[a[1] for a in APART])
def test_two_different_institutions_stay_apart(one, other):
    resolved = resolve([one, other, one.upper(), other.upper()])
    assert resolved[one] != resolved[other]
    assert resolved[one.upper()] == resolved[one] and resolved[other.upper()] == resolved[other]


def test_a_government_office_in_either_language_and_with_its_abbreviation_is_one_partner():
    names = [
        "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Bengkulu",
        "Regional Office of the Ministry of Law and Human Rights of Bengkulu",
        "Kantor Wilayah Kementerian Hukum dan HAM Bengkulu",
        "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA BENGKULU",
    ]
    assert set(resolve(names).values()) == {names[0]}
    ministry = resolve(["Kementerian Hukum dan Hak Asasi Manusia", "Ministry of Law and Human Rights"])
    assert set(ministry.values()) == {"Kementerian Hukum dan Hak Asasi Manusia"}


def test_english_and_indonesian_names_of_a_state_university_merge():
    resolved = resolve(
        ["Universitas Negeri Malang", "State University of Malang", "Universitas Negeri Padang"]
    )
    assert resolved["State University of Malang"] == "Universitas Negeri Malang"
    assert resolved["Universitas Negeri Padang"] == "Universitas Negeri Padang"


def test_a_unit_keeps_its_parent_institution_and_a_unit_word_inside_a_name_does_not_split_it():
    assert split_unit("Fakultas Teknik Universitas Bengkulu") == ("Universitas Bengkulu", "Fakultas Teknik")
    assert split_unit("School of Business, Northland University") == (
        "Northland University",
        "School of Business",
    )
    assert split_unit("Badan Pusat Statistik") == ("Badan Pusat Statistik", None)
    assert split_unit("Pusat Penelitian Kopi dan Kakao") == ("Pusat Penelitian Kopi dan Kakao", None)


def test_a_short_name_joins_the_one_partner_it_abbreviates_and_stays_apart_when_several_fit():
    assert abbreviates("UNIB", "Universitas Bengkulu") and abbreviates("ITB", "Institut Teknologi Bandung")
    assert not abbreviates("UNIB", "Universitas Muhammadiyah Bengkulu")
    assert resolve(["UNIB", "Universitas Bengkulu"])["UNIB"] == "Universitas Bengkulu"
    ambiguous = resolve(["UB", "Universitas Bengkulu", "Universitas Brawijaya"])
    assert ambiguous["UB"] == "UB"
    defined = resolve(
        ["UB", "Universitas Bengkulu", "Universitas Brawijaya"], short_names={"UB": {"Universitas Brawijaya"}}
    )
    assert defined["UB"] == "Universitas Brawijaya"


def test_short_names_defined_in_a_text():
    text = (
        "Universitas Bengkulu, selanjutnya disebut \u201cUNIB\u201d, berkedudukan di Bengkulu, dan Institut "
        "Teknologi Sepuluh Nopember (ITS), dan Dinas Pertanian Kota Makmur, selanjutnya disebut PIHAK KEDUA."
    )
    names = ["Universitas Bengkulu", "Institut Teknologi Sepuluh Nopember", "Dinas Pertanian Kota Makmur"]
    assert defined_short_names(text, names) == {
        "UNIB": "Universitas Bengkulu",
        "ITS": "Institut Teknologi Sepuluh Nopember",
    }


def test_an_override_resolves_a_name_exactly_or_keeps_it_apart():
    overrides = {"universitas bengku1u": "Universitas Bengku1u", "poltekkes bengkulu": "Universitas Bengkulu"}
    resolved = resolve(["Universitas Bengkulu", "Universitas Bengku1u", "Poltekkes Bengkulu"], overrides)
    assert resolved["Universitas Bengku1u"] == "Universitas Bengku1u"  # kept apart although alike
    assert resolved["Poltekkes Bengkulu"] == resolved["Universitas Bengkulu"] == "Universitas Bengkulu"


# partners of a store -----------------------------------------------------------------------------
def test_partners_of_the_store_with_their_agreements_status_and_overrides(any_store):
    own = "Kantor Wilayah Kementerian Hukum dan HAM Bengkulu"
    defining = "Antara Universitas Bengkulu, selanjutnya disebut \u201cUB\u201d, dan Kantor Wilayah ..."
    save(any_store, 1, "MoU", [own, "Universitas Bengkulu"], "W7-HM.05.02-0101", text=defining,
         expires=TODAY + timedelta(days=400))  # fmt: skip
    save(any_store, 2, "PKS", [own, "Fakultas Hukum Universitas Bengkulu"], "12/UN30/KS/2024",
         parent="W7-HM.05.02-0101", expires=TODAY - timedelta(days=3))  # fmt: skip
    save(any_store, 3, "MoU", [own, "UB"], "W7-HM.05.02-0555")
    save(any_store, 4, "MoU", [own, "Universitas Brawijaya"], "W7-HM.05.02-0777")
    save(any_store, 5, "MoU", [own, "Universitas Muhammadiyah Bengkulu"], "W7-HM.05.02-0999")
    found = {p.name: p for p in partners(any_store, TODAY)}
    unib = found["Universitas Bengkulu"]
    assert sorted(int(d.sha256[:2]) for d in unib.documents) == [1, 2, 3]  # 'UB' as defined by document 1
    assert unib.units == ["Fakultas Hukum"]
    assert unib.count("doc_type") == {"MoU": 2, "PKS": 1}
    assert unib.count("status") == {"active": 1, "expired": 1, "unknown": 1}
    assert unib.follow_up == {"01" * 32: "followed-up", "02" * 32: "no-follow-up", "03" * 32: "no-follow-up"}
    assert unib.numbers == ["12/UN30/KS/2024", "W7-HM.05.02-0101", "W7-HM.05.02-0555"]
    assert [int(d.sha256[:2]) for d in found["Universitas Brawijaya"].documents] == [4]
    assert [int(d.sha256[:2]) for d in found["Universitas Muhammadiyah Bengkulu"].documents] == [5]
    assert len(found[own].documents) == 5
    assert partner_documents(any_store, "bengkulu univ") == set()
    assert partner_documents(any_store, "UB") == {f"{n:02d}" * 32 for n in (1, 2, 3)}

    set_override(any_store, "UB", "Universitas Brawijaya", analyst="ana", note="letterhead of Brawijaya")
    found = {p.name: p for p in partners(any_store, TODAY)}
    assert sorted(int(d.sha256[:2]) for d in found["Universitas Brawijaya"].documents) == [3, 4]
    set_override(
        any_store, "Fakultas Hukum Universitas Bengkulu", "Fakultas Hukum Universitas Bengkulu", analyst="ana"
    )
    found = {p.name: p for p in partners(any_store, TODAY)}
    assert [int(d.sha256[:2]) for d in found["Universitas Bengkulu"].documents] == [1]
    assert remove_override(any_store, "UB") and not remove_override(any_store, "UB")
    found = {p.name: p for p in partners(any_store, TODAY)}
    assert sorted(int(d.sha256[:2]) for d in found["Universitas Bengkulu"].documents) == [1, 3]
