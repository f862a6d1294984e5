"""Organisation names lose what follows them in the clause: address, site, legal basis, seat."""

from __future__ import annotations

import pytest

from extractors.names import clean_org


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "PT CONTOH ENERGI NUSANTARA, PLTU TELUK 2X50 MW, RT 004 RW 002 KELURAHAN X",
            "PT CONTOH ENERGI NUSANTARA",
        ),
        ("CV Maju Bersama, Jalan Merdeka No. 5 Kota Contoh", "CV Maju Bersama"),
        ("Yayasan Contoh Sejahtera, berdasarkan Akta Notaris Nomor 12", "Yayasan Contoh Sejahtera"),
        ("Koperasi Tani Makmur, dengan alamat Desa Sukamaju", "Koperasi Tani Makmur"),
        ("Example University, a university established under the laws of Utopia", "Example University"),
        ("2. Universitas Contoh, yang berkedudukan di Kota Contoh", "Universitas Contoh"),
    ],
)
def test_the_tail_after_an_organisations_name_is_cut(raw: str, name: str) -> None:
    assert clean_org(raw) == name


def test_a_comma_inside_a_name_is_kept() -> None:
    assert clean_org("Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi") == (
        "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi"
    )


def test_a_garbled_list_marker_before_titles_is_no_part_of_the_name() -> None:
    from extractors.names import clean_person

    assert clean_person("le Dr. H. Maria Rahayu, S.H., LL.M.") == "Maria Rahayu"
    assert clean_person("Al Amin") == "Al Amin"  # a short first name without titles after it stays
