"""Bilingual agreements: the prevailing version decides title, scope and obligations; duties per party."""

from __future__ import annotations

import pytest

from extractors import extract_fields
from extractors.bilingual import prevailing_language, text_language
from extractors.normalise import build_doctext
from schemas.pages import Page

TITLES = (
    "NOTA KESEPAHAMAN\nANTARA\nUNIVERSITAS MAJU\nDAN\nDEAKIN UNIVERSITY\n"
    "TENTANG\nPENDIDIKAN DAN PENELITIAN\n\n"
    "MEMORANDUM OF UNDERSTANDING\nBETWEEN\nUNIVERSITAS MAJU\nAND\nDEAKIN UNIVERSITY\nON\n"
    "EDUCATION AND RESEARCH\n\nNomor/Number: 546/UN17/KS/2017\n\n"
)
BODY = (
    "Pada hari ini Kamis tanggal 6 Juli 2017, bertempat di Jakarta, yang bertanda tangan di bawah ini:\n\n"
    "Pasal 2 RUANG LINGKUP\nRuang lingkup Nota Kesepahaman ini meliputi:\n"
    "a. Penelitian dan pengkajian bersama;\nb. Pengabdian kepada masyarakat.\n\n"
    "Article 2 SCOPE OF COOPERATION\nThe scope of this Memorandum of Understanding covers:\n"
    "a. Joint research and studies;\nb. Community service for the public.\n\n"
    "Pasal 4 HAK DAN KEWAJIBAN\nPIHAK KESATU berkewajiban:\n"
    "a. Menyediakan narasumber sesuai dengan kebutuhan;\n\n"
    "Article 4 RESPONSIBILITIES\nThe FIRST PARTY shall:\n"
    "a. Provide resource persons as the activities require;\n\n"
    "Pasal 9 PENUTUP\nIn case of any difference in interpretation, the {lang} text shall prevail.\n"
)


def _fields(lang: str) -> dict:
    return extract_fields([Page(1, TITLES + BODY.format(lang=lang), "ocr")])


@pytest.mark.parametrize(
    ("lang", "title_start", "scope", "duty"),
    [
        ("Indonesian", "NOTA KESEPAHAMAN", "Penelitian dan pengkajian bersama", "Menyediakan narasumber"),
        ("English", "MEMORANDUM OF UNDERSTANDING", "Joint research and studies", "Provide resource persons"),
    ],
)
def test_prevailing_version_decides(lang: str, title_start: str, scope: str, duty: str) -> None:
    fields = _fields(lang)
    assert fields["language"].value == "id+en"
    assert fields["title"].value.startswith(title_start)
    assert "BETWEEN" not in fields["title"].value or lang == "English"
    assert [f.value for f in fields["scope"]][0] == scope
    assert len(fields["scope"]) == 2
    assert [f.value.text[:22] for f in fields["obligations"]][0] == duty[:22]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In case of any difference in interpretation, the Indonesian text shall prevail.", "id"),
        ("The Parties agree that the English version of this Agreement shall prevail.", "en"),
        ("sepakat bahwa versi Bahasa Inggris dari Perjanjian ini yang akan berlaku untuk semua tujuan", "en"),
        ("Apabila terjadi perbedaan penafsiran, teks bahasa Indonesia yang berlaku.", "id"),
        ("Taxes follow the prevailing Indonesian tax regulations.", None),
    ],
)
def test_prevailing_language_clause(sentence: str, expected: str | None) -> None:
    doc = build_doctext([Page(1, sentence, "ocr")])
    assert prevailing_language(doc, "id+en") == expected
    assert prevailing_language(doc, "id") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pengabdian kepada masyarakat", "id"),
        ("Provide the data and information required", "en"),
        ("Student internship programmes", None),
    ],
)
def test_text_language(text: str, expected: str | None) -> None:
    assert text_language(text) == expected


def test_same_duty_for_two_parties_is_two_duties() -> None:
    text = (
        "PERJANJIAN KERJA SAMA\n\nPasal 4\nTUGAS DAN TANGGUNG JAWAB\nPIHAK PERTAMA berkewajiban:\n"
        "a. Menyediakan sarana dan prasarana yang diperlukan;\nb. Menyediakan penyuluh hukum.\n"
        "PIHAK KEDUA mempunyai tugas dan tanggung jawab:\n"
        "a. Menyediakan sarana dan prasarana yang diperlukan.\n"
        "Memorandum Of Understanding - UA\n\nPasal 5\nPENUTUP\nSelesai.\n"
    )
    duties = [(f.value.party, f.value.text) for f in extract_fields([Page(1, text, "ocr")])["obligations"]]
    assert duties == [
        ("PIHAK PERTAMA", "Menyediakan sarana dan prasarana yang diperlukan"),
        ("PIHAK PERTAMA", "Menyediakan penyuluh hukum"),
        ("PIHAK KEDUA", "Menyediakan sarana dan prasarana yang diperlukan"),
    ]
